/**
 * Deadline digests end to end: «/nhac» posted to the real Telegram and Zalo webhooks, then
 * `npm run digest -- --now …` (its exported main with the same arguments, and once as a process) sending
 * through the fake Bot API servers on 127.0.0.1, with the subscriptions in a JSON file in DATA_DIR.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Answers } from "../src/bots/core.ts";
import { type Bots, buildBots } from "../src/bots/node.ts";
import { MemoryChatSettingsStore } from "../src/bots/settings.ts";
import { readConfig } from "../src/config.ts";
import { main } from "../src/digest/cli.ts";
import { scheduleDigests } from "../src/digest/schedule.ts";
import { loadCorpus } from "../src/plans/load.ts";
import type { Plan, Task } from "../src/plans/schema.ts";
import { CORPUS_DIR } from "./helpers/corpus.ts";
import { type FakeTelegram, startFakeTelegram } from "./helpers/fake-telegram.ts";
import { type FakeZalo, startFakeZalo } from "./helpers/fake-zalo.ts";
import { runScript } from "./helpers/run.ts";
import { scratch } from "./helpers/tmp.ts";

const TG_SECRET = "tg-secret_0123456789";
const ZALO_SECRET = "zalo-secret-0123456789";
const TG_GROUP = -1009876543210;
const ZALO_CHAT = "6ede9afa66b88fe6d6a9";

let plans: Plan[];
let tg: FakeTelegram;
let zl: FakeZalo;
let dirs: ReturnType<typeof scratch>;
let n = 0;

/** /nhac never asks the answering core; a question would be a mistake here. */
const noAnswers: Answers = {
  ask: async () => {
    throw new Error("no question is asked in these tests");
  },
};

beforeAll(async () => {
  [tg, zl, { plans }] = await Promise.all([startFakeTelegram(), startFakeZalo(), loadCorpus(CORPUS_DIR)]);
  dirs = scratch();
});
afterAll(async () => {
  await Promise.all([tg?.close(), zl?.close()]);
  dirs?.cleanup();
});

const open: Bots[] = [];
beforeEach(() => {
  tg.reset();
  zl.reset();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

/** The environment of one deployment: its own DATA_DIR, both bots pointed at the fakes. */
function deployment(): Record<string, string> {
  return {
    DATA_DIR: join(dirs.root, `data-${++n}`),
    CORPUS_DIR: dirs.corpusDir,
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_BOT_USERNAME: "kb_test_bot",
    ZALO_BOT_TOKEN: zl.token,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: zl.url,
    LOG_LEVEL: "info",
  };
}

function bots(env: Record<string, string>, today: string): Bots {
  const b = buildBots(readConfig(env), {
    plans,
    answers: noAnswers,
    log: () => {},
    store: new MemoryChatSettingsStore(),
    now: () => today,
  });
  open.push(b);
  return b;
}

async function telegramSays(b: Bots, text: string): Promise<string> {
  const before = tg.sent("sendMessage").length;
  const cmd = /^\/\S+/u.exec(text)?.[0] ?? "";
  const update = {
    update_id: 800_000 + ++n,
    message: {
      message_id: ++n,
      date: 1_770_000_000,
      from: { id: 5551, is_bot: false, first_name: "An" },
      chat: { id: TG_GROUP, type: "supergroup", title: "UBND xã — CĐS" },
      text,
      entities: [{ type: "bot_command", offset: 0, length: cmd.length }],
    },
  };
  const res = await b.handlers.telegram?.(
    new Request("http://127.0.0.1/bot/telegram", {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TG_SECRET },
      body: JSON.stringify(update),
    }),
  );
  expect(res?.status).toBe(200);
  await b.telegram?.idle();
  return tg
    .sent("sendMessage")
    .slice(before)
    .map((c) => String(c.body.text))
    .join("\n");
}

async function zaloSays(b: Bots, text: string): Promise<string> {
  const before = zl.sent("sendMessage").length;
  const update = {
    event_name: "message.text.received",
    message: {
      message_id: `m${(++n).toString(16).padStart(19, "0")}`,
      date: 1_770_000_000_000,
      from: { id: ZALO_CHAT, display_name: "Ted", is_bot: false },
      chat: { id: ZALO_CHAT, chat_type: "PRIVATE" },
      text,
    },
  };
  const res = await b.handlers.zalo?.(
    new Request("http://127.0.0.1/bot/zalo", {
      method: "POST",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": ZALO_SECRET },
      body: JSON.stringify(update),
    }),
  );
  expect(res?.status).toBe(200);
  await b.zalo?.idle();
  return zl
    .sent("sendMessage")
    .slice(before)
    .map((c) => String(c.body.text))
    .join("\n");
}

/** `npm run digest -- …` in this process: exit code, what it printed, its log lines. */
async function digest(env: Record<string, string>, ...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, env, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

const addDays = (iso: string, d: number) => {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + d);
  return t.toISOString().slice(0, 10);
};

const tanKy = () => plans.find((p) => p.id === "tan-ky-2026") as Plan;

/** From the plan model: tasks due today … 13 days on, and those whose deadline passed in the 7 days before. */
function expected(plan: Plan, today: string): { due: Task[]; overdue: Task[] } {
  const ending = (from: string, to: string) =>
    plan.tasks.filter((t) => t.deadline.end !== null && t.deadline.end >= from && t.deadline.end <= to);
  return { due: ending(today, addDays(today, 13)), overdue: ending(addDays(today, -7), addDays(today, -1)) };
}

const fromHtml = (s: string) => s.replace(/&lt;/gu, "<").replace(/&gt;/gu, ">").replace(/&amp;/gu, "&");

function expectTasks(text: string, tasks: readonly Task[]) {
  expect(tasks.length).toBeGreaterThan(0);
  for (const t of tasks) {
    expect(text).toContain(t.title.slice(0, 50));
    expect(text).toContain(`chủ trì: ${t.lead.join("; ")}`);
    const [a, b] = t.lines;
    expect(text).toContain(`${t.section} · dòng ${a === b ? a : `${a}–${b}`}`);
  }
}

describe("deadline digests", () => {
  it("Telegram: /nhac Tân Kỳ, a digest with the right tasks, nothing more that day, one again the next week", async () => {
    const env = deployment();
    const b = bots(env, "2026-03-20");
    expect(await telegramSays(b, "/nhac Tân Kỳ")).toContain("Đã đăng ký nhắc hạn");
    tg.reset();

    const first = await digest(env, "--now", "2026-03-23");
    expect(first.code).toBe(0);
    const sent = tg.sent("sendMessage", true);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.chat_id).toBe(String(TG_GROUP));
    expect(sent[0]?.body.parse_mode).toBe("HTML");
    const text = fromHtml(String(sent[0]?.body.text));
    const week1 = expected(tanKy(), "2026-03-23");
    expectTasks(text, week1.due);
    expect(week1.overdue).toEqual([]);
    expect(text).toMatch(/không ghi tình trạng hoàn thành/u);
    expect(text).toContain("/nhac tắt");

    const again = await digest(env, "--now", "2026-03-23");
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/đã gửi 0/u);
    expect(tg.sent("sendMessage")).toHaveLength(1);

    const nextWeek = await digest(env, "--now", "2026-03-30");
    expect(nextWeek.code).toBe(0);
    expect(tg.sent("sendMessage", true)).toHaveLength(2);
    expectTasks(
      fromHtml(String(tg.sent("sendMessage", true)[1]?.body.text)),
      expected(tanKy(), "2026-03-30").due,
    );

    const weekAfter = await digest(env, "--now", "2026-04-06");
    expect(weekAfter.code).toBe(0);
    expect(tg.sent("sendMessage", true)).toHaveLength(3);
    const overdue = fromHtml(String(tg.sent("sendMessage", true)[2]?.body.text));
    const week3 = expected(tanKy(), "2026-04-06");
    expect(overdue).toMatch(/Đã quá hạn theo kế hoạch trong 7 ngày qua/u);
    expectTasks(overdue, week3.overdue);

    // The subscription says when it was last sent; the file in DATA_DIR agrees.
    expect(await telegramSays(b, "/nhac")).toMatch(
      /đang nhận nhắc hạn theo kế hoạch Tân Kỳ 2026.*06\/04\/2026/su,
    );
    const file = JSON.parse(readFileSync(join(env.DATA_DIR as string, "digest-subscriptions.json"), "utf8"));
    expect(file.chats[`telegram:${TG_GROUP}`]).toEqual({
      plan: "tan-ky-2026",
      since: "2026-03-20",
      lastSent: "2026-04-06",
    });
  });

  it("/nhac tắt unsubscribes: the next run sends nothing", async () => {
    const env = deployment();
    const b = bots(env, "2026-03-20");
    await telegramSays(b, "/nhac tan ky");
    expect(await telegramSays(b, "/nhac tắt")).toContain("Đã hủy nhắc hạn");
    expect(await telegramSays(b, "/nhac tat")).toContain("chưa đăng ký nhắc hạn");
    tg.reset();
    const run = await digest(env, "--now", "2026-03-23");
    expect(run.code).toBe(0);
    expect(tg.sent("sendMessage")).toHaveLength(0);
  });

  it("Zalo: /nhac takes the chat's default plan; a 429 is waited out and retried; the digest is sent once", async () => {
    const env = deployment();
    const b = bots(env, "2026-09-18");
    expect(await zaloSays(b, "/nhac")).toContain("chưa chọn kế hoạch mặc định");
    await zaloSays(b, "/kehoach Tân Kỳ");
    expect(await zaloSays(b, "/nhac")).toContain(
      "Đã đăng ký nhắc hạn cho cuộc trò chuyện này theo kế hoạch Tân Kỳ 2026",
    );
    zl.reset();
    zl.failNext("sendMessage", 1, { retryAfter: 0 });
    const run = await digest(env, "--now", "2026-09-21");
    expect(run.code).toBe(0);
    const calls = zl.sent("sendMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]?.body.chat_id).toBe(ZALO_CHAT);
    expectTasks(String(calls[1]?.body.text), expected(tanKy(), "2026-09-21").due);
    expect(run.err).toMatch(/"event":"zalo_retry".*"code":429/u);
    expect(run.err).toMatch(/"event":"digest_sent"/u);
    await digest(env, "--now", "2026-09-21");
    expect(zl.sent("sendMessage", true)).toHaveLength(1);
  });

  it("Telegram: a 429 with retry_after is waited out and the digest then sent, and logged", async () => {
    const env = deployment();
    const b = bots(env, "2026-09-18");
    await telegramSays(b, "/nhac Tân Kỳ");
    tg.reset();
    tg.failNext("sendMessage", 1, { retryAfter: 1 });
    const run = await digest(env, "--now", "2026-09-21");
    expect(run.code).toBe(0);
    const calls = tg.sent("sendMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(run.err).toMatch(/"event":"telegram_api_retryable".*"retryAfter":1/u);
  });

  it("a digest that still fails after the retries is logged, not marked sent, and goes out on the next run", async () => {
    const env = deployment();
    const b = bots(env, "2026-09-18");
    await zaloSays(b, "/nhac Tân Kỳ");
    zl.reset();
    zl.failNext("sendMessage", 3, { retryAfter: 0 });
    const failed = await digest(env, "--now", "2026-09-21");
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/"event":"digest_send_failed"/u);
    expect(zl.sent("sendMessage", true)).toHaveLength(0);
    const retried = await digest(env, "--now", "2026-09-21");
    expect(retried.code).toBe(0);
    expect(zl.sent("sendMessage", true)).toHaveLength(1);
  });

  it("sends nothing to a chat with nothing due or just passed, and --dry-run prints without sending", async () => {
    const env = deployment();
    const b = bots(env, "2026-05-29");
    await telegramSays(b, "/nhac Tân Kỳ");
    tg.reset();
    const quiet = await digest(env, "--now", "2026-06-01");
    expect(quiet.code).toBe(0);
    expect(quiet.out).toMatch(/không có việc 1/u);
    const dry = await digest(env, "--now", "2026-09-21", "--dry-run");
    expect(dry.out).toContain(`--- telegram:${TG_GROUP} ---`);
    expect(dry.out).toContain("Đến hạn trong 14 ngày tới");
    expect(tg.sent("sendMessage")).toHaveLength(0);
    // Not marked: the real run that day still sends.
    await digest(env, "--now", "2026-09-21");
    expect(tg.sent("sendMessage", true)).toHaveLength(1);
  });

  it("npm run digest as a process: a bad --now is refused in Vietnamese with exit code 2", async () => {
    const env = deployment();
    const run = await runScript("scripts/digest.ts", ["--now", "2026-02-30"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--now phải là một ngày có thật dạng YYYY-MM-DD/u);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/u);
  });

  it("DIGEST_CRON defaults to Monday 08:00 in Asia/Ho_Chi_Minh; a bad one is refused by name; the timer runs a round", async () => {
    expect(readConfig({}).digest).toEqual({ cron: "0 8 * * 1", timezone: "Asia/Ho_Chi_Minh" });
    expect(() => readConfig({ DIGEST_CRON: "mỗi thứ Hai" })).toThrow(/DIGEST_CRON="mỗi thứ Hai" is invalid/u);
    const schedule = scheduleDigests({
      cron: "0 8 * * 1",
      timezone: "Asia/Ho_Chi_Minh",
      run: async () => {},
    });
    const next = schedule.next();
    schedule.stop();
    // 08:00 in Vietnam is 01:00 UTC, on a Monday.
    expect(next?.getUTCHours()).toBe(1);
    expect(next?.getUTCDay()).toBe(1);
    const days: string[] = [];
    const everySecond = scheduleDigests({
      cron: "* * * * * *",
      timezone: "Asia/Ho_Chi_Minh",
      run: async (today) => void days.push(today),
    });
    await new Promise((r) => setTimeout(r, 1500));
    everySecond.stop();
    expect(days.length).toBeGreaterThan(0);
    expect(days[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
  });
});
