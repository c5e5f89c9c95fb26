/**
 * What every Node entry point answers with: knowledge from the data directory (built when missing), and
 * the answer service (extractive, or an OpenAI-compatible LLM when configured).
 */
import { type Answering, createAnswering, memoryConversations } from "../answer/service.ts";
import type { Config } from "../config.ts";
import { ensureKnowledge } from "./ensure.ts";
import type { Knowledge, LoadOptions } from "./knowledge.ts";
import { loadPrompts } from "./prompts.ts";
import { saveTermCounts } from "./term-cache.ts";

export async function buildAnswering(
  config: Config,
  log: (line: string) => void,
  options: Pick<LoadOptions, "vectors"> = {},
): Promise<{
  knowledge: Knowledge;
  answers: Answering;
  /** The answer service for another snapshot, with the same settings and prompts (live reload). */
  serviceFor: (knowledge: Knowledge) => Answering;
}> {
  const knowledge = await ensureKnowledge(config, log, options);
  const prompts = await loadPrompts(config.promptsDir);
  // One store of conversations for the process: a follow-up still finds its turn after a live reload.
  const conversations = memoryConversations(config.conversation);
  const serviceFor = (k: Knowledge) => {
    const service = createAnswering(k, { llm: config.llm, log, prompts, conversations });
    // Counted now; the next start of this build reads them instead.
    if (k.snapshotDir && !k.termCounts)
      void saveTermCounts(k.snapshotDir, service.answerer.corpus.stats.counts());
    return service;
  };
  return { knowledge, answers: serviceFor(knowledge), serviceFor };
}
