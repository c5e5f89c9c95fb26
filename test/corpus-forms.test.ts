/**
 * The five real plans as Word and PDF files (made from their text with LibreOffice): read through the
 * same path as ingest, they must give the plan the text gives.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../src/plans/load.ts";
import type { Plan } from "../src/plans/schema.ts";
import { CORPUS_DIR, CORPUS_IDS, FIXTURES_DIR } from "./helpers/corpus.ts";

const FORMS = join(FIXTURES_DIR, "corpus-forms");
const byId = (plans: Plan[]) => new Map(plans.map((p) => [p.id, p]));
const facts = (p: Plan) => ({
  locality: p.locality,
  province: [p.province.name, p.province.district],
  number: p.number,
  issued: p.issued?.date ?? null,
  period: p.period,
  signer: p.signer ? [p.signer.name, p.signer.title] : null,
  implements: p.implements.map((r) => r.number),
});
const tasks = (p: Plan) =>
  p.tasks.map((t) => [t.title, t.lead, t.coordinators, t.deadline.kind, t.deadline.end]);

let text: Map<string, Plan>;
let docx: Map<string, Plan>;
let pdf: Map<string, Plan>;

beforeAll(async () => {
  text = byId((await loadCorpus(CORPUS_DIR)).plans);
  docx = byId((await loadCorpus(join(FORMS, "docx"))).plans);
  pdf = byId((await loadCorpus(join(FORMS, "pdf"))).plans);
});

describe.each(CORPUS_IDS)("%s", (id) => {
  it("reads the same plan from its Word file as from its text", () => {
    const t = text.get(id) as Plan;
    const d = docx.get(id) as Plan;
    expect(d.source.format).toBe("docx");
    expect(facts(d)).toEqual(facts(t));
    expect(tasks(d)).toEqual(tasks(t));
    expect(d.indicators.map((i) => [i.name, i.target.value, i.target.comparator])).toEqual(
      t.indicators.map((i) => [i.name, i.target.value, i.target.comparator]),
    );
    expect(d.units.map((u) => u.name)).toEqual(t.units.map((u) => u.name));
  });

  it("reads the plan's facts from its PDF, with the page of every line", () => {
    const t = text.get(id) as Plan;
    const p = pdf.get(id) as Plan;
    expect(p.source).toMatchObject({ format: "pdf", ocr: false });
    expect(p.source.pageCount).toBeGreaterThan(1);
    // Pages that hold text each have a first line, in order.
    const starts = p.source.pageStarts ?? [];
    expect(starts.length).toBeGreaterThan(1);
    expect(starts.length).toBeLessThanOrEqual(p.source.pageCount ?? 0);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(facts(p)).toEqual(facts(t));
    // Tân Kỳ's tab-separated tables wrap across the printed page: its prose tasks still read the same.
    if (id !== "tan-ky-2026") expect(tasks(p)).toEqual(tasks(t));
  });
});
