/**
 * Tables copied out of a PDF or Word file with every cell on its own line:
 *
 *   STT / Nội dung nhiệm vụ / Cơ quan chủ trì / Cơ quan phối hợp / Thời gian hoàn thành
 *   I / HẠ TẦNG SỐ
 *   1 / Nâng cấp mạng nội bộ (LAN) / của trụ sở xã / Văn phòng HĐND và UBND xã / Phòng Kinh tế / Quý III/2026
 *
 * The header gives the number of columns and their roles. A number alone on a line starts a row (an
 * STT, not a page number, when a header or a row precedes it); the lines after it are split into the
 * row's cells by the partition that best fits each column's role, so a title wrapped over three
 * lines still lands in one cell. Group rows ("I", "HẠ TẦNG SỐ") and repeated headers after a page
 * break are recognised; a page number standing before a repeated header is dropped.
 */
import { roleOf, TASK_COLUMNS, type TaskColumn } from "../lexicon/vi/columns.ts";
import { UNIT_HEADS } from "../lexicon/vi/units.ts";
import { isRecurring, parseTimeSpan } from "../text/dates.ts";
import { fold, isAllCaps, normalizeVietnamese, squash } from "../text/normalize.ts";
import type { DocTable, DocTableRow } from "./model.ts";

interface Line {
  no: number;
  text: string;
}

const STT = /^\d{1,3}\.?$/u;
const GROUP_LABEL = /^(?:[IVX]{1,5}|[A-D])\.?$/u;
const GROUP_INLINE = /^([IVX]{1,5}|[A-D])[.)]\s+(\S.*)$/u;
const TABLE_END = /^(?:PHỤ LỤC|Phụ lục|Nơi nhận|TM\.|KT\.|TL\.|PHẦN|Phần\s+[IVX]|Ghi chú\s*:)/u;
const MAX_CELL_LINE = 160;

function headerRole(text: string): TaskColumn | null {
  return text.length <= 60 ? roleOf(TASK_COLUMNS, fold(text).replace(/[.:]$/u, "")) : null;
}

/** Header cells starting at `start` (an STT/TT line); a cell may wrap onto a lower-case line. */
function readHeader(lines: readonly Line[], start: number): { cells: string[]; end: number } | null {
  const cells: string[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const text = (lines[i] as Line).text;
    if (text === "") break;
    const role = headerRole(text);
    if (cells.length > 0 && /^\p{Ll}/u.test(text) && !role) {
      cells[cells.length - 1] = `${cells[cells.length - 1]} ${text}`;
      continue;
    }
    if (!role) break;
    cells.push(text);
  }
  const roles = cells.map(headerRole);
  const enough = cells.length >= 3 && roles[0] === "index";
  const namesWork = roles.includes("title") && (roles.includes("lead") || roles.includes("coordinators"));
  return enough && namesWork ? { cells, end: i } : null;
}

function looksLikeTime(text: string): boolean {
  return (
    parseTimeSpan(text) !== null ||
    isRecurring(text) ||
    /^(?:trước|trong|từ|năm|quý|tháng|hằng|hàng|\d+\s+tháng)(?![\p{L}])/iu.test(text)
  );
}

function looksLikeUnit(text: string): boolean {
  return UNIT_HEADS.test(text) || /^(?:Các|các)\s/u.test(text);
}

/** What an empty cell costs: notes are mostly empty, a row without a title is no row. */
const EMPTY_COST: Record<TaskColumn, number> = {
  index: 20,
  title: 20,
  lead: 4,
  deadline: 3,
  product: 2,
  coordinators: 1.5,
  note: 0.5,
};

const BARE_HEAD = /^(?:Văn phòng|Phòng|Trung tâm|Ủy ban|Uỷ ban|Trạm|Ban|Đoàn|Hội|Công an|Bộ phận|Tổ)$/u;

/** How badly a run of lines fits as one cell of a column (lower is better). */
function cellCost(run: readonly string[], role: TaskColumn | null): number {
  if (run.length === 0) return EMPTY_COST[role ?? "note"];
  let cost = 0;
  const first = run[0] as string;
  if ((/^\p{Ll}/u.test(first) && !/^các\s/u.test(first)) || /^[%),.;:\]]/u.test(first)) cost += 4;
  for (let k = 1; k < run.length; k++) {
    const prev = run[k - 1] as string;
    const line = run[k] as string;
    if (/[,;(\-–/]$|\s(?:và|của|về|cho|với|các|trên|tại|trong|đạt|là|từ|đến|lên|được)$/u.test(prev))
      cost += 0.1;
    // "Văn phòng" / "HĐND và UBND xã": a unit's head word alone on its line wraps its name.
    else if (BARE_HEAD.test(prev)) cost += 0;
    // "… tối thiểu 300" / "Mbps": a number's unit wrapped onto the next line.
    else if (/\d$/u.test(prev) && !/\/\d{4}$/u.test(prev) && /^[\p{L}%]{1,8}$/u.test(line)) cost += 0.2;
    else if (/^\p{Ll}/u.test(line) || /^[(\-–%),.;:]/u.test(line)) cost += 0;
    else if (/^\d/u.test(line)) cost += 0.5;
    else cost += 1.6;
  }
  const text = run.join(" ");
  const time = looksLikeTime(text);
  const unit = looksLikeUnit(first);
  if (role === "deadline") {
    // The time leads its cell; lines after it that hold no time belong to the next column.
    cost += looksLikeTime(first) ? -1.5 : time ? 1 : 2.5;
    // "Tháng" / "5/2026": a time cut in two is still one cell.
    if (parseTimeSpan(text) === null && !isRecurring(text)) cost += 1.5;
    cost += run.slice(1).filter((l) => !looksLikeTime(l) && l.length > 12).length * 1.5;
  } else if (role === "lead" || role === "coordinators") {
    cost += (unit ? -1 : 1.2) + (time ? 2 : 0);
    // A unit's name holds no time: "6 tháng" / "cuối năm" under it is the next column.
    cost += run.slice(1).filter((l) => looksLikeTime(l)).length * 2;
  } else if (role === "title")
    cost += (time && text.length < 30 ? 2 : 0) + (unit && run.length === 1 ? 0.8 : 0);
  else if (time && text.length < 30) cost += 1.5;
  if (role === "note" || role === null) cost += 1;
  // A cell never starts with the tail of a date ("5/2026", "30/9/2026" after "Trước ngày").
  if (role !== "deadline" && /^\d{1,2}\/\d{4}|^\d{1,2}\/\d{1,2}\/\d{4}/u.test(first)) cost += 3;
  return cost;
}

/** Split `lines` into `roles.length` consecutive cells (some may be empty) at the lowest cost. */
export function partitionCells(lines: readonly string[], roles: ReadonlyArray<TaskColumn | null>): string[] {
  const n = lines.length;
  const k = roles.length;
  // best[c][i]: lowest cost of putting lines[0..i) into the first c cells.
  const best: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const cut: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(0));
  (best[0] as number[])[0] = 0;
  for (let c = 1; c <= k; c++) {
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= i; j++) {
        const prev = (best[c - 1] as number[])[j] as number;
        if (prev === Infinity) continue;
        const cost = prev + cellCost(lines.slice(j, i), roles[c - 1] ?? null);
        if (cost < ((best[c] as number[])[i] as number)) {
          (best[c] as number[])[i] = cost;
          (cut[c] as number[])[i] = j;
        }
      }
    }
  }
  const cells: string[] = new Array<string>(k).fill("");
  let i = n;
  for (let c = k; c >= 1; c--) {
    const j = (cut[c] as number[])[i] as number;
    cells[c - 1] = lines.slice(j, i).join(" ");
    i = j;
  }
  return cells;
}

function sameHeader(lines: readonly Line[], at: number, header: readonly string[]): boolean {
  const found = readHeader(lines, at);
  return found !== null && fold(found.cells.join("|")) === fold(header.join("|"));
}

function readBody(
  lines: readonly Line[],
  start: number,
  header: readonly string[],
): { rows: DocTableRow[]; end: number } {
  const roles = header.map(headerRole);
  const width = header.length;
  const rows: DocTableRow[] = [];
  let open: { from: number; to: number; label: string; cells: string[] } | null = null;
  let lastStt = 0;
  const close = () => {
    if (!open) return;
    const cells = [open.label, ...partitionCells(open.cells, roles.slice(1))];
    rows.push({ from: open.from, to: open.to, cells });
    open = null;
  };
  let i = start;
  for (; i < lines.length; i++) {
    const { no, text } = lines[i] as Line;
    if (text === "") continue;
    if (TABLE_END.test(text) || text.length > MAX_CELL_LINE) break;
    if (fold(text) === fold(header[0] as string) && sameHeader(lines, i, header)) {
      close();
      i = (readHeader(lines, i) as { end: number }).end - 1;
      continue;
    }
    if (STT.test(text)) {
      const n = Number.parseInt(text, 10);
      const next = lines.slice(i + 1).find((l) => l.text !== "");
      // A page number stands right before a repeated header; an STT before the row's cells.
      if (next && fold(next.text) === fold(header[0] as string)) continue;
      if (n === lastStt + 1 || lastStt === 0) {
        close();
        open = { from: no, to: no, label: text.replace(/\.$/u, ""), cells: [] };
        lastStt = n;
        continue;
      }
      if (open) continue; // a page number inside a row that crosses a page break
    }
    const inline = GROUP_INLINE.exec(text);
    if (GROUP_LABEL.test(text) || (inline && isAllCaps(inline[2] ?? ""))) {
      close();
      let title = inline?.[2] ?? "";
      let to = no;
      let j = i + 1;
      while (
        !inline &&
        j < lines.length &&
        (lines[j] as Line).text !== "" &&
        isAllCaps((lines[j] as Line).text)
      ) {
        title = squash(`${title} ${(lines[j] as Line).text}`);
        to = (lines[j] as Line).no;
        j++;
      }
      const label = (inline?.[1] ?? text).replace(/\.$/u, "");
      rows.push({
        from: no,
        to,
        kind: "group",
        cells: [label, title, ...new Array<string>(Math.max(0, width - 2)).fill("")],
      });
      i = j - 1;
      continue;
    }
    if (!open) {
      // An all-caps group name with no label ("HẠ TẦNG SỐ") groups the rows that follow it.
      if (isAllCaps(text) && text.length < 120) {
        rows.push({
          from: no,
          to: no,
          kind: "group",
          cells: ["", text, ...new Array<string>(Math.max(0, width - 2)).fill("")],
        });
        continue;
      }
      break;
    }
    open.cells.push(text);
    open.to = no;
  }
  close();
  return { rows, end: i };
}

/** Tables written one cell per line in the text, with the lines they occupy. */
export function findCellLineTables(text: string): DocTable[] {
  const lines: Line[] = text
    .split(/\r\n|\r|\n/u)
    .map((raw, i) => ({ no: i + 1, text: squash(normalizeVietnamese(raw)) }));
  const tables: DocTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.text.includes("\t") || headerRole(line.text) !== "index") continue;
    const header = readHeader(lines, i);
    if (!header) continue;
    const body = readBody(lines, header.end, header.cells);
    const dataRows = body.rows.filter((r) => STT.test(r.cells[0] ?? ""));
    if (dataRows.length === 0) continue;
    const headerRow: DocTableRow = {
      from: line.no,
      to: (lines[header.end - 1] as Line).no,
      cells: header.cells,
      kind: "header",
    };
    const last = body.rows.at(-1) as DocTableRow;
    tables.push({ from: line.no, to: last.to, rows: [headerRow, ...body.rows] });
    i = body.end - 1;
  }
  return tables;
}
