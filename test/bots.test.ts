/**
 * The chat bots end to end: real-shaped Telegram and Zalo updates posted to the real Hono app
 * (createApp with the bots' webhook handlers), answered from the real corpus, sent to fake platform
 * servers on 127.0.0.1 that speak the Bot API wire protocol.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryConversationStore } from "../src/answer/conversation.ts";
import { createAnswering } from "../src/answer/service.ts";
import type { AskInput, AskResult } from "../src/answer/types.ts";
import { createApp } from "../src/api/app.ts";
import { type Answers, parseCommand } from "../src/bots/core.ts";
import { escapeHtml, formatAnswer, splitMessage, TELEGRAM_LIMIT, ZALO_LIMIT } from "../src/bots/format.ts";
import { type Bots, buildBots } from "../src/bots/node.ts";
import { type ChatSettingsStore, MemoryChatSettingsStore } from "../src/bots/settings.ts";
import { JsonFileChatSettingsStore } from "../src/bots/settings-file.ts";
import { RecentSet } from "../src/bots/util.ts";
import { ZaloApi } from "../src/bots/zalo-api.ts";
import { readConfig } from "../src/config.ts";
import { type FeedbackLog, feedbackIn, feedbackLog } from "../src/feedback/log.ts";
import type { Knowledge } from "../src/runtime/knowledge.ts";
import { squash } from "../src/text/normalize.ts";
import { FAKE_TELEGRAM_ME, type FakeTelegram, startFakeTelegram } from "./helpers/fake-telegram.ts";
import { FAKE_ZALO_ME, type FakeZalo, startFakeZalo } from "./helpers/fake-zalo.ts";
import { freePort } from "./helpers/http.ts";
import { type LocalKnowledge, localKnowledge } from "./helpers/knowledge.ts";
import { runScript } from "./helpers/run.ts";
import { scratch } from "./helpers/tmp.ts";

const TG_SECRET = "tg-secret_0123456789";
const ZALO_SECRET = "zalo-secret-0123456789";
const GROUP = -1001234567890;
const USER = 5551;
const ZALO_USER = "6ede9afa66b88fe6d6a9";
const ZALO_GROUP = "9a8b7c6d5e4f3a2b1c0d";

let knowledge: Knowledge;
let realAnswers: Answers;
let tg: FakeTelegram;
let zl: FakeZalo;
let dirs: ReturnType<typeof scratch>;

beforeAll(async () => {
  let local: LocalKnowledge;
  [local, tg, zl] = await Promise.all([localKnowledge(), startFakeTelegram(), startFakeZalo()]);
  knowledge = local.knowledge;
  realAnswers = local.answers;
  dirs = scratch();
});

afterAll(async () => {
  await Promise.all([tg?.close(), zl?.close()]);
  dirs?.cleanup();
});

// ---- harness -------------------------------------------------------------------------------------

interface Harness {
  app: ReturnType<typeof createApp>;
  bots: Bots;
  events: Array<Record<string, unknown>>;
  idle(): Promise<void>;
}

const open: Harness[] = [];

function harness(
  options: {
    answers?: Answers;
    store?: ChatSettingsStore;
    env?: Record<string, string>;
    botEnv?: Record<string, string>;
    feedback?: FeedbackLog;
  } = {},
): Harness {
  const events: Array<Record<string, unknown>> = [];
  const config = readConfig({
    DATA_DIR: dirs.dataDir,
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tg.url,
    ZALO_BOT_TOKEN: zl.token,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: zl.url,
    ...(options.botEnv ?? { TELEGRAM_BOT_USERNAME: "kb_test_bot" }),
    ...options.env,
  });
  const answers = options.answers ?? realAnswers;
  const bots = buildBots(config, {
    plans: knowledge.plans,
    answers,
    log: (e) => events.push(e),
    ...(options.feedback ? { feedback: options.feedback } : {}),
    // With CHAT_SETTINGS_FILE: the real JSON-file store (buildBots' default); else in memory.
    ...(options.env?.CHAT_SETTINGS_FILE ? {} : { store: options.store ?? new MemoryChatSettingsStore() }),
  });
  const app = createApp({
    knowledge,
    answers: { mode: "extractive", ask: (i) => answers.ask(i) },
    bots: bots.handlers,
  });
  const h: Harness = {
    app,
    bots,
    events,
    idle: async () => {
      await Promise.all([bots.telegram?.idle(), bots.zalo?.idle()]);
    },
  };
  open.push(h);
  return h;
}

beforeEach(() => {
  tg.reset();
  zl.reset();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.bots.close()));
});

let nextUpdate = 700_000;
let nextMessage = 10;

interface TgOptions {
  chat?: "private" | "group";
  /** Another member of the group than USER. */
  from?: number;
  entities?: Array<Record<string, unknown>>;
  replyTo?: Record<string, unknown>;
}

function tgUpdate(text: string, o: TgOptions = {}): { update_id: number; message: Record<string, unknown> } {
  const group = o.chat === "group";
  const entities = o.entities ?? [];
  const cmd = /^\/\S+/u.exec(text);
  if (cmd && !o.entities) entities.push({ type: "bot_command", offset: 0, length: cmd[0].length });
  return {
    update_id: ++nextUpdate,
    message: {
      message_id: ++nextMessage,
      date: 1_760_000_000,
      from: { id: o.from ?? USER, is_bot: false, first_name: "An", username: "an_ng", language_code: "vi" },
      chat: group
        ? { id: GROUP, type: "supergroup", title: "UBND xã — CĐS" }
        : { id: USER, type: "private", first_name: "An", username: "an_ng" },
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(o.replyTo ? { reply_to_message: o.replyTo } : {}),
    },
  };
}

/** "@kb_test_bot …" in the group, with its mention entity. */
function tgMention(question: string, from?: number) {
  const text = `@kb_test_bot ${question}`;
  return tgUpdate(text, {
    chat: "group",
    entities: [{ type: "mention", offset: 0, length: 12 }],
    ...(from ? { from } : {}),
  });
}

function postTelegram(h: Harness, update: unknown, secret: string | null = TG_SECRET) {
  return h.app.request("/bot/telegram", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret !== null ? { "x-telegram-bot-api-secret-token": secret } : {}),
    },
    body: JSON.stringify(update),
  });
}

function zaloUpdate(text: string, chat: "private" | "group" = "private", messageId?: string) {
  return {
    event_name: "message.text.received",
    message: {
      message_id: messageId ?? `m${(++nextMessage).toString(16).padStart(19, "0")}`,
      date: 1_750_316_131_602,
      from: { id: ZALO_USER, display_name: "Ted", is_bot: false },
      chat:
        chat === "group" ? { id: ZALO_GROUP, chat_type: "GROUP" } : { id: ZALO_USER, chat_type: "PRIVATE" },
      text,
    },
  };
}

function postZalo(h: Harness, body: unknown, secret: string | null = ZALO_SECRET) {
  return h.app.request("/bot/zalo", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret !== null ? { "x-bot-api-secret-token": secret } : {}),
    },
    body: JSON.stringify(body),
  });
}

const texts = (calls: Array<{ body: Record<string, unknown> }>) => calls.map((c) => String(c.body.text));
const unescapeHtml = (s: string) => s.replace(/&lt;/gu, "<").replace(/&gt;/gu, ">").replace(/&amp;/gu, "&");

function stubResult(answer: string, citations: AskResult["citations"] = []): AskResult {
  return {
    answer,
    abstained: false,
    intent: "general",
    mode: "extractive",
    plans: [],
    citations,
    tasks: [],
    indicators: [],
  };
}

const LAN = "ai chủ trì nâng cấp mạng LAN?";

// ---- Telegram --------------------------------------------------------------------------------------

describe("Telegram webhook", () => {
  it("answers a private question with sources, in HTML, replying to the question", async () => {
    const h = harness();
    const update = tgUpdate("ai chủ trì nâng cấp mạng LAN ở Tân Kỳ, hạn khi nào?");
    const res = await postTelegram(h, update);
    expect(res.status).toBe(200);
    await h.idle();
    const sent = tg.sent("sendMessage");
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body as Record<string, unknown>;
    expect(body.chat_id).toBe(USER);
    expect(body.parse_mode).toBe("HTML");
    expect(body.reply_parameters).toMatchObject({ message_id: update.message.message_id });
    expect(body.text).toMatch(/Văn phòng HĐND và UBND/u);
    expect(body.text).toMatch(/Quý III\/2026/u);
    expect(body.text).toMatch(/Nguồn: \[1\] Tân Kỳ 2026 · II\.3\.d · dòng 96–100/u);
  });

  it("sends «typing…» before the answer and waits for it, even when Telegram makes it wait", async () => {
    const h = harness({ answers: { ask: async (i) => stubResult(`Đã nhận: ${i.question}`) } });
    tg.failNext("sendChatAction", 1, { retryAfter: 1 });
    await postTelegram(h, tgUpdate("câu hỏi nhanh"));
    await h.idle();
    const order = tg.calls
      .filter((c) => c.method === "sendChatAction" || c.method === "sendMessage")
      .map((c) => `${c.method}:${c.status}`);
    expect(order).toEqual(["sendChatAction:429", "sendChatAction:200", "sendMessage:200"]);
  });

  it("reads a member's follow-up against their own last answer in the group, never another member's", async () => {
    const h = harness();
    await postTelegram(h, tgMention("Ai chủ trì triển khai Office 365 ở Tân Kỳ?"));
    await h.idle();
    await postTelegram(h, tgMention("hạn khi nào?"));
    await h.idle();
    await postTelegram(h, tgMention("hạn khi nào?", USER + 1));
    await h.idle();
    const [, mine, theirs] = texts(tg.sent("sendMessage")).map(unescapeHtml);
    expect(mine).toContain("Office 365");
    expect(mine).toContain("Quý I/2026");
    expect(theirs).not.toContain("Office 365");
  });

  it("ignores group chatter, and commands meant for another bot", async () => {
    const h = harness();
    for (const u of [
      tgUpdate("mai họp lúc mấy giờ nhỉ?", { chat: "group" }),
      tgUpdate(`/hoi@other_bot ${LAN}`, { chat: "group" }),
      tgUpdate("ai chủ trì nâng cấp mạng LAN?", {
        chat: "group",
        replyTo: {
          message_id: 3,
          date: 1_760_000_000,
          from: { id: 999, is_bot: false, first_name: "Bình" },
          chat: { id: GROUP, type: "supergroup", title: "UBND xã — CĐS" },
          text: "…",
        },
      }),
    ]) {
      expect((await postTelegram(h, u)).status).toBe(200);
    }
    await h.idle();
    expect(tg.sent("sendMessage")).toHaveLength(0);
  });

  it("answers /hoi, /hoi@bot, a mention and a reply to the bot in a group, replying to the asking message", async () => {
    const h = harness();
    const asks = [
      tgUpdate(`/hoi ${LAN}`, { chat: "group" }),
      tgUpdate(`/hoi@kb_test_bot ${LAN}`, { chat: "group" }),
      tgMention(LAN),
      tgUpdate(LAN, {
        chat: "group",
        replyTo: {
          message_id: 90_001,
          date: 1_760_000_000,
          from: { id: FAKE_TELEGRAM_ME.id, is_bot: true, first_name: "Trợ lý", username: "kb_test_bot" },
          chat: { id: GROUP, type: "supergroup", title: "UBND xã — CĐS" },
          text: "…",
        },
      }),
    ];
    for (const u of asks) expect((await postTelegram(h, u)).status).toBe(200);
    await h.idle();
    const sent = tg.sent("sendMessage");
    expect(sent.map((c) => (c.body.reply_parameters as { message_id: number }).message_id)).toEqual(
      asks.map((u) => u.message.message_id),
    );
    for (const c of sent) {
      expect(c.body.chat_id).toBe(GROUP);
      expect(c.body.text).toMatch(/Văn phòng HĐND và UBND/u);
      expect(c.body.text).toMatch(/Nguồn/u);
    }
  });

  it("refuses a wrong or missing secret with 401, sends nothing and never calls getMe", async () => {
    const h = harness({ botEnv: {} });
    expect((await postTelegram(h, tgUpdate("xin chào"), null)).status).toBe(401);
    expect((await postTelegram(h, tgUpdate("xin chào"), "wrong-secret")).status).toBe(401);
    await h.idle();
    expect(tg.calls).toHaveLength(0);
    // The first authenticated update learns the bot's username (getMe), so the mention is recognised.
    expect((await postTelegram(h, tgMention(LAN))).status).toBe(200);
    await h.idle();
    expect(tg.sent("getMe")).toHaveLength(1);
    expect(tg.sent("sendMessage")).toHaveLength(1);
    expect(h.bots.telegram?.me().username).toBe("kb_test_bot");
  });

  it("answers a repeated update_id once", async () => {
    const h = harness();
    const update = tgUpdate(LAN);
    expect((await postTelegram(h, update)).status).toBe(200);
    expect((await postTelegram(h, update)).status).toBe(200);
    await h.idle();
    expect(tg.sent("sendMessage")).toHaveLength(1);
    expect(h.events.some((e) => e.event === "telegram_duplicate_update")).toBe(true);
  });

  it("waits retry_after on 429 and then sends", async () => {
    const h = harness({ answers: { ask: async () => stubResult("Câu trả lời ngắn.") } });
    tg.failNext("sendMessage", 1, { retryAfter: 1 });
    const started = Date.now();
    expect((await postTelegram(h, tgUpdate("xin hỏi"))).status).toBe(200);
    await h.idle();
    const sent = tg.sent("sendMessage");
    expect(sent.map((c) => c.status)).toEqual([429, 200]);
    expect(sent[1]?.body.text).toBe("Câu trả lời ngắn.");
    expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("apologises in Vietnamese when the answering core fails, and the webhook still returns 200", async () => {
    const h = harness({
      answers: {
        ask: async () => {
          throw new Error("LLM down");
        },
      },
    });
    const res = await postTelegram(h, tgUpdate(LAN));
    expect(res.status).toBe(200);
    await h.idle();
    const [reply] = texts(tg.sent("sendMessage"));
    expect(reply).toMatch(/^Xin lỗi/u);
    expect((reply ?? "").length).toBeLessThan(200);
    expect(h.events.some((e) => e.event === "bot_answer_error" && e.message === "LLM down")).toBe(true);
  });

  it("acknowledges a malformed body with the right secret without a 500", async () => {
    const h = harness();
    const res = await h.app.request("/bot/telegram", {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TG_SECRET },
      body: "{not json",
    });
    expect(res.status).toBe(200);
    await h.idle();
    expect(tg.sent("sendMessage")).toHaveLength(0);
    expect(h.events.some((e) => e.event === "telegram_webhook_error")).toBe(true);
  });

  it("refuses an oversized update with 413 and the webhook's own limit, sending nothing", async () => {
    const h = harness();
    const res = await postTelegram(h, tgUpdate("x".repeat(70_000)));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message_vi: string; message_en: string } };
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.message_vi).toMatch(/tối đa 64 KB/u);
    expect(body.error.message_en).toMatch(/at most 64 KB/u);
    await h.idle();
    expect(tg.sent("sendMessage")).toHaveLength(0);
  });

  it("keeps serving when Telegram is unreachable (no getMe at start-up, errors logged)", async () => {
    const dead = await freePort();
    const h = harness({ env: { TELEGRAM_API_ROOT: `http://127.0.0.1:${dead}` } });
    expect((await h.app.request("/health")).status).toBe(200);
    expect((await postTelegram(h, tgUpdate(LAN))).status).toBe(200);
    await h.idle();
    expect(h.events.some((e) => e.event === "telegram_getme_failed")).toBe(true);
    expect(h.events.some((e) => e.event === "bot_send_error")).toBe(true);
  });

  it("answers by long polling", async () => {
    const h = harness({ answers: { ask: async (i) => stubResult(`Đã nhận: ${i.question}`) } });
    const update = tgUpdate("câu hỏi qua polling");
    tg.queueUpdates(update);
    const polling = h.bots.telegram?.startPolling();
    await vi.waitFor(() => expect(tg.sent("sendMessage").length).toBeGreaterThan(0), { timeout: 5000 });
    await h.bots.telegram?.stop();
    await polling;
    expect(tg.sent("deleteWebhook").length).toBeGreaterThan(0);
    expect(tg.sent("sendMessage")[0]?.body).toMatchObject({
      chat_id: USER,
      text: "Đã nhận: câu hỏi qua polling",
      reply_parameters: { message_id: update.message.message_id },
    });
    // Presses of the 👍 / 👎 buttons come as callback queries.
    expect(tg.sent("getUpdates")[0]?.body.allowed_updates).toEqual(["message", "callback_query"]);
    // The Vietnamese command menu is published when polling starts.
    const menu = tg.sent("setMyCommands", true)[0]?.body.commands as Array<{
      command: string;
      description: string;
    }>;
    expect(menu.map((c) => c.command)).toEqual([
      "hoi",
      "nhiemvu",
      "han",
      "chitieu",
      "kehoach",
      "nhac",
      "sai",
      "help",
    ]);
    expect(menu.find((c) => c.command === "nhac")?.description).toMatch(/^Nhận nhắc hạn/u);
  });
});

// ---- delivery across restarts ----------------------------------------------------------------------

describe("follow-up questions in chats", () => {
  /** The real answering core with a conversation clock the test moves. */
  const answering = () => {
    let now = Date.parse("2026-12-02T08:00:00Z");
    const answers = createAnswering(knowledge, {
      conversations: { store: new MemoryConversationStore(30 * 60_000, 10_000, () => now), maxDepth: 3 },
    });
    return { answers, later: (minutes: number) => (now += minutes * 60_000) };
  };
  const office = () => {
    const task = knowledge.plans
      .find((p) => p.id === "tan-ky-2026")
      ?.tasks.find((t) => t.title.includes("Office 365"));
    if (!task) throw new Error("no Office 365 task in Tân Kỳ's plan");
    return task;
  };

  it("reads every follow-up form against the member's last answer, on Zalo and on Telegram", async () => {
    const { answers } = answering();
    const h = harness({ answers });
    const task = office();
    const ask = async (text: string) => {
      zl.reset();
      await postZalo(h, zaloUpdate(text));
      await h.idle();
      return texts(zl.sent("sendMessage")).join("\n");
    };
    for (const [question, expected] of [
      ["hạn khi nào?", task.deadline.raw ?? ""],
      ["ai phối hợp?", task.coordinators[0] ?? ""],
      ["sản phẩm là gì?", task.product ?? ""],
      ["việc đó quá hạn chưa?", "quá hạn"],
    ] as const) {
      await ask("Ai chủ trì triển khai Office 365 ở Tân Kỳ?");
      const reply = await ask(question);
      expect(reply, question).toContain("Office 365");
      expect(reply, question).toContain(expected);
    }
    const vhxh = knowledge.plans
      .find((p) => p.id === "tan-ky-2026")
      ?.units.find((u) => /Văn hóa/u.test(u.name));
    await ask("Công an xã Tân Kỳ phải làm gì?");
    expect(await ask(`còn ${vhxh?.name ?? "Phòng Văn hóa - Xã hội"} thì sao?`)).toMatch(/Văn hóa/u);
    await ask("Công an xã Tân Kỳ phải làm gì?");
    expect(await ask("thế còn Cát Hải?")).toContain("Cát Hải");
    // Telegram, the same forms: a group member's follow-up for another unit.
    tg.reset();
    await postTelegram(h, tgMention("Phòng Văn hóa - Xã hội Tân Kỳ phải làm gì?"));
    await h.idle();
    await postTelegram(h, tgMention("thế còn Công an xã?"));
    await h.idle();
    const [, police] = texts(tg.sent("sendMessage")).map(unescapeHtml);
    expect(police).toContain("Công an xã");
  });

  it("keeps two chats apart and forgets a conversation after 30 minutes", async () => {
    const { answers, later } = answering();
    const h = harness({ answers });
    await postTelegram(h, tgUpdate("Ai chủ trì triển khai Office 365 ở Tân Kỳ?"));
    await h.idle();
    // The same member in another chat (the group) has no conversation there yet.
    await postTelegram(h, tgMention("hạn khi nào?"));
    await h.idle();
    await postTelegram(h, tgUpdate("hạn khi nào?"));
    await h.idle();
    later(31);
    await postTelegram(h, tgUpdate("hạn khi nào?"));
    await h.idle();
    const [, inGroup, inPrivate, expired] = texts(tg.sent("sendMessage")).map(unescapeHtml);
    expect(inGroup).not.toContain("Office 365");
    expect(inPrivate).toContain("Office 365");
    expect(expired).not.toContain("Office 365");
  });
});

describe("delivery across restarts", () => {
  const echo: Answers = { ask: async (i) => stubResult(`Đã nhận: ${i.question}`) };

  it("a redelivered update is answered once, by a new instance on the same DATA_DIR too (Telegram and Zalo)", async () => {
    const env = { DATA_DIR: join(dirs.root, `restart-${++nextMessage}`) };
    const first = harness({ env, answers: echo });
    const tgu = tgUpdate("câu hỏi trước khi khởi động lại");
    const zlu = zaloUpdate("câu hỏi Zalo trước khi khởi động lại", "private", `mrestart${nextMessage}`);
    await postTelegram(first, tgu);
    await postZalo(first, zlu);
    await first.idle();
    expect(tg.sent("sendMessage")).toHaveLength(1);
    expect(zl.sent("sendMessage")).toHaveLength(1);
    await first.bots.close();

    const second = harness({ env, answers: echo });
    expect((await postTelegram(second, tgu)).status).toBe(200);
    expect((await postZalo(second, zlu)).status).toBe(200);
    await second.idle();
    expect(tg.sent("sendMessage")).toHaveLength(1);
    expect(zl.sent("sendMessage")).toHaveLength(1);
    expect(second.events).toContainEqual(expect.objectContaining({ event: "telegram_duplicate_update" }));
    expect(second.events).toContainEqual(expect.objectContaining({ event: "zalo_duplicate_update" }));
    // A new update is still answered.
    await postTelegram(second, tgUpdate("câu hỏi mới"));
    await second.idle();
    expect(texts(tg.sent("sendMessage"))).toEqual([
      "Đã nhận: câu hỏi trước khi khởi động lại",
      "Đã nhận: câu hỏi mới",
    ]);
  });

  it("an update whose answer a killed process never sent is in the journal, and the next start answers it once", async () => {
    const env = { DATA_DIR: join(dirs.root, `killed-${++nextMessage}`) };
    const journal = join(env.DATA_DIR, "pending-updates.json");
    // The first process hangs in the answering core, as if killed mid-answer: it is never closed.
    const killed = harness({ env, answers: { ask: () => new Promise<AskResult>(() => {}) } });
    open.splice(open.indexOf(killed), 1);
    const tgu = tgUpdate("hạn cài Office 365 khi nào");
    const zlu = zaloUpdate("hạn cài Office 365 khi nào");
    expect((await postTelegram(killed, tgu)).status).toBe(200);
    expect((await postZalo(killed, zlu)).status).toBe(200);
    // Journaled before the platform was acknowledged.
    const saved = JSON.parse(readFileSync(journal, "utf8"));
    expect(saved.telegram).toEqual([tgu]);
    expect(saved.zalo).toEqual([zlu]);
    expect(tg.sent("sendMessage")).toHaveLength(0);

    const next = harness({ env, answers: echo });
    expect(await next.bots.resume()).toBe(2);
    await next.idle();
    expect(texts(tg.sent("sendMessage"))).toEqual(["Đã nhận: hạn cài Office 365 khi nào"]);
    expect(tg.sent("sendMessage")[0]?.body).toMatchObject({ chat_id: USER });
    expect(texts(zl.sent("sendMessage"))).toEqual(["Đã nhận: hạn cài Office 365 khi nào"]);
    expect(existsSync(journal)).toBe(false);
    expect(next.events).toContainEqual(
      expect.objectContaining({ event: "pending_updates_resumed", count: 2 }),
    );
    // Redelivered by the platform as well: still answered once.
    await postTelegram(next, tgu);
    await next.idle();
    expect(tg.sent("sendMessage")).toHaveLength(1);
    // A third start finds nothing left.
    const third = harness({ env, answers: echo });
    expect(await third.bots.resume()).toBe(0);
  });
});

// ---- Telegram feedback buttons ---------------------------------------------------------------------

let nextQuery = 0;

/** A press of an inline button under the bot's message `messageId` in the private chat. */
function tgPress(data: string, messageId = 90_500, chat: "private" | "group" = "private") {
  return {
    update_id: ++nextUpdate,
    callback_query: {
      id: `cq-${++nextQuery}`,
      from: { id: USER, is_bot: false, first_name: "An", username: "an_ng" },
      chat_instance: "-1234567890",
      data,
      message: {
        message_id: messageId,
        date: 1_760_000_100,
        from: { id: FAKE_TELEGRAM_ME.id, is_bot: true, first_name: "Trợ lý CĐS", username: "kb_test_bot" },
        chat:
          chat === "group"
            ? { id: GROUP, type: "supergroup", title: "UBND xã — CĐS" }
            : { id: USER, type: "private", first_name: "An" },
        text: "…",
      },
    },
  };
}

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

describe("Telegram feedback buttons", () => {
  it("every answer carries 👍 / 👎; a press is acknowledged, the buttons show it, the JSON line is written and exported", async () => {
    const dataDir = join(dirs.root, `feedback-buttons-${++nextMessage}`);
    const h = harness({ env: { DATA_DIR: dataDir }, feedback: feedbackIn(dataDir) });
    const question = "ai chủ trì nâng cấp mạng LAN ở Tân Kỳ";
    await postTelegram(h, tgUpdate(question));
    await h.idle();
    const answer = tg.sent("sendMessage").at(-1)?.body;
    const keyboard = answer?.reply_markup as Keyboard;
    expect(keyboard.inline_keyboard[0]?.map((b) => b.text)).toEqual(["👍", "👎"]);
    const [up, down] = keyboard.inline_keyboard[0]?.map((b) => b.callback_data) ?? [];
    expect(up).toMatch(/^fb:up:[0-9a-f-]{36}$/u);
    expect(down).toBe(up?.replace("fb:up:", "fb:down:"));
    expect(Buffer.byteLength(String(down))).toBeLessThanOrEqual(64);

    tg.reset();
    const press = tgPress(String(down), 90_777);
    expect((await postTelegram(h, press)).status).toBe(200);
    await h.idle();
    const ack = tg.sent("answerCallbackQuery");
    expect(ack).toHaveLength(1);
    expect(ack[0]?.body).toMatchObject({ callback_query_id: press.callback_query.id });
    expect(String(ack[0]?.body.text)).toContain("Đã ghi nhận");
    const edit = tg.sent("editMessageReplyMarkup")[0]?.body;
    expect(edit).toMatchObject({ chat_id: USER, message_id: 90_777 });
    expect((edit?.reply_markup as Keyboard | undefined)?.inline_keyboard[0]?.map((b) => b.text)).toEqual([
      "👍",
      "✅ 👎",
    ]);
    // After 👎: a one-line reason is asked for, in reply to the answer; the next message gives it.
    const asked = tg.sent("sendMessage");
    expect(String(asked[0]?.body.text)).toContain("một dòng");
    expect(asked[0]?.body).toMatchObject({ reply_parameters: { message_id: 90_777 } });
    tg.reset();
    await postTelegram(h, tgUpdate("thiếu đơn vị phối hợp"));
    await h.idle();
    expect(texts(tg.sent("sendMessage"))).toEqual([
      "Cảm ơn bạn, lý do đã được ghi nhận để cải thiện câu trả lời.",
    ]);

    const lines = readFileSync(join(dataDir, "feedback.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.verdict, l.comment])).toEqual([
      ["down", null],
      ["down", "thiếu đơn vị phối hợp"],
    ]);
    expect(lines[0]).toMatchObject({ question, plans: ["tan-ky-2026"] });
    expect(lines[0].citations.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain(String(USER));
    expect(JSON.stringify(lines)).not.toContain("an_ng");

    const out = join(dataDir, "candidates.jsonl");
    const run = await runScript("scripts/feedback.ts", ["--export", out], { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    // One verdict per answer: the reason sent after the press is the same 👎, not a second one.
    expect(run.stdout).toContain("1 đánh giá / verdicts: 0 👍, 1 👎");
    const candidates = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(candidates).toEqual([
      expect.objectContaining({
        question,
        review: expect.objectContaining({ comment: "thiếu đơn vị phối hợp" }),
      }),
    ]);
  });

  it("👍 is acknowledged and marked with no reason asked; a press on a forgotten answer says so and changes nothing", async () => {
    const dataDir = join(dirs.root, `feedback-buttons-${++nextMessage}`);
    const h = harness({ env: { DATA_DIR: dataDir }, feedback: feedbackIn(dataDir) });
    await postTelegram(h, tgMention("ai chủ trì nâng cấp mạng LAN ở Tân Kỳ"));
    await h.idle();
    const keyboard = tg.sent("sendMessage").at(-1)?.body.reply_markup as Keyboard;
    const up = String(keyboard.inline_keyboard[0]?.[0]?.callback_data);
    tg.reset();
    await postTelegram(h, tgPress(up, 90_800, "group"));
    await h.idle();
    expect(String(tg.sent("answerCallbackQuery")[0]?.body.text)).toContain("Cảm ơn");
    const edit = tg.sent("editMessageReplyMarkup")[0]?.body;
    expect((edit?.reply_markup as Keyboard | undefined)?.inline_keyboard[0]?.map((b) => b.text)).toEqual([
      "✅ 👍",
      "👎",
    ]);
    expect(tg.sent("sendMessage")).toHaveLength(0);

    tg.reset();
    await postTelegram(h, tgPress("fb:down:00000000-0000-0000-0000-000000000000"));
    await postTelegram(h, tgPress("something else"));
    await h.idle();
    const acks = tg.sent("answerCallbackQuery");
    expect(acks).toHaveLength(2);
    expect(String(acks[0]?.body.text)).toContain("đã cũ");
    expect(tg.sent("editMessageReplyMarkup")).toHaveLength(0);
    expect(tg.sent("sendMessage")).toHaveLength(0);
    const lines = readFileSync(join(dataDir, "feedback.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
  });
});

// ---- Zalo ------------------------------------------------------------------------------------------

describe("Zalo webhook", () => {
  it("answers a private question with sources, in plain text", async () => {
    const h = harness();
    const res = await postZalo(h, zaloUpdate("ai chủ trì nâng cấp mạng LAN ở Tân Kỳ?"));
    expect(res.status).toBe(200);
    await h.idle();
    const sent = tg.sent("sendMessage").length + zl.sent("sendMessage").length;
    expect(sent).toBe(1);
    const body = zl.sent("sendMessage")[0]?.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["chat_id", "text"]);
    expect(body.chat_id).toBe(ZALO_USER);
    expect(body.text).toMatch(/Văn phòng HĐND và UBND/u);
    expect(body.text).toMatch(/Nguồn: \[1\] Tân Kỳ 2026 · II\.3\.d · dòng 96–100/u);
  });

  it("in a group answers /hoi and messages starting with the bot's name only", async () => {
    const h = harness();
    await postZalo(h, zaloUpdate("mai họp lúc mấy giờ?", "group"));
    await postZalo(h, zaloUpdate(LAN, "group"));
    await h.idle();
    expect(zl.sent("sendMessage")).toHaveLength(0);
    await postZalo(h, zaloUpdate(`/hoi ${LAN}`, "group"));
    // The display name comes from getMe (learned on the first update), not from configuration.
    await postZalo(h, zaloUpdate(`@${FAKE_ZALO_ME.display_name}, ${LAN}`, "group"));
    await h.idle();
    const sent = zl.sent("sendMessage");
    expect(sent).toHaveLength(2);
    for (const c of sent) {
      expect(c.body.chat_id).toBe(ZALO_GROUP);
      expect(c.body.text).toMatch(/Văn phòng HĐND và UBND/u);
    }
  });

  it("records «👎», «/sai <lý do>» and «👍» on the sender's last answer, and says when there is none", async () => {
    const file = join(dirs.dataDir, `feedback-${++nextMessage}.jsonl`);
    const h = harness({ feedback: feedbackLog(file, "muoi") });
    await postZalo(h, zaloUpdate("👍"));
    await h.idle();
    await postZalo(h, zaloUpdate("ai chủ trì nâng cấp mạng LAN ở Tân Kỳ"));
    await h.idle();
    await postZalo(h, zaloUpdate("👎"));
    await h.idle();
    await postZalo(h, zaloUpdate("/sai thiếu đơn vị phối hợp"));
    await h.idle();
    const replies = texts(zl.sent("sendMessage"));
    expect(replies[0]).toContain("Chưa có câu trả lời nào");
    expect(replies[2]).toContain("/sai <lý do>");
    expect(replies[3]).toContain("đã được ghi nhận");
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.verdict, l.comment])).toEqual([
      ["down", null],
      ["down", "thiếu đơn vị phối hợp"],
    ]);
    expect(lines[0].question).toBe("ai chủ trì nâng cấp mạng LAN ở Tân Kỳ");
    expect(lines[0].chat).toMatch(/^[0-9a-f]{16}$/u);
    expect(JSON.stringify(lines)).not.toContain(ZALO_USER);
    expect(JSON.stringify(lines)).not.toContain("Ted");
  });

  it("asks the last question again of another commune: «thế còn Cát Hải?»", async () => {
    const h = harness();
    await postZalo(h, zaloUpdate("Công an xã Tân Kỳ phải làm gì?"));
    await h.idle();
    await postZalo(h, zaloUpdate("thế còn Cát Hải?"));
    await h.idle();
    const [, other] = texts(zl.sent("sendMessage"));
    expect(other).toContain("Công an đặc khu");
  });

  it("refuses a wrong or missing secret with 401 and sends nothing", async () => {
    const h = harness();
    expect((await postZalo(h, zaloUpdate(LAN), null)).status).toBe(401);
    expect((await postZalo(h, zaloUpdate(LAN), "zalo-secret-0123456780")).status).toBe(401);
    await h.idle();
    expect(zl.calls).toHaveLength(0);
  });

  it("answers the same message once, wrapped in {ok,result} or at top level", async () => {
    const h = harness({ answers: { ask: async () => stubResult("Một lần thôi.") } });
    const update = zaloUpdate("xin hỏi", "private", "2d758cb5e222177a4e35");
    expect((await postZalo(h, { ok: true, result: update })).status).toBe(200);
    expect((await postZalo(h, update)).status).toBe(200);
    await h.idle();
    expect(texts(zl.sent("sendMessage"))).toEqual(["Một lần thôi."]);
  });

  it("waits Retry-After on 429 and then sends", async () => {
    const h = harness({ answers: { ask: async () => stubResult("Câu trả lời ngắn.") } });
    zl.failNext("sendMessage", 1, { retryAfter: 1 });
    expect((await postZalo(h, zaloUpdate("xin hỏi"))).status).toBe(200);
    await h.idle();
    const sent = zl.sent("sendMessage");
    expect(sent.map((c) => c.status)).toEqual([429, 200]);
    expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("apologises when the answering core fails; the webhook still returns 200", async () => {
    const h = harness({
      answers: {
        ask: async () => {
          throw new Error("boom");
        },
      },
    });
    expect((await postZalo(h, zaloUpdate(LAN))).status).toBe(200);
    await h.idle();
    expect(texts(zl.sent("sendMessage"))[0]).toMatch(/^Xin lỗi/u);
  });

  it("retries 5xx with exponential backoff, at most 3 attempts in all", async () => {
    const api = new ZaloApi(zl.token, { apiRoot: zl.url, baseDelayMs: 40 });
    zl.failNext("sendMessage", 2, { status: 502 });
    await api.sendMessage(ZALO_USER, "lần ba");
    const [a, b, c] = zl.sent("sendMessage");
    expect([a?.status, b?.status, c?.status]).toEqual([502, 502, 200]);
    expect((c?.at ?? 0) - (b?.at ?? 0)).toBeGreaterThanOrEqual((b?.at ?? 0) - (a?.at ?? 0));
    zl.reset();
    zl.failNext("sendMessage", 5, { status: 503 });
    await expect(api.sendMessage(ZALO_USER, "không được")).rejects.toMatchObject({ errorCode: 503 });
    expect(zl.sent("sendMessage")).toHaveLength(3);
    // A 4xx other than 429 is final.
    zl.reset();
    await expect(api.sendMessage(ZALO_USER, "x".repeat(2001))).rejects.toMatchObject({ errorCode: 400 });
    expect(zl.sent("sendMessage")).toHaveLength(1);
  });

  it("answers by long polling with getUpdates (timeout as a string, one update per call)", async () => {
    const h = harness({ answers: { ask: async (i) => stubResult(`Đã nhận: ${i.question}`) } });
    zl.queueUpdates({ ok: true, ...zaloUpdate("câu một") }, zaloUpdate("câu hai"));
    const polling = h.bots.zalo?.startPolling();
    await vi.waitFor(() => expect(zl.sent("sendMessage").length).toBeGreaterThanOrEqual(2), {
      timeout: 5000,
    });
    await h.bots.zalo?.stop();
    await polling;
    expect(zl.sent("deleteWebhook")).toHaveLength(1);
    expect(zl.sent("getUpdates")[0]?.body).toEqual({ timeout: "30" });
    expect(texts(zl.sent("sendMessage"))).toEqual(["Đã nhận: câu một", "Đã nhận: câu hai"]);
  });
});

// ---- shared behaviour ------------------------------------------------------------------------------

describe("chat default plan", () => {
  it("/kehoach binds a group, survives a restart, and later questions use it", async () => {
    const file = join(dirs.root, "settings", "chat-settings.json");
    const env = { CHAT_SETTINGS_FILE: file };
    const first = harness({ env });
    await postTelegram(first, tgUpdate("/kehoach tan ky", { chat: "group" }));
    await first.idle();
    expect(texts(tg.sent("sendMessage"))[0]).toMatch(/Đã chọn kế hoạch mặc định: Tân Kỳ 2026/u);
    await first.bots.close();
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, "utf8")).chats[`telegram:${GROUP}`]).toEqual({
      plan: "tan-ky-2026",
    });

    // A new process: new store reading the same file, new bot, new app.
    tg.reset();
    const inputs: AskInput[] = [];
    const second = harness({
      env,
      answers: {
        ask: (input) => {
          inputs.push(input);
          return realAnswers.ask(input);
        },
      },
    });
    await postTelegram(second, tgMention(LAN));
    await postTelegram(second, tgUpdate("/kehoach", { chat: "group" }));
    await postTelegram(second, tgUpdate("/kehoach xã không có", { chat: "group" }));
    await second.idle();
    const [answer, shown, unknown] = texts(tg.sent("sendMessage"));
    expect(inputs[0]).toMatchObject({ question: LAN, defaultPlan: "tan-ky-2026" });
    expect(answer).toMatch(/Văn phòng HĐND và UBND/u);
    expect(answer).toMatch(/Quý III\/2026/u);
    expect(shown).toMatch(/Kế hoạch mặc định của cuộc trò chuyện này: Tân Kỳ 2026/u);
    expect(unknown).toMatch(/Không tìm thấy kế hoạch nào/u);
    for (const p of knowledge.plans) expect(unknown).toContain(p.shortName);
  });

  it("keeps chats apart: a Telegram default does not apply to a Zalo chat", async () => {
    const store = new MemoryChatSettingsStore();
    const inputs: AskInput[] = [];
    const h = harness({
      store,
      answers: {
        ask: async (i) => {
          inputs.push(i);
          return stubResult("ok");
        },
      },
    });
    await postTelegram(h, tgUpdate("/kehoach Phú Thái"));
    await h.idle();
    await postZalo(h, zaloUpdate("câu hỏi zalo"));
    await postTelegram(h, tgUpdate("câu hỏi telegram"));
    await h.idle();
    expect(await store.get(`telegram:${USER}`)).toEqual({ plan: "phu-thai-2025-h2" });
    const byQuestion = Object.fromEntries(inputs.map((i) => [i.question, i.defaultPlan]));
    expect(byQuestion).toEqual({ "câu hỏi zalo": undefined, "câu hỏi telegram": "phu-thai-2025-h2" });
  });

  it("maps the commands to questions for the answering core", async () => {
    const inputs: AskInput[] = [];
    const h = harness({
      answers: {
        ask: async (i) => {
          inputs.push(i);
          return stubResult("ok");
        },
      },
    });
    for (const t of [
      "/nhiemvu công an xã",
      "/han quý III/2026",
      "/han",
      "/chitieu dịch vụ công",
      "/help",
      "/start",
    ])
      await postTelegram(h, tgUpdate(t));
    await h.idle();
    expect(inputs.map((i) => i.question)).toEqual([
      "công an xã phải làm gì",
      "nhiệm vụ nào có hạn quý III/2026",
      "nhiệm vụ nào sắp đến hạn",
      "chỉ tiêu dịch vụ công",
    ]);
    const replies = texts(tg.sent("sendMessage"));
    const help = replies.filter((r) => r.includes("/kehoach"));
    expect(help).toHaveLength(2);
    for (const cmd of ["/hoi", "/nhiemvu", "/han", "/chitieu", "/kehoach", "/help"]) {
      expect(help[0]).toContain(cmd);
    }
  });
});

describe("long answers", () => {
  // ~6,000 characters: numbered lines, one 2,500-character paragraph of sentences, and HTML specials.
  const lines = Array.from(
    { length: 38 },
    (_, i) =>
      `Dòng ${String(i + 1).padStart(3, "0")}: nhiệm vụ <A&B> của đơn vị số ${i + 1} ${"x".repeat(50)}`,
  );
  const paragraph = Array.from(
    { length: 30 },
    (_, i) =>
      `Câu ${String(i + 100).padStart(3, "0")} nói về chuyển đổi số ở xã, rõ ràng và đủ dài ${"y".repeat(25)}.`,
  ).join(" ");
  const long = [...lines.slice(0, 19), paragraph, ...lines.slice(19)].join("\n");
  const citation = {
    plan: "tan-ky-2026",
    planTitle: "",
    file: "tan-ky-2026.txt",
    section: "II.3.d",
    lines: [96, 100] as [number, number],
    page: null,
    ocr: false,
    quote: "",
  };
  const expected = `${long}\n\nNguồn: [1] Tân Kỳ 2026 · II.3.d · dòng 96–100`;
  const order = (s: string) => [...s.matchAll(/(?:Dòng|Câu) (\d{3})/gu)].map((m) => Number(m[1]));

  it("arrives in ordered parts under Telegram's 4,096 and Zalo's 2,000 characters", async () => {
    // The answer is about 6,000 characters: more than one Telegram message, more than two Zalo ones.
    expect(long.length).toBeGreaterThan(5800);
    expect(long.length).toBeLessThan(6400);
    const h = harness({ answers: { ask: async () => stubResult(long, [citation]) } });
    await postTelegram(h, tgUpdate("kể hết"));
    await postZalo(h, zaloUpdate("kể hết"));
    await h.idle();

    const tgParts = texts(tg.sent("sendMessage"));
    expect(tgParts.length).toBeGreaterThanOrEqual(2);
    for (const p of tgParts) expect(p.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
    expect(tgParts.join("")).not.toMatch(/<A&B>/u);
    expect(tgParts[0]).toContain("&lt;A&amp;B&gt;");
    const tgPlain = tgParts.map(unescapeHtml);
    expect(squash(tgPlain.join(" "))).toBe(squash(expected));

    const zaloParts = texts(zl.sent("sendMessage"));
    expect(zaloParts.length).toBeGreaterThanOrEqual(3);
    for (const p of zaloParts) expect(p.length).toBeLessThanOrEqual(ZALO_LIMIT);
    expect(squash(zaloParts.join(" "))).toBe(squash(expected));

    for (const parts of [tgPlain, zaloParts]) {
      // Every numbered line and sentence arrives exactly once, in the original order.
      expect(order(parts.join("\n"))).toEqual(order(expected));
      expect(parts.at(-1)).toMatch(/Nguồn: \[1\] Tân Kỳ 2026/u);
      // Cuts fall at line or sentence ends, never inside a numbered line or a sentence.
      for (const p of parts.slice(0, -1)) expect(p).toMatch(/(x|\.)$/u);
    }
    const tgReplies = tg
      .sent("sendMessage")
      .map((c) => (c.body.reply_parameters as { message_id: number }).message_id);
    expect(new Set(tgReplies).size).toBe(1);
  });
});

describe("pieces", () => {
  it("splitMessage cuts at lines, then sentences, then words, and measures rendered text", () => {
    expect(splitMessage("a\nb\nc", 3)).toEqual(["a\nb", "c"]);
    expect(splitMessage("Một hai. Ba bốn. Năm sáu.", 10)).toEqual(["Một hai.", "Ba bốn.", "Năm sáu."]);
    expect(splitMessage("aaaa bbbb", 4)).toEqual(["aaaa", "bbbb"]);
    expect(splitMessage("abcdefgh", 3)).toEqual(["abc", "def", "gh"]);
    expect(splitMessage("&&&\n&&&", 15, (s) => escapeHtml(s).length)).toEqual(["&&&", "&&&"]);
    expect(splitMessage("   ", 10)).toEqual([]);
  });

  it("formatAnswer writes compact sources with the plan's short name", () => {
    const text = formatAnswer(
      stubResult("Trả lời [1] [2].", [
        {
          plan: "tan-ky-2026",
          planTitle: "",
          file: "a.pdf",
          section: "II.3.d",
          lines: [96, 100],
          page: 3,
          ocr: false,
          quote: "",
        },
        {
          plan: "phu-lien-2025",
          planTitle: "",
          file: "b.txt",
          section: "I.2",
          lines: [38, 38],
          page: null,
          ocr: true,
          quote: "",
        },
      ]),
      knowledge.plans,
    );
    expect(text).toBe(
      "Trả lời [1] [2].\n\nNguồn: [1] Tân Kỳ 2026 · trang 3 · II.3.d · dòng 96–100\n[2] Phù Liễn 2025 · I.2 · dòng 38 · chữ nhận dạng từ bản quét",
    );
  });

  it("parseCommand reads /lệnh@bot and its argument", () => {
    expect(parseCommand("/hoi@kb_test_bot  ai chủ trì?")).toEqual({
      name: "hoi",
      args: "ai chủ trì?",
      target: "kb_test_bot",
    });
    expect(parseCommand("/han")).toEqual({ name: "han", args: "" });
    expect(parseCommand("hỏi /hoi")).toBeUndefined();
  });

  it("RecentSet forgets the oldest keys beyond its capacity", () => {
    const s = new RecentSet<number>(3);
    expect([1, 2, 3, 1].map((k) => s.add(k))).toEqual([true, true, true, false]);
    s.add(4);
    expect(s.has(1)).toBe(false);
    expect(s.size).toBe(3);
  });

  it("the JSON-file store serializes concurrent writes atomically", async () => {
    const file = join(dirs.root, "concurrent", "chat-settings.json");
    const store = new JsonFileChatSettingsStore(file);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.set(`telegram:${i}`, { plan: `plan-${i}` })),
    );
    const again = new JsonFileChatSettingsStore(file);
    for (let i = 0; i < 20; i++) expect(await again.get(`telegram:${i}`)).toEqual({ plan: `plan-${i}` });
    expect(await again.get("zalo:none")).toBeUndefined();
  });

  it("the JSON-file store keeps chats another process wrote to the same file", async () => {
    const file = join(dirs.root, "shared", "chat-settings.json");
    const telegramProcess = new JsonFileChatSettingsStore(file);
    const zaloProcess = new JsonFileChatSettingsStore(file);
    await telegramProcess.set("telegram:1", { plan: "tan-ky-2026" });
    await zaloProcess.set("zalo:a", { plan: "phu-lien-2025" });
    await telegramProcess.set("telegram:2", { plan: "cat-hai-2025-h2" });
    expect(await telegramProcess.get("zalo:a")).toEqual({ plan: "phu-lien-2025" });
    const onDisk = JSON.parse(readFileSync(file, "utf8")) as { chats: Record<string, unknown> };
    expect(Object.keys(onDisk.chats).sort()).toEqual(["telegram:1", "telegram:2", "zalo:a"]);
  });
});
