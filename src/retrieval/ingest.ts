/**
 * Corpus → snapshot: parse every plan, chunk along sections, embed what changed (vectors of chunks
 * whose text is unchanged are reused from the current snapshot), build the HNSW index, commit atomically.
 */

import { createHash } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { codeVersion } from "../code-version.ts";
import { AppError } from "../errors.ts";
import { writeFileAtomic } from "../files.ts";
import {
  type CorpusProblem,
  DEFAULT_READ_OPTIONS,
  emptyCorpusError,
  type FileOutcome,
  loadPlanCorpus,
  type ReusePlan,
} from "../plans/load.ts";
import type { Plan } from "../plans/schema.ts";
import { plansJsonSchema } from "../plans/schema.ts";
import type { ReadOptions } from "../sources/model.ts";
import { CHUNKER_VERSION, type Chunk, chunkContent, chunkPlan } from "./chunks.ts";
import { sameEmbedder } from "./embeddings/identity.ts";
import type { Embedder } from "./embeddings/index.ts";
import {
  commitSnapshot,
  type Manifest,
  pruneSnapshots,
  readSnapshot,
  SNAPSHOT_FORMAT,
  type Snapshot,
} from "./snapshot.ts";

export type IngestEvent =
  | { phase: "read"; files: number; problems: CorpusProblem[]; outcomes: FileOutcome[] }
  | { phase: "embed"; done: number; total: number }
  | { phase: "index"; chunks: number }
  | { phase: "commit"; snapshot: string };

export interface IngestOptions {
  corpusDir: string;
  dataDir: string;
  embedder: Embedder;
  onEvent?: (event: IngestEvent) => void;
  /** Chunks sent to the embedder at once. */
  batchSize?: number;
  /** How corpus files are read (OCR, size cap). */
  read?: ReadOptions;
}

export interface IngestReport {
  snapshot: string;
  plans: number;
  chunks: number;
  embedded: number;
  reused: number;
  /** Plans taken as parsed by the last ingest (same file bytes, same code), not read again. */
  plansReused: number;
  problems: CorpusProblem[];
  /** What became of each file of the corpus folder. */
  outcomes: FileOutcome[];
  ms: number;
}

function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

interface LockOwner {
  host: string;
  pid: number;
  /** When the process started (kernel clock ticks since boot, from /proc), to tell a reused pid apart. */
  started: string | null;
  at: string;
}

/** A process's start time as the kernel keeps it, where /proc exists. */
async function processStart(pid: number): Promise<string | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  // Field 22, counted after the parenthesised command name (which may hold spaces).
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
}

async function ownerAlive(owner: LockOwner): Promise<boolean> {
  if (owner.host !== hostname()) {
    // Another machine sharing the directory: trusted for an hour, then taken over.
    return Date.now() - Date.parse(owner.at) < 60 * 60 * 1000;
  }
  try {
    process.kill(owner.pid, 0);
  } catch {
    return false;
  }
  // The pid is alive; if it started at another time it is another process that reused the number.
  const started = await processStart(owner.pid);
  return owner.started === null || started === null || started === owner.started;
}

/**
 * The ingest lock: created with O_EXCL, it names its host, process and start time. A lock whose owner is
 * gone (or whose pid now belongs to another process) is stale and is taken over by an atomic rename, so
 * that of two ingests finding the same stale lock only one takes it over.
 */
async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, "ingest.lock");
  const me: LockOwner = {
    host: hostname(),
    pid: process.pid,
    started: await processStart(process.pid),
    at: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const text = await readFile(path, "utf8").catch(() => "");
      let owner: LockOwner | null = null;
      try {
        owner = JSON.parse(text) as LockOwner;
      } catch {
        // A lock of an older version held only the pid.
        const pid = Number.parseInt(text, 10);
        if (Number.isFinite(pid) && pid > 0)
          owner = { host: hostname(), pid, started: null, at: new Date().toISOString() };
      }
      if (owner && (await ownerAlive(owner))) {
        throw new AppError(
          "busy",
          `Một lần nạp dữ liệu khác đang chạy (tiến trình ${owner.pid} trên ${owner.host}, từ ${owner.at}). Hãy đợi nó xong.`,
          `Another ingest is running (process ${owner.pid} on ${owner.host}, since ${owner.at}). Wait for it to finish.`,
        );
      }
      // Stale: moved aside under a name of our own; whoever loses this rename tries again and finds the
      // winner's fresh lock.
      const aside = `${path}.stale-${process.pid}-${Date.now()}`;
      try {
        await rename(path, aside);
        await rm(aside, { force: true });
      } catch {
        // Someone else took it over first.
      }
    }
  }
  throw new AppError("busy", "Không lấy được khóa nạp dữ liệu.", "Could not take the ingest lock.");
}

/** The current snapshot, when there is a readable one: what an ingest may reuse. */
async function previousSnapshot(dataDir: string): Promise<Snapshot | null> {
  // No snapshot, or an unreadable one, just means nothing to reuse.
  return readSnapshot(dataDir).catch(() => null);
}

/** Plans of the previous snapshot that the running code parsed, by file, with their text. */
function reusablePlans(previous: Snapshot | null, parser: string | null): ReusePlan {
  if (!previous || !parser || previous.manifest.parser !== parser) return () => undefined;
  const byFile = new Map(previous.plans.map((p) => [p.file, p]));
  const keys = new Map(previous.manifest.plans.map((p) => [p.id, p.textKey]));
  return (file, sha256) => {
    const plan = byFile.get(file);
    const text = plan ? previous.sources[plan.id] : undefined;
    if (!plan || plan.sha256 !== sha256 || text === undefined) return undefined;
    return { plan, text, textKey: keys.get(plan.id) };
  };
}

interface ChunkedCorpus {
  chunks: Chunk[];
  /** The text chunk i embeds. */
  contentOf: (i: number) => string;
  /** The row of the previous snapshot whose vector embeds chunk i's text, or null: it must be embedded. */
  rowBefore: Array<number | null>;
}

/**
 * Every plan's chunks, each with the previous snapshot's row that embedded the same text. A plan
 * reused as parsed keeps its chunks and rows as they were; the chunks of the others are matched by
 * the hash of their text against the previous chunks of plans not reused (moved or edited text keeps
 * its vector).
 */
function chunkAgainst(
  plans: readonly Plan[],
  reused: ReadonlySet<string>,
  previous: Snapshot | null,
  embedder: Embedder,
): ChunkedCorpus {
  const same = previous !== null && sameEmbedder(previous.manifest.embedder, embedder.identity);
  const rowsOf = new Map<string, number[]>();
  if (previous && previous.manifest.chunker === CHUNKER_VERSION) {
    previous.chunks.forEach((chunk, row) => {
      const rows = rowsOf.get(chunk.plan) ?? [];
      rows.push(row);
      rowsOf.set(chunk.plan, rows);
    });
  }
  let byText: Map<string, number> | undefined;
  const rowOfText = (content: string): number | null => {
    if (!previous || !same) return null;
    if (!byText) {
      byText = new Map();
      const planOf = new Map(previous.plans.map((p) => [p.id, p]));
      for (const [row, chunk] of previous.chunks.entries()) {
        const plan = planOf.get(chunk.plan);
        if (plan && !reused.has(plan.id)) byText.set(contentHash(chunkContent(plan, chunk)), row);
      }
    }
    return byText.get(contentHash(content)) ?? null;
  };
  const chunks: Chunk[] = [];
  const contents: Array<string | null> = [];
  const rowBefore: Array<number | null> = [];
  for (const plan of plans) {
    const rows = reused.has(plan.id) ? rowsOf.get(plan.id) : undefined;
    if (rows && previous) {
      for (const row of rows) {
        chunks.push(previous.chunks[row] as Chunk);
        contents.push(null);
        rowBefore.push(same ? row : null);
      }
      continue;
    }
    for (const chunk of chunkPlan(plan)) {
      const content = chunkContent(plan, chunk);
      chunks.push(chunk);
      contents.push(content);
      rowBefore.push(rowOfText(content));
    }
  }
  const planOf = new Map(plans.map((p) => [p.id, p]));
  const contentOf = (i: number) => {
    const chunk = chunks[i] as Chunk;
    return contents[i] ?? chunkContent(planOf.get(chunk.plan) as Plan, chunk);
  };
  return { chunks, contentOf, rowBefore };
}

export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  // The native index and its LangChain store load while the corpus is read: they are needed only at the end.
  const hnsw = import("./hnsw.ts");
  hnsw.catch(() => {});
  const { corpusDir, dataDir, embedder } = options;
  const emit = options.onEvent ?? (() => {});
  await mkdir(dataDir, { recursive: true });
  const release = await acquireLock(dataDir);
  try {
    const previous = await previousSnapshot(dataDir);
    const parser = await codeVersion();
    const corpus = await loadPlanCorpus(
      corpusDir,
      options.read ?? DEFAULT_READ_OPTIONS,
      reusablePlans(previous, parser),
    );
    const { plans, problems, outcomes } = corpus;
    emit({ phase: "read", files: outcomes.length, problems, outcomes });
    if (plans.length === 0) throw emptyCorpusError(corpusDir);
    const reused = new Set(corpus.files.flatMap((f) => (f.reused ? [f.id] : [])));
    const { chunks, contentOf, rowBefore } = chunkAgainst(plans, reused, previous, embedder);
    const dimBefore = previous?.manifest.embedder.dimensions ?? 0;
    const vectorsByIndex: Array<Float32Array | null> = rowBefore.map((row) =>
      row === null || !previous ? null : previous.vectors.subarray(row * dimBefore, (row + 1) * dimBefore),
    );
    const missing = vectorsByIndex.flatMap((v, i) => (v ? [] : [i]));
    const batch = options.batchSize ?? 64;
    emit({ phase: "embed", done: 0, total: missing.length });
    for (let i = 0; i < missing.length; i += batch) {
      const idx = missing.slice(i, i + batch);
      const vecs = await embedder.embeddings.embedDocuments(idx.map(contentOf));
      if (vecs.length !== idx.length) {
        throw new AppError(
          "embedder",
          `Dịch vụ embedding trả về ${vecs.length} vectơ cho ${idx.length} đoạn.`,
          `The embedding service returned ${vecs.length} vectors for ${idx.length} chunks.`,
        );
      }
      vecs.forEach((v, k) => {
        vectorsByIndex[idx[k] as number] = Float32Array.from(v);
      });
      emit({ phase: "embed", done: Math.min(i + batch, missing.length), total: missing.length });
    }

    const dim = vectorsByIndex[0]?.length ?? 0;
    if (dim === 0 || vectorsByIndex.some((v) => !v || v.length !== dim)) {
      throw new AppError(
        "embedder",
        "Dịch vụ embedding trả về vectơ rỗng hoặc không cùng số chiều.",
        "The embedding service returned empty vectors or vectors of different sizes.",
      );
    }
    const vectors = new Float32Array(chunks.length * dim);
    vectorsByIndex.forEach((v, i) => {
      vectors.set(v as Float32Array, i * dim);
    });

    emit({ phase: "index", chunks: chunks.length });
    const identity = { ...embedder.identity, dimensions: dim };
    const textKeys = new Map(corpus.files.map((f) => [f.id, f.textKey]));
    const chunksOf = new Map<string, number>();
    for (const c of chunks) chunksOf.set(c.plan, (chunksOf.get(c.plan) ?? 0) + 1);
    const manifest: Manifest = {
      format: SNAPSHOT_FORMAT,
      createdAt: new Date().toISOString(),
      chunker: CHUNKER_VERSION,
      parser,
      embedder: identity,
      plans: plans.map((p) => ({
        id: p.id,
        file: p.file,
        sha256: p.sha256,
        chunks: chunksOf.get(p.id) ?? 0,
        ...(textKeys.get(p.id) ? { textKey: textKeys.get(p.id) } : {}),
      })),
      chunks: chunks.length,
      problems,
    };
    const snapshot = await commitSnapshot(dataDir, {
      manifest,
      plans,
      chunks,
      sources: corpus.sources,
      vectors,
      writeIndex: async (dir) => {
        const { HnswVectorIndex } = await hnsw;
        const all = vectorsByIndex as Float32Array[];
        const ids = chunks.map((c) => c.id);
        // Few chunks changed: the previous index, its stale entries deleted and the new ones added,
        // costs a fraction of building anew (seconds over a thousand plans); otherwise build it whole.
        const updated =
          previous && rowBefore.some((r) => r !== null)
            ? await HnswVectorIndex.update(join(previous.dir, "hnsw"), embedder.embeddings, {
                rowBefore,
                vectors: all,
                ids,
              }).catch(() => null)
            : null;
        const index =
          updated ??
          (await HnswVectorIndex.build(
            embedder.embeddings,
            all.map((v) => Array.from(v)),
            ids,
          ));
        await index.save(dir);
      },
    });
    await writeFileAtomic(join(dataDir, "plan.schema.json"), JSON.stringify(plansJsonSchema(), null, 2));
    await pruneSnapshots(dataDir, [snapshot, ...(previous ? [previous.name] : [])]);
    emit({ phase: "commit", snapshot });
    return {
      snapshot,
      plans: plans.length,
      chunks: chunks.length,
      embedded: missing.length,
      reused: chunks.length - missing.length,
      plansReused: reused.size,
      problems,
      outcomes,
      ms: performance.now() - started,
    };
  } finally {
    await release();
  }
}
