/**
 * Plain text as Vietnamese offices save it: UTF-8 (with or without BOM), UTF-16 LE/BE (Notepad's
 * "Unicode", with BOM), and Windows-1258 from older machines. Line endings stay as they are: the
 * stored text keeps the file's own lines, so citations point at them.
 */

import { ReadError, type Reader, type SourceDocument } from "./model.ts";

type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1258";

function bomEncoding(bytes: Uint8Array): { encoding: Encoding; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII text. */
function bomlessUtf16(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

function controlShare(text: string): number {
  const sample = text.slice(0, 65536);
  let controls = 0;
  for (const ch of sample) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0 || c < 9 || (c > 13 && c < 32) || c === 0xfffd) controls++;
  }
  return sample.length === 0 ? 0 : controls / sample.length;
}

/** Decode a text file's bytes, or throw a ReadError saying why they are not text. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length === 0) throw new ReadError("empty");
  const bom = bomEncoding(bytes);
  const encoding = bom?.encoding ?? bomlessUtf16(bytes);
  let text: string;
  let used: Encoding;
  if (encoding) {
    text = new TextDecoder(encoding, { fatal: false }).decode(bytes.subarray(bom?.skip ?? 0));
    used = encoding;
  } else {
    if (bytes.subarray(0, 65536).includes(0)) throw new ReadError("binary");
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      used = "utf-8";
    } catch {
      // Windows-1258 writes tones as combining marks; NFC makes them the letters every other form has.
      text = new TextDecoder("windows-1258").decode(bytes).normalize("NFC");
      used = "windows-1258";
      if (!/[\u00c0-\u1ef9]/u.test(text)) throw new ReadError("encoding");
    }
  }
  if (controlShare(text) > 0.05) throw new ReadError("binary");
  if (text.trim() === "") throw new ReadError("empty");
  return { text, encoding: used };
}

export const readText: Reader = async (bytes) => {
  const { text } = decodeText(bytes);
  // The registry finds the tables the text holds, as it does for every format.
  const doc: SourceDocument = { format: "txt", text, pages: null, pageCount: null, tables: [], ocr: false };
  return doc;
};
