/**
 * Running a golden set against any answerer (in-process or over HTTP) and reporting it: a per-type
 * table, reports/eval.json and reports/eval.md listing every failure with question, expected and got.
 */
import type { GoldenQuestion } from "./golden.ts";
import { isUnaccented, stripDiacritics } from "./retrieval.ts";
import { type AnswerLike, type Score, scoreAnswer, summarise, type TypeSummary } from "./score.ts";

export type AskFn = (q: GoldenQuestion) => Promise<AnswerLike>;

export interface EvalFailure {
  id: string;
  type: string;
  question: string;
  expected: unknown;
  forbid?: string[];
  abstain?: boolean;
  got: string;
  intent: string | null;
  abstained: boolean;
  citations: string[];
  reasons: string[];
}

export interface EvalReport {
  total: number;
  passed: number;
  passRate: number;
  overall: TypeSummary;
  byType: Record<string, TypeSummary>;
  failures: EvalFailure[];
  /** Golden type → answer intent → count: how questions of each type were understood. */
  confusion: Record<string, Record<string, number>>;
  /** Pass rates by how the question was typed, and for the accented ones typed again without diacritics. */
  accents?: {
    accented: { n: number; passRate: number };
    unaccentedAsWritten: { n: number; passRate: number };
    accentedStripped: { n: number; passRate: number };
  };
}

export async function runGolden(
  golden: readonly GoldenQuestion[],
  ask: AskFn,
  sources: Readonly<Record<string, string>>,
): Promise<EvalReport> {
  const scores: Score[] = [];
  const failures: EvalFailure[] = [];
  for (const q of golden) {
    const started = performance.now();
    let answer: AnswerLike;
    try {
      answer = await ask(q);
    } catch (err) {
      answer = { answer: `ERROR: ${(err as Error).message}`, abstained: false, citations: [] };
    }
    const score = scoreAnswer(q, answer, sources, performance.now() - started);
    scores.push(score);
    if (!score.passed) {
      failures.push({
        id: q.id,
        type: q.type,
        question: q.question,
        expected: q.expect,
        ...(q.forbid ? { forbid: q.forbid } : {}),
        ...(q.abstain ? { abstain: true } : {}),
        got: answer.answer,
        intent: answer.intent ?? null,
        abstained: answer.abstained,
        citations: answer.citations.map((c) => `${c.plan} ${c.lines[0]}–${c.lines[1]}`),
        reasons: score.reasons,
      });
    }
  }
  const byType: Record<string, TypeSummary> = {};
  for (const type of [...new Set(golden.map((q) => q.type))].sort()) {
    byType[type] = summarise(scores.filter((s) => s.type === type));
  }
  const overall = summarise(scores);
  const confusion: Record<string, Record<string, number>> = {};
  for (const s of scores) {
    const row = confusion[s.type] ?? {};
    confusion[s.type] = row;
    const got = s.intent ?? "?";
    row[got] = (row[got] ?? 0) + 1;
  }
  return {
    total: overall.total,
    passed: overall.passed,
    passRate: overall.passRate,
    overall,
    byType,
    failures,
    confusion,
  };
}

/** The golden run, plus every accented question asked again without its diacritics. */
export async function runGoldenWithAccents(
  golden: readonly GoldenQuestion[],
  ask: AskFn,
  sources: Readonly<Record<string, string>>,
): Promise<EvalReport> {
  const report = await runGolden(golden, ask, sources);
  const accentedQs = golden.filter((q) => !isUnaccented(q.question));
  const stripped = await runGolden(
    accentedQs.map((q) => ({ ...q, question: stripDiacritics(q.question) })),
    ask,
    sources,
  );
  const failed = new Set(report.failures.map((f) => f.id));
  const rate = (qs: readonly GoldenQuestion[]) => ({
    n: qs.length,
    passRate: qs.length === 0 ? 0 : qs.filter((q) => !failed.has(q.id)).length / qs.length,
  });
  report.accents = {
    accented: rate(accentedQs),
    unaccentedAsWritten: rate(golden.filter((q) => isUnaccented(q.question))),
    accentedStripped: { n: stripped.total, passRate: stripped.passRate },
  };
  return report;
}

const pct = (x: number | null) => (x === null ? "  –  " : `${(x * 100).toFixed(1)}%`);

export function reportTable(report: EvalReport): string {
  const rows = [
    "| type | n | pass | intent | citation hit | verbatim quotes | abstention | p50 ms | p95 ms |",
    "| --- | --: | --: | --: | --: | --: | --: | --: | --: |",
  ];
  const line = (name: string, s: TypeSummary) =>
    `| ${name} | ${s.total} | ${pct(s.passRate)} | ${pct(s.intentAccuracy)} | ${pct(s.citationHitRate)} | ${pct(s.verbatimRate)} | ${pct(s.abstentionAccuracy)} | ${s.p50ms.toFixed(1)} | ${s.p95ms.toFixed(1)} |`;
  for (const [type, s] of Object.entries(report.byType)) rows.push(line(type, s));
  rows.push(line("**all**", report.overall));
  if (report.accents) {
    const a = report.accents;
    rows.push(
      "",
      `Accented questions: ${pct(a.accented.passRate)} of ${a.accented.n}; the same typed without diacritics: ${pct(a.accentedStripped.passRate)}; ` +
        `questions written unaccented: ${pct(a.unaccentedAsWritten.passRate)} of ${a.unaccentedAsWritten.n}.`,
    );
  }
  return rows.join("\n");
}

export function reportMarkdown(report: EvalReport, title: string, sets = ""): string {
  const out = [
    `# ${title}`,
    "",
    `Passed ${report.passed}/${report.total} (${pct(report.passRate)}).`,
    "",
    ...(sets ? [sets, ""] : []),
    reportTable(report),
    "",
    confusionTable(report),
    "",
  ];
  if (report.failures.length > 0) {
    out.push(`## Failures (${report.failures.length})`, "");
    for (const f of report.failures) {
      out.push(
        `### ${f.id} (${f.type})`,
        "",
        `- Question: ${f.question}`,
        `- Expected: ${JSON.stringify(f.expected)}${f.forbid ? `; forbid ${JSON.stringify(f.forbid)}` : ""}${f.abstain ? "; must abstain" : ""}`,
        `- Why: ${f.reasons.join("; ")}`,
        `- Got${f.abstained ? " (abstained)" : ""}: ${f.got.replace(/\n/gu, "\n  ")}`,
        `- Citations: ${f.citations.join(", ") || "none"}`,
        "",
      );
    }
  }
  return out.join("\n");
}

/** Rows: the golden type; columns: the intent the answer was given as. */
export function confusionTable(report: EvalReport): string {
  const types = Object.keys(report.confusion).sort();
  const intents = [...new Set(Object.values(report.confusion).flatMap((row) => Object.keys(row)))].sort();
  const rows = [
    "Intent confusion (rows: golden type, columns: the answer's intent):",
    "",
    `| type \\ intent | ${intents.join(" | ")} |`,
    `| --- | ${intents.map(() => "--:").join(" | ")} |`,
  ];
  for (const t of types) {
    const row = report.confusion[t] ?? {};
    rows.push(
      `| ${t} | ${intents.map((i) => (row[i] ? (i === t ? `**${row[i]}**` : String(row[i])) : "")).join(" | ")} |`,
    );
  }
  return rows.join("\n");
}

/** The pass rate of each golden file within one run. */
export function setTable(
  report: EvalReport,
  sets: ReadonlyArray<{ file: string; questions: readonly GoldenQuestion[] }>,
): string {
  const failed = new Set(report.failures.map((f) => f.id));
  const rows = ["| golden file | n | pass |", "| --- | --: | --: |"];
  for (const { file, questions } of sets) {
    const passed = questions.filter((q) => !failed.has(q.id)).length;
    rows.push(
      `| ${file} | ${questions.length} | ${pct(questions.length === 0 ? 0 : passed / questions.length)} |`,
    );
  }
  return rows.join("\n");
}
