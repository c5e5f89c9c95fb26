/**
 * Everything the answering core needs: plans, chunks, plan sources (for verbatim quotes) and the hybrid
 * retriever, loaded from the current snapshot (refusing one built with another embedder). Building it
 * in memory from a corpus is in corpus-knowledge.ts, so that loading never pulls in the document readers.
 */
import { join } from "node:path";
import type { TermCounts } from "../answer/match.ts";
import type { Config } from "../config.ts";
import type { Plan } from "../plans/schema.ts";
import type { Chunk } from "../retrieval/chunks.ts";
import { describeEmbedderMismatch, sameEmbedder } from "../retrieval/embeddings/identity.ts";
import { createEmbedder, type Embedder } from "../retrieval/embeddings/index.ts";
import { Retriever } from "../retrieval/search.ts";
import { badIndexError, type Manifest, readSnapshot } from "../retrieval/snapshot.ts";
import { ExactVectorIndex, type VectorIndex } from "../retrieval/vector.ts";
import { readTermCounts } from "./term-cache.ts";

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
  /** The snapshot's directory (absent for knowledge built in memory). */
  snapshotDir?: string;
  /** Term counts this build took of the snapshot before (see term-cache.ts). */
  termCounts?: TermCounts | undefined;
}

export interface LoadOptions {
  embedder?: Embedder;
  name?: string;
  /**
   * "on-first-use": the HNSW index (and LangChain with it, a third of a second) is loaded by the first
   * question of all plans; a one-question command whose question names its commune never needs it. The
   * snapshot's checksums are verified at load either way.
   */
  vectors?: "eager" | "on-first-use";
}

/** The native index, through a module of its own so that it is loaded only when wanted. */
async function loadHnsw(dir: string, embedder: Embedder, size: number): Promise<VectorIndex> {
  const { HnswVectorIndex } = await import("../retrieval/hnsw.ts");
  return HnswVectorIndex.load(dir, embedder.embeddings, size).catch((err: unknown) => {
    throw badIndexError(dir, err);
  });
}

function onFirstUse(load: () => Promise<VectorIndex>): VectorIndex {
  let index: Promise<VectorIndex> | undefined;
  return {
    kind: "hnsw",
    search: async (query, k, filter) => {
      index ??= load();
      return (await index).search(query, k, filter);
    },
  };
}

export async function loadKnowledge(
  config: Pick<Config, "dataDir" | "embeddings">,
  options: LoadOptions = {},
): Promise<Knowledge> {
  const embedder = options.embedder ?? createEmbedder(config.embeddings);
  const snapshot = await readSnapshot(config.dataDir, options.name);
  if (!sameEmbedder(snapshot.manifest.embedder, embedder.identity)) {
    throw describeEmbedderMismatch(snapshot.manifest.embedder, embedder.identity);
  }
  const hnswDir = join(snapshot.dir, "hnsw");
  const termCounts = await readTermCounts(snapshot.dir);
  const size = snapshot.chunks.length;
  const vectors =
    options.vectors === "on-first-use"
      ? onFirstUse(() => loadHnsw(hnswDir, embedder, size))
      : await loadHnsw(hnswDir, embedder, size);
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
    snapshotDir: snapshot.dir,
    termCounts: termCounts ?? undefined,
  };
}
