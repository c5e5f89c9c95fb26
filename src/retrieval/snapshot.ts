/**
 * The data directory holds immutable snapshots. An ingest writes a new snapshot beside the current one
 * and only then points `CURRENT` at it (write-then-rename, atomic on one file system), so a reader sees
 * either the old snapshot or the new one, never a half-written one.
 *
 *   data/CURRENT                  name of the snapshot being served
 *   data/plans.json               the current plan model (a copy, for people and tools)
 *   data/plan.schema.json         JSON Schema of plans.json
 *   data/snapshots/<name>/        manifest.json, plans.json, chunks.json, sources.json, vectors.f32, hnsw/
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { codeVersion } from "../code-version.ts";
import { AppError, errorMessage } from "../errors.ts";
import { linkAtomic, writeFileAtomic } from "../files.ts";
import { type Plan, PlansFile } from "../plans/schema.ts";
import { Chunk } from "./chunks.ts";
import { EmbedderIdentity } from "./embeddings/identity.ts";

export const SNAPSHOT_FORMAT = 2;

export const Manifest = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  createdAt: z.string(),
  chunker: z.number().int(),
  /** The code that read and parsed the plans (`codeVersion()`), when it was a compiled build. */
  parser: z.string().nullable().optional(),
  embedder: EmbedderIdentity,
  plans: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      sha256: z.string(),
      chunks: z.number().int(),
      /** The text's duplicate-detection key, kept so that an unchanged file is not folded again. */
      textKey: z.string().optional(),
    }),
  ),
  chunks: z.number().int(),
  problems: z.array(
    z.object({ file: z.string(), code: z.string(), message_vi: z.string(), message_en: z.string() }),
  ),
  /** Every file of the snapshot but the manifest (paths relative to it): its size and SHA-256. */
  files: z.record(z.string(), z.object({ bytes: z.number().int(), sha256: z.string() })).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export interface Snapshot {
  name: string;
  dir: string;
  manifest: Manifest;
  plans: Plan[];
  chunks: Chunk[];
  /** Raw text of each plan file, by plan id: citations quote it verbatim. */
  sources: Record<string, string>;
  /** Row i is the vector of chunk i. */
  vectors: Float32Array;
}

export const snapshotsDir = (dataDir: string) => join(dataDir, "snapshots");

export async function currentName(dataDir: string): Promise<string | null> {
  try {
    const name = (await readFile(join(dataDir, "CURRENT"), "utf8")).trim();
    return name || null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export function newSnapshotName(): string {
  const stamp = new Date().toISOString().replace(/[-:]/gu, "").replace(/\..*$/u, "");
  return `snap-${stamp}-${randomBytes(3).toString("hex")}`;
}

export interface SnapshotContent {
  manifest: Manifest;
  plans: Plan[];
  chunks: Chunk[];
  sources: Record<string, string>;
  vectors: Float32Array;
  /** Writes the vector index files into the given directory. */
  writeIndex: (dir: string) => Promise<void>;
}

/**
 * Write a complete snapshot aside, then swap `CURRENT` to it. Returns the snapshot name. Until the final
 * rename nothing a reader looks at has changed.
 */
export async function commitSnapshot(dataDir: string, content: SnapshotContent): Promise<string> {
  const root = snapshotsDir(dataDir);
  await mkdir(root, { recursive: true });
  const name = newSnapshotName();
  const tmp = join(root, `.tmp-${name}`);
  await mkdir(tmp, { recursive: true });
  const plansText = JSON.stringify({ plans: content.plans });
  const written = new Map<string, Uint8Array>([
    ["plans.json", Buffer.from(plansText)],
    ["chunks.json", Buffer.from(JSON.stringify(content.chunks))],
    ["sources.json", Buffer.from(JSON.stringify(content.sources))],
    [
      "vectors.f32",
      new Uint8Array(content.vectors.buffer, content.vectors.byteOffset, content.vectors.byteLength),
    ],
  ]);
  // The files and the vector index are written side by side: the disk works while the index is built.
  await Promise.all([
    ...[...written].map(([file, bytes]) => writeFile(join(tmp, file), bytes)),
    content.writeIndex(join(tmp, "hnsw")),
  ]);
  // The manifest goes last: a snapshot directory without one is incomplete by definition. It records
  // each file's size and checksum, so a damaged file is found on load, by name, before it is used.
  const manifest = { ...content.manifest, files: await fileSums(tmp, written) };
  await writeFile(join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2));
  await rename(tmp, join(root, name));
  await writeFileAtomic(join(dataDir, "CURRENT"), `${name}\n`);
  // The same bytes under data/: a second name for the file just written, not a second write.
  await linkAtomic(join(root, name, "plans.json"), join(dataDir, "plans.json"), plansText);
  return name;
}

const sum = (bytes: Uint8Array) => ({
  bytes: bytes.byteLength,
  sha256: createHash("sha256").update(bytes).digest("hex"),
});

/** Size and checksum of every file under `dir` (those just written are summed from memory). */
async function fileSums(
  dir: string,
  written: ReadonlyMap<string, Uint8Array>,
  prefix = "",
): Promise<NonNullable<Manifest["files"]>> {
  const out: NonNullable<Manifest["files"]> = {};
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await fileSums(dir, written, rel));
    else if (rel !== "manifest.json") out[rel] = sum(written.get(rel) ?? (await readFile(join(dir, rel))));
  }
  return out;
}

/** The first file of a snapshot whose size or checksum is not what its manifest recorded. */
/**
 * The first file of a snapshot whose size or checksum is not what its manifest recorded. Files already
 * read (`loaded`) are checked from memory; the rest (the HNSW index files) are read for the check.
 */
async function damagedFile(
  dir: string,
  files: NonNullable<Manifest["files"]>,
  loaded: ReadonlyMap<string, Buffer>,
): Promise<string | null> {
  for (const [rel, want] of Object.entries(files)) {
    const bytes = loaded.get(rel) ?? (await readFile(join(dir, rel)).catch(() => null));
    if (bytes === null) return `${rel} (missing)`;
    if (bytes.byteLength !== want.bytes) return `${rel} (${bytes.byteLength} bytes, expected ${want.bytes})`;
    if (createHash("sha256").update(bytes).digest("hex") !== want.sha256) return `${rel} (checksum differs)`;
  }
  return null;
}

/** Remove half-written snapshots and all but the current and the previous one. */
export async function pruneSnapshots(dataDir: string, keep: readonly string[]): Promise<void> {
  const root = snapshotsDir(dataDir);
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return;
  }
  const complete = entries.filter((e) => e.startsWith("snap-")).sort();
  const keepSet = new Set([...keep, ...complete.slice(-2)]);
  for (const e of entries) {
    if (keepSet.has(e)) continue;
    await rm(join(root, e), { recursive: true, force: true });
  }
}

export function noIndexError(dataDir: string): AppError {
  return new AppError(
    "no-index",
    `Chưa có chỉ mục trong ${dataDir}. Hãy chạy "npm run ingest" (hoặc "npm start", lệnh này tự tạo chỉ mục).`,
    `No index in ${dataDir}. Run "npm run ingest" (or "npm start", which builds it).`,
  );
}

/** A snapshot's manifest alone (what it was built from, and when). */
export async function readManifest(dataDir: string, name: string): Promise<Manifest> {
  const text = await readFile(join(snapshotsDir(dataDir), name, "manifest.json"), "utf8");
  return Manifest.parse(JSON.parse(text));
}

/** The snapshot CURRENT names, or the one given by name (a server swapping in a new one). */
export async function readSnapshot(dataDir: string, named?: string): Promise<Snapshot> {
  const name = named ?? (await currentName(dataDir));
  if (!name) throw noIndexError(dataDir);
  const dir = join(snapshotsDir(dataDir), name);
  try {
    const names = ["plans.json", "chunks.json", "sources.json", "vectors.f32"] as const;
    const [manifestText, ...read] = await Promise.all([
      readFile(join(dir, "manifest.json"), "utf8"),
      ...names.map((file) => readFile(join(dir, file))),
    ]);
    const loaded = new Map(names.map((file, i) => [file, read[i] as Buffer]));
    const [plansText, chunksText, sourcesText] = read.slice(0, 3).map((b) => (b as Buffer).toString("utf8"));
    const vectorBytes = read[3] as Buffer;
    const manifest = parseOr(() => Manifest.parse(JSON.parse(manifestText as string)), "manifest.json");
    if (manifest.files) {
      const damaged = await damagedFile(dir, manifest.files, loaded);
      if (damaged) throw new Error(`damaged file ${damaged}`);
    }
    // What this very build wrote, with every checksum holding, needs no schema check (a third of the
    // load over a thousand plans); anything else, another version's snapshot above all, is checked.
    const ours = manifest.parser != null && manifest.parser === (await codeVersion()) && !!manifest.files;
    const plans = parseOr(() => {
      const json = JSON.parse(plansText as string);
      return (ours ? json : PlansFile.parse(json)).plans as Plan[];
    }, "plans.json");
    const chunks = parseOr(() => {
      const json = JSON.parse(chunksText as string);
      return (ours ? json : z.array(Chunk).parse(json)) as Chunk[];
    }, "chunks.json");
    const sources = parseOr(
      () => z.record(z.string(), z.string()).parse(JSON.parse(sourcesText as string)),
      "sources.json",
    );
    // What the native index will be given must agree with itself: counts, ids and vector sizes.
    const dim = manifest.embedder.dimensions ?? 0;
    if (chunks.length !== manifest.chunks)
      throw new Error(`chunks.json holds ${chunks.length} chunks, manifest says ${manifest.chunks}`);
    if (dim > 0 && vectorBytes.byteLength !== chunks.length * dim * 4)
      throw new Error(
        `vectors.f32 holds ${vectorBytes.byteLength} bytes, expected ${chunks.length * dim * 4}`,
      );
    const planIds = new Set(plans.map((p) => p.id));
    const stray = chunks.find((c) => !planIds.has(c.plan) || sources[c.plan] === undefined);
    if (stray)
      throw new Error(`chunks.json names plan ${stray.plan}, which plans.json or sources.json lacks`);
    if (new Set(chunks.map((c) => c.id)).size !== chunks.length)
      throw new Error("chunks.json repeats a chunk id");
    const vectors = new Float32Array(
      vectorBytes.buffer.slice(vectorBytes.byteOffset, vectorBytes.byteOffset + vectorBytes.byteLength),
    );
    return { name, dir, manifest, plans, chunks, sources, vectors };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badIndexError(dir, err);
  }
}

/** A file that does not parse, said with its name. */
function parseOr<T>(parse: () => T, file: string): T {
  try {
    return parse();
  } catch (err) {
    throw new Error(`${file}: ${errorMessage(err).split("\n")[0]}`);
  }
}

export function badIndexError(dir: string, err: unknown): AppError {
  const why = errorMessage(err);
  return new AppError(
    "bad-index",
    `Chỉ mục ${dir} bị hỏng hoặc được tạo bởi phiên bản khác (${why}). Hãy chạy lại "npm run ingest".`,
    `The index ${dir} is damaged or was built by another version (${why}). Run "npm run ingest" again.`,
  );
}
