/**
 * The one factory every shell answers with (server, Worker, CLI, eval, bench, tests): extractive by
 * default; with LLM_* configured, an OpenAI-compatible model rewrites the answer from the same typed
 * evidence and falls back to the extractive answer on any error or timeout.
 */
import type { Config } from "../config.ts";
import { type Answerer, createAnswerer } from "./answerer.ts";
import type { KnowledgeView } from "./corpus.ts";
import { LlmAnswerer, type Prompts } from "./llm.ts";
import type { AnswerPolicy } from "./policy.ts";
import type { AskInput, AskResult } from "./types.ts";

export interface AnswerService {
  readonly mode: "extractive" | "llm";
  ask(input: AskInput): Promise<AskResult>;
}

export interface Answering extends AnswerService {
  /** The extractive pipeline underneath (for evaluation and tools that need the evidence). */
  readonly answerer: Answerer;
}

export interface AnsweringOptions {
  llm?: Config["llm"];
  log?: (line: string) => void;
  prompts?: Prompts;
  policy?: AnswerPolicy;
}

export function createAnswering(knowledge: KnowledgeView, options: AnsweringOptions = {}): Answering {
  const answerer = createAnswerer(knowledge, options.policy);
  const llm = options.llm;
  if (llm?.baseUrl && llm.model) {
    const settings = {
      baseUrl: llm.baseUrl,
      model: llm.model,
      apiKey: llm.apiKey,
      timeoutMs: llm.timeoutMs,
      maxConcurrency: llm.maxConcurrency,
    };
    const model = new LlmAnswerer(answerer, settings, options.log, options.prompts);
    return { mode: "llm", answerer, ask: (input) => model.ask(input) };
  }
  return { mode: "extractive", answerer, ask: (input) => answerer.ask(input) };
}
