/**
 * Offline, deterministic embeddings with no model weights: sublinear term frequencies of folded
 * syllables, syllable bigrams and character trigrams, hashed (with a sign bit) into a fixed number of
 * dimensions and L2-normalised. The same text gives the same vector on every machine, and text typed
 * without diacritics gives the same vector as the accented text.
 */
import { Embeddings } from "@langchain/core/embeddings";
import { bigrams, STOPWORDS, tokens } from "../../text/tokenize.ts";
import type { EmbedderIdentity } from "./identity.ts";
import type { Embedder } from "./index.ts";

export interface LocalEmbeddingOptions {
  dimensions?: number;
  /** Weight of syllable bigrams (0 disables them). */
  bigramWeight?: number;
  /** Weight of character trigrams inside syllables (0 disables them). */
  charWeight?: number;
}

const DEFAULTS = { dimensions: 1024, bigramWeight: 1, charWeight: 0.25 } as const;

/** FNV-1a, 32 bits. */
function hash(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class LocalHashEmbeddings extends Embeddings {
  readonly dimensions: number;
  readonly bigramWeight: number;
  readonly charWeight: number;
  readonly identity: EmbedderIdentity;

  constructor(options: LocalEmbeddingOptions = {}) {
    super({});
    this.dimensions = options.dimensions ?? DEFAULTS.dimensions;
    this.bigramWeight = options.bigramWeight ?? DEFAULTS.bigramWeight;
    this.charWeight = options.charWeight ?? DEFAULTS.charWeight;
    this.identity = {
      provider: "local",
      model: `hash-tf-v1-b${this.bigramWeight}-c${this.charWeight}`,
      dimensions: this.dimensions,
    };
  }

  /** Synchronous core, used directly by in-process callers. */
  vector(text: string): number[] {
    const counts = new Map<string, number>();
    const weights = new Map<string, number>();
    const add = (feature: string, weight: number) => {
      counts.set(feature, (counts.get(feature) ?? 0) + 1);
      weights.set(feature, weight);
    };
    const toks = tokens(text);
    for (const t of toks) {
      add(`u:${t}`, STOPWORDS.has(t) ? 0.15 : 1);
      if (this.charWeight > 0 && t.length >= 3) {
        const padded = `#${t}#`;
        for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, this.charWeight);
      }
    }
    if (this.bigramWeight > 0) for (const b of bigrams(toks)) add(`b:${b}`, this.bigramWeight);

    const v = new Float64Array(this.dimensions);
    for (const [feature, n] of counts) {
      const h = hash(feature);
      const sign = h & 0x80000000 ? -1 : 1;
      const slot = h % this.dimensions;
      v[slot] = (v[slot] ?? 0) + sign * (1 + Math.log(n)) * (weights.get(feature) ?? 1);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    return Array.from(v, (x) => (norm > 0 ? x / norm : 0));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }
}

/** The local embedder with its identity, as the rest of the system takes an embedder. */
export function localEmbedder(options: LocalEmbeddingOptions = {}): Embedder & {
  embeddings: LocalHashEmbeddings;
} {
  const embeddings = new LocalHashEmbeddings(options);
  return { embeddings, identity: embeddings.identity };
}
