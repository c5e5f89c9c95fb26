/**
 * `/docs`: the API reference, Swagger UI (through @hono/swagger-ui) over /openapi.json. Its script and
 * stylesheet are swagger-ui-dist's own files served by this app from /docs/assets/ (read from
 * node_modules on Node, bundled into the Worker by npm run build:worker), never from a CDN.
 */
import { SwaggerUI } from "@hono/swagger-ui";
import { html, raw } from "hono/html";
import type { Html } from "./layout.ts";

/** The swagger-ui-dist files the page loads, by the name it asks for. */
export const DOCS_ASSETS = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
} as const;
export type DocsAssetName = keyof typeof DOCS_ASSETS;

/** Where the app gets those files: none on a deployment that did not bundle them. */
export type DocsAssets = (name: DocsAssetName) => Promise<string | Uint8Array | null>;

export const DOCS_ASSET_BASE = "/docs/assets";

export function isDocsAsset(name: string): name is DocsAssetName {
  return Object.hasOwn(DOCS_ASSETS, name);
}

export function docsPage(bundled: boolean): Html {
  const ui = bundled
    ? raw(
        SwaggerUI({
          url: "/openapi.json",
          baseUrl: DOCS_ASSET_BASE,
          // No call to the online validator: the reference works on a closed network.
          validatorUrl: "none",
          deepLinking: true,
          tryItOutEnabled: true,
        }),
      )
    : html`<p class="error">Bản triển khai này không kèm giao diện tài liệu API. Tài liệu OpenAPI vẫn có tại <a href="/openapi.json">/openapi.json</a>.</p>`;
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tài liệu API · Trợ lý kế hoạch chuyển đổi số</title>
<link rel="icon" href="data:,">
<style>body{margin:0;font-family:system-ui,sans-serif}.docs-bar{background:#8b1a1a;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem}.docs-bar a{color:#fff}.error{margin:1rem;padding:1rem;background:#fdecea;border-left:4px solid #b3261e}</style>
</head>
<body>
<nav class="docs-bar" aria-label="Trang chính"><a href="/">Hỏi đáp</a><a href="/ke-hoach">Kế hoạch</a><a href="/openapi.json">Tệp OpenAPI (JSON)</a></nav>
<main id="main"><h1 style="margin:1rem">Tài liệu API</h1>${ui}</main>
</body>
</html>`;
}
