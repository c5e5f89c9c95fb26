/** Files written so that a reader sees the old content or the new, never a partial one (Node). */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { link, rename, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Writes beside the target, then renames over it (atomic on one file system); no temporary file is left. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/**
 * `path` becomes another name of the file at `existing` (a hard link, swapped in by rename), or a copy
 * of `data` where links are not possible: no second write of a large file that was just written.
 */
export async function linkAtomic(existing: string, path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await link(existing, tmp);
    await rename(tmp, path);
  } catch {
    await unlink(tmp).catch(() => {});
    await writeFileAtomic(path, data);
  }
}

/** The same, synchronously: for the last moment before a process exits, when nothing async will run. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {}
    throw err;
  }
}
