/**
 * The golden-question format (one JSON object per line) and its matching rule: both sides are folded
 * (Unicode NFD, combining marks removed, đ→d, lower case, every dash to "-", all whitespace removed).
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { fold } from "../text/normalize.ts";

const Alternatives = z.union([z.string(), z.array(z.string()).min(1)]);

export const GoldenQuestion = z.object({
  id: z.string(),
  question: z.string(),
  type: z.enum(["task", "unit", "due", "indicator", "plan", "general", "out_of_scope"]),
  plan: z.string().optional(),
  expect: z.array(Alternatives),
  forbid: z.array(z.string()).optional(),
  cite_contains: z.string().optional(),
  abstain: z.boolean().optional(),
  now: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/u)
    .optional(),
});
export type GoldenQuestion = z.infer<typeof GoldenQuestion>;

export function goldenFold(text: string): string {
  return fold(text).replace(/\s+/gu, "");
}

export function containsFolded(haystack: string, needle: string): boolean {
  return goldenFold(haystack).includes(goldenFold(needle));
}

/** Every expected item (any of its alternatives) occurs in the text. */
export function missingExpectations(text: string, expect: GoldenQuestion["expect"]): string[] {
  const hay = goldenFold(text);
  const missing: string[] = [];
  for (const item of expect) {
    const alternatives = Array.isArray(item) ? item : [item];
    if (!alternatives.some((a) => hay.includes(goldenFold(a)))) missing.push(alternatives.join(" | "));
  }
  return missing;
}

export function presentForbidden(text: string, forbid: readonly string[] = []): string[] {
  const hay = goldenFold(text);
  return forbid.filter((f) => hay.includes(goldenFold(f)));
}

export function parseGolden(text: string, file = "golden"): GoldenQuestion[] {
  const out: GoldenQuestion[] = [];
  text.split(/\r?\n/u).forEach((line, i) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new AppError(
        "bad-golden",
        `${file}:${i + 1}: không phải JSON hợp lệ`,
        `${file}:${i + 1}: not valid JSON`,
      );
    }
    const parsed = GoldenQuestion.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") ?? "";
      throw new AppError(
        "bad-golden",
        `${file}:${i + 1}: trường "${where}" không hợp lệ (${issue?.message ?? ""})`,
        `${file}:${i + 1}: invalid field "${where}" (${issue?.message ?? ""})`,
      );
    }
    out.push(parsed.data);
  });
  return out;
}

export async function readGolden(path: string): Promise<GoldenQuestion[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new AppError(
      "bad-golden",
      `Không đọc được tệp câu hỏi ${path} (${(err as NodeJS.ErrnoException).code ?? ""})`,
      `Cannot read the golden file ${path} (${(err as NodeJS.ErrnoException).code ?? ""})`,
    );
  }
  return parseGolden(text, path);
}
