/**
 * Hybrid retrieval: BM25 over folded, rewritten queries fused with vector similarity by reciprocal rank
 * fusion. A question that names a commune is answered from that commune's plan only.
 */
import type { Embeddings } from "@langchain/core/embeddings";
import { BoundedMap } from "../bounded-map.ts";
import { plansInText, unitsInText } from "../plans/query.ts";
import type { Plan } from "../plans/schema.ts";
import { foldWords } from "../text/normalize.ts";
import type { Chunk } from "./chunks.ts";
import { LexicalIndex } from "./lexical.ts";
import { rewriteQuery } from "./rewrite.ts";
import { ExactVectorIndex, type VectorIndex } from "./vector.ts";

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
/** Lexical indices kept for scopes of a few plans; past this many, the oldest is built again when asked. */
const SCOPED_INDICES = 256;

/** A BM25 index over some chunks, and the corpus number of each of its documents. */
interface ScopedIndex {
  index: LexicalIndex;
  ids: readonly number[];
}

export class Retriever {
  private readonly planById: Map<string, Plan>;
  /** A plan's locality as folded query text, with its kind ("xa tan ky"). */
  private readonly placeName: Map<string, RegExp>;
  /** The corpus numbers of each plan's chunks. */
  private readonly chunksOfPlan = new Map<string, number[]>();
  /** An exact scan over the raw vectors, for a scope: its cost is the scope's chunks, not the corpus. */
  private readonly scan: ExactVectorIndex | null;
  private readonly scoped = new BoundedMap<string, ScopedIndex>(SCOPED_INDICES);
  private everything: ScopedIndex | undefined;

  constructor(
    readonly plans: readonly Plan[],
    readonly chunks: readonly Chunk[],
    private readonly embeddings: Embeddings,
    private readonly vectors: VectorIndex,
    scan?: ExactVectorIndex,
  ) {
    this.planById = new Map(plans.map((p) => [p.id, p]));
    this.placeName = new Map(
      plans.map((p) => [
        p.id,
        new RegExp(`(?: (?:xa|phuong|dac khu|thi tran))? ${foldWords(p.locality.name)} `, "gu"),
      ]),
    );
    chunks.forEach((c, i) => {
      const list = this.chunksOfPlan.get(c.plan);
      if (list) list.push(i);
      else this.chunksOfPlan.set(c.plan, [i]);
    });
    this.scan = scan ?? (vectors instanceof ExactVectorIndex ? vectors : null);
  }

  private planOf(chunk: Chunk): Plan {
    const plan = this.planById.get(chunk.plan);
    if (!plan) throw new Error(`chunk ${chunk.id} of unknown plan ${chunk.plan}`);
    return plan;
  }

  /** BM25 over the chunks of the plans in scope only, built when a scope is first asked about. */
  private lexicalOf(scope: ReadonlySet<string>): ScopedIndex {
    if (scope.size === this.plans.length) {
      this.everything ??= this.indexOf(this.chunks.map((_, i) => i));
      return this.everything;
    }
    const key = [...scope].sort().join("\u0000");
    // Set again when used: the least recently used scope is the one dropped.
    const found =
      this.scoped.get(key) ??
      this.indexOf([...scope].flatMap((id) => this.chunksOfPlan.get(id) ?? []).sort((a, b) => a - b));
    this.scoped.set(key, found);
    return found;
  }

  private indexOf(ids: readonly number[]): ScopedIndex {
    const index = new LexicalIndex(
      ids.map((i) => {
        const c = this.chunks[i] as Chunk;
        return { heading: `${this.planOf(c).shortName} ${c.headingPath.join(" ")}`, body: c.text };
      }),
    );
    return { index, ids };
  }

  /** Plans a query names, or all of them. */
  scope(query: string, plans?: readonly string[]): string[] {
    if (plans && plans.length > 0) return [...plans];
    const named = plansInText(this.plans, query).map((p) => p.id);
    return named.length > 0 ? named : this.plans.map((p) => p.id);
  }

  /** Passages of the sections describing the units a query names ("công an xã phải làm gì"). */
  private unitPassages(
    query: string,
    scope: ReadonlySet<string>,
    inScope: readonly number[],
    units?: SearchOptions["units"],
  ): number[] {
    const sections = new Set<string>();
    if (units) {
      for (const u of units) if (scope.has(u.plan)) sections.add(`${u.plan}\u0000${u.section}`);
    } else {
      for (const id of scope) {
        const plan = this.planById.get(id);
        if (!plan) continue;
        for (const unit of unitsInText(plan, query))
          if (unit.section) sections.add(`${plan.id}\u0000${unit.section}`);
      }
    }
    if (sections.size === 0) return [];
    return inScope.filter((i) => {
      const c = this.chunks[i] as Chunk;
      return sections.has(`${c.plan}\u0000${c.section}`);
    });
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const k = options.k ?? 5;
    const scope = new Set(this.scope(query, options.plans).filter((id) => this.planById.has(id)));
    const all = scope.size === this.plans.length;
    const expanded = rewriteQuery(query);
    // Once the commune has chosen the plan, its name is noise to the vector side (it is in every passage's
    // heading); BM25 discounts it by itself.
    let vectorQuery = expanded;
    if (!all)
      for (const id of scope)
        vectorQuery = ` ${vectorQuery} `.replace(this.placeName.get(id) as RegExp, " ").trim();
    // The scope's chunks, in corpus order: the documents of its lexical index.
    const { index, ids } = this.lexicalOf(scope);
    const nearest = (v: number[]) =>
      all
        ? this.vectors.search(v, DEPTH)
        : this.scan
          ? Promise.resolve(this.scan.among(v, DEPTH, ids))
          : this.vectors.search(v, DEPTH, (i) => scope.has((this.chunks[i] as Chunk).plan));
    const [lexical, vector] = await Promise.all([
      Promise.resolve(index.search(expanded, DEPTH).map((h) => ({ ...h, index: ids[h.index] as number }))),
      this.embeddings.embedQuery(vectorQuery).then(nearest),
    ]);
    const lists: Array<{ key: "lexicalRank" | "vectorRank" | "unitRank"; indices: number[] }> = [
      { key: "lexicalRank", indices: lexical.map((h) => h.index) },
      { key: "vectorRank", indices: vector.map((h) => h.index) },
      { key: "unitRank", indices: this.unitPassages(query, scope, ids, options.units) },
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
