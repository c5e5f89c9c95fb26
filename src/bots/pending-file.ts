/**
 * Chat updates that were acknowledged to Telegram or Zalo but not yet answered when a shutdown ran out
 * of time: written to one JSON file on the way out, answered by the next start, then the file is
 * removed. The platforms will not deliver an acknowledged update again, so this file is the only copy.
 * Updates older than a day are dropped with a log line: an answer that late would confuse the chat.
 */
import { readFile, rename, unlink } from "node:fs/promises";
import { z } from "zod";
import { errorMessage } from "../errors.ts";
import { writeFileAtomicSync } from "../files.ts";

const MAX_AGE_MS = 24 * 60 * 60 * 1000;

const SavedUpdates = z.object({
  version: z.literal(1),
  savedAt: z.iso.datetime(),
  telegram: z.array(z.unknown()),
  zalo: z.array(z.unknown()),
});
export type SavedUpdates = z.infer<typeof SavedUpdates>;

/** Writes the updates (synchronously: this runs just before exit); nothing is written when there are none. */
export function savePendingUpdates(
  file: string,
  updates: Pick<SavedUpdates, "telegram" | "zalo">,
  now = new Date(),
): number {
  const count = updates.telegram.length + updates.zalo.length;
  if (count === 0) return 0;
  const saved: SavedUpdates = { version: 1, savedAt: now.toISOString(), ...updates };
  writeFileAtomicSync(file, `${JSON.stringify(saved)}\n`);
  return count;
}

/**
 * The saved updates, taken: the file is renamed away before they are handled, so a crash while
 * answering them never answers them twice. A damaged file is kept aside under `.bad` and logged.
 */
export async function takePendingUpdates(
  file: string,
  log: (event: Record<string, unknown>) => void,
  now = new Date(),
): Promise<Pick<SavedUpdates, "telegram" | "zalo">> {
  const none = { telegram: [], zalo: [] };
  const taken = `${file}.taking`;
  try {
    await rename(file, taken);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT")
      log({ event: "pending_updates_error", message: errorMessage(err) });
    return none;
  }
  try {
    const saved = SavedUpdates.parse(JSON.parse(await readFile(taken, "utf8")));
    await unlink(taken);
    const age = now.getTime() - Date.parse(saved.savedAt);
    if (age > MAX_AGE_MS) {
      log({
        event: "pending_updates_dropped",
        savedAt: saved.savedAt,
        count: saved.telegram.length + saved.zalo.length,
      });
      return none;
    }
    return { telegram: saved.telegram, zalo: saved.zalo };
  } catch (err) {
    await rename(taken, `${file}.bad`).catch(() => {});
    log({ event: "pending_updates_corrupt", file: `${file}.bad`, message: errorMessage(err) });
    return none;
  }
}
