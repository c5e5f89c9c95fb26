/**
 * npm run ask -- "câu hỏi" [--plan id] [--now YYYY-MM-DD] [--json]
 * Answers in the terminal, with the sources it cites. Without a question it opens a prompt (readline,
 * with history: ↑/↓) and answers each line as it comes, from one loaded index; lines piped in are
 * answered the same way, one after another.
 */
import { createInterface } from "node:readline/promises";
import type { AskResult } from "../src/answer/types.ts";
import { parseCli } from "../src/cli/args.ts";
import { readConfig } from "../src/config.ts";
import { formatError } from "../src/errors.ts";
import { buildAnswering } from "../src/runtime/answers.ts";

const USAGE =
  'Cách dùng / usage: npm run ask -- "câu hỏi" [--plan id] [--now YYYY-MM-DD] [--json]\n' +
  "Không có câu hỏi: mở dấu nhắc để hỏi liên tiếp (thoát: Ctrl+D hoặc «thoát»). / Without a question: an interactive prompt (quit: Ctrl+D or «exit»).";

const { values, positionals } = parseCli(
  {
    allowPositionals: true,
    options: { plan: { type: "string" }, now: { type: "string" }, json: { type: "boolean", default: false } },
  },
  USAGE,
);
const question = positionals.join(" ").trim();

/** `compact`: one JSON object per line, for answers to lines piped in (JSON Lines). */
function render(result: AskResult, compact = false): string {
  if (values.json) return compact ? JSON.stringify(result) : JSON.stringify(result, null, 2);
  const lines = [result.answer, ""];
  if (result.citations.length > 0) {
    lines.push("Nguồn:");
    result.citations.forEach((c, i) => {
      lines.push(`[${i + 1}] ${c.plan} · ${c.section} · dòng ${c.lines[0]}–${c.lines[1]}: «${c.quote}»`);
    });
  }
  if (result.mode === "extractive-fallback")
    lines.push("(Mô hình ngôn ngữ không trả lời được; đây là câu trả lời trích từ kế hoạch.)");
  return lines.join("\n");
}

try {
  if (values.now && !/^\d{4}-\d{2}-\d{2}$/u.test(values.now)) {
    process.stderr.write("Lỗi: --now phải có dạng YYYY-MM-DD\nError: --now must be YYYY-MM-DD\n");
    process.exit(2);
  }
  const config = readConfig();
  const { knowledge, answers } = await buildAnswering(config, (l) => process.stderr.write(`${l}\n`), {
    vectors: "on-first-use",
  });
  if (values.plan && !knowledge.plans.some((p) => p.id === values.plan)) {
    const ids = knowledge.plans.map((p) => p.id).join(", ");
    process.stderr.write(
      `Lỗi: không có kế hoạch "${values.plan}" (có: ${ids})\nError: no plan "${values.plan}"\n`,
    );
    process.exit(2);
  }
  // At the prompt a question may follow up the one before ("hạn khi nào?"); piped lines stand alone.
  const conversation = !question && process.stdin.isTTY === true ? crypto.randomUUID() : undefined;
  const ask = (q: string) => {
    const input = {
      question: q,
      ...(values.plan ? { plan: values.plan } : {}),
      ...(values.now ? { now: values.now } : {}),
    };
    return conversation ? answers.converse(input, conversation) : answers.ask(input);
  };
  if (question) {
    process.stdout.write(`${render(await ask(question))}\n`);
  } else {
    const tty = process.stdin.isTTY === true;
    const rl = createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: tty,
      historySize: 200,
      removeHistoryDuplicates: true,
    });
    if (tty) {
      process.stdout.write(
        `${knowledge.plans.length} kế hoạch: ${knowledge.plans.map((p) => p.shortName).join("; ")}.\n` +
          "Gõ câu hỏi rồi Enter; ↑/↓ xem lại câu đã hỏi; Ctrl+D hoặc «thoát» để thoát.\n",
      );
      rl.setPrompt("hỏi> ");
      rl.prompt();
    }
    for await (const line of rl) {
      const q = line.trim();
      if (/^(?:thoát|thoat|exit|quit)$/iu.test(q)) break;
      if (q) {
        const started = performance.now();
        const result = await ask(q);
        process.stdout.write(`${render(result, !tty)}\n`);
        if (tty) process.stdout.write(`(${Math.round(performance.now() - started)} ms)\n\n`);
      }
      if (tty) rl.prompt();
    }
    rl.close();
  }
} catch (err) {
  process.stderr.write(`${formatError(err)}\n`);
  process.exitCode = 2;
}
