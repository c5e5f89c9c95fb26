/**
 * The best passages of the plan text: for questions no record answers, and as the fallback of the
 * record handlers. Only passages that hold the question's most distinctive words can answer; otherwise
 * the answer says the plan does not say it, or that the question is outside the plans altogether.
 */
import { CONDITIONAL } from "../../lexicon/vi/time.ts";
import type { Chunk } from "../../retrieval/chunks.ts";
import { isRecurring, parseTimeSpan } from "../../text/dates.ts";
import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { abstention, evidence, type Item } from "../evidence.ts";
import { clip } from "../format.ts";
import type { Intent } from "../intents.ts";
import {
  coverage,
  coversRarest,
  isEmptyTopic,
  type Topic,
  unknownCompounds,
  unknownTerms,
} from "../match.ts";
import {
  abstainNear,
  countedNoun,
  countsOf,
  DAY,
  DURATION,
  notSaid,
  phrases,
  rankedPassages,
  UNIT_MENTION,
} from "./common.ts";

export interface PassageOptions {
  /** Words that say what is asked, not what about (dropped from the topic). */
  asked?: readonly string[];
  /** The question asked for a task: "the plan does not list this task" when nothing matches. */
  taskLike?: boolean;
  /** The question asks for a figure (a target, a rate): a passage without one does not answer it. */
  number?: boolean;
}

/** A deadline set by an event inside a sentence (the anchored "theo …" of a deadline cell aside). */
const DEPENDS = CONDITIONAL.filter((re) => !re.source.startsWith("^"));

const VAGUE =
  "Câu hỏi chưa nêu rõ nội dung cần tra cứu. Bạn hỏi cụ thể hơn giúp tôi (nhiệm vụ, đơn vị, chỉ tiêu hoặc địa phương).";
const OUTSIDE = "Câu hỏi này nằm ngoài nội dung các kế hoạch chuyển đổi số hiện có, nên tôi không trả lời.";

export function passages(options: PassageOptions = {}) {
  return async (c: AskContext) => {
    const intent: Intent = "general";
    const topic = c.topic(options.asked ?? []);
    if (isEmptyTopic(topic)) return abstainNear(c, intent, VAGUE);
    const { stats } = c.corpus;
    const { match } = c.policy;
    const scored = (await rankedPassages(c, topic)).filter((h) => coversRarest(stats, topic, h.text));
    const best = scored[0];
    const unknown = unknownTerms(stats, topic);
    const compound = unknownCompounds(stats, topic).length > 0;
    if (!best || best.cover < match || compound || unknown.length >= Math.max(1, topic.unigrams.length / 2)) {
      // Words no plan uses and nothing close, or a thing no plan names: the question is about
      // something else altogether.
      const foreign = compound || (unknown.length > 0 && (best?.cover ?? 0) < c.policy.outside);
      if (foreign && c.plans.length === c.corpus.plans.length) return abstainNear(c, "out_of_scope", OUTSIDE);
      const why = notSaid(c, options.taskLike ? "nhiệm vụ này" : "nội dung này");
      // A question of no recognised form that nothing in the plans supports is about something else.
      const unsupported =
        foreign || (!options.taskLike && !options.asked && (best?.cover ?? 0) < c.policy.match);
      return abstainNear(c, unsupported ? "out_of_scope" : intent, why);
    }
    const picked = scored
      .filter((s) => s.cover >= Math.max(match, best.cover - c.policy.runnerUpGap.passage))
      .slice(0, c.policy.limits.passages);
    // "mấy công nghệ mới nào": which ones; the list answers it, with or without a figure.
    const asksFigure = (c.cue("quantity") && !c.cue("whichOfSome")) || options.number === true;
    const items: Item[] = picked.map((hit) => {
      const sentence = bestSentence(c, hit.chunk, topic);
      const heading = hit.chunk.headingPath[hit.chunk.headingPath.length - 1] ?? "";
      // The heading often carries what the sentence leaves implicit ("Mục tiêu cụ thể đến ngày 31/12/2025").
      const where =
        hit.chunk.section === "Mở đầu" || hit.chunk.section === "Phần kết"
          ? hit.chunk.section.toLowerCase()
          : `mục ${clip(heading, 90)}`;
      return {
        kind: "passage",
        plan: hit.plan,
        chunk: hit.chunk,
        sentence: sentence.text,
        where,
        // A figure asked for must be inside the quote, however long the sentence before it.
        focus:
          asksFigure && figures(sentence.text).length > 0
            ? [sentence.focus, ...figures(sentence.text)]
            : [sentence.focus, ...phrases(topic)],
      };
    });
    // "… bao nhiêu %": the part of the sentence about the topic's most distinctive word must give a
    // number ("triển khai 5G" next to "100% hộ gia đình" gives no figure for 5G).
    if (asksFigure && !items.some((i) => i.kind === "passage" && numbered(c, topic, i.sentence)))
      return abstention(
        intent,
        `${notSaid(c, "con số cụ thể cho nội dung này")} Nội dung liên quan trong kế hoạch:`,
        items,
      );
    // "… ai chủ trì, hạn khi nào" of an activity the plan only names: no unit, no time in what it says.
    if (options.taskLike && (c.asks.lead || c.asks.deadline)) {
      const said = items.map((i) => (i.kind === "passage" ? i.sentence : "")).join(" ");
      // "hợp tác với những ai": a text that says with whom answers it.
      const who =
        !c.asks.lead ||
        UNIT_MENTION.test(said) ||
        (c.cue("partners") && /(?:hợp tác|liên kết|kết hợp|phối hợp)[^.;]{0,40}\svới\s+\p{L}/iu.test(said));
      const when =
        !c.asks.deadline ||
        parseTimeSpan(said) !== null ||
        // "hưởng ứng Ngày Chuyển đổi số quốc gia 10/10": a day of the year says when.
        DAY.test(said) ||
        isRecurring(said) ||
        DURATION.test(said) ||
        // "… khi các doanh nghiệp triển khai thương mại hóa", "… theo lộ trình của thị xã": a condition
        // says when.
        /(?<![\p{L}])(khi|sau khi|ngay khi)\s+\p{L}/iu.test(said) ||
        DEPENDS.some((re) => re.test(foldWords(said)));
      if (!who || !when) {
        const missing = [!who ? "đơn vị chủ trì" : "", !when ? "thời hạn" : ""].filter(Boolean).join(" và ");
        return abstention(
          intent,
          `${notSaid(c, `${missing} cho nội dung này`)} Nội dung liên quan trong kế hoạch:`,
          items,
        );
      }
    }
    // "… vào ngày nào": a passage on the topic that names no day does not answer it; it is shown as
    // what the plan does say.
    if (c.cue("day") && !items.some((i) => i.kind === "passage" && DAY.test(i.sentence)))
      return abstention(intent, `${notSaid(c, "ngày cụ thể")} Nội dung liên quan trong kế hoạch:`, items);
    return evidence(intent, items);
  };
}

/** "24 tiếng", "90%", "50 phiên": the figures a sentence gives, each with the word it counts. */
function figures(sentence: string): string[] {
  return [...sentence.matchAll(/(?<![\p{L}\d])\d+(?:[.,]\d+)?\s*(?:%|\p{L}+)?/gu)].map((m) => m[0]);
}

/** A number in words before what it counts: "nhập dữ liệu một lần", "hai bản sao" (not "một số", "một cửa"). */
const NUMBER_WORD =
  /(?<![\p{L}])(?:một|hai|ba|bốn|sáu|bảy|tám|chín|mười)\s+(?!(?:số|cửa|cách|trong|những)(?![\p{L}]))\p{L}/iu;

/** The clause (between semicolons) holding the topic's most distinctive word gives a number. */
function numbered(c: AskContext, topic: Topic, sentence: string): boolean {
  const noun = countedNoun(c);
  if (noun && !countsOf(noun, sentence)) return false;
  const { stats } = c.corpus;
  const clauses = sentence.split(/[;:]/u);
  const words = topic.unigrams.filter((t) => stats.known(t) && !/^\d+$/u.test(t));
  const rarest = [...words].sort((a, b) => stats.idf(b) - stats.idf(a))[0];
  if (!rarest) return /\d/u.test(sentence);

  const holding = clauses.filter((cl) => stats.terms(cl).has(rarest));
  // A figure stands alone ("90%", "50 phiên"); "5G" or "NQ57" is a name, and so is "Office 365" (a
  // number after a capitalised Latin word); a table row's "STT: 2" is its place in the table.
  // "Hiện có bao nhiêu cán bộ": a count, which a percentage or a year is not.
  const count = c.cue("currentCount");
  const figure = count
    ? /(?<![\p{L}\d])\d+(?:[.,]\d+)?(?![\p{L}\d%])(?!\s*%)/u
    : /(?<![\p{L}\d])\d+(?:[.,]\d+)?(?![\p{L}\d])|\d\s*%/u;
  return (holding.length > 0 ? holding : clauses).some((cl) => {
    const plain = cl.replace(/\bS?TT\s*:?\s*\d+/gu, "").replace(/(?<=\b[A-Z][A-Za-z]+\s)\d+\b/gu, "");
    return (
      figure.test(count ? plain.replace(/(?<!\d)(?:19|20)\d\d(?!\d)/gu, "") : plain) ||
      NUMBER_WORD.test(plain)
    );
  });
}

/** The sentence (or two) of a passage that covers the topic best; a table row is one statement. */
function bestSentence(c: AskContext, chunk: Chunk, topic: Topic): { text: string; focus: string } {
  if (chunk.kind === "table-row") return { text: clip(chunk.text, 600), focus: chunk.text.slice(0, 40) };
  const sentences = chunk.text
    .split(/\n|(?<=[.!?])\s+(?=[\p{Lu}\d"“(-])/u)
    .map((s) => s.replace(/^[-+•]\s*/u, "").trim())
    .filter((s) => s.length > 0);
  if (sentences.length === 0) return { text: clip(chunk.text, 600), focus: chunk.text.slice(0, 40) };
  const quantity = c.cue("quantity");
  const { stats } = c.corpus;
  // "mấy lần mỗi tuần", "trong bao lâu": a sentence that gives a number answers it.
  const score = (s: string) => coverage(stats, topic, s) + (quantity && /\d/u.test(s) ? 0.2 : 0);
  // Each sentence scored once; the first of the best wins.
  const scores = sentences.map(score);
  const at = scores.indexOf(Math.max(...scores));
  let from = at;
  let to = at;
  // A short sentence reads better with the one after it; a sentence that leaves part of the topic to
  // its neighbour ("sao lưu theo nguyên tắc 3-2-1. Dữ liệu sao lưu … phòng tấn công") takes it along.
  const joined = (a: number, b: number) => sentences.slice(a, b + 1).join(" ");
  if ((sentences[at] as string).length < 80 && at + 1 < sentences.length) to = at + 1;
  else {
    const alone = score(joined(from, to));
    const before = at > 0 ? score(joined(at - 1, at)) : -1;
    const after = at + 1 < sentences.length ? score(joined(at, at + 1)) : -1;
    if (Math.max(before, after) >= alone + 0.05) {
      if (before >= after) from = at - 1;
      else to = at + 1;
    }
  }
  // A message that asks two things ("… bao nhiêu %, mô hình mấy lớp") gets the sentence for each.
  const more = c
    .clauseTopics()
    .map((clause) => {
      let i = -1;
      let top = 0;
      // "mô hình mấy lớp": for a clause that asks a number, the sentence that gives one.
      const figure = (s: string) => (clause.asksNumber && /\d/u.test(s) ? 0.2 : 0);
      sentences.forEach((s, j) => {
        const cover = coverage(stats, clause, s) + figure(s);
        if (cover > top) [i, top] = [j, cover];
      });
      const shown = joined(from, to);
      return { i, top, shown: coverage(stats, clause, shown) + figure(shown) };
    })
    .filter((x) => x.i >= 0 && (x.i < from || x.i > to) && x.top >= c.policy.match && x.top >= x.shown + 0.2)
    .map((x) => x.i);
  const parts = [...new Set([from, ...more])].sort((a, b) => a - b);
  const text = clip(
    parts.map((i) => (i === from ? joined(from, to) : (sentences[i] as string))).join(" … "),
    600,
  );
  // The sentence's opening words locate it in the quote.
  return { text, focus: text.slice(0, 40).replace(/\s+\S*$/u, "") };
}
