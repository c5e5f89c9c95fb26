/**
 * BM25 over folded syllables and syllable bigrams (MiniSearch's BM25+), so "nang cap mang lan" and
 * "nâng cấp mạng LAN" hit the same postings and a phrase outranks scattered words. A chunk's heading path
 * is a field of its own with a higher weight: "công an phường làm gì" should land in "4. Công an phường".
 */
import MiniSearch from "minisearch";
import { foldWords } from "../text/normalize.ts";
import { bigrams, tokens } from "../text/tokenize.ts";
import { canonicalWording } from "./rewrite.ts";

export function lexicalTerms(text: string): string[] {
  const toks = tokens(text);
  return [...toks, ...bigrams(toks)];
}

/** Terms of a passage or a query, each paraphrase read as the plans write it ("online" → "trực tuyến"). */
function planTerms(text: string): string[] {
  return lexicalTerms(canonicalWording(foldWords(text)));
}

export interface LexicalHit {
  index: number;
  score: number;
}

export interface LexicalDocument {
  heading: string;
  body: string;
}

/** A word in a heading counts twice: headings say what a passage is about. */
const HEADING_BOOST = 2;

export class LexicalIndex {
  private readonly mini: MiniSearch<{ id: number; heading: string; body: string }>;

  /** Every term the passages hold: a query term among them is spelled as the plans spell it. */
  private readonly vocabulary = new Set<string>();

  constructor(documents: readonly LexicalDocument[]) {
    const vocabulary = this.vocabulary;
    this.mini = new MiniSearch({
      fields: ["heading", "body"],
      idField: "id",
      tokenize: (text) => {
        const terms = planTerms(text);
        for (const t of terms) vocabulary.add(t);
        return terms;
      },
      processTerm: (t) => t,
      searchOptions: { tokenize: planTerms, processTerm: (t) => t, combineWith: "OR" },
    });
    this.mini.addAll(documents.map((d, id) => ({ id, ...d })));
  }

  search(query: string, k: number): LexicalHit[] {
    const results = this.mini.search(query, {
      boost: { heading: HEADING_BOOST, body: 1 },
      // Long syllables may be mistyped; short ones are too ambiguous to fuzz, and one the plans use is
      // not a slip (fuzzing it walks the whole term tree for words it is not).
      fuzzy: (term) => (term.length >= 6 && !term.includes("_") && !this.vocabulary.has(term) ? 1 : false),
      weights: { fuzzy: 0.3, prefix: 0.3 },
    });
    return results.slice(0, k).map((r) => ({ index: r.id as number, score: r.score }));
  }
}
