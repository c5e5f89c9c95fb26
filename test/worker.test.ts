/**
 * The Cloudflare Workers entry: the same app over the snapshot, in-process, and on workerd itself
 * (`wrangler dev`, offline, on 127.0.0.1, with the shipped wrangler.toml) reading the snapshot from a
 * local D1 database loaded with `wrangler d1 execute` from the SQL that npm run build:worker writes.
 * There, the chat bots answer webhooks through fake Telegram and Zalo APIs on 127.0.0.1 (their
 * secrets in .dev.vars), keep what they must in that D1, and the Cron Trigger sends the digests.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAnswering } from "../src/answer/service.ts";
import { createApp } from "../src/api/app.ts";
import { escapeHtml, splitMessage, TELEGRAM_LIMIT } from "../src/bots/format.ts";
import { readConfig } from "../src/config.ts";
import { composeDigest, digestText } from "../src/digest/compose.ts";
import { readGolden } from "../src/eval/golden.ts";
import { readSnapshot } from "../src/retrieval/snapshot.ts";
import { D1_SCHEMA, workerDataOf } from "../src/runtime/d1.ts";
import { loadKnowledge } from "../src/runtime/knowledge.ts";
import { createWorker } from "../src/runtime/worker.ts";
import { type FakeTelegram, startFakeTelegram } from "./helpers/fake-telegram.ts";
import { type FakeZalo, startFakeZalo } from "./helpers/fake-zalo.ts";
import { freePort } from "./helpers/http.ts";
import { runScript, startScript } from "./helpers/run.ts";
import { scratch } from "./helpers/tmp.ts";

const dirs = scratch();
const TG_SECRET = "tg-secret_0123456789";
const ZALO_SECRET = "zalo-secret-0123456789";
const out = join(dirs.root, "worker");

// The bundle that ships: built by the same script wrangler runs, from a snapshot of the real corpus.
beforeAll(async () => {
  const built = await runScript("scripts/build-worker.ts", [], {
    CORPUS_DIR: dirs.corpusDir,
    DATA_DIR: dirs.dataDir,
    WORKER_OUT_DIR: out,
  });
  expect(built.code, built.stderr).toBe(0);
}, 60_000);

afterAll(() => dirs.cleanup());

const ask = (fetcher: { fetch: (r: Request) => Promise<Response> | Response }, question: string) =>
  fetcher.fetch(
    new Request("http://worker.test/v1/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question }),
    }),
  );

describe("the Workers entry", () => {
  it("answers like the Node app on the same snapshot, with the exact vector scan", async () => {
    const snap = await readSnapshot(dirs.dataDir);
    const worker = createWorker({
      load: async () => workerDataOf(snap),
      version: async () => snap.name,
    });
    const knowledge = await loadKnowledge(readConfig({ DATA_DIR: dirs.dataDir }));
    const node = createApp({
      knowledge,
      answers: createAnswering(knowledge),
    });
    for (const q of [
      "ai chủ trì nâng cấp mạng LAN Tân Kỳ, hạn khi nào",
      "phong vhxh phu lien lam gi",
      "chỉ tiêu hồ sơ trực tuyến Tân Kỳ",
    ]) {
      const [fromWorker, fromNode] = await Promise.all([
        ask(worker, q),
        ask({ fetch: (r) => node.fetch(r) }, q),
      ]);
      expect([fromWorker.status, fromNode.status]).toEqual([200, 200]);
      const a = (await fromWorker.json()) as { answer: string };
      const b = (await fromNode.json()) as { answer: string };
      expect(a.answer.length).toBeGreaterThan(0);
      expect(a.answer).toBe(b.answer);
    }
    const health = (await (await worker.fetch(new Request("http://worker.test/health"))).json()) as {
      index: { vectorIndex: string; snapshot: string };
    };
    expect(health.index.vectorIndex).toBe("exact");
    expect(health.index.snapshot).toBe(knowledge.name);
  });
});

describe("on workerd (wrangler dev, offline)", () => {
  let dev: ReturnType<typeof startScript> | null = null;
  let port = 0;
  let devOutput = "";
  let tg: FakeTelegram;
  let zl: FakeZalo;
  const config = join(out, "wrangler.toml");
  const persist = join(dirs.root, "wrangler-state");
  const wrangler = (args: string[]) =>
    runScript(
      "node_modules/wrangler/bin/wrangler.js",
      [...args, "--config", config, "--persist-to", persist],
      {
        WRANGLER_SEND_METRICS: "false",
        CI: "1",
      },
    );
  const load = (file: string) => wrangler(["d1", "execute", "cds-plans", "--local", "--file", file, "--yes"]);
  /** Rows of one query on the local D1 the Worker runs on. */
  const query = async <T>(sql: string): Promise<T[]> => {
    const r = await wrangler(["d1", "execute", "cds-plans", "--local", "--command", sql, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as Array<{ results: T[] }>)[0]?.results ?? [];
  };

  beforeAll(async () => {
    [tg, zl] = await Promise.all([startFakeTelegram(), startFakeZalo()]);
    // The shipped wrangler.toml (its flags, D1 binding and Cron Triggers), pointed at the built entry.
    writeFileSync(
      config,
      readFileSync("wrangler.toml", "utf8")
        .replace(/^main = .*$/mu, 'main = "index.ts"')
        .replace(/^\[build\][^[]*/mu, ""),
    );
    // Secrets as `wrangler dev` reads them, beside the config: the bots talk to the fake platforms.
    writeFileSync(
      join(out, ".dev.vars"),
      [
        `TELEGRAM_BOT_TOKEN=${tg.token}`,
        `TELEGRAM_WEBHOOK_SECRET=${TG_SECRET}`,
        `TELEGRAM_API_ROOT=${tg.url}`,
        `ZALO_BOT_TOKEN=${zl.token}`,
        `ZALO_WEBHOOK_SECRET=${ZALO_SECRET}`,
        `ZALO_API_ROOT=${zl.url}`,
        "",
      ].join("\n"),
    );
  });

  beforeEach(() => {
    tg?.reset();
    zl?.reset();
  });

  afterAll(async () => {
    dev?.kill("SIGTERM");
    await Promise.all([tg?.close(), zl?.close()]);
  });

  it("says it has no data before D1 is loaded, then answers the golden set as Node does from D1", async () => {
    // Only the schema: no snapshot yet.
    writeFileSync(join(out, "schema.sql"), `${D1_SCHEMA.join(";\n")};\n`);
    const schema = await load(join(out, "schema.sql"));
    expect(schema.code, schema.stderr).toBe(0);
    port = await freePort();
    dev = startScript(
      "node_modules/wrangler/bin/wrangler.js",
      [
        "dev",
        "--config",
        config,
        "--persist-to",
        persist,
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--log-level",
        "error",
      ],
      { WRANGLER_SEND_METRICS: "false", CI: "1" },
    );
    // Read, so that a full pipe never stalls it; kept to show when something fails.
    dev.stdout?.on("data", (d) => {
      devOutput += d;
    });
    dev.stderr?.on("data", (d) => {
      devOutput += d;
    });
    const onDev = {
      fetch: (r: Request) => fetch(new Request(`http://127.0.0.1:${port}${new URL(r.url).pathname}`, r)),
    };
    let empty: Response | null = null;
    for (let i = 0; i < 120 && !empty; i++) {
      await new Promise((r) => setTimeout(r, 500));
      empty = await Promise.resolve(ask(onDev, "ai chủ trì nâng cấp mạng LAN Tân Kỳ")).catch(() => null);
    }
    if (!empty) throw new Error(`wrangler dev did not answer:\n${devOutput}`);
    expect(empty.status).toBe(503);
    expect(((await empty.json()) as { error: { message_vi: string } }).error.message_vi).toMatch(
      /chưa có dữ liệu/u,
    );
    // The snapshot, loaded while the Worker runs: the next request reads it, no redeploy.
    const loaded = await load(join(out, "d1.sql"));
    expect(loaded.code, loaded.stderr).toBe(0);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const snap = await readSnapshot(dirs.dataDir);
    expect(((await health.json()) as { index: { snapshot: string } }).index.snapshot).toBe(snap.name);
    // Every golden question, answered by workerd from D1 and by Node from the snapshot: the same answer.
    const knowledge = await loadKnowledge(readConfig({ DATA_DIR: dirs.dataDir }));
    const node = createApp({ knowledge, answers: createAnswering(knowledge) });
    const golden = await readGolden(join("test", "golden", "golden.jsonl"));
    const differ: string[] = [];
    for (const q of golden) {
      const body = JSON.stringify({ question: q.question, ...(q.now ? { now: q.now } : {}) });
      const init = { method: "POST", headers: { "content-type": "application/json" }, body };
      const [a, b] = await Promise.all([
        fetch(`http://127.0.0.1:${port}/v1/ask`, init).then((r) => r.json() as Promise<{ answer: string }>),
        Promise.resolve(node.fetch(new Request("http://node.test/v1/ask", init))).then(
          (r: Response) => r.json() as Promise<{ answer: string }>,
        ),
      ]);
      if (a.answer !== b.answer) differ.push(q.id);
    }
    expect(differ).toEqual([]);
    const res = await ask(onDev, "ai chủ trì nâng cấp mạng LAN Tân Kỳ");
    const body = (await res.json()) as { answer: string; citations: unknown[] };
    expect(body.answer).toMatch(/Văn phòng HĐND và UBND xã/u);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(readFileSync(join(out, "index.ts"), "utf8")).toMatch(/createWorker/u);
    // The staff pages are the same app's: the chat page, a plan's explorer, and /docs with its own files.
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<label for="q">Câu hỏi<\/label>/u);
    const explorer = await fetch(`http://127.0.0.1:${port}/ke-hoach/tan-ky-2026`);
    expect(await explorer.text()).toMatch(/Lịch thời hạn/u);
    const docs = await (await fetch(`http://127.0.0.1:${port}/docs`)).text();
    expect(docs).toMatch(/POST \/v1\/ask/u);
    const swagger = await (await fetch(`http://127.0.0.1:${port}/docs/swagger`)).text();
    expect(swagger).toMatch(/\/docs\/assets\/swagger-ui-dist\/swagger-ui-bundle\.js/u);
    for (const page of [docs, swagger]) expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/u);
    const script = await fetch(`http://127.0.0.1:${port}/docs/assets/swagger-ui-dist/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/u);
    expect((await script.text()).length).toBeGreaterThan(500_000);
  }, 300_000);

  // ---- the chat bots, on the same wrangler dev and the same local D1 ----------------------------------

  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const postTelegram = (update: unknown, secret: string | null = TG_SECRET) =>
    post("/bot/telegram", update, secret === null ? {} : { "x-telegram-bot-api-secret-token": secret });
  const postZalo = (update: unknown, secret: string | null = ZALO_SECRET) =>
    post("/bot/zalo", update, secret === null ? {} : { "x-bot-api-secret-token": secret });
  /** The texts the fake Bot API was asked to send to one chat, once there are `count` of them. */
  const sentTo = async (api: FakeTelegram | FakeZalo, chat: string | number, count = 1) => {
    const texts = () =>
      api
        .sent("sendMessage", true)
        .filter((c) => String(c.body.chat_id) === String(chat))
        .map((c) => String(c.body.text));
    for (let i = 0; i < 200 && texts().length < count; i++) await new Promise((r) => setTimeout(r, 100));
    return texts();
  };
  const settle = () => new Promise((r) => setTimeout(r, 1500));

  it("answers a Telegram update posted with the secret through the Bot API; a wrong or no secret gets 401 and nothing is sent", async () => {
    const update = tgUpdate(7001, "ai chủ trì nâng cấp mạng LAN Tân Kỳ");
    for (const secret of [null, "tg-secret_wrong"])
      expect((await postTelegram(update, secret)).status).toBe(401);
    await settle();
    expect(tg.calls).toEqual([]);
    const res = await postTelegram(update);
    expect(res.status).toBe(200);
    const [answer] = await sentTo(tg, 7001);
    expect(answer).toMatch(/chủ trì: Văn phòng HĐND và UBND xã/u);
    expect(answer).toMatch(/Nguồn:/u);
    const call = tg.sent("sendMessage").find((c) => c.body.chat_id === 7001);
    expect(call?.body).toMatchObject({
      parse_mode: "HTML",
      reply_parameters: { message_id: update.message.message_id },
    });
    // The bot learnt who it is, said it was typing first, and published its command menu once.
    expect(tg.sent("getMe").length).toBeGreaterThan(0);
    expect(tg.sent("sendChatAction").length).toBeGreaterThan(0);
    await postTelegram(tgUpdate(7001, "/help"));
    expect(await sentTo(tg, 7001, 2)).toHaveLength(2);
    const menus = tg.sent("setMyCommands");
    expect(menus).toHaveLength(1);
    const commands = (menus[0]?.body.commands ?? []) as Array<{ command: string }>;
    expect(commands.map((c) => c.command)).toContain("kehoach");
  });

  it("answers a Zalo update posted with the secret through the Zalo API; a wrong or no secret gets 401", async () => {
    const update = zaloUpdate("zl-user-7001", "ai chủ trì nâng cấp mạng LAN Tân Kỳ");
    for (const secret of [null, "zalo-secret-wrong"])
      expect((await postZalo(update, secret)).status).toBe(401);
    await settle();
    expect(zl.calls).toEqual([]);
    const res = await postZalo(update);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const [answer] = await sentTo(zl, "zl-user-7001");
    expect(answer).toMatch(/chủ trì: Văn phòng HĐND và UBND xã/u);
    // The conversation's last turn is in D1: a follow-up is read against it.
    expect(
      await query("SELECT id FROM conversations WHERE id = 'zalo:zl-user-7001:zl-user-7001'"),
    ).toHaveLength(1);
    await postZalo(zaloUpdate("zl-user-7001", "hạn khi nào?"));
    expect((await sentTo(zl, "zl-user-7001", 2))[1]).toMatch(/Quý III\/2026/u);
  });

  it("answers a redelivered update once, Telegram's and Zalo's, and remembers it in D1", async () => {
    const update = tgUpdate(7002, "chỉ tiêu hồ sơ trực tuyến Tân Kỳ");
    const zalo = zaloUpdate("zl-user-7002", "chỉ tiêu hồ sơ trực tuyến Tân Kỳ");
    const statuses = await Promise.all([postTelegram(update), postTelegram(update), postZalo(zalo)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await postTelegram(update)).status).toBe(200);
    expect((await postZalo(zalo)).status).toBe(200);
    expect(await sentTo(tg, 7002)).toHaveLength(1);
    expect(await sentTo(zl, "zl-user-7002")).toHaveLength(1);
    await settle();
    expect(await sentTo(tg, 7002)).toHaveLength(1);
    expect(await sentTo(zl, "zl-user-7002")).toHaveLength(1);
    const seen = await query<{ platform: string; key: string }>(
      `SELECT platform, key FROM chat_updates WHERE key IN ('${update.update_id}', 'message.text.received:${zalo.message.message_id}') ORDER BY platform`,
    );
    expect(seen.map((r) => r.platform)).toEqual(["telegram", "zalo"]);
  });

  it("keeps a chat's default plan (/kehoach) in D1, across a snapshot load, and the next question uses it", async () => {
    const question = "Công an xã phải làm gì?";
    await postTelegram(tgUpdate(7003, "/kehoach Phù Liễn"));
    expect((await sentTo(tg, 7003))[0]).toMatch(/Đã chọn kế hoạch mặc định: Phù Liễn 2025/u);
    expect(await query("SELECT plan FROM chat_settings WHERE chat = 'telegram:7003'")).toEqual([
      { plan: "phu-lien-2025" },
    ]);
    // A new snapshot load replaces the plans and leaves the chats' tables alone.
    const reloaded = await load(join(out, "d1.sql"));
    expect(reloaded.code, reloaded.stderr).toBe(0);
    expect(await query("SELECT plan FROM chat_settings WHERE chat = 'telegram:7003'")).toEqual([
      { plan: "phu-lien-2025" },
    ]);
    // A chat's default written straight into D1 is read from there by the Worker.
    await query(
      "INSERT INTO chat_settings (chat, plan, updated_at) VALUES ('zalo:zl-user-7003', 'phu-lien-2025', '2026-09-01T00:00:00Z')",
    );
    await postTelegram(tgUpdate(7003, question));
    await postTelegram(tgUpdate(7004, question));
    await postZalo(zaloUpdate("zl-user-7003", question));
    const [, withDefault] = await sentTo(tg, 7003, 2);
    const [without] = await sentTo(tg, 7004);
    const [onZalo] = await sentTo(zl, "zl-user-7003");
    expect(withDefault).toMatch(/^Công an phường \(Phù Liễn 2025, mục V\.4\)/u);
    expect(onZalo).toMatch(/^Công an phường \(Phù Liễn 2025, mục V\.4\)/u);
    expect(without).not.toMatch(/^Công an phường \(Phù Liễn 2025/u);
  });

  it("sends the digest of a chat subscribed with /nhac on the Cron Trigger, once a day, from D1", async () => {
    await postTelegram(tgUpdate(7005, "/nhac Tân Kỳ"));
    expect((await sentTo(tg, 7005))[0]).toMatch(
      /Đã đăng ký nhắc hạn cho cuộc trò chuyện này theo kế hoạch Tân Kỳ 2026/u,
    );
    expect(
      await query("SELECT plan, last_sent FROM digest_subscriptions WHERE chat = 'telegram:7005'"),
    ).toEqual([{ plan: "tan-ky-2026", last_sent: null }]);
    tg.reset();
    // Monday 21/09/2026, 01:00 UTC: 08:00 in Vietnam, as wrangler.toml's Cron Trigger runs.
    const due = Date.parse("2026-09-21T01:00:00Z");
    const trigger = () =>
      fetch(
        `http://127.0.0.1:${port}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("0 1 * * 1")}&time=${due}`,
      );
    const ran = await trigger();
    expect(ran.status).toBe(200);
    const snap = await readSnapshot(dirs.dataDir);
    const plan = snap.plans.find((p) => p.id === "tan-ky-2026");
    const text = plan ? digestText(composeDigest(plan, "2026-09-21")) : null;
    expect(text).toMatch(/nâng cấp hạ tầng mạng LAN/u);
    const parts = splitMessage(text ?? "", TELEGRAM_LIMIT, (p) => escapeHtml(p).length).map(escapeHtml);
    expect(await sentTo(tg, 7005, parts.length)).toEqual(parts);
    expect(await query("SELECT last_sent FROM digest_subscriptions WHERE chat = 'telegram:7005'")).toEqual([
      { last_sent: "2026-09-21" },
    ]);
    // The same day again: nothing more.
    expect((await trigger()).status).toBe(200);
    await settle();
    expect(await sentTo(tg, 7005)).toHaveLength(parts.length);
  });
});

let nextUpdate = 880_000;
let nextMessage = 100;

function tgUpdate(chat: number, text: string) {
  const command = /^\/\S+/u.exec(text);
  return {
    update_id: ++nextUpdate,
    message: {
      message_id: ++nextMessage,
      date: 1_760_000_000,
      from: { id: chat, is_bot: false, first_name: "An", language_code: "vi" },
      chat: { id: chat, type: "private", first_name: "An" },
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

function zaloUpdate(user: string, text: string) {
  return {
    event_name: "message.text.received",
    message: {
      message_id: `m${(++nextMessage).toString(16).padStart(19, "0")}`,
      date: 1_750_316_131_602,
      from: { id: user, display_name: "Ted", is_bot: false },
      chat: { id: user, chat_type: "PRIVATE" },
      text,
    },
  };
}
