/**
 * What the chat bots keep on the Worker, in D1 beside the snapshot and behind the interfaces Node backs
 * with files or memory: each chat's default plan, the update ids already seen (a redelivery is answered
 * once, by whichever isolate gets it), the answers given (a 👍 / 👎 names one by id, from any isolate)
 * with the verdicts on them, the digest subscriptions, and each conversation's last turn (a follow-up is
 * read against it whichever isolate answers). The tables are created by D1_SCHEMA, which every
 * `npm run worker:load` runs, and are never emptied by it.
 *
 * Unlike Node's ledger, this one journals nothing: the Worker keeps an isolate alive with waitUntil until
 * the answer is sent, and there is no next start to answer a lost update at.
 */
import type { ConversationStore } from "../answer/conversation.ts";
import type { Turn } from "../answer/follow-up.ts";
import type { AskResult } from "../answer/types.ts";
import type { ChatSettings, ChatSettingsStore } from "../bots/settings.ts";
import type { UpdateLedger } from "../bots/util.ts";
import { type Subscription, type SubscriptionStore, subscribed } from "../digest/subscriptions.ts";
import { errorMessage } from "../errors.ts";
import {
  type FeedbackLog,
  type FeedbackRecord,
  feedbackRecord,
  type KeptAnswer,
  keptAnswer,
  type Verdict,
} from "../feedback/record.ts";
import type { D1Like } from "./d1.ts";

type Log = (event: Record<string, unknown>) => void;

export const D1_STORE_SCHEMA = [
  "CREATE TABLE IF NOT EXISTS chat_settings (chat TEXT PRIMARY KEY, plan TEXT, updated_at TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS chat_updates (platform TEXT NOT NULL, key TEXT NOT NULL, seen_at INTEGER NOT NULL, PRIMARY KEY (platform, key))",
  "CREATE INDEX IF NOT EXISTS chat_updates_by_time ON chat_updates (seen_at)",
  "CREATE TABLE IF NOT EXISTS digest_subscriptions (chat TEXT PRIMARY KEY, plan TEXT NOT NULL, since TEXT NOT NULL, last_sent TEXT)",
  // An answer as a verdict needs it: question, answer, citations, intent, plans, whether it abstained.
  "CREATE TABLE IF NOT EXISTS feedback_answers (id TEXT PRIMARY KEY, given_at INTEGER NOT NULL, question TEXT NOT NULL, result TEXT NOT NULL, chat TEXT)",
  "CREATE INDEX IF NOT EXISTS feedback_answers_by_time ON feedback_answers (given_at)",
  // `record` is one FeedbackRecord, as a line of Node's feedback.jsonl.
  "CREATE TABLE IF NOT EXISTS feedback (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, answer TEXT NOT NULL, verdict TEXT NOT NULL, record TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, turn TEXT NOT NULL, until INTEGER NOT NULL)",
];

const changed = (r: { meta: { changes?: number } }) => (r.meta.changes ?? 0) > 0;

export class D1ChatSettingsStore implements ChatSettingsStore {
  constructor(private readonly db: D1Like) {}

  async get(chatKey: string): Promise<ChatSettings | undefined> {
    const row = await this.db
      .prepare("SELECT plan FROM chat_settings WHERE chat = ?")
      .bind(chatKey)
      .first<{ plan: string | null }>();
    if (!row) return undefined;
    return row.plan ? { plan: row.plan } : {};
  }

  async set(chatKey: string, value: ChatSettings): Promise<void> {
    await this.db
      .prepare(
        "INSERT INTO chat_settings (chat, plan, updated_at) VALUES (?, ?, ?) ON CONFLICT (chat) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at",
      )
      .bind(chatKey, value.plan ?? null, new Date().toISOString())
      .run();
  }
}

export class D1UpdateLedger implements UpdateLedger {
  constructor(
    private readonly db: D1Like,
    private readonly log: Log = () => {},
  ) {}

  async firstTime(platform: string, key: string): Promise<boolean> {
    try {
      const r = await this.db
        .prepare("INSERT OR IGNORE INTO chat_updates (platform, key, seen_at) VALUES (?, ?, ?)")
        .bind(platform, key, Date.now())
        .run();
      return changed(r);
    } catch (err) {
      // Whether it was seen is unknown: answered, since a question lost is worse than one answered twice.
      this.log({ event: "chat_updates_error", platform, message: errorMessage(err) });
      return true;
    }
  }

  begin(): void {}

  done(): void {}

  /** Forgets the ids seen before `before` (ms since the epoch): platforms redeliver within hours. */
  async forget(before: number): Promise<number> {
    const r = await this.db.prepare("DELETE FROM chat_updates WHERE seen_at < ?").bind(before).run();
    return r.meta.changes ?? 0;
  }
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Answers and verdicts in D1. Chats are hashed as Node's `hashChat` does, with a salt made once and kept
 * in store_meta. An answer that cannot be written is still given (its id is then unknown to a verdict):
 * a failing store never holds an answer back.
 */
export class D1FeedbackLog implements FeedbackLog {
  private salt: Promise<string> | undefined;

  constructor(
    private readonly db: D1Like,
    private readonly log: Log = () => {},
  ) {}

  private saltOnce(): Promise<string> {
    this.salt ??= (async () => {
      const fresh = await sha256Hex(crypto.randomUUID());
      await this.db
        .prepare("INSERT OR IGNORE INTO store_meta (key, value) VALUES ('feedback_salt', ?)")
        .bind(fresh)
        .run();
      const row = await this.db
        .prepare("SELECT value FROM store_meta WHERE key = 'feedback_salt'")
        .first<{ value: string }>();
      if (!row) throw new Error("no feedback salt in store_meta");
      return row.value;
    })().catch((err: unknown) => {
      this.salt = undefined;
      throw err;
    });
    return this.salt;
  }

  async given(question: string, result: AskResult, chat?: string): Promise<string> {
    const id = crypto.randomUUID();
    const kept = keptAnswer(result);
    try {
      const hashed = chat ? (await sha256Hex(`${await this.saltOnce()}:${chat}`)).slice(0, 16) : null;
      await this.db
        .prepare("INSERT INTO feedback_answers (id, given_at, question, result, chat) VALUES (?, ?, ?, ?, ?)")
        .bind(id, Date.now(), question, JSON.stringify(kept), hashed)
        .run();
    } catch (err) {
      this.log({ event: "feedback_store_error", message: errorMessage(err) });
    }
    return id;
  }

  async record(id: string, verdict: Verdict, comment?: string, now = new Date()): Promise<boolean> {
    const row = await this.db
      .prepare("SELECT question, result, chat FROM feedback_answers WHERE id = ?")
      .bind(id)
      .first<{ question: string; result: string; chat: string | null }>();
    if (!row) return false;
    const given = { question: row.question, result: JSON.parse(row.result) as KeptAnswer, chat: row.chat };
    const record = feedbackRecord(id, given, verdict, comment, now);
    await this.db
      .prepare("INSERT INTO feedback (time, answer, verdict, record) VALUES (?, ?, ?, ?)")
      .bind(record.time, id, verdict, JSON.stringify(record))
      .run();
    return true;
  }

  /** The verdicts, oldest first, as Node's feedback.jsonl holds them. */
  async records(): Promise<FeedbackRecord[]> {
    const rows = await this.db.prepare("SELECT record FROM feedback ORDER BY seq").all<{ record: string }>();
    return rows.results.map((r) => JSON.parse(r.record) as FeedbackRecord);
  }

  /** Forgets the answers given before `before` (ms since the epoch); the verdicts stay. */
  async forget(before: number): Promise<number> {
    const r = await this.db.prepare("DELETE FROM feedback_answers WHERE given_at < ?").bind(before).run();
    return r.meta.changes ?? 0;
  }
}

interface SubscriptionRow {
  chat: string;
  plan: string;
  since: string;
  last_sent: string | null;
}

const subscription = (r: SubscriptionRow): Subscription => ({
  plan: r.plan,
  since: r.since,
  lastSent: r.last_sent,
});

export class D1SubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: D1Like) {}

  async get(chatKey: string): Promise<Subscription | undefined> {
    const row = await this.db
      .prepare("SELECT chat, plan, since, last_sent FROM digest_subscriptions WHERE chat = ?")
      .bind(chatKey)
      .first<SubscriptionRow>();
    return row ? subscription(row) : undefined;
  }

  async subscribe(chatKey: string, plan: string, today: string): Promise<Subscription> {
    const next = subscribed(await this.get(chatKey), plan, today);
    await this.db
      .prepare(
        "INSERT INTO digest_subscriptions (chat, plan, since, last_sent) VALUES (?, ?, ?, ?) ON CONFLICT (chat) DO UPDATE SET plan = excluded.plan, since = excluded.since, last_sent = excluded.last_sent",
      )
      .bind(chatKey, next.plan, next.since, next.lastSent)
      .run();
    return next;
  }

  async unsubscribe(chatKey: string): Promise<boolean> {
    return changed(
      await this.db.prepare("DELETE FROM digest_subscriptions WHERE chat = ?").bind(chatKey).run(),
    );
  }

  async list(): Promise<Array<[string, Subscription]>> {
    const rows = await this.db
      .prepare("SELECT chat, plan, since, last_sent FROM digest_subscriptions ORDER BY chat")
      .all<SubscriptionRow>();
    return rows.results.map((r) => [r.chat, subscription(r)]);
  }

  async markSent(chatKey: string, day: string): Promise<void> {
    await this.db
      .prepare("UPDATE digest_subscriptions SET last_sent = ? WHERE chat = ?")
      .bind(day, chatKey)
      .run();
  }
}

/** Each conversation's last turn, dropped `ttlMs` after it was answered (as Node's memory store does). */
export class D1ConversationStore implements ConversationStore {
  constructor(
    private readonly db: D1Like,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<Turn | null> {
    const row = await this.db
      .prepare("SELECT turn FROM conversations WHERE id = ? AND until > ?")
      .bind(id, this.now())
      .first<{ turn: string }>();
    return row ? (JSON.parse(row.turn) as Turn) : null;
  }

  async set(id: string, turn: Turn): Promise<void> {
    await this.db
      .prepare(
        "INSERT INTO conversations (id, turn, until) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET turn = excluded.turn, until = excluded.until",
      )
      .bind(id, JSON.stringify(turn), this.now() + this.ttlMs)
      .run();
  }

  /** Drops the turns that have run out. */
  async forget(): Promise<number> {
    const r = await this.db.prepare("DELETE FROM conversations WHERE until <= ?").bind(this.now()).run();
    return r.meta.changes ?? 0;
  }
}
