/**
 * Tab-separated tables in plan extracts: task appendices ("STT | Tên nhiệm vụ | Cơ quan thực hiện | …")
 * and indicator tables ("TT | Tên chỉ tiêu | Kết quả năm 2025 | Năm 2026"), in whatever column order
 * and header wording the plan uses. Repeated header rows after page breaks are dropped.
 */
import { fold } from "../text/normalize.ts";
import type { Paragraph } from "../text/reflow.ts";

export type TaskColumn = "index" | "title" | "lead" | "coordinators" | "deadline" | "product" | "note";
export type IndicatorColumn = "index" | "name" | "baseline" | "target" | "unit" | "note";

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

function taskRole(cell: string): TaskColumn | null {
  const c = fold(cell);
  if (/^(s\.?\s?tt|tt|so tt|so thu tu)$/u.test(c)) return "index";
  if (/phoi hop/u.test(c)) return "coordinators";
  if (/thoi gian|thoi han|tien do|^han\b|moc thoi gian/u.test(c)) return "deadline";
  if (/san pham|ket qua/u.test(c)) return "product";
  if (/chu tri|thuc hien|co quan|don vi|trach nhiem/u.test(c)) return "lead";
  if (/ghi chu/u.test(c)) return "note";
  if (/nhiem vu|noi dung|ten|cong viec|hoat dong|giai phap/u.test(c)) return "title";
  return null;
}

function indicatorRole(cell: string): IndicatorColumn | null {
  const c = fold(cell);
  if (/^(s\.?\s?tt|tt|so tt|so thu tu)$/u.test(c)) return "index";
  if (/don vi tinh|dvt/u.test(c)) return "unit";
  if (/ghi chu/u.test(c)) return "note";
  if (/chi tieu|ten|noi dung/u.test(c)) return "name";
  if (/ket qua|thuc hien|uoc (thuc hien|dat)|dat duoc|hien trang|nam truoc/u.test(c)) return "baseline";
  if (/ke hoach|muc tieu|phan dau|nam \d{4}|^\d{4}$/u.test(c)) return "target";
  return null;
}

function classify(header: string[]): { kind: Table["kind"]; roles: string[] } {
  const folded = header.map(fold);
  const isTasks = folded.some((c) => /chu tri|co quan thuc hien|don vi thuc hien|phoi hop/u.test(c));
  if (isTasks) return { kind: "tasks", roles: header.map((c) => taskRole(c) ?? "other") };
  const isIndicators = folded.some((c) => /chi tieu/u.test(c));
  if (isIndicators) return { kind: "indicators", roles: header.map((c) => indicatorRole(c) ?? "other") };
  return { kind: "other", roles: header.map(() => "other") };
}

const ROMAN_ROW = /^(?:[IVX]+|[A-Z])\.?$/u;

function looksLikeHeader(cells: string[]): boolean {
  const first = (cells[0] ?? "").trim();
  const nonEmpty = cells.filter((c) => c !== "");
  return (
    nonEmpty.length >= 2 &&
    !/^\d+\.?$/u.test(first) &&
    !ROMAN_ROW.test(first) &&
    classify(cells).kind !== "other"
  );
}

/** Group consecutive table-row paragraphs into tables. */
export function readTables(paragraphs: readonly Paragraph[]): Table[] {
  const tables: Table[] = [];
  let current: Table | null = null;
  let group: string | null = null;
  for (const p of paragraphs) {
    if (!p.cells) {
      current = null;
      continue;
    }
    const cells = p.cells;
    if (!current || looksLikeHeader(cells)) {
      const sameHeader = current && fold(cells.join("|")) === fold(current.header.join("|"));
      if (sameHeader) continue; // the header repeated after a page break
      if (current && !looksLikeHeader(cells)) continue;
      const { kind, roles } = classify(cells);
      const years = new Map<string, number>();
      cells.forEach((c, i) => {
        const y = /((?:19|20)\d{2})/u.exec(c)?.[1];
        const role = roles[i];
        if (y && role) years.set(role, Number(y));
      });
      current = { kind, header: cells, roles, years, rows: [], from: p.from, to: p.to };
      tables.push(current);
      group = null;
      continue;
    }
    current.to = p.to;
    const first = (cells[0] ?? "").trim();
    const byRole = new Map<string, string>();
    cells.forEach((c, i) => {
      const role = current?.roles[i] ?? "other";
      if (c !== "") byRole.set(role, byRole.has(role) ? `${byRole.get(role)} ${c}` : c);
    });
    if (/^\d+\.?$/u.test(first)) {
      current.rows.push({ cells: byRole, index: Number.parseInt(first, 10), group, from: p.from, to: p.to });
    } else if (ROMAN_ROW.test(first)) {
      group = cells.slice(1).find((c) => c !== "") ?? null;
    } else if (first === "" && current.rows.length > 0) {
      // A cell that wrapped onto its own line: append to the row above.
      const prev = current.rows[current.rows.length - 1] as TableRow;
      for (const [role, text] of byRole)
        prev.cells.set(role, prev.cells.has(role) ? `${prev.cells.get(role)} ${text}` : text);
      prev.to = p.to;
    }
  }
  return tables;
}
