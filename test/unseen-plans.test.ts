/**
 * Answering over plans the code was never tuned on: the fixture corpus (other communes, other labels,
 * other table layouts). Questions are generated from each fixture's independent expected.json.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../src/answer/answerer.ts";
import { containsFolded } from "../src/eval/golden.ts";
import type { Knowledge } from "../src/runtime/knowledge.ts";
import { isVerbatim } from "../src/text/quote.ts";
import { FIXTURES_DIR } from "./helpers/corpus.ts";
import { localKnowledge } from "./helpers/knowledge.ts";

interface Expected {
  id: string;
  locality: { name: string };
  tasks: Array<{
    match: string;
    lead: string[];
    deadline: { raw: string | null; kind: string; end: string | null };
  }>;
  indicators: Array<{ match: string; target: string }>;
}

const fixtures = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith(".expected.json"))
  .map((f) => JSON.parse(readFileSync(join(FIXTURES_DIR, f), "utf8")) as Expected);

let knowledge: Knowledge;
let answerer: Answerer;

beforeAll(async () => {
  ({ knowledge, answerer } = await localKnowledge(FIXTURES_DIR));
});

describe.each(fixtures)("unseen plan $id", (fx) => {
  it("answers who leads each task and by when, citing the plan verbatim", async () => {
    const misses: string[] = [];
    for (const t of fx.tasks) {
      const r = await answerer.ask({
        question: `Ở ${fx.locality.name}, ai chủ trì ${t.match}, hạn khi nào?`,
      });
      const wantDeadline = t.deadline.raw ?? "theo thời gian của kế hoạch";
      const ok =
        !r.abstained &&
        t.lead.every((l) => containsFolded(r.answer, l)) &&
        containsFolded(r.answer, wantDeadline) &&
        r.citations.some((c) => c.plan === fx.id) &&
        r.citations.every((c) =>
          isVerbatim(knowledge.sources[c.plan] as string, c.lines[0], c.lines[1], c.quote),
        );
      if (!ok) misses.push(`${t.match} → ${r.answer.slice(0, 200)}`);
    }
    expect(misses, misses.join("\n")).toEqual([]);
  });

  it("answers each target", async () => {
    const misses: string[] = [];
    for (const i of fx.indicators) {
      const r = await answerer.ask({ question: `${fx.locality.name} đặt chỉ tiêu ${i.match} là bao nhiêu?` });
      if (r.abstained || !containsFolded(r.answer, i.target))
        misses.push(`${i.match} → ${r.answer.slice(0, 160)}`);
    }
    expect(misses, misses.join("\n")).toEqual([]);
  });
});

describe("long task lists across several plans", () => {
  it("shows at most 10 tasks, each commune heading with tasks under it, and counts the rest", async () => {
    const r = await answerer.ask({ question: "việc nào đã quá hạn", now: "2027-12-30" });
    const lines = r.answer.split("\n");
    const bullets = lines.filter((l) => l.startsWith("• "));
    const dated = knowledge.plans.flatMap((p) =>
      p.tasks.filter((t) => t.deadline.end !== null && t.deadline.kind !== "plan-period"),
    );
    expect(dated.length).toBeGreaterThan(10);
    expect(bullets).toHaveLength(10);
    lines.forEach((line, i) => {
      if (/nhiệm vụ đã quá hạn.*:$/u.test(line)) expect(lines[i + 1]).toMatch(/^• /u);
    });
    expect(r.answer).toMatch(/… và \d+ nhiệm vụ khác\./u);
    expect(r.plans).toEqual([...new Set(r.tasks.map((t) => t.plan))]);
  });
});
