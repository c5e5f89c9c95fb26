import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readConfig } from "../src/config.ts";
import { AppError } from "../src/errors.ts";
import { LocalHashEmbeddings, localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { ingest } from "../src/retrieval/ingest.ts";
import { currentName } from "../src/retrieval/snapshot.ts";
import { ensureKnowledge } from "../src/runtime/ensure.ts";
import { loadKnowledge } from "../src/runtime/knowledge.ts";
import { startFakeOpenAI } from "./helpers/fake-openai.ts";
import { runScript, startScript } from "./helpers/run.ts";
import { scratch } from "./helpers/tmp.ts";

const localConfig = (dataDir: string) => readConfig({ DATA_DIR: dataDir, EMBEDDINGS_PROVIDER: "local" });

describe("local embeddings", () => {
  it("are deterministic, normalised and blind to diacritics and Unicode form", async () => {
    const e = new LocalHashEmbeddings();
    const a = await e.embedQuery("Ai chủ trì nâng cấp mạng LAN?");
    const b = await new LocalHashEmbeddings().embedQuery("Ai chủ trì nâng cấp mạng LAN?");
    expect(a).toEqual(b);
    expect(a).toHaveLength(1024);
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
    expect(await e.embedQuery("ai chu tri nang cap mang lan")).toEqual(a);
    expect(await e.embedQuery("Ai chủ trì nâng cấp mạng LAN?".normalize("NFD"))).toEqual(a);
    const other = await e.embedQuery("Chỉ tiêu hồ sơ trực tuyến");
    expect(other).not.toEqual(a);
  });
});

describe("ingest", () => {
  const dirs = scratch();
  afterAll(dirs.cleanup);
  const ingestCorpus = () =>
    ingest({ corpusDir: dirs.corpusDir, dataDir: dirs.dataDir, embedder: localEmbedder() });

  it("builds a snapshot, then re-ingests an unchanged corpus without embedding anything", async () => {
    const first = await ingestCorpus();
    expect(first.plans).toBe(5);
    expect(first.embedded).toBe(first.chunks);
    expect(existsSync(join(dirs.dataDir, "plans.json"))).toBe(true);
    const second = await ingestCorpus();
    expect(second.embedded).toBe(0);
    expect(second.reused).toBe(first.chunks);
    expect(second.snapshot).not.toBe(first.snapshot);
    expect(await currentName(dirs.dataDir)).toBe(second.snapshot);
  });

  it("re-embeds only the chunks of a changed file", async () => {
    const file = join(dirs.corpusDir, "cat-hai-2025-h2.txt");
    const original = readFileSync(file, "utf8");
    writeFileSync(
      file,
      original.replace("Phối hợp xây dựng chiến lược dữ liệu", "Phối hợp xây dựng chiến lược dữ liệu số"),
    );
    try {
      const report = await ingestCorpus();
      expect(report.embedded).toBeGreaterThan(0);
      expect(report.embedded).toBeLessThan(5);
    } finally {
      writeFileSync(file, original);
    }
  });

  it("refuses to serve an index built with another embedder", async () => {
    const err = await loadKnowledge(localConfig(dirs.dataDir), {
      embedder: localEmbedder({ dimensions: 512 }),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("embedder-mismatch");
    expect((err as AppError).message_vi).toMatch(/npm run ingest/u);
  });

  it("finds the same passages for accented, unaccented and NFD questions", async () => {
    const knowledge = await loadKnowledge(localConfig(dirs.dataDir));
    const ids = async (q: string) => (await knowledge.retriever.search(q, { k: 5 })).map((h) => h.chunk.id);
    const accented = await ids("Ai chủ trì nâng cấp mạng LAN ở Tân Kỳ, hạn khi nào?");
    expect(accented).toEqual(await ids("ai chu tri nang cap mang lan o tan ky, han khi nao?"));
    expect(accented).toEqual(
      await ids("Ai chủ trì nâng cấp mạng LAN ở Tân Kỳ, hạn khi nào?".normalize("NFD")),
    );
    const top = (await knowledge.retriever.search("ai chu tri nang cap mang lan tan ky", { k: 1 }))[0];
    expect(top?.chunk.plan).toBe("tan-ky-2026");
    expect(top?.chunk.section).toBe("II.3.d");
  });
});

describe("an ingest killed mid-way", () => {
  const dirs = scratch();
  let stall: Awaited<ReturnType<typeof startFakeOpenAI>>;
  beforeAll(async () => {
    // The remote embedder accepts the request and never answers: the ingest hangs while embedding.
    stall = await startFakeOpenAI(() => new Promise(() => {}));
  });
  afterAll(async () => {
    await stall.close();
    dirs.cleanup();
  });

  it("leaves the previous index serving, and the next ingest cleans up after it", async () => {
    await ingest({ corpusDir: dirs.corpusDir, dataDir: dirs.dataDir, embedder: localEmbedder() });
    const before = await currentName(dirs.dataDir);
    const child = startScript("scripts/ingest.ts", [], {
      CORPUS_DIR: dirs.corpusDir,
      DATA_DIR: dirs.dataDir,
      EMBEDDINGS_PROVIDER: "openai",
      EMBEDDINGS_BASE_URL: stall.url,
      EMBEDDINGS_MODEL: "test-embedding",
    });
    await vi.waitFor(() => expect(stall.requests[0]?.path).toBe("/v1/embeddings"), {
      timeout: 30_000,
      interval: 50,
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    const lock = join(dirs.dataDir, "ingest.lock");
    expect(existsSync(lock)).toBe(true);

    expect(await currentName(dirs.dataDir)).toBe(before);
    const knowledge = await loadKnowledge(localConfig(dirs.dataDir));
    expect((await knowledge.retriever.search("mạng LAN Tân Kỳ", { k: 1 }))[0]?.chunk.section).toBe("II.3.d");

    // The killed run left its lock behind; a new run takes over and leaves one complete snapshot chain.
    const again = await ingest({
      corpusDir: dirs.corpusDir,
      dataDir: dirs.dataDir,
      embedder: localEmbedder(),
    });
    expect(again.embedded).toBe(0);
    expect(existsSync(lock)).toBe(false);
    const entries = readdirSync(join(dirs.dataDir, "snapshots"));
    expect(entries).toContain(again.snapshot);
    expect(entries.every((e) => e.startsWith("snap-"))).toBe(true);
  });
});

describe("bad files in the corpus", () => {
  const dirs = scratch();
  afterAll(dirs.cleanup);

  it("are reported by name with the reason and skipped; only --strict fails the run", async () => {
    writeFileSync(join(dirs.corpusDir, "rong.txt"), "");
    writeFileSync(
      join(dirs.corpusDir, "nhi-phan.txt"),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]),
    );
    writeFileSync(
      join(dirs.corpusDir, "latin1.txt"),
      Buffer.from("K\xea ho\xe1ch x\xe3 T\xe2n K\xfd", "latin1"),
    );
    const env = { CORPUS_DIR: dirs.corpusDir, DATA_DIR: dirs.dataDir };
    const ok = await runScript("scripts/ingest.ts", [], env);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/rong\.txt: tệp rỗng/u);
    expect(ok.stderr).toMatch(/nhi-phan\.txt: tệp nhị phân/u);
    expect(ok.stderr).toMatch(/latin1\.txt: tệp không phải mã UTF-8/u);
    expect(ok.stderr).toMatch(/5 kế hoạch/u);
    const strict = await runScript("scripts/ingest.ts", ["--strict"], env);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict: 3/u);
  });

  it("explain a missing corpus directory instead of crashing", async () => {
    const r = await runScript("scripts/ingest.ts", [], {
      CORPUS_DIR: join(dirs.root, "khong-co"),
      DATA_DIR: dirs.dataDir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Không đọc được thư mục kế hoạch/u);
    expect(r.stderr).toMatch(/Cannot read the corpus directory/u);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/u);
  });
});

describe("start-up", () => {
  const dirs = scratch();
  afterAll(dirs.cleanup);

  it("builds the index when there is none and rebuilds one that cannot be read", async () => {
    const config = readConfig({ CORPUS_DIR: dirs.corpusDir, DATA_DIR: dirs.dataDir });
    const lines: string[] = [];
    const first = await ensureKnowledge(config, (l) => lines.push(l));
    expect(first.plans).toHaveLength(5);
    expect(lines.join("\n")).toMatch(/Chưa có chỉ mục/u);
    rmSync(join(dirs.dataDir, "snapshots", first.name, "chunks.json"));
    const again = await ensureKnowledge(config, (l) => lines.push(l));
    expect(again.name).not.toBe(first.name);
    expect(lines.join("\n")).toMatch(/không đọc được/u);
    // A damaged vector index too, not only the JSON files beside it.
    lines.length = 0;
    rmSync(join(dirs.dataDir, "snapshots", again.name, "hnsw"), { recursive: true });
    const third = await ensureKnowledge(config, (l) => lines.push(l));
    expect(third.name).not.toBe(again.name);
    expect(third.vectorIndex).toBe("hnsw");
    expect(lines.join("\n")).toMatch(/không đọc được/u);
  });
});
