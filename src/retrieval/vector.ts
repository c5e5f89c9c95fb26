/**
 * Nearest neighbours by cosine similarity over unit vectors: the interface, and the exact scan used where
 * native code cannot load (Workers). The HNSW index lives in hnsw.ts, so this file stays dependency-free.
 */

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
  readonly kind = "exact" as const;
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
