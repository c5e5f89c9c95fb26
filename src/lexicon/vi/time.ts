/**
 * How plans say when: recurrence ("thường xuyên", "hằng quý"), deadlines that depend on an event
 * ("theo hướng dẫn", "khi có yêu cầu"), the cues that open a deadline inside a sentence, and the roman
 * numerals of parts and quarters. Recurrence and conditions match folded text (no diacritics).
 */

/** "Thường xuyên", "hàng tuần", "hằng năm", "định kỳ", "tối thiểu 2 lần/ tuần" (folded). */
export const RECURRING = [
  /thuong xuyen/u,
  /\bhang (ngay|tuan|thang|quy|nam)\b/u,
  /\bhang(?= (ngay|tuan|thang|quy|nam)\b)/u,
  /\bmoi (ngay|tuan|thang|quy|nam)\b/u,
  /\bdinh ky\b/u,
  /\blien tuc\b/u,
  /\d+\s*lan\s*\/\s*(ngay|tuan|thang|quy|nam)/u,
  /\d+\s*lan (moi|mot|trong) (ngay|tuan|thang|quy|nam)/u,
];

/** "Theo hướng dẫn của Sở Nội vụ thành phố", "khi có yêu cầu" (folded). */
export const CONDITIONAL = [
  /^theo\b/u,
  /\btheo (huong dan|chi dao|yeu cau|lo trinh|ke hoach|quy dinh|thong bao|van ban)\b/u,
  /\bkhi (co|duoc)\b/u,
  /\bsau khi\b/u,
  /\bngay khi\b/u,
];

/**
 * How often a duty recurs, as written in running text. Most specific first: "tối thiểu 2 lần/ tuần"
 * says more than the "định kỳ" before it.
 */
export const FREQUENCIES = [
  /(?:(?:tối thiểu|ít nhất|tối đa)\s+)?\d+\s*lần\s*\/\s*(?:ngày|tuần|tháng|quý|năm)/iu,
  /(?:hàng|hằng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)/iu,
  /định kỳ(?:\s+(?:hàng|hằng)\s+(?:tuần|tháng|quý|năm))?/iu,
  // "(nguồn vốn) chi thường xuyên" is recurrent expenditure, not a frequency.
  /(?<!chi\s)thường xuyên/iu,
];
/** "hoàn thành trước ngày 30/6/2026", "trong Quý III/2026": a deadline inside a duty's sentence. */
export const DUE_CUE =
  /(?:trước|chậm nhất|hoàn thành trong|hoàn thành trước|xong trước|trong)\s+(?:ngày\s+\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\/\d{1,2}\/\d{4}|quý\s+[IV\d]+(?:\s*(?:\/|năm)\s*\d{4})?|tháng\s+\d{1,2}(?:\s*(?:\/|năm)\s*\d{4})?|6 tháng (?:đầu|cuối) năm(?:\s+\d{4})?|năm\s+\d{4})/iu;

export const ROMAN_NUMERALS: readonly string[] = [
  "I",
  "II",
  "III",
  "IV",
  "V",
  "VI",
  "VII",
  "VIII",
  "IX",
  "X",
];

/** How often, folded as asked ("hang tuan", "moi nam" read as "hang nam") → as an answer writes it. */
export const FREQUENCY_WORDS: Readonly<Record<string, string>> = {
  "hang ngay": "hằng ngày",
  "hang tuan": "hằng tuần",
  "hang thang": "hằng tháng",
  "hang quy": "hằng quý",
  "hang nam": "hằng năm",
};
