/**
 * Chat settings in one JSON file (Node): kept in memory and read again when the file changes; every change
 * is written to a temporary file in the same directory and renamed over the old one, so a crash never
 * leaves a half-written file; writes are serialized so two chats changing settings at once both land.
 */
import { mkdir, readFile, rename, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../files.ts";
import type { ChatSettings, ChatSettingsStore } from "./settings.ts";

interface SettingsFile {
  version: 1;
  chats: Record<string, ChatSettings>;
}

export class JsonFileChatSettingsStore implements ChatSettingsStore {
  private chats = new Map<string, ChatSettings>();
  /** The file's identity (inode, mtime, size) as last read or written: when another process replaces the
   * file, it differs and the file is read again. */
  private seen: string | null | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
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

  /** The settings as on disk: re-read when the file changed since we last saw it (or never read it). */
  private async current(): Promise<Map<string, ChatSettings>> {
    const f = await this.fingerprint();
    if (f !== this.seen) {
      this.chats = f === null ? new Map() : await this.read();
      this.seen = f;
    }
    return this.chats;
  }

  private async read(): Promise<Map<string, ChatSettings>> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return new Map();
      throw err;
    }
    try {
      const parsed = JSON.parse(text) as Partial<SettingsFile>;
      const chats = parsed && typeof parsed.chats === "object" && parsed.chats ? parsed.chats : {};
      const out = new Map<string, ChatSettings>();
      for (const [key, value] of Object.entries(chats)) {
        if (value && typeof value === "object") {
          out.set(key, typeof value.plan === "string" ? { plan: value.plan } : {});
        }
      }
      return out;
    } catch (err) {
      // Keep the unreadable file for the operator and start empty rather than stop the bots.
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await rename(this.file, aside).catch(() => {});
      this.log({ event: "chat_settings_corrupt", file: this.file, movedTo: aside, message: String(err) });
      return new Map();
    }
  }

  async get(chatKey: string): Promise<ChatSettings | undefined> {
    // Reads wait for pending writes, so a chat sees its own change at once.
    await this.writing;
    const v = (await this.current()).get(chatKey);
    return v ? { ...v } : undefined;
  }

  /**
   * Read-modify-write of one chat's entry, serialized within the process; re-reading a file another
   * process changed keeps its chats (the Telegram and Zalo polling scripts may share the file).
   */
  async set(chatKey: string, value: ChatSettings): Promise<void> {
    const next = this.writing.then(async () => {
      const chats = new Map(await this.current());
      chats.set(chatKey, { ...value });
      await this.write({ version: 1, chats: Object.fromEntries(chats) });
      this.chats = chats;
      this.seen = await this.fingerprint();
    });
    // A failed write must not block later ones; the caller still sees its own failure.
    this.writing = next.catch(() => {});
    await next;
  }

  private async write(content: SettingsFile): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(content, null, 2)}\n`);
  }
}
