/**
 * The snapshot in Cloudflare D1, for the Worker: one row per plan (its model and its text) and one row
 * per chunk (the chunk and its vector as a little-endian float32 BLOB), beside the snapshot's name and
 * embedder. `snapshotSql` writes what `wrangler d1 execute --file` loads (every snapshot table replaced
 * in one file, so a half-loaded corpus is never served; the chats' tables of d1-stores.ts are created
 * when missing, never emptied); `readD1` reads it back into what the Worker answers from. Loading a new
 * corpus is a data change, not a redeploy: the Worker notices the new name.
 */
import type { Plan } from "../plans/schema.ts";
import type { Chunk } from "../retrieval/chunks.ts";
import type { EmbedderIdentity } from "../retrieval/embeddings/identity.ts";
import type { Snapshot } from "../retrieval/snapshot.ts";
import { D1_STORE_SCHEMA } from "./d1-stores.ts";

/** What the Worker answers from: the snapshot's content, read from D1 (or, in tests, from a snapshot). */
export interface WorkerData {
  name: string;
  builtAt: string | null;
  embedder: EmbedderIdentity;
  plans: Plan[];
  chunks: Chunk[];
  sources: Record<string, string>;
  problems: Array<{ file: string; code: string; message_vi: string; message_en: string }>;
  /** Row i is the vector of chunk i. */
  vectors: Float32Array;
}

/** A snapshot read on Node, as the Worker holds it. */
export function workerDataOf(snap: Snapshot): WorkerData {
  return {
    name: snap.name,
    builtAt: snap.manifest.createdAt,
    embedder: snap.manifest.embedder,
    plans: snap.plans,
    chunks: snap.chunks,
    sources: snap.sources,
    problems: snap.manifest.problems,
    vectors: snap.vectors,
  };
}

/** The part of a D1 prepared statement used here. */
export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  first<T>(): Promise<T | null>;
  all<T>(): Promise<{ results: T[] }>;
  /** A write: how many rows it changed. */
  run(): Promise<{ meta: { changes?: number } }>;
}

/** The part of Cloudflare's D1 binding used here. */
export interface D1Like {
  prepare(sql: string): D1StatementLike;
}

/** The snapshot's tables: replaced whole by each load. */
const SNAPSHOT_SCHEMA = [
  "CREATE TABLE IF NOT EXISTS snapshot (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS plans (id TEXT PRIMARY KEY, position INTEGER NOT NULL)",
  // A plan's model and text, in parts: D1 refuses a statement over 100 KB.
  "CREATE TABLE IF NOT EXISTS plan_texts (plan TEXT NOT NULL, field TEXT NOT NULL, seq INTEGER NOT NULL, part TEXT NOT NULL, PRIMARY KEY (plan, field, seq))",
  "CREATE TABLE IF NOT EXISTS chunks (position INTEGER PRIMARY KEY, plan TEXT NOT NULL, chunk TEXT NOT NULL, vector BLOB NOT NULL)",
  "CREATE INDEX IF NOT EXISTS chunks_by_plan ON chunks (plan)",
];

/** Every table the Worker uses: the snapshot's, and the chats' (which a load creates but never empties). */
export const D1_SCHEMA = [...SNAPSHOT_SCHEMA, ...D1_STORE_SCHEMA];

/** Characters per stored part: at most three bytes each in UTF-8, so a statement stays under 100 KB. */
const PART = 30_000;

const text = (value: string) => `'${value.replaceAll("'", "''")}'`;
const hex = (vector: Float32Array) => {
  const bytes = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return `X'${out}'`;
};

/** SQL that replaces D1's content with the snapshot's (one statement per row: D1 caps a statement's size). */
export function snapshotSql(data: WorkerData): string {
  const dim = data.embedder.dimensions ?? data.vectors.length / Math.max(1, data.chunks.length);
  const lines = [
    ...D1_SCHEMA.map((s) => `${s};`),
    // The snapshot's tables only: chat settings, subscriptions and feedback outlive a load.
    ...["snapshot", "plans", "plan_texts", "chunks"].map((t) => `DELETE FROM ${t};`),
  ];
  data.plans.forEach((plan, i) => {
    lines.push(`INSERT INTO plans (id, position) VALUES (${text(plan.id)}, ${i});`);
    const fields = { model: JSON.stringify(plan), source: data.sources[plan.id] ?? "" };
    for (const [field, value] of Object.entries(fields)) {
      for (let seq = 0; seq * PART < Math.max(1, value.length); seq++)
        lines.push(
          `INSERT INTO plan_texts (plan, field, seq, part) VALUES (${text(plan.id)}, '${field}', ${seq}, ${text(value.slice(seq * PART, (seq + 1) * PART))});`,
        );
    }
  });
  data.chunks.forEach((chunk, i) => {
    const vector = data.vectors.subarray(i * dim, (i + 1) * dim);
    lines.push(
      `INSERT INTO chunks (position, plan, chunk, vector) VALUES (${i}, ${text(chunk.plan)}, ${text(JSON.stringify(chunk))}, ${hex(vector)});`,
    );
  });
  const meta = {
    embedder: JSON.stringify(data.embedder),
    builtAt: data.builtAt ?? "",
    problems: JSON.stringify(data.problems),
    // Last: a reader that sees this name sees the rows above.
    name: data.name,
  };
  for (const [key, value] of Object.entries(meta))
    lines.push(`INSERT INTO snapshot (key, value) VALUES (${text(key)}, ${text(value)});`);
  return `${lines.join("\n")}\n`;
}

/** The name of the snapshot D1 holds, or null when nothing was loaded. */
export async function d1SnapshotName(db: D1Like): Promise<string | null> {
  const row = await db
    .prepare("SELECT value FROM snapshot WHERE key = ?")
    .bind("name")
    .first<{ value: string }>()
    .catch(() => null);
  return row?.value ?? null;
}

function bytesOf(blob: unknown): Uint8Array {
  if (blob instanceof ArrayBuffer) return new Uint8Array(blob);
  if (ArrayBuffer.isView(blob)) return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
  if (Array.isArray(blob)) return Uint8Array.from(blob as number[]);
  throw new Error("a chunk's vector is not a BLOB");
}

export async function readD1(db: D1Like): Promise<WorkerData> {
  const meta = new Map(
    (await db.prepare("SELECT key, value FROM snapshot").all<{ key: string; value: string }>()).results.map(
      (r) => [r.key, r.value],
    ),
  );
  const name = meta.get("name");
  if (!name) throw new Error("D1 holds no snapshot: run npm run worker:load");
  const embedder = JSON.parse(meta.get("embedder") ?? "null") as EmbedderIdentity;
  const ids = (await db.prepare("SELECT id FROM plans ORDER BY position").all<{ id: string }>()).results;
  const parts = (
    await db
      .prepare("SELECT plan, field, part FROM plan_texts ORDER BY plan, field, seq")
      .all<{ plan: string; field: string; part: string }>()
  ).results;
  const joined = new Map<string, string>();
  for (const p of parts)
    joined.set(`${p.field}:${p.plan}`, (joined.get(`${p.field}:${p.plan}`) ?? "") + p.part);
  const chunkRows = (
    await db
      .prepare("SELECT chunk, vector FROM chunks ORDER BY position")
      .all<{ chunk: string; vector: unknown }>()
  ).results;
  const plans = ids.map(({ id }) => JSON.parse(joined.get(`model:${id}`) ?? "null") as Plan);
  const sources = Object.fromEntries(ids.map(({ id }) => [id, joined.get(`source:${id}`) ?? ""]));
  const dim = embedder.dimensions ?? 0;
  const vectors = new Float32Array(chunkRows.length * dim);
  const chunks = chunkRows.map((r, i) => {
    const bytes = bytesOf(r.vector);
    if (bytes.byteLength !== dim * 4) throw new Error(`chunk ${i} has a vector of ${bytes.byteLength} bytes`);
    vectors.set(new Float32Array(bytes.slice().buffer), i * dim);
    return JSON.parse(r.chunk) as Chunk;
  });
  return {
    name,
    builtAt: meta.get("builtAt") || null,
    embedder,
    plans,
    chunks,
    sources,
    problems: JSON.parse(meta.get("problems") ?? "[]"),
    vectors,
  };
}
