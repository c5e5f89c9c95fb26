/**
 * Tables rebuilt from horizontal positions: PDF text items (points) and fixed-width text such as
 * `pdftotext -layout` output (character columns). Pure, no I/O.
 *
 * A table starts at a header line of at least three chunks ("STT | Nội dung nhiệm vụ | Cơ quan chủ
 * trì | …"); the header may wrap over a few lines, above that line too (headings set around the
 * header's middle line: "Đơn vị thực" over "TT  Tên nhiệm vụ" over "hiện"). Column positions come
 * from the header pieces and are refined by the body (a body column hidden in a header chunk that ran
 * two headings together is recovered when several body lines put two chunks into it at the same
 * place). Body chunks go to the column their left edge falls in: a cell's text starts inside its own
 * cell even when, in fixed-width text, it runs on into the next column's area; an STT centred under
 * "TT" belongs to the first column even where it starts past the heading. A row starts at a line whose
 * first column holds text (an STT "1", "2.", "10" or a group label "I", "II.", "A"); lines with an
 * empty first column are the wrapped continuation of the row above, appended cell by cell. A table
 * without an STT column (indicators: name | unit | figures) wraps its first column too: its rows are
 * parted by blank lines, or open where figures arrive. In fixed-width text each row is placed by the
 * columns its own lines show (`pdftotext -layout` shifts rows), and cells run together with single
 * spaces are cut where the columns start (see `splitChunk`). A group row ("I" + "HẠ TẦNG SỐ", or a
 * single "II. CHÍNH QUYỀN SỐ" spanning the table) is a row of its own. The header repeated after a
 * page break is dropped; page-number lines inside the table are skipped; the table ends at the first
 * line that does not fit its columns (prose, a heading, a signature block).
 *
 * Optional layout hints from a PDF make this sturdier: `ruled` (the line lies inside a ruled grid),
 * `ruleAbove` (a horizontal rule separates it from the line above: a new row, even when the STT is
 * vertically centred further down) and `pageStart`.
 */

export interface Chunk {
  /** Left edge, in the line's units (points, or a character column). */
  x: number;
  /** Right edge (exclusive), same units. */
  end: number;
  text: string;
}

export interface PositionedLine {
  /** One visual line's chunks, left to right. An empty array is a blank line. */
  chunks: Chunk[];
  /** PDF: vertical rules on both sides cross this line (it lies inside a ruled grid). */
  ruled?: boolean;
  /** PDF: a horizontal rule lies between this line and the one above. */
  ruleAbove?: boolean;
  /**
   * PDF: the x-ranges those rules cover. A column they leave open continues the cell above: a cell
   * merged down over rows (its text is repeated in each row it covers, `merged` marks them).
   */
  ruleCover?: Array<[number, number]>;
  /** The first line of a page (fixed-width text: the line after a form feed). */
  pageStart?: boolean;
}

export interface ColumnTableOptions {
  /** Chunks a header line needs (default 3). */
  minColumns?: number;
  /** Positional slack, in the lines' units (default 1: one character; a PDF reader passes ~2 pt). */
  tolerance?: number;
  /**
   * Positions are exact character columns, so chunks that ran two cells together with one space can
   * be split at the column starts the body shows. Default: inferred (every chunk's width equals its
   * text's length, as `fixedWidthLines` produces).
   */
  characterColumns?: boolean;
}

export interface ColumnRow {
  /** Index range in `lines` (inclusive) of the lines the row was assembled from. */
  first: number;
  last: number;
  /** One string per column; continuation lines joined with a space. */
  cells: string[];
  /** Columns whose cell is merged down from the row above (its text repeated here). */
  merged?: number[];
}

export interface ColumnTable {
  /** Index range in `lines` (inclusive). Lines inside it that belong to no row were dropped: repeated headers, page numbers, page furniture. */
  first: number;
  last: number;
  /** Left boundary of each column (the first segment's geometry). */
  columns: number[];
  /** rows[0] is the header (its lines merged); the rest are body rows in order. */
  rows: ColumnRow[];
}

interface Col {
  /** Header extent: the union of the header pieces in this column. */
  x: number;
  end: number;
  /** Where the column's body text starts, when the body shows it (the most common left edge). */
  start?: number;
  /** Fixed-width text: the widest body text seen within the column. */
  width?: number;
}

interface Piece extends Chunk {
  col: number;
}

interface Ctx {
  tol: number;
  /** Positions are exact character columns (fixed-width text). */
  exact: boolean;
  /** How far (in characters) a split point may sit from a column start in fixed-width text. */
  window: number;
}

/** STT numbers and group labels: "1", "2.", "10", "1.1", "3)", "I", "II.", "A", "b)". */
const LABEL = /^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,6}[.)]?|[A-ZĐ][.)]?|[a-zđ]\))$/u;
/** A group label that is not a number: roman numeral or letter. */
const GROUP_LABEL = /^(?:[IVXLC]{1,6}|[A-ZĐ])[.)]?$/u;
/** A group row written as one chunk: "II. CHÍNH QUYỀN SỐ", "B - Nhiệm vụ chung". */
const GROUP_SPAN = /^(?:[IVXLC]{1,6}|[A-ZĐ])(?:[.)]\s*|\s+[-–:]?\s*)\p{L}/u;
/** Column numbering under a header: "(1)", "2". */
const NUMBERING = /^\(?\d{1,2}\)?$/u;
/** A figure in a cell: "71", "≥ 85", "2.300", "96%". */
const VALUE = /^[≥≤<>~]?\s*\d[\d.,]*\s*%?$/u;
/** Page furniture that may sit inside a table at a page break. */
const PAGE_NUMBER =
  /^(?:[-–]\s*)?(?:(?:trang|page)\s+)?\d{1,4}(?:\s*(?:\/|trên|of)\s*\d{1,4})?(?:\s*[-–])?$/iu;

const MAX_HEADER_LINES = 5;
const MAX_HEADER_CHUNK = 48;
const FURNITURE_LOOKAHEAD = 10;
const CALIBRATION_LINES = 150;

function squash(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

function isBlank(line: PositionedLine | undefined): boolean {
  return !line || line.chunks.every((c) => c.text.trim() === "");
}

function textChunks(line: PositionedLine): Chunk[] {
  return line.chunks.filter((c) => c.text.trim() !== "").map((c) => ({ ...c, text: squash(c.text) }));
}

function lineText(line: PositionedLine): string {
  return squash(line.chunks.map((c) => c.text).join(" "));
}

/** Text compared to recognise a repeated header: letters and digits only, lower case. */
function headerKey(line: PositionedLine): string {
  return lineText(line)
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function isNumberingLine(line: PositionedLine): boolean {
  const texts = textChunks(line).map((c) => c.text);
  return texts.length >= 3 && texts.every((t) => NUMBERING.test(t));
}

function isPageFurniture(line: PositionedLine): boolean {
  const chunks = textChunks(line);
  return chunks.length === 1 && PAGE_NUMBER.test(chunks[0]?.text ?? "");
}

function overlap(a: { x: number; end: number }, b: { x: number; end: number }): number {
  return Math.min(a.end, b.end) - Math.max(a.x, b.x);
}

/** The position a chunk's left edge must reach to belong to column i (i ≥ 1). */
function threshold(cols: readonly Col[], i: number, tol: number): number {
  const prev = cols[i - 1] as Col;
  const cur = cols[i] as Col;
  return Math.min(prev.end, cur.x, cur.start ?? Number.POSITIVE_INFINITY) - tol;
}

/** Where column i's text begins: the body's left edge when known, else the header's. */
function leftOf(cols: readonly Col[], i: number): number {
  const c = cols[i] as Col;
  return c.start ?? c.x;
}

function columnOf(x: number, cols: readonly Col[], tol: number): number {
  let c = 0;
  for (let i = 1; i < cols.length; i++) if (x >= threshold(cols, i, tol)) c = i;
  return c;
}

/**
 * A body chunk's column. An STT centred under its heading may start past the heading's left edge
 * ("TT" at 0, " 1" at 1): a label that starts within the first column's heading and ends before the
 * second column's text is the first column's, wherever the boundary between the headings falls.
 */
function chunkColumn(chunk: Chunk, cols: readonly Col[], tol: number): number {
  const c = columnOf(chunk.x, cols, tol);
  if (
    c === 1 &&
    LABEL.test(chunk.text) &&
    chunk.x <= (cols[0] as Col).end + tol &&
    chunk.end <= leftOf(cols, 1) - tol
  )
    return 0;
  return c;
}

/**
 * Columns from header pieces: narrow pieces first, so that the lines of one heading ("Cơ quan
 * phối" / "hợp") merge into one column, while a piece overlapping two columns is a spanning heading
 * (or two headings run together) and leaves the geometry alone.
 */
function columnsFromHeader(pieces: readonly Chunk[], tol: number): Col[] {
  const cols: Col[] = [];
  const sorted = pieces.filter((p) => p.text.trim() !== "").sort((a, b) => a.end - a.x - (b.end - b.x));
  for (const piece of sorted) {
    const hits = cols.filter((c) => overlap(c, piece) > tol / 2);
    if (hits.length === 0) cols.push({ x: piece.x, end: piece.end });
    else if (hits.length === 1) {
      const c = hits[0] as Col;
      c.x = Math.min(c.x, piece.x);
      c.end = Math.max(c.end, piece.end);
    }
  }
  cols.sort((a, b) => a.x - b.x);
  const merged: Col[] = [];
  for (const c of cols) {
    const last = merged[merged.length - 1];
    if (last && overlap(last, c) > tol / 2) last.end = Math.max(last.end, c.end);
    else merged.push({ ...c });
  }
  return merged;
}

/**
 * Fixed-width text: split a chunk where a word starts nearest to `at` (within the window; ties go
 * left). Columns count characters without combining marks.
 */
function splitNear(chunk: Chunk, at: number, window: number): [Chunk, Chunk] | null {
  const chars = [...chunk.text];
  let col = chunk.x;
  let prevSpace = false;
  let best = -1;
  let bestCol = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const space = /\s/u.test(ch);
    // A cell does not start with a dash or closing punctuation ("hóa - Xã hội").
    if (!space && prevSpace && Math.abs(col - at) <= window && !/[-–—/),;:.”]/u.test(ch)) {
      if (best < 0 || Math.abs(col - at) < Math.abs(bestCol - at)) {
        best = i;
        bestCol = col;
      }
    }
    if (col > at + window) break;
    prevSpace = space;
    if (!/\p{M}/u.test(ch)) col++;
  }
  if (best < 0) return null;
  const left = chars.slice(0, best).join("").trimEnd();
  if (left === "") return null;
  return [
    { x: chunk.x, end: chunk.x + columnWidth(left), text: left },
    { x: bestCol, end: chunk.end, text: chars.slice(best).join("") },
  ];
}

/** Where a column's text starts near a given line, when neighbouring lines show it. */
type LocalStarts = (col: number) => readonly number[];

/** Where a word starts inside a chunk: its column, and its offset in the chunk's text. */
interface WordStart {
  col: number;
  at: number;
}

/** Word starts a cell may begin at: not a dash or closing punctuation ("hóa - Xã hội"). */
function wordStarts(chunk: Chunk): WordStart[] {
  const out: WordStart[] = [];
  let col = chunk.x;
  let at = 0;
  let prevSpace = false;
  for (const ch of chunk.text) {
    const space = /\s/u.test(ch);
    if (!space && prevSpace && !/[-–—/),;:.”]/u.test(ch)) out.push({ col, at });
    prevSpace = space;
    if (!/\p{M}/u.test(ch)) col++;
    at += ch.length;
  }
  return out;
}

/** Text a cell may hold on one line: its widest body text, or the room up to the next column. */
function roomOf(cols: readonly Col[], c: number): number | undefined {
  const col = cols[c] as Col;
  const next = cols[c + 1];
  const gap = next?.start !== undefined && col.start !== undefined ? next.start - col.start - 1 : 0;
  const room = Math.max(col.width ?? 0, gap);
  return room > 0 ? room : undefined;
}

/** How much a split's word starts may stray from the column starts, and how much a drift costs. */
const SCALES = Array.from({ length: 41 }, (_, i) => 0.8 + i * 0.01);
const SCALE_COST = 0.2;

/**
 * Fixed-width text: a chunk that ran several cells together with single spaces, cut into cells.
 * `pdftotext -layout` sets the words of one such run by counting characters from its first word,
 * so the column starts shown by the neighbouring lines (or the body at large) are met only up to a
 * scale: a run of narrow letters drifts left, one of wide letters right. The cut points chosen are
 * the word starts that best fit the column starts under one scale for the whole run (a scale away
 * from 1 costs a little), with a cost for each cell wider than its column has room for. A column is
 * cut into when a word starts near its start, as the body shows it; a column with text of its own
 * on the line is not (the cell merely runs into its area).
 */
function splitChunk(
  chunk: Chunk,
  c0: number,
  cols: readonly Col[],
  ctx: Ctx,
  local: LocalStarts,
  taken: (col: number) => boolean,
): Piece[] {
  const words = wordStarts(chunk);
  interface Bound {
    col: number;
    target: number;
    cands: WordStart[];
  }
  const bounds: Bound[] = [];
  let after = chunk.x;
  for (let c = c0 + 1; c < cols.length && !taken(c); c++) {
    const global = (cols[c] as Col).start;
    if (global === undefined) break;
    const near = local(c).filter((x) => Math.abs(x - global) <= ctx.window + 1 && x > chunk.x);
    const target =
      near.length > 0
        ? near.reduce((a, b) => (Math.abs(a - global) <= Math.abs(b - global) ? a : b))
        : global;
    if (chunk.end < target) break;
    // The row's own lines locate the column precisely; the body at large only roughly.
    const window = near.length > 0 ? Math.max(1, ctx.window - 1) : ctx.window;
    const later = words.filter((w) => w.col > after);
    if (!later.some((w) => Math.abs(w.col - target) <= window)) break;
    const reach = ctx.window + Math.round(0.08 * (target - chunk.x));
    const cands = later.filter((w) => Math.abs(w.col - target) <= reach);
    bounds.push({ col: c, target, cands });
    after = Math.min(...cands.map((w) => w.col));
  }
  if (bounds.length === 0) return [{ ...chunk, col: c0 }];

  const widthOf = (from: number, to: number) => columnWidth(chunk.text.slice(from, to).trim());
  const cost = (cuts: readonly WordStart[]): number => {
    let best = Number.POSITIVE_INFINITY;
    const span = (bounds[bounds.length - 1] as Bound).target - chunk.x;
    for (const scale of SCALES) {
      let c = SCALE_COST * Math.abs(scale - 1) * span;
      cuts.forEach((w, i) => {
        c += Math.abs(w.col - (chunk.x + ((bounds[i] as Bound).target - chunk.x) * scale));
      });
      best = Math.min(best, c);
    }
    let from = 0;
    for (let i = 0; i <= cuts.length; i++) {
      const to = cuts[i]?.at ?? chunk.text.length;
      const room = roomOf(cols, i === 0 ? c0 : (bounds[i - 1] as Bound).col);
      if (room !== undefined) best += Math.max(0, widthOf(from, to) - room);
      from = to;
    }
    return best;
  };
  let bestCuts: WordStart[] = [];
  let bestCost = Number.POSITIVE_INFINITY;
  const search = (i: number, cuts: WordStart[]) => {
    if (i === bounds.length) {
      const c = cost(cuts);
      if (c < bestCost - 1e-9) {
        bestCost = c;
        bestCuts = [...cuts];
      }
      return;
    }
    const prev = cuts[cuts.length - 1]?.at ?? 0;
    for (const w of (bounds[i] as Bound).cands) {
      if (w.at <= prev) continue;
      cuts.push(w);
      search(i + 1, cuts);
      cuts.pop();
    }
  };
  search(0, []);
  // No consistent set of cuts (candidates out of order): cut as far as the first columns allow.
  const pieces: Piece[] = [];
  let from = 0;
  let x = chunk.x;
  bestCuts.forEach((w, i) => {
    const text = chunk.text.slice(from, w.at).trim();
    pieces.push({ x, end: x + columnWidth(text), text, col: i === 0 ? c0 : (bounds[i - 1] as Bound).col });
    from = w.at;
    x = w.col;
  });
  const lastCol = bestCuts.length === 0 ? c0 : (bounds[bestCuts.length - 1] as Bound).col;
  pieces.push({ x, end: chunk.end, text: chunk.text.slice(from), col: lastCol });
  return pieces;
}

/**
 * Chunks placed in columns by their left edge. In fixed-width text a chunk that ran two cells
 * together with a single space ("Phòng Kinh tế Trưởng ấp Bàu") is split at the next column's start
 * (as the neighbouring lines show it, else as the body does), unless that column has its own text on
 * the line: then the cell merely runs into its area.
 */
function place(
  line: PositionedLine,
  cols: readonly Col[],
  ctx: Ctx,
  split = ctx.exact,
  local: LocalStarts = () => [],
): Piece[] {
  const chunks = textChunks(line);
  const firstCols = chunks.map((c) => chunkColumn(c, cols, ctx.tol));
  const out: Piece[] = [];
  chunks.forEach((chunk, idx) => {
    let rest = chunk;
    let c = firstCols[idx] as number;
    // The STT column never runs into the next one: an STT run together with the task's first words
    // ("10 Duy trì điểm") is split off, when the words start where the second column's text does.
    if (split && c === 0 && cols.length > 1 && rest.end > leftOf(cols, 1) + ctx.tol) {
      const m = /^(\S+)\s+/u.exec(rest.text);
      const at = rest.x + columnWidth(m?.[0] ?? "");
      if (
        m &&
        LABEL.test(m[1] as string) &&
        at >= threshold(cols, 1, ctx.tol) &&
        at <= leftOf(cols, 1) + ctx.window
      ) {
        const label = m[1] as string;
        out.push({ x: rest.x, end: rest.x + columnWidth(label), text: label, col: 0 });
        rest = { x: at, end: rest.end, text: rest.text.slice(m[0].length) };
        c = 1;
      }
    }
    if (split && c > 0 && c + 1 < cols.length) {
      const taken = (col: number) => firstCols.some((fc, j) => j !== idx && fc === col);
      out.push(...splitChunk(rest, c, cols, ctx, local, taken));
      return;
    }
    out.push({ ...rest, col: c });
  });
  // Fixed-width text: a cell that overflowed into the next column's area pushes its neighbour right.
  // A chunk right after it (a few spaces on), before the heading of the column it would otherwise
  // land in, is that neighbour.
  if (ctx.exact) {
    for (let idx = 1; idx < out.length; idx++) {
      const a = out[idx - 1] as Piece;
      const b = out[idx] as Piece;
      const next = out[idx + 1];
      if (
        b.col >= a.col + 2 &&
        a.end > leftOf(cols, a.col + 1) + ctx.tol &&
        b.x - a.end <= 4 &&
        b.x < (cols[b.col] as Col).x &&
        (!next || next.col > a.col + 1)
      )
        b.col = a.col + 1;
    }
  }
  return out;
}

function cellsOf(pieces: readonly Piece[], width: number): string[][] {
  const cells: string[][] = Array.from({ length: width }, () => []);
  for (const p of pieces) cells[Math.min(p.col, width - 1)]?.push(p.text);
  return cells;
}

/** Header cells; in fixed-width text a piece running two headings together is split between them. */
function headerCells(lines: readonly PositionedLine[], cols: readonly Col[], ctx: Ctx): string[][] {
  const cells: string[][] = cols.map(() => []);
  for (const line of lines) {
    for (const chunk of textChunks(line)) {
      let rest: Chunk = chunk;
      let c = columnOf(rest.x, cols, ctx.tol);
      while (ctx.exact && c + 1 < cols.length && rest.end > leftOf(cols, c + 1) + ctx.tol) {
        const parts = splitNear(rest, leftOf(cols, c + 1), ctx.window);
        if (!parts) break;
        cells[c]?.push(parts[0].text);
        rest = parts[1];
        c = Math.max(c + 1, columnOf(rest.x, cols, ctx.tol));
      }
      cells[c]?.push(rest.text);
    }
  }
  return cells;
}

/** Body left edges per column: the most common left edge of chunks that stay within their column. */
function calibrate(cols: readonly Col[], lines: readonly PositionedLine[], ctx: Ctx): Col[] {
  const xs: number[][] = cols.map(() => []);
  const widths: number[] = cols.map(() => 0);
  for (const line of lines) {
    for (const p of place(line, cols, ctx, false)) {
      const reach = p.col + 1 < cols.length ? leftOf(cols, p.col + 1) + ctx.tol : Number.POSITIVE_INFINITY;
      if (p.end <= reach) {
        xs[p.col]?.push(p.x);
        widths[p.col] = Math.max(widths[p.col] ?? 0, p.end - p.x);
      }
    }
  }
  return cols.map((col, i) => {
    const list = xs[i] ?? [];
    // The largest cluster of left edges (layout tools drift by a character); its most common value.
    let best: number | undefined;
    let bestN = 1;
    let bestExact = 0;
    for (const x of list) {
      const n = list.filter((y) => Math.abs(y - x) <= ctx.tol).length;
      const exact = list.filter((y) => y === x).length;
      if (
        n > bestN ||
        (n === bestN && best !== undefined && (exact > bestExact || (exact === bestExact && x < best)))
      ) {
        best = x;
        bestN = n;
        bestExact = exact;
      }
    }
    const { start: _old, width: _w, ...kept } = col;
    const rest: Col = ctx.exact && (widths[i] ?? 0) > 0 ? { ...kept, width: widths[i] as number } : kept;
    return i > 0 && best !== undefined && best >= threshold(cols, i, ctx.tol)
      ? { ...rest, start: best }
      : rest;
  });
}

/** How far (in characters) a row's column may sit from the page's. */
const ROW_DRIFT = 8;

/**
 * Fixed-width text: the columns as one row's lines show them. `pdftotext -layout` places each
 * row's cells by the characters of the row's own lines, so a column may start a few characters left
 * or right of where the page's other rows have it. The left edges of the row's chunks, grouped,
 * are matched in order to the columns (each within ROW_DRIFT of the page's start); a column the
 * row shows no edge for moves with its neighbours. Null when the edges do not match the columns one
 * to one (a cell running into the next column's area, text set apart inside a cell).
 */
function rowGeometry(lines: readonly PositionedLine[], cols: readonly Col[], ctx: Ctx): Col[] | null {
  const n = cols.length;
  if (n < 3) return null;
  const xs: number[] = [];
  for (const line of lines) {
    const chunks = textChunks(line);
    chunks.forEach((chunk, idx) => {
      const c = chunkColumn(chunk, cols, ctx.tol);
      // A chunk pushed past the next column's start by a cell that overflowed into that column's
      // area (as `place` tells it) shows no column.
      const before = chunks[idx - 1];
      if (before) {
        let b = chunkColumn(before, cols, ctx.tol);
        if (b === 0 && /^\S+\s/u.test(before.text) && LABEL.test(before.text.split(" ")[0] ?? "")) b = 1;
        if (
          c >= b + 2 &&
          before.end > leftOf(cols, b + 1) + ctx.tol &&
          chunk.x - before.end <= 4 &&
          chunk.x < (cols[c] as Col).x
        )
          return;
      }
      if (c > 0) xs.push(chunk.x);
      else {
        // An STT run together with the task's first words: the words start the second column.
        const m = /^(\S+)\s+/u.exec(chunk.text);
        if (m && LABEL.test(m[1] as string)) xs.push(chunk.x + columnWidth(m[0]));
      }
    });
  }
  xs.sort((a, b) => a - b);
  const clusters: number[] = [];
  let prev = Number.NEGATIVE_INFINITY;
  for (const x of xs) {
    if (x - prev > 2 * ctx.tol) clusters.push(x);
    prev = x;
  }
  const page = cols.map((_, c) => leftOf(cols, c));
  const k = clusters.length;
  if (k === 0 || k > n - 1) return null;
  // best[i][c]: the least total distance matching clusters 0..i-1 to columns 1..c, in order.
  const INF = Number.POSITIVE_INFINITY;
  const best: number[][] = Array.from({ length: k + 1 }, (_, i) =>
    Array.from({ length: n }, (_, c) => (i === 0 ? 0 : c === 0 ? INF : Number.NaN)),
  );
  const at = (i: number, c: number) => (best[i] as number[])[c] as number;
  for (let i = 1; i <= k; i++) {
    for (let c = 1; c < n; c++) {
      const d = Math.abs((clusters[i - 1] as number) - (page[c] as number));
      const take = d <= ROW_DRIFT ? at(i - 1, c - 1) + d : INF;
      (best[i] as number[])[c] = Math.min(at(i, c - 1), take);
    }
  }
  if (at(k, n - 1) === INF) return null;
  const starts: Array<number | undefined> = new Array(n).fill(undefined);
  for (let i = k, c = n - 1; i > 0 && c > 0; c--) {
    if (at(i, c) !== at(i, c - 1)) {
      starts[c] = clusters[i - 1] as number;
      i--;
    }
  }
  // Columns the row shows no edge for move with their neighbours.
  const shift = (c: number): number | undefined => {
    const s = starts[c];
    return s === undefined ? undefined : s - (page[c] as number);
  };
  const row: number[] = page.map((p, c) => {
    if (c === 0 || starts[c] !== undefined) return starts[c] ?? p;
    let l = c - 1;
    while (l > 0 && shift(l) === undefined) l--;
    let r = c + 1;
    while (r < n && shift(r) === undefined) r++;
    const ds = [shift(l), r < n ? shift(r) : undefined].filter((d): d is number => d !== undefined);
    return ds.length > 0 ? p + Math.round(ds.reduce((a, b) => a + b, 0) / ds.length) : p;
  });
  for (let c = 2; c < n; c++) row[c] = Math.max(row[c] as number, (row[c - 1] as number) + 2);
  return cols.map((col, c) => {
    const x = row[c] as number;
    const end = c + 1 < n ? (row[c + 1] as number) : Math.max(col.end, x + 1);
    if (c === 0) return { ...col, end: Math.min(col.end, row[1] as number) };
    const known = col.start !== undefined || starts[c] !== undefined;
    const { start: _s, ...rest } = col;
    return known ? { ...rest, x, end, start: x } : { ...rest, x: Math.min(col.x, x), end };
  });
}

/** Columns a segment could not calibrate borrow another segment's start, shifted with the header. */
function borrowStarts(segment: readonly Col[], others: ReadonlyArray<readonly Col[]>): Col[] {
  return segment.map((col, i) => {
    if (col.start !== undefined || i === 0) return col;
    for (const other of others) {
      const o = other[i];
      if (other.length === segment.length && o?.start !== undefined) {
        return { ...col, start: o.start + (col.x - o.x) };
      }
    }
    return col;
  });
}

/**
 * A body column hidden in one header column: several body lines put two chunks into the same column
 * with the second starting at the same place. Split the column there.
 */
function refineColumns(cols: readonly Col[], body: readonly PositionedLine[], ctx: Ctx): Col[] {
  let result = cols.map((c) => ({ ...c }));
  for (let pass = 0; pass < 4; pass++) {
    const seconds = new Map<number, number[]>();
    for (const line of body) {
      const firstX = new Map<number, number>();
      for (const p of place(line, result, ctx)) {
        const before = firstX.get(p.col);
        if (before === undefined) firstX.set(p.col, p.x);
        else if (p.x - before > ctx.tol * 2) {
          const list = seconds.get(p.col) ?? [];
          list.push(p.x);
          seconds.set(p.col, list);
        }
      }
    }
    let changed = false;
    for (const [c, xs] of seconds) {
      let bestX = 0;
      let bestN = 0;
      for (const x of xs) {
        const near = xs.filter((y) => Math.abs(y - x) <= ctx.tol);
        if (near.length > bestN) {
          bestN = near.length;
          bestX = Math.min(...near);
        }
      }
      if (bestN < 2) continue;
      const col = result[c] as Col;
      result = [
        ...result.slice(0, c),
        { ...col, end: Math.min(col.end, bestX - ctx.tol) },
        { x: bestX, end: Math.max(col.end, bestX + ctx.tol), start: bestX },
        ...result.slice(c + 1),
      ];
      changed = true;
      break;
    }
    if (!changed) break;
  }
  return result;
}

interface Fit {
  fits: boolean;
  /** A group row spanning columns ("II. CHÍNH QUYỀN SỐ", or "I" + a title across the table). */
  span: boolean;
}

function fitLine(
  line: PositionedLine,
  pieces: readonly Piece[],
  cols: readonly Col[],
  ctx: Ctx,
  ruled: boolean,
): Fit {
  if (pieces.length === 0) return { fits: true, span: false };
  const chunks = textChunks(line);
  const groupSpan = chunks.length === 1 && GROUP_SPAN.test(chunks[0]?.text ?? "");
  // Inside a ruled grid the rules decide; merged cells may span any number of columns.
  if (ruled) return { fits: line.ruled !== false, span: groupSpan };
  if (groupSpan) return { fits: true, span: true };
  const [p0, p1] = pieces;
  if (pieces.length === 2 && p0 && p1 && p0.col === 0 && GROUP_LABEL.test(p0.text) && p1.col === 1) {
    if (cols.length > 3 && p1.end > leftOf(cols, 3) + ctx.tol) return { fits: true, span: true };
  }
  for (const p of pieces) {
    // Column 0 (STT) holds a label, never text running into the next column.
    if (p.col === 0 && cols.length > 1 && p.end > leftOf(cols, 1) + ctx.tol)
      return { fits: false, span: false };
    // Other cells may run into the next column's area, not across two boundaries.
    if (p.col + 2 < cols.length && p.end > leftOf(cols, p.col + 2) + ctx.tol)
      return { fits: false, span: false };
  }
  return { fits: true, span: false };
}

function looksLikeHeader(line: PositionedLine, minColumns: number): boolean {
  const texts = textChunks(line).map((c) => c.text);
  if (texts.length < minColumns || isNumberingLine(line)) return false;
  if (LABEL.test(texts[0] as string)) return false;
  return texts.every((t) => [...t].length <= MAX_HEADER_CHUNK && !/[.;:]$/u.test(t));
}

/**
 * A line right above a header line that belongs to the header: short headings, each set over a
 * heading of the lines below (the upper half of a heading centred on the header's middle line).
 */
function headerAbove(line: PositionedLine, below: readonly PositionedLine[], tol: number): boolean {
  const chunks = textChunks(line);
  if (chunks.length === 0 || isNumberingLine(line) || isPageFurniture(line)) return false;
  const firstText = (chunks[0] as Chunk).text;
  if (LABEL.test(firstText.split(" ")[0] ?? "") || GROUP_SPAN.test(firstText)) return false;
  const next = textChunks(below[0] as PositionedLine);
  const under = below.flatMap((l) => textChunks(l));
  return chunks.every(
    (c) =>
      [...c.text].length <= MAX_HEADER_CHUNK &&
      !/[.;:]$/u.test(c.text) &&
      // Over one heading of the line below, not across several (a running title).
      next.filter((u) => overlap(c, u) > tol / 2).length <= 1 &&
      under.some((u) => {
        const o = overlap(c, u);
        return o > tol / 2 && o >= Math.min(c.end - c.x, u.end - u.x) / 2;
      }),
  );
}

interface Segment {
  /** Header line indexes (the table's header, or its repeat after a page break). */
  header: number[];
  cols: Col[];
}

interface RowBuild {
  first: number;
  last: number;
  /** Pieces per column; a cell merged down shares its array with the rows above. */
  cells: string[][];
  group: boolean;
  merged?: Set<number>;
}

function finishCells(cells: readonly string[][]): string[] {
  return cells.map((parts) => squash(parts.join(" ")));
}

/** A rule above `line` across (nearly) the whole width of the header lines and the line itself. */
function fullRuleAbove(line: PositionedLine, header: readonly PositionedLine[]): boolean {
  if (!line.ruleAbove) return false;
  if (!line.ruleCover) return true;
  const chunks = [...header, line].flatMap((l) => textChunks(l));
  if (chunks.length === 0) return true;
  const x0 = Math.min(...chunks.map((c) => c.x));
  const x1 = Math.max(...chunks.map((c) => c.end));
  let covered = 0;
  for (const [a, b] of line.ruleCover) covered += Math.max(0, Math.min(b, x1) - Math.max(a, x0));
  return covered >= 0.9 * (x1 - x0);
}

/** A ruled header block: the lines after the table's top rule, down to the next full rule. */
function ruledHeaderBlock(
  lines: readonly PositionedLine[],
  start: number,
  minColumns: number,
  tol: number,
): boolean {
  const first = lines[start] as PositionedLine;
  if (first.ruled !== true || first.ruleAbove !== true) return false;
  const block: PositionedLine[] = [first];
  for (let j = start + 1; j < lines.length && block.length < MAX_HEADER_LINES; j++) {
    const line = lines[j] as PositionedLine;
    if (line.ruled !== true || fullRuleAbove(line, block)) break;
    block.push(line);
  }
  const chunks = block.flatMap((l) => textChunks(l));
  if (chunks.some((c) => [...c.text].length > MAX_HEADER_CHUNK)) return false;
  const firstText = textChunks(first)[0]?.text ?? "";
  if (LABEL.test(firstText) || GROUP_SPAN.test(firstText)) return false;
  return columnsFromHeader(chunks, tol).length >= minColumns;
}

/** Try to build a table whose header starts at line `start`; null when no body row fits its columns. */
function buildTable(
  lines: readonly PositionedLine[],
  start: number,
  minColumns: number,
  ctx: Ctx,
  floor = 0,
): ColumnTable | null {
  const { tol } = ctx;
  const head = lines[start] as PositionedLine;
  const ruled = head.ruled === true;

  // Header lines: until the first line opening with a label (or a column-numbering line).
  const headerIdx = [start];
  let k = start + 1;
  let cols = columnsFromHeader(head.chunks, tol);
  while (k < lines.length && headerIdx.length < MAX_HEADER_LINES) {
    const line = lines[k] as PositionedLine;
    if (isBlank(line)) {
      k++;
      continue;
    }
    // Outside the grid, or below the rule that closes the header row (a partial rule under a
    // heading spanning sub-columns does not).
    if (
      ruled &&
      (line.ruled === false ||
        fullRuleAbove(
          line,
          headerIdx.map((i) => lines[i] as PositionedLine),
        ))
    )
      break;
    const chunks = textChunks(line);
    const firstText = chunks[0]?.text ?? "";
    if (chunks.some((c) => [...c.text].length > MAX_HEADER_CHUNK)) break;
    if (LABEL.test(firstText) || GROUP_SPAN.test(firstText) || isNumberingLine(line)) break;
    // A header continuation sits under the header's columns; it does not span them (in a ruled grid
    // a heading may span sub-columns).
    if (!ruled && chunks.some((c) => cols.filter((col) => overlap(col, c) > tol / 2).length >= 3)) break;
    // Figures below a blank line are a body row of a table without an STT column ("Số lượt người
    // dân …  Lượt  2.300  4.000"), not more header.
    if (!ruled && isBlank(lines[k - 1]) && chunks.some((c) => VALUE.test(c.text))) break;
    headerIdx.push(k);
    cols = columnsFromHeader(
      headerIdx.flatMap((i) => (lines[i] as PositionedLine).chunks),
      tol,
    );
    k++;
  }
  // Header lines above the first one that shows three headings: the upper half of a heading set
  // around the header's middle line ("Năm 2025" over "(ước)", "Đơn vị thực" over "hiện").
  let top = start;
  if (!ruled) {
    while (top - 1 >= floor && headerIdx.length < MAX_HEADER_LINES) {
      const above = lines[top - 1] as PositionedLine;
      if (
        lines[top]?.pageStart ||
        !headerAbove(
          above,
          headerIdx.map((i) => lines[i] as PositionedLine),
          tol,
        )
      )
        break;
      top--;
      headerIdx.unshift(top);
    }
    if (top < start)
      cols = columnsFromHeader(
        headerIdx.flatMap((i) => (lines[i] as PositionedLine).chunks),
        tol,
      );
  }
  if (cols.length < minColumns) return null;
  const width = cols.length;
  const headerKeys = headerIdx.map((i) => headerKey(lines[i] as PositionedLine));

  /** Number of lines of a header repeated at line i (0 when it is not one). */
  const repeatedHeaderAt = (i: number): number => {
    let n = 0;
    let j = i;
    for (const key of headerKeys) {
      while (j < lines.length && j > i && isBlank(lines[j])) j++;
      if (j >= lines.length || headerKey(lines[j] as PositionedLine) !== key) break;
      n = j - i + 1;
      j++;
    }
    return n;
  };
  /** A page number sits next to a form feed or right before a repeated header. */
  const nearPageBreak = (i: number): boolean => {
    for (let j = Math.max(0, i - 3); j <= Math.min(lines.length - 1, i + 4); j++) {
      if (lines[j]?.pageStart) return true;
    }
    let j = i + 1;
    while (j < lines.length && (isBlank(lines[j]) || isPageFurniture(lines[j] as PositionedLine))) j++;
    return j < lines.length && repeatedHeaderAt(j) > 0;
  };
  const calibrated = (header: number[], geometry: Col[]): Col[] => {
    const from = (header[header.length - 1] as number) + 1;
    const region: PositionedLine[] = [];
    for (let j = from; j < lines.length && j < from + CALIBRATION_LINES; j++) {
      if (j > from && repeatedHeaderAt(j) > 0) break;
      // Nor past the prose after the table: one chunk running across three columns.
      const chunks = textChunks(lines[j] as PositionedLine);
      const only = chunks[0];
      if (
        !ruled &&
        only &&
        chunks.length === 1 &&
        !GROUP_SPAN.test(only.text) &&
        geometry.filter((c) => overlap(c, only) > tol / 2).length >= 3
      )
        break;
      region.push(lines[j] as PositionedLine);
    }
    return calibrate(geometry, region, ctx);
  };

  /** Clean left edges of column `col` on the other lines of line j's row (fixed-width layouts drift by row). */
  const localStarts =
    (j: number, geometry: readonly Col[]): LocalStarts =>
    (col: number) => {
      const inFirstColumn = (m: number) =>
        textChunks(lines[m] as PositionedLine).some((c) => chunkColumn(c, geometry, tol) === 0);
      let a = j;
      while (a > k && !inFirstColumn(a) && !isBlank(lines[a - 1])) a--;
      // The row's other lines, across a repeated header (a row split by a page break).
      const span: number[] = [];
      for (let m = a; m < j; m++) span.push(m);
      let b = j + 1;
      while (b < lines.length && b <= j + 12 && !isBlank(lines[b])) {
        const repeat = repeatedHeaderAt(b);
        if (repeat > 0) {
          b += repeat;
          continue;
        }
        if (inFirstColumn(b)) break;
        span.push(b);
        b++;
      }
      const xs: number[] = [];
      for (const m of span) {
        if (m === j) continue;
        for (const p of place(lines[m] as PositionedLine, geometry, ctx, false)) {
          const reach =
            p.col + 1 < geometry.length ? leftOf(geometry, p.col + 1) + tol : Number.POSITIVE_INFINITY;
          if (p.col === col && p.end <= reach) xs.push(p.x);
        }
      }
      return xs;
    };
  const placeAt = (j: number, geometry: readonly Col[]): Piece[] =>
    place(lines[j] as PositionedLine, geometry, ctx, ctx.exact, localStarts(j, geometry));

  // Pass 1: which lines belong to the table, segment by segment.
  type Kind = "body" | "drop" | "span";
  const kinds = new Map<number, Kind>();
  const segments: Segment[] = [{ header: headerIdx, cols: calibrated(headerIdx, cols) }];
  let seg = segments[0] as Segment;
  let i = k;
  let last = headerIdx[headerIdx.length - 1] as number;
  let bodyLines = 0;
  /** Whether rows open with an STT or group label (undefined: not known yet, or a ruled grid). */
  let labelled: boolean | undefined;
  while (i < lines.length) {
    const line = lines[i] as PositionedLine;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const repeat = repeatedHeaderAt(i);
    if (repeat > 0) {
      const idx: number[] = [];
      for (let j = i; j < i + repeat; j++) {
        kinds.set(j, "drop");
        if (!isBlank(lines[j])) idx.push(j);
      }
      // Fixed-width text is laid out page by page: recalibrate the columns on the repeated header.
      const again = columnsFromHeader(
        idx.flatMap((j) => (lines[j] as PositionedLine).chunks),
        tol,
      );
      seg = { header: idx, cols: calibrated(idx, again.length === width ? again : seg.cols) };
      segments.push(seg);
      last = i + repeat - 1;
      i += repeat;
      continue;
    }
    if (isPageFurniture(line) && nearPageBreak(i)) {
      kinds.set(i, "drop");
      i++;
      continue;
    }
    // A running header at the top of a page, before the repeated table header.
    if ((line.pageStart || lines[i - 1]?.pageStart) && textChunks(line).length <= 2) {
      let j = i + 1;
      while (
        j < lines.length &&
        j <= i + 3 &&
        (isBlank(lines[j]) || textChunks(lines[j] as PositionedLine).length <= 2)
      )
        if (repeatedHeaderAt(j) > 0) break;
        else j++;
      if (j < lines.length && repeatedHeaderAt(j) > 0) {
        for (let m = i; m < j; m++) kinds.set(m, "drop");
        i = j;
        continue;
      }
    }
    const pieces = placeAt(i, seg.cols);
    // A single chunk (prose, a running header) is judged as it stands: splitting would make anything fit.
    const single = textChunks(line).length === 1;
    const fit = fitLine(line, single ? place(line, seg.cols, ctx, false) : pieces, seg.cols, ctx, ruled);
    let accept = fit.fits;
    // Without an STT column a numbered heading after the table ("3. Nhiệm vụ trọng tâm") fits the
    // first column: like a group row, it belongs to the table only when a row follows.
    const chunks = textChunks(line);
    const heading =
      labelled === false &&
      chunks.length === 1 &&
      LABEL.test((chunks[0] as Chunk).text.split(" ")[0] ?? "") &&
      /\s/u.test((chunks[0] as Chunk).text);
    if (accept && (fit.span || heading) && !ruled) {
      // A spanning group row is followed by a line that fits plainly (a task row); a heading after
      // the table is followed by prose. A page break may come in between.
      let j = i + 1;
      for (;;) {
        while (j < lines.length && isBlank(lines[j])) j++;
        const repeat = j < lines.length ? repeatedHeaderAt(j) : 0;
        if (repeat > 0) j += repeat;
        else if (j < lines.length && isPageFurniture(lines[j] as PositionedLine) && nearPageBreak(j)) j++;
        else break;
      }
      const next = lines[j];
      const nextPieces = next && textChunks(next).length > 1 ? placeAt(j, seg.cols) : null;
      const nextFit = next
        ? fitLine(next, nextPieces ?? place(next, seg.cols, ctx, false), seg.cols, ctx, ruled)
        : null;
      accept = nextFit?.fits === true && !nextFit.span;
    }
    if (!accept) {
      // Page furniture (footer, running header) before a repeated header: skip it.
      let j = i;
      let furniture = true;
      for (; j < lines.length && j <= i + FURNITURE_LOOKAHEAD; j++) {
        if (isBlank(lines[j])) continue;
        if (repeatedHeaderAt(j) > 0) break;
        const l = lines[j] as PositionedLine;
        if (textChunks(l).length > 2 || lineText(l).length > 80) {
          furniture = false;
          break;
        }
      }
      if (furniture && j < lines.length && j <= i + FURNITURE_LOOKAHEAD && repeatedHeaderAt(j) > 0) {
        for (let m = i; m < j; m++) kinds.set(m, "drop");
        i = j;
        continue;
      }
      break;
    }
    if (labelled === undefined && !ruled && !fit.span && !isNumberingLine(line)) {
      // The first body line opens a row: a label in the first column, or, in a table without an
      // STT column (indicators: name | unit | figures), a line filling most columns from the first.
      const c0 = pieces
        .filter((p) => p.col === 0)
        .map((p) => p.text)
        .join(" ");
      const filled = new Set(pieces.map((p) => p.col));
      if (LABEL.test(c0)) labelled = true;
      else if (filled.has(0) && filled.size >= Math.max(minColumns, width - 1)) labelled = false;
      else if (bodyLines === 0) return null;
    }
    kinds.set(i, fit.span ? "span" : "body");
    bodyLines++;
    last = i;
    i++;
  }
  if (bodyLines === 0) return null;

  // Pass 2: refine each segment's columns with its body lines, then assemble the rows.
  const calibrations = segments.map((sg) => sg.cols);
  segments.forEach((segment, s) => {
    segment.cols = borrowStarts(
      segment.cols,
      calibrations.filter((_, o) => o !== s),
    );
  });
  segments.forEach((segment, s) => {
    const from = (segment.header[segment.header.length - 1] as number) + 1;
    const to = (segments[s + 1]?.header[0] ?? last + 1) - 1;
    const body: PositionedLine[] = [];
    for (let j = from; j <= to; j++) if (kinds.get(j) === "body") body.push(lines[j] as PositionedLine);
    const refined = refineColumns(segment.cols, body, ctx);
    // A column the first segment's header hid is a column for the whole table; later pages keep the count.
    segment.cols = refined.length === width || s === 0 ? refined : segment.cols;
  });
  const first = segments[0] as Segment;
  const columnCount = first.cols.length;
  const segmentOf = (j: number): Segment => {
    let found = first;
    for (const sg of segments) if ((sg.header[0] as number) <= j) found = sg;
    return found;
  };
  const rows: RowBuild[] = [
    {
      first: top,
      last: first.header[first.header.length - 1] as number,
      cells: headerCells(
        first.header.map((j) => lines[j] as PositionedLine),
        first.cols,
        ctx,
      ),
      group: false,
    },
  ];
  const rowRules =
    head.ruleAbove === true ||
    [...kinds].some(([j, kind]) => kind === "body" && lines[j]?.ruleAbove === true);
  /**
   * After a repeated header, a rule-delimited block with nothing in the first column is the rest of
   * the row the page break split, unless an STT turns up further down the block (centred vertically).
   */
  const labelBeforeNextRule = (j: number): boolean => {
    for (let m = j + 1; m <= last; m++) {
      const kind = kinds.get(m);
      if (kind === undefined || kind === "drop") continue;
      const l = lines[m] as PositionedLine;
      if (kind === "span" || l.ruleAbove) return false;
      const pieces = placeAt(m, segmentOf(m).cols);
      if (
        LABEL.test(
          pieces
            .filter((p) => p.col === 0)
            .map((p) => p.text)
            .join(" "),
        )
      )
        return true;
    }
    return false;
  };
  // Blank lines between body lines part the rows (`pdftotext -layout` leaves one per row gap).
  let blankParted = false;
  for (let j = k, seen = false; j <= last; j++) {
    const kind = kinds.get(j);
    if (kind === "body" || kind === "span") {
      if (seen && isBlank(lines[j - 1])) blankParted = true;
      seen = true;
    }
  }
  let current: RowBuild | null = null;
  let afterRepeat = false;
  for (let j = k; j <= last; j++) {
    const kind = kinds.get(j);
    if (kind === "drop") {
      if (segments.some((sg) => sg.header.includes(j))) afterRepeat = true;
      continue;
    }
    if (kind === undefined) continue;
    const line = lines[j] as PositionedLine;
    if (kind === "span") {
      const cells: string[][] = Array.from({ length: columnCount }, () => []);
      cells[0]?.push(lineText(line));
      current = { first: j, last: j, cells, group: true };
      rows.push(current);
      afterRepeat = false;
      continue;
    }
    const segment = segmentOf(j);
    const cells = cellsOf(placeAt(j, segment.cols), segment.cols.length);
    // A later page whose geometry lost a hidden column: pad to the table's width.
    while (cells.length < columnCount) cells.push([]);
    cells.length = columnCount;
    const c0 = (cells[0] ?? []).join(" ");
    let starts: boolean;
    if (!current) starts = true;
    else if (rowRules && line.ruleAbove) starts = !(afterRepeat && c0 === "") || labelBeforeNextRule(j);
    else if (c0 === "") starts = false;
    // Rules drawn but none here: only an STT arriving in a row that has one already (a missed rule)
    // starts a row; other first-column text is the cell wrapping.
    else if (rowRules) starts = LABEL.test(c0) && (current.cells[0] ?? []).length > 0;
    // No STT column: the first column wraps too. A row opens after a blank line when blank lines
    // part the rows, else where figures arrive for a row that has its own already.
    else if (labelled === false && !current.group) {
      let gap = false;
      for (let m = current.last + 1; m < j; m++) if (isBlank(lines[m])) gap = true;
      const beyond = (cs: readonly string[][]) => cs.some((p, ci) => ci > 0 && p.length > 0);
      starts = blankParted ? gap : beyond(cells) && beyond(current.cells);
    } else starts = true;
    // A group row keeps to itself: a following line with text outside its title column is a new row.
    if (!starts && current?.group) {
      const titleCol = current.cells.findIndex((p, ci) => ci > 0 && p.length > 0);
      if (titleCol < 0 || cells.some((p, ci) => p.length > 0 && ci !== titleCol)) starts = true;
    }
    afterRepeat = false;
    if (starts || !current) {
      const nonEmpty = cells.filter((p) => p.length > 0).length;
      const row: RowBuild = { first: j, last: j, cells, group: GROUP_LABEL.test(c0) && nonEmpty <= 2 };
      // Columns the rule above leaves open continue the cell above (merged down).
      const above = current;
      if (above && !above.group && line.ruleAbove && line.ruleCover) {
        const cover = line.ruleCover;
        segment.cols.forEach((col, ci) => {
          const mid = (col.x + col.end) / 2;
          const shared = above.cells[ci];
          if (ci >= columnCount || !shared || cover.some(([a, b]) => a - tol <= mid && mid <= b + tol))
            return;
          shared.push(...(cells[ci] ?? []));
          row.cells[ci] = shared;
          row.merged ??= new Set();
          row.merged.add(ci);
        });
      }
      current = row;
      rows.push(current);
    } else {
      const row: RowBuild = current;
      cells.forEach((parts, ci) => {
        row.cells[ci]?.push(...parts);
      });
      row.last = j;
    }
  }

  // Fixed-width text: `pdftotext -layout` sets each row's columns a little left or right of the
  // page's; place each row's lines by the columns its own lines show.
  if (ctx.exact) {
    for (const row of rows.slice(1)) {
      if (row.group || row.merged) continue;
      const body: number[] = [];
      for (let j = row.first; j <= row.last; j++) if (kinds.get(j) === "body") body.push(j);
      const cells: string[][] = Array.from({ length: columnCount }, () => []);
      let changed = false;
      for (const segment of segments) {
        const part = body.filter((j) => segmentOf(j) === segment);
        if (part.length === 0) continue;
        const geometry = rowGeometry(
          part.map((j) => lines[j] as PositionedLine),
          segment.cols,
          ctx,
        );
        if (geometry) changed = true;
        for (const j of part) {
          const pieces = placeAt(j, geometry ?? segment.cols);
          cellsOf(pieces, segment.cols.length).forEach((parts, ci) => {
            cells[Math.min(ci, columnCount - 1)]?.push(...parts);
          });
        }
      }
      if (changed) row.cells = cells;
    }
  }

  return {
    first: top,
    last,
    columns: first.cols.map((c, ci) => (ci === 0 ? c.x : threshold(first.cols, ci, 0))),
    rows: rows.map((r) => {
      const row: ColumnRow = { first: r.first, last: r.last, cells: finishCells(r.cells) };
      if (r.merged && r.merged.size > 0) row.merged = [...r.merged].sort((a, b) => a - b);
      return row;
    }),
  };
}

/** Whether every chunk's extent equals its text's width in characters (fixed-width text). */
function characterColumns(lines: readonly PositionedLine[]): boolean {
  let seen = 0;
  for (const line of lines) {
    for (const c of line.chunks) {
      if (!Number.isInteger(c.x) || c.end - c.x !== columnWidth(c.text)) return false;
      seen++;
    }
  }
  return seen > 0;
}

/** Runs of lines that form a table, each with its rows (rows[0] the header) and one string per column. */
export function findColumnTables(
  lines: readonly PositionedLine[],
  options: ColumnTableOptions = {},
): ColumnTable[] {
  const minColumns = options.minColumns ?? 3;
  const exact = options.characterColumns ?? characterColumns(lines);
  const tol = options.tolerance ?? 1;
  const ctx: Ctx = { tol, exact, window: Math.max(3, Math.round(tol * 3)) };
  const tables: ColumnTable[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as PositionedLine;
    if (ruledHeaderBlock(lines, i, minColumns, tol) || looksLikeHeader(line, minColumns)) {
      const table = buildTable(lines, i, minColumns, ctx, (tables[tables.length - 1]?.last ?? -1) + 1);
      if (table) {
        tables.push(table);
        i = table.last + 1;
        continue;
      }
    }
    i++;
  }
  return tables;
}

/** Width of a text in a fixed-width layout: combining marks take no column. */
function columnWidth(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\p{M}/u.test(ch)) n++;
  return n;
}

/**
 * Fixed-width text (`pdftotext -layout`, hand-aligned plans) as positioned lines: each line split at
 * runs of two or more spaces; x/end are character columns. Tabs expand to 8-column stops; a form feed
 * marks the start of a page. The result has one entry per line of `text`.
 */
export function fixedWidthLines(text: string): PositionedLine[] {
  return text.split(/\r\n|\r|\n/u).map((raw) => {
    const pageStart = raw.includes("\f");
    let line = "";
    for (const ch of raw.replace(/\f/gu, "")) {
      if (ch === "\t") line += " ".repeat(8 - (columnWidth(line) % 8));
      else line += ch;
    }
    const chunks: Chunk[] = [];
    for (const m of line.matchAll(/\S+(?: \S+)*/gu)) {
      const x = columnWidth(line.slice(0, m.index));
      chunks.push({ x, end: x + columnWidth(m[0]), text: m[0] });
    }
    return pageStart ? { chunks, pageStart } : { chunks };
  });
}
