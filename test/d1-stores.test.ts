/**
 * The Worker's chat stores on a real local D1 (workerd's, through Miniflare, as `wrangler dev` runs it):
 * default plans, seen updates, answers and verdicts, digest subscriptions; and a snapshot load that
 * replaces the snapshot's tables and leaves the chats' alone.
 */
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Turn } from "../src/answer/follow-up.ts";
import type { AskResult } from "../src/answer/types.ts";
import { hashChat } from "../src/feedback/log.ts";
import { D1_SCHEMA, type D1Like, d1SnapshotName, snapshotSql, type WorkerData } from "../src/runtime/d1.ts";
import {
  D1ChatSettingsStore,
  D1ConversationStore,
  D1FeedbackLog,
  D1SubscriptionStore,
  D1UpdateLedger,
} from "../src/runtime/d1-stores.ts";

let mf: Miniflare;
let db: D1Like;

/** Runs SQL written one statement a line, as `wrangler d1 execute --file` gets it. */
async function execute(sql: string): Promise<void> {
  for (const line of sql.split("\n").filter((l) => l.trim())) await db.prepare(line).run();
}

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script: "export default { fetch: () => new Response('') }",
    d1Databases: ["DB"],
  });
  db = (await mf.getD1Database("DB")) as unknown as D1Like;
  await execute(D1_SCHEMA.map((s) => `${s};`).join("\n"));
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
});

const result = (answer: string): AskResult =>
  ({
    answer,
    citations: [{ plan: "tan-ky-2026", section: "II.1", lines: [10, 12] }],
    intent: "who",
    plans: ["tan-ky-2026"],
    abstained: false,
  }) as unknown as AskResult;

describe("the Worker's chat stores in D1", () => {
  it("keeps each chat's default plan, and a cleared one", async () => {
    const store = new D1ChatSettingsStore(db);
    expect(await store.get("telegram:-100")).toBeUndefined();
    await store.set("telegram:-100", { plan: "tan-ky-2026" });
    await store.set("zalo:abc", { plan: "phu-lien-2025" });
    expect(await store.get("telegram:-100")).toEqual({ plan: "tan-ky-2026" });
    await store.set("telegram:-100", {});
    expect(await store.get("telegram:-100")).toEqual({});
    expect(await new D1ChatSettingsStore(db).get("zalo:abc")).toEqual({ plan: "phu-lien-2025" });
  });

  it("sees an update once per platform, and forgets old ones", async () => {
    const ledger = new D1UpdateLedger(db);
    expect(await ledger.firstTime("telegram", "7001")).toBe(true);
    expect(await ledger.firstTime("telegram", "7001")).toBe(false);
    // Another isolate, the same database.
    expect(await new D1UpdateLedger(db).firstTime("telegram", "7001")).toBe(false);
    expect(await ledger.firstTime("zalo", "7001")).toBe(true);
    expect(await ledger.forget(Date.now() + 1000)).toBe(2);
    expect(await ledger.firstTime("telegram", "7001")).toBe(true);
  });

  it("keeps subscriptions as Node's store does: a changed plan keeps the first day and the last sent", async () => {
    const store = new D1SubscriptionStore(db);
    expect(await store.get("telegram:1")).toBeUndefined();
    expect(await store.subscribe("telegram:1", "tan-ky-2026", "2026-09-01")).toEqual({
      plan: "tan-ky-2026",
      since: "2026-09-01",
      lastSent: null,
    });
    await store.markSent("telegram:1", "2026-09-07");
    expect(await store.subscribe("telegram:1", "phu-lien-2025", "2026-09-10")).toEqual({
      plan: "phu-lien-2025",
      since: "2026-09-01",
      lastSent: "2026-09-07",
    });
    await store.subscribe("zalo:2", "tan-ky-2026", "2026-09-02");
    expect(await store.list()).toEqual([
      ["telegram:1", { plan: "phu-lien-2025", since: "2026-09-01", lastSent: "2026-09-07" }],
      ["zalo:2", { plan: "tan-ky-2026", since: "2026-09-02", lastSent: null }],
    ]);
    expect(await store.unsubscribe("zalo:2")).toBe(true);
    expect(await store.unsubscribe("zalo:2")).toBe(false);
    await store.markSent("zalo:2", "2026-09-08");
    expect(await store.get("zalo:2")).toBeUndefined();
  });

  it("records verdicts on answers given by any isolate, with the chat hashed, and forgets old answers", async () => {
    const first = new D1FeedbackLog(db);
    const id = await first.given(
      "ai chủ trì nâng cấp mạng LAN?",
      result("Văn phòng HĐND và UBND xã"),
      "zalo:u1",
    );
    const other = new D1FeedbackLog(db);
    expect(await other.record("no-such-id", "up")).toBe(false);
    expect(await other.record(id, "down", "  thiếu đơn vị phối hợp ", new Date("2026-09-01T02:00:00Z"))).toBe(
      true,
    );
    const [rec] = await other.records();
    const salt = await db
      .prepare("SELECT value FROM store_meta WHERE key = 'feedback_salt'")
      .first<{ value: string }>();
    expect(rec).toEqual({
      time: "2026-09-01T02:00:00.000Z",
      id,
      question: "ai chủ trì nâng cấp mạng LAN?",
      answer: "Văn phòng HĐND và UBND xã",
      citations: [{ plan: "tan-ky-2026", section: "II.1", lines: [10, 12] }],
      intent: "who",
      plans: ["tan-ky-2026"],
      abstained: false,
      verdict: "down",
      comment: "thiếu đơn vị phối hợp",
      chat: hashChat(salt?.value ?? "", "zalo:u1"),
    });
    // One salt for every isolate: one chat's verdicts stay together.
    const again = await other.given("q", result("a"), "zalo:u1");
    expect(await other.record(again, "up")).toBe(true);
    expect((await other.records()).map((r) => r.chat)).toEqual([rec?.chat, rec?.chat]);
    expect(await other.forget(Date.now() + 1000)).toBe(2);
    expect(await other.record(id, "up")).toBe(false);
    expect(await other.records()).toHaveLength(2);
  });

  it("keeps a conversation's last turn for its time, for any isolate, then forgets it", async () => {
    let now = 1_000_000;
    const clock = () => now;
    const turn: Turn = {
      question: "ai chủ trì nâng cấp mạng LAN Tân Kỳ",
      plans: ["tan-ky-2026"],
      intent: "task",
      depth: 0,
    };
    await new D1ConversationStore(db, 60_000, clock).set("telegram:1:1", turn);
    const other = new D1ConversationStore(db, 60_000, clock);
    expect(await other.get("telegram:1:1")).toEqual(turn);
    expect(await other.get("telegram:1:2")).toBeNull();
    now += 60_000;
    expect(await other.get("telegram:1:1")).toBeNull();
    expect(await other.forget()).toBe(1);
  });

  it("a snapshot load replaces the snapshot and leaves the chats' tables as they were", async () => {
    await new D1ChatSettingsStore(db).set("telegram:42", { plan: "tan-ky-2026" });
    await new D1SubscriptionStore(db).subscribe("telegram:42", "tan-ky-2026", "2026-09-01");
    const data = (name: string): WorkerData => ({
      name,
      builtAt: null,
      embedder: { provider: "local", model: "hash", dimensions: 4 } as WorkerData["embedder"],
      plans: [],
      chunks: [],
      sources: {},
      problems: [],
      vectors: new Float32Array(0),
    });
    await execute(snapshotSql(data("snap-1")));
    await execute(snapshotSql(data("snap-2")));
    expect(await d1SnapshotName(db)).toBe("snap-2");
    expect(await new D1ChatSettingsStore(db).get("telegram:42")).toEqual({ plan: "tan-ky-2026" });
    expect(await new D1SubscriptionStore(db).get("telegram:42")).toMatchObject({ plan: "tan-ky-2026" });
    expect((await new D1FeedbackLog(db).records()).length).toBe(2);
    expect(snapshotSql(data("x"))).not.toMatch(/(DROP|DELETE FROM) (chat_|digest_|feedback|store_meta)/u);
  });
});
