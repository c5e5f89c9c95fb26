/**
 * The server's log, as an operator reads it: pino JSON lines with levels; one line per request with
 * its id (returned as X-Request-Id), path, status and duration; questions with intent and abstention;
 * never a header, a query string or a secret.
 */
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../src/config.ts";
import { AppError } from "../src/errors.ts";
import { localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { ingest } from "../src/retrieval/ingest.ts";
import { eventLevel, lineLevel } from "../src/runtime/logger.ts";
import { buildServer } from "../src/runtime/server.ts";
import { memoryLog } from "./helpers/log.ts";
import { scratch } from "./helpers/tmp.ts";

const dirs = scratch();
let base = "";
let lines: string[] = [];
let stop: () => Promise<void> = async () => {};

beforeAll(async () => {
  await ingest({ corpusDir: dirs.corpusDir, dataDir: dirs.dataDir, embedder: localEmbedder() });
  const config = readConfig({
    DATA_DIR: dirs.dataDir,
    CORPUS_DIR: dirs.corpusDir,
    TELEGRAM_BOT_TOKEN: "123456:secret-bot-token",
    TELEGRAM_WEBHOOK_SECRET: "webhook-secret-value",
  });
  const log = await memoryLog();
  lines = log.lines;
  const built = await buildServer(config, log.logger);
  const server = serve({ fetch: built.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  stop = async () => {
    await built.close();
    await new Promise((resolve) => server.close(resolve));
  };
});

afterAll(async () => {
  await stop();
  dirs.cleanup();
});

const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("server log", () => {
  it("writes one JSON line per request with its id, path, status and duration, and the question's intent", async () => {
    const res = await fetch(`${base}/v1/ask?token=query-secret`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer header-secret" },
      body: JSON.stringify({ question: "ai chủ trì nâng cấp mạng LAN Tân Kỳ" }),
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/u);
    const request = entries().find((e) => e.msg === "request" && e.reqId === id) as {
      level: number;
      req: { method: string; path: string };
      res: { status: number };
      responseTime: number;
    };
    expect(request.level).toBe(30);
    expect(request.req).toEqual({ method: "POST", path: "/v1/ask" });
    expect(request.res.status).toBe(200);
    expect(request.responseTime).toBeGreaterThanOrEqual(0);
    const ask = entries().find((e) => e.event === "ask" && e.reqId === id);
    expect(ask).toMatchObject({ level: 30, intent: "task", abstained: false, mode: "extractive" });
    for (const secret of ["query-secret", "header-secret", "secret-bot-token", "webhook-secret-value"])
      expect(lines.join("\n")).not.toContain(secret);
  });

  it("keeps the client's own request id, and logs a refused webhook secret as a warning", async () => {
    const res = await fetch(`${base}/health`, { headers: { "x-request-id": "zalo-gateway-42" } });
    expect(res.headers.get("x-request-id")).toBe("zalo-gateway-42");
    expect(entries().some((e) => e.reqId === "zalo-gateway-42" && e.msg === "request")).toBe(true);
    const refused = await fetch(`${base}/bot/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong-secret" },
      body: JSON.stringify({ update_id: 1 }),
    });
    expect(refused.status).toBe(401);
    const line = entries().find((e) => e.reqId === refused.headers.get("x-request-id"));
    expect(line).toMatchObject({
      level: 40,
      msg: "request",
      req: { path: "/bot/telegram" },
      res: { status: 401 },
    });
    expect(lines.join("\n")).not.toContain("wrong-secret");
  });

  it("gives operator sentences and events their level", () => {
    expect(lineLevel("Lỗi: cổng 8787 đang được dùng")).toBe("error");
    expect(lineLevel("Cảnh báo: kho kế hoạch đã thay đổi")).toBe("warn");
    expect(lineLevel("Sẵn sàng / ready: http://127.0.0.1:8787")).toBe("info");
    expect(eventLevel("llm-fallback")).toBe("warn");
    expect(eventLevel("bot_send_error")).toBe("error");
    expect(eventLevel("snapshot-switched")).toBe("info");
  });

  it("refuses a log level it does not know, naming the variable and what is allowed", () => {
    expect(() => readConfig({ LOG_LEVEL: "loud" })).toThrow(AppError);
    expect(() => readConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL="loud".*fatal, error, warn, info/u);
    expect(readConfig({ LOG_LEVEL: "WARN" }).log.level).toBe("warn");
    expect(() => readConfig({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/u);
  });
});
