/**
 * A plan's own lines around a cited span, as the citation viewer and the plan's text page show them:
 * each line as the file has it, the cited ones marked, with the section they stand in and their page.
 */
import { pageOf } from "../answer/citations.ts";
import type { Plan, Section } from "../plans/schema.ts";
import { sourceLines } from "../text/quote.ts";

export interface SourceLine {
  n: number;
  text: string;
  cited: boolean;
}

export interface SourceExcerpt {
  plan: string;
  planTitle: string;
  file: string;
  section: { path: string; heading: string } | null;
  from: number;
  to: number;
  page: number | null;
  lineCount: number;
  lines: SourceLine[];
}

const split = new WeakMap<object, Map<string, string[]>>();

/** The plan file's lines, split once per sources object. */
export function linesOf(sources: Readonly<Record<string, string>>, planId: string): string[] {
  let byPlan = split.get(sources);
  if (!byPlan) {
    byPlan = new Map();
    split.set(sources, byPlan);
  }
  let lines = byPlan.get(planId);
  if (!lines) {
    lines = sourceLines(sources[planId] ?? "");
    byPlan.set(planId, lines);
  }
  return lines;
}

/** The narrowest section holding lines [from, to]. */
export function sectionAt(plan: Plan, from: number, to: number): Section | null {
  let best: Section | null = null;
  for (const s of plan.sections) {
    if (s.lines[0] > from || s.lines[1] < to) continue;
    if (!best || s.lines[1] - s.lines[0] <= best.lines[1] - best.lines[0]) best = s;
  }
  return best;
}

/** Lines [from, to] of a plan's file with `context` lines either side (clamped to the file). */
export function excerpt(
  plan: Plan,
  sources: Readonly<Record<string, string>>,
  from: number,
  to: number,
  context: number,
): SourceExcerpt {
  const all = linesOf(sources, plan.id);
  const last = Math.max(1, all.length);
  const a = Math.min(Math.max(1, from), last);
  const b = Math.min(Math.max(a, to), last);
  const start = Math.max(1, a - context);
  const end = Math.min(last, b + context);
  const lines: SourceLine[] = [];
  for (let n = start; n <= end; n++) lines.push({ n, text: all[n - 1] ?? "", cited: n >= a && n <= b });
  const section = sectionAt(plan, a, b);
  return {
    plan: plan.id,
    planTitle: plan.title,
    file: plan.file,
    section: section ? { path: section.path, heading: section.heading } : null,
    from: a,
    to: b,
    page: pageOf(plan, a),
    lineCount: all.length,
    lines,
  };
}
