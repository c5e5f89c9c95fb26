/**
 * npm run feedback [-- --export FILE]
 * A summary of the verdicts in ${DATA_DIR}/feedback.jsonl by intent and by plan; with --export, the 👎 ones
 * written to FILE as golden-format candidates (expectations left for a person to write from the plan).
 */
import { readFile } from "node:fs/promises";
import { parseCli } from "../src/cli/args.ts";
import { readConfig } from "../src/config.ts";
import { feedbackFile } from "../src/feedback/log.ts";
import { goldenCandidates, readFeedback, summarize } from "../src/feedback/summary.ts";
import { writeFileAtomic } from "../src/files.ts";

const USAGE = "Cách dùng / usage: npm run feedback [-- --export FILE]";
const { values } = parseCli({ options: { export: { type: "string" } } }, USAGE);
const file = feedbackFile(readConfig().dataDir);
const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
  if (err.code === "ENOENT") return "";
  process.stderr.write(`Lỗi: không đọc được ${file}\nError: cannot read ${file}: ${err.message}\n`);
  process.exit(2);
});
const { records, bad } = readFeedback(text);
process.stdout.write(`${summarize(records)}\n`);
if (bad > 0) process.stdout.write(`\n${bad} dòng hỏng bị bỏ qua / damaged lines skipped\n`);
if (values.export) {
  const out = goldenCandidates(records);
  await writeFileAtomic(values.export, out);
  const n = out ? out.trimEnd().split("\n").length : 0;
  process.stdout.write(`\nĐã ghi ${n} câu 👎 để xem lại → ${values.export} / wrote ${n} candidates\n`);
}
