/**
 * Which chats get deadline digests, of which plan, and the last day one was sent (so that a chat gets at
 * most one a day, across restarts and repeated runs). Keys are chat keys: "telegram:-100123",
 * "zalo:6ede9afa66b88fe6d6a9". Memory here; the JSON file in DATA_DIR in subscriptions-file.ts.
 */

export interface Subscription {
  /** Plan id the digest is of. */
  plan: string;
  /** Day subscribed (YYYY-MM-DD, Vietnam). */
  since: string;
  /** Last day a digest was delivered whole (YYYY-MM-DD), null before the first. */
  lastSent: string | null;
}

export interface SubscriptionStore {
  get(chatKey: string): Promise<Subscription | undefined>;
  /** Subscribes (or changes the plan of) a chat; a changed plan keeps the day last sent. */
  subscribe(chatKey: string, plan: string, today: string): Promise<Subscription>;
  /** False when the chat was not subscribed. */
  unsubscribe(chatKey: string): Promise<boolean>;
  list(): Promise<Array<[string, Subscription]>>;
  /** Records a delivered digest (nothing when the chat unsubscribed meanwhile). */
  markSent(chatKey: string, day: string): Promise<void>;
}

/** "telegram:-100123" → { platform: "telegram", chatId: "-100123" }. */
export function splitChatKey(chatKey: string): { platform: string; chatId: string } {
  const at = chatKey.indexOf(":");
  return at < 0
    ? { platform: chatKey, chatId: "" }
    : { platform: chatKey.slice(0, at), chatId: chatKey.slice(at + 1) };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** A stored subscription as read back from a file; undefined when it is not one. */
export function parseSubscription(value: unknown): Subscription | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.plan !== "string" || !v.plan) return undefined;
  return {
    plan: v.plan,
    since: typeof v.since === "string" && DAY.test(v.since) ? v.since : "",
    lastSent: typeof v.lastSent === "string" && DAY.test(v.lastSent) ? v.lastSent : null,
  };
}

export function subscribed(old: Subscription | undefined, plan: string, today: string): Subscription {
  return { plan, since: old?.since || today, lastSent: old?.lastSent ?? null };
}

export class MemorySubscriptionStore implements SubscriptionStore {
  private readonly chats = new Map<string, Subscription>();

  async get(chatKey: string): Promise<Subscription | undefined> {
    const v = this.chats.get(chatKey);
    return v ? { ...v } : undefined;
  }

  async subscribe(chatKey: string, plan: string, today: string): Promise<Subscription> {
    const v = subscribed(this.chats.get(chatKey), plan, today);
    this.chats.set(chatKey, v);
    return { ...v };
  }

  async unsubscribe(chatKey: string): Promise<boolean> {
    return this.chats.delete(chatKey);
  }

  async list(): Promise<Array<[string, Subscription]>> {
    return [...this.chats].map(([k, v]) => [k, { ...v }]);
  }

  async markSent(chatKey: string, day: string): Promise<void> {
    const v = this.chats.get(chatKey);
    if (v) this.chats.set(chatKey, { ...v, lastSent: day });
  }
}
