/**
 * The Cloudflare Workers entry: the same app over a bundle of the snapshot, in-process, and on workerd
 * itself (`wrangler dev`, offline, on 127.0.0.1).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswering } from "../src/answer/service.ts";
import { createApp } from "../src/api/app.ts";
import { readConfig } from "../src/config.ts";
import { loadKnowledge } from "../src/runtime/knowledge.ts";
import { createWorker, type WorkerBundle } from "../src/runtime/worker.ts";
import { freePort } from "./helpers/http.ts";
import { runScript, startScript } from "./helpers/run.ts";
import { scratch } from "./helpers/tmp.ts";

const dirs = scratch();
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
    const worker = createWorker(
      JSON.parse(readFileSync(join(out, "knowledge.json"), "utf8")) as WorkerBundle,
    );
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
  afterAll(() => {
    dev?.kill("SIGTERM");
  });

  it("serves /health and /v1/ask", async () => {
    const config = join(out, "wrangler.toml");
    writeFileSync(config, `name = "cds-test"\nmain = "index.ts"\ncompatibility_date = "2025-09-01"\n`);
    const port = await freePort();
    dev = startScript(
      "node_modules/wrangler/bin/wrangler.js",
      ["dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port), "--log-level", "error"],
      { WRANGLER_SEND_METRICS: "false", CI: "1" },
    );
    let health: Response | null = null;
    for (let i = 0; i < 120 && !health; i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
    }
    expect(health?.status).toBe(200);
    const res = await ask(
      { fetch: (r) => fetch(new Request(`http://127.0.0.1:${port}/v1/ask`, r)) },
      "ai chủ trì nâng cấp mạng LAN Tân Kỳ",
    );
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
  }, 120_000);
});
