/**
 * Hybrid retrieval: BM25 over folded, rewritten queries fused with vector similarity by reciprocal rank
 * fusion. A question that names a commune is answered from that commune's plan only.
 */
import type { Embeddings } from "@langchain/core/embeddings";
import { plansInText, unitsInText } from "../plans/query.ts";
import type { Plan } from "../plans/schema.ts";
import { foldWords } from "../text/normalize.ts";
import type { Chunk } from "./chunks.ts";
import { LexicalIndex } from "./lexical.ts";
import { rewriteQuery } from "./rewrite.ts";
import type { VectorIndex } from "./vector.ts";

export interface SearchHit {
  chunk: Chunk;
  plan: Plan;
  score: number;
  /** Ranks in each retriever (1-based), null where it did not return the chunk. */
  lexicalRank: number | null;
  vectorRank: number | null;
  /** Rank among the passages of a unit the query names (its "Tổ chức thực hiện" section). */
  unitRank: number | null;
}

export interface SearchOptions {
  k?: number;
  /** Restrict to these plans; by default, the plans the query names (all when it names none). */
  plans?: readonly string[];
  /** Sections of the units the question names, as the caller understood them (else guessed here). */
  units?: ReadonlyArray<{ plan: string; section: string }>;
}

const RRF_K = 60;
const DEPTH = 50;

export class Retriever {
  readonly lexical: LexicalIndex;
  private readonly planById: Map<string, Plan>;
  /** A plan's locality as folded query text, with its kind ("xa tan ky"). */
  private readonly placeName: Map<string, RegExp>;

  constructor(
    readonly plans: readonly Plan[],
    readonly chunks: readonly Chunk[],
    private readonly embeddings: Embeddings,
    private readonly vectors: VectorIndex,
  ) {
    this.planById = new Map(plans.map((p) => [p.id, p]));
    this.placeName = new Map(
      plans.map((p) => [
        p.id,
        new RegExp(`(?: (?:xa|phuong|dac khu|thi tran))? ${foldWords(p.locality.name)} `, "gu"),
      ]),
    );
    this.lexical = new LexicalIndex(
      chunks.map((c) => ({
        heading: `${this.planOf(c).shortName} ${c.headingPath.join(" ")}`,
        body: c.text,
      })),
    );
  }

  private planOf(chunk: Chunk): Plan {
    const plan = this.planById.get(chunk.plan);
    if (!plan) throw new Error(`chunk ${chunk.id} of unknown plan ${chunk.plan}`);
    return plan;
  }

  /** Plans a query names, or all of them. */
  scope(query: string, plans?: readonly string[]): string[] {
    if (plans && plans.length > 0) return [...plans];
    const named = plansInText(this.plans, query).map((p) => p.id);
    return named.length > 0 ? named : this.plans.map((p) => p.id);
  }

  /** Passages of the sections describing the units a query names ("công an xã phải làm gì"). */
  private unitPassages(query: string, scope: ReadonlySet<string>, units?: SearchOptions["units"]): number[] {
    const sections = new Set<string>();
    if (units) {
      for (const u of units) if (scope.has(u.plan)) sections.add(`${u.plan}\u0000${u.section}`);
    } else {
      for (const plan of this.plans) {
        if (!scope.has(plan.id)) continue;
        for (const unit of unitsInText(plan, query))
          if (unit.section) sections.add(`${plan.id}\u0000${unit.section}`);
      }
    }
    if (sections.size === 0) return [];
    const out: number[] = [];
    this.chunks.forEach((c, i) => {
      if (sections.has(`${c.plan}\u0000${c.section}`)) out.push(i);
    });
    return out;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const k = options.k ?? 5;
    const scope = new Set(this.scope(query, options.plans));
    const filter =
      scope.size === this.plans.length ? undefined : (i: number) => scope.has((this.chunks[i] as Chunk).plan);
    const expanded = rewriteQuery(query);
    // Once the commune has chosen the plan, its name is noise to the vector side (it is in every passage's
    // heading); BM25 discounts it by itself.
    let vectorQuery = expanded;
    if (scope.size < this.plans.length) {
      for (const plan of this.plans) {
        if (!scope.has(plan.id)) continue;
        vectorQuery = ` ${vectorQuery} `.replace(this.placeName.get(plan.id) as RegExp, " ").trim();
      }
    }
    const [lexical, vector] = await Promise.all([
      Promise.resolve(this.lexical.search(expanded, DEPTH, filter)),
      this.embeddings.embedQuery(vectorQuery).then((v) => this.vectors.search(v, DEPTH, filter)),
    ]);
    const lists: Array<{ key: "lexicalRank" | "vectorRank" | "unitRank"; indices: number[] }> = [
      { key: "lexicalRank", indices: lexical.map((h) => h.index) },
      { key: "vectorRank", indices: vector.map((h) => h.index) },
      { key: "unitRank", indices: this.unitPassages(query, scope, options.units) },
    ];
    const fused = new Map<
      number,
      { score: number; lexicalRank: number | null; vectorRank: number | null; unitRank: number | null }
    >();
    for (const list of lists) {
      list.indices.forEach((index, rank) => {
        const entry = fused.get(index) ?? { score: 0, lexicalRank: null, vectorRank: null, unitRank: null };
        entry.score += 1 / (RRF_K + rank + 1);
        entry[list.key] = rank + 1;
        fused.set(index, entry);
      });
    }
    return [...fused.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, k)
      .map(([index, f]) => {
        const chunk = this.chunks[index] as Chunk;
        return { chunk, plan: this.planOf(chunk), ...f };
      });
  }
}
