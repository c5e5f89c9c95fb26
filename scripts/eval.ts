/**
 * npm run eval [-- --url http://host:port] [--golden FILE ...]
 * Runs the golden questions in-process (default) or against a running API (POST /v1/ask), prints a
 * per-type table (with intent accuracy), the pass rate of each golden file, and writes
 * reports/eval.json and reports/eval.md. By default the project's set and the two sets written
 * without reading the rules (blind*.jsonl) are run together and reported apart.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseCli } from "../src/cli/args.ts";
import { readConfig } from "../src/config.ts";
import { formatError } from "../src/errors.ts";
import { readGolden } from "../src/eval/golden.ts";
import {
  type AskFn,
  confusionTable,
  reportMarkdown,
  reportTable,
  runGoldenWithAccents,
  setTable,
} from "../src/eval/run.ts";
import type { AnswerLike } from "../src/eval/score.ts";
import { readCorpusFiles } from "../src/plans/load.ts";
import { buildAnswering } from "../src/runtime/answers.ts";

const { values } = parseCli(
  {
    options: {
      url: { type: "string" },
      golden: {
        type: "string",
        multiple: true,
        default: [
          "test/golden/golden.jsonl",
          "test/golden/blind.jsonl",
          "test/golden/blind2.jsonl",
          "test/golden/blind3.jsonl",
          "test/golden/blind4.jsonl",
          "test/golden/blind5.jsonl",
          "test/golden/blind6.jsonl",
          "test/golden/blind7.jsonl",
          "test/golden/blind8.jsonl",
          "test/golden/blind9.jsonl",
          "test/golden/blind10.jsonl",
          "test/golden/blind11.jsonl",
          "test/golden/blind12.jsonl",
          "test/golden/blind13.jsonl",
          "test/golden/blind14.jsonl",
          "test/golden/blind15.jsonl",
          "test/golden/blind16.jsonl",
          "test/golden/blind17.jsonl",
          "test/golden/blind18.jsonl",
          "test/golden/blind19.jsonl",
          "test/golden/blind20.jsonl",
          "test/golden/blind21.jsonl",
          "test/golden/blind22.jsonl",
          "test/golden/blind23.jsonl",
          "test/golden/blind24.jsonl",
        ],
      },
      quiet: { type: "boolean", default: false },
    },
  },
  "Cách dùng / usage: npm run eval [-- --url http://host:port] [--golden FILE ...] [--quiet]",
);

try {
  const config = readConfig();
  const sets = await Promise.all(
    values.golden.map(async (file) => ({ file, questions: await readGolden(file) })),
  );
  const golden = sets.flatMap((s) => s.questions);
  let ask: AskFn;
  let sources: Record<string, string>;
  if (values.url) {
    const base = values.url.replace(/\/+$/u, "");
    // Quotes are checked against the corpus files themselves.
    const { files } = await readCorpusFiles(config.corpusDir);
    sources = Object.fromEntries(files.map((f) => [f.id, f.text]));
    ask = async (q) => {
      const res = await fetch(`${base}/v1/ask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: q.question, ...(q.now ? { now: q.now } : {}) }),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      return (await res.json()) as AnswerLike;
    };
  } else {
    const { knowledge, answers } = await buildAnswering(config, (l) => process.stderr.write(`${l}\n`));
    sources = knowledge.sources;
    ask = (q) => answers.ask({ question: q.question, ...(q.now ? { now: q.now } : {}) });
  }
  const report = await runGoldenWithAccents(golden, ask, sources);
  const where = values.url ? `API ${values.url}` : "in-process";
  process.stdout.write(
    `Golden set ${values.golden.join(" + ")} (${where}): ${report.passed}/${report.total} passed\n\n${reportTable(report)}\n\n${setTable(report, sets)}\n\n${confusionTable(report)}\n`,
  );
  if (!values.quiet && report.failures.length > 0) {
    process.stdout.write(`\nFailures (${report.failures.length}):\n`);
    for (const f of report.failures)
      process.stdout.write(`  ${f.id} [${f.type}] ${f.question}\n      ${f.reasons.join("; ")}\n`);
  }
  await mkdir("reports", { recursive: true });
  await writeFile(join("reports", "eval.json"), JSON.stringify(report, null, 2));
  await writeFile(
    join("reports", "eval.md"),
    reportMarkdown(report, `Golden evaluation (${where})`, setTable(report, sets)),
  );
} catch (err) {
  process.stderr.write(`${formatError(err)}\n`);
  process.exitCode = 2;
}
