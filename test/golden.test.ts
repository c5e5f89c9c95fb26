/**
 * The golden question set, run in-process on the real corpus: npm test fails when quality drops below
 * the checked-in thresholds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Answerer } from "../src/answer/answer.ts";
import { readGolden } from "../src/eval/golden.ts";
import { type EvalReport, runGoldenWithAccents } from "../src/eval/run.ts";
import { LocalHashEmbeddings } from "../src/retrieval/embeddings/local.ts";
import { buildKnowledge } from "../src/runtime/knowledge.ts";
import { CORPUS_DIR, ROOT } from "./helpers/corpus.ts";

const thresholds = JSON.parse(readFileSync(join(ROOT, "test/golden/thresholds.json"), "utf8")) as {
  overallPassRate: number;
  byType: Record<string, number>;
  verbatimQuoteRate: number;
  maxUnaccentedGap: number;
};

let report: EvalReport;

beforeAll(async () => {
  const embeddings = new LocalHashEmbeddings();
  const knowledge = await buildKnowledge(CORPUS_DIR, { embeddings, identity: embeddings.identity });
  const answerer = new Answerer(knowledge);
  const golden = await readGolden(join(ROOT, "test/golden/golden.jsonl"));
  report = await runGoldenWithAccents(
    golden,
    (q) => answerer.ask({ question: q.question, ...(q.now ? { now: q.now } : {}) }),
    knowledge.sources,
  );
});

describe("golden question set", () => {
  it("has at least 150 questions covering every plan and every type", async () => {
    const golden = await readGolden(join(ROOT, "test/golden/golden.jsonl"));
    expect(golden.length).toBeGreaterThanOrEqual(150);
    for (const type of ["task", "unit", "due", "indicator", "plan", "general", "out_of_scope"]) {
      expect(golden.some((q) => q.type === type)).toBe(true);
    }
    for (const plan of [
      "phu-thai-2025-h2",
      "cat-hai-2025-h2",
      "phu-lien-2025",
      "tinh-hai-2024",
      "tan-ky-2026",
    ]) {
      expect(golden.filter((q) => q.plan === plan).length).toBeGreaterThanOrEqual(10);
    }
  });

  it("passes at or above the checked-in thresholds", () => {
    const failures = report.failures.map((f) => `${f.id}: ${f.reasons.join("; ")}`);
    expect(report.passRate, failures.join("\n")).toBeGreaterThanOrEqual(thresholds.overallPassRate);
    for (const [type, min] of Object.entries(thresholds.byType)) {
      expect(report.byType[type]?.passRate ?? 0, `${type}\n${failures.join("\n")}`).toBeGreaterThanOrEqual(
        min,
      );
    }
  });

  it("quotes every citation verbatim and cites every answer it gives", () => {
    expect(report.overall.verbatimRate).toBeGreaterThanOrEqual(thresholds.verbatimQuoteRate);
    expect(report.failures.filter((f) => f.reasons.includes("no citation"))).toEqual([]);
  });

  it("answers questions typed without diacritics as well as accented ones", () => {
    const a = report.accents;
    expect(a).toBeDefined();
    expect((a?.accented.passRate ?? 0) - (a?.accentedStripped.passRate ?? 0)).toBeLessThanOrEqual(
      thresholds.maxUnaccentedGap,
    );
  });
});
