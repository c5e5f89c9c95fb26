/**
 * Vietnamese time expressions → calendar windows. Works on folded text (no diacritics), so
 * "Quý III/2026", "quy 3 nam 2026" and "QUÝ III NĂM 2026" all read the same.
 */
import { CONDITIONAL, RECURRING } from "../lexicon/vi/time.ts";
import { fold } from "./normalize.ts";

export type SpanKind = "date" | "month" | "quarter" | "half-year" | "year" | "range";

export interface TimeSpan {
  kind: SpanKind;
  start: string;
  end: string;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= lastDayOfMonth(year, month) &&
    year >= 1900 &&
    year <= 2200
  );
}

/** "2026-09-30" → "30/09/2026" (the form Vietnamese readers expect). */
export function formatViDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

export function quarterSpan(year: number, quarter: number): TimeSpan {
  const startMonth = (quarter - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  return {
    kind: "quarter",
    start: isoDate(year, startMonth, 1),
    end: isoDate(year, endMonth, lastDayOfMonth(year, endMonth)),
  };
}

export function monthSpan(year: number, month: number): TimeSpan {
  return {
    kind: "month",
    start: isoDate(year, month, 1),
    end: isoDate(year, month, lastDayOfMonth(year, month)),
  };
}

export function yearSpan(year: number): TimeSpan {
  return { kind: "year", start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
}

export function halfSpan(year: number, half: 1 | 2): TimeSpan {
  return half === 1
    ? { kind: "half-year", start: isoDate(year, 1, 1), end: isoDate(year, 6, 30) }
    : { kind: "half-year", start: isoDate(year, 7, 1), end: isoDate(year, 12, 31) };
}

const ROMAN_QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const YEAR = String.raw`((?:19|20|21)\d{2})`;
const SEP = String.raw`\s*(?:\/|-|nam|,)?\s*`;

export interface ParseOptions {
  /** Year assumed when the expression names none ("Quý III", "tháng 9"). */
  defaultYear?: number;
}

/**
 * The first definite time window in the text, or null. Recurring ("thường xuyên") and conditional
 * ("theo hướng dẫn") wording is not a window; see `isRecurring` and `isConditional`.
 */
export function parseTimeSpan(text: string, options: ParseOptions = {}): TimeSpan | null {
  const t = fold(text).replace(/\s+/gu, " ");
  const dy = options.defaultYear;
  let m: RegExpExecArray | null;

  // Năm học 2026-2027: the Vietnamese school year runs from September to the end of May.
  m = new RegExp(String.raw`nam hoc\s*${YEAR}\s*-\s*${YEAR}`, "u").exec(t);
  if (m) {
    const y1 = Number(m[1]);
    const y2 = Number(m[2]);
    return { kind: "range", start: isoDate(y1, 9, 1), end: isoDate(y2, 5, 31) };
  }

  // Từ tháng 3 đến tháng 6/2026; tháng 3 - tháng 6 năm 2026
  m = new RegExp(
    String.raw`(?:tu\s+)?thang\s*(\d{1,2})(?:${SEP}${YEAR})?\s*(?:den|-|toi)\s*(?:het\s+)?thang\s*(\d{1,2})(?:${SEP}${YEAR})?`,
    "u",
  ).exec(t);
  if (m) {
    const m1 = Number(m[1]);
    const m2 = Number(m[3]);
    const y2 = m[4] ? Number(m[4]) : dy;
    const y1 = m[2] ? Number(m[2]) : y2;
    if (y1 && y2 && m1 >= 1 && m1 <= 12 && m2 >= 1 && m2 <= 12) {
      return { kind: "range", start: isoDate(y1, m1, 1), end: isoDate(y2, m2, lastDayOfMonth(y2, m2)) };
    }
  }

  // Tháng 6-9/2026, tháng 3 - 6 năm 2026: months of one year written together.
  m = new RegExp(String.raw`thang\s*(\d{1,2})\s*(?:-|den|toi)\s*(\d{1,2})\s*(?:\/|nam)\s*${YEAR}`, "u").exec(
    t,
  );
  if (m) {
    const m1 = Number(m[1]);
    const m2 = Number(m[2]);
    const y = Number(m[3]);
    if (m1 >= 1 && m2 <= 12 && m1 < m2) {
      return { kind: "range", start: isoDate(y, m1, 1), end: isoDate(y, m2, lastDayOfMonth(y, m2)) };
    }
  }

  // Quý II-III/2026, Quý I, II/2026, quý I và quý II năm 2026
  m = new RegExp(
    String.raw`quy\s*(iv|iii|ii|i|[1-4])\s*(?:-|,|va|den|toi)\s*(?:quy\s*)?(iv|iii|ii|i|[1-4])\b(?:${SEP}${YEAR})?`,
    "u",
  ).exec(t);
  if (m) {
    const q1 = ROMAN_QUARTER[m[1] ?? ""];
    const q2 = ROMAN_QUARTER[m[2] ?? ""];
    const y = m[3] ? Number(m[3]) : dy;
    if (q1 && q2 && y && q1 < q2) {
      return { kind: "range", start: quarterSpan(y, q1).start, end: quarterSpan(y, q2).end };
    }
  }

  // Explicit dates: 31/12/2026, ngày 31 tháng 12 năm 2026
  m = new RegExp(String.raw`(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*${YEAR}`, "u").exec(t);
  const wordy = new RegExp(String.raw`ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*${YEAR}`, "u").exec(t);
  const date = m ?? wordy;
  if (date) {
    const d = Number(date[1]);
    const mo = Number(date[2]);
    const y = Number(date[3]);
    if (isValidDate(y, mo, d)) {
      const iso = isoDate(y, mo, d);
      // "Từ ngày 01/7/2025": a start, not a deadline; the caller decides what to do with it.
      return { kind: "date", start: iso, end: iso };
    }
  }

  // "Trước 30/6", "ngày 15/11": a day and month, in the plan's year.
  m = /(?:^|\s)(\d{1,2})\s*\/\s*(\d{1,2})(?!\s*[/\d])/u.exec(t);
  if (m && dy && /^(?:(?:truoc|den|het|ngay|cham nhat|hoan thanh truoc)\s+)*\d/u.test(t.trim())) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    if (isValidDate(dy, mo, d)) {
      const iso = isoDate(dy, mo, d);
      return { kind: "date", start: iso, end: iso };
    }
  }

  // "Cả năm": the whole of the plan's year.
  if (dy && /^(?:ca|suot) nam$/u.test(t.trim())) return yearSpan(dy);

  // Quý III/2026, quý 3 năm 2026, quý III (year from context)
  m = new RegExp(String.raw`quy\s*(iv|iii|ii|i|[1-4])\b(?:${SEP}${YEAR})?`, "u").exec(t);
  if (m) {
    const q = ROMAN_QUARTER[m[1] ?? ""];
    const y = m[2] ? Number(m[2]) : dy;
    if (q && y) return quarterSpan(y, q);
  }

  // 6 tháng đầu/cuối năm 2026
  m = new RegExp(String.raw`(?:6|sau)\s*thang\s*(dau|cuoi)\s*(?:nam\s*)?${YEAR}?`, "u").exec(t);
  const half = m ?? new RegExp(String.raw`nua\s*(dau|cuoi)\s*(?:nam\s*)?${YEAR}?`, "u").exec(t);
  if (half) {
    const y = half[2] ? Number(half[2]) : dy;
    if (y) return halfSpan(y, half[1] === "dau" ? 1 : 2);
  }

  // Tháng 01/2026, tháng 9 năm 2026, tháng 10 (year from context)
  m = new RegExp(String.raw`thang\s*(\d{1,2})\b(?:${SEP}${YEAR})?`, "u").exec(t);
  if (m) {
    const mo = Number(m[1]);
    const y = m[2] ? Number(m[2]) : dy;
    if (y && mo >= 1 && mo <= 12) return monthSpan(y, mo);
  }

  // Giai đoạn 2026-2030, 2025-2027
  m = new RegExp(String.raw`${YEAR}\s*-\s*${YEAR}`, "u").exec(t);
  if (m) {
    const y1 = Number(m[1]);
    const y2 = Number(m[2]);
    if (y2 >= y1) return { kind: "range", start: isoDate(y1, 1, 1), end: isoDate(y2, 12, 31) };
  }

  // Năm 2026
  m = new RegExp(String.raw`nam\s*${YEAR}`, "u").exec(t);
  if (m) return yearSpan(Number(m[1]));
  m = new RegExp(String.raw`^\s*${YEAR}\s*$`, "u").exec(t);
  if (m) return yearSpan(Number(m[1]));
  return null;
}

/** "Thường xuyên", "hàng tuần", "hằng năm", "định kỳ", "tối thiểu 2 lần/ tuần". */
export function isRecurring(text: string): boolean {
  const t = fold(text);
  return RECURRING.some((re) => re.test(t));
}

/** "Theo hướng dẫn của Sở Nội vụ thành phố", "khi có yêu cầu": the deadline depends on something else. */
export function isConditional(text: string): boolean {
  const t = fold(text).trim();
  return CONDITIONAL.some((re) => re.test(t));
}

/** A day written "10/10" or "10/10/2024": group 1 is its month, group 2 its year when written. */
export const DAY_MONTH = /(?<![\d/])\d{1,2}\/(\d{1,2})(?:\/(\d{4}))?(?![\d/])/gu;
