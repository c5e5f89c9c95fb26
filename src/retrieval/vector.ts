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
      hits.push({ index: i, score: this.dot(i, query) });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** The nearest of the given vectors only: a question's scope costs its own chunks, not the corpus. */
  among(query: readonly number[], k: number, indices: readonly number[]): VectorHit[] {
    return indices
      .map((i) => ({ index: i, score: this.dot(i, query) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, k);
  }

  private dot(i: number, query: readonly number[]): number {
    let dot = 0;
    const base = i * this.dimensions;
    for (let d = 0; d < this.dimensions; d++)
      dot += (this.vectors[base + d] as number) * (query[d] as number);
    return dot;
  }
}
