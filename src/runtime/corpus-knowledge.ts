/** Knowledge parsed, chunked and embedded in memory from a corpus directory (evaluation, tests, tools). */
import { emptyCorpusError, loadPlanCorpus } from "../plans/load.ts";
import { chunkCorpus } from "../retrieval/chunks.ts";
import type { Embedder } from "../retrieval/embeddings/index.ts";
import { HnswVectorIndex } from "../retrieval/hnsw.ts";
import { Retriever } from "../retrieval/search.ts";
import { ExactVectorIndex } from "../retrieval/vector.ts";
import type { ReadOptions } from "../sources/model.ts";
import type { Knowledge } from "./knowledge.ts";

/** Without touching any data directory. */
export async function buildKnowledge(
  corpusDir: string,
  embedder: Embedder,
  read?: ReadOptions,
): Promise<Knowledge> {
  const corpus = await loadPlanCorpus(corpusDir, read);
  if (corpus.plans.length === 0) throw emptyCorpusError(corpusDir);
  const { chunks, contents } = chunkCorpus(corpus.plans);
  const vectors = await embedder.embeddings.embedDocuments(contents);
  const index = await HnswVectorIndex.build(
    embedder.embeddings,
    vectors,
    chunks.map((c) => c.id),
  );
  return {
    name: "memory",
    builtAt: null,
    plans: corpus.plans,
    chunks,
    sources: corpus.sources,
    problems: corpus.problems,
    embedder,
    retriever: new Retriever(
      corpus.plans,
      chunks,
      embedder.embeddings,
      index,
      new ExactVectorIndex(Float32Array.from(vectors.flat()), vectors[0]?.length ?? 0),
    ),
    vectorIndex: index.kind,
  };
}
