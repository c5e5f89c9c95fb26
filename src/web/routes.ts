/**
 * The staff pages, mounted on the API's own Hono app (so Node and the Worker serve the same pages).
 * Pages are HTML in Vietnamese with the headers of layout.ts; nothing here reads a file or the network.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { todayInVietnam } from "../answer/window.ts";
import type { Plan } from "../plans/schema.ts";
import { apiReferencePage, type OpenApiDocument } from "./api-reference.ts";
import { chatPage } from "./chat-page.ts";
import { DOCS_ASSET_BASE, DOCS_ASSETS, type DocsAssets, docsPage, isDocsAsset } from "./docs-page.ts";
import { type Html, messagePage, PAGE_HEADERS } from "./layout.ts";
import { planPage } from "./plan-page.ts";
import { planTextPage } from "./plan-text-page.ts";
import { plansPage } from "./plans-page.ts";
import { isWindow } from "./task-filter.ts";
import type { Uploader } from "./upload.ts";
import { uploadPage, uploadReportPage } from "./upload-page.ts";

export interface WebDeps {
  plans: readonly Plan[];
  sources: Readonly<Record<string, string>>;
  /** Answers can be rated (POST /v1/feedback exists). */
  feedback: boolean;
  /** Swagger UI's files for /docs, when this deployment has them. */
  docsAssets?: DocsAssets | undefined;
  /** Gzip pages here (Node); Cloudflare compresses on its own, and a body gzipped twice is unreadable. */
  compress?: boolean | undefined;
  /** The upload page's ingest (Node, with ADMIN_TOKEN set); the page is off without it. */
  uploader?: Uploader | null | undefined;
}

export const PAGE_PATHS = ["/", "/ke-hoach", "/ke-hoach/*", "/tai-len", "/docs", "/docs/*"] as const;

export async function sendPage(
  c: Context,
  page: Html,
  status: 200 | 400 | 403 | 404 | 413 | 415 | 503 = 200,
) {
  return c.html(await page, status, PAGE_HEADERS);
}

/** A browser asking for a page that does not exist gets a Vietnamese page, an API client JSON. */
export function wantsPage(c: Context): boolean {
  const path = c.req.path;
  if (path.startsWith("/v1/") || path.startsWith("/bot/")) return false;
  return (c.req.header("accept") ?? "").includes("text/html");
}

export function notFoundPage(c: Context, upload: boolean, message?: string) {
  return sendPage(
    c,
    messagePage({
      title: "Không tìm thấy trang",
      message:
        message ?? `Không có trang ${c.req.path}. Có thể đường dẫn đã gõ sai hoặc kế hoạch đã được thay thế.`,
      upload,
    }),
    404,
  );
}

export function mountWeb(app: OpenAPIHono, deps: WebDeps): void {
  const uploader = deps.uploader ?? null;
  const upload = uploader !== null;
  // Pages and their assets are compressed for the browsers that accept it; the API answers as before.
  if (deps.compress) for (const path of PAGE_PATHS) app.use(path, compress());
  const byId = new Map(deps.plans.map((p) => [p.id, p]));
  app.get("/", (c) => sendPage(c, chatPage(deps.plans, { upload, feedback: deps.feedback })));
  const docsAssets = deps.docsAssets;
  app.get("/docs", async (c) => {
    const doc = (await (await app.request("/openapi.json")).json()) as OpenApiDocument;
    return sendPage(c, apiReferencePage(doc, { upload, swagger: Boolean(docsAssets) }));
  });
  app.get("/docs/swagger", (c) => sendPage(c, docsPage(Boolean(docsAssets))));
  app.get(`${DOCS_ASSET_BASE}/swagger-ui-dist/:file`, async (c) => {
    const file = c.req.param("file");
    const body = docsAssets && isDocsAsset(file) ? await docsAssets(file) : null;
    if (!body || !isDocsAsset(file)) return notFoundPage(c, upload);
    return c.body(body as string, 200, {
      "Content-Type": DOCS_ASSETS[file],
      "Cache-Control": "public, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    });
  });
  mountUpload(app, uploader);
  app.get("/ke-hoach", (c) => sendPage(c, plansPage(deps.plans, { upload })));
  const unknownPlan = (c: Context) =>
    notFoundPage(
      c,
      upload,
      `Không có kế hoạch «${c.req.param("id")}». Xem danh sách các kế hoạch đang phục vụ để chọn đúng kế hoạch.`,
    );
  app.get("/ke-hoach/:id", (c) => {
    const plan = byId.get(c.req.param("id"));
    if (!plan) return unknownPlan(c);
    const unit = c.req.query("unit")?.trim().slice(0, 200) || undefined;
    const window = c.req.query("window");
    const now = c.req.query("now");
    const todayGiven = isIsoDay(now);
    return sendPage(
      c,
      planPage(
        plan,
        {
          unit,
          window: isWindow(window) ? window : undefined,
          today: todayGiven ? (now as string) : todayInVietnam(),
          todayGiven,
        },
        { upload },
      ),
    );
  });
  app.get("/ke-hoach/:id/van-ban", (c) => {
    const plan = byId.get(c.req.param("id"));
    if (!plan) return unknownPlan(c);
    const from = lineNumber(c.req.query("from"));
    const to = lineNumber(c.req.query("to")) ?? from;
    const range = from && to ? { from: Math.min(from, to), to: Math.max(from, to) } : null;
    return sendPage(c, planTextPage(plan, deps.sources, range, { upload }));
  });
}

function mountUpload(app: OpenAPIHono, uploader: Uploader | null): void {
  const off = (c: Context) =>
    notFoundPage(
      c,
      false,
      "Chức năng tải lên kế hoạch đang tắt trên máy chủ này (người quản trị chưa đặt mã quản trị ADMIN_TOKEN).",
    );
  if (!uploader) {
    app.on(["GET", "POST"], "/tai-len", off);
    return;
  }
  const maxBytes = uploader.maxBytes;
  const refused = (c: Context, status: 400 | 403 | 409 | 413 | 415 | 422 | 503, error: string) =>
    sendPage(c, uploadPage({ maxBytes, error }), status as 400);
  app.get("/tai-len", (c) => sendPage(c, uploadPage({ maxBytes })));
  app.post(
    "/tai-len",
    // The file and the form's other fields: a little over the largest file accepted.
    bodyLimit({
      maxSize: maxBytes + 64 * 1024,
      onError: (c) => refused(c, 413, `Tệp quá lớn; chỉ nhận tệp tối đa ${maxBytes / 1048576} MB.`),
    }),
    async (c) => {
      let form: Record<string, string | File>;
      try {
        form = (await c.req.parseBody()) as Record<string, string | File>;
      } catch {
        return refused(c, 400, "Nội dung gửi lên không đọc được. Hãy chọn lại tệp rồi gửi lại.");
      }
      const token = typeof form.token === "string" ? form.token : "";
      const bearer = (c.req.header("authorization") ?? "").replace(/^Bearer\s+/iu, "");
      if (!uploader.allows(token) && !uploader.allows(bearer))
        return refused(c, 403, "Mã quản trị không đúng. Hãy nhập lại mã do người quản trị cấp.");
      const file = form.file;
      if (!file || typeof file === "string" || file.size === 0)
        return refused(
          c,
          400,
          "Chưa chọn tệp kế hoạch, hoặc tệp rỗng. Hãy chọn một tệp .docx, .pdf hoặc .txt.",
        );
      const outcome = await uploader.accept({
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      if (!outcome.ok) return refused(c, outcome.status, outcome.message);
      return sendPage(c, uploadReportPage(outcome.report, maxBytes));
    },
  );
}

function isIsoDay(value: string | undefined): boolean {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/u.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

function lineNumber(value: string | undefined): number | null {
  if (!value || !/^\d{1,7}$/u.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}
