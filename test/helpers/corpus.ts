import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlan } from "../../src/plans/parse.ts";
import type { Plan } from "../../src/plans/schema.ts";
import { findTextTables } from "../../src/sources/text-tables.ts";
import { decodeText } from "../../src/sources/txt.ts";

export const ROOT = join(import.meta.dirname, "..", "..");
export const CORPUS_DIR = join(ROOT, "corpus");
export const FIXTURES_DIR = join(ROOT, "test", "fixtures");
/** The five plans of the real corpus, by id. */
export const CORPUS_IDS = [
  "phu-thai-2025-h2",
  "cat-hai-2025-h2",
  "phu-lien-2025",
  "tinh-hai-2024",
  "tan-ky-2026",
] as const;

const cache = new Map<string, Plan>();

/** Parse a plan of the real corpus (or a fixture) once per test run. */
export function plan(id: string, dir = CORPUS_DIR): Plan {
  const key = `${dir}/${id}`;
  let p = cache.get(key);
  if (!p) {
    // The same reading path as ingest: decode, find the tables a text holds, parse.
    const { text } = decodeText(readFileSync(join(dir, `${id}.txt`)));
    p = parsePlan({ id, file: `${id}.txt`, text, tables: findTextTables(text) });
    cache.set(key, p);
  }
  return p;
}

export function corpusLines(id: string, dir = CORPUS_DIR): string[] {
  return readFileSync(join(dir, `${id}.txt`), "utf8").split(/\r\n|\r|\n/u);
}
