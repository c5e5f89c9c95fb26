/**
 * The staff pages, mounted on the API's own Hono app (so Node and the Worker serve the same pages).
 * Pages are HTML in Vietnamese with the headers of layout.ts; nothing here reads a file or the network.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { compress } from "hono/compress";
import { todayInVietnam } from "../answer/window.ts";
import type { Plan } from "../plans/schema.ts";
import { chatPage } from "./chat-page.ts";
import { DOCS_ASSET_BASE, DOCS_ASSETS, type DocsAssets, docsPage, isDocsAsset } from "./docs-page.ts";
import { type Html, messagePage, PAGE_HEADERS } from "./layout.ts";
import { planPage } from "./plan-page.ts";
import { planTextPage } from "./plan-text-page.ts";
import { plansPage } from "./plans-page.ts";
import { isWindow } from "./task-filter.ts";

export interface WebDeps {
  plans: readonly Plan[];
  sources: Readonly<Record<string, string>>;
  /** Answers can be rated (POST /v1/feedback exists). */
  feedback: boolean;
  /** Swagger UI's files for /docs, when this deployment has them. */
  docsAssets?: DocsAssets | undefined;
  /** Gzip pages here (Node); Cloudflare compresses on its own, and a body gzipped twice is unreadable. */
  compress?: boolean | undefined;
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
  const upload = false;
  // Pages and their assets are compressed for the browsers that accept it; the API answers as before.
  if (deps.compress) for (const path of PAGE_PATHS) app.use(path, compress());
  const byId = new Map(deps.plans.map((p) => [p.id, p]));
  app.get("/", (c) => sendPage(c, chatPage(deps.plans, { upload, feedback: deps.feedback })));
  const docsAssets = deps.docsAssets;
  app.get("/docs", (c) => sendPage(c, docsPage(Boolean(docsAssets))));
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
