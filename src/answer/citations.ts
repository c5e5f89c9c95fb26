/**
 * Citations: plan, section, line span and a quote that is verbatim text of those lines of the plan file.
 */
import type { Plan } from "../plans/schema.ts";
import { focusWindow, type SourceSpans } from "../text/quote.ts";

export interface Citation {
  plan: string;
  planTitle: string;
  section: string;
  lines: [number, number];
  quote: string;
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
      section,
      lines: [lines[0], lines[1]],
      quote: focusWindow(span, focus, max),
    });
    return this.items.length;
  }

  list(): Citation[] {
    return [...this.items];
  }
}
