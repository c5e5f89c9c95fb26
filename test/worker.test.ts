/**
 * The Cloudflare Workers entry: the same app over a bundle of the snapshot, in-process, and on workerd
 * itself (`wrangler dev`, offline, on 127.0.0.1).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Answerer } from "../src/answer/answer.ts";
import { createApp } from "../src/api/app.ts";
import { chunkContent } from "../src/retrieval/chunks.ts";
import { LocalHashEmbeddings } from "../src/retrieval/embeddings/local.ts";
import { buildKnowledge, type Knowledge } from "../src/runtime/knowledge.ts";
import { createWorker, encodeVectors } from "../src/runtime/worker.ts";
import { CORPUS_DIR } from "./helpers/corpus.ts";
import { runScript, startScript } from "./helpers/run.ts";
import { scratch } from "./helpers/tmp.ts";

let knowledge: Knowledge;

beforeAll(async () => {
  const embeddings = new LocalHashEmbeddings();
  knowledge = await buildKnowledge(CORPUS_DIR, { embeddings, identity: embeddings.identity });
});

const ask = (fetcher: { fetch: (r: Request) => Promise<Response> | Response }, question: string) =>
  fetcher.fetch(
    new Request("http://worker.test/v1/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question }),
    }),
  );

describe("the Workers entry", () => {
  it("answers like the Node app, from a bundle with the exact vector scan", async () => {
    const vectors = new Float32Array(knowledge.chunks.length * 1024);
    const planOf = (id: string) =>
      knowledge.plans.find((p) => p.id === id) as (typeof knowledge.plans)[number];
    const all = await knowledge.embedder.embeddings.embedDocuments(
      knowledge.chunks.map((c) => chunkContent(planOf(c.plan), c)),
    );
    all.forEach((v, i) => {
      vectors.set(v, i * 1024);
    });
    const worker = createWorker({
      name: "test",
      embedder: knowledge.embedder.identity,
      plans: knowledge.plans,
      chunks: knowledge.chunks,
      sources: knowledge.sources,
      problems: [],
      vectors: encodeVectors(vectors),
    });
    const answerer = new Answerer(knowledge);
    const node = createApp({
      knowledge,
      answers: { mode: "extractive", ask: (input) => answerer.ask(input) },
    });
    for (const q of [
      "ai chủ trì nâng cấp mạng LAN Tân Kỳ, hạn khi nào",
      "phong vhxh phu lien lam gi",
      "chỉ tiêu hồ sơ trực tuyến Tân Kỳ",
    ]) {
      const a = (await (await ask(worker, q)).json()) as { answer: string };
      const b = (await (await ask({ fetch: (r) => node.fetch(r) }, q)).json()) as { answer: string };
      expect(a.answer).toBe(b.answer);
    }
    const health = (await (await worker.fetch(new Request("http://worker.test/health"))).json()) as {
      index: { vectorIndex: string };
    };
    expect(health.index.vectorIndex).toBe("exact");
  });
});

describe("on workerd (wrangler dev, offline)", () => {
  const dirs = scratch();
  let dev: ReturnType<typeof startScript> | null = null;
  afterAll(() => {
    dev?.kill("SIGTERM");
    dirs.cleanup();
  });

  it("serves /health and /v1/ask", async () => {
    const out = join(dirs.root, "worker");
    const built = await runScript("scripts/build-worker.ts", [], {
      DATA_DIR: dirs.dataDir,
      WORKER_OUT_DIR: out,
    });
    expect(built.code, built.stderr).toBe(0);
    const config = join(out, "wrangler.toml");
    writeFileSync(config, `name = "cds-test"\nmain = "index.ts"\ncompatibility_date = "2025-09-01"\n`);
    const port = 8700 + Math.floor(Math.random() * 80);
    dev = startScript(
      "node_modules/wrangler/bin/wrangler.js",
      ["dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port), "--log-level", "error"],
      { WRANGLER_SEND_METRICS: "false", CI: "1" },
    );
    let health: Response | null = null;
    for (let i = 0; i < 120 && !health; i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
    }
    expect(health?.status).toBe(200);
    const res = await ask(
      { fetch: (r) => fetch(new Request(`http://127.0.0.1:${port}/v1/ask`, r)) },
      "ai chủ trì nâng cấp mạng LAN Tân Kỳ",
    );
    const body = (await res.json()) as { answer: string; citations: unknown[] };
    expect(body.answer).toMatch(/Văn phòng HĐND và UBND xã/u);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(readFileSync(join(out, "index.ts"), "utf8")).toMatch(/createWorker/u);
  }, 120_000);
});
