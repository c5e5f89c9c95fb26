/**
 * PDF reader: the text layer through pdf.js (unpdf's bundle), scanned pages through offline OCR.
 *
 * - Lines: text items are grouped by baseline (tolerance 35% of the font size), sorted by x and merged
 *   into chunks. A gap wider than ~1.5 spaces (0.4 em) or a table's vertical rule starts a new chunk; a
 *   smaller gap is one space, or nothing under 0.1 em (a word the PDF wrote as several glyph runs).
 *   Page coordinates are the viewport's (rotation applied, y down).
 * - A line with several chunks is written with its chunks separated by "\t": the two-column header
 *   block ("ỦY BAN NHÂN DÂN" | "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", same baselines) comes out line by
 *   line, each phrase whole, as in the .txt plans.
 * - Page furniture: a page number ("3", "- 3 -", "Trang 2/5") among the first or last lines of a page,
 *   and a running header/footer (the same text, digits aside, at the same height on at least half of
 *   the pages, two at least) are dropped.
 * - Tables: the rules drawn on the page (pdf.js operator list) split text items that cross a cell
 *   border and tell `findColumnTables` which lines lie inside a ruled grid and where rows are
 *   separated. A table row becomes ONE canonical line, cells joined by "\t"; a table continued on the
 *   next page is one table (its repeated header row dropped).
 * - Scans: a page with fewer than 20 characters of text that shows a picture covering a quarter of it
 *   is a scanned page; a PDF whose scanned pages outnumber its text pages (or that has no text at all)
 *   is a scan. Its pages' embedded images are extracted (no rendering, so no canvas and no network)
 *   and recognised by `ocr.ts` when `options.ocr` is on; otherwise ReadError("scanned"). Recognised
 *   words become lines the same way, with the table rules found in the picture as the grid hints.
 * - Errors: a password → "encrypted"; no %%EOF at the end (a cut-off download) or anything pdf.js
 *   cannot parse → "damaged"; OCR that fails or times out → "unreadable". Nothing else escapes.
 */
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import { type Chunk, findColumnTables, type PositionedLine } from "./columns.ts";
import { type DocTable, ReadError, type Reader, type SourceDocument } from "./model.ts";
import {
  findRules,
  type OcrImage,
  type OcrLine,
  OcrTimeoutError,
  ocrAvailable,
  type PictureRule,
  recognizeImages,
} from "./ocr.ts";

// pdf.js 5 calls ArrayBuffer.prototype.transferToFixedLength (Node ≥ 21) while building operator
// lists; Node 20 lacks it. A copy is equivalent here (pdf.js runs in-process, nothing is transferred).
if (!("transferToFixedLength" in ArrayBuffer.prototype)) {
  Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", {
    configurable: true,
    writable: true,
    value: function transferToFixedLength(this: ArrayBuffer, length?: number): ArrayBuffer {
      const size = length ?? this.byteLength;
      const copy = new ArrayBuffer(size);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(size, this.byteLength)));
      return copy;
    },
  });
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;
type Matrix = [number, number, number, number, number, number];

/** Characters of text below which a page counts as having no text layer. */
const MIN_PAGE_CHARS = 20;
/** Share of the page a picture must cover for the page to count as a scan. */
const MIN_SCAN_AREA = 0.25;
/** Gap (in em) above which two text items are separate chunks: ~1.5 spaces. */
const CHUNK_GAP = 0.4;
/** Gap (in em) below which two text items are one word (glyph runs). */
const GLUE_GAP = 0.1;
/** Baseline difference (in em) within which items are on one line. */
const BASELINE_TOLERANCE = 0.35;
const TABLE_TOLERANCE = 2;

const PAGE_NUMBER =
  /^(?:[-–—]\s*)?(?:(?:trang|page)\s*)?\d{1,4}(?:\s*(?:\/|trên|of)\s*\d{1,4})?(?:\s*[-–—])?$/iu;

/** A text item placed on the page (viewport units, y down to the baseline). */
export interface TextRun {
  x: number;
  end: number;
  /** Baseline, page units from the top. */
  y: number;
  size: number;
  text: string;
  /** Set for a monospaced font, where one space is wider than the gap that separates table cells. */
  mono?: boolean;
}

/** A horizontal rule (table border) on the page. */
export interface HRule {
  y: number;
  x0: number;
  x1: number;
}

/** A vertical rule (table border) on the page. */
export interface VRule {
  x: number;
  y0: number;
  y1: number;
}

interface Picture {
  key: string | null;
  inline: ImageObject | null;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface ImageObject {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

interface PageLayout {
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
  hRules: HRule[];
  vRules: VRule[];
  pictures: Picture[];
  chars: number;
}

interface Line {
  page: number;
  y: number;
  size: number;
  chunks: Chunk[];
  ruled?: boolean;
  ruleAbove?: boolean;
  ruleCover?: Array<[number, number]>;
}

function multiply(m: Matrix, n: readonly number[]): Matrix {
  const [a, b, c, d, e, f] = m;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = n;
  return [
    a * a2 + c * b2,
    b * a2 + d * b2,
    a * c2 + c * d2,
    b * c2 + d * d2,
    a * e2 + c * f2 + e,
    b * e2 + d * f2 + f,
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function clean(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

function errorName(err: unknown): string {
  return err && typeof err === "object" && "name" in err ? String((err as { name: unknown }).name) : "";
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function asReadError(err: unknown): ReadError {
  if (err instanceof ReadError) return err;
  if (errorName(err) === "PasswordException") return new ReadError("encrypted");
  return new ReadError("damaged", errorMessage(err).slice(0, 200));
}

/** The PDF ends with %%EOF within its last bytes; a cut-off download does not. */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString("latin1");
  return tail.includes("%%EOF");
}

async function pageLayout(page: PdfPage, number: number): Promise<PageLayout> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as unknown as Matrix;
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  let chars = 0;
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "") continue;
    chars += item.str.replace(/\s/gu, "").length;
    const m = multiply(vt, item.transform as number[]);
    const size = Math.hypot(m[2], m[3]);
    // Horizontal, left to right; rotated text (a watermark, a vertical label) is left out.
    if (size <= 0 || m[0] <= 0 || Math.abs(m[1]) > 0.05 * size || Math.abs(m[2]) > 0.05 * size) continue;
    const mono = content.styles[item.fontName]?.fontFamily === "monospace";
    runs.push({
      x: m[4],
      end: m[4] + Math.max(item.width, 0),
      y: m[5],
      size,
      text: item.str,
      ...(mono ? { mono } : {}),
    });
  }

  const { OPS } = await getResolvedPDFJS();
  const ops = await page.getOperatorList();
  const hRules: HRule[] = [];
  const vRules: VRule[] = [];
  const pictures: Picture[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const stroke = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const fill = new Set<number>([OPS.fill, OPS.eoFill]);
  const toPage = (x: number, y: number) => {
    const [ux, uy] = apply(ctm, x, y);
    return apply(vt, ux, uy);
  };
  const addSegment = (a: [number, number], b: [number, number]) => {
    const dx = Math.abs(a[0] - b[0]);
    const dy = Math.abs(a[1] - b[1]);
    if (dy < 1 && dx > 3)
      hRules.push({ y: (a[1] + b[1]) / 2, x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]) });
    else if (dx < 1 && dy > 3)
      vRules.push({ x: (a[0] + b[0]) / 2, y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]) });
  };
  const addBox = (pts: Array<[number, number]>) => {
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const y0 = Math.min(...ys);
    const y1 = Math.max(...ys);
    if (x1 - x0 <= 3 && y1 - y0 > 3) vRules.push({ x: (x0 + x1) / 2, y0, y1 });
    else if (y1 - y0 <= 3 && x1 - x0 > 3) hRules.push({ y: (y0 + y1) / 2, x0, x1 });
  };
  const addPicture = (key: string | null, inline: ImageObject | null) => {
    const corners = [toPage(0, 0), toPage(1, 0), toPage(0, 1), toPage(1, 1)];
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    pictures.push({
      key,
      inline,
      x0: Math.min(...xs),
      y0: Math.min(...ys),
      x1: Math.max(...xs),
      y1: Math.max(...ys),
    });
  };

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0];
      if (matrix && typeof matrix === "object" && "length" in matrix && (matrix as number[]).length === 6)
        ctm = multiply(ctm, Array.from(matrix as ArrayLike<number>));
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && args) {
      const op = args[0];
      if (typeof op !== "number" || !(stroke.has(op) || fill.has(op))) continue;
      const raw = args[1];
      const paths: ArrayLike<number>[] = Array.isArray(raw)
        ? (raw.filter((p) => p && typeof p === "object" && "length" in p) as ArrayLike<number>[])
        : [];
      for (const data of paths) {
        let j = 0;
        let current: [number, number] | null = null;
        let startPoint: [number, number] | null = null;
        let subpath: Array<[number, number]> = [];
        const flushBox = () => {
          if (fill.has(op) && subpath.length >= 2) addBox(subpath);
          subpath = [];
        };
        while (j < data.length) {
          const code = data[j++];
          if (code === 0) {
            flushBox();
            current = toPage(data[j] ?? 0, data[j + 1] ?? 0);
            startPoint = current;
            subpath.push(current);
            j += 2;
          } else if (code === 1) {
            const next = toPage(data[j] ?? 0, data[j + 1] ?? 0);
            if (current && stroke.has(op)) addSegment(current, next);
            current = next;
            subpath.push(next);
            j += 2;
          } else if (code === 2) {
            current = toPage(data[j + 4] ?? 0, data[j + 5] ?? 0);
            j += 6;
          } else if (code === 3) {
            current = toPage(data[j + 2] ?? 0, data[j + 3] ?? 0);
            j += 4;
          } else if (code === 4) {
            if (current && startPoint && stroke.has(op)) addSegment(current, startPoint);
            current = startPoint;
          } else break;
        }
        flushBox();
      }
    } else if ((fn === OPS.paintImageXObject || fn === OPS.paintImageXObjectRepeat) && args) {
      if (typeof args[0] === "string") addPicture(args[0], null);
    } else if (fn === OPS.paintInlineImageXObject && args) {
      addPicture(null, (args[0] as ImageObject) ?? null);
    }
  }
  return { number, width: viewport.width, height: viewport.height, runs, hRules, vRules, pictures, chars };
}

function crossesRule(r: VRule, y: number, size: number): boolean {
  const mid = y - 0.3 * size;
  return r.y0 <= mid && r.y1 >= mid;
}

/** The line's typical advance per character: the median of its runs' width over their length. */
function charAdvance(runs: readonly TextRun[]): number {
  const per = runs
    .filter((r) => r.text.length >= 3)
    .map((r) => (r.end - r.x) / [...r.text].length)
    .sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)] ?? 0;
}

/** Rough advance width of a character in em (serif/sans averages): places a border inside an item. */
function charWidth(ch: string): number {
  const base = ch.normalize("NFD").charAt(0);
  if (/\s/u.test(base)) return 0.25;
  if (/\p{M}/u.test(base)) return 0;
  if (/[ijltfrI.,:;'!|]/u.test(base)) return 0.3;
  if (/[-()/[\]]/u.test(base)) return 0.33;
  if (/[mw]/u.test(base)) return 0.75;
  if (/[MW%]/u.test(base)) return 0.88;
  if (/\p{Ll}/u.test(base)) return 0.48;
  if (/\p{Lu}/u.test(base)) return 0.68;
  return 0.5;
}

/** pdf.js joins text on both sides of a narrow cell border into one item: split it at the border. */
function splitAtRules(run: TextRun, vRules: readonly VRule[]): TextRun[] {
  const borders = vRules
    .filter((r) => r.x > run.x + 1 && r.x < run.end - 1 && crossesRule(r, run.y, run.size))
    .map((r) => r.x)
    .sort((a, b) => a - b);
  if (borders.length === 0) return [run];
  const chars = [...run.text];
  // Where each character starts, by estimated widths scaled to the item's width.
  const starts: number[] = [];
  let sum = 0;
  for (const ch of chars) {
    starts.push(sum);
    sum += charWidth(ch);
  }
  const scale = sum > 0 ? (run.end - run.x) / sum : 0;
  const at = (i: number) => run.x + (i < chars.length ? (starts[i] ?? 0) : sum) * scale;
  const out: TextRun[] = [];
  let from = 0;
  for (const border of borders) {
    // The space whose middle is nearest to the border, else the character there.
    let cut = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = from; i < chars.length; i++) {
      if (!/\s/u.test(chars[i] as string)) continue;
      const d = Math.abs((at(i) + at(i + 1)) / 2 - border);
      if (d < best) {
        best = d;
        cut = i;
      }
    }
    if (cut < 0 || best > 3 * run.size) {
      cut = from;
      while (cut < chars.length && at(cut + 1) <= border) cut++;
    }
    if (cut <= from) continue;
    out.push({
      ...run,
      x: at(from),
      end: Math.min(at(cut), border - 0.5),
      text: chars.slice(from, cut).join(""),
    });
    from = cut;
    while (from < chars.length && /\s/u.test(chars[from] as string)) from++;
  }
  if (from < chars.length) {
    const x = Math.max(at(from), (borders[borders.length - 1] ?? 0) + 0.5);
    out.push({ ...run, x, end: Math.max(run.end, x), text: chars.slice(from).join("") });
  }
  return out.filter((r) => r.text.trim() !== "");
}

/**
 * Positioned text runs → visual lines of chunks, top to bottom, with the grid hints rules give
 * (`ruled`, `ruleAbove`). What the reader does with each page's text items; exported for tests.
 */
export function linesFromRuns(
  runs: readonly TextRun[],
  rules: { vertical?: readonly VRule[]; horizontal?: readonly HRule[] } = {},
): Array<{ y: number; size: number; chunks: Chunk[]; ruled?: boolean; ruleAbove?: boolean }> {
  return buildLines({
    number: 0,
    width: 0,
    height: 0,
    runs: [...runs],
    hRules: [...(rules.horizontal ?? [])],
    vRules: [...(rules.vertical ?? [])],
    pictures: [],
    chars: 0,
  }).map(({ page: _page, ...line }) => line);
}

/** Text items → visual lines of chunks, top to bottom. */
function buildLines(layout: PageLayout): Line[] {
  const runs = layout.runs.flatMap((r) => splitAtRules(r, layout.vRules));
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: Array<{ y: number; size: number; runs: TextRun[] }> = [];
  for (const run of runs) {
    let target: { y: number; size: number; runs: TextRun[] } | undefined;
    for (let g = groups.length - 1; g >= 0 && g >= groups.length - 4; g--) {
      const group = groups[g] as { y: number; size: number; runs: TextRun[] };
      if (Math.abs(group.y - run.y) <= BASELINE_TOLERANCE * Math.max(group.size, run.size)) {
        target = group;
        break;
      }
    }
    if (target) {
      target.runs.push(run);
      // The line's baseline is its main text's, not a superscript's.
      if (run.size > target.size) {
        target.size = run.size;
        target.y = run.y;
      }
    } else groups.push({ y: run.y, size: run.size, runs: [run] });
  }

  const lines: Line[] = [];
  for (const group of groups) {
    const sorted = group.runs.sort((a, b) => a.x - b.x);
    const kept: TextRun[] = [];
    for (const run of sorted) {
      // Fake bold: the same text drawn twice, a hair apart.
      const dup = kept.find((k) => k.text === run.text && Math.abs(k.x - run.x) < 0.5 * run.size);
      if (!dup) kept.push(run);
    }
    const chunks: Chunk[] = [];
    // Text set in a monospaced font (a .txt printed to PDF) spaces its words a whole character apart.
    const advance = kept.some((r) => r.mono) ? charAdvance(kept) : 0;
    let cur: { x: number; end: number; text: string; size: number } | null = null;
    for (const run of kept) {
      if (cur) {
        const gap = run.x - cur.end;
        const em = Math.max(cur.size, run.size);
        const from = cur.end;
        const border = layout.vRules.some(
          (r) => r.x > from - 1 && r.x < run.x + 1 && crossesRule(r, group.y, group.size),
        );
        // In a monospaced font one space is already more than 0.4 em: a gap is wide against the font.
        if (gap <= Math.max(CHUNK_GAP * em, 2.2 * advance) && !border) {
          const glue =
            gap < GLUE_GAP * em || /\s$/u.test(cur.text) || /^[\s\p{M}]/u.test(run.text) ? "" : " ";
          cur.text += glue + run.text;
          cur.end = Math.max(cur.end, run.end);
          cur.size = Math.max(cur.size, run.size);
          continue;
        }
        chunks.push({ x: cur.x, end: cur.end, text: clean(cur.text) });
      }
      cur = { x: run.x, end: run.end, text: run.text, size: run.size };
    }
    if (cur) chunks.push({ x: cur.x, end: cur.end, text: clean(cur.text) });
    const nonEmpty = chunks.filter((c) => c.text !== "");
    if (nonEmpty.length > 0)
      lines.push({ page: layout.number, y: group.y, size: group.size, chunks: nonEmpty });
  }

  gridHints(lines, layout.vRules, layout.hRules);
  return lines;
}

/** Grid hints for the table rebuilder: which lines lie inside a ruled grid, which rules lie above them. */
function gridHints(lines: readonly Line[], vRules: readonly VRule[], hRules: readonly HRule[]): void {
  if (vRules.length > 0 || hRules.length > 0) {
    for (const line of lines) {
      const first = line.chunks[0] as Chunk;
      const last = line.chunks[line.chunks.length - 1] as Chunk;
      const across = vRules.filter((r) => crossesRule(r, line.y, line.size));
      line.ruled = across.some((r) => r.x <= first.x + 1) && across.some((r) => r.x >= last.end - 1);
      line.ruleAbove = false;
    }
    // Each horizontal rule belongs to the first line below it with text under it. A rowspan cell's
    // text, centred across its rows, may sit between: the rule skips its column and that line.
    const covers = new Map<Line, Array<[number, number]>>();
    for (const r of hRules) {
      const under = (line: Line) =>
        line.y - 0.5 * line.size > r.y - 0.5 &&
        line.chunks.some((c) => r.x0 <= (c.x + c.end) / 2 && (c.x + c.end) / 2 <= r.x1);
      const line = lines.find(under);
      if (!line) continue;
      const list = covers.get(line) ?? [];
      list.push([r.x0, r.x1]);
      covers.set(line, list);
    }
    for (const [line, list] of covers) {
      list.sort((a, b) => a[0] - b[0]);
      const cover: Array<[number, number]> = [];
      for (const [a, b] of list) {
        const prev = cover[cover.length - 1];
        if (prev && a <= prev[1] + 1.5) prev[1] = Math.max(prev[1], b);
        else cover.push([a, b]);
      }
      line.ruleAbove = true;
      line.ruleCover = cover;
    }
  }
}

/** Page numbers and running headers/footers: dropped from every page. */
function dropFurniture(pages: Array<{ layout: { number: number; height: number }; lines: Line[] }>): void {
  const zone = 3;
  const candidates: Array<{ page: number; line: Line; key: string; rel: number }> = [];
  for (const { layout, lines } of pages) {
    const edge = lines.filter((_, i) => i < zone || i >= lines.length - zone);
    for (const line of edge) {
      if (line.ruled || line.chunks.length >= 3) continue;
      const rel = line.y / layout.height;
      // Headers and footers sit in the page margins (2 cm of 29.7 is 7%), just above or below the text.
      if (rel > 0.12 && rel < 0.88) continue;
      const text = clean(line.chunks.map((c) => c.text).join(" "));
      candidates.push({ page: layout.number, line, key: text.toLowerCase().replace(/\d+/gu, "#"), rel });
    }
  }
  const drop = new Set<Line>();
  for (const c of candidates) {
    const text = clean(c.line.chunks.map((ch) => ch.text).join(" "));
    if (PAGE_NUMBER.test(text)) {
      drop.add(c.line);
      continue;
    }
    if (pages.length < 2) continue;
    const same = candidates.filter((o) => o.key === c.key && Math.abs(o.rel - c.rel) < 0.02);
    const onPages = new Set(same.map((o) => o.page)).size;
    if (onPages >= 2 && onPages * 2 >= pages.length) drop.add(c.line);
  }
  for (const page of pages) page.lines = page.lines.filter((l) => !drop.has(l));
}

async function pictureData(page: PdfPage, picture: Picture): Promise<ImageObject | null> {
  if (picture.inline) return picture.inline;
  const key = picture.key;
  if (!key) return null;
  const objs = key.startsWith("g_") ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 10_000);
    try {
      objs.get(key, (img: unknown) => {
        clearTimeout(timer);
        resolve((img as ImageObject) ?? null);
      });
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
}

/** A pdf.js decoded image as grey/RGB/RGBA bytes (1-bit images unpacked: a set bit is white). */
function toOcrImage(img: ImageObject): OcrImage | null {
  const { width, height, data } = img;
  if (!data || !width || !height) return null;
  if (img.kind === 1 || data.length === Math.ceil(width / 8) * height) {
    const rowBytes = Math.ceil(width / 8);
    const out = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const byte = data[y * rowBytes + (x >> 3)] ?? 0;
        out[y * width + x] = byte & (0x80 >> (x & 7)) ? 255 : 0;
      }
    }
    return { width, height, channels: 1, data: out };
  }
  const channels = data.length / (width * height);
  if (channels !== 1 && channels !== 3 && channels !== 4) return null;
  return { width, height, channels, data };
}

function isScannedPage(layout: PageLayout): boolean {
  if (layout.chars >= MIN_PAGE_CHARS) return false;
  const area = layout.width * layout.height;
  return layout.pictures.some((p) => ((p.x1 - p.x0) * (p.y1 - p.y0)) / area >= MIN_SCAN_AREA);
}

/** Gap (in em) above which two recognised words are separate chunks; word boxes hug the ink. */
const OCR_CHUNK_GAP = 0.8;

/** A scanned picture on its page: where it is drawn, its pixel size, the table rules seen in it. */
interface Placed {
  picture: Picture;
  width: number;
  height: number;
  rules: PictureRule[];
}

/** Table borders read as part of a word: "|Phòng", "[Lắp", "tế|". */
function stripBorders(text: string): string {
  let t = text.replace(/^[|¦]+|[|¦]+$/gu, "");
  if (t.startsWith("[") && !t.includes("]")) t = t.slice(1);
  if (t.startsWith("{") && !t.includes("}")) t = t.slice(1);
  if (t.endsWith("]") && !t.includes("[")) t = t.slice(0, -1);
  return t;
}

/**
 * OCR lines of one page as lines in page units (the picture's placement on the page). Each of
 * tesseract's lines stays one line, split at the table rules seen in the picture; lines on one
 * baseline (a header block's two columns) are merged; the rules give the same grid hints as a text
 * layer's.
 */
function ocrLines(
  number: number,
  placed: ReadonlyArray<Placed & { result: { lines: readonly OcrLine[] } | undefined }>,
): Line[] {
  const lines: Line[] = [];
  const vRules: VRule[] = [];
  const hRules: HRule[] = [];
  for (const { picture, width, height, rules, result } of placed) {
    const sx = (picture.x1 - picture.x0) / width;
    const sy = (picture.y1 - picture.y0) / height;
    const mine: VRule[] = [];
    for (const r of rules) {
      if (r.kind === "v")
        mine.push({ x: picture.x0 + r.at * sx, y0: picture.y0 + r.a * sy, y1: picture.y0 + r.b * sy });
      else hRules.push({ y: picture.y0 + r.at * sy, x0: picture.x0 + r.a * sx, x1: picture.x0 + r.b * sx });
    }
    vRules.push(...mine);
    for (const line of result?.lines ?? []) {
      if (line.words.length === 0) continue;
      // Boxes include accents and descenders: the font size is about the line's height / 1.2, and
      // about 1.08 × tesseract's row height, which does not shrink on a short word without either.
      const box = line.y1 - line.y0;
      const row = line.rowHeight ? Math.min(2 * box, Math.max(box / 1.5, 1.08 * line.rowHeight)) : box / 1.2;
      const em = Math.max(1, row * sy);
      const y = picture.y0 + ((line.baseline[0] + line.baseline[1]) / 2) * sy;
      const runs = [...line.words]
        .sort((a, b) => a.x0 - b.x0)
        .map(
          (w): TextRun => ({
            x: picture.x0 + w.x0 * sx,
            end: picture.x0 + w.x1 * sx,
            y,
            size: em,
            text: w.text,
          }),
        )
        .flatMap((r) => splitAtRules(r, mine))
        .map((r) => ({ ...r, text: stripBorders(r.text.trim()) }))
        .filter((r) => r.text !== "");
      if (runs.length === 0) continue;
      const gaps = runs.slice(1).map((r, k) => r.x - (runs[k] as TextRun).end);
      // Justified prose stretches every gap alike; a table line's cells are apart from its words.
      const quartile = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 4)] ?? 0;
      const limit = Math.max(OCR_CHUNK_GAP * em, 2.5 * quartile);
      const chunks: Chunk[] = [];
      runs.forEach((r, k) => {
        const last = chunks[chunks.length - 1];
        const border = last && mine.some((v) => v.x > last.end - 1 && v.x < r.x + 1 && crossesRule(v, y, em));
        if (last && k > 0 && (gaps[k - 1] ?? 0) <= limit && !border) {
          last.text += ` ${r.text}`;
          last.end = r.end;
        } else chunks.push({ x: r.x, end: r.end, text: r.text });
      });
      lines.push({ page: number, y, size: em, chunks: chunks.map((c) => ({ ...c, text: clean(c.text) })) });
    }
  }
  lines.sort((a, b) => a.y - b.y);
  const merged: Line[] = [];
  for (const line of lines) {
    const prev = merged[merged.length - 1];
    const apart =
      prev && !prev.chunks.some((c) => line.chunks.some((d) => Math.min(c.end, d.end) > Math.max(c.x, d.x)));
    if (prev && apart && Math.abs(prev.y - line.y) <= BASELINE_TOLERANCE * Math.min(prev.size, line.size)) {
      prev.chunks = [...prev.chunks, ...line.chunks].sort((a, b) => a.x - b.x);
    } else merged.push(line);
  }
  gridHints(merged, vRules, hRules);
  return merged;
}

interface PageWork {
  layout: PageLayout;
  page: PdfPage;
  lines: Line[];
}

/**
 * OCR of scanned pages: each page's pictures (a quarter of the page or more in all; pieces of 5% or
 * more, top to bottom) are decoded one at a time, as the OCR asks for them, and their recognised
 * lines placed on the page.
 */
async function recognizePages(scanned: readonly PageWork[]): Promise<void> {
  const placed: Array<{ page: PageWork } & Placed> = [];
  async function* pictures(): AsyncGenerator<OcrImage> {
    for (const p of scanned) {
      const area = p.layout.width * p.layout.height;
      const big = p.layout.pictures
        .filter((pic) => ((pic.x1 - pic.x0) * (pic.y1 - pic.y0)) / area >= 0.05)
        .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
      for (const picture of big) {
        let image: OcrImage | null;
        try {
          const data = await pictureData(p.page, picture);
          image = data ? toOcrImage(data) : null;
        } catch (err) {
          throw asReadError(err);
        }
        if (!image) continue;
        const rules = findRules(image);
        placed.push({ page: p, picture, width: image.width, height: image.height, rules });
        yield {
          ...image,
          rules,
          dpi: (image.width / (picture.x1 - picture.x0)) * 72,
          label: `trang ${p.layout.number}`,
        };
      }
      p.page.cleanup();
    }
  }
  let results: Awaited<ReturnType<typeof recognizeImages>>;
  try {
    results = await recognizeImages(pictures());
  } catch (err) {
    if (err instanceof ReadError) throw err;
    if (err instanceof OcrTimeoutError) throw new ReadError("unreadable", err.message);
    throw new ReadError("unreadable", `OCR: ${errorMessage(err).slice(0, 200)}`);
  }
  for (const p of scanned) {
    const mine = placed.flatMap((x, k) => (x.page === p ? [{ ...x, result: results[k] }] : []));
    p.lines = ocrLines(p.layout.number, mine);
  }
}

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  return getDocumentProxy(new Uint8Array(bytes), {
    verbosity: 0,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: true,
  });
}

export const readPdf: Reader = async (bytes, options) => {
  if (bytes.length === 0) throw new ReadError("empty");
  if (bytes.length > options.maxBytes) {
    throw new ReadError("too-large", `${(bytes.length / 1048576).toFixed(1)} MB`);
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) throw new ReadError("damaged", "không phải tệp PDF");
  if (!hasEndMarker(bytes)) throw new ReadError("damaged", "tệp PDF bị cắt cụt (thiếu %%EOF)");

  let pdf: PdfDocument;
  try {
    pdf = await openPdf(bytes);
  } catch (err) {
    throw asReadError(err);
  }
  try {
    const pageCount = pdf.numPages;
    const pages: PageWork[] = [];
    for (let n = 1; n <= pageCount; n++) {
      try {
        const page = await pdf.getPage(n);
        const layout = await pageLayout(page, n);
        pages.push({ layout, page, lines: [] });
        // Decoded fonts and pictures are kept only for pages that may need OCR.
        if (!isScannedPage(layout)) page.cleanup();
      } catch (err) {
        throw asReadError(err);
      }
    }

    const scanned = pages.filter((p) => isScannedPage(p.layout));
    const withText = pages.filter((p) => p.layout.chars >= MIN_PAGE_CHARS);
    const isScan = withText.length === 0 || scanned.length > withText.length;
    let ocr = false;
    for (const p of pages) if (!isScan || !isScannedPage(p.layout)) p.lines = buildLines(p.layout);

    if (isScan) {
      if (!options.ocr || scanned.length === 0 || !ocrAvailable()) {
        throw new ReadError("scanned", `${pageCount} trang`);
      }
      await recognizePages(scanned);
      ocr = true;
    }

    dropFurniture(pages);

    const all: Line[] = pages.flatMap((p) => p.lines);
    if (process.env.OCRX_LINES)
      for (const l of all)
        if (l.page === Number(process.env.OCRX_LINES))
          console.log(
            `y${l.y.toFixed(1)} s${l.size.toFixed(1)} ${l.ruled ? "R" : "-"}${l.ruleAbove ? "A" : "-"} ${l.chunks.map((c) => `[${c.x.toFixed(0)}-${c.end.toFixed(0)} ${c.text}]`).join(" ")}`,
          );
    if (all.length === 0) throw new ReadError("scanned", `${pageCount} trang`);
    const positioned: PositionedLine[] = all.map((line, i) => {
      const out: PositionedLine = { chunks: line.chunks };
      if (line.ruled !== undefined) out.ruled = line.ruled;
      if (line.ruleAbove !== undefined) out.ruleAbove = line.ruleAbove;
      if (line.ruleCover) out.ruleCover = line.ruleCover;
      if (i === 0 || all[i - 1]?.page !== line.page) out.pageStart = true;
      return out;
    });
    const found = findColumnTables(positioned, { tolerance: TABLE_TOLERANCE, characterColumns: false });

    const text: string[] = [];
    const pageOf: number[] = [];
    const tables: DocTable[] = [];
    const cell = (s: string) => s.replace(/[\t\r\n]+/gu, " ").trim();
    let t = 0;
    for (let i = 0; i < all.length; i++) {
      const table = found[t];
      if (table && table.first === i) {
        const rows: DocTable["rows"] = [];
        for (const row of table.rows) {
          const cells = row.cells.map(cell);
          if (cells.every((c) => c === "")) continue;
          text.push(cells.join("\t"));
          pageOf.push((all[row.first] as Line).page);
          rows.push(
            row.merged
              ? { from: text.length, to: text.length, cells, merged: row.merged }
              : { from: text.length, to: text.length, cells },
          );
        }
        if (rows.length > 0) {
          tables.push({ from: (rows[0] as DocTable["rows"][number]).from, to: text.length, rows });
        }
        i = table.last;
        t++;
        continue;
      }
      const line = all[i] as Line;
      text.push(line.chunks.map((c) => cell(c.text)).join("\t"));
      pageOf.push(line.page);
    }

    const doc: SourceDocument = {
      format: ocr ? "pdf-ocr" : "pdf",
      text: text.join("\n"),
      pages: pageOf,
      pageCount,
      tables,
      ocr,
    };
    return doc;
  } catch (err) {
    throw asReadError(err);
  } finally {
    await pdf.destroy().catch(() => {});
  }
};
