/**
 * "Kế hoạch nào nhắc tới ứng dụng Smart Hải Phòng", "KH nào dẫn chiếu Nghị định 73/2019/NĐ-CP": every
 * plan in scope that says it, each with the one sentence of its own that says it best.
 */
import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { evidence, type Item, line } from "../evidence.ts";
import { coverage, coversRarest, isEmptyTopic } from "../match.ts";
import { phrases, planSentences, sentenceItem } from "./common.ts";

/** "73/2019/NĐ-CP", "215/KH-UBND": a document's number, folded without spaces ("732019ndcp"). */
function documentKeys(question: string): string[] {
  return [...question.matchAll(/(?<![\p{L}\d])\d{1,5}\/(?:\d{4}\/)?[\p{L}]{1,6}(?:-[\p{L}]{1,6})?/gu)].map(
    (m) => foldWords(m[0]).replace(/\s+/gu, ""),
  );
}

export function mentions(c: AskContext) {
  if (!c.cue("whichPlans") || c.scope === "question" || c.plans.length < 2) return null;
  const topic = c.topic();
  const keys = documentKeys(c.question);
  if (isEmptyTopic(topic) && keys.length === 0) return null;
  const { stats } = c.corpus;
  const best = new Map<string, { item: Item; score: number }>();
  for (const { plan, chunk, text } of planSentences(c)) {
    const folded = foldWords(text).replace(/\s+/gu, "");
    if (keys.length > 0 ? !keys.some((k) => folded.includes(k)) : !coversRarest(stats, topic, text)) continue;
    const score = isEmptyTopic(topic) ? 1 : coverage(stats, topic, text);
    // A plan mentions a thing when one sentence says nearly all of it, not a few of its words.
    if (keys.length === 0 && score < c.policy.strongRecord) continue;
    const held = best.get(plan.id);
    if (!held || score > held.score)
      best.set(plan.id, { item: sentenceItem(plan, chunk, text, phrases(topic)), score });
  }
  if (best.size === 0) return null;
  const found = c.plans.filter((p) => best.has(p.id));
  // Over many communes a list of hundreds helps no one: the first ones, and how many more.
  const max = c.policy.limits.dueList;
  return evidence("general", [
    line(`Có ${found.length} trong ${c.plans.length} kế hoạch nhắc đến nội dung này:`),
    ...found.slice(0, max).map((p) => (best.get(p.id) as { item: Item }).item),
    ...(found.length > max
      ? [line(`… và ${found.length - max} kế hoạch khác; hỏi kèm tên địa phương để xem từng kế hoạch.`)]
      : []),
  ]);
}
