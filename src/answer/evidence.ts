/**
 * Typed evidence: what a handler found, before any wording. The extractive answer and the LLM prompt
 * are both rendered from it, and citations are numbered once, when it is rendered.
 */
import type { Indicator, Plan, Task } from "../plans/schema.ts";
import type { Chunk } from "../retrieval/chunks.ts";
import type { Intent } from "./intents.ts";

/** Plan lines that back a statement; `focus` says what the quote window should hold. */
export interface Source {
  plan: Plan;
  section: string;
  lines: readonly [number, number];
  focus?: readonly string[];
  /** Longest quote, in characters. */
  max?: number;
}

/** How a task is shown: with every field, as a due item, as a unit's own duty, or as one it helps with. */
export type TaskStyle = "full" | "due" | "period" | "own" | "assigned" | "coordinated";

export type Item =
  /** A sentence of the answer, backed by zero or more sources. */
  | { kind: "line"; text: string; sources?: readonly Source[]; about?: Plan }
  | {
      kind: "task";
      plan: Plan;
      task: Task;
      style: TaskStyle;
      focus?: readonly string[];
      /** Longest title shown. */
      width?: number;
      /** Say the product even when the plan gives none ("sản phẩm: không nêu"). */
      withProduct?: boolean;
    }
  | {
      kind: "indicator";
      plan: Plan;
      indicator: Indicator;
      focus?: readonly string[];
      /** Show the plan's whole statement: the question asks about a detail only it holds. */
      statement?: boolean;
    }
  | { kind: "passage"; plan: Plan; chunk: Chunk; sentence: string; where: string; focus: readonly string[] }
  /** A near miss offered beside an abstention, never as the answer. */
  | { kind: "suggestion"; plan: Plan; task: Task; focus?: readonly string[] };

export interface Evidence {
  /** The intent the answer is given as (a passage may answer a task question). */
  intent: Intent;
  abstained: boolean;
  items: Item[];
}

export const line = (text: string, ...sources: Source[]): Item => ({ kind: "line", text, sources });

export function evidence(intent: Intent, items: Item[], abstained = false): Evidence {
  return { intent, abstained, items };
}

/** An abstention: why, then (optionally) what came closest. */
export function abstention(intent: Intent, why: string, near: Item[] = []): Evidence {
  return { intent, abstained: true, items: [line(why), ...near] };
}

/** Plans the evidence draws on, in order of first appearance (suggestions aside). */
export function plansOf(e: Evidence): string[] {
  const ids = new Set<string>();
  for (const item of e.items) {
    if (item.kind === "suggestion") continue;
    if (item.kind === "line") {
      if (item.about) ids.add(item.about.id);
      for (const s of item.sources ?? []) ids.add(s.plan.id);
    } else ids.add(item.plan.id);
  }
  return [...ids];
}
