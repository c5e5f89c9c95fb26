/**
 * Plans of communes the code was never written against, in every form they were issued (text, Word,
 * PDF, scan), each with an expected.json and golden questions written independently of the parser.
 * Every form is read through the same path as `npm run ingest`: the corpus folder holds that one file.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Citation } from "../src/answer/citations.ts";
import { createAnswering } from "../src/answer/service.ts";
import { createApp } from "../src/api/app.ts";
import { containsFolded, parseGolden } from "../src/eval/golden.ts";
import { scoreAnswer } from "../src/eval/score.ts";
import { DEFAULT_READ_OPTIONS, loadPlanCorpus } from "../src/plans/load.ts";
import type { Plan } from "../src/plans/schema.ts";
import { localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { buildKnowledge } from "../src/runtime/corpus-knowledge.ts";
import { fold, normalizeVietnamese } from "../src/text/normalize.ts";
import { isVerbatim } from "../src/text/quote.ts";
import { FIXTURES_DIR } from "./helpers/corpus.ts";

interface Expected {
  id: string;
  forms: string[];
  locality: { kind: string; name: string };
  province: string | null;
  district: string | null;
  number: string | null;
  issued: string | null;
  period: { start: string; end: string };
  signer: { name: string; title: string } | null;
  implements: Array<{ type: string; number: string | null }>;
  legalBases: Array<{ type: string; number: string | null; match?: string }>;
  tasks: Array<{
    match: string;
    lead: string[];
    coordinators: string[];
    deadline: { raw: string | null; kind: string; end: string | null };
    product?: string | null;
    group?: string | null;
  }>;
  indicators: Array<{ match: string; target: string; comparator: string; baseline?: string | null }>;
  units: string[];
}

const PLANS_DIR = join(FIXTURES_DIR, "plans");
const EXT: Record<string, string> = { txt: ".txt", docx: ".docx", pdf: ".pdf" };

const fixtures = existsSync(PLANS_DIR)
  ? readdirSync(PLANS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(PLANS_DIR, d.name, "expected.json")))
      .map((d) => JSON.parse(readFileSync(join(PLANS_DIR, d.name, "expected.json"), "utf8")) as Expected)
  : [];

const forms = fixtures.flatMap((fx) =>
  Object.keys(EXT)
    .filter((f) => existsSync(join(PLANS_DIR, fx.id, `${fx.id}${EXT[f]}`)))
    .map((form) => ({ fx, form, label: `${fx.id} (${form})` })),
);

const same = (a: string, b: string) =>
  fold(normalizeVietnamese(a)).trim() === fold(normalizeVietnamese(b)).trim();
const units = (xs: readonly string[]) => xs.map((u) => fold(normalizeVietnamese(u)));

/** "1.200" is twelve hundred and "83,77" a decimal, as Vietnamese writes numbers. */
function viNumber(text: string): number | null {
  const m = /\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?/u.exec(text);
  return m ? Number(m[0].replaceAll(".", "").replace(",", ".")) : null;
}

/** Each expected fact as a named check; the test reports how many hold. */
function checks(p: Plan, fx: Expected): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [
    ["locality", p.locality.kind === fx.locality.kind && same(p.locality.name, fx.locality.name)],
    ["province", (p.province.name ?? null) === fx.province],
    ["district", (p.province.district ?? null) === fx.district],
    ["number", p.number === fx.number],
    ["issued", (p.issued?.date ?? null) === fx.issued],
    ["period", p.period.start === fx.period.start && p.period.end === fx.period.end],
  ];
  if (fx.signer) {
    out.push([
      "signer",
      p.signer !== null && same(p.signer.name, fx.signer.name) && same(p.signer.title, fx.signer.title),
    ]);
  }
  for (const ref of fx.implements) {
    out.push([
      `implements ${ref.type} ${ref.number}`,
      p.implements.some((r) => r.type === ref.type && r.number === ref.number),
    ]);
  }
  for (const ref of fx.legalBases) {
    out.push([
      `legal basis ${ref.type} ${ref.number ?? ref.match}`,
      p.legalBases.some(
        (r) =>
          // "Chương trình hành động" is a "Chương trình": the narrower type names the same document.
          (r.type === ref.type || r.type.startsWith(`${ref.type} `)) &&
          r.number === ref.number &&
          (ref.number !== null || !ref.match || containsFolded(r.text, ref.match)),
      ),
    ]);
  }
  for (const t of fx.tasks) {
    const task = p.tasks.find((x) => containsFolded(`${x.title} ${x.description}`, t.match));
    const name = `task «${t.match}»`;
    out.push([`${name} found`, task !== undefined]);
    if (!task) continue;
    out.push([
      `${name} lead ${JSON.stringify(task.lead)}`,
      JSON.stringify(units(task.lead)) === JSON.stringify(units(t.lead)),
    ]);
    out.push([
      `${name} coordinators ${JSON.stringify(task.coordinators)}`,
      JSON.stringify(units(task.coordinators)) === JSON.stringify(units(t.coordinators)),
    ]);
    out.push([
      `${name} deadline ${JSON.stringify(task.deadline)}`,
      task.deadline.kind === t.deadline.kind && task.deadline.end === t.deadline.end,
    ]);
    const raw = t.deadline.raw ?? "";
    out.push([
      `${name} deadline as written «${task.deadline.raw}»`,
      raw === ""
        ? task.deadline.raw === ""
        : containsFolded(raw, task.deadline.raw) && task.deadline.raw !== "",
    ]);
    if (t.product !== undefined)
      out.push([
        `${name} product «${task.product}»`,
        t.product === null ? task.product === null : task.product !== null && same(task.product, t.product),
      ]);
    if (t.group !== undefined)
      out.push([
        `${name} group «${task.group}»`,
        t.group === null ? task.group === null : task.group !== null && same(task.group, t.group),
      ]);
  }
  for (const i of fx.indicators) {
    // One statement may hold several targets ("…; …; …"): the indicator whose own name matches first.
    const found =
      p.indicators.find((x) => containsFolded(x.name, i.match)) ??
      p.indicators.find((x) => containsFolded(`${x.name} ${x.statement}`, i.match));
    const name = `indicator «${i.match}»`;
    out.push([`${name} found`, found !== undefined]);
    if (!found) continue;
    out.push([
      `${name} target ${found.target.raw}`,
      found.target.value === viNumber(i.target) && found.target.comparator === i.comparator,
    ]);
    if (i.baseline !== undefined) {
      const base = i.baseline ? viNumber(i.baseline) : null;
      out.push([`${name} baseline ${found.baseline?.raw}`, (found.baseline?.value ?? null) === base]);
    }
  }
  const named = p.units.map((u) => fold(u.name));
  for (const u of fx.units) out.push([`unit ${u}`, named.includes(fold(normalizeVietnamese(u)))]);
  return out;
}

const root = mkdtempSync(join(tmpdir(), "cds-fixtures-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function corpusOf(fx: Expected, form: string): string {
  const dir = join(root, `${fx.id}-${form}`);
  mkdirSync(dir, { recursive: true });
  const file = `${fx.id}${EXT[form]}`;
  copyFileSync(join(PLANS_DIR, fx.id, file), join(dir, file));
  return dir;
}

const readOptions = { ...DEFAULT_READ_OPTIONS, ocr: true };

/**
 * Every form must read every expected fact and pass 95% of its golden questions. A form that cannot
 * yet (a scan read by OCR) is listed in floors.json with what it reaches today; it fails below that,
 * and its floor only goes up.
 */
const floors = JSON.parse(readFileSync(join(PLANS_DIR, "floors.json"), "utf8")) as Record<
  string,
  { facts?: number; golden?: number }
>;

describe.each(forms)("fixture $label", ({ fx, form }) => {
  let plan: Plan;
  let corpusDir: string;

  beforeAll(async () => {
    corpusDir = corpusOf(fx, form);
    const corpus = await loadPlanCorpus(corpusDir, readOptions);
    expect(corpus.problems).toEqual([]);
    plan = corpus.plans[0] as Plan;
  });

  it("parses to its expected facts", () => {
    const results = checks(plan, fx);
    const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
    const share = (results.length - failed.length) / results.length;
    console.log(`${fx.id} (${form}): ${results.length - failed.length}/${results.length} facts`);
    const floor = floors[`${fx.id}.${form}`]?.facts ?? 1;
    expect(share, `below the floor ${floor}; missing:\n${failed.join("\n")}`).toBeGreaterThanOrEqual(floor);
  });

  it("answers its golden questions through POST /v1/ask, quoting the stored text verbatim", async () => {
    const golden = parseGolden(
      readFileSync(join(PLANS_DIR, fx.id, "golden.jsonl"), "utf8"),
      `${fx.id}/golden.jsonl`,
    );
    expect(golden.length).toBeGreaterThanOrEqual(15);
    const knowledge = await buildKnowledge(corpusDir, localEmbedder(), readOptions);
    const app = createApp({
      knowledge,
      answers: createAnswering(knowledge),
    });
    const misses: string[] = [];
    let passed = 0;
    for (const q of golden) {
      const res = await app.request("/v1/ask", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: q.question, ...(q.now ? { now: q.now } : {}) }),
      });
      expect(res.status).toBe(200);
      const a = (await res.json()) as Parameters<typeof scoreAnswer>[1];
      for (const c of a.citations as Array<Citation>) {
        expect(
          isVerbatim(knowledge.sources[c.plan] as string, c.lines[0], c.lines[1], c.quote),
          c.quote,
        ).toBe(true);
        // The citation names the commune's own file, and the page for a PDF.
        expect(c.file).toBe(`${fx.id}${EXT[form]}`);
        if (form === "pdf") expect(c.page).toBeGreaterThanOrEqual(1);
        else expect(c.page).toBeNull();
        expect(c.ocr).toBe(plan.source.ocr);
      }
      const score = scoreAnswer(q, a, knowledge.sources, 0);
      if (score.passed) passed++;
      else misses.push(`${q.id} ${q.question} → ${score.reasons.join("; ")} :: ${a.answer.slice(0, 160)}`);
    }
    console.log(`${fx.id} (${form}): golden ${passed}/${golden.length}`);
    const floor = floors[`${fx.id}.${form}`]?.golden ?? 0.95;
    expect(passed / golden.length, misses.join("\n")).toBeGreaterThanOrEqual(floor);
  });
});
