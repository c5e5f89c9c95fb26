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
    const lines: string[] = [];
    const built = await buildServer(config, (line) => lines.push(line));
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
    const lines: string[] = [];
    const built = await buildServer(config, (line) => lines.push(line));
    await built.close();
    expect(lines.join("\n")).toMatch(/kho kế hoạch đã thay đổi.*ghi-chu\.txt/u);
    expect(lines.join("\n")).toMatch(/the corpus changed since the index was built/u);
  });
});
