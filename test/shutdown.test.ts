/**
 * `npm start` under SIGTERM, as a real process: it stops accepting, lets the answer in flight (a slow
 * LLM reply from a fake endpoint on 127.0.0.1) finish and reach its client, and exits 0.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { ingest } from "../src/retrieval/ingest.ts";
import { chatResponse, type FakeOpenAI, startFakeOpenAI } from "./helpers/fake-openai.ts";
import { sendJson } from "./helpers/http.ts";
import { startScript } from "./helpers/run.ts";
import { scratch } from "./helpers/tmp.ts";

const dirs = scratch();
let llm: FakeOpenAI;

beforeAll(async () => {
  await ingest({ corpusDir: dirs.corpusDir, dataDir: dirs.dataDir, embedder: localEmbedder() });
  llm = await startFakeOpenAI(async (path, body, res) => {
    if (path !== "/v1/chat/completions") return sendJson(res, 404, {});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    chatResponse(
      res,
      body,
      JSON.stringify({ answer: "Văn phòng HĐND và UBND xã chủ trì [1].", citations: [1] }),
    );
  });
});

afterAll(async () => {
  await llm.close();
  dirs.cleanup();
});

/** The port a started server says it is ready on, and its log as it grows. */
/** A private Telegram message asking who leads the LAN upgrade. */
function lanQuestion(updateId: number, messageId: number, from: number, name: string) {
  return {
    update_id: updateId,
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      from: { id: from, is_bot: false, first_name: name },
      chat: { id: from, type: "private", first_name: name },
      text: "ai chủ trì nâng cấp mạng LAN Tân Kỳ",
    },
  };
}

/** The update posted to the server's Telegram webhook with its secret. */
function postTelegram(port: number, update: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/bot/telegram`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-telegram-bot-api-secret-token": "shutdown-test-secret",
    },
    body: JSON.stringify(update),
  });
}

async function listening(child: ChildProcess): Promise<{ port: number; log: { text: string } }> {
  const log = { text: "" };
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr?.on("data", (d) => {
      log.text += d;
      const m = /ready: http:\/\/127\.0\.0\.1:(\d+)/u.exec(log.text);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", () => reject(new Error(log.text)));
  });
  return { port, log };
}

describe("graceful shutdown", () => {
  it("finishes the request in flight after SIGTERM, refuses new ones, and exits 0", async () => {
    const child = startScript("src/runtime/start.ts", [], {
      PORT: "0",
      DATA_DIR: dirs.dataDir,
      CORPUS_DIR: dirs.corpusDir,
      LLM_BASE_URL: llm.url,
      LLM_MODEL: "test",
      LLM_TIMEOUT_MS: "5000",
      SHUTDOWN_TIMEOUT_MS: "8000",
    });
    const { port, log } = await listening(child);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const inFlight = fetch(`http://127.0.0.1:${port}/v1/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "ai chủ trì nâng cấp mạng LAN Tân Kỳ" }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGTERM");
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { mode: string }).mode).toBe("llm");
    expect(await exited).toBe(0);
    expect(log.text).toMatch(/shutting down/u);
    expect(log.text).toMatch(/stopped/u);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 20_000);
});

describe("chat replies at shutdown", () => {
  it("saves a chat update still being answered when the shutdown runs out of time, and answers it at the next start", async () => {
    const { startFakeTelegram } = await import("./helpers/fake-telegram.ts");
    const { existsSync } = await import("node:fs");
    const { join } = await import("node:path");
    const telegram = await startFakeTelegram();
    const chatEnv = {
      PORT: "0",
      DATA_DIR: dirs.dataDir,
      CORPUS_DIR: dirs.corpusDir,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      TELEGRAM_WEBHOOK_SECRET: "shutdown-test-secret",
      TELEGRAM_BOT_USERNAME: "kb_test_bot",
    };
    const pendingFile = join(dirs.dataDir, "pending-updates.json");
    try {
      // The answer waits 1.5 s on the model; the shutdown allows 200 ms.
      const first = startScript("src/runtime/start.ts", [], {
        ...chatEnv,
        LLM_BASE_URL: llm.url,
        LLM_MODEL: "test",
        LLM_TIMEOUT_MS: "5000",
        SHUTDOWN_TIMEOUT_MS: "200",
      });
      const { port, log } = await listening(first);
      const exited = new Promise<number | null>((resolve) => first.on("exit", (code) => resolve(code)));
      const update = lanQuestion(777_001, 51, 9001, "An");
      const ack = await postTelegram(port, update);
      expect(ack.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      first.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(log.text).toMatch(/"event":"pending_updates_saved","count":1/u);
      expect(log.text).toMatch(/1 unanswered chat messages saved for the next start/u);
      expect(telegram.sent("sendMessage")).toHaveLength(0);
      expect(existsSync(pendingFile)).toBe(true);

      // The next start (extractive this time) answers it, once, and removes the file.
      const second = startScript("src/runtime/start.ts", [], chatEnv);
      const next = await listening(second);
      // The journal keeps the update until its answer is sent.
      for (let k = 0; k < 100 && (telegram.sent("sendMessage").length === 0 || existsSync(pendingFile)); k++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const sent = telegram.sent("sendMessage");
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body.chat_id).toBe(9001);
      expect(String(sent[0]?.body.text)).toMatch(/Văn phòng HĐND và UBND/u);
      expect(next.log.text).toMatch(/"event":"pending_updates_resumed","count":1/u);
      expect(existsSync(pendingFile)).toBe(false);
      const done = new Promise<number | null>((resolve) => second.on("exit", (code) => resolve(code)));
      second.kill("SIGTERM");
      expect(await done).toBe(0);
    } finally {
      await telegram.close();
    }
  }, 30_000);

  it("answers at the next start an update whose handling was killed (SIGKILL) mid-answer", async () => {
    const { startFakeTelegram } = await import("./helpers/fake-telegram.ts");
    const { existsSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const telegram = await startFakeTelegram();
    const chatEnv = {
      PORT: "0",
      DATA_DIR: dirs.dataDir,
      CORPUS_DIR: dirs.corpusDir,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      TELEGRAM_WEBHOOK_SECRET: "shutdown-test-secret",
      TELEGRAM_BOT_USERNAME: "kb_test_bot",
    };
    const journal = join(dirs.dataDir, "pending-updates.json");
    try {
      // The answer waits 1.5 s on the model; the process is killed after 300 ms, with no chance to save.
      const first = startScript("src/runtime/start.ts", [], {
        ...chatEnv,
        LLM_BASE_URL: llm.url,
        LLM_MODEL: "test",
        LLM_TIMEOUT_MS: "5000",
      });
      const { port } = await listening(first);
      const exited = new Promise<string | null>((resolve) =>
        first.on("exit", (_code, signal) => resolve(signal)),
      );
      const update = lanQuestion(777_002, 52, 9002, "Bình");
      const ack = await postTelegram(port, update);
      expect(ack.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      first.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      expect(telegram.sent("sendMessage")).toHaveLength(0);
      expect(JSON.parse(readFileSync(journal, "utf8")).telegram).toEqual([update]);

      const second = startScript("src/runtime/start.ts", [], chatEnv);
      const next = await listening(second);
      for (let k = 0; k < 100 && (telegram.sent("sendMessage").length === 0 || existsSync(journal)); k++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const sent = telegram.sent("sendMessage");
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body.chat_id).toBe(9002);
      expect(next.log.text).toMatch(/"event":"pending_updates_resumed","count":1/u);
      expect(existsSync(journal)).toBe(false);
      const done = new Promise<number | null>((resolve) => second.on("exit", (code) => resolve(code)));
      second.kill("SIGTERM");
      expect(await done).toBe(0);
    } finally {
      await telegram.close();
    }
  }, 30_000);
});

describe("npm start", () => {
  it("stops the server itself when SIGTERM reaches only the npm process", async () => {
    const { spawn } = await import("node:child_process");
    const { ROOT } = await import("./helpers/corpus.ts");
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", DATA_DIR: dirs.dataDir, CORPUS_DIR: dirs.corpusDir, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { port } = await listening(npm);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    // npm's child is the server itself, compiled JavaScript run by node: no tsx, no shell left between.
    const { execFileSync } = await import("node:child_process");
    const children = execFileSync("ps", ["--ppid", String(npm.pid), "-o", "args="], { encoding: "utf8" });
    expect(children.trim()).toBe("node dist/start.js");
    const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
    npm.kill("SIGTERM");
    expect(await exited).toBe(0);
    // Nothing left holding the port.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 30_000);
});
