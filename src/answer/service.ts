/**
 * The answer service the API and the bots call: extractive by default; with LLM_* configured, an
 * OpenAI-compatible model rewrites the answer from the same evidence and falls back to the extractive
 * answer on any error or timeout.
 */
import type { Config } from "../config.ts";
import type { Answerer, AskInput, AskResult } from "./answer.ts";
import { LlmAnswerer, type Prompts } from "./llm.ts";

export interface AnswerService {
  readonly mode: "extractive" | "llm";
  ask(input: AskInput): Promise<AskResult>;
}

export function createAnswerService(
  answerer: Answerer,
  llm: Config["llm"],
  log: (line: string) => void = () => {},
  prompts?: Prompts,
): AnswerService {
  if (llm.baseUrl && llm.model) {
    const settings = { baseUrl: llm.baseUrl, model: llm.model, apiKey: llm.apiKey, timeoutMs: llm.timeoutMs };
    return new LlmAnswerer(answerer, settings, log, prompts);
  }
  return { mode: "extractive", ask: (input) => answerer.ask(input) };
}
