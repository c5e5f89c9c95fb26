/**
 * Plans the parser was not written against: other communes, other labels, other column orders.
 * Each fixture has an expected.json written independently of the parser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseQuantity } from "../src/plans/indicators.ts";
import { fold, normalizeVietnamese } from "../src/text/normalize.ts";
import { corpusLines, FIXTURES_DIR, plan } from "./helpers/corpus.ts";

interface Expected {
  id: string;
  locality: { kind: string; name: string };
  province: string;
  district: string | null;
  period: { start: string; end: string };
  signer: { name: string; title: string };
  tasks: Array<{
    match: string;
    lead: string[];
    coordinators: string[];
    deadline: { raw: string | null; kind: string; end: string | null };
  }>;
  indicators: Array<{ match: string; target: string; comparator: string }>;
  units: string[];
}

const fixtures = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith(".expected.json"))
  .map((f) => JSON.parse(readFileSync(join(FIXTURES_DIR, f), "utf8")) as Expected);

describe.each(fixtures)("fixture $id", (expected) => {
  const p = plan(expected.id, FIXTURES_DIR);

  it("reads locality, province, period and signer", () => {
    expect(p.locality).toEqual(expected.locality);
    expect(p.province).toMatchObject({ name: expected.province, district: expected.district });
    const [from, to] = p.province.lines ?? [0, -1];
    const named = [expected.district, expected.province].filter(Boolean).map((n) => fold(n as string));
    const cited = fold(
      corpusLines(expected.id, FIXTURES_DIR)
        .slice(from - 1, to)
        .join(" "),
    );
    expect(
      named.some((n) => cited.includes(n)),
      cited,
    ).toBe(true);
    expect(p.period).toMatchObject(expected.period);
    expect(p.signer).toMatchObject(expected.signer);
  });

  it.each(expected.tasks)("task «$match»", (t) => {
    const found = p.tasks.filter((x) => fold(`${x.title} ${x.description}`).includes(fold(t.match)));
    expect(found.length).toBeGreaterThan(0);
    const task = found[0];
    // The model keeps names as written, in the one tone placement it uses everywhere ("hoá" → "hóa").
    expect(task?.lead).toEqual(t.lead.map(normalizeVietnamese));
    expect(task?.coordinators).toEqual(t.coordinators.map(normalizeVietnamese));
    expect(task?.deadline.kind).toBe(t.deadline.kind);
    expect(task?.deadline.end).toBe(t.deadline.end);
    expect(task?.deadline.raw).toBe(t.deadline.raw ?? "");
  });

  it.each(expected.indicators)("indicator «$match»", (i) => {
    const found = p.indicators.find((x) => fold(`${x.name} ${x.statement}`).includes(fold(i.match)));
    expect(found).toBeDefined();
    const want = parseQuantity(i.target);
    expect(found?.target.value).toBe(want.value);
    expect(found?.target.unit).toBe(want.unit);
    expect(found?.target.comparator).toBe(i.comparator);
  });

  it("lists the units of Tổ chức thực hiện", () => {
    const named = p.units.filter((u) => u.section !== null).map((u) => u.name);
    for (const u of expected.units) expect(named.map(fold)).toContain(fold(u));
  });
});
