/**
 * Chat formatting: the answer followed by compact sources ("Nguồn: [1] Tân Kỳ 2026 · II.3.d · dòng
 * 96–100"), split into parts a platform accepts, cut at line, then sentence, then word boundaries.
 */
import type { AskResult } from "../answer/types.ts";
import type { Plan } from "../plans/schema.ts";

/** Longest message each platform accepts (characters, as JavaScript counts them: UTF-16 units). */
export const TELEGRAM_LIMIT = 4096;
export const ZALO_LIMIT = 2000;

/** Where a source is: "Tân Kỳ 2026 · trang 3 · II.3.d · dòng 96–100 · chữ nhận dạng từ bản quét". */
export function citationText(
  citation: Pick<AskResult["citations"][number], "plan" | "section" | "lines" | "page" | "ocr">,
  plans: readonly Pick<Plan, "id" | "shortName">[],
): string {
  const label = plans.find((p) => p.id === citation.plan)?.shortName ?? citation.plan;
  const [from, to] = citation.lines;
  const lines = from === to ? `dòng ${from}` : `dòng ${from}–${to}`;
  const page = citation.page ? ` · trang ${citation.page}` : "";
  const scan = citation.ocr ? " · chữ nhận dạng từ bản quét" : "";
  return `${label}${page} · ${citation.section} · ${lines}${scan}`;
}

/** One source line: "[1] Tân Kỳ 2026 · trang 3 · II.3.d · dòng 96–100". */
export function sourceLine(
  n: number,
  citation: AskResult["citations"][number],
  plans: readonly Pick<Plan, "id" | "shortName">[],
): string {
  return `[${n}] ${citationText(citation, plans)}`;
}

/** The answer, then one line per source, the first introduced by "Nguồn:". Plain text. */
export function formatAnswer(
  result: Pick<AskResult, "answer" | "citations">,
  plans: readonly Pick<Plan, "id" | "shortName">[],
): string {
  const answer = result.answer.trim();
  if (result.citations.length === 0) return answer;
  const sources = result.citations.map((c, i) => sourceLine(i + 1, c, plans));
  return `${answer}\n\nNguồn: ${sources.join("\n")}`;
}

/** Escapes text for Telegram's HTML parse mode (only &, < and > need it). */
export function escapeHtml(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
}

type Measure = (text: string) => number;
const plainLength: Measure = (text) => text.length;

/** Cuts `text` into pieces, each of which measures at most `limit`, at the coarsest boundary that works. */
function pieces(text: string, limit: number, measure: Measure): string[] {
  if (measure(text) <= limit) return [text];
  const levels: Array<(t: string) => string[]> = [
    (t) => t.split(/(?<=\n)/u),
    // Sentence ends ". ", "! ", "? ", "; ", "… ": the space stays with the sentence before it.
    (t) => t.split(/(?<=[.!?;…]\s+)/u),
    (t) => t.split(/(?<=\s)/u),
  ];
  for (const cut of levels) {
    const parts = cut(text);
    if (parts.length > 1) return parts.flatMap((p) => pieces(p, limit, measure));
  }
  // One word longer than the limit: cut by code points, never inside a surrogate pair.
  const out: string[] = [];
  let current = "";
  for (const ch of text) {
    if (current && measure(current + ch) > limit) {
      out.push(current);
      current = "";
    }
    current += ch;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Splits a message into parts of at most `limit` (as `measure` counts, e.g. after escaping), packing whole
 * lines first and only breaking a line at a sentence or word when it alone is too long. Parts keep their
 * order; joined back they give the text (up to whitespace at the cuts).
 */
export function splitMessage(text: string, limit: number, measure: Measure = plainLength): string[] {
  if (limit < 1) throw new RangeError("limit must be positive");
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (measure(trimmed) <= limit) return [trimmed];
  const parts: string[] = [];
  let current = "";
  const flush = () => {
    const part = current.trim();
    if (part) parts.push(part);
    current = "";
  };
  for (const piece of pieces(trimmed, limit, measure)) {
    const candidate = current + piece;
    if (measure(candidate.trim()) <= limit) {
      current = candidate;
      continue;
    }
    flush();
    current = piece;
  }
  flush();
  return parts;
}
