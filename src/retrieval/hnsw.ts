/** The HNSW index (hnswlib-node through LangChain's HNSWLib store), for Node. */
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import type { VectorHit, VectorIndex } from "./vector.ts";

export class HnswVectorIndex implements VectorIndex {
  readonly kind = "hnsw" as const;
  private constructor(
    private readonly store: HNSWLib,
    private readonly size: number,
  ) {}

  static async load(dir: string, embeddings: Embeddings, size: number): Promise<HnswVectorIndex> {
    const store = await HNSWLib.load(dir, embeddings);
    // The native index must hold exactly the snapshot's chunks, each labelled with its number: a
    // mismatch reaching a native call can abort the process, so it is refused here instead.
    const count = store.index.getCurrentCount();
    if (count !== size) throw new Error(`the HNSW index holds ${count} vectors for ${size} chunks`);
    const docs = (store.docstore as unknown as { _docs?: Map<string, Document> })._docs;
    if (docs) {
      if (docs.size !== size)
        throw new Error(`the HNSW docstore holds ${docs.size} entries for ${size} chunks`);
      for (const doc of docs.values()) {
        const i = Number(doc.metadata?.index);
        if (!Number.isInteger(i) || i < 0 || i >= size) throw new Error(`the HNSW docstore names chunk ${i}`);
      }
    }
    return new HnswVectorIndex(store, size);
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
