/** What the answering core takes and gives, for every shell (API, bots, CLI, Worker, eval). */
import type { IndicatorView, TaskView } from "../plans/schema.ts";
import type { Citation } from "./citations.ts";
import type { Intent } from "./intents.ts";

export interface AskInput {
  question: string;
  /** A plan id the caller restricts the question to (API `plan`). */
  plan?: string;
  /** The chat's default plan, used when the question names none. */
  defaultPlan?: string;
  /** "Today" for relative questions, YYYY-MM-DD; defaults to today in Vietnam. */
  now?: string;
  /** What a bot command already says is asked ("/han", "/nhiemvu", "/chitieu"). */
  hint?: Intent;
}

export const ANSWER_MODES = ["extractive", "llm", "extractive-fallback"] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

export interface AskResult {
  answer: string;
  abstained: boolean;
  intent: Intent;
  mode: AnswerMode;
  /** Plans the answer draws on. */
  plans: string[];
  citations: Citation[];
  tasks: TaskView[];
  indicators: IndicatorView[];
}
