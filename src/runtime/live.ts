/**
 * The running server's knowledge, swapped live: `data/CURRENT` is watched, and when an ingest points it
 * at a new snapshot, the snapshot is loaded beside the old one and swapped in between requests (a
 * request already answering finishes on the snapshot it started with). A snapshot that cannot be loaded
 * is refused with its reason and the old one keeps serving.
 */
import { createHash } from "node:crypto";
import { watch } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../config.ts";
import { errorMessage } from "../errors.ts";
import { listCorpus } from "../plans/load.ts";
import { currentName, readManifest } from "../retrieval/snapshot.ts";
import type { Knowledge } from "./knowledge.ts";

export interface LiveOptions<T> {
  dataDir: string;
  /** The served value for a snapshot (knowledge, answering, app), built before it is swapped in. */
  build: (name: string) => Promise<T>;
  /** How often CURRENT is also read, for file systems whose change events do not arrive. */
  pollMs?: number;
  log?: (event: Record<string, unknown>) => void;
}

export interface Live<T> {
  /** What serves now. */
  current(): T;
  /** Look at CURRENT now; resolves true when a new snapshot was swapped in. */
  check(): Promise<boolean>;
  close(): void;
}

export function liveSnapshot<T>(name: string, first: T, options: LiveOptions<T>): Live<T> {
  let served = { name, value: first };
  let checking: Promise<boolean> | null = null;
  const log = options.log ?? (() => {});

  const check = (): Promise<boolean> => {
    // One check at a time: a burst of change events loads a snapshot once.
    checking ??= (async () => {
      try {
        const next = await currentName(options.dataDir);
        if (!next || next === served.name) return false;
        const started = Date.now();
        const value = await options.build(next);
        const from = served.name;
        served = { name: next, value };
        log({ event: "snapshot-switched", from, to: next, ms: Date.now() - started });
        return true;
      } catch (err) {
        log({ event: "snapshot-refused", reason: errorMessage(err) });
        return false;
      } finally {
        checking = null;
      }
    })();
    return checking;
  };

  let watcher: ReturnType<typeof watch> | null = null;
  try {
    watcher = watch(options.dataDir, (_kind, file) => {
      if (file === null || String(file) === "CURRENT") void check();
    });
    watcher.on("error", () => {});
  } catch {
    watcher = null; // the poll below still sees the change
  }
  const poll = setInterval(() => void check(), options.pollMs ?? 5000);
  poll.unref();
  return {
    current: () => served.value,
    check,
    close() {
      watcher?.close();
      clearInterval(poll);
    },
  };
}

/** Corpus files added, removed or changed since the snapshot in use was built. */
export async function corpusChanges(
  config: Pick<Config, "corpusDir" | "dataDir">,
  knowledge: Pick<Knowledge, "name">,
): Promise<string[]> {
  const manifest = await readManifest(config.dataDir, knowledge.name).catch(() => null);
  if (!manifest) return [];
  const built = new Map(manifest.plans.map((p) => [p.file, p.sha256]));
  for (const p of manifest.problems) if (!built.has(p.file)) built.set(p.file, "");
  const changed: string[] = [];
  let names: string[];
  try {
    names = await listCorpus(config.corpusDir);
  } catch {
    return [];
  }
  for (const file of names) {
    const was = built.get(file);
    if (was === undefined) {
      changed.push(file);
      continue;
    }
    built.delete(file);
    if (was === "") continue; // skipped when built; its reason is in the manifest
    const sha = createHash("sha256")
      .update(await readFile(join(config.corpusDir, file)))
      .digest("hex");
    if (sha !== was) changed.push(file);
  }
  return [...changed, ...built.keys()].sort();
}
