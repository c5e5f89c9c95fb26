/** Swagger UI's files for /docs on Node, read once from the installed swagger-ui-dist package. */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { DocsAssetName, DocsAssets } from "../web/docs-page.ts";

export function nodeDocsAssets(): DocsAssets {
  const cache = new Map<DocsAssetName, Promise<Uint8Array | null>>();
  let dir: string | null = null;
  try {
    dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  } catch {
    dir = null;
  }
  return (name) => {
    if (!dir) return Promise.resolve(null);
    let file = cache.get(name);
    if (!file) {
      file = readFile(join(dir, name)).catch(() => null);
      cache.set(name, file);
    }
    return file;
  };
}
