/**
 * The Cloudflare Workers entry: the same app over the snapshot, in-process, and on workerd itself
 * (`wrangler dev`, offline, on 127.0.0.1) reading the snapshot from a local D1 database loaded with
 * `wrangler d1 execute` from the SQL that npm run build:worker writes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswering } from "../src/answer/service.ts";
import { createApp } from "../src/api/app.ts";
import { readConfig } from "../src/config.ts";
import { readGolden } from "../src/eval/golden.ts";
import { readSnapshot } from "../src/retrieval/snapshot.ts";
import { D1_SCHEMA, workerDataOf } from "../src/runtime/d1.ts";
import { loadKnowledge } from "../src/runtime/knowledge.ts";
import { createWorker } from "../src/runtime/worker.ts";
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
  afterAll(() => {
    dev?.kill("SIGTERM");
  });

  it("says it has no data before D1 is loaded, then answers the golden set as Node does from D1", async () => {
    const config = join(out, "wrangler.toml");
    writeFileSync(
      config,
      `name = "cds-test"\nmain = "index.ts"\ncompatibility_date = "2025-09-01"\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "cds-plans"\ndatabase_id = "00000000-0000-0000-0000-000000000000"\n`,
    );
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
    // Only the schema: no snapshot yet.
    writeFileSync(join(out, "schema.sql"), `${D1_SCHEMA.join(";\n")};\n`);
    const schema = await wrangler([
      "d1",
      "execute",
      "cds-plans",
      "--local",
      "--file",
      join(out, "schema.sql"),
      "--yes",
    ]);
    expect(schema.code, schema.stderr).toBe(0);
    const port = await freePort();
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
    const onDev = {
      fetch: (r: Request) => fetch(new Request(`http://127.0.0.1:${port}${new URL(r.url).pathname}`, r)),
    };
    let empty: Response | null = null;
    for (let i = 0; i < 120 && !empty; i++) {
      await new Promise((r) => setTimeout(r, 500));
      empty = await Promise.resolve(ask(onDev, "ai chủ trì nâng cấp mạng LAN Tân Kỳ")).catch(() => null);
    }
    if (!empty) throw new Error("wrangler dev did not answer");
    expect(empty.status).toBe(503);
    expect(((await empty.json()) as { error: { message_vi: string } }).error.message_vi).toMatch(
      /chưa có dữ liệu/u,
    );
    // The snapshot, loaded while the Worker runs: the next request reads it, no redeploy.
    const load = await wrangler([
      "d1",
      "execute",
      "cds-plans",
      "--local",
      "--file",
      join(out, "d1.sql"),
      "--yes",
    ]);
    expect(load.code, load.stderr).toBe(0);
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
});
