/**
 * Tab-separated tables in plan extracts: task appendices ("STT | Tên nhiệm vụ | Cơ quan thực hiện | …")
 * and indicator tables ("TT | Tên chỉ tiêu | Kết quả năm 2025 | Năm 2026"), in whatever column order
 * and header wording the plan uses. Repeated header rows after page breaks are dropped.
 */
import {
  INDICATOR_COLUMNS,
  INDICATOR_TABLE_CUE,
  type IndicatorColumn,
  roleOf,
  TASK_COLUMNS,
  TASK_TABLE_CUE,
  type TaskColumn,
} from "../lexicon/vi/columns.ts";
import { fold, isAllCaps } from "../text/normalize.ts";
import type { Paragraph } from "../text/reflow.ts";

export type { IndicatorColumn, TaskColumn };

export interface TableRow {
  /** The row's cells keyed by role. */
  cells: Map<string, string>;
  /** The number in the first column (1, 2, …), null for group rows. */
  index: number | null;
  group: string | null;
  from: number;
  to: number;
}

export interface Table {
  kind: "tasks" | "indicators" | "other";
  header: string[];
  roles: string[];
  /** Years named in headers, by role ("Kết quả năm 2025" → baseline 2025). */
  years: Map<string, number>;
  rows: TableRow[];
  from: number;
  to: number;
}

function classify(header: string[]): { kind: Table["kind"]; roles: string[] } {
  const folded = header.map(fold);
  if (folded.some((c) => TASK_TABLE_CUE.test(c)))
    return { kind: "tasks", roles: folded.map((c) => roleOf(TASK_COLUMNS, c) ?? "other") };
  if (folded.some((c) => INDICATOR_TABLE_CUE.test(c))) {
    const roles: string[] = folded.map((c) => roleOf(INDICATOR_COLUMNS, c) ?? "other");
    // "Năm 2025 | Năm 2026": of two year columns, the earlier year is the result the target starts from.
    const years = folded.map((c, i) =>
      roles[i] === "target" ? Number(/\b(20\d{2})\b/u.exec(c)?.[1] ?? 0) : 0,
    );
    const dated = years.filter((y) => y > 0);
    if (dated.length >= 2 && !roles.includes("baseline")) {
      const earliest = Math.min(...dated);
      years.forEach((y, i) => {
        if (y === earliest) roles[i] = "baseline";
      });
    }
    return { kind: "indicators", roles };
  }
  return { kind: "other", roles: header.map(() => "other") };
}

const ROMAN_ROW = /^(?:[IVX]+|[A-ZĐ])\.?$/u;

/** A header row: short cells, at least two of them naming a column's role. */
function looksLikeHeader(cells: string[]): boolean {
  const first = (cells[0] ?? "").trim();
  const nonEmpty = cells.filter((c) => c !== "");
  const { kind, roles } = classify(cells);
  return (
    nonEmpty.length >= 2 &&
    nonEmpty.every((c) => c.length <= 60) &&
    roles.filter((r) => r !== "other").length >= 2 &&
    !/^\d+\.?$/u.test(first) &&
    !ROMAN_ROW.test(first) &&
    kind !== "other"
  );
}

function yearsOf(cells: readonly string[], roles: readonly string[]): Map<string, number> {
  const years = new Map<string, number>();
  cells.forEach((c, i) => {
    const y = /((?:19|20)\d{2})/u.exec(c)?.[1];
    const role = roles[i];
    if (y && role) years.set(role, Number(y));
  });
  return years;
}

function byRole(cells: readonly string[], roles: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  cells.forEach((c, i) => {
    const role = roles[i] ?? "other";
    if (c !== "") out.set(role, out.has(role) ? `${out.get(role)} ${c}` : c);
  });
  return out;
}

/** A group row: "I | HẠ TẦNG SỐ", or one cell merged across the row ("HẠ TẦNG SỐ"). */
function groupOf(p: Paragraph): string | null {
  const cells = p.cells ?? [];
  const first = (cells[0] ?? "").trim();
  const rest = cells.slice(1).filter((c) => c !== "");
  if (p.rowKind === "group") return rest[0] ?? (first || null);
  if (ROMAN_ROW.test(first)) return rest[0] ?? null;
  const filled = cells.filter((c) => c !== "");
  const only = filled.length === 1 ? (filled[0] as string) : "";
  if (only === "" || /^\d+\.?$/u.test(only)) return null;
  // One cell across the row: "HẠ TẦNG SỐ", "1. Phát triển hạ tầng số", "II. Chính quyền số".
  const numbered = /^(?:[IVX]{1,5}|[A-DĐ]|\d{1,2})[.)]\s+\S/u.test(only);
  return isAllCaps(only) || numbered ? only : null;
}

/**
 * A lead or deadline cell merged down over several rows: copying it from Word or a PDF leaves the
 * rows below it empty. A task always has a lead and a time, so an empty one is the cell above.
 */
function carriedDown(cells: Map<string, string>, table: Table): Map<string, string> {
  const above = table.rows.at(-1)?.cells;
  if (table.kind !== "tasks" || !above) return cells;
  for (const role of ["lead", "deadline"]) {
    const value = above.get(role);
    if (!cells.has(role) && value && table.roles.includes(role)) cells.set(role, value);
  }
  return cells;
}

/** The second row of a two-row header names the columns under the first row's merged cells. */
function mergeHeaderRow(table: Table, cells: readonly string[]): void {
  const columns = table.kind === "indicators" ? INDICATOR_COLUMNS : TASK_COLUMNS;
  cells.forEach((cell, i) => {
    if (cell === "") return;
    const role = roleOf(columns, fold(cell));
    table.header[i] = table.header[i] ? `${table.header[i]} ${cell}` : cell;
    if (role && role !== "index") table.roles[i] = role;
  });
  table.years = yearsOf(table.header, table.roles);
}

/** Group consecutive table-row paragraphs into tables. */
export function readTables(paragraphs: readonly Paragraph[]): Table[] {
  const tables: Table[] = [];
  let current: Table | null = null;
  let group: string | null = null;
  let count = 0;
  for (const p of paragraphs) {
    if (!p.cells) {
      current = null;
      continue;
    }
    const cells = p.cells;
    const header = p.rowKind === "header" || (p.rowKind === undefined && looksLikeHeader(cells));
    if (current && header && current.rows.length === 0 && p.from <= current.to + 2) {
      // A header over two rows: "Đơn vị thực hiện" above "Chủ trì | Phối hợp".
      mergeHeaderRow(current, cells);
      current.to = p.to;
      continue;
    }
    if (!current || header) {
      const sameHeader = current && fold(cells.join("|")) === fold(current.header.join("|"));
      if (sameHeader) continue; // the header repeated after a page break
      if (current && !header) continue;
      const { kind, roles } = classify(cells);
      current = {
        kind,
        header: cells,
        roles,
        years: yearsOf(cells, roles),
        rows: [],
        from: p.from,
        to: p.to,
      };
      tables.push(current);
      group = null;
      count = 0;
      continue;
    }
    current.to = p.to;
    const indexAt = current.roles.indexOf("index");
    const first = (cells[Math.max(0, indexAt)] ?? "").trim();
    const grouped = groupOf(p);
    if (p.rowKind === "group") {
      group = grouped;
    } else if (/^\d+\.?$/u.test(first)) {
      count++;
      current.rows.push({
        cells: carriedDown(byRole(cells, current.roles), current),
        index: Number.parseInt(first, 10),
        group,
        from: p.from,
        to: p.to,
      });
    } else if (grouped !== null) {
      group = grouped;
    } else if (
      indexAt < 0 &&
      (byRole(cells, current.roles).has("title") || byRole(cells, current.roles).has("name"))
    ) {
      // A table without an STT column: every row with a title is an item, numbered in order.
      count++;
      current.rows.push({
        cells: carriedDown(byRole(cells, current.roles), current),
        index: count,
        group,
        from: p.from,
        to: p.to,
      });
    } else if (first === "" && current.rows.length > 0) {
      // A cell that wrapped onto its own line: append to the row above.
      const prev = current.rows[current.rows.length - 1] as TableRow;
      for (const [role, text] of byRole(cells, current.roles))
        prev.cells.set(role, prev.cells.has(role) ? `${prev.cells.get(role)} ${text}` : text);
      prev.to = p.to;
    }
  }
  return tables;
}
