import { NAMED_SECTIONS } from "../lexicon/vi/sections.ts";
import { isAllCaps } from "./normalize.ts";

/**
 * The numbering and list markers of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP
 * style): parts, roman sections, arabic and dotted items, letters, bullets.
 */

export type HeadingKind = "part" | "appendix" | "roman" | "multi" | "arabic" | "letter" | "named";

export interface HeadingMatch {
  kind: HeadingKind;
  /** The number as written: "II", "3", "2.1", "d", "I" (of "Phần I"). */
  label: string;
  /** The heading text after the number (may be empty: "Phần I" alone on its line). */
  text: string;
  /** What follows the label of a named heading on its line ("Kinh phí thực hiện: <rest>"). */
  rest?: string;
}

const PART = /^(?:PHẦN|Phần)\s+(THỨ\s+[\p{L}]+|[IVX]+|\d+)\s*[.:]?\s*(.*)$/u;
const APPENDIX = /^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ\s+|số\s+)?([IVX]+|\d+))?\s*[.:]?\s*(.*)$/u;
const ROMAN = /^([IVX]{1,5})\s*\.\s*(\S.*)$/u;
const MULTI = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$/u;
const ARABIC = /^(\d{1,2})[.)]\s+(\S.*)$/u;
const LETTER = /^([a-zđ])[.)]\s+(\S.*)$/u;
const BULLET = /^(?:[-–—•*+]\s*)+/u;

/** "Tổ chức thực hiện:", "Kinh phí thực hiện: …": a part named on a label line, without a number. */
function namedHeading(text: string): HeadingMatch | null {
  const m = /^([^:]{4,40}):\s*(.*)$/u.exec(text);
  const name = (m?.[1] ?? text).trim();
  if (!m && !/^[\p{Lu}]/u.test(text)) return null;
  if (!NAMED_SECTIONS.some((re) => re.test(name))) return null;
  // Without a colon only a line of its own in capitals ("TỔ CHỨC THỰC HIỆN") is a heading.
  if (!m && !isAllCaps(text)) return null;
  return { kind: "named", label: "", text: name, rest: m?.[2]?.trim() ?? "" };
}

/** Classify the first line of a paragraph as a heading, or null. */
export function matchHeading(line: string): HeadingMatch | null {
  const text = line.trim();
  let m = PART.exec(text);
  if (m && text.length < 160) return { kind: "part", label: m[1] ?? "", text: m[2] ?? "" };
  m = APPENDIX.exec(text);
  if (m && (/^PHỤ LỤC/u.test(text) || m[1]) && text.length < 160) {
    return { kind: "appendix", label: m[1] ?? "", text: m[2] ?? "" };
  }
  m = ROMAN.exec(text);
  if (m) return { kind: "roman", label: m[1] ?? "", text: m[2] ?? "" };
  m = MULTI.exec(text);
  if (m && startsLikeText(m[2] ?? "")) return { kind: "multi", label: m[1] ?? "", text: m[2] ?? "" };
  m = ARABIC.exec(text);
  if (m && startsLikeText(m[2] ?? "")) return { kind: "arabic", label: m[1] ?? "", text: m[2] ?? "" };
  m = LETTER.exec(text);
  if (m && startsLikeText(m[2] ?? "")) return { kind: "letter", label: m[1] ?? "", text: m[2] ?? "" };
  return namedHeading(text);
}

function startsLikeText(rest: string): boolean {
  return /^[\p{Lu}\p{N}“"(]/u.test(rest);
}

/** "- ", "+ ", "- + ", "• " at the start of a line. */
export function bulletPrefix(line: string): string | null {
  const m = BULLET.exec(line.trimStart());
  return m ? m[0] : null;
}

export function stripBullet(line: string): string {
  return line.trimStart().replace(BULLET, "");
}

/** Any marker that opens a new block: a heading or a bullet. */
export function opensBlock(line: string): boolean {
  const text = line.trim();
  return matchHeading(text) !== null || bulletPrefix(text) !== null;
}
