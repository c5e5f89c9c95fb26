/**
 * Line-wrap repair and noise removal for text extracted from PDF/DOCX: wrapped lines are joined into
 * paragraphs that remember the 1-based line span they came from; page numbers, separator rules and
 * stray punctuation are dropped; tab-separated lines stay table rows.
 */

import { FIELD_LABELS } from "../lexicon/vi/fields.ts";
import { splitCells } from "../sources/tab-tables.ts";
import { matchHeading, opensBlock } from "./markers.ts";
import { isAllCaps, normalizeVietnamese, squash } from "./normalize.ts";

export interface SourceLine {
  /** 1-based line number in the file. */
  no: number;
  /** The line exactly as in the file (without the line break). */
  raw: string;
  /** Normalised (NFC, one tone placement), trimmed, whitespace squashed. */
  text: string;
}

export interface Paragraph {
  from: number;
  to: number;
  /** Joined, normalised text. */
  text: string;
  /** Table cells (normalised) when the paragraph is one tab-separated row. */
  cells?: string[];
  /** Set when the reader knew the row's role (a DOCX header row, a group row of a rebuilt table). */
  rowKind?: "header" | "group";
}

export function splitLines(raw: string): SourceLine[] {
  return raw.split(/\r\n|\r|\n/u).map((line, i) => ({
    no: i + 1,
    raw: line,
    text: squash(normalizeVietnamese(line)),
  }));
}

/** Page numbers, separator rules, lone punctuation, "Trang 2/5". */
export function isNoiseLine(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  return (
    /^\d{1,3}$/u.test(t) ||
    /^[.\-_=*·•…,;:~]+$/u.test(t.replace(/\s+/gu, "")) ||
    /^(?:Trang|trang|Page)\s+\d+(?:\s*\/\s*\d+)?$/u.test(t)
  );
}

/**
 * Cells of a line: tab- or pipe-separated, or (in text laid out with spaces, as `pdftotext -layout`
 * gives it) two or three blocks set apart by wide gaps: "ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI …".
 */
export function tableCells(raw: string): string[] | null {
  const cells = splitCells(raw);
  if (cells) return cells;
  const blocks = raw.trim().split(/\s{4,}/u);
  if (blocks.length < 2 || blocks.length > 3) return null;
  return blocks.map((c) => squash(normalizeVietnamese(c)));
}

const TERMINAL = /(?:[.!?;:]|\.\/\.)["”)]?$/u;
const CONNECTIVE =
  /(?:^|\s)(?:của|về|và|các|cho|với|tại|trong|đến|theo|từ|là|để|những|được|có|hoặc|cùng|bằng|qua|như|gồm|tới|trên|ngày|năm|tháng|việc|nhằm|thuộc|đối với|phục vụ)$/u;

function startsLower(text: string): boolean {
  return /^[\p{Ll}]/u.test(text);
}

/** Typical wrap width of the document: the 90th percentile of prose line lengths. */
export function wrapWidth(lines: readonly SourceLine[]): number {
  const lengths = lines
    .filter((l) => l.text !== "" && !l.raw.includes("\t") && !isNoiseLine(l.text))
    .map((l) => l.text.length)
    .sort((a, b) => a - b);
  if (lengths.length === 0) return 0;
  return lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.9))] ?? 0;
}

const ENDS_WITH_LABEL = new RegExp(
  `(?:^|[\\s;.,])(?:${FIELD_LABELS.map(([src]) => src).join("|")})\\s*:$`,
  "iu",
);

function continues(prev: string, next: string, prevIsHeading: boolean, width: number): boolean {
  if (opensBlock(next)) {
    // "kinh tế" / "- xã hội": a dash that starts a lower-case continuation is not a bullet.
    const dashContinuation = /^[-–—]\s*\p{Ll}/u.test(next) && !TERMINAL.test(prev);
    if (!dashContinuation) return false;
    return true;
  }
  if (startsLower(next)) return true;
  // "… Chủ trì:" / "Phòng Giáo dục và Đào tạo; thời gian: …": a field label whose value wrapped.
  if (ENDS_WITH_LABEL.test(prev)) return true;
  // Signature blocks and banners: an all-caps line after ordinary text starts something new.
  if (isAllCaps(next) && !isAllCaps(prev)) return false;
  if (/[-,(/]$/u.test(prev)) return true;
  if (TERMINAL.test(prev) || prevIsHeading) return false;
  if (CONNECTIVE.test(prev)) return true;
  const wrapped = width > 0 && width < 130;
  return wrapped && prev.length >= Math.floor(width * 0.82);
}

function joinText(prev: string, next: string): string {
  // "Nghị quyết số 57-" + "NQ/TW": a word split at its hyphen joins without a space.
  if (/[\p{L}\p{N}]-$/u.test(prev) && /^[\p{Lu}\p{N}]/u.test(next)) return prev + next;
  return `${prev} ${next}`;
}

/**
 * Join wrapped lines into paragraphs. `skip(line)` removes lines from consideration entirely
 * (signature trailers, for instance) without renumbering anything.
 */
export function reflow(
  lines: readonly SourceLine[],
  skip: (line: SourceLine) => boolean = () => false,
): Paragraph[] {
  const width = wrapWidth(lines.filter((l) => !skip(l)));
  const paragraphs: Paragraph[] = [];
  let current: (Paragraph & { last: string; heading: boolean }) | null = null;

  const flush = () => {
    if (current) {
      const { last: _last, heading: _heading, ...paragraph } = current;
      paragraphs.push(paragraph);
    }
    current = null;
  };

  for (const line of lines) {
    if (skip(line) || line.text === "" || isNoiseLine(line.text)) continue;
    const cells = tableCells(line.raw);
    if (cells) {
      flush();
      paragraphs.push({ from: line.no, to: line.no, text: cells.filter((c) => c !== "").join(" | "), cells });
      continue;
    }
    const cur = current as (Paragraph & { last: string; heading: boolean }) | null;
    if (cur && continues(cur.last, line.text, cur.heading, width)) {
      cur.text = joinText(cur.text, line.text);
      cur.to = line.no;
      cur.last = line.text;
      continue;
    }
    flush();
    current = {
      from: line.no,
      to: line.no,
      text: line.text,
      last: line.text,
      heading: matchHeading(line.text) !== null,
    };
  }
  flush();
  return paragraphs;
}
