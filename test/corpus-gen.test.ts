/**
 * The generated corpus for scale measurements: deterministic for a seed, never naming a commune of the
 * real corpus, and read by the parser like any commune's plan (every task, lead, deadline and target
 * the generator wrote is found), in each of its layouts.
 */
import { describe, expect, it } from "vitest";
import { communes, LAYOUTS, planText, rng } from "../src/corpus-gen/generate.ts";
import { parsePlan } from "../src/plans/parse.ts";
import { foldWords } from "../src/text/normalize.ts";

describe("generated plans", () => {
  it("are the same for a seed and differ for another", () => {
    const a = communes(rng(7), 50);
    expect(communes(rng(7), 50)).toEqual(a);
    expect(communes(rng(8), 50)).not.toEqual(a);
    expect(new Set(a.map((c) => c.name)).size).toBe(50);
    const first = a[0];
    if (!first) throw new Error("no commune");
    expect(planText(rng(1), first, "inline")).toBe(planText(rng(1), first, "inline"));
  });

  it("never use the name of a commune of the real corpus", () => {
    const names = new Set(communes(rng(3), 1000).map((c) => foldWords(c.name)));
    expect(names.size).toBe(1000);
    for (const real of ["tan ky", "phu thai", "phu lien", "cat hai", "tinh hai"])
      expect(names.has(real)).toBe(false);
  });

  it.each(LAYOUTS)("are read whole by the parser in the %s layout", (layout) => {
    const r = rng(11);
    for (const c of communes(r, 8)) {
      const text = planText(r, c, layout);
      const plan = parsePlan({ id: "gen", file: "gen.txt", text });
      expect(plan.locality).toEqual({ kind: c.kind, name: c.name });
      expect(plan.issuer?.name).toBe(`Ủy ban nhân dân ${c.kind} ${c.name}`);
      expect(plan.period.label).toBe(`năm ${c.year}`);
      // As many tasks as the generator wrote, each with its lead where the layout gives one.
      const written = {
        inline: /^- Cơ quan chủ trì:/gmu,
        appendix: /^\d+\t(?!Tỷ lệ).*\t.*\t/gmu,
        duties: /^- Chủ trì /gmu,
        "table-targets": /^- Cơ quan chủ trì:/gmu,
      }[layout];
      const count = [...text.matchAll(written)].length;
      expect(count).toBeGreaterThanOrEqual(6);
      expect(plan.tasks.filter((t) => t.lead.length > 0).length).toBeGreaterThanOrEqual(count);
      expect(plan.indicators.length).toBeGreaterThanOrEqual(4);
      for (const i of plan.indicators) expect(i.target?.value).toBeGreaterThan(0);
    }
  });
});
