/**
 * Everything the answering core needs: plans, chunks, plan sources (for verbatim quotes) and the hybrid
 * retriever, loaded from the current snapshot (refusing one built with another embedder). Building it
 * in memory from a corpus is in corpus-knowledge.ts, so that loading never pulls in the document readers.
 */
import { join } from "node:path";
import type { Config } from "../config.ts";
import type { Plan } from "../plans/schema.ts";
import type { Chunk } from "../retrieval/chunks.ts";
import { describeEmbedderMismatch, sameEmbedder } from "../retrieval/embeddings/identity.ts";
import { createEmbedder, type Embedder } from "../retrieval/embeddings/index.ts";
import { HnswVectorIndex } from "../retrieval/hnsw.ts";
import { Retriever } from "../retrieval/search.ts";
import { badIndexError, type Manifest, readSnapshot } from "../retrieval/snapshot.ts";
import { ExactVectorIndex, type VectorIndex } from "../retrieval/vector.ts";

export interface Knowledge {
  /** Snapshot name, or "memory" when built from a corpus directly. */
  name: string;
  /** When the snapshot was built (ISO time); null for knowledge built in memory. */
  builtAt: string | null;
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
  options: { embedder?: Embedder; name?: string } = {},
): Promise<Knowledge> {
  const embedder = options.embedder ?? createEmbedder(config.embeddings);
  const snapshot = await readSnapshot(config.dataDir, options.name);
  if (!sameEmbedder(snapshot.manifest.embedder, embedder.identity)) {
    throw describeEmbedderMismatch(snapshot.manifest.embedder, embedder.identity);
  }
  const hnswDir = join(snapshot.dir, "hnsw");
  const vectors = await HnswVectorIndex.load(hnswDir, embedder.embeddings, snapshot.chunks.length).catch(
    (err: unknown) => {
      throw badIndexError(hnswDir, err);
    },
  );
  return {
    name: snapshot.name,
    builtAt: snapshot.manifest.createdAt,
    plans: snapshot.plans,
    chunks: snapshot.chunks,
    sources: snapshot.sources,
    problems: snapshot.manifest.problems,
    embedder,
    retriever: new Retriever(
      snapshot.plans,
      snapshot.chunks,
      embedder.embeddings,
      vectors,
      // The same vectors as the HNSW index, scanned exactly within a question's scope.
      new ExactVectorIndex(snapshot.vectors, snapshot.vectors.length / Math.max(1, snapshot.chunks.length)),
    ),
    vectorIndex: vectors.kind,
  };
}
