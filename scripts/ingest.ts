/**
 * npm run ingest [-- --strict]: CORPUS_DIR → DATA_DIR (plan model, chunks, vectors, HNSW index).
 * Files that are not plans are reported and skipped; with --strict they make the run fail (exit 1).
 */
import { parseArgs } from "node:util";
import { readConfig } from "../src/config.ts";
import { describeError, formatError } from "../src/errors.ts";
import { describeIdentity } from "../src/retrieval/embeddings/identity.ts";
import { createEmbedder } from "../src/retrieval/embeddings/index.ts";
import { type IngestEvent, ingest } from "../src/retrieval/ingest.ts";

const { values } = parseArgs({ options: { strict: { type: "boolean", default: false } } });
const config = readConfig();
const tty = process.stderr.isTTY === true;
const log = (line: string) => process.stderr.write(`${line}\n`);

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`;
}

function onEvent(e: IngestEvent) {
  switch (e.phase) {
    case "read":
      log(`Đọc ${e.files} tệp trong ${config.corpusDir} / read ${e.files} files`);
      for (const p of e.problems)
        log(`  Bỏ qua ${p.file}: ${p.message_vi} / skipped ${p.file}: ${p.message_en}`);
      break;
    case "embed":
      if (tty)
        process.stderr.write(
          `\rNhúng vectơ / embedding ${bar(e.done, e.total)}${e.done === e.total ? "\n" : ""}`,
        );
      else if (e.done === 0 || e.done === e.total) log(`Nhúng vectơ / embedding ${e.done}/${e.total}`);
      break;
    case "index":
      log(`Dựng chỉ mục HNSW / building HNSW index: ${e.chunks} đoạn / chunks`);
      break;
    case "commit":
      log(`Đã chuyển sang bản dữ liệu mới / switched to snapshot ${e.snapshot}`);
      break;
  }
}

try {
  const embedder = createEmbedder(config.embeddings);
  log(`Bộ embedding / embedder: ${describeIdentity(embedder.identity)}`);
  const report = await ingest({ corpusDir: config.corpusDir, dataDir: config.dataDir, embedder, onEvent });
  log(
    `Xong / done: ${report.plans} kế hoạch / plans, ${report.chunks} đoạn / chunks ` +
      `(${report.embedded} nhúng mới / embedded, ${report.reused} dùng lại / reused) trong / in ${Math.round(report.ms)} ms → ${config.dataDir}`,
  );
  if (values.strict && report.problems.length > 0) {
    log(`--strict: ${report.problems.length} tệp lỗi / bad files`);
    process.exitCode = 1;
  }
} catch (err) {
  log(formatError(err));
  process.exitCode = describeError(err).code === "internal" ? 70 : 2;
}
