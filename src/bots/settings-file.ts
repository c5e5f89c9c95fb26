/**
 * Chat settings in one JSON file (Node), `{version: 1, chats: {…}}`: see `JsonFileMap` for how it is
 * read again when another process changes it and written atomically.
 */
import { JsonFileMap } from "./json-file-map.ts";
import type { ChatSettings, ChatSettingsStore } from "./settings.ts";

function parseSettings(value: unknown): ChatSettings | undefined {
  if (!value || typeof value !== "object") return undefined;
  const plan = (value as { plan?: unknown }).plan;
  return typeof plan === "string" ? { plan } : {};
}

export class JsonFileChatSettingsStore implements ChatSettingsStore {
  private readonly map: JsonFileMap<ChatSettings>;

  constructor(
    readonly file: string,
    log: (event: Record<string, unknown>) => void = () => {},
  ) {
    this.map = new JsonFileMap(file, parseSettings, "chat_settings", log);
  }

  get(chatKey: string): Promise<ChatSettings | undefined> {
    return this.map.get(chatKey);
  }

  async set(chatKey: string, value: ChatSettings): Promise<void> {
    await this.map.update(chatKey, () => ({ ...value }));
  }
}
