/**
 * One JSON file of entries by chat key (Node): kept in memory and read again when the file changes;
 * every change is written to a temporary file in the same directory and renamed over the old one, so a
 * crash never leaves a half-written file; writes are serialized so two chats changing at once both land.
 * The chat settings and the digest subscriptions are each one of these.
 */
import { mkdir, readFile, rename, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../files.ts";

interface MapFile<V> {
  version: 1;
  chats: Record<string, V>;
}

export class JsonFileMap<V> {
  private entries = new Map<string, V>();
  /** The file's identity (inode, mtime, size) as last read or written: when another process replaces the
   * file, it differs and the file is read again. */
  private seen: string | null | undefined;
  private writing: Promise<void> = Promise.resolve();

  /**
   * `parse` keeps a stored value it understands (else undefined: the entry is skipped); `name` prefixes
   * the log event of a damaged file (`${name}_corrupt`).
   */
  constructor(
    readonly file: string,
    private readonly parse: (value: unknown) => V | undefined,
    private readonly name: string,
    private readonly log: (event: Record<string, unknown>) => void = () => {},
  ) {}

  private async fingerprint(): Promise<string | null> {
    try {
      const s = await stat(this.file);
      return `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  /** The entries as on disk: re-read when the file changed since we last saw it (or never read it). */
  private async current(): Promise<Map<string, V>> {
    const f = await this.fingerprint();
    if (f !== this.seen) {
      this.entries = f === null ? new Map() : await this.read();
      this.seen = f;
    }
    return this.entries;
  }

  private async read(): Promise<Map<string, V>> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return new Map();
      throw err;
    }
    try {
      const parsed = JSON.parse(text) as Partial<MapFile<unknown>>;
      const chats = parsed && typeof parsed.chats === "object" && parsed.chats ? parsed.chats : {};
      const out = new Map<string, V>();
      for (const [key, value] of Object.entries(chats)) {
        const v = this.parse(value);
        if (v !== undefined) out.set(key, v);
      }
      return out;
    } catch (err) {
      // Keep the unreadable file for the operator and start empty rather than stop the bots.
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await rename(this.file, aside).catch(() => {});
      this.log({ event: `${this.name}_corrupt`, file: this.file, movedTo: aside, message: String(err) });
      return new Map();
    }
  }

  async get(key: string): Promise<V | undefined> {
    // Reads wait for pending writes, so a chat sees its own change at once.
    await this.writing;
    const v = (await this.current()).get(key);
    return v === undefined ? undefined : structuredClone(v);
  }

  async all(): Promise<Array<[string, V]>> {
    await this.writing;
    return [...(await this.current())].map(([k, v]) => [k, structuredClone(v)]);
  }

  /**
   * Read-modify-write of one entry (`change` returns the new value, or undefined to remove it),
   * serialized within the process; re-reading a file another process changed keeps its entries (the
   * Telegram and Zalo polling scripts may share the file). Resolves to the value written.
   */
  async update(key: string, change: (old: V | undefined) => V | undefined): Promise<V | undefined> {
    const next = this.writing.then(async () => {
      const entries = new Map(await this.current());
      const old = entries.get(key);
      const value = change(old === undefined ? undefined : structuredClone(old));
      if (value === undefined && old === undefined) return undefined;
      if (value === undefined) entries.delete(key);
      else entries.set(key, structuredClone(value));
      await this.write({ version: 1, chats: Object.fromEntries(entries) });
      this.entries = entries;
      this.seen = await this.fingerprint();
      return value;
    });
    // A failed write must not block later ones; the caller still sees its own failure.
    this.writing = next.then(
      () => {},
      () => {},
    );
    return next;
  }

  private async write(content: MapFile<V>): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(content, null, 2)}\n`);
  }
}
