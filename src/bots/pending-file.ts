/**
 * What the chat adapters must not lose when the process stops, kept in DATA_DIR (Node):
 *
 * - the pending journal (`pending-updates.json`): every update acknowledged to Telegram or Zalo is
 *   written to it before the acknowledgement and removed once answered. The platforms will not deliver
 *   an acknowledged update again, so whatever a killed process leaves in it is answered by the next
 *   start (at least once: an update whose answer was sent just before the kill is answered again).
 *   Updates older than a day are dropped with a log line: an answer that late would confuse the chat.
 * - the recent update ids (`recent-updates.json`, at most 4,096 a platform): a redelivery after a
 *   restart (an unconfirmed getUpdates offset, a webhook retried) is answered once.
 *
 * Both are small JSON files replaced atomically at each change.
 */
import { readFileSync, renameSync, unlinkSync } from "node:fs";
import { z } from "zod";
import { errorMessage } from "../errors.ts";
import { writeFileAtomicSync } from "../files.ts";
import { RecentSet, type UpdateLedger } from "./util.ts";

const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const PLATFORMS = ["telegram", "zalo"] as const;
type Platform = (typeof PLATFORMS)[number];

const SavedUpdates = z.object({
  version: z.literal(1),
  savedAt: z.iso.datetime(),
  telegram: z.array(z.unknown()),
  zalo: z.array(z.unknown()),
  /** The journal's keys of the updates, in the same order (absent in files written before the journal). */
  keys: z.object({ telegram: z.array(z.string()), zalo: z.array(z.string()) }).optional(),
});
export type SavedUpdates = z.infer<typeof SavedUpdates>;

/** Writes the updates; nothing is written when there are none. */
export function savePendingUpdates(
  file: string,
  updates: Pick<SavedUpdates, "telegram" | "zalo" | "keys">,
  now = new Date(),
): number {
  const count = updates.telegram.length + updates.zalo.length;
  if (count === 0) return 0;
  const saved: SavedUpdates = { version: 1, savedAt: now.toISOString(), ...updates };
  writeFileAtomicSync(file, `${JSON.stringify(saved)}\n`);
  return count;
}

type Log = (event: Record<string, unknown>) => void;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/**
 * The journal: updates being answered, by platform and key. What an earlier process left in the file is
 * read when it is opened and stays in the file until answered (`leftovers()`, then `done`).
 */
export class PendingJournal {
  private readonly entries: Record<Platform, Map<string, unknown>> = { telegram: new Map(), zalo: new Map() };
  private readonly left: Record<Platform, Array<[string, unknown]>> = { telegram: [], zalo: [] };

  constructor(
    readonly file: string,
    private readonly log: Log = () => {},
    now = new Date(),
  ) {
    let saved: SavedUpdates | undefined;
    try {
      const raw = readJson(file);
      if (raw === undefined) return;
      saved = SavedUpdates.parse(raw);
    } catch (err) {
      try {
        renameSync(file, `${file}.bad`);
      } catch {}
      log({ event: "pending_updates_corrupt", file: `${file}.bad`, message: errorMessage(err) });
      return;
    }
    const count = saved.telegram.length + saved.zalo.length;
    if (now.getTime() - Date.parse(saved.savedAt) > MAX_AGE_MS) {
      log({ event: "pending_updates_dropped", savedAt: saved.savedAt, count });
      this.persist();
      return;
    }
    for (const platform of PLATFORMS)
      saved[platform].forEach((update, i) => {
        const key = saved.keys?.[platform][i] ?? `saved-${i}`;
        this.entries[platform].set(key, update);
        this.left[platform].push([key, update]);
      });
  }

  /** The updates an earlier process left unanswered, once; they stay journaled until `done`. */
  leftovers(): Record<Platform, Array<[string, unknown]>> {
    const out = { telegram: this.left.telegram.splice(0), zalo: this.left.zalo.splice(0) };
    return out;
  }

  begin(platform: Platform, key: string, update: unknown): void {
    this.entries[platform].set(key, update);
    this.persist();
  }

  done(platform: Platform, key: string): void {
    if (this.entries[platform].delete(key)) this.persist();
  }

  get size(): number {
    return this.entries.telegram.size + this.entries.zalo.size;
  }

  /** Writes the journal as it stands (removes the file when it is empty); how many updates it holds. */
  persist(): number {
    try {
      const count = savePendingUpdates(this.file, {
        telegram: [...this.entries.telegram.values()],
        zalo: [...this.entries.zalo.values()],
        keys: { telegram: [...this.entries.telegram.keys()], zalo: [...this.entries.zalo.keys()] },
      });
      if (count === 0) {
        try {
          unlinkSync(this.file);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        }
      }
      return count;
    } catch (err) {
      // A full disk must not stop the bot answering; the guarantee is weaker until it clears.
      this.log({ event: "pending_updates_error", message: errorMessage(err) });
      return this.size;
    }
  }
}

const RecentFile = z.object({
  version: z.literal(1),
  telegram: z.array(z.string()),
  zalo: z.array(z.string()),
});

/** Recent delivery keys per platform, read at start and written at each new key. */
export class RecentUpdates {
  private readonly sets: Record<Platform, RecentSet<string>>;

  constructor(
    readonly file: string,
    private readonly log: Log = () => {},
    capacity = 4096,
  ) {
    this.sets = { telegram: new RecentSet(capacity), zalo: new RecentSet(capacity) };
    try {
      const raw = readJson(file);
      if (raw === undefined) return;
      const saved = RecentFile.parse(raw);
      for (const platform of PLATFORMS) for (const key of saved[platform]) this.sets[platform].add(key);
    } catch (err) {
      log({ event: "recent_updates_corrupt", file, message: errorMessage(err) });
    }
  }

  /** False when the key was seen (by this process or an earlier one). */
  add(platform: Platform, key: string): boolean {
    if (!this.sets[platform].add(key)) return false;
    try {
      writeFileAtomicSync(
        this.file,
        `${JSON.stringify({ version: 1, telegram: this.sets.telegram.values(), zalo: this.sets.zalo.values() })}\n`,
      );
    } catch (err) {
      this.log({ event: "recent_updates_error", message: errorMessage(err) });
    }
    return true;
  }
}

/** The Node ledger of the chat adapters: both files above. */
export class FileLedger implements UpdateLedger {
  readonly journal: PendingJournal;
  readonly recent: RecentUpdates;

  constructor(files: { pending: string; recent: string }, log: Log = () => {}) {
    this.journal = new PendingJournal(files.pending, log);
    this.recent = new RecentUpdates(files.recent, log);
  }

  firstTime(platform: string, key: string): boolean {
    return this.recent.add(platform as Platform, key);
  }

  begin(platform: string, key: string, update: unknown): void {
    this.journal.begin(platform as Platform, key, update);
  }

  done(platform: string, key: string): void {
    this.journal.done(platform as Platform, key);
  }
}
