/**
 * Plan upload on Node: a file from the upload page is checked on its own and against the plans already
 * in the corpus folder (type, size, readable, a plan, not a copy of one), then written into the folder
 * and ingested like `npm run ingest` (the new snapshot is committed atomically and swapped in live).
 * Whatever goes wrong, the snapshot served before keeps serving and the folder is left as it was.
 */
import { mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import type { Config } from "../config.ts";
import { AppError, errorMessage } from "../errors.ts";
import { type CorpusFile, parseCorpusFiles, readCorpusFiles } from "../plans/load.ts";
import { slugOf } from "../plans/names.ts";
import type { Plan } from "../plans/schema.ts";
import type { Embedder } from "../retrieval/embeddings/index.ts";
import { ingest } from "../retrieval/ingest.ts";
import { sameSecret, UPLOAD_EXTENSIONS, type Uploader, type UploadOutcome } from "../web/upload.ts";

export interface UploaderDeps {
  config: Pick<Config, "corpusDir" | "dataDir" | "read" | "adminToken">;
  embedder: Embedder;
  /** Swap in the snapshot the ingest committed (the live reload's check). */
  reload: () => Promise<boolean>;
  log?: (event: Record<string, unknown>) => void;
}

const refuse = (status: 400 | 409 | 413 | 415 | 422 | 503, message: string): UploadOutcome => ({
  ok: false,
  status,
  message,
});

/** The name the file is kept under: its own, without folders or characters a file system refuses. */
export function safeFileName(name: string): string {
  const base = basename(name.replaceAll("\\", "/"))
    .normalize("NFC")
    .replace(/\p{Cc}|[<>:"/\\|?*]/gu, "")
    .trim()
    .replace(/^\.+/u, "");
  if (base.length <= 150) return base;
  const ext = extname(base);
  return `${base.slice(0, 150 - ext.length)}${ext}`;
}

export function createUploader(deps: UploaderDeps): Uploader | null {
  const token = deps.config.adminToken;
  if (!token) return null;
  const { corpusDir, dataDir, read } = deps.config;
  const log = deps.log ?? (() => {});
  let queue: Promise<unknown> = Promise.resolve();

  const accept = async (file: { name: string; bytes: Uint8Array }): Promise<UploadOutcome> => {
    const name = safeFileName(file.name);
    const ext = extname(name).toLowerCase();
    if (!name || !(UPLOAD_EXTENSIONS as readonly string[]).includes(ext))
      return refuse(
        415,
        `Tệp «${name || file.name}» không đúng loại. Chỉ nhận kế hoạch dạng Word (.docx), PDF (.pdf) hoặc văn bản (.txt).`,
      );
    if (file.bytes.length === 0) return refuse(400, `Tệp «${name}» rỗng, không có nội dung.`);
    if (file.bytes.length > read.maxBytes)
      return refuse(
        413,
        `Tệp «${name}» quá lớn (${(file.bytes.length / 1048576).toFixed(1)} MB); tối đa ${read.maxBytes / 1048576} MB.`,
      );
    if (await stat(join(corpusDir, name)).catch(() => null))
      return refuse(
        409,
        `Đã có tệp «${name}» trong kho kế hoạch. Nếu đây là kế hoạch khác, hãy đổi tên tệp rồi tải lên lại; nếu là bản sửa, người quản trị thay tệp trong thư mục kế hoạch rồi nạp lại.`,
      );

    // The file read and parsed on its own, and beside the plans already there, before anything is written.
    const staging = await mkdtemp(join(tmpdir(), "cds-upload-"));
    let incoming: CorpusFile | undefined;
    try {
      await writeFile(join(staging, name), file.bytes);
      const readOne = await readCorpusFiles(staging, read);
      const problem = readOne.problems[0];
      if (problem) return refuse(422, `Không đọc được tệp «${name}»: ${problem.message_vi}.`);
      incoming = readOne.files[0];
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    if (!incoming) return refuse(422, `Không đọc được tệp «${name}».`);
    const existing = await readCorpusFiles(corpusDir, read);
    const before = parseCorpusFiles(existing.files);
    const id = slugOf(name);
    const taken = existing.files.find((f) => f.id === id || slugOf(f.file) === id);
    if (taken)
      return refuse(
        409,
        `Tên tệp «${name}» trùng mã với kế hoạch đã có «${taken.file}». Hãy đổi tên tệp cho khác rồi tải lên lại.`,
      );
    const after = parseCorpusFiles([...existing.files, { ...incoming, id }]);
    const mine = after.outcomes.find((o) => o.file === name);
    if (!mine || mine.status === "skipped") {
      const p = mine?.status === "skipped" ? mine.problem : null;
      if (p?.code === "duplicate")
        return refuse(
          409,
          `Tệp «${name}» trùng nội dung với kế hoạch đã có (${p.message_vi.replace(/^.*\((.*)\)$/u, "$1")}), nên không nạp thêm.`,
        );
      return refuse(
        422,
        `Tệp «${name}» không phải một kế hoạch đọc được: ${p?.message_vi ?? "không nhận ra cấu trúc kế hoạch"}.`,
      );
    }
    const served = new Set(after.plans.map((p) => p.id));
    const displaced = before.plans.find((p) => !served.has(p.id));
    if (displaced)
      return refuse(409, `Tệp «${name}» trùng với kế hoạch đã có «${displaced.file}», nên không nạp thêm.`);
    const plan = after.plans.find((p) => p.id === mine.plan) as Plan;

    // Into the folder under a hidden name first (never listed), then renamed: ingest sees all or nothing.
    const hidden = join(corpusDir, `.upload-${process.pid}-${Date.now()}.part`);
    const target = join(corpusDir, name);
    await writeFile(hidden, file.bytes);
    await rename(hidden, target);
    try {
      const report = await ingest({ corpusDir, dataDir, embedder: deps.embedder, read });
      await deps.reload();
      const outcome = report.outcomes.find((o) => o.file === name);
      if (outcome?.status !== "ingested") throw new Error("the uploaded plan was not ingested");
      log({ event: "upload", file: name, plan: outcome.plan, snapshot: report.snapshot });
      return {
        ok: true,
        report: {
          file: name,
          plan: outcome.plan,
          title: plan.title,
          format: outcome.format,
          pages: outcome.pages,
          tasks: outcome.tasks,
          indicators: outcome.indicators,
          units: plan.units.filter((u) => !u.collective).map((u) => u.name),
          notes: outcome.notes.map((n) => n.vi),
          skipped: report.outcomes.flatMap((o) =>
            o.status === "skipped" ? [{ file: o.file, reason: o.problem.message_vi }] : [],
          ),
          undated: plan.tasks.filter((t) => t.deadline.kind === "conditional").length,
          snapshot: report.snapshot,
          plansServed: report.plans,
          ms: Math.round(report.ms),
        },
      };
    } catch (err) {
      // The folder goes back to what the served snapshot was built from.
      await rm(target, { force: true });
      log({ event: "upload-failed", file: name, message: errorMessage(err) });
      if (err instanceof AppError && err.code === "busy")
        return refuse(503, "Hệ thống đang nạp dữ liệu khác. Vui lòng đợi ít phút rồi tải lên lại.");
      return refuse(
        503,
        "Chưa nạp được kế hoạch do lỗi hệ thống; các kế hoạch đang phục vụ không bị ảnh hưởng. Vui lòng thử lại sau.",
      );
    }
  };

  return {
    maxBytes: deps.config.read.maxBytes,
    allows: (given) => sameSecret(given, token),
    // One upload at a time: the checks and the ingest see the folder as the previous upload left it.
    accept: (file) => {
      const next = queue.then(() => accept(file));
      queue = next.catch(() => {});
      return next;
    },
  };
}
