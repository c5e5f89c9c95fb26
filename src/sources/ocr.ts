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
    const dir = join(dirname(require.resolve("@tesseract.js-data/vie/package.json")), process.env.OCRX_DATA ?? "4.0.0");
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

/** A straight dark run in a scanned picture (a table rule), in the input image's pixels. */
export interface PictureRule {
  /** "v": x is the rule's position and a–b its vertical extent; "h": y is its position, a–b horizontal. */
  kind: "v" | "h";
  at: number;
  a: number;
  b: number;
}

/**
 * Table rules in a scan: dark runs longer than any letter stroke (2% of the page height for vertical
 * rules, 5% of its width for horizontal ones), gaps of a few pixels bridged, neighbouring pixel
 * columns (rows) merged into one rule.
 */
export function findRules(image: OcrImage): PictureRule[] {
  const grey = toGrey(image);
  const { width: w, height: h, data } = grey;
  const dark = (x: number, y: number) => (data[y * w + x] ?? 255) < 140;
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
    const rules: Array<{ kind: "v" | "h"; at: number; a: number; b: number; n: number }> = [];
    for (const f of found) {
      const same = rules.find((r) => Math.abs(r.at / r.n - f.at) <= 2.5 && f.a <= r.b + 3 && f.b >= r.a - 3);
      if (same) {
        same.at += f.at;
        same.n++;
        same.a = Math.min(same.a, f.a);
        same.b = Math.max(same.b, f.b);
      } else rules.push({ kind, at: f.at, a: f.a, b: f.b, n: 1 });
    }
    // A rule is a few pixels thick; a dark area (a photo, a stamp) is not a rule.
    return rules
      .filter((r) => r.n <= 8)
      .map((r) => ({ kind, at: (r.at / r.n) * grey.scale, a: r.a * grey.scale, b: r.b * grey.scale }));
  };
  const vertical: Array<{ at: number; a: number; b: number }> = [];
  // 2% of an A4 page is ~6 mm: a one-line table row is taller, a letter (even "|" or "[") is not.
  const minV = Math.max(20, Math.round(h * 0.02));
  for (let x = 0; x < w; x++) {
    for (const [a, b] of runs(h, (y) => dark(x, y), minV)) vertical.push({ at: x, a, b });
  }
  const horizontal: Array<{ at: number; a: number; b: number }> = [];
  const minH = Math.max(30, Math.round(w * 0.05));
  for (let y = 0; y < h; y++) {
    for (const [a, b] of runs(w, (x) => dark(x, y), minH)) horizontal.push({ at: y, a, b });
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
}
interface TessLine {
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

function linesOf(blocks: readonly TessBlock[] | null, scale: number): OcrLine[] {
  const out: OcrLine[] = [];
  const s = (v: number) => v * scale;
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const words = (line.words ?? [])
          .map((w) => ({ ...w, text: w.text.normalize("NFC").trim() }))
          .filter((w) => w.text !== "" && !NOISE.test(w.text))
          .map((w) => ({
            text: w.text,
            x0: s(w.bbox.x0),
            y0: s(w.bbox.y0),
            x1: s(w.bbox.x1),
            y1: s(w.bbox.y1),
            confidence: w.confidence,
          }));
        if (words.length === 0) continue;
        out.push({
          text: words.map((w) => w.text).join(" "),
          x0: s(line.bbox.x0),
          y0: s(line.bbox.y0),
          x1: s(line.bbox.x1),
          y1: s(line.bbox.y1),
          baseline: [s(line.baseline?.y0 ?? line.bbox.y1), s(line.baseline?.y1 ?? line.bbox.y1)],
          confidence: line.confidence,
          words,
        });
      }
    }
  }
  return out;
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
      let grey = toGrey(image);
      const X = process.env;
      const up = Number(X.OCRX_SCALE ?? 1);
      if (up > 1) grey = upscaleX(grey, up);
      if (X.OCRX_BIN) grey = { ...grey, data: binX(grey, X.OCRX_BIN) };
      const dpi = image.dpi;
      await worker.setParameters({
        tessedit_pageseg_mode: (X.OCRX_PSM ?? Tesseract.PSM.AUTO) as never,
        ...(X.OCRX_PIS ? { preserve_interword_spaces: "1" } : {}),
        ...(dpi && !X.OCRX_NODPI ? { user_defined_dpi: String(Math.round(dpi / grey.scale)) } : {}),
      });
      const result = await withTimeout(
        worker.recognize(toPng(grey), {}, { blocks: true, text: true }),
        timeoutMs,
        image.label ?? `ảnh ${i + 1}`,
      );
      pages.push({
        width: image.width,
        height: image.height,
        lines: linesOf(result.data.blocks as unknown as TessBlock[] | null, grey.scale),
        ms: performance.now() - started,
      });
    }
    return pages;
  } finally {
    if (worker) await worker.terminate().catch(() => {});
    // A worker that timed out while starting is terminated as soon as it exists.
    else void starting.then((w) => w.terminate()).catch(() => {});
  }
}

function upscaleX(g: { width: number; height: number; data: Uint8Array; scale: number }, f: number) {
  const w = Math.round(g.width * f), h = Math.round(g.height * f);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(g.height - 1, Math.max(0, (y + 0.5) / f - 0.5));
    const y0 = Math.floor(sy), y1 = Math.min(g.height - 1, y0 + 1), fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(g.width - 1, Math.max(0, (x + 0.5) / f - 0.5));
      const x0 = Math.floor(sx), x1 = Math.min(g.width - 1, x0 + 1), fx = sx - x0;
      const a = g.data[y0 * g.width + x0]!, b = g.data[y0 * g.width + x1]!, c = g.data[y1 * g.width + x0]!, d = g.data[y1 * g.width + x1]!;
      out[y * w + x] = Math.round((a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy);
    }
  }
  return { width: w, height: h, data: out, scale: g.scale / f };
}
function binX(g: { width: number; height: number; data: Uint8Array }, mode: string) {
  const hist = new Array(256).fill(0);
  for (const v of g.data) hist[v]++;
  let t = Number(mode);
  if (mode === "otsu") {
    const n = g.data.length; let sum = 0; for (let i = 0; i < 256; i++) sum += i * hist[i];
    let sb = 0, wb = 0, best = 0; t = 128;
    for (let i = 0; i < 256; i++) { wb += hist[i]; if (!wb) continue; const wf = n - wb; if (!wf) break; sb += i * hist[i]; const mb = sb / wb, mf = (sum - sb) / wf; const v = wb * wf * (mb - mf) ** 2; if (v > best) { best = v; t = i; } }
  }
  return g.data.map((v) => (v > t ? 255 : 0));
}
