/** What several handlers share: saying what a plan leaves out, near misses, passages ranked by cover. */

import { COUNTED_THINGS } from "../../lexicon/vi/questions.ts";
import type { Indicator, Plan, Task } from "../../plans/schema.ts";
import type { Chunk } from "../../retrieval/chunks.ts";
import { expandQuestion } from "../../retrieval/rewrite.ts";
import type { SearchHit } from "../../retrieval/search.ts";
import { formatViDate } from "../../text/dates.ts";
import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { passageText } from "../corpus.ts";
import { abstention, type Evidence, type Item, type Source } from "../evidence.ts";
import { clip, placeInText } from "../format.ts";
import type { Intent } from "../intents.ts";
import { coverage, coversRarest, isEmptyTopic, type Topic } from "../match.ts";
import { pastYears } from "../past.ts";

export type Handler = (c: AskContext) => Evidence | null | Promise<Evidence | null>;

/** "Kế hoạch của xã Tân Kỳ không nêu …" / "Các kế hoạch hiện có không nêu …". */
export function notSaid(c: AskContext, what: string): string {
  const where =
    c.plans.length === 1 ? `Kế hoạch của ${placeInText(c.plans[0] as Plan)}` : "Các kế hoạch hiện có";
  return `${where} không nêu ${what}.`;
}

/** An abstention with the tasks nearest the question's topic, marked as suggestions. */
export function abstainNear(c: AskContext, intent: Intent, why: string): Evidence {
  const topic = c.topic();
  if (isEmptyTopic(topic)) return abstention(intent, why);
  const near = c.plans
    .flatMap((plan) =>
      plan.tasks.filter((t) => t.origin !== "responsibility").map((task) => ({ plan, task })),
    )
    .map((x) => ({ ...x, score: coverage(c.corpus.stats, topic, `${x.task.title} ${x.task.description}`) }))
    .filter((x) => x.score > c.policy.suggestion)
    .sort((a, b) => b.score - a.score)
    .slice(0, c.policy.limits.suggestions);
  const items: Item[] = near.map(({ plan, task }) => ({
    kind: "suggestion",
    plan,
    task,
    focus: topic.unigrams,
  }));
  return abstention(intent, why, items);
}

export interface RankedPassage extends SearchHit {
  text: string;
  cover: number;
}

/** The retrieved passages ordered by how well they cover the topic. */
export async function rankedPassages(c: AskContext, topic: Topic): Promise<RankedPassage[]> {
  // "Năm 2023 … được bao nhiêu" of a plan for 2024: a passage under a heading of another year (the
  // plan's own targets) is about that year, not the one asked.
  const past = pastYears(c);
  const otherYear = (h: SearchHit) => {
    if (past.length === 0) return false;
    const years = h.chunk.headingPath.join(" ").match(/(?<!\d)(?:19|20)\d{2}(?!\d)/gu) ?? [];
    return years.length > 0 && !years.some((y) => past.includes(Number(y)));
  };
  return (await c.passages())
    .map((h) => {
      const text = passageText(h.chunk);
      const cover = coverage(c.corpus.stats, topic, text) - (otherYear(h) ? 0.2 : 0);
      return { ...h, text, cover };
    })
    .sort((a, b) => b.cover - a.cover || b.score - a.score);
}

/** A passage beats a structured match when it covers the topic clearly better (and says what is asked). */
export async function passageIsBetter(
  c: AskContext,
  topic: Topic,
  structured: number,
  mustSay?: (text: string) => boolean,
): Promise<boolean> {
  // A passage covers at most the whole topic: past this, none can lead by enough, and none is searched.
  if (structured + c.policy.passageLead > 1) return false;
  const best = (await rankedPassages(c, topic))[0];
  if (best && mustSay && !mustSay(best.chunk.text)) return false;
  return Boolean(
    best && best.cover >= structured + c.policy.passageLead && coversRarest(c.corpus.stats, topic, best.text),
  );
}

/** Topic pairs as phrases ("mang lan") and single syllables: what a quote window should hold. */
export function phrases(topic: Topic): string[] {
  return [...topic.bigrams.map((b) => b.replace("_", " ")), ...topic.unigrams];
}

const ORIGIN_ORDER: Record<Task["origin"], number> = { appendix: 0, inline: 1, responsibility: 2 };

export function byOrigin(a: Task, b: Task): number {
  return ORIGIN_ORDER[a.origin] - ORIGIN_ORDER[b.origin];
}

export function byDeadline(a: Task, b: Task): number {
  const x = a.deadline.end ?? "9999";
  const y = b.deadline.end ?? "9999";
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The task has its own dated deadline (not recurring, conditional, or the plan's period). */
export function dated(t: Task): boolean {
  return t.deadline.end !== null && t.deadline.kind !== "plan-period";
}

/**
 * Lines a list of a plan's indicators is cited by: from the heading of their section ("2.2. Mục tiêu cụ
 * thể đến ngày 31/12/2025", which often says by when) to the last of them.
 */
export function indicatorsSource(plan: Plan, list: readonly Indicator[]): Source | null {
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last) return null;
  const section = plan.sections.find((s) => s.path === first.section);
  const heading = section?.headingLines;
  const under = heading && heading[0] <= first.lines[0];
  return {
    plan,
    section: first.section,
    lines: [under ? heading[0] : first.lines[0], last.lines[1]],
    focus: [under ? (section?.heading ?? first.name) : first.name],
  };
}

/** "phải đạt đến 31/12/2025": by when a plan's indicators are due, as one phrase. */
export function targetsDue(list: readonly Indicator[]): string {
  const ends = [...new Set(list.map((i) => i.period.end).filter((e): e is string => e !== null))].sort();
  return ends.length === 0 ? "" : `phải đạt đến ${ends.map(formatViDate).join(", ")}`;
}

/** Words that name a unit or an office holder: a passage that says "who". */
export const UNIT_MENTION =
  /(?<![\p{L}])(Phòng|Văn phòng|Trung tâm|Công an|Ban|Tổ|Ủy ban|UBND|Chủ tịch|Hội đồng|Đài|Trạm|Sở|Đoàn|Hội|công chức|cán bộ)(?![\p{L}])/u;

/** "trong vòng 24 tiếng", "3 ngày": how long, which answers "trong bao lâu". */
export const DURATION = /\d+\s*(?:giờ|tiếng|ngày|tuần|tháng)(?![\p{L}])/iu;

/** A sum of money written with its unit ("120 triệu đồng", "1,5 tỷ"). */
export const MONEY_AMOUNT = /\d[\d.,]*\s*(?:đồng|triệu|tỷ|nghìn)/iu;

/** A day of the month written in a text ("10/10", "ngày 15/8/2026", "ngày 07 tháng 4 năm 2022"). */
export const DAY = /(?<![\d/])\d{1,2}\/\d{1,2}(?:\/\d{4})?(?![\d/])|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}/iu;

/** The headings above a section, its own first: "Triển khai Hệ thống …", "3. Phát triển hạ tầng số". */
export function headings(plan: Plan, path: string): string {
  const out: string[] = [];
  for (let s = plan.sections.find((x) => x.path === path); s; ) {
    out.push(s.heading);
    const parent = s.parent;
    s = parent ? plan.sections.find((x) => x.path === parent) : undefined;
  }
  return out.join(" ");
}

/** The hits of the field the question names ("hạ tầng số"), found by their text and section headings. */
export function ofField<H extends { plan: Plan; task: Task }>(c: AskContext, topic: Topic, hits: H[]): H[] {
  if (isEmptyTopic(topic)) return hits;
  const about = (h: H) => `${taskText(h.task)} ${headings(h.plan, h.task.section)}`;
  const field = hits.filter((h) => coverage(c.corpus.stats, topic, about(h)) >= c.policy.match);
  return field.length > 0 ? field : hits;
}

/** What a task is scored on. */
export function taskText(task: Task): string {
  return `${task.title} ${task.description} ${task.product ?? ""}`;
}

/** Each sentence of the plans in scope (or of those given), outside task tables, with its chunk. */
export function* planSentences(
  c: AskContext,
  plans: readonly Plan[] = c.plans,
): Generator<{ plan: Plan; chunk: Chunk; text: string }> {
  const inScope = new Map(plans.map((p) => [p.id, p]));
  for (const chunk of c.corpus.chunks) {
    const plan = inScope.get(chunk.plan);
    if (!plan || chunk.kind === "table-row") continue;
    for (const sentence of chunk.text.split(/(?<=[.;!?])\s+|\n/u)) {
      const text = sentence.replace(/^[-+•]\s*/u, "").trim();
      if (text) yield { plan, chunk, text };
    }
  }
}

/** One sentence of a plan as a passage of the answer, under its heading. */
export function sentenceItem(plan: Plan, chunk: Chunk, text: string, focus: readonly string[]): Item {
  const heading = chunk.headingPath[chunk.headingPath.length - 1] ?? chunk.section;
  return {
    kind: "passage",
    plan,
    chunk,
    sentence: clip(text, 600),
    where: `mục ${clip(heading, 90)}`,
    focus: [text.slice(0, 40), ...focus],
  };
}

/** Sentences of the plans in scope, or of those given (outside task tables), that pass a test, as passages. */
export function sentencesWhere(
  c: AskContext,
  test: (sentence: string) => boolean,
  focus: string[],
  plans: readonly Plan[] = c.plans,
): Item[] {
  const items: Item[] = [];
  for (const { plan, chunk, text } of planSentences(c, plans)) {
    if (items.length > c.policy.limits.passages) break;
    if (test(text)) items.push(sentenceItem(plan, chunk, text, focus));
  }
  return items;
}

/** "Bao nhiêu hộ", "mấy phiên họp", "bao nhiêu dân": the thing a question counts, when it counts one. */
export function countedNoun(c: AskContext): string | null {
  const m = COUNTED.exec(` ${c.text} `);
  return m?.[1] ?? null;
}

const COUNTED = new RegExp(
  ` (?:bao nhieu|co may) (${COUNTED_THINGS.map(foldWords)
    .sort((a, b) => b.length - a.length)
    .join("|")}) `,
  "u",
);

/** "50 phiên họp", "95 tin bài", "Số hội nghị tập huấn: 02", "100% hộ gia đình": a number of that thing. */
export function countsOf(thing: string, sentence: string): boolean {
  const noun = thing.split(" ")[0] as string;
  const text = ` ${expandQuestion(sentence)} `;
  return (
    new RegExp(` \\d+(?:[.,]\\d+)? (?:[a-z]+ ){0,2}${noun} `, "u").test(text) ||
    new RegExp(` \\d+(?:[.,]\\d+)? ?% (?:so )?${noun} `, "u").test(text) ||
    new RegExp(` ${noun}(?: [a-z]+){0,6} \\d+ `, "u").test(text)
  );
}
