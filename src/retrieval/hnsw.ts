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
    return new HnswVectorIndex(await HNSWLib.load(dir, embeddings), size);
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
      filter ? (doc) => filter(Number(doc.metadata.index)) : undefined,
    );
    // HNSWLib reports cosine distance (1 − similarity).
    return results.map(([doc, distance]) => ({ index: Number(doc.metadata.index), score: 1 - distance }));
  }
}
