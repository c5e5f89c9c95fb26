import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readConfig } from "../src/config.ts";
import { AppError } from "../src/errors.ts";
import { LocalHashEmbeddings, localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { ingest } from "../src/retrieval/ingest.ts";
import { currentName } from "../src/retrieval/snapshot.ts";
import { ensureKnowledge } from "../src/runtime/ensure.ts";
import { loadKnowledge } from "../src/runtime/knowledge.ts";
import { FIXTURES_DIR } from "./helpers/corpus.ts";
import { encodeCp1258 } from "./helpers/encodings.ts";
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
    const src = (...p: string[]) => join(FIXTURES_DIR, "sources", ...p);
    const put = (name: string, bytes: Uint8Array | string) =>
      writeFileSync(join(dirs.corpusDir, name), bytes);
    put("rong.txt", "");
    put("nhi-phan.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    put("ban-quet.pdf", readFileSync(src("pdf", "scan.pdf")));
    put("mat-khau.pdf", readFileSync(src("pdf", "encrypted.pdf")));
    const docx = readFileSync(src("docx", "plan.docx"));
    put("cat-doi.docx", docx.subarray(0, Math.floor(docx.length / 2)));
    put("Kế hoạch cũ.doc", readFileSync(src("docx", "legacy.doc")));
    put("trong.docx", readFileSync(src("docx", "empty.docx")));
    // 30 MB: refused by its size before anything reads it.
    put("qua-lon.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(30 * 1024 * 1024, 0x20)]));
    put("bang-tinh.xlsx", Buffer.from("PK\u0003\u0004 not a real sheet"));
    // Notepad's "Unicode" and an old Windows code page are read, not refused.
    const hoaBinh = readFileSync(join(FIXTURES_DIR, "xa-hoa-binh-2026.txt"), "utf8");
    put("Hòa Bình UTF16.TXT", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(hoaBinh, "utf16le")]));
    // The code page has no "≥": a plan typed on such a machine writes ">=".
    const thieuQuang = readFileSync(join(FIXTURES_DIR, "xa-thieu-quang-2026.txt"), "utf8").replaceAll(
      "≥",
      ">=",
    );
    put("thieu-quang-1258.txt", encodeCp1258(thieuQuang));
    // A plan that names no locality is served, with a note, and never scoped by its file name.
    put(
      "Tân Kỳ bản nháp.txt",
      "KẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến đạt 80%.\nII. NHIỆM VỤ\n1. Phòng Kinh tế chủ trì nâng cấp mạng wifi; thời hạn: Quý III/2026.\n",
    );
    // The same plan dropped in twice is served once.
    put("Bản sao Tân Kỳ.txt", readFileSync(join(dirs.corpusDir, "tan-ky-2026.txt")));

    // OCR off: a scan is then reported by name, not read.
    const env = { CORPUS_DIR: dirs.corpusDir, DATA_DIR: dirs.dataDir, OCR: "0" };
    const ok = await runScript("scripts/ingest.ts", [], env);
    expect(ok.code, ok.stderr).toBe(0);
    const said = (re: RegExp) => expect(ok.stderr).toMatch(re);
    said(/Bỏ qua rong\.txt: tệp rỗng.* \/ skipped rong\.txt: the file is empty/u);
    said(/Bỏ qua nhi-phan\.txt: tệp nhị phân/u);
    said(/Bỏ qua ban-quet\.pdf: PDF là ảnh quét, chưa có lớp chữ.*the PDF is a scan/u);
    said(/Bỏ qua mat-khau\.pdf: tệp được đặt mật khẩu.*password-protected/u);
    said(/Bỏ qua cat-doi\.docx: tệp bị hỏng hoặc không trọn vẹn.*damaged/u);
    said(/Bỏ qua Kế hoạch cũ\.doc: tệp Word cũ \(\.doc\).*lưu lại dưới dạng \.docx/u);
    said(/Bỏ qua trong\.docx: tệp rỗng/u);
    said(/Bỏ qua qua-lon\.pdf: tệp quá lớn \(30\.0 MB\)/u);
    said(/Bỏ qua bang-tinh\.xlsx: định dạng chưa hỗ trợ/u);
    said(/Bỏ qua Bản sao Tân Kỳ\.txt: trùng nội dung với kế hoạch đã nạp \(đã có tan-ky-2026/u);
    said(/Đã nạp Hòa Bình UTF16\.TXT → hoa-binh-utf16 \(văn bản: \d+ nhiệm vụ/u);
    said(/Đã nạp thieu-quang-1258\.txt → thieu-quang-1258 \(văn bản: \d+ nhiệm vụ/u);
    said(/Đã nạp Tân Kỳ bản nháp\.txt → tan-ky-ban-nhap .*\n\s+Lưu ý: không tìm thấy tên địa phương/u);
    said(/8 kế hoạch/u);
    expect(ok.stderr).not.toMatch(/at .*\.ts:\d+/u);

    // What was read from the UTF-16 and Windows-1258 files is the plan, letter for letter.
    const k = await loadKnowledge(localConfig(dirs.dataDir));
    expect(k.plans.find((p) => p.id === "hoa-binh-utf16")?.locality).toEqual({
      kind: "xã",
      name: "Hòa Bình",
    });
    expect(k.plans.find((p) => p.id === "thieu-quang-1258")?.locality).toEqual({
      kind: "xã",
      name: "Thiệu Quang",
    });
    expect(k.sources["thieu-quang-1258"]).toBe(thieuQuang.normalize("NFC"));
    expect(k.plans.find((p) => p.id === "tan-ky-ban-nhap")?.locality.name).toBe("");

    const strict = await runScript("scripts/ingest.ts", ["--strict"], env);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict: 10/u);
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

describe("command-line help", () => {
  it.each([
    "scripts/ask.ts",
    "scripts/eval.ts",
    "scripts/ingest.ts",
    "scripts/plans.ts",
    "scripts/bench.ts",
    "scripts/eval-retrieval.ts",
    "scripts/bot-telegram.ts",
    "scripts/bot-zalo.ts",
    "scripts/build.mjs",
    "src/runtime/start.ts",
  ])(
    "%s --help prints its usage and exits 0; an unknown option exits 2 without a stack trace",
    async (script) => {
      const help = await runScript(script, ["--help"], {});
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Cách dùng \/ usage: npm (?:run|start)/u);
      const bad = await runScript(script, ["--khong-co"], {});
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/bad argument/u);
      expect(bad.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/u);
    },
  );
});

describe("a damaged snapshot", () => {
  const dirs = scratch();
  afterAll(dirs.cleanup);
  const config = () => readConfig({ CORPUS_DIR: dirs.corpusDir, DATA_DIR: dirs.dataDir });
  const snapDir = (name: string) => join(dirs.dataDir, "snapshots", name);
  const build = () => ingest({ corpusDir: dirs.corpusDir, dataDir: dirs.dataDir, embedder: localEmbedder() });

  it.each([
    ["chunks.json cut in half", "chunks.json", (b: Buffer) => b.subarray(0, b.length >> 1)],
    ["an empty vectors.f32", "vectors.f32", () => Buffer.alloc(0)],
    [
      "flipped bytes in the HNSW index",
      "hnsw/hnswlib.index",
      (b: Buffer) => Buffer.from(b.map((x, i) => (i % 97 === 0 ? x ^ 0xff : x))),
    ],
    ["a docstore of another snapshot", "hnsw/docstore.json", () => Buffer.from("[]")],
  ])(
    "is refused by name when it has %s, and the next ingest rebuilds without trusting it",
    async (_what, file, damage) => {
      const first = await build();
      const path = join(snapDir(first.snapshot), file);
      writeFileSync(path, damage(readFileSync(path)));
      const err = await loadKnowledge(config()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("bad-index");
      expect((err as AppError).message_en).toContain(file.split("/")[0] as string);
      // Nothing of the damaged snapshot is reused: every chunk is embedded again, and it loads.
      const next = await build();
      expect(next.embedded).toBe(next.chunks);
      const knowledge = await loadKnowledge(config());
      expect(knowledge.name).toBe(next.snapshot);
      expect((await knowledge.retriever.search("nâng cấp mạng LAN", { k: 3 })).length).toBe(3);
    },
  );

  it("takes over a lock whose pid now belongs to another process, and lets one of two racing ingests run", async () => {
    await build();
    const lock = join(dirs.dataDir, "ingest.lock");
    // pid 1 is alive, but it is not the ingest that wrote this lock (another start time).
    writeFileSync(
      lock,
      JSON.stringify({ host: hostname(), pid: 1, started: "1", at: new Date().toISOString() }),
    );
    const taken = await build();
    expect(taken.plans).toBe(5);
    expect(existsSync(lock)).toBe(false);
    const raced = await Promise.allSettled([build(), build(), build(), build()]);
    expect(raced.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of raced) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("busy");
  });
});

describe("corpus limits", () => {
  const dirs = scratch();
  afterAll(dirs.cleanup);

  it("skips, by name, a plan whose text is over PLAN_MAX_TEXT_MB, and ingests the rest", async () => {
    writeFileSync(
      join(dirs.corpusDir, "qua-lon.txt"),
      `KẾ HOẠCH\nChuyển đổi số xã Lớn năm 2026\n${"- Nội dung. ".repeat(120_000)}`,
    );
    const report = await ingest({
      corpusDir: dirs.corpusDir,
      dataDir: dirs.dataDir,
      embedder: localEmbedder(),
      read: { ...readConfig({ PLAN_MAX_TEXT_MB: "1" }).read },
    });
    expect(report.plans).toBe(5);
    const skipped = report.problems.find((p) => p.file === "qua-lon.txt");
    expect(skipped?.code).toBe("too-large");
    expect(skipped?.message_vi).toMatch(/PLAN_MAX_TEXT_MB/u);
  });
});
