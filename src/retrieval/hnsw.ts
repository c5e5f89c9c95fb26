/** The HNSW index (hnswlib-node through LangChain's HNSWLib store), for Node. */
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
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

  static fromStore(store: HNSWLib, size: number): HnswVectorIndex {
    return new HnswVectorIndex(store, size);
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
