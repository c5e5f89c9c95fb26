/**
 * Reading a corpus directory: every file is accounted for. Each is read by the reader of its format
 * into the document model and parsed into a plan, or reported by name with the reason it was skipped
 * (unsupported format, scan without OCR, encrypted, damaged, too large, not a plan, duplicate of
 * another plan). Any file name works: it becomes a stable ASCII id, and clashes are resolved in
 * name order and reported.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { AppError } from "../errors.ts";
import { readSource } from "../sources/index.ts";
import { ReadError, type ReadOptions, type SourceDocument, type SourceFormat } from "../sources/model.ts";
import { type CorpusProblem, problem } from "../sources/problems.ts";
import { foldWords } from "../text/normalize.ts";
import { slugOf } from "./names.ts";
import { parsePlan } from "./parse.ts";
import type { Plan } from "./schema.ts";

export type { CorpusProblem } from "../sources/problems.ts";
export { problem } from "../sources/problems.ts";

interface CorpusFileBase {
  id: string;
  file: string;
  /** The canonical text: what is stored and what citations quote. */
  text: string;
  sha256: string;
  /** The duplicate-detection key of the text (folded, spaces removed, hashed), once computed. */
  textKey?: string;
}

/** A file as read: its document, to be parsed; or, unchanged since the last ingest, its plan as parsed then. */
export type CorpusFile = CorpusFileBase &
  ({ document: SourceDocument; reused?: undefined } | { document?: undefined; reused: Plan });

/**
 * The plan and text the current snapshot holds for a file of these exact bytes, when the code that
 * read and parsed it is the code running now (`src/code-version.ts`): reading and parsing it again
 * would give the same. Ingest passes this so that one changed plan among a thousand costs one parse.
 */
export type ReusePlan = (
  file: string,
  sha256: string,
) => { plan: Plan; text: string; textKey?: string | undefined } | undefined;

/** What ingest says of each file it was given. */
export type FileOutcome =
  | {
      file: string;
      status: "ingested";
      plan: string;
      format: SourceFormat;
      pages: number | null;
      tasks: number;
      indicators: number;
      units: number;
      /** Said when the id is not the plain slug of the name (two names folded to one id). */
      renamed: boolean;
      /** What the reader should know about the plan as read, in Vietnamese and English. */
      notes: Array<{ vi: string; en: string }>;
    }
  | { file: string; status: "skipped"; problem: CorpusProblem };

export interface LoadedCorpus {
  plans: Plan[];
  files: CorpusFile[];
  problems: CorpusProblem[];
  outcomes: FileOutcome[];
}

export const DEFAULT_READ_OPTIONS: ReadOptions = {
  ocr: false,
  maxBytes: 20 * 1024 * 1024,
  maxTextBytes: 5 * 1024 * 1024,
};

/** A plan worth serving has sections or tasks beyond its preamble. */
export function looksLikePlan(plan: Plan): boolean {
  return plan.sections.length > 2 || plan.tasks.length > 0 || plan.indicators.length > 0;
}

export async function listCorpus(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith(".") && !e.name.startsWith("~$"))
    .map((e) => e.name)
    .sort();
}

function readProblem(file: string, err: ReadError): CorpusProblem {
  return problem(file, err.code, err.detail ? { vi: err.detail, en: err.detail } : undefined);
}

export async function readCorpusFiles(
  dir: string,
  options: ReadOptions = DEFAULT_READ_OPTIONS,
  reuse?: ReusePlan,
): Promise<{ files: CorpusFile[]; problems: CorpusProblem[] }> {
  const files: CorpusFile[] = [];
  const problems: CorpusProblem[] = [];
  const used = new Set<string>();
  const names = await listCorpus(dir);
  const readBytes = (name: string): Promise<Uint8Array> => {
    const path = join(dir, name);
    const reading = stat(path).then(({ size }) => {
      if (size > options.maxBytes) throw new ReadError("too-large", `${(size / 1048576).toFixed(1)} MB`);
      return readFile(path);
    });
    // Its failure is handled when its turn comes; until then it must not count as unhandled.
    reading.catch(() => undefined);
    return reading;
  };
  // Files are read a few at a time ahead of the one being handled (a thousand plans wait on the disk
  // otherwise); they are still handled in name order, which decides ids.
  const ahead = 16;
  const pending = names.slice(0, ahead).map(readBytes);
  for (const [k, name] of names.entries()) {
    const next = names[k + ahead];
    if (next !== undefined) pending.push(readBytes(next));
    const reading = pending[k] as Promise<Uint8Array>;
    delete pending[k];
    let bytes: Uint8Array;
    try {
      bytes = await reading;
    } catch (err) {
      if (err instanceof ReadError) problems.push(readProblem(name, err));
      else problems.push(problem(name, "unreadable", errnoDetail(err)));
      continue;
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    let id = slugOf(name);
    for (let n = 2; used.has(id); n++) id = `${slugOf(name)}-${n}`;
    const before = reuse?.(name, sha256);
    if (before && before.plan.id === id && before.plan.file === name) {
      used.add(id);
      files.push({
        id,
        file: name,
        text: before.text,
        sha256,
        reused: before.plan,
        ...(before.textKey ? { textKey: before.textKey } : {}),
      });
      continue;
    }
    let document: SourceDocument;
    try {
      document = await readSource(name, bytes, options);
    } catch (err) {
      problems.push(
        err instanceof ReadError ? readProblem(name, err) : problem(name, "damaged", errnoDetail(err)),
      );
      continue;
    }
    // A plan is tens of kilobytes of text; megabytes are not a plan (and would cost minutes and memory).
    const textBytes = Buffer.byteLength(document.text);
    const maxText = options.maxTextBytes ?? DEFAULT_READ_OPTIONS.maxTextBytes ?? Number.POSITIVE_INFINITY;
    if (textBytes > maxText) {
      const mb = (n: number) => (n / 1048576).toFixed(1);
      problems.push(
        problem(name, "too-large", {
          vi: `${mb(textBytes)} MB văn bản, vượt giới hạn ${mb(maxText)} MB (PLAN_MAX_TEXT_MB)`,
          en: `${mb(textBytes)} MB of text, over the ${mb(maxText)} MB limit (PLAN_MAX_TEXT_MB)`,
        }),
      );
      continue;
    }
    used.add(id);
    files.push({ id, file: name, text: document.text, sha256, document });
  }
  return { files, problems };
}

function baseName(file: string): string {
  return file.slice(0, file.length - extname(file).length);
}

function errnoDetail(err: unknown): { vi: string; en: string } {
  const code = (err as NodeJS.ErrnoException)?.code ?? (err instanceof Error ? err.message : String(err));
  return { vi: code, en: code };
}

/** Whitespace, case and accents aside: the same words make the same plan, whatever the file. */
function keyOfText(text: string): string {
  return createHash("sha256").update(foldWords(text).replace(/\s+/gu, "")).digest("hex");
}

export function parseCorpusFiles(files: readonly CorpusFile[]): {
  plans: Plan[];
  problems: CorpusProblem[];
  outcomes: FileOutcome[];
} {
  const plans: Plan[] = [];
  const problems: CorpusProblem[] = [];
  const outcomes: FileOutcome[] = [];
  const seen = new Map<string, string>();
  const skip = (p: CorpusProblem) => {
    problems.push(p);
    outcomes.push({ file: p.file, status: "skipped", problem: p });
  };
  // Of two copies of one plan, the file already named by its id is kept, so a copy never renames a plan.
  const order = [...files].sort(
    (a, b) =>
      Number(a.id !== baseName(a.file)) - Number(b.id !== baseName(b.file)) || a.file.localeCompare(b.file),
  );
  for (const f of order) {
    const plan =
      f.reused ??
      parsePlan({
        id: f.id,
        file: f.file,
        text: f.text,
        sha256: f.sha256,
        tables: f.document.tables,
        source: f.document,
      });
    if (!looksLikePlan(plan)) {
      skip(problem(f.file, "not-a-plan"));
      continue;
    }
    f.textKey ??= keyOfText(f.text);
    const keys = [`bytes:${f.sha256}`, `text:${f.textKey}`, ...sameIssueKey(plan)];
    const twin = keys.map((k) => seen.get(k)).find((v) => v !== undefined);
    if (twin) {
      skip(problem(f.file, "duplicate", { vi: `đã có ${twin}`, en: `already loaded as ${twin}` }));
      continue;
    }
    for (const k of keys) seen.set(k, `${plan.id} (${plan.file})`);
    plans.push(plan);
    outcomes.push({
      file: f.file,
      status: "ingested",
      plan: plan.id,
      format: plan.source.format,
      pages: plan.source.pageCount,
      tasks: plan.tasks.length,
      indicators: plan.indicators.length,
      units: plan.units.length,
      renamed: plan.id !== slugOf(f.file),
      notes: planNotes(plan),
    });
  }
  return { plans, problems, outcomes };
}

/** What a commune's staff should check in a plan as it was read. */
function planNotes(plan: Plan): Array<{ vi: string; en: string }> {
  const notes: Array<{ vi: string; en: string }> = [];
  if (!plan.locality.name) {
    notes.push({
      vi: "không tìm thấy tên địa phương ở phần đầu kế hoạch (ví dụ «ỦY BAN NHÂN DÂN XÃ …»); câu hỏi nêu tên xã sẽ không tìm đến kế hoạch này",
      en: "no locality found in the plan's header (such as «ỦY BAN NHÂN DÂN XÃ …»); questions naming a commune will not reach this plan",
    });
  }
  if (plan.source.ocr) {
    notes.push({
      vi: "văn bản được nhận dạng từ bản quét (OCR), có thể sai chữ; nên dùng bản .docx/.pdf gốc nếu có",
      en: "text recognised from a scan (OCR) and may hold errors; use the original .docx/.pdf if there is one",
    });
  }
  return notes;
}

/** The same plan saved twice (its .docx and its .pdf): one locality, number, date and title. */
function sameIssueKey(plan: Plan): string[] {
  if (!plan.number || !plan.issued?.date || !plan.locality.name) return [];
  return [`issue:${foldWords(`${plan.locality.name} ${plan.number} ${plan.issued.date} ${plan.title}`)}`];
}

/** Read and parse every plan of a corpus directory. */
export async function loadCorpus(
  dir: string,
  options?: ReadOptions,
  reuse?: ReusePlan,
): Promise<LoadedCorpus> {
  const read = await readCorpusFiles(dir, options, reuse);
  const parsed = parseCorpusFiles(read.files);
  const skippedEarly: FileOutcome[] = read.problems.map((p) => ({
    file: p.file,
    status: "skipped",
    problem: p,
  }));
  const outcomes = [...skippedEarly, ...parsed.outcomes].sort((a, b) => a.file.localeCompare(b.file));
  return {
    plans: parsed.plans,
    files: read.files,
    problems: [...read.problems, ...parsed.problems],
    outcomes,
  };
}

/** The corpus an index is built from, with the canonical text of each plan (what citations quote). */
export async function loadPlanCorpus(
  dir: string,
  options?: ReadOptions,
  reuse?: ReusePlan,
): Promise<LoadedCorpus & { sources: Record<string, string> }> {
  const corpus = await loadCorpus(dir, options, reuse).catch((err: NodeJS.ErrnoException) => {
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
