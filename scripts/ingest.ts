/**
 * npm run ingest [-- --strict]: CORPUS_DIR → DATA_DIR (plan model, chunks, vectors, HNSW index).
 * Files that are not plans are reported and skipped; with --strict they make the run fail (exit 1).
 */
import { parseCli } from "../src/cli/args.ts";
import { readConfig } from "../src/config.ts";
import { describeError, formatError } from "../src/errors.ts";
import type { FileOutcome } from "../src/plans/load.ts";
import { describeIdentity } from "../src/retrieval/embeddings/identity.ts";
import { createEmbedder } from "../src/retrieval/embeddings/index.ts";
import { type IngestEvent, ingest } from "../src/retrieval/ingest.ts";

const { values } = parseCli(
  { options: { strict: { type: "boolean", default: false } } },
  "Cách dùng / usage: npm run ingest [-- --strict]",
);
const config = readConfig();
const tty = process.stderr.isTTY === true;
const log = (line: string) => process.stderr.write(`${line}\n`);

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`;
}

const FORMAT_NAMES: Record<string, string> = {
  txt: "văn bản",
  docx: "Word",
  pdf: "PDF",
  "pdf-ocr": "PDF quét (OCR)",
};

function describeOutcome(o: FileOutcome): string {
  if (o.status === "skipped")
    return `Bỏ qua ${o.file}: ${o.problem.message_vi} / skipped ${o.file}: ${o.problem.message_en}`;
  const pages = o.pages ? `, ${o.pages} trang` : "";
  const pagesEn = o.pages ? `, ${o.pages} pages` : "";
  const renamed = o.renamed ? ` (tên trùng, đặt mã ${o.plan} / name clash, id ${o.plan})` : "";
  const notes = o.notes.map((n) => `\n    Lưu ý: ${n.vi} / note: ${n.en}`).join("");
  return (
    `Đã nạp ${o.file} → ${o.plan} (${FORMAT_NAMES[o.format] ?? o.format}${pages}: ${o.tasks} nhiệm vụ, ${o.indicators} chỉ tiêu, ${o.units} đơn vị)${renamed}` +
    ` / ingested as ${o.plan} (${o.format}${pagesEn}: ${o.tasks} tasks, ${o.indicators} indicators, ${o.units} units)${notes}`
  );
}

function onEvent(e: IngestEvent) {
  switch (e.phase) {
    case "read":
      log(`Đọc ${e.files} tệp trong ${config.corpusDir} / read ${e.files} files`);
      for (const o of e.outcomes) log(`  ${describeOutcome(o)}`);
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
  const report = await ingest({
    corpusDir: config.corpusDir,
    dataDir: config.dataDir,
    embedder,
    onEvent,
    read: config.read,
  });
  log(
    `Xong / done: ${report.plans} kế hoạch / plans (${report.plansReused} không đổi, không đọc lại / unchanged, not read again), ${report.chunks} đoạn / chunks ` +
      `(${report.embedded} nhúng mới / embedded, ${report.reused} dùng lại / reused) trong / in ${Math.round(report.ms)} ms, đỉnh bộ nhớ / peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB → ${config.dataDir}`,
  );
  if (values.strict && report.problems.length > 0) {
    log(`--strict: ${report.problems.length} tệp lỗi / bad files`);
    process.exitCode = 1;
  }
} catch (err) {
  log(formatError(err));
  process.exitCode = describeError(err).code === "internal" ? 70 : 2;
}
