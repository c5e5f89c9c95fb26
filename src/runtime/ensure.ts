/**
 * Start-up: use the current snapshot, or build one first when there is none (a fresh checkout), so
 * `npm start` and `npm run ask` work right after `npm ci`.
 */
import type { Config } from "../config.ts";
import { createEmbedder } from "../retrieval/embeddings/index.ts";
import { ingest } from "../retrieval/ingest.ts";
import { currentName } from "../retrieval/snapshot.ts";
import { type Knowledge, loadKnowledge } from "./knowledge.ts";

export async function ensureKnowledge(
  config: Config,
  log: (line: string) => void = () => {},
): Promise<Knowledge> {
  const embedder = createEmbedder(config.embeddings);
  if (!(await currentName(config.dataDir))) {
    log(`Chưa có chỉ mục, đang tạo từ ${config.corpusDir} … / no index yet, building it …`);
    const report = await ingest({ corpusDir: config.corpusDir, dataDir: config.dataDir, embedder });
    for (const p of report.problems) log(`  Bỏ qua ${p.file}: ${p.message_vi} / skipped: ${p.message_en}`);
    log(
      `Đã tạo chỉ mục: ${report.plans} kế hoạch, ${report.chunks} đoạn (${Math.round(report.ms)} ms) / index built`,
    );
  }
  return loadKnowledge(config, { embedder });
}
