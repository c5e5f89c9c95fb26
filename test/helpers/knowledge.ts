/** The real corpus (or the fixtures) indexed in memory with the offline embedder, once per test file. */
import type { Answerer } from "../../src/answer/answerer.ts";
import { type AnswerService, createAnswering } from "../../src/answer/service.ts";
import { localEmbedder } from "../../src/retrieval/embeddings/local.ts";
import { buildKnowledge } from "../../src/runtime/corpus-knowledge.ts";
import type { Knowledge } from "../../src/runtime/knowledge.ts";
import { CORPUS_DIR } from "./corpus.ts";

export interface LocalKnowledge {
  knowledge: Knowledge;
  answerer: Answerer;
  /** The extractive answer service, as `createApp` takes it. */
  answers: AnswerService;
}

const cache = new Map<string, Promise<LocalKnowledge>>();

export function localKnowledge(dir = CORPUS_DIR): Promise<LocalKnowledge> {
  let built = cache.get(dir);
  if (!built) {
    built = buildKnowledge(dir, localEmbedder()).then((knowledge) => {
      const answers = createAnswering(knowledge);
      return { knowledge, answerer: answers.answerer, answers };
    });
    cache.set(dir, built);
  }
  return built;
}
