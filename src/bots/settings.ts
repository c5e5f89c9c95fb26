/**
 * Per-chat settings (the chat's default plan) behind a small store interface. Keys name the platform
 * and the chat: "telegram:-100123", "zalo:6ede9afa66b88fe6d6a9".
 */

export interface ChatSettings {
  /** Plan id used when a question names no locality. */
  plan?: string;
}

export interface ChatSettingsStore {
  get(chatKey: string): Promise<ChatSettings | undefined>;
  set(chatKey: string, value: ChatSettings): Promise<void>;
}

/** Settings kept in memory only (tests, Workers without storage). */
export class MemoryChatSettingsStore implements ChatSettingsStore {
  private readonly chats = new Map<string, ChatSettings>();

  async get(chatKey: string): Promise<ChatSettings | undefined> {
    const v = this.chats.get(chatKey);
    return v ? { ...v } : undefined;
  }

  async set(chatKey: string, value: ChatSettings): Promise<void> {
    this.chats.set(chatKey, { ...value });
  }
}
