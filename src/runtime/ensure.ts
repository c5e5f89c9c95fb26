/**
 * Start-up: use the current snapshot, or build one first when there is none (a fresh checkout) or it
 * cannot be read, so `npm start` and `npm run ask` work right after `npm ci`. An index built with another
 * embedder is not rebuilt behind the operator's back: that is refused with a message saying what to do.
 */
import type { Config } from "../config.ts";
import { AppError } from "../errors.ts";
import { createEmbedder } from "../retrieval/embeddings/index.ts";
import { currentName } from "../retrieval/snapshot.ts";
import { type Knowledge, type LoadOptions, loadKnowledge } from "./knowledge.ts";

export async function ensureKnowledge(
  config: Config,
  log: (line: string) => void = () => {},
  options: Pick<LoadOptions, "vectors"> = {},
): Promise<Knowledge> {
  const embedder = createEmbedder(config.embeddings);
  const build = async (why: string) => {
    log(`${why} Đang tạo chỉ mục từ ${config.corpusDir} … / building the index …`);
    // The document readers are loaded only when there is something to read (a second off every start).
    const { ingest } = await import("../retrieval/ingest.ts");
    const report = await ingest({
      corpusDir: config.corpusDir,
      dataDir: config.dataDir,
      embedder,
      read: config.read,
    });
    for (const p of report.problems) log(`  Bỏ qua ${p.file}: ${p.message_vi} / skipped: ${p.message_en}`);
    log(
      `Đã tạo chỉ mục: ${report.plans} kế hoạch, ${report.chunks} đoạn (${Math.round(report.ms)} ms) / index built`,
    );
  };
  if (!(await currentName(config.dataDir))) await build("Chưa có chỉ mục.");
  try {
    return await loadKnowledge(config, { embedder, ...options });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "bad-index") throw err;
    // Which file is damaged, and how, before it is rebuilt.
    log(`${err.message_vi}\n${err.message_en}`);
    await build("Chỉ mục hiện tại không đọc được, đang tạo lại.");
    return loadKnowledge(config, { embedder, ...options });
  }
}
