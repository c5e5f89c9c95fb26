import type { AskContext } from "./context.ts";

/**
 * "Năm 2023 Tĩnh Hải đạt bao nhiêu …" in a plan for 2024: every year the question names is before the
 * period of the plans in scope, so it asks what was already achieved (the plan's review of past
 * results), not a target.
 */
export function asksPastResults(c: AskContext): boolean {
  const years = pastYears(c);
  // A year an indicator gives its baseline for ("năm 2025 đạt 40%") is asked of the indicator.
  const baselines = new Set(c.plans.flatMap((p) => p.indicators.map((i) => i.baseline?.year)));
  return years.length > 0 && years.every((y) => !baselines.has(y));
}

/** The years a question names, when every one is before the period of the plans in scope; else none. */
export function pastYears(c: AskContext): number[] {
  // A year inside a document number ("179/2025/NĐ-CP") is not a time.
  const years = [...c.question.matchAll(/(?<![\d/])(?:19|20)\d{2}(?![\d/])/gu)].map((m) => Number(m[0]));
  if (years.length === 0 || c.plans.length === 0) return [];
  const start = Math.min(...c.plans.map((p) => Number(p.period.start.slice(0, 4))));
  return years.every((y) => y < start) ? [...new Set(years)] : [];
}
