/**
 * Everything the answering core needs: plans, chunks, plan sources (for verbatim quotes) and the hybrid
 * retriever, loaded from the current snapshot (refusing one built with another embedder) or built in
 * memory straight from a corpus directory (evaluation, tests, tools).
 */
import { join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { Config } from "../config.ts";
import { AppError } from "../errors.ts";
import { loadCorpus } from "../plans/load.ts";
import type { Plan } from "../plans/schema.ts";
import { type Chunk, chunkContent, chunkPlan } from "../retrieval/chunks.ts";
import { sameEmbedder } from "../retrieval/embeddings/identity.ts";
import { createEmbedder, type Embedder } from "../retrieval/embeddings/index.ts";
import { HnswVectorIndex } from "../retrieval/hnsw.ts";
import { describeEmbedderMismatch } from "../retrieval/ingest.ts";
import { Retriever } from "../retrieval/search.ts";
import { type Manifest, readSnapshot } from "../retrieval/snapshot.ts";
import { ExactVectorIndex, type VectorIndex } from "../retrieval/vector.ts";

export interface Knowledge {
  /** Snapshot name, or "memory" when built from a corpus directly. */
  name: string;
  plans: Plan[];
  chunks: Chunk[];
  /** Raw text of each plan file, by plan id. */
  sources: Record<string, string>;
  problems: Manifest["problems"];
  embedder: Embedder;
  retriever: Retriever;
  vectorIndex: VectorIndex["kind"];
}

export async function loadKnowledge(
  config: Pick<Config, "dataDir" | "embeddings">,
  options: { embedder?: Embedder; exact?: boolean } = {},
): Promise<Knowledge> {
  const embedder = options.embedder ?? createEmbedder(config.embeddings);
  const snapshot = await readSnapshot(config.dataDir);
  if (!sameEmbedder(snapshot.manifest.embedder, embedder.identity)) {
    throw describeEmbedderMismatch(snapshot.manifest.embedder, embedder.identity);
  }
  const dim = snapshot.manifest.embedder.dimensions ?? 0;
  const vectors: VectorIndex = options.exact
    ? new ExactVectorIndex(snapshot.vectors, dim)
    : await HnswVectorIndex.load(join(snapshot.dir, "hnsw"), embedder.embeddings, snapshot.chunks.length);
  return {
    name: snapshot.name,
    plans: snapshot.plans,
    chunks: snapshot.chunks,
    sources: snapshot.sources,
    problems: snapshot.manifest.problems,
    embedder,
    retriever: new Retriever(snapshot.plans, snapshot.chunks, embedder.embeddings, vectors),
    vectorIndex: vectors.kind,
  };
}

/** Parse, chunk and embed a corpus in memory, without touching any data directory. */
export async function buildKnowledge(corpusDir: string, embedder: Embedder): Promise<Knowledge> {
  const corpus = await loadCorpus(corpusDir);
  if (corpus.plans.length === 0) {
    throw new AppError(
      "empty-corpus",
      `Không có kế hoạch nào đọc được trong ${corpusDir}.`,
      `No readable plan in ${corpusDir}.`,
    );
  }
  const chunks = corpus.plans.flatMap((p) => chunkPlan(p));
  const byId = new Map(corpus.plans.map((p) => [p.id, p]));
  const vectors = await embedder.embeddings.embedDocuments(
    chunks.map((c) => chunkContent(byId.get(c.plan) as Plan, c)),
  );
  const dim = vectors[0]?.length ?? 0;
  const store = new HNSWLib(embedder.embeddings, { space: "cosine", numDimensions: dim });
  await store.addVectors(
    vectors,
    chunks.map((c, i) => new Document({ pageContent: c.id, metadata: { index: i } })),
  );
  const index = HnswVectorIndex.fromStore(store, chunks.length);
  return {
    name: "memory",
    plans: corpus.plans,
    chunks,
    sources: Object.fromEntries(corpus.files.map((f) => [f.id, f.text])),
    problems: corpus.problems,
    embedder,
    retriever: new Retriever(corpus.plans, chunks, embedder.embeddings, index),
    vectorIndex: index.kind,
  };
}
