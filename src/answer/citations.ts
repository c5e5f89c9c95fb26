/**
 * Citations: plan, section, line span and a quote that is verbatim text of those lines of the plan file.
 */
import type { Plan } from "../plans/schema.ts";
import { focusWindow, type SourceSpans } from "../text/quote.ts";

export interface Citation {
  plan: string;
  planTitle: string;
  /** The plan's file as the commune supplied it. */
  file: string;
  section: string;
  lines: [number, number];
  /** Page of the first cited line, for formats with pages (PDF). */
  page: number | null;
  /** True when the plan's text was recognised from a scan (OCR): the quote may hold recognition errors. */
  ocr: boolean;
  quote: string;
}

/** The page a line of the plan's stored text stands on, or null for formats without pages. */
export function pageOf(plan: Pick<Plan, "source">, line: number): number | null {
  const starts = plan.source.pageStarts;
  if (!starts || starts.length === 0) return null;
  let page = 1;
  starts.forEach((start, i) => {
    if (start <= line) page = i + 1;
  });
  return page;
}

export class Citations {
  private readonly items: Citation[] = [];

  constructor(private readonly spans: SourceSpans) {}

  /** Add (or reuse) a citation; returns its 1-based number for "[n]" markers. */
  add(
    plan: Plan,
    section: string,
    lines: readonly [number, number],
    focus: readonly string[] = [],
    max = 320,
  ): number {
    const existing = this.items.findIndex(
      (c) => c.plan === plan.id && c.lines[0] === lines[0] && c.lines[1] === lines[1],
    );
    if (existing >= 0) return existing + 1;
    const span = this.spans.text(plan.id, lines[0], lines[1]);
    this.items.push({
      plan: plan.id,
      planTitle: plan.title,
      file: plan.file,
      section,
      lines: [lines[0], lines[1]],
      page: pageOf(plan, lines[0]),
      ocr: plan.source.ocr,
      quote: focusWindow(span, focus, max),
    });
    return this.items.length;
  }

  list(): Citation[] {
    return [...this.items];
  }
}
