/**
 * The frame every staff page shares: language, viewport, the inline stylesheet, a skip link, the
 * navigation and the footer. Pages pass their body as hono/html (escaped) and, at most, one inline script.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { STYLES } from "./styles.ts";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
export type NavItem = "ask" | "plans" | "upload" | "docs" | null;

export interface LayoutOptions {
  title: string;
  active: NavItem;
  body: Html;
  /** Plain JavaScript run at the end of the page (no external script is ever loaded). */
  script?: string;
  /** Whether the upload page is offered (ADMIN_TOKEN set on a server that can ingest). */
  upload: boolean;
}

const NAV: ReadonlyArray<{ id: Exclude<NavItem, null>; href: string; label: string }> = [
  { id: "ask", href: "/", label: "Hỏi đáp" },
  { id: "plans", href: "/ke-hoach", label: "Kế hoạch" },
  { id: "upload", href: "/tai-len", label: "Tải lên" },
  { id: "docs", href: "/docs", label: "Tài liệu API" },
];

/** What every page answers with besides its body: nothing but this origin may be loaded. */
export const PAGE_HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
} as const;

export function layout(o: LayoutOptions): Html {
  const items = NAV.filter((n) => n.id !== "upload" || o.upload);
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · Trợ lý kế hoạch chuyển đổi số</title>
<link rel="icon" href="data:,">
<style>${raw(STYLES)}</style>
</head>
<body>
<a class="skip" href="#main">Chuyển đến nội dung chính</a>
<header class="top"><div class="bar">
<a class="brand" href="/">Trợ lý kế hoạch chuyển đổi số</a>
<nav aria-label="Trang chính"><ul>${items.map(
    (n) =>
      html`<li><a href="${n.href}"${o.active === n.id ? raw(' aria-current="page"') : ""}>${n.label}</a></li>`,
  )}</ul></nav>
</div></header>
<main id="main" tabindex="-1">${o.body}</main>
<footer>Câu trả lời được trích nguyên văn từ kế hoạch đã ban hành; khi cần, đối chiếu văn bản gốc trước khi sử dụng.</footer>
${o.script ? html`<script>${raw(o.script)}</script>` : ""}
</body>
</html>`;
}

/** A short page that says what went wrong and where to go instead (404, 403, 413, an upload refused). */
export function messagePage(o: {
  title: string;
  message: Html | string;
  upload: boolean;
  active?: NavItem;
}): Html {
  return layout({
    title: o.title,
    active: o.active ?? null,
    upload: o.upload,
    body: html`<h1>${o.title}</h1>
<div class="error" role="alert"><p>${o.message}</p></div>
<p><a href="/">Về trang hỏi đáp</a> · <a href="/ke-hoach">Xem danh sách kế hoạch</a></p>`,
  });
}
