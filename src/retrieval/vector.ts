/**
 * Nearest neighbours by cosine similarity: the HNSW index (hnswlib-node through LangChain) on Node, an
 * exact scan over the stored vectors where native code cannot load (Workers) or for small corpora.
 */
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Embeddings } from "@langchain/core/embeddings";

export interface VectorHit {
  index: number;
  /** Cosine similarity, higher is closer. */
  score: number;
}

export interface VectorIndex {
  readonly kind: "hnsw" | "exact";
  search(query: readonly number[], k: number, filter?: (index: number) => boolean): Promise<VectorHit[]>;
}

export class ExactVectorIndex implements VectorIndex {
  readonly kind = "exact";
  constructor(
    private readonly vectors: Float32Array,
    private readonly dimensions: number,
  ) {}

  async search(
    query: readonly number[],
    k: number,
    filter?: (index: number) => boolean,
  ): Promise<VectorHit[]> {
    const n = this.vectors.length / this.dimensions;
    const hits: VectorHit[] = [];
    for (let i = 0; i < n; i++) {
      if (filter && !filter(i)) continue;
      let dot = 0;
      const base = i * this.dimensions;
      for (let d = 0; d < this.dimensions; d++)
        dot += (this.vectors[base + d] as number) * (query[d] as number);
      hits.push({ index: i, score: dot });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }
}

export class HnswVectorIndex implements VectorIndex {
  readonly kind = "hnsw";
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
