/**
 * Tables inside plain text, in the layouts copying from PDF or Word produces: tab- or pipe-separated
 * rows, and one cell per line. Other tab-separated lines (the two-column header block) stay lines.
 */
import { findCellLineTables } from "./cell-lines.ts";
import { findColumnTables, fixedWidthLines } from "./columns.ts";
import type { DocTable } from "./model.ts";
import { findTabTables, isHeader } from "./tab-tables.ts";

/** Fixed-width tables (`pdftotext -layout`), when their header names a task or indicator table. */
function fixedWidthTables(text: string): DocTable[] {
  if (!/\S {2,}\S/u.test(text)) return [];
  return findColumnTables(fixedWidthLines(text))
    .filter((t) => t.rows[0] && isHeader(t.rows[0].cells))
    .map((t) => ({
      from: t.first + 1,
      to: t.last + 1,
      rows: t.rows.map((r, i) => ({
        from: r.first + 1,
        to: r.last + 1,
        cells: r.cells,
        ...(i === 0 ? { kind: "header" as const } : {}),
      })),
    }));
}

export function findTextTables(text: string): DocTable[] {
  const found: DocTable[] = [];
  const overlaps = (t: DocTable) => found.some((f) => t.from <= f.to && f.from <= t.to);
  for (const finder of [findTabTables, fixedWidthTables, findCellLineTables]) {
    for (const t of finder(text)) if (!overlaps(t)) found.push(t);
  }
  return found.sort((a, b) => a.from - b.from);
}
