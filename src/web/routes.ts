/**
 * The staff pages, mounted on the API's own Hono app (so Node and the Worker serve the same pages).
 * Pages are HTML in Vietnamese with the headers of layout.ts; nothing here reads a file or the network.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { compress } from "hono/compress";
import type { Plan } from "../plans/schema.ts";
import { chatPage } from "./chat-page.ts";
import { type Html, messagePage, PAGE_HEADERS } from "./layout.ts";

export interface WebDeps {
  plans: readonly Plan[];
  sources: Readonly<Record<string, string>>;
  /** Answers can be rated (POST /v1/feedback exists). */
  feedback: boolean;
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
  for (const path of PAGE_PATHS) app.use(path, compress());
  app.get("/", (c) => sendPage(c, chatPage(deps.plans, { upload, feedback: deps.feedback })));
}
