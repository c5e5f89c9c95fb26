/**
 * Several questions in one message ("… năm 2023 tổ chức bao nhiêu phiên họp, và năm 2024 phấn đấu tỷ lệ
 * bao nhiêu?"): each part that asks its own thing is answered on its own, within the message's plans, and
 * what the answer to the whole leaves out is added to it.
 */
import { foldWords } from "../text/normalize.ts";
import type { AskContext } from "./context.ts";
import { type Evidence, type Item, plansOf } from "./evidence.ts";
import { topicOf } from "./match.ts";
import type { AskInput } from "./types.ts";

/** Where a message goes on to another question: "?", ";", ", và …", ", còn …", ", trong đó …", ", ai …". */
const BOUNDARY =
  /\?\s*(?=\S)|;\s*|,\s*(?=(?:và|va|còn|con|đồng thời|dong thoi|ngoài ra|ngoai ra|trong đó|trong do|thêm nữa|them nua|ai|bao giờ|bao gio|khi nào|khi nao|bao nhiêu|bao nhieu|mấy)\s)/giu;

/** A part asks something: who, what, which, how many, when, how. */
const ASKS =
  / (ai|gi|nao|bao nhieu|may|bao gio|khi nao|luc nao|dau|the nao|ra sao|nhu nao|thi sao|bao lau|chua|nhung viec|nhiem vu gi) /u;

/** "…, còn hồ sơ trực tuyến thì sao?": a part that asks only "what about it". */
const WHAT_ABOUT = /\s*(?:thì|thi)\s+(?:sao|thế nào|the nao|ra sao)\s*[?.!]*\s*$/iu;

/** What a part asks, with the word before it: "đạt bao nhiêu %", "hạn khi nào", "ai chủ trì". */
const ASK_PHRASE =
  /(?<![\p{L}\p{N}])(?:(?:(?:đạt|dat|hạn|han|là|la)\s+)?(?:bao nhiêu|bao nhieu|mấy|khi nào|khi nao|bao giờ|bao gio)(?:\s*%)?|(?:ai|đơn vị nào|don vi nao|phòng nào|phong nao)(?:\s+[\p{L}]+){0,2})(?![\p{L}\p{N}])/iu;

/** The parts of a message that each ask a question, or none when it asks one thing. */
export function questionParts(question: string): string[] {
  const asks = (p: string) => ASKS.test(` ${foldWords(p)} `);
  // "… theo nguyên tắc gì, gặp sự cố thì khôi phục trong bao lâu": commas between pieces that each ask
  // of a topic of their own ("…, hạn khi nào" asks more of the same one).
  const own = (p: string) => asks(p) && topicOf(p).unigrams.length >= 2;
  const pieces = question.split(BOUNDARY).flatMap((raw) => {
    const split = raw.split(/,\s*/u);
    return split.length > 1 && split.every(own) ? split : [raw];
  });
  const parts: string[] = [];
  for (const raw of pieces) {
    let part = raw
      .replace(/^(?:và|va|còn|con|đồng thời|dong thoi|ngoài ra|ngoai ra|thêm nữa|them nua)\s+/iu, "")
      .trim();
    // "X thì sao" asks of X what the part before asked of its own topic.
    const asked = WHAT_ABOUT.test(part) ? ASK_PHRASE.exec(parts.at(-1) ?? "")?.[0] : undefined;
    if (asked) part = `${part.replace(WHAT_ABOUT, "")} ${asked}`;
    if (asks(part)) parts.push(part);
  }
  return parts.length >= 2 ? parts : [];
}

type Span = { plan: string; lines: readonly [number, number] };

function spansOf(items: readonly Item[]): Span[] {
  return items.flatMap((item): Span[] => {
    switch (item.kind) {
      case "task":
        return [{ plan: item.plan.id, lines: item.task.lines }];
      case "indicator":
        return [{ plan: item.plan.id, lines: item.indicator.lines }];
      case "passage":
        return [{ plan: item.plan.id, lines: item.chunk.lines }];
      case "line":
        return (item.sources ?? []).map((s) => ({ plan: s.plan.id, lines: s.lines }));
      default:
        return [];
    }
  });
}

const overlaps = (a: Span, b: Span) =>
  a.plan === b.plan && a.lines[0] <= b.lines[1] && b.lines[0] <= a.lines[1];

/** Answers each part and adds to the whole's answer what it does not cite; the whole when it covers all. */
export async function answerParts(
  c: AskContext,
  whole: Evidence,
  ask: (input: AskInput) => Promise<{ context: AskContext; evidence: Evidence }>,
): Promise<Evidence> {
  if (whole.intent === "out_of_scope" || whole.intent === "greeting") return whole;
  const parts = questionParts(c.question);
  if (parts.length === 0) return whole;
  // A part that names no commune is about the message's one; over several, each part must name its own.
  const plan = c.scope !== "all" && c.plans.length === 1 ? c.plans[0]?.id : undefined;
  const answered: Evidence[] = [];
  for (const part of parts) {
    const input: AskInput = { ...c.input, question: part, ...(plan ? { plan } : {}) };
    if (!plan) delete input.plan;
    const { context, evidence } = await ask(input);
    // A part of a word or two ("phối hợp với ai") asks more of the same thing, already answered.
    if (evidence.abstained || context.topic().unigrams.length < 2) continue;
    if (!plan && context.scope === "all") continue;
    answered.push(evidence);
  }
  if (answered.length === 0) return whole;
  const have = whole.abstained ? [] : spansOf(whole.items);
  // A part is answered already when most of what its own answer cites is cited.
  const missing = answered.filter((e) => {
    const spans = spansOf(e.items);
    const cited = spans.filter((s) => have.some((h) => overlaps(s, h))).length;
    return spans.length === 0 || cited * 2 < spans.length;
  });
  if (missing.length === 0) return whole;
  if (whole.abstained && missing.length < 2) return whole;
  const items = [...(whole.abstained ? [] : whole.items)];
  // What the answer already says is said once: a heading line ("Xã Phú Thái (…):"), a sentence, a record.
  const said = (item: Item) =>
    items.some((x) => {
      if (item.kind === "line" && x.kind === "line")
        return !item.sources?.length && !x.sources?.length && x.text === item.text;
      if (item.kind === "passage" && x.kind === "passage")
        return x.chunk.id === item.chunk.id && x.sentence === item.sentence;
      if (item.kind === "task" && x.kind === "task") return x.task === item.task;
      if (item.kind === "indicator" && x.kind === "indicator") return x.indicator === item.indicator;
      return false;
    });
  for (const item of missing.flatMap((e) => e.items)) if (!said(item)) items.push(item);
  const intent = whole.abstained ? (missing[0]?.intent ?? whole.intent) : whole.intent;
  const merged: Evidence = { intent, abstained: false, items };
  return plansOf(merged).length > 0 ? merged : whole;
}
