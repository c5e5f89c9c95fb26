/** The HNSW index (hnswlib-node through LangChain's HNSWLib store), for Node. */
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import type { VectorHit, VectorIndex } from "./vector.ts";

/** LangChain's docstore behind the store: label → document (its map is not public API). */
function documents(store: HNSWLib): Map<string, Document> {
  const docs = (store.docstore as unknown as { _docs?: Map<string, Document> })._docs;
  if (!docs) throw new Error("the HNSW docstore cannot be read");
  return docs;
}

export class HnswVectorIndex implements VectorIndex {
  readonly kind = "hnsw" as const;
  private constructor(
    private readonly store: HNSWLib,
    private readonly size: number,
  ) {}

  static async load(dir: string, embeddings: Embeddings, size: number): Promise<HnswVectorIndex> {
    const store = await HNSWLib.load(dir, embeddings);
    // The native index must hold the snapshot's chunks, each once, labelled in the docstore with its
    // number (entries deleted by an update stay in the native index, marked, and leave the docstore):
    // a mismatch reaching a native call can abort the process, so it is refused here instead.
    const count = store.index.getCurrentCount();
    if (count < size) throw new Error(`the HNSW index holds ${count} vectors for ${size} chunks`);
    const docs = documents(store);
    if (docs.size !== size)
      throw new Error(`the HNSW docstore holds ${docs.size} entries for ${size} chunks`);
    const seen = new Set<number>();
    for (const [label, doc] of docs) {
      const i = Number(doc.metadata?.index);
      if (!Number.isInteger(i) || i < 0 || i >= size || seen.has(i) || Number(label) >= count)
        throw new Error(`the HNSW docstore names chunk ${i}`);
      seen.add(i);
    }
    return new HnswVectorIndex(store, size);
  }

  /**
   * The previous snapshot's index brought up to date: entries whose chunk is gone are marked deleted,
   * those kept are renumbered, new chunks are added. `rowBefore[i]` is the previous row that embedded
   * chunk i's text, or null. Null is returned when a fresh build is better: too many deleted entries
   * (they are still walked by every search) or vectors of another size.
   */
  static async update(
    dir: string,
    embeddings: Embeddings,
    next: {
      rowBefore: ReadonlyArray<number | null>;
      vectors: readonly Float32Array[];
      ids: readonly string[];
    },
  ): Promise<HnswVectorIndex | null> {
    const store = await HNSWLib.load(dir, embeddings);
    const docs = documents(store);
    const dim = next.vectors[0]?.length ?? 0;
    if (store.index.getNumDimensions() !== dim) return null;
    const labelOfRow = new Map<number, string>();
    for (const [label, doc] of docs) labelOfRow.set(Number(doc.metadata?.index), label);
    const kept = new Map<string, number>();
    const added: number[] = [];
    next.rowBefore.forEach((row, i) => {
      const label = row === null ? undefined : labelOfRow.get(row);
      // Two chunks with the same text share a previous row: the second one is added anew.
      if (label !== undefined && !kept.has(label)) kept.set(label, i);
      else added.push(i);
    });
    const stale = [...docs.keys()].filter((label) => !kept.has(label));
    const deletedAfter = store.index.getCurrentCount() - docs.size + stale.length;
    if (deletedAfter > next.ids.length * 0.25) return null;
    for (const label of stale) {
      store.index.markDelete(Number(label));
      docs.delete(label);
    }
    for (const [label, i] of kept) {
      docs.set(label, new Document({ pageContent: next.ids[i] as string, metadata: { index: i } }));
    }
    await store.addVectors(
      added.map((i) => Array.from(next.vectors[i] as Float32Array)),
      added.map((i) => new Document({ pageContent: next.ids[i] as string, metadata: { index: i } })),
    );
    return new HnswVectorIndex(store, next.ids.length);
  }

  /** An index over `vectors`, the i-th being chunk i (its id is the document's content). */
  static async build(
    embeddings: Embeddings,
    vectors: readonly number[][],
    chunkIds: readonly string[],
  ): Promise<HnswVectorIndex> {
    const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: vectors[0]?.length ?? 0 });
    await store.addVectors(
      vectors as number[][],
      chunkIds.map((id, i) => new Document({ pageContent: id, metadata: { index: i } })),
    );
    return new HnswVectorIndex(store, chunkIds.length);
  }

  save(dir: string): Promise<void> {
    return this.store.save(dir);
  }

  async search(
    query: readonly number[],
    k: number,
    filter?: (index: number) => boolean,
  ): Promise<VectorHit[]> {
    const results = await this.store.similaritySearchVectorWithScore(
      [...query],
      Math.min(k, this.size),
      // Runs inside the native search: it must never throw.
      filter
        ? (doc) => {
            const i = Number(doc?.metadata?.index);
            return Number.isInteger(i) && i >= 0 && i < this.size && filter(i);
          }
        : undefined,
    );
    // HNSWLib reports cosine distance (1 − similarity).
    return results.map(([doc, distance]) => ({ index: Number(doc.metadata.index), score: 1 - distance }));
  }
}
