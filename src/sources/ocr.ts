/**
 * Offline OCR of scanned pages with tesseract.js and the Vietnamese model from the installed
 * `@tesseract.js-data/vie` package. Nothing is fetched: the WebAssembly core is the local
 * `tesseract.js-core` package (the Node worker `require`s it), the language data is read from the
 * package folder (`langPath` is a local directory, gzip on) and the cache is off (`cacheMethod:
 * "none"`: nothing read from or written to a cache directory).
 *
 * Input is a raw page image (the scan embedded in the PDF, decoded by pdf.js); it is turned into a
 * greyscale PNG with pngjs. Output is tesseract's lines, each with its words and boxes, in the
 * image's pixel coordinates. Every page has a timeout; the worker is always terminated.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import type { Worker as TesseractWorker } from "tesseract.js";

/** A decoded image: `channels` bytes per pixel, rows top to bottom. */
export interface OcrImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
  /** Resolution, when known (helps tesseract size its text). */
  dpi?: number;
  /** What to call the image in a timeout message ("trang 3"). */
  label?: string;
  /** Its table rules, when already found (findRules); found here otherwise. */
  rules?: readonly PictureRule[];
}

export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence: number;
}

export interface OcrLine {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Baseline height (y, pixels from the top) at the line's left and right ends. */
  baseline: [number, number];
  /** Tesseract's height of the row's letters (x-height and ascenders), a steadier font size than the box's. */
  rowHeight?: number;
  confidence: number;
  words: OcrWord[];
}

export interface OcrPage {
  /** Size of the image the coordinates refer to (the input image's pixels). */
  width: number;
  height: number;
  lines: OcrLine[];
  /** Time spent recognising this page. */
  ms: number;
}

export interface OcrOptions {
  /** Per page (default OCR_PAGE_TIMEOUT_MS). */
  timeoutMs?: number;
}

export const OCR_PAGE_TIMEOUT_MS = 120_000;
const INIT_TIMEOUT_MS = 60_000;
/** Wider images are reduced (a 300 dpi A4 page is ~2480 px): more pixels only cost time. */
const MAX_WIDTH = 3000;
const LANG = "vie";

export class OcrTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`OCR quá thời gian (${what}, ${Math.round(ms / 1000)} s)`);
    this.name = "OcrTimeoutError";
  }
}

const require = createRequire(import.meta.url);

/** Folder holding `vie.traineddata.gz`, or null when the data package is not installed. */
export function ocrDataPath(): string | null {
  try {
    const dir = join(dirname(require.resolve("@tesseract.js-data/vie/package.json")), "4.0.0");
    return existsSync(join(dir, `${LANG}.traineddata.gz`)) ? dir : null;
  } catch {
    return null;
  }
}

/** Whether scanned PDFs can be recognised here: tesseract.js and the Vietnamese data are installed. */
export function ocrAvailable(): boolean {
  if (ocrDataPath() === null) return false;
  try {
    require.resolve("tesseract.js");
    require.resolve("tesseract.js-core/package.json");
    return true;
  } catch {
    return false;
  }
}

/** Greyscale, reduced to at most MAX_WIDTH pixels wide; `scale` maps back to the input's pixels. */
export function toGrey(image: OcrImage): { width: number; height: number; data: Uint8Array; scale: number } {
  const { width, height, channels, data } = image;
  const grey = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += channels) {
    if (channels === 1) grey[i] = data[p] ?? 255;
    else {
      const v = 0.299 * (data[p] ?? 0) + 0.587 * (data[p + 1] ?? 0) + 0.114 * (data[p + 2] ?? 0);
      // Transparent parts of an RGBA image are paper.
      const a = channels === 4 ? (data[p + 3] ?? 255) / 255 : 1;
      grey[i] = Math.round(v * a + 255 * (1 - a));
    }
  }
  const factor = Math.ceil(width / MAX_WIDTH);
  if (factor <= 1) return { width, height, data: grey, scale: 1 };
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const small = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += grey[row + dx] ?? 255;
      }
      small[y * w + x] = Math.round(sum / (factor * factor));
    }
  }
  return { width: w, height: h, data: small, scale: factor };
}

/** The grey level of the paper: the median pixel (a page is mostly paper). */
function paperLevel(data: Uint8Array): number {
  const hist = new Uint32Array(256);
  for (const v of data) hist[v] = (hist[v] as number) + 1;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v] as number;
    if (seen * 2 >= data.length) return Math.max(v, 64);
  }
  return 255;
}

/** A straight dark run in a scanned picture (a table rule), in the input image's pixels. */
export interface PictureRule {
  /** "v": x is the rule's position and a–b its vertical extent; "h": y is its position, a–b horizontal. */
  kind: "v" | "h";
  at: number;
  a: number;
  b: number;
  /** Thickness in pixels. */
  width: number;
}

/**
 * Table rules in a scan: dark runs longer than any letter stroke (2% of the page height for vertical
 * rules, 5% of its width for horizontal ones), gaps of a few pixels bridged, neighbouring pixel
 * columns (rows) merged into one rule, with paper on both sides (a run through a line of bold
 * letters has their strokes above and below it).
 */
export function findRules(image: OcrImage): PictureRule[] {
  const grey = toGrey(image);
  const { width: w, height: h, data } = grey;
  const paper = paperLevel(data);
  const cut = 0.55 * paper;
  const dark = (x: number, y: number) => x >= 0 && x < w && (data[y * w + x] ?? 255) < cut;
  // A thin rule drawn between two pixel rows (or blurred by the scanner) is two rows of grey, each
  // lighter than ink: the pair together holds most of a dark pixel.
  const pairCut = 0.6 * paper;
  const pairH = (x: number, y: number) =>
    y + 1 < h && 2 * paper - (data[y * w + x] as number) - (data[(y + 1) * w + x] as number) >= pairCut;
  const pairV = (x: number, y: number) =>
    x + 1 < w && 2 * paper - (data[y * w + x] as number) - (data[y * w + x + 1] as number) >= pairCut;
  const runs = (length: number, at: (i: number) => boolean, min: number): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    let start = -1;
    let gap = 0;
    for (let i = 0; i <= length; i++) {
      const on = i < length && at(i);
      if (on) {
        if (start < 0) start = i;
        gap = 0;
      } else if (start >= 0 && (++gap > 3 || i === length)) {
        const end = i - gap;
        if (end - start >= min) out.push([start, end]);
        start = -1;
        gap = 0;
      }
    }
    return out;
  };
  const merge = (kind: "v" | "h", found: Array<{ at: number; a: number; b: number }>): PictureRule[] => {
    found.sort((p, q) => p.a - q.a || p.at - q.at);
    const rules: Array<{ at: number; a: number; b: number; n: number; lo: number; hi: number }> = [];
    for (const f of found) {
      const same = rules.find((r) => Math.abs(r.at / r.n - f.at) <= 2.5 && f.a <= r.b + 3 && f.b >= r.a - 3);
      if (same) {
        same.at += f.at;
        same.n++;
        same.a = Math.min(same.a, f.a);
        same.b = Math.max(same.b, f.b);
        same.lo = Math.min(same.lo, f.at);
        same.hi = Math.max(same.hi, f.at);
      } else rules.push({ at: f.at, a: f.a, b: f.b, n: 1, lo: f.at, hi: f.at });
    }
    // Share of the rule's length with paper just beside it on both sides.
    const clear = (r: (typeof rules)[number]) => {
      const before = Math.floor(r.lo) - 2;
      const after = Math.ceil(r.hi) + 2;
      let n = 0;
      for (let t = r.a; t <= r.b; t++) {
        const side = kind === "v" ? dark(before, t) || dark(after, t) : dark(t, before) || dark(t, after);
        if (!side) n++;
      }
      return n / (r.b - r.a + 1);
    };
    // A rule is a few pixels thick; a dark area (a photo, a stamp) is not a rule.
    return rules
      .filter((r) => r.n <= 8 && clear(r) >= 0.75)
      .map((r) => ({
        kind,
        at: (r.at / r.n) * grey.scale,
        a: r.a * grey.scale,
        b: r.b * grey.scale,
        width: (r.hi - r.lo + 1) * grey.scale,
      }));
  };
  const vertical: Array<{ at: number; a: number; b: number }> = [];
  // 2% of an A4 page is ~6 mm: a one-line table row is taller, a letter (even "|" or "[") is not.
  const minV = Math.max(20, Math.round(h * 0.02));
  for (let x = 0; x < w; x++) {
    for (const [a, b] of runs(h, (y) => dark(x, y), minV)) vertical.push({ at: x, a, b });
    for (const [a, b] of runs(h, (y) => pairV(x, y), minV)) vertical.push({ at: x + 0.5, a, b });
  }
  const horizontal: Array<{ at: number; a: number; b: number }> = [];
  const minH = Math.max(30, Math.round(w * 0.05));
  for (let y = 0; y < h; y++) {
    for (const [a, b] of runs(w, (x) => dark(x, y), minH)) horizontal.push({ at: y, a, b });
    for (const [a, b] of runs(w, (x) => pairH(x, y), minH)) horizontal.push({ at: y + 0.5, a, b });
  }
  return [...merge("v", vertical), ...merge("h", horizontal)];
}

/** An 8-bit greyscale PNG of the image. */
export function toPng(grey: { width: number; height: number; data: Uint8Array }): Buffer {
  const png = new PNG({
    width: grey.width,
    height: grey.height,
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
  });
  png.data = Buffer.from(grey.data.buffer, grey.data.byteOffset, grey.data.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OcrTimeoutError(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBox;
  symbols?: Array<{ text: string; bbox: TessBox }>;
}
interface TessLine {
  rowAttributes?: { rowHeight: number; descenders: number; ascenders: number };
  text: string;
  confidence: number;
  bbox: TessBox;
  baseline: TessBox;
  words: TessWord[];
}
interface TessBlock {
  paragraphs: Array<{ lines: TessLine[] }>;
}

/** Table borders and specks tesseract reads as text (a lone dash is a bullet and stays). */
const NOISE = /^(?:[|_=~¦]+|[.,:;'"`]{1,2})$/u;

/** Maps a recognised image's pixels back to the input image's: input = offset + pixel × scale. */
interface View {
  scale: number;
  dx: number;
  dy: number;
}

/**
 * Letters and digits that stand on the baseline: no descender ("gjpqy", "Q", ","), no dot below
 * ("ạ", "ợ", "Ụ"…: NFD puts U+0323 after the base letter).
 */
const ON_BASELINE = /^[a-fhik-orstuvwxzA-IK-PR-Zđăâêôơư0-9ĐĂÂÊÔƠƯ]\p{M}*$/u;
const DOT_BELOW = "\u0323";

/**
 * The baseline from the letters that stand on it: tesseract fits a short line's baseline to its
 * lowest ink, which in "hợp" or "quý" is a descender or a dot below.
 */
function baselineOf(line: TessLine): number | null {
  const bottoms: number[] = [];
  for (const w of line.words ?? []) {
    for (const sym of w.symbols ?? []) {
      const t = sym.text.normalize("NFD");
      if (ON_BASELINE.test(t) && !t.includes(DOT_BELOW)) bottoms.push(sym.bbox.y1);
    }
  }
  if (bottoms.length === 0) return null;
  bottoms.sort((a, b) => a - b);
  return bottoms[Math.floor(bottoms.length / 2)] as number;
}

/** A Roman numeral up to XXXIX, as section headings and quarters are numbered. */
const ROMAN = /^X{0,3}(?:IX|IV|VI{0,3}|I{1,3})$|^X{1,3}$/u;
/** A Vietnamese letter that only Vietnamese has: a tone mark, "ă", "â", "đ", "ê", "ô", "ơ", "ư". */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;
const UPPER_RUN = /^\p{Lu}{2,}\p{P}*$/u;

/**
 * Two words read as one where the case changes inside: "phòngHĐND", "HĐNDvà". Only where the
 * lower-case part is a Vietnamese syllable (it has a letter only Vietnamese has) and the other
 * part an abbreviation of two or more capitals: "SmartCA", "VNeID", "VssID", "eKYC" stay whole.
 */
function splitGlued(text: string): string {
  const lowerUpper = /^(\p{P}*\p{Lu}?\p{Ll}{2,})(\p{Lu}{2,}\p{P}*)$/u.exec(text);
  if (lowerUpper?.[1] && lowerUpper[2] && VIETNAMESE.test(lowerUpper[1]))
    return `${lowerUpper[1]} ${lowerUpper[2]}`;
  const upperLower = /^(\p{P}*\p{Lu}{2,})(\p{Ll}{2,}\p{P}*)$/u.exec(text);
  if (upperLower?.[1] && upperLower[2] && VIETNAMESE.test(upperLower[2]))
    return `${upperLower[1]} ${upperLower[2]}`;
  return text;
}

/** "Quý 11/2026" is "Quý II/2026": there is no eleventh quarter; "1", "l" and "I" look alike. */
function quarterNumeral(text: string): string | null {
  const m = /^([1lI|]{1,3}|[1lI|]?V)(\/\d{2,4}\S*|[.,;:)]*)$/u.exec(text);
  if (!m?.[1]) return null;
  const roman = m[1].replace(/[1l|]/gu, "I");
  return /^(?:I{1,3}|IV)$/u.test(roman) ? `${roman}${m[2] ?? ""}` : null;
}

/**
 * Light fixes of tesseract's usual slips on Vietnamese print, safe in any Vietnamese text: words
 * glued where the case changes, a dash glued to the first word of a line ("-Lưu:"), a heading's
 * Roman numeral with its dot read as "L" or "," or lost ("L MỤC TIÊU", "IIL KINH PHÍ", "I MỤC
 * ĐÍCH"). In place.
 */
function correctWords(words: OcrWord[]): void {
  for (const w of words) w.text = splitGlued(w.text);
  const first = words[0];
  const second = words[1];
  if (first) {
    const dash = /^([-–+•])(\p{Lu}.*)$/u.exec(first.text);
    if (dash) first.text = `${dash[1]} ${dash[2]}`;
  }
  // A heading: the numeral, then (a word's gap away) a word in capitals.
  if (first && second && UPPER_RUN.test(second.text.split(" ")[0] ?? "")) {
    const gap = second.x0 - first.x1;
    const height = Math.max(1, first.y1 - first.y0);
    const m = /^([IVX]*)(L|[.,]?)$/u.exec(first.text);
    if (m && gap < 1.5 * height) {
      const numeral = `${m[1] ?? ""}${m[2] === "L" ? "I" : ""}`;
      if (ROMAN.test(numeral)) first.text = `${numeral}.`;
    }
  }
}

function linesOf(blocks: readonly TessBlock[] | null, view: View): OcrLine[] {
  const out: OcrLine[] = [];
  const sx = (v: number) => view.dx + v * view.scale;
  const sy = (v: number) => view.dy + v * view.scale;
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const words = (line.words ?? [])
          .map((w) => ({ ...w, text: w.text.normalize("NFC").trim() }))
          .filter((w) => w.text !== "" && !NOISE.test(w.text))
          .map((w) => ({
            text: w.text,
            x0: sx(w.bbox.x0),
            y0: sy(w.bbox.y0),
            x1: sx(w.bbox.x1),
            y1: sy(w.bbox.y1),
            confidence: w.confidence,
          }));
        if (words.length === 0) continue;
        correctWords(words);
        let baseline: [number, number] = [
          sy(line.baseline?.y0 ?? line.bbox.y1),
          sy(line.baseline?.y1 ?? line.bbox.y1),
        ];
        const standing = baselineOf(line);
        // A baseline well below the letters standing on it was fitted to descenders.
        if (standing !== null) {
          const mid = (baseline[0] + baseline[1]) / 2;
          const shift = sy(standing) - mid;
          if (Math.abs(shift) > 1) baseline = [baseline[0] + shift, baseline[1] + shift];
        }
        const row = line.rowAttributes?.rowHeight;
        out.push({
          text: words.map((w) => w.text).join(" "),
          x0: sx(line.bbox.x0),
          y0: sy(line.bbox.y0),
          x1: sx(line.bbox.x1),
          y1: sy(line.bbox.y1),
          baseline,
          ...(row && row > 0 ? { rowHeight: row * view.scale } : {}),
          confidence: line.confidence,
          words,
        });
      }
    }
  }
  return out;
}

/** A greyscale image; `scale` input pixels per pixel. */
interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
  scale: number;
}

/**
 * The table rules painted white, so that the recogniser does not read them as letters ("|", "!",
 * "l") or glue the cells of a row together with them. Only the rule's own pixels go: where a
 * stroke crosses or touches the rule (the dark run across it is longer than the rule is thick),
 * the pixels stay.
 */
export function eraseRules(grey: Grey, rules: readonly PictureRule[]): Grey {
  const { width: w, height: h } = grey;
  const data = new Uint8Array(grey.data);
  const ink = (v: number) => v < 200;
  for (const rule of rules) {
    const half = Math.max(0.5, rule.width / grey.scale / 2);
    const at = rule.at / grey.scale;
    const lo = Math.floor(at - half - 1);
    const hi = Math.ceil(at + half);
    const along = rule.kind === "v" ? h : w;
    const across = rule.kind === "v" ? w : h;
    const index =
      rule.kind === "v" ? (t: number, u: number) => t * w + u : (t: number, u: number) => u * w + t;
    const from = Math.max(0, Math.floor(rule.a / grey.scale) - 1);
    const to = Math.min(along - 1, Math.ceil(rule.b / grey.scale) + 1);
    for (let t = from; t <= to; t++) {
      // Ink just outside the band on either side: something else meets the rule here.
      const before = lo - 1 >= 0 && ink(data[index(t, lo - 1)] ?? 255);
      const after = hi + 1 < across && ink(data[index(t, hi + 1)] ?? 255);
      if (before || after) continue;
      for (let u = Math.max(0, lo); u <= Math.min(across - 1, hi); u++) data[index(t, u)] = 255;
    }
  }
  return { ...grey, data };
}

/** Catmull-Rom weights of the four source pixels around each target pixel along one axis. */
function cubicTaps(from: number, to: number): { index: Int32Array; weight: Float32Array } {
  const index = new Int32Array(to * 4);
  const weight = new Float32Array(to * 4);
  const k = (d: number) => {
    const x = Math.abs(d);
    return x <= 1 ? 1.5 * x ** 3 - 2.5 * x ** 2 + 1 : x < 2 ? -0.5 * x ** 3 + 2.5 * x ** 2 - 4 * x + 2 : 0;
  };
  const factor = to / from;
  for (let i = 0; i < to; i++) {
    const at = (i + 0.5) / factor - 0.5;
    const base = Math.floor(at);
    for (let t = 0; t < 4; t++) {
      index[i * 4 + t] = Math.min(from - 1, Math.max(0, base - 1 + t));
      weight[i * 4 + t] = k(at - (base - 1 + t));
    }
  }
  return { index, weight };
}

/**
 * Bicubic (Catmull-Rom) enlargement by `factor`. Small print is read far better at ~300 dpi, and a
 * bicubic enlargement keeps the small marks that tell "ổ" from "ố" sharper than a bilinear one.
 */
export function upscale(grey: Grey, factor: number): Grey {
  if (factor <= 1) return grey;
  const { width: w0, height: h0, data: src } = grey;
  const w = Math.round(w0 * factor);
  const h = Math.round(h0 * factor);
  const cols = cubicTaps(w0, w);
  const rows = cubicTaps(h0, h);
  const wide = new Float32Array(w * h0);
  for (let y = 0; y < h0; y++) {
    const row = y * w0;
    for (let x = 0; x < w; x++) {
      let v = 0;
      for (let t = x * 4; t < x * 4 + 4; t++) {
        v += (cols.weight[t] as number) * (src[row + (cols.index[t] as number)] as number);
      }
      wide[y * w + x] = v;
    }
  }
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const t = y * 4;
    const r0 = (rows.index[t] as number) * w;
    const r1 = (rows.index[t + 1] as number) * w;
    const r2 = (rows.index[t + 2] as number) * w;
    const r3 = (rows.index[t + 3] as number) * w;
    const k0 = rows.weight[t] as number;
    const k1 = rows.weight[t + 1] as number;
    const k2 = rows.weight[t + 2] as number;
    const k3 = rows.weight[t + 3] as number;
    for (let x = 0; x < w; x++) {
      const v =
        k0 * (wide[r0 + x] as number) +
        k1 * (wide[r1 + x] as number) +
        k2 * (wide[r2 + x] as number) +
        k3 * (wide[r3 + x] as number);
      // The cubic overshoots at edges: clamp (a Uint8Array would wrap round).
      data[y * w + x] = v <= 0 ? 0 : v >= 255 ? 255 : v + 0.5;
    }
  }
  return { width: w, height: h, data, scale: grey.scale / factor };
}

/** A rectangle in the input image's pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The cells of ruled tables. The page is cut into bands at every horizontal rule and wherever
 * vertical rules start or end; in each band, each gap between two vertical rules that both cross it
 * is a piece of a cell, and pieces of one column in neighbouring bands are one cell unless a rule
 * runs between them (a cell spanning rows). A band crossed by fewer than three vertical rules (a
 * frame, a box) has no cells: it is left to the page's own layout analysis.
 */
export function tableCells(rules: readonly PictureRule[]): Box[] {
  const vertical = rules.filter((r) => r.kind === "v");
  const horizontal = rules.filter((r) => r.kind === "h");
  if (vertical.length < 3) return [];
  const tol = 4;
  const ys = [...horizontal.map((r) => r.at), ...vertical.flatMap((r) => [r.a, r.b])].sort((a, b) => a - b);
  const bounds: number[] = [];
  for (const y of ys)
    if (bounds.length === 0 || y - (bounds[bounds.length - 1] as number) > tol) bounds.push(y);
  const ruledAt = (y: number, x0: number, x1: number) =>
    horizontal.some((h) => Math.abs(h.at - y) <= tol && h.a <= x0 + tol && h.b >= x1 - tol);
  const cells: Box[] = [];
  /** Cells still growing downwards, by column. */
  let open = new Map<string, Box>();
  for (let k = 1; k < bounds.length; k++) {
    const y0 = bounds[k - 1] as number;
    const y1 = bounds[k] as number;
    const xs =
      y1 - y0 < 8
        ? []
        : vertical
            .filter((v) => v.a <= y0 + tol && v.b >= y1 - tol)
            .map((v) => v.at)
            .sort((a, b) => a - b);
    const next = new Map<string, Box>();
    for (let i = 1; xs.length >= 3 && i < xs.length; i++) {
      const x0 = xs[i - 1] as number;
      const x1 = xs[i] as number;
      if (x1 - x0 < 8) continue;
      const key = `${Math.round(x0)}:${Math.round(x1)}`;
      const above = open.get(key);
      if (above && Math.abs(above.y1 - y0) <= tol && !ruledAt(y0, x0, x1)) {
        above.y1 = y1;
        next.set(key, above);
        open.delete(key);
      } else next.set(key, { x0, y0, x1, y1 });
    }
    cells.push(...open.values());
    open = next;
  }
  cells.push(...open.values());
  return cells.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/** The part of the image inside `box` (input pixels), less `inset` pixels of border, on a white margin. */
function crop(
  grey: Grey,
  box: Box,
  inset: number,
  margin: number,
): { grey: Grey; dx: number; dy: number } | null {
  const x0 = Math.max(0, Math.ceil(box.x0 / grey.scale + inset));
  const y0 = Math.max(0, Math.ceil(box.y0 / grey.scale + inset));
  const x1 = Math.min(grey.width, Math.floor(box.x1 / grey.scale - inset));
  const y1 = Math.min(grey.height, Math.floor(box.y1 / grey.scale - inset));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const w = x1 - x0 + 2 * margin;
  const h = y1 - y0 + 2 * margin;
  const data = new Uint8Array(w * h).fill(255);
  let inked = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = grey.data[y * grey.width + x] as number;
      if (v < 140) inked++;
      data[(y - y0 + margin) * w + (x - x0 + margin)] = v;
    }
  }
  // An empty cell (or a speck in one) is not worth a recognition.
  if (inked < 12) return null;
  return {
    grey: { width: w, height: h, data, scale: grey.scale },
    dx: (x0 - margin) * grey.scale,
    dy: (y0 - margin) * grey.scale,
  };
}

/** The image with the boxes (input pixels) painted white. */
function blank(grey: Grey, boxes: readonly Box[]): Grey {
  if (boxes.length === 0) return grey;
  const data = new Uint8Array(grey.data);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x0 / grey.scale));
    const x1 = Math.min(grey.width, Math.ceil(b.x1 / grey.scale));
    for (
      let y = Math.max(0, Math.floor(b.y0 / grey.scale));
      y < Math.min(grey.height, Math.ceil(b.y1 / grey.scale));
      y++
    )
      data.fill(255, y * grey.width + x0, y * grey.width + x1);
  }
  return { ...grey, data };
}

/** Resolution the recogniser is given pages at; lower ones are enlarged, by at most 2×. */
const TARGET_DPI = 300;
const MAX_UPSCALE = 2;
/** An A4 page's width in inches: the resolution of a picture whose size on the page is unknown. */
const PAGE_INCHES = 8.27;

/**
 * A quarter's Roman numeral read as digits: "Quý 11/2026" is "Quý II/2026" (there is no eleventh
 * quarter), also when the cell wraps after "Quý"; "Quý 1/2026" is "Quý I/2026" where the same
 * document writes its other quarters in Roman numerals. In place.
 */
function romanQuarters(pages: readonly OcrPage[]): void {
  const quarters: Array<{ line: OcrLine; w: OcrWord }> = [];
  for (const page of pages) {
    let previous: OcrWord | null = null;
    for (const line of page.lines) {
      for (const w of line.words) {
        if (previous && /^quý$/iu.test(previous.text)) quarters.push({ line, w });
        previous = w;
      }
    }
  }
  const fix = (one: boolean) => {
    for (const { line, w } of quarters) {
      const roman = quarterNumeral(w.text);
      if (!roman || roman === w.text || (!one && /^1(?:\/|[.,;:)]|$)/u.test(w.text))) continue;
      w.text = roman;
      line.text = line.words.map((x) => x.text).join(" ");
    }
  };
  fix(false);
  if (quarters.some(({ w }) => /^(?:II|III|IV)(?:\/|[.,;:)]|$)/u.test(w.text))) fix(true);
}

/**
 * Recognise page images with one tesseract worker (Vietnamese, LSTM). Throws OcrTimeoutError when a
 * page (or starting the worker) takes longer than the timeout; the worker is terminated either way.
 */
export async function recognizeImages(
  images: Iterable<OcrImage> | AsyncIterable<OcrImage>,
  options: OcrOptions = {},
): Promise<OcrPage[]> {
  const langPath = ocrDataPath();
  if (langPath === null) throw new Error("Thiếu dữ liệu OCR tiếng Việt (@tesseract.js-data/vie)");
  const timeoutMs = options.timeoutMs ?? OCR_PAGE_TIMEOUT_MS;
  const { default: Tesseract } = await import("tesseract.js");
  let worker: TesseractWorker | null = null;
  const starting = Tesseract.createWorker(LANG, Tesseract.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: "none",
    logger: () => {},
    errorHandler: () => {},
  });
  try {
    worker = await withTimeout(starting, Math.max(timeoutMs, INIT_TIMEOUT_MS), "khởi động");
    const pages: OcrPage[] = [];
    // Images are taken one at a time: a long scan is never decoded all at once.
    for await (const image of images) {
      const i = pages.length;
      const started = performance.now();
      const w = worker;
      const recognize = async (grey: Grey, psm: string, view: View): Promise<OcrLine[]> => {
        await w.setParameters({
          tessedit_pageseg_mode: psm as never,
          user_defined_dpi: String(Math.round(dpi / grey.scale)),
        });
        const result = await w.recognize(toPng(grey), {}, { blocks: true });
        return linesOf(result.data.blocks as unknown as TessBlock[] | null, view);
      };
      const source = toGrey(image);
      const dpi = image.dpi ?? image.width / PAGE_INCHES;
      const factor = Math.min(MAX_UPSCALE, Math.max(1, TARGET_DPI / (dpi / source.scale)));
      const rules = image.rules ?? findRules(image);
      const clean = eraseRules(source, rules);
      const cells = tableCells(rules);
      const page = async (): Promise<OcrLine[]> => {
        // The page without its tables, laid out by tesseract; then each table cell on its own, as
        // one block: a line read across a whole table row runs its cells together.
        const lines = await recognize(upscale(blank(clean, cells), factor), Tesseract.PSM.AUTO, {
          scale: source.scale / factor,
          dx: 0,
          dy: 0,
        });
        for (const cell of cells) {
          const part = crop(clean, cell, 1, 8);
          if (!part) continue;
          const view = { scale: source.scale / factor, dx: part.dx, dy: part.dy };
          lines.push(...(await recognize(upscale(part.grey, factor), Tesseract.PSM.SINGLE_BLOCK, view)));
        }
        return lines;
      };
      const lines = await withTimeout(page(), timeoutMs, image.label ?? `ảnh ${i + 1}`);
      pages.push({ width: image.width, height: image.height, lines, ms: performance.now() - started });
    }
    romanQuarters(pages);
    return pages;
  } finally {
    if (worker) await worker.terminate().catch(() => {});
    // A worker that timed out while starting is terminated as soon as it exists.
    else void starting.then((w) => w.terminate()).catch(() => {});
  }
}
