/**
 * Prometheus metrics for the Node server (`GET /metrics`): requests and their latency (@hono/prometheus),
 * answers by intent and mode, abstentions, LLM fallbacks and the age of the snapshot served. The Worker
 * has none (prom-client needs Node); the app works the same without them.
 */
import { prometheus } from "@hono/prometheus";
import type { Context, MiddlewareHandler } from "hono";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

export interface Metrics {
  /** Counts requests and times them, by method, route and status. */
  middleware: MiddlewareHandler;
  print: (c: Context) => Promise<Response>;
  answered(result: { intent: string; mode: string; abstained: boolean }): void;
}

/** `snapshotBuiltAt` is read at each scrape: the snapshot changes under a running server. */
export function createMetrics(snapshotBuiltAt: () => string | null): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "cds_" });
  const { printMetrics, registerMetrics } = prometheus({ registry, prefix: "cds_" });
  const answers = new Counter({
    name: "cds_answers_total",
    help: "Answers given, by intent and mode (extractive, llm, extractive-fallback).",
    labelNames: ["intent", "mode"] as const,
    registers: [registry],
  });
  const abstentions = new Counter({
    name: "cds_abstentions_total",
    help: "Answers that said the plans do not say it.",
    labelNames: ["intent"] as const,
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: "cds_llm_fallbacks_total",
    help: "LLM answers replaced by the extractive answer.",
    registers: [registry],
  });
  new Gauge({
    name: "cds_snapshot_age_seconds",
    help: "Seconds since the snapshot being served was built.",
    registers: [registry],
    collect() {
      const at = snapshotBuiltAt();
      this.set(at ? Math.max(0, (Date.now() - Date.parse(at)) / 1000) : 0);
    },
  });
  return {
    middleware: registerMetrics,
    print: (c) => printMetrics(c),
    answered({ intent, mode, abstained }) {
      answers.inc({ intent, mode });
      if (abstained) abstentions.inc({ intent });
      if (mode === "extractive-fallback") fallbacks.inc();
    },
  };
}
