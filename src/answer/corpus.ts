/**
 * What the answering core precomputes once per knowledge snapshot: term statistics of the passages,
 * the plan files split into lines for quotes, and the place names that scope questions.
 */
import type { Plan } from "../plans/schema.ts";
import type { Chunk } from "../retrieval/chunks.ts";
import type { Retriever } from "../retrieval/search.ts";
import { foldWords } from "../text/normalize.ts";
import { SourceSpans } from "../text/quote.ts";
import { type TermCounts, TermStats } from "./match.ts";

export interface KnowledgeView {
  plans: readonly Plan[];
  chunks: readonly Chunk[];
  sources: Readonly<Record<string, string>>;
  retriever: Retriever;
  /** Term counts of these chunks taken earlier by this same build (start-up skips recounting). */
  termCounts?: TermCounts | undefined;
}

export interface Corpus {
  readonly plans: readonly Plan[];
  readonly retriever: Retriever;
  readonly chunks: readonly Chunk[];
  readonly stats: TermStats;
  readonly spans: SourceSpans;
  /** Locality names of the plans, folded ("tan ky"), each once. */
  readonly places: readonly string[];
}

/** What a passage is scored on: its heading path and its text. */
export function passageText(chunk: Chunk): string {
  return `${chunk.headingPath.join(" ")} ${chunk.text}`;
}

export function corpusOf(knowledge: KnowledgeView): Corpus {
  return {
    plans: knowledge.plans,
    retriever: knowledge.retriever,
    chunks: knowledge.chunks,
    stats: new TermStats(knowledge.termCounts ?? knowledge.chunks.map(passageText)),
    spans: new SourceSpans(knowledge.sources),
    places: [...new Set(knowledge.plans.map((p) => foldWords(p.locality.name)).filter(Boolean))],
  };
}
