/**
 * References to other legal documents: "Kế hoạch số 359/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân
 * thành phố về Chuyển đổi số…", "Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về…".
 */

import { DOCUMENT_TYPES } from "../lexicon/vi/documents.ts";
import { isoDate, isValidDate } from "../text/dates.ts";
import { foldWords, squash } from "../text/normalize.ts";

export interface Reference {
  type: string;
  number: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
  text: string;
  /** Offset of the reference in the text it was found in. */
  index: number;
}

const NUMBER = String.raw`(\d+[\p{L}\d]*(?:\s*[-/]\s*[\p{L}\p{N}]+)+)`;
const DATE = String.raw`(?:,\s*)?ngày\s*(\d{1,2})\s*(?:\/|tháng)\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4})`;
/**
 * A comma inside an issuer's name: "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và
 * chuyển đổi số thành phố", the name every steering committee has had since Resolution 57.
 */
const ISSUER_COMMA = String.raw`,(?=\s*(?:công nghệ|đổi mới sáng tạo)(?![\p{L}]))`;
const REF = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${DOCUMENT_TYPES.join("|")})(?:\s+số)?\s+${NUMBER}(?:\s*${DATE})?(?:\s+của\s+((?:[^,;:()]|${ISSUER_COMMA})+?))?(?=\s+(?:về|phê duyệt|ban hành|quy định|sửa đổi|hướng dẫn)(?![\p{L}\p{N}])|(?!${ISSUER_COMMA})[,;:()]|\.(?:\s|$)|$|\s+\()`,
  "gu",
);

/** "Luật Dữ liệu số 60/2024/QH15": a law is named before its number. */
const NAMED_LAW = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(Luật|Bộ luật)\s+((?:[\p{L}\p{M}]+\s+){1,8}?)số\s+${NUMBER}(?:\s*${DATE})?`,
  "gu",
);

/** Every document reference in the text, in order. */
export function findReferences(text: string): Reference[] {
  const out: Reference[] = [];
  for (const m of text.matchAll(NAMED_LAW)) {
    const [whole, type, name, number, d, mo, y] = m;
    const date =
      d && mo && y && isValidDate(Number(y), Number(mo), Number(d))
        ? isoDate(Number(y), Number(mo), Number(d))
        : null;
    out.push({
      type: type ?? "Luật",
      number: number ? number.replace(/\s+/gu, "") : null,
      date,
      issuer: null,
      subject: squash(`${type} ${name ?? ""}`),
      text: squash(whole),
      index: m.index ?? 0,
    });
  }
  for (const m of text.matchAll(REF)) {
    const [whole, type, number, d, mo, y, issuer] = m;
    let date: string | null = null;
    if (d && mo && y && isValidDate(Number(y), Number(mo), Number(d))) {
      date = isoDate(Number(y), Number(mo), Number(d));
    }
    const after = text.slice((m.index ?? 0) + whole.length);
    const subject =
      /^\s+(?:về\s+|phê duyệt\s+|ban hành\s+|quy định\s+)?((?:sửa đổi|hướng dẫn)?[^;]+?)(?:;|\.\s|\.$|$|,\s*(?:Ủy ban|Uỷ ban|UBND|căn cứ))/u.exec(
        after,
      )?.[1] ?? null;
    out.push({
      type: type ?? "",
      number: number ? number.replace(/\s+/gu, "") : null,
      date,
      issuer: issuer ? squash(issuer) : null,
      subject: subject
        ? squash(subject)
            .replace(/\(gọi tắt.*$/u, "")
            .trim()
        : null,
      text: squash(whole),
      index: m.index ?? 0,
    });
  }
  return out.sort((a, b) => a.index - b.index);
}

const UNNUMBERED = new RegExp(
  String.raw`^(?:Căn cứ\s+)?(${DOCUMENT_TYPES.join("|")})(?![\p{L}\p{N}])\s*(.*)$`,
  "u",
);
const WORDY_DATE = /,?\s*ngày\s*(\d{1,2})\s*(?:\/|tháng)\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4})/u;

/**
 * A document named without a number: "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
 * "Nghị quyết Đại hội Đảng bộ xã Nam Sơn lần thứ I, nhiệm kỳ 2025-2030". Null when the clause does
 * not start with a document type.
 */
export function unnumberedReference(clause: string): Reference | null {
  const text = squash(clause).replace(/[.;,]+$/u, "");
  const m = UNNUMBERED.exec(text);
  if (!m?.[1] || !m[2] || m[2].length < 6) return null;
  const date = WORDY_DATE.exec(m[2]);
  let iso: string | null = null;
  if (date && isValidDate(Number(date[3]), Number(date[2]), Number(date[1])))
    iso = isoDate(Number(date[3]), Number(date[2]), Number(date[1]));
  const subject = squash(date ? m[2].replace(date[0], "") : m[2]);
  return {
    type: m[1],
    number: null,
    date: iso,
    issuer: null,
    subject: subject || null,
    text: text.replace(/^Căn cứ\s+/u, ""),
    index: 0,
  };
}

/** Numbers of documents a question names ("KH 215", "NQ 57", "02-KH/BCĐTW"), years aside. */
export function documentNumbers(question: string): string[] {
  return [...question.matchAll(/(?<![\p{L}\d/])(\d{1,5})([-/][\p{L}\d/-]+)?/gu)]
    .filter((m) => {
      // "215/KH-UBND", "02-KH/BCĐTW" are numbers of documents; a bare "215" only after a document's name
      // ("KH 215", "Nghị quyết số 57"), not "6 tháng cuối năm".
      if (m[2]) return true;
      const before = foldWords(question.slice(Math.max(0, (m.index ?? 0) - 24), m.index)).split(" ");
      const last = before.slice(-2).join(" ");
      return DOCUMENT_NAMED.test(` ${last}`);
    })
    .map((m) => m[1] as string)
    .filter((n) => !(n.length === 4 && Number(n) >= 1990 && Number(n) <= 2100));
}

/** The folded words just before a bare number that make it a document's number. */
const DOCUMENT_NAMED =
  / (?:so|kh|nq|qd|nd|cv|tt|ct|ke hoach|nghi quyet|quyet dinh|nghi dinh|cong van|thong tu|chi thi|van ban|de an)$/u;

/** "215/KH-UBND" is number 215; "2150/…" is not. */
export function numberIs(number: string | null, asked: string): boolean {
  return number !== null && new RegExp(`^0*${asked}(?!\\d)`, "u").test(number);
}
