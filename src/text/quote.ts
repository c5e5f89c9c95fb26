/**
 * Verbatim quotes from a plan file: the text of a line span exactly as the file has it, whitespace
 * squashed, optionally narrowed to a window around what matters. Every quote is a substring of the
 * squashed source span, so a reader can find it with Ctrl-F.
 */
import { fold, squash } from "./normalize.ts";

export function sourceLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/u);
}

/** The squashed text of lines [from, to] (1-based, inclusive). */
export function spanText(lines: readonly string[], from: number, to: number): string {
  return squash(lines.slice(Math.max(0, from - 1), Math.max(0, to)).join(" "));
}

/** Plan files split into lines once (on first use), for quoting line spans of any of them. */
export class SourceSpans {
  private readonly lines = new Map<string, string[]>();

  constructor(private readonly sources: Readonly<Record<string, string>>) {}

  /** The squashed text of lines [from, to] of a plan's file ("" for an unknown plan). */
  text(planId: string, from: number, to: number): string {
    let l = this.lines.get(planId);
    if (!l) {
      l = sourceLines(this.sources[planId] ?? "");
      this.lines.set(planId, l);
    }
    return spanText(l, from, to);
  }
}

/**
 * A window of at most `max` characters of `text` that holds as many of the `focus` phrases as possible,
 * cut at word boundaries. Matching is folded (accent- and case-insensitive).
 */
export function focusWindow(text: string, focus: readonly string[], max = 320): string {
  if (text.length <= max) return text;
  const folded = fold(text);
  // fold() keeps length for Vietnamese text, so offsets in the folded text are offsets in the text.
  const sameLength = folded.length === text.length;
  let best = 0;
  let bestScore = -1;
  // Each occurrence weighs its length: a phrase ("tái cấu trúc quy trình") says more than a syllable.
  const hits: Array<{ at: number; weight: number }> = [];
  if (sameLength) {
    for (const f of focus) {
      const needle = fold(f).trim();
      if (needle.length < 2) continue;
      let at = folded.indexOf(needle);
      while (at >= 0) {
        hits.push({ at, weight: needle.length });
        at = folded.indexOf(needle, at + 1);
      }
    }
  }
  for (const start of [0, ...hits.map((h) => Math.max(0, h.at - 60))]) {
    const score = hits.reduce(
      (sum, h) => (h.at >= start && h.at < start + max - 20 ? sum + h.weight : sum),
      0,
    );
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  let start = best;
  while (start > 0 && !/\s/u.test(text.charAt(start - 1))) start--;
  let end = Math.min(text.length, start + max);
  while (end < text.length && !/\s/u.test(text.charAt(end))) end++;
  return text.slice(start, end).trim();
}

/** Is the quote verbatim text of lines [from, to] of the source (whitespace aside)? */
export function isVerbatim(source: string, from: number, to: number, quote: string): boolean {
  const span = spanText(sourceLines(source), from, to).replace(/\s+/gu, "");
  return quote.replace(/\s+/gu, "").length > 0 && span.includes(quote.replace(/\s+/gu, ""));
}
