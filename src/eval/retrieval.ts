/**
 * Retrieval quality on golden questions that name a passage (`plan` + `cite_contains`): a hit is a
 * retrieved passage of that plan whose cited text (the file's own lines) contains the phrase.
 */
import { type GoldenQuestion, goldenFold } from "./golden.ts";

export interface RankedPassage {
  plan: string;
  /** The text a citation of this passage would quote. */
  text: string;
}

export interface RetrievalCase {
  question: GoldenQuestion;
  /** 1-based rank of the first relevant passage, null when none in the list. */
  rank: number | null;
}

export interface RetrievalMetrics {
  n: number;
  recall1: number;
  recall5: number;
  mrr: number;
}

export function isRetrievalQuestion(
  q: GoldenQuestion,
): q is GoldenQuestion & { plan: string; cite_contains: string } {
  return Boolean(q.plan && q.cite_contains);
}

export function firstRelevantRank(
  q: { plan: string; cite_contains: string },
  ranked: readonly RankedPassage[],
): number | null {
  const needle = goldenFold(q.cite_contains);
  const i = ranked.findIndex((r) => r.plan === q.plan && goldenFold(r.text).includes(needle));
  return i < 0 ? null : i + 1;
}

export function metrics(cases: readonly RetrievalCase[], cutoff = 10): RetrievalMetrics {
  const n = cases.length;
  if (n === 0) return { n, recall1: 0, recall5: 0, mrr: 0 };
  const r1 = cases.filter((c) => c.rank === 1).length;
  const r5 = cases.filter((c) => c.rank !== null && c.rank <= 5).length;
  const rr = cases.reduce((sum, c) => sum + (c.rank !== null && c.rank <= cutoff ? 1 / c.rank : 0), 0);
  return { n, recall1: r1 / n, recall5: r5 / n, mrr: rr / n };
}

/** A question typed without any diacritic (and no đ). */
export function isUnaccented(text: string): boolean {
  return text.normalize("NFD").replace(/[^\p{M}đĐ]/gu, "") === "";
}

/** The question as a user without a Vietnamese keyboard would type it. */
export function stripDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gu, "d").replace(/Đ/gu, "D");
}
