/**
 * Scoring one answer against one golden question, strictly: every expected item, no forbidden item,
 * the named plan cited, the cited passage found where `cite_contains` says, every quote verbatim,
 * abstention exactly when asked for. No partial credit.
 */
import { isVerbatim } from "../text/quote.ts";
import { containsFolded, type GoldenQuestion, missingExpectations, presentForbidden } from "./golden.ts";

export interface AnswerLike {
  answer: string;
  abstained: boolean;
  intent?: string;
  citations: Array<{ plan: string; lines: [number, number]; quote: string }>;
}

export interface Score {
  id: string;
  type: GoldenQuestion["type"];
  passed: boolean;
  reasons: string[];
  /** null when the question names no passage. */
  citeHit: boolean | null;
  quotes: number;
  verbatimQuotes: number;
  abstentionCorrect: boolean;
  /** The intent the answer was given as (null when the answerer does not say). */
  intent: string | null;
  /**
   * The answer was given as the question's type. A question outside what the plans say is answered by
   * abstaining, whichever route says so ("the plan names no Phó Chủ tịch" is a plan-fact abstention).
   */
  intentRight: boolean;
  ms: number;
}

export function scoreAnswer(
  q: GoldenQuestion,
  a: AnswerLike,
  sources: Readonly<Record<string, string>>,
  ms: number,
): Score {
  const reasons: string[] = [];
  const wantAbstain = q.abstain === true;
  const abstentionCorrect = a.abstained === wantAbstain;
  if (!abstentionCorrect) reasons.push(wantAbstain ? "should abstain" : "abstained");

  const missing = missingExpectations(a.answer, q.expect);
  if (missing.length > 0) reasons.push(`missing: ${missing.join(" / ")}`);
  const forbidden = presentForbidden(a.answer, q.forbid);
  if (forbidden.length > 0) reasons.push(`forbidden: ${forbidden.join(" / ")}`);

  let verbatimQuotes = 0;
  for (const c of a.citations) {
    const source = sources[c.plan];
    if (source !== undefined && isVerbatim(source, c.lines[0], c.lines[1], c.quote)) verbatimQuotes++;
  }
  if (verbatimQuotes < a.citations.length)
    reasons.push(`${a.citations.length - verbatimQuotes} quote(s) not verbatim`);

  if (!wantAbstain) {
    if (!a.abstained && a.citations.length === 0) reasons.push("no citation");
    if (q.plan && !a.citations.some((c) => c.plan === q.plan)) reasons.push(`plan ${q.plan} not cited`);
  }
  let citeHit: boolean | null = null;
  if (q.cite_contains && q.plan) {
    citeHit = a.citations.some(
      (c) => c.plan === q.plan && containsFolded(c.quote, q.cite_contains as string),
    );
    if (!citeHit) reasons.push(`no citation of ${q.plan} quotes «${q.cite_contains}»`);
  }
  return {
    id: q.id,
    type: q.type,
    passed: reasons.length === 0,
    reasons,
    citeHit,
    quotes: a.citations.length,
    verbatimQuotes,
    abstentionCorrect,
    intent: a.intent ?? null,
    intentRight: a.intent === q.type || (q.type === "out_of_scope" && a.abstained),
    ms,
  };
}

export interface TypeSummary {
  total: number;
  passed: number;
  passRate: number;
  citationHitRate: number | null;
  verbatimRate: number | null;
  abstentionAccuracy: number;
  /** Share of answers given as the intent of the question's type (null when no answer says). */
  intentAccuracy: number | null;
  p50ms: number;
  p95ms: number;
}

/** The nearest-rank percentile of ascending samples (0 when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function summarise(scores: readonly Score[]): TypeSummary {
  const total = scores.length;
  const passed = scores.filter((s) => s.passed).length;
  const cites = scores.filter((s) => s.citeHit !== null);
  const quotes = scores.reduce((n, s) => n + s.quotes, 0);
  const verbatim = scores.reduce((n, s) => n + s.verbatimQuotes, 0);
  const ms = scores.map((s) => s.ms).sort((a, b) => a - b);
  const withIntent = scores.filter((s) => s.intent !== null);
  return {
    total,
    passed,
    passRate: total === 0 ? 0 : passed / total,
    citationHitRate: cites.length === 0 ? null : cites.filter((s) => s.citeHit).length / cites.length,
    verbatimRate: quotes === 0 ? null : verbatim / quotes,
    abstentionAccuracy: total === 0 ? 0 : scores.filter((s) => s.abstentionCorrect).length / total,
    intentAccuracy:
      withIntent.length === 0 ? null : withIntent.filter((s) => s.intentRight).length / withIntent.length,
    p50ms: percentile(ms, 50),
    p95ms: percentile(ms, 95),
  };
}
