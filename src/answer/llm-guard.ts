/**
 * What a model's reply must pass before a user sees it. The model may only rephrase the evidence it
 * was given: every sentence carries a citation of that evidence or is dropped; markup goes; a link, an
 * e-mail address or a telephone number stays only when the cited plan text itself has it; the answer
 * is capped. Also: the question as delimited data, and provider errors logged without secrets.
 */
import type { Citation } from "./citations.ts";

/** Longest answer a model may give (a Telegram message holds 4,096 characters). */
export const MAX_ANSWER_CHARS = 4096;

export type Guarded = { ok: true; answer: string; citations: Citation[] } | { ok: false; reason: string };

const MARKER = /\[(\d+)\]/gu;

/** Links, e-mail addresses, telephone numbers: what could send a user somewhere the plan did not. */
const CONTACT =
  /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w/])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|io|info|xyz|top|ru|cn)(?:\/[^\s<>"')\]]*)?/giu;

/** HTML tags, markdown links and images, emphasis and code marks: shown raw by Zalo, never wanted. */
function stripMarkup(text: string): string {
  return text
    .replace(/<(script|style|iframe|object)\b[\s\S]*?(?:<\/\1\s*>|$)/giu, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, "$1")
    .replace(/\[([^\]]+)\]\((?:[^)]*)\)/gu, "$1")
    .replace(/<\/?[a-z][^>]*>/giu, "")
    .replace(/```[a-z]*|`|\*\*|__|~~/giu, "")
    .replace(/&(?:lt|gt|amp|quot|#\d+);/giu, " ");
}

/** Sentences of an answer; each bullet or line is one. */
function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?…](?:\s*\[\d+\])*)\s+(?=\p{Lu}|[•\-–]|\d)/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The answer a user may see, or why there is none. Numbers in `[n]` refer to `evidence`, 1-based;
 * the kept citations are renumbered in order of first use.
 */
export function guardModelAnswer(
  reply: { answer: string; abstained: boolean },
  evidence: readonly Citation[],
): Guarded {
  if (reply.abstained) return { ok: false, reason: "the model abstained" };
  const valid = (n: number) => n >= 1 && n <= evidence.length;
  const kept: string[] = [];
  let length = 0;
  for (const raw of sentences(stripMarkup(reply.answer))) {
    const cited = [...raw.matchAll(MARKER)].map((m) => Number(m[1])).filter(valid);
    // A sentence without a citation of the evidence, or citing only what it was never given, goes.
    if (cited.length === 0) continue;
    const quotes = cited.map((n) => (evidence[n - 1] as Citation).quote.toLowerCase()).join("\n");
    const sentence = raw
      .replace(CONTACT, (found) => (quotes.includes(found.toLowerCase()) ? found : ""))
      .replace(/\s*\[(\d+)\]/gu, (marker, n: string) => (valid(Number(n)) ? ` ${marker.trim()}` : ""))
      .replace(/\s{2,}/gu, " ")
      .trim();
    // Nothing but markers left once the links are out: nothing to say.
    if (sentence.replace(/\[\d+\]|[\s.,;:()«»"'-]/gu, "").length < 3) continue;
    if (length + sentence.length + 1 > MAX_ANSWER_CHARS) break;
    kept.push(sentence);
    length += sentence.length + 1;
  }
  if (kept.length === 0) return { ok: false, reason: "no sentence cites the evidence" };
  // Citations renumbered in order of first use.
  const order: number[] = [];
  const answer = kept.join("\n").replace(MARKER, (_marker, n: string) => {
    const k = Number(n);
    if (!order.includes(k)) order.push(k);
    return `[${order.indexOf(k) + 1}]`;
  });
  return { ok: true, answer, citations: order.map((n) => evidence[n - 1] as Citation) };
}

/**
 * A question put inside the prompt's `<cau_hoi>` tags as data: lookalike and invisible characters
 * folded (fullwidth ＜, zero-width joiners, bidi marks), and every angle bracket turned into a guillemet,
 * so no tag of any spelling can close the delimiter early.
 */
export function questionAsData(question: string): string {
  return question
    .normalize("NFKC")
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\u00AD]/gu, "")
    .replace(/[<\u2039\u27E8\u3008]/gu, "‹")
    .replace(/[>\u203A\u27E9\u3009]/gu, "›");
}

/** A provider's error as one log-safe line: no key, no header, no bearer token, at most 300 characters. */
export function logSafeError(
  message: string,
  secrets: ReadonlyArray<string | null | undefined> = [],
): string {
  let text = message.replace(/\s+/gu, " ");
  for (const secret of secrets) if (secret && secret.length >= 4) text = text.split(secret).join("[đã ẩn]");
  text = text
    .replace(
      /\b(authorization|x-api-key|api-key|cookie)\b\s*[:=]\s*("[^"]*"|'[^']*'|\S+(?:\s+\S+)?)/giu,
      "$1: [đã ẩn]",
    )
    .replace(/\bbearer\s+[\w.~+/-]+=*/giu, "Bearer [đã ẩn]")
    .replace(/\b(?:sk|pk|rk)-[\w-]{8,}/gu, "[đã ẩn]");
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** At most `limit` calls at once; a caller that cannot start within `waitMs` is told so. */
export function concurrencyLimit(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>, waitMs: number): Promise<T> {
    if (active >= limit) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiting.indexOf(go);
          if (i >= 0) waiting.splice(i, 1);
          reject(new Error(`${limit} LLM calls already running`));
        }, waitMs);
        const go = () => {
          clearTimeout(timer);
          resolve();
        };
        waiting.push(go);
      });
    }
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
