/**
 * npm run bench [-- --http-seconds 5]
 * Speed and memory of the pieces that matter, measured on the real corpus and golden questions:
 * parsing, cold ingest (in-process and as a command), the five plans as Word and PDF against their
 * text, OCR per scanned page, search and extractive answers in-process,
 * memory after loading, and the HTTP API under load (autocannon on 127.0.0.1). Writes reports/bench.json.
 */

import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { createAnswering } from "../src/answer/service.ts";
import { createApp } from "../src/api/app.ts";
import { parseCli } from "../src/cli/args.ts";
import { readConfig } from "../src/config.ts";
import { readGolden } from "../src/eval/golden.ts";
import { percentile } from "../src/eval/score.ts";
import { DEFAULT_READ_OPTIONS, parseCorpusFiles, readCorpusFiles } from "../src/plans/load.ts";
import { localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { ingest } from "../src/retrieval/ingest.ts";
import { loadKnowledge } from "../src/runtime/knowledge.ts";
import { readSource } from "../src/sources/index.ts";

const { values } = parseCli(
  { options: { "http-seconds": { type: "string", default: "5" } } },
  "Cách dùng / usage: npm run bench [-- --http-seconds 5]",
);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    max: s[s.length - 1] ?? 0,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

const round = (x: number, d = 2) => Number(x.toFixed(d));
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

// What is measured is the default, offline set-up, whatever embedder this shell is configured with.
const env = { ...process.env, EMBEDDINGS_PROVIDER: "local" };
const config = readConfig(env);
const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "?" },
};

// 1. Parsing all plans (text already in memory).
const { files } = await readCorpusFiles(config.corpusDir);
let t = performance.now();
parseCorpusFiles(files);
const firstParse = performance.now() - t;
const parses: number[] = [];
for (let i = 0; i < 20; i++) {
  t = performance.now();
  parseCorpusFiles(files);
  parses.push(performance.now() - t);
}
results.parse = { plans: files.length, firstMs: round(firstParse), warm: stats(parses) };

// 2. Cold ingest into an empty data directory, in-process and as `npm run ingest` would run it.
const scratch = await mkdtemp(join(tmpdir(), "cds-bench-"));
t = performance.now();
const report = await ingest({
  corpusDir: config.corpusDir,
  dataDir: join(scratch, "a"),
  embedder: localEmbedder(),
});
const ingestMs = performance.now() - t;
// The commands run compiled, as npm runs them.
spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "ignore" });
t = performance.now();
const cli = spawnSync(process.execPath, ["dist/ingest.js"], {
  env: { ...env, DATA_DIR: join(scratch, "b") },
  encoding: "utf8",
});
const cliMs = performance.now() - t;
results.ingest = {
  chunks: report.chunks,
  inProcessMs: round(ingestMs),
  commandMs: round(cliMs),
  commandExit: cli.status,
};

// 2b. The same five plans as Word and as PDF files, read and parsed side by side with their text,
// and a full ingest of each form: what the readers cost, as a ratio to plain text.
const formsDir = join("test", "fixtures", "corpus-forms");
const readParse = async (dir: string, options = DEFAULT_READ_OPTIONS) => {
  const started = performance.now();
  const read = await readCorpusFiles(dir, options);
  parseCorpusFiles(read.files);
  return performance.now() - started;
};
const formTimes: Record<string, number[]> = { txt: [], docx: [], pdf: [] };
const formDirs: Record<string, string> = {
  txt: config.corpusDir,
  docx: join(formsDir, "docx"),
  pdf: join(formsDir, "pdf"),
};
for (let k = 0; k < 5; k++) {
  for (const [form, dir] of Object.entries(formDirs))
    (formTimes[form] as number[]).push(await readParse(dir));
}
const formIngest: Record<string, number> = {};
for (const [form, dir] of Object.entries(formDirs)) {
  const started = performance.now();
  await ingest({ corpusDir: dir, dataDir: join(scratch, `form-${form}`), embedder: localEmbedder() });
  formIngest[form] = performance.now() - started;
}
const median = (xs: number[]) => stats(xs).p50;
const txtMedian = median(formTimes.txt as number[]);
results.formats = Object.fromEntries(
  Object.keys(formDirs).map((form) => [
    form,
    {
      readParseMs: round(median(formTimes[form] as number[])),
      ratioToText: round(median(formTimes[form] as number[]) / txtMedian),
      ingestMs: round(formIngest[form] as number),
    },
  ]),
);

// 2c. OCR of a scanned page (tesseract.js, offline Vietnamese data), when the data is installed.
const scanFile = join("test", "fixtures", "sources", "pdf", "scan.pdf");
const scanBytes = await readFile(scanFile);
const ocrRuns: number[] = [];
let ocrPages = 0;
for (let k = 0; k < 2; k++) {
  const started = performance.now();
  const doc = await readSource("scan.pdf", scanBytes, { ...DEFAULT_READ_OPTIONS, ocr: true });
  ocrRuns.push(performance.now() - started);
  ocrPages = doc.pageCount ?? 1;
}
results.ocr = { file: scanFile, pages: ocrPages, msPerPage: round(median(ocrRuns) / ocrPages) };

// 3–4. Search and answers in-process, warm, over the golden questions.
const knowledge = await loadKnowledge({ dataDir: join(scratch, "a"), embeddings: config.embeddings });
const answerer = createAnswering(knowledge);
const golden = await readGolden("test/golden/golden.jsonl");
for (const q of golden.slice(0, 20)) await answerer.ask({ question: q.question }); // warm-up
const search: number[] = [];
const answers: number[] = [];
for (let round_ = 0; round_ < 3; round_++) {
  for (const q of golden) {
    t = performance.now();
    await knowledge.retriever.search(q.question, { k: 5 });
    search.push(performance.now() - t);
    t = performance.now();
    await answerer.ask({ question: q.question, ...(q.now ? { now: q.now } : {}) });
    answers.push(performance.now() - t);
  }
}
results.search = stats(search);
results.answer = stats(answers);
const mem = process.memoryUsage();
results.memory = { rssMb: mb(mem.rss), heapUsedMb: mb(mem.heapUsed) };

// 4b. `npm start` itself (a separate process, compiled as npm runs it): time to ready, resident memory
// after the golden set once, and again after 10,000 varied questions (growth must stay under 200 MB).
const allGolden = (
  await Promise.all(
    ["golden", "blind", "blind2", "blind3", "blind4", "blind5"].map((f) =>
      readGolden(`test/golden/${f}.jsonl`),
    ),
  )
).flat();
// `npm run ask` as a command: one question, the process started and loaded each time (median of 5).
const askRuns: number[] = [];
for (let k = 0; k < 5; k++) {
  t = performance.now();
  spawnSync(process.execPath, ["dist/ask.js", "ai chủ trì nâng cấp mạng LAN Tân Kỳ"], {
    env: { ...env, DATA_DIR: join(scratch, "a") },
    stdio: "ignore",
  });
  askRuns.push(performance.now() - t);
}
results.askCommand = stats(askRuns);
const server_ = await (async () => {
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const started = performance.now();
  const child = spawn(process.execPath, ["dist/start.js"], {
    env: { ...env, PORT: String(port), DATA_DIR: join(scratch, "a"), LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  const rss = async () => {
    const status = await readFile(`/proc/${child.pid}/status`, "utf8").catch(() => "");
    const kb = Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0);
    return kb > 0 ? round(kb / 1024, 1) : null;
  };
  const ask = (question: string, now?: string) =>
    fetch(`http://127.0.0.1:${port}/v1/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question, ...(now ? { now } : {}) }),
    }).then((r) => r.status);
  try {
    let readyMs = Number.NaN;
    for (let k = 0; k < 400; k++) {
      if (
        await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        )
      ) {
        readyMs = performance.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    for (const q of golden) await ask(q.question);
    const afterGolden = await rss();
    // Varied: every golden question, each round on another day and with its own trailing words, so
    // that nothing is answered twice from the same text.
    const asks = 10_000;
    let next = 0;
    let failed = 0;
    const worker = async () => {
      for (let n = next++; n < asks; n = next++) {
        const q = allGolden[n % allGolden.length] as (typeof allGolden)[number];
        const round_ = Math.floor(n / allGolden.length);
        const day = new Date(Date.UTC(2025, 0, 1 + ((n * 7) % 700))).toISOString().slice(0, 10);
        const status = await ask(`${q.question}${round_ > 0 ? ` (lần ${round_ + 1})` : ""}`, q.now ?? day);
        if (status !== 200) failed++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const after = await rss();
    return {
      readyMs: round(readyMs, 0),
      rssMb: afterGolden,
      soak: {
        asks,
        failed,
        rssBeforeMb: afterGolden,
        rssAfterMb: after,
        growthMb: after !== null && afterGolden !== null ? round(after - afterGolden, 1) : null,
      },
    };
  } finally {
    child.kill("SIGTERM");
  }
})();
const serverRssMb = server_.rssMb;
results.start = { readyMs: server_.readyMs };
results.soak = server_.soak;
(results.memory as Record<string, unknown>).serverRssMb = serverRssMb;

// 5. The HTTP API under load.
const app = createApp({ knowledge, answers: answerer });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((resolve) => server.once("listening", resolve));
const port = (server.address() as { port: number }).port;
const questions = golden.filter((q) => !q.now).map((q) => q.question);
let i = 0;
const load = await autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: 10,
  duration: Number(values["http-seconds"]),
  requests: [
    {
      method: "POST",
      path: "/v1/ask",
      headers: { "content-type": "application/json" },
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ question: questions[i++ % questions.length] }),
      }),
    },
  ],
});
server.close();
results.http = {
  connections: 10,
  seconds: Number(values["http-seconds"]),
  requestsPerSecond: round(load.requests.average, 1),
  latencyMs: { p50: load.latency.p50, p99: load.latency.p99 },
  non2xx: load.non2xx,
  errors: load.errors,
};
await rm(scratch, { recursive: true, force: true });

const r = results as {
  parse: { firstMs: number; warm: ReturnType<typeof stats> };
  ingest: { inProcessMs: number; commandMs: number; chunks: number };
  formats: Record<string, { readParseMs: number; ratioToText: number; ingestMs: number }>;
  ocr: { pages: number; msPerPage: number };
  search: ReturnType<typeof stats>;
  answer: ReturnType<typeof stats>;
  memory: { rssMb: number; heapUsedMb: number; serverRssMb: number | null };
  start: { readyMs: number };
  askCommand: ReturnType<typeof stats>;
  soak: { asks: number; failed: number; rssAfterMb: number | null; growthMb: number | null };
  http: { requestsPerSecond: number; latencyMs: { p50: number; p99: number }; non2xx: number };
};
const lines = [
  `| measure | result |`,
  `| --- | --- |`,
  `| parse 5 plans (first / warm median) | ${r.parse.firstMs} ms / ${round(r.parse.warm.p50)} ms |`,
  `| cold ingest, in-process (${r.ingest.chunks} chunks) | ${r.ingest.inProcessMs} ms |`,
  `| cold ingest, \`npm run ingest\` as a command (compiled, incl. Node start) | ${r.ingest.commandMs} ms |`,
  ...Object.entries(r.formats).map(
    ([form, f]) =>
      `| five plans as ${form}: read + parse (median of 5), ratio to text; full ingest | ${f.readParseMs} ms, ×${f.ratioToText}; ${f.ingestMs} ms |`,
  ),
  `| OCR of a scanned page (${r.ocr.pages} page, 150 dpi) | ${r.ocr.msPerPage} ms per page |`,
  `| search, in-process (p50 / p95) | ${round(r.search.p50, 3)} ms / ${round(r.search.p95, 3)} ms |`,
  `| extractive answer, in-process (p50 / p95) | ${round(r.answer.p50, 3)} ms / ${round(r.answer.p95, 3)} ms |`,
  `| \`npm start\` (compiled, index present): spawn to first answer of /health | ${r.start.readyMs} ms |`,
  `| \`npm run ask\` as a command, one question (median of 5) | ${round(r.askCommand.p50, 0)} ms |`,
  `| memory of \`npm start\` after answering the golden set (RSS) | ${r.memory.serverRssMb ?? "?"} MB |`,
  `| memory of \`npm start\` after ${r.soak.asks} more varied questions (8 at a time): RSS, growth, failed | ${r.soak.rssAfterMb ?? "?"} MB, ${r.soak.growthMb ?? "?"} MB (limit 200), ${r.soak.failed} failed |`,
  `| memory of this bench process after loading (RSS / heap used) | ${r.memory.rssMb} MB / ${r.memory.heapUsedMb} MB |`,
  `| HTTP POST /v1/ask, 10 connections (req/s, p50 / p99) | ${r.http.requestsPerSecond} req/s, ${r.http.latencyMs.p50} / ${r.http.latencyMs.p99} ms, non-2xx ${r.http.non2xx} |`,
];
process.stdout.write(`${lines.join("\n")}\n`);
await writeFile("reports/bench.json", JSON.stringify(results, null, 2));
