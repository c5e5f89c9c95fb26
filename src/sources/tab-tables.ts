/**
 * Task and indicator tables copied from Word: one row per line, cells separated by tabs (or written
 * with pipes). Copying drops the table's structure around the rows: a group row merged across the
 * table ("I. HẠ TẦNG SỐ") comes out as a line without tabs, and a page break leaves a page number
 * and the header again. Such a run of lines is one table, from its header row on.
 */
import {
  INDEX_COLUMN,
  INDICATOR_COLUMNS,
  INDICATOR_TABLE_CUE,
  roleOf,
  TASK_COLUMNS,
  TASK_TABLE_CUE,
} from "../lexicon/vi/columns.ts";
import { fold, isAllCaps, normalizeVietnamese, squash } from "../text/normalize.ts";
import type { DocTable, DocTableRow } from "./model.ts";

const GROUP = /^((?:[IVX]{1,5}|[A-D]|\d{1,2}))[.)]?\s+(\S.*)$/u;

export function splitCells(raw: string): string[] | null {
  if (!raw.includes("\t") && !/^\s*\|.*\|\s*$/u.test(raw)) return null;
  const parts = raw.includes("\t")
    ? raw.split("\t")
    : raw
        .trim()
        .replace(/^\||\|$/gu, "")
        .split("|");
  const cells = parts.map((c) => squash(normalizeVietnamese(c)));
  return cells.filter((c) => c !== "").length >= 2 ? cells : null;
}

/** A header row: short cells, a cue of a task or indicator table, two or more cells naming a column. */
export function isHeader(cells: readonly string[]): boolean {
  const folded = cells.filter((c) => c !== "").map(fold);
  const cue = folded.some((c) => TASK_TABLE_CUE.test(c) || INDICATOR_TABLE_CUE.test(c));
  const named = folded.filter((c) => roleOf(TASK_COLUMNS, c) ?? roleOf(INDICATOR_COLUMNS, c)).length;
  return cue && named >= 2 && folded.every((c) => c.length <= 60) && !/^\d/u.test(cells[0] ?? "");
}

/** "I. HẠ TẦNG SỐ"; in a table without an STT column, "1. Phát triển hạ tầng số" too. */
function groupRow(text: string, width: number, no: number, numbered: boolean): DocTableRow | null {
  const m = GROUP.exec(text);
  const title = m ? (m[2] as string) : text;
  const arabic = m !== null && /^\d/u.test(m[1] as string);
  const fits = isAllCaps(title) ? !arabic || !numbered : arabic && !numbered && title.length < 90;
  if (text.length > 120 || !fits) return null;
  const cells = [m ? (m[1] as string) : "", title, ...new Array<string>(Math.max(0, width - 2)).fill("")];
  return { from: no, to: no, cells, kind: "group" };
}

export function findTabTables(text: string): DocTable[] {
  const lines = text.split(/\r\n|\r|\n/u);
  const tables: DocTable[] = [];
  let current: DocTable | null = null;
  let width = 0;
  let numbered = false;
  lines.forEach((raw, i) => {
    const no = i + 1;
    const line = squash(normalizeVietnamese(raw));
    const cells = splitCells(raw);
    if (cells) {
      if (!current && !isHeader(cells)) return;
      if (!current) {
        width = cells.length;
        numbered = INDEX_COLUMN.test(fold(cells[0] ?? ""));
        current = { from: no, to: no, rows: [] };
        tables.push(current);
      }
      current.rows.push({ from: no, to: no, cells, ...(isHeader(cells) ? { kind: "header" as const } : {}) });
      current.to = no;
      return;
    }
    if (!current || line === "") return;
    if (/^\d{1,3}$/u.test(line) || /^(?:Trang|Page)\s+\d+/iu.test(line)) return; // a page number between rows
    const group = groupRow(line, width, no, numbered);
    if (group) {
      current.rows.push(group);
      current.to = no;
      return;
    }
    current = null;
  });
  // Trailing group rows or page numbers belong to what follows, not to the table.
  for (const t of tables) {
    while (t.rows.length > 0 && t.rows.at(-1)?.kind === "group") t.rows.pop();
    t.to = t.rows.at(-1)?.to ?? t.from;
  }
  return tables.filter((t) => t.rows.length > 1);
}
