/**
 * The running server and a new ingest: the server keeps answering while `npm run ingest`'s work swaps
 * `data/CURRENT`, picks the new snapshot up without a restart, says so in its log and on /health, and
 * warns at start-up when the corpus changed after the index was built.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, describe, expect, it } from "vitest";
import { readConfig } from "../src/config.ts";
import { localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { ingest } from "../src/retrieval/ingest.ts";
import { buildServer } from "../src/runtime/server.ts";
import { FIXTURES_DIR } from "./helpers/corpus.ts";
import { memoryLog } from "./helpers/log.ts";
import { scratch } from "./helpers/tmp.ts";

const dirs = scratch();
afterAll(dirs.cleanup);

describe("live reload", () => {
  it("swaps in a new snapshot between requests, with no request failing, and logs it", async () => {
    const config = readConfig({
      DATA_DIR: dirs.dataDir,
      CORPUS_DIR: dirs.corpusDir,
      EMBEDDINGS_PROVIDER: "local",
    });
    await ingest({ corpusDir: dirs.corpusDir, dataDir: dirs.dataDir, embedder: localEmbedder() });
    const { logger, lines } = await memoryLog();
    const built = await buildServer(config, logger);
    const server = serve({ fetch: built.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    try {
      const before = (await (await fetch(`${base}/health`)).json()) as {
        index: { snapshot: string; plans: number; builtAt: string };
      };
      expect(before.index.plans).toBe(5);
      expect(Date.parse(before.index.builtAt)).not.toBeNaN();

      // A sixth plan arrives and is ingested while questions keep coming.
      copyFileSync(
        join(FIXTURES_DIR, "plans", "xa-dong-que-2026", "xa-dong-que-2026.txt"),
        join(dirs.corpusDir, "xa-dong-que-2026.txt"),
      );
      let asking = true;
      const statuses: number[] = [];
      const load = (async () => {
        while (asking) {
          const res = await fetch(`${base}/v1/ask`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ question: "ai chủ trì nâng cấp mạng LAN Tân Kỳ" }),
          });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
      })();
      await ingest({ corpusDir: dirs.corpusDir, dataDir: dirs.dataDir, embedder: localEmbedder() });
      // The watcher sees CURRENT change; the poll is the fallback.
      const deadline = Date.now() + 10_000;
      let after = before;
      while (Date.now() < deadline) {
        after = (await (await fetch(`${base}/health`)).json()) as typeof before;
        if (after.index.snapshot !== before.index.snapshot) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      asking = false;
      await load;
      expect(after.index.snapshot).not.toBe(before.index.snapshot);
      expect(after.index.plans).toBe(6);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(lines.some((l) => /"event":"snapshot-switched"/u.test(l))).toBe(true);
      const plans = (await (await fetch(`${base}/v1/plans`)).json()) as { plans: Array<{ id: string }> };
      expect(plans.plans.map((p) => p.id)).toContain("xa-dong-que-2026");
      // Metrics: requests, answers by intent and mode, the served snapshot's age.
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/cds_answers_total\{intent="task",mode="extractive"\} \d+/u);
      expect(metrics).toMatch(/cds_snapshot_age_seconds \d/u);
      expect(metrics).toMatch(/cds_http_requests_total\{[^}]*status="200"/u);
      // Questions are logged with their intent, for the operator to improve answers from.
      expect(
        lines.some((l) => /"event":"ask".*"question":"ai chủ trì nâng cấp mạng LAN Tân Kỳ"/u.test(l)),
      ).toBe(true);
    } finally {
      await built.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("warns at start-up when the corpus changed since the index was built", async () => {
    writeFileSync(join(dirs.corpusDir, "ghi-chu.txt"), "KẾ HOẠCH\nChuyển đổi số xã Thử năm 2026\n");
    const config = readConfig({
      DATA_DIR: dirs.dataDir,
      CORPUS_DIR: dirs.corpusDir,
      EMBEDDINGS_PROVIDER: "local",
    });
    const { logger, lines } = await memoryLog();
    const built = await buildServer(config, logger);
    await built.close();
    expect(lines.join("\n")).toMatch(/kho kế hoạch đã thay đổi.*ghi-chu\.txt/u);
    expect(lines.join("\n")).toMatch(/the corpus changed since the index was built/u);
  });
});

describe("the Node server's edges", () => {
  it("answers CONNECT with 405 instead of dropping the socket", async () => {
    const { createConnection } = await import("node:net");
    const { refuseConnect } = await import("../src/runtime/server.ts");
    const server = serve({ fetch: () => new Response("ok"), port: 0, hostname: "127.0.0.1" });
    refuseConnect(server);
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () =>
        socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
      );
      let data = "";
      socket.on("data", (d) => {
        data += d;
      });
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(reply).toMatch(/^HTTP\/1\.1 405/u);
    expect(reply).toMatch(/"message_vi"/u);
  });

  it("refuses a malformed setting by name instead of quietly using a default", () => {
    expect(() => readConfig({ PORT: "abc" })).toThrow(/PORT="abc"/u);
    expect(() => readConfig({ LLM_TIMEOUT_MS: "-5" })).toThrow(/LLM_TIMEOUT_MS/u);
    expect(readConfig({ PORT: "9000" }).port).toBe(9000);
    expect(() => readConfig({ TELEGRAM_WEBHOOK_SECRET: "có dấu cách" })).toThrow(/TELEGRAM_WEBHOOK_SECRET/u);
    expect(() => readConfig({ ZALO_WEBHOOK_SECRET: "ngan" })).toThrow(/ZALO_WEBHOOK_SECRET/u);
    expect(readConfig({ LOG_QUESTIONS: "0" }).logQuestions).toBe(false);
    expect(readConfig({}).port).toBe(8787);
    // A URL without its scheme, a yes/no word that is neither, an unknown provider.
    expect(() => readConfig({ LLM_BASE_URL: "localhost:11434/v1" })).toThrow(
      /LLM_BASE_URL="localhost:11434\/v1" is invalid: it must be a full http:\/\/ or https:\/\/ URL/u,
    );
    expect(readConfig({ LLM_BASE_URL: "http://127.0.0.1:11434/v1/" }).llm.baseUrl).toBe(
      "http://127.0.0.1:11434/v1",
    );
    expect(() => readConfig({ OCR: "maybe" })).toThrow(/OCR="maybe".*1\/0, true\/false/u);
    expect(readConfig({ OCR: "off" }).read.ocr).toBe(false);
    expect(() => readConfig({ EMBEDDINGS_PROVIDER: "bert" })).toThrow(
      /EMBEDDINGS_PROVIDER="bert".*local, openai/u,
    );
    // A secret's value is never echoed back, even when it is wrong.
    expect(() => readConfig({ TELEGRAM_WEBHOOK_SECRET: "sai bí mật" })).toThrow(/^(?!.*sai bí mật)/su);
  });
});
