/**
 * What every Node entry point answers with: knowledge from the data directory (built when missing), and
 * the answer service (extractive, or an OpenAI-compatible LLM when configured).
 */
import { type AnswerService, createAnswering } from "../answer/service.ts";
import type { Config } from "../config.ts";
import { ensureKnowledge } from "./ensure.ts";
import type { Knowledge } from "./knowledge.ts";
import { loadPrompts } from "./prompts.ts";

export async function buildAnswering(
  config: Config,
  log: (line: string) => void,
): Promise<{
  knowledge: Knowledge;
  answers: AnswerService;
  /** The answer service for another snapshot, with the same settings and prompts (live reload). */
  serviceFor: (knowledge: Knowledge) => AnswerService;
}> {
  const knowledge = await ensureKnowledge(config, log);
  const prompts = await loadPrompts(config.promptsDir);
  const serviceFor = (k: Knowledge) => createAnswering(k, { llm: config.llm, log, prompts });
  return { knowledge, answers: serviceFor(knowledge), serviceFor };
}
