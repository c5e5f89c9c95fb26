/**
 * npm run ask -- "câu hỏi" [--plan id] [--now YYYY-MM-DD] [--json]
 * Answers in the terminal, with the sources it cites.
 */
import { parseCli } from "../src/cli/args.ts";
import { readConfig } from "../src/config.ts";
import { formatError } from "../src/errors.ts";
import { buildAnswering } from "../src/runtime/answers.ts";

const { values, positionals } = parseCli(
  {
    allowPositionals: true,
    options: { plan: { type: "string" }, now: { type: "string" }, json: { type: "boolean", default: false } },
  },
  'Cách dùng / usage: npm run ask -- "câu hỏi" [--plan id] [--now YYYY-MM-DD] [--json]',
);
const question = positionals.join(" ").trim();

try {
  if (!question) {
    process.stderr.write(
      'Cách dùng: npm run ask -- "câu hỏi" [--plan id] [--now YYYY-MM-DD]\nUsage: npm run ask -- "question"\n',
    );
    process.exit(2);
  }
  if (values.now && !/^\d{4}-\d{2}-\d{2}$/u.test(values.now)) {
    process.stderr.write("Lỗi: --now phải có dạng YYYY-MM-DD\nError: --now must be YYYY-MM-DD\n");
    process.exit(2);
  }
  const config = readConfig();
  const { knowledge, answers } = await buildAnswering(config, (l) => process.stderr.write(`${l}\n`));
  if (values.plan && !knowledge.plans.some((p) => p.id === values.plan)) {
    const ids = knowledge.plans.map((p) => p.id).join(", ");
    process.stderr.write(
      `Lỗi: không có kế hoạch "${values.plan}" (có: ${ids})\nError: no plan "${values.plan}"\n`,
    );
    process.exit(2);
  }
  const result = await answers.ask({
    question,
    ...(values.plan ? { plan: values.plan } : {}),
    ...(values.now ? { now: values.now } : {}),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const lines = [result.answer, ""];
    if (result.citations.length > 0) {
      lines.push("Nguồn:");
      result.citations.forEach((c, i) => {
        lines.push(`[${i + 1}] ${c.plan} · ${c.section} · dòng ${c.lines[0]}–${c.lines[1]}: «${c.quote}»`);
      });
    }
    if (result.mode === "extractive-fallback")
      lines.push("(Mô hình ngôn ngữ không trả lời được; đây là câu trả lời trích từ kế hoạch.)");
    process.stdout.write(`${lines.join("\n")}\n`);
  }
} catch (err) {
  process.stderr.write(`${formatError(err)}\n`);
  process.exitCode = 2;
}
