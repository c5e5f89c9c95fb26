/**
 * The one factory every shell answers with (server, Worker, CLI, eval, bench, tests): extractive by
 * default; with LLM_* configured, an OpenAI-compatible model rewrites the answer from the same typed
 * evidence and falls back to the extractive answer on any error or timeout.
 */
import type { Config } from "../config.ts";
import { type Answerer, createAnswerer } from "./answerer.ts";
import { type ConversationOptions, conversations, MemoryConversationStore } from "./conversation.ts";
import type { KnowledgeView } from "./corpus.ts";
import { LlmAnswerer, type Prompts } from "./llm.ts";
import { type AnswerPolicy, DEFAULT_POLICY } from "./policy.ts";
import type { AskInput, AskResult } from "./types.ts";

export interface AnswerService {
  readonly mode: "extractive" | "llm";
  ask(input: AskInput): Promise<AskResult>;
  /**
   * Within a conversation: a follow-up is read against its last turn (a new id when none is given).
   * A service without it answers every question alone.
   */
  converse?(input: AskInput, conversation?: string): Promise<AskResult & { conversation: string }>;
}

export interface Answering extends AnswerService {
  /** The extractive pipeline underneath (for evaluation and tools that need the evidence). */
  readonly answerer: Answerer;
  converse(input: AskInput, conversation?: string): Promise<AskResult & { conversation: string }>;
}

export interface AnsweringOptions {
  llm?: Config["llm"];
  log?: (line: string) => void;
  prompts?: Prompts;
  policy?: AnswerPolicy;
  /** Where conversations keep their last turn, shared across snapshots (default: in memory, 30 minutes). */
  conversations?: ConversationOptions;
}

export const DEFAULT_CONVERSATIONS = { ttlMinutes: 30, maxTurns: 3 };

export function memoryConversations(
  settings: { ttlMinutes: number; maxTurns: number } = DEFAULT_CONVERSATIONS,
): ConversationOptions {
  return { store: new MemoryConversationStore(settings.ttlMinutes * 60_000), maxDepth: settings.maxTurns };
}

export function createAnswering(knowledge: KnowledgeView, options: AnsweringOptions = {}): Answering {
  const answerer = createAnswerer(knowledge, options.policy);
  const kept = options.conversations ?? memoryConversations();
  const talk = (ask: (input: AskInput) => Promise<AskResult>) =>
    conversations(ask, answerer.corpus, options.policy ?? DEFAULT_POLICY, kept);
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
    const ask = (input: AskInput) => model.ask(input);
    return { mode: "llm", answerer, ask, converse: talk(ask).ask };
  }
  const ask = (input: AskInput) => answerer.ask(input);
  return { mode: "extractive", answerer, ask, converse: talk(ask).ask };
}
