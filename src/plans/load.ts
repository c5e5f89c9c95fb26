/**
 * Reading a corpus directory: every `*.txt` is a plan whose id is its file name. Files that cannot be
 * plans (empty, binary, not UTF-8, no recognisable structure) are reported by name and skipped, so one
 * bad file never stops the others from loading.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { AppError } from "../errors.ts";
import { parsePlan } from "./parse.ts";
import type { Plan } from "./schema.ts";

export interface CorpusFile {
  id: string;
  file: string;
  text: string;
  sha256: string;
}

export type ProblemCode = "empty" | "binary" | "encoding" | "unreadable" | "not-a-plan" | "bad-name";

export interface CorpusProblem {
  file: string;
  code: ProblemCode;
  message_vi: string;
  message_en: string;
}

const MESSAGES: Record<ProblemCode, { vi: string; en: string }> = {
  empty: { vi: "tệp rỗng", en: "the file is empty" },
  binary: { vi: "tệp nhị phân, không phải văn bản", en: "the file is binary, not text" },
  encoding: { vi: "tệp không phải mã UTF-8", en: "the file is not valid UTF-8" },
  unreadable: { vi: "không đọc được tệp", en: "the file could not be read" },
  "not-a-plan": {
    vi: "không nhận ra cấu trúc kế hoạch (không có mục I., II., … hay nhiệm vụ nào)",
    en: "no plan structure found (no I., II., … sections or tasks)",
  },
  "bad-name": {
    vi: "tên tệp chỉ được gồm chữ thường không dấu, số và dấu gạch ngang",
    en: "file names may only contain lower-case ASCII letters, digits and hyphens",
  },
};

export function problem(file: string, code: ProblemCode, detail?: string): CorpusProblem {
  const m = MESSAGES[code];
  return {
    file,
    code,
    message_vi: detail ? `${m.vi} (${detail})` : m.vi,
    message_en: detail ? `${m.en} (${detail})` : m.en,
  };
}

/** Decode bytes as a plan text, or say why they are not one. */
export function decodePlanBytes(
  file: string,
  bytes: Uint8Array,
): { text: string } | { problem: CorpusProblem } {
  if (bytes.length === 0) return { problem: problem(file, "empty") };
  let controls = 0;
  for (const b of bytes.subarray(0, 65536)) {
    if (b === 0) return { problem: problem(file, "binary") };
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (controls > Math.min(bytes.length, 65536) * 0.05) return { problem: problem(file, "binary") };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { problem: problem(file, "encoding") };
  }
  if (text.trim() === "") return { problem: problem(file, "empty") };
  return { text };
}

export interface LoadedCorpus {
  plans: Plan[];
  files: CorpusFile[];
  problems: CorpusProblem[];
}

/** A plan worth serving has sections or tasks beyond its preamble. */
export function looksLikePlan(plan: Plan): boolean {
  return plan.sections.length > 2 || plan.tasks.length > 0;
}

export async function listCorpus(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".txt") && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

export async function readCorpusFiles(
  dir: string,
): Promise<{ files: CorpusFile[]; problems: CorpusProblem[] }> {
  const files: CorpusFile[] = [];
  const problems: CorpusProblem[] = [];
  for (const name of await listCorpus(dir)) {
    const id = basename(name, ".txt");
    if (!/^[a-z0-9][a-z0-9-]*$/u.test(id)) {
      problems.push(problem(name, "bad-name"));
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, name));
    } catch (err) {
      problems.push(problem(name, "unreadable", (err as NodeJS.ErrnoException).code ?? undefined));
      continue;
    }
    const decoded = decodePlanBytes(name, bytes);
    if ("problem" in decoded) {
      problems.push(decoded.problem);
      continue;
    }
    files.push({
      id,
      file: name,
      text: decoded.text,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }
  return { files, problems };
}

export function parseCorpusFiles(files: readonly CorpusFile[]): { plans: Plan[]; problems: CorpusProblem[] } {
  const plans: Plan[] = [];
  const problems: CorpusProblem[] = [];
  for (const f of files) {
    const plan = parsePlan(f);
    if (!looksLikePlan(plan)) {
      problems.push(problem(f.file, "not-a-plan"));
      continue;
    }
    plans.push(plan);
  }
  return { plans, problems };
}

/** Read and parse every plan of a corpus directory. */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const read = await readCorpusFiles(dir);
  const parsed = parseCorpusFiles(read.files);
  return { plans: parsed.plans, files: read.files, problems: [...read.problems, ...parsed.problems] };
}

/** The corpus an index is built from, with the raw text of each plan file (what citations quote). */
export async function loadPlanCorpus(
  dir: string,
): Promise<LoadedCorpus & { sources: Record<string, string> }> {
  const corpus = await loadCorpus(dir).catch((err: NodeJS.ErrnoException) => {
    throw new AppError(
      "no-corpus",
      `Không đọc được thư mục kế hoạch ${dir} (${err.code ?? err.message}).`,
      `Cannot read the corpus directory ${dir} (${err.code ?? err.message}).`,
    );
  });
  const planIds = new Set(corpus.plans.map((p) => p.id));
  const sources = Object.fromEntries(
    corpus.files.filter((f) => planIds.has(f.id)).map((f) => [f.id, f.text]),
  );
  return { ...corpus, sources };
}

/** Nothing to index: every file was skipped (its problems are reported separately). */
export function emptyCorpusError(dir: string): AppError {
  return new AppError(
    "empty-corpus",
    `Không có kế hoạch nào đọc được trong ${dir}.`,
    `No readable plan in ${dir}.`,
  );
}
