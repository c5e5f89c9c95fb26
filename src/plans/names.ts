/** Plan ids from file names: any name a commune gives its file becomes a stable ASCII id. */
import { extname } from "node:path";
import { foldWords } from "../text/normalize.ts";

/** "Kế hoạch CĐS xã Nam Sơn 2026 (bản ký).DOCX" → "ke-hoach-cds-xa-nam-son-2026-ban-ky". */
export function slugOf(file: string): string {
  const base = file.slice(0, file.length - extname(file).length) || file;
  const slug = foldWords(base)
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "")
    .slice(0, 80)
    .replace(/-+$/u, "");
  return slug === "" ? "ke-hoach" : slug;
}
