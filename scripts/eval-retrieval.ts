/**
 * npm run eval:retrieval [-- --golden FILE]
 * Recall@1, Recall@5 and MRR@10 of the hybrid retriever on golden questions that name a passage,
 * for accented questions, unaccented ones, and every question with its diacritics stripped; and, in the
 * same run, for a baseline built the way a LangChain tutorial would (RecursiveCharacterTextSplitter
 * 1000/200 + MemoryVectorStore + the same embedder). Writes reports/retrieval.json.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { parseCli } from "../src/cli/args.ts";
import { readConfig } from "../src/config.ts";
import { formatError } from "../src/errors.ts";
import { readGolden } from "../src/eval/golden.ts";
import {
  firstRelevantRank,
  isRetrievalQuestion,
  isUnaccented,
  metrics,
  type RetrievalCase,
  type RetrievalMetrics,
  stripDiacritics,
} from "../src/eval/retrieval.ts";
import { localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { buildKnowledge } from "../src/runtime/corpus-knowledge.ts";
import type { Knowledge } from "../src/runtime/knowledge.ts";
import { SourceSpans } from "../src/text/quote.ts";

const { values } = parseCli(
  {
    options: {
      golden: { type: "string", default: "test/golden/golden.jsonl" },
      dimensions: { type: "string" },
      bigram: { type: "string" },
      char: { type: "string" },
    },
  },
  "Cách dùng / usage: npm run eval:retrieval [-- --golden FILE]",
);

async function ours(knowledge: Knowledge, spans: SourceSpans, question: string) {
  const hits = await knowledge.retriever.search(question, { k: 10 });
  return hits.map((h) => ({
    plan: h.chunk.plan,
    text: spans.text(h.chunk.plan, h.chunk.lines[0], h.chunk.lines[1]),
  }));
}

function pct(x: number): string {
  return x.toFixed(3);
}

function row(label: string, m: RetrievalMetrics): string {
  return `| ${label.padEnd(44)} | ${String(m.n).padStart(4)} | ${pct(m.recall1)} | ${pct(m.recall5)} | ${pct(m.mrr)} |`;
}

try {
  const config = readConfig();
  const golden = (await readGolden(values.golden)).filter(isRetrievalQuestion);
  const embedder = localEmbedder({
    ...(values.dimensions ? { dimensions: Number(values.dimensions) } : {}),
    ...(values.bigram ? { bigramWeight: Number(values.bigram) } : {}),
    ...(values.char ? { charWeight: Number(values.char) } : {}),
  });
  const { embeddings } = embedder;
  const knowledge = await buildKnowledge(config.corpusDir, embedder);

  // The tutorial baseline: split each file blindly, embed with the same embedder, cosine top-k over everything.
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const baselineDocs = (
    await Promise.all(
      Object.entries(knowledge.sources).map(([plan, text]) => splitter.createDocuments([text], [{ plan }])),
    )
  ).flat();
  const baseline = await MemoryVectorStore.fromDocuments(baselineDocs, embeddings);
  const tutorial = async (question: string) =>
    (await baseline.similaritySearch(question, 10)).map((d) => ({
      plan: String(d.metadata.plan),
      text: d.pageContent,
    }));

  const run = async (
    search: (q: string) => Promise<Array<{ plan: string; text: string }>>,
    transform = (q: string) => q,
  ) => {
    const cases: RetrievalCase[] = [];
    for (const q of golden)
      cases.push({ question: q, rank: firstRelevantRank(q, await search(transform(q.question))) });
    return cases;
  };

  const spans = new SourceSpans(knowledge.sources);
  const oursAll = await run((q) => ours(knowledge, spans, q));
  const oursStripped = await run((q) => ours(knowledge, spans, q), stripDiacritics);
  const baseAll = await run(tutorial);
  const baseStripped = await run(tutorial, stripDiacritics);
  const accented = (cases: RetrievalCase[]) => cases.filter((c) => !isUnaccented(c.question.question));
  const unaccented = (cases: RetrievalCase[]) => cases.filter((c) => isUnaccented(c.question.question));

  const table = {
    ours: {
      all: metrics(oursAll),
      accented: metrics(accented(oursAll)),
      unaccented: metrics(unaccented(oursAll)),
      stripped: metrics(oursStripped),
      accentedStripped: metrics(oursStripped.filter((c) => !isUnaccented(c.question.question))),
    },
    baseline: {
      all: metrics(baseAll),
      accented: metrics(accented(baseAll)),
      unaccented: metrics(unaccented(baseAll)),
      stripped: metrics(baseStripped),
    },
  };
  const lines = [
    `Embedder: ${embeddings.identity.model} (${embeddings.identity.dimensions} dims); ${knowledge.chunks.length} chunks vs ${baselineDocs.length} baseline chunks`,
    "",
    "| retriever / questions                        |    n | R@1   | R@5   | MRR@10 |",
    "| -------------------------------------------- | ---- | ----- | ----- | ------ |",
    row("hybrid (ours): all", table.ours.all),
    row("hybrid (ours): accented", table.ours.accented),
    row("hybrid (ours): unaccented as written", table.ours.unaccented),
    row("hybrid (ours): all, diacritics stripped", table.ours.stripped),
    row("hybrid (ours): accented ones, stripped", table.ours.accentedStripped),
    row("tutorial baseline: all", table.baseline.all),
    row("tutorial baseline: accented", table.baseline.accented),
    row("tutorial baseline: unaccented as written", table.baseline.unaccented),
    row("tutorial baseline: all, diacritics stripped", table.baseline.stripped),
    "",
    `MRR ratio ours/baseline: ${(table.ours.all.mrr / Math.max(table.baseline.all.mrr, 1e-9)).toFixed(2)}×`,
    `Same accented questions typed without diacritics: MRR ${pct(table.ours.accentedStripped.mrr)} vs ${pct(table.ours.accented.mrr)} (gap ${(table.ours.accented.mrr - table.ours.accentedStripped.mrr).toFixed(3)}), R@5 ${pct(table.ours.accentedStripped.recall5)} vs ${pct(table.ours.accented.recall5)}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const misses = oursAll.filter((c) => c.rank === null || c.rank > 5);
  if (misses.length > 0) {
    process.stdout.write(`\nNot in top 5 (${misses.length}):\n`);
    for (const c of misses)
      process.stdout.write(
        `  ${c.question.id} [${c.rank ?? "-"}] ${c.question.question} → «${c.question.cite_contains}»\n`,
      );
  }
  await mkdir("reports", { recursive: true });
  await writeFile(
    join("reports", "retrieval.json"),
    JSON.stringify(
      {
        embedder: embeddings.identity,
        ...table,
        misses: misses.map((c) => ({ id: c.question.id, rank: c.rank })),
      },
      null,
      2,
    ),
  );
} catch (err) {
  process.stderr.write(`${formatError(err)}\n`);
  process.exitCode = 2;
}
