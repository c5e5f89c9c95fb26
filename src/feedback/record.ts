/**
 * What a verdict is about and how it is kept: the record, the part of an answer remembered for it, and the
 * log's interface. Web-standard only: the Node log (log.ts) and the Worker's (runtime/d1-stores.ts) share it.
 */
import type { AskResult } from "../answer/types.ts";

export type Verdict = "up" | "down";

export interface FeedbackRecord {
  time: string;
  id: string;
  question: string;
  answer: string;
  citations: AskResult["citations"];
  intent: AskResult["intent"];
  plans: string[];
  abstained: boolean;
  verdict: Verdict;
  comment: string | null;
  /** The chat, hashed with the salt (null for the API). */
  chat: string | null;
}

/** What a verdict's line needs of an answer: kept for thousands of answers, so no typed tasks or indicators. */
export type KeptAnswer = Pick<AskResult, "answer" | "citations" | "intent" | "plans" | "abstained">;

export function keptAnswer({ answer, citations, intent, plans, abstained }: AskResult): KeptAnswer {
  return { answer, citations, intent, plans, abstained };
}

/** An answer remembered for its verdict: the question, what was answered, and the chat hashed (or null). */
export interface GivenAnswer {
  question: string;
  result: KeptAnswer;
  chat: string | null;
}

/** The line a verdict on a remembered answer is kept as, in feedback.jsonl or in D1. */
export function feedbackRecord(
  id: string,
  given: GivenAnswer,
  verdict: Verdict,
  comment: string | undefined,
  now: Date,
): FeedbackRecord {
  return {
    time: now.toISOString(),
    id,
    question: given.question,
    ...given.result,
    verdict,
    comment: comment?.trim() || null,
    chat: given.chat,
  };
}

export interface FeedbackLog {
  /**
   * Remembers an answer given and returns the id a verdict names it by: at once in memory (Node), once the
   * answer is written in a database (the Worker's D1).
   */
  given(question: string, result: AskResult, chat?: string): string | Promise<string>;
  /** Appends a verdict; false when the id is unknown or forgotten. */
  record(id: string, verdict: Verdict, comment?: string, now?: Date): Promise<boolean>;
}
