/**
 * The golden question set, run in-process on the real corpus: npm test fails when quality drops below
 * the checked-in thresholds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type GoldenQuestion, readGolden } from "../src/eval/golden.ts";
import { type EvalReport, runGolden, runGoldenWithAccents } from "../src/eval/run.ts";
import { CORPUS_IDS, ROOT } from "./helpers/corpus.ts";
import { localKnowledge } from "./helpers/knowledge.ts";

const thresholds = JSON.parse(readFileSync(join(ROOT, "test/golden/thresholds.json"), "utf8")) as {
  overallPassRate: number;
  byType: Record<string, number>;
  verbatimQuoteRate: number;
  maxUnaccentedGap: number;
  blindPassRate: number;
  intentAccuracy: number;
};

let report: EvalReport;
/** Written by helpers who read only the plans, never the rules: each reported apart. */
let blinds: Array<{ file: string; report: EvalReport }>;
const BLIND_FILES = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
].map((n) => `test/golden/blind${n === 1 ? "" : n}.jsonl`);
let golden: GoldenQuestion[];

beforeAll(async () => {
  const { knowledge, answerer } = await localKnowledge();
  golden = await readGolden(join(ROOT, "test/golden/golden.jsonl"));
  const ask = (q: GoldenQuestion) => answerer.ask({ question: q.question, ...(q.now ? { now: q.now } : {}) });
  report = await runGoldenWithAccents(golden, ask, knowledge.sources);
  blinds = await Promise.all(
    BLIND_FILES.map(async (file) => ({
      file,
      report: await runGolden(await readGolden(join(ROOT, file)), ask, knowledge.sources),
    })),
  );
});

describe("golden question set", () => {
  it("has at least 450 questions covering every plan and every type", () => {
    expect(golden.length + blinds.reduce((n, b) => n + b.report.total, 0)).toBeGreaterThanOrEqual(450);
    for (const type of ["task", "unit", "due", "indicator", "plan", "general", "out_of_scope"]) {
      expect(golden.some((q) => q.type === type)).toBe(true);
    }
    for (const plan of CORPUS_IDS) {
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

  it.each(BLIND_FILES)("answers the questions written without reading the rules (%s)", (file) => {
    const blind = blinds.find((b) => b.file === file)?.report as EvalReport;
    const failures = blind.failures.map((f) => `${f.id}: ${f.reasons.join("; ")}`);
    expect(blind.passRate, failures.join("\n")).toBeGreaterThanOrEqual(thresholds.blindPassRate);
    expect(blind.overall.verbatimRate ?? 1).toBeGreaterThanOrEqual(thresholds.verbatimQuoteRate);
  });

  it("gives each answer as the intent of its question's type, over every golden file", () => {
    const all = [report, ...blinds.map((b) => b.report)];
    const n = all.reduce((sum, r) => sum + r.total, 0);
    const right = all.reduce((sum, r) => sum + (r.overall.intentAccuracy ?? 0) * r.total, 0);
    expect(right / n).toBeGreaterThanOrEqual(thresholds.intentAccuracy);
  });
});
