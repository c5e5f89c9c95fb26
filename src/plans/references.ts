/**
 * References to other legal documents: "Kế hoạch số 359/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân
 * thành phố về Chuyển đổi số…", "Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về…".
 */
import { isoDate, isValidDate } from "../text/dates.ts";
import { squash } from "../text/normalize.ts";

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

const TYPES = [
  "Kế hoạch hành động",
  "Kế hoạch",
  "Nghị quyết",
  "Nghị định",
  "Quyết định",
  "Chỉ thị",
  "Thông tư",
  "Công văn",
  "Văn bản",
  "Kết luận",
  "Chương trình hành động",
  "Chương trình",
  "Hướng dẫn",
  "Luật",
  "Thông báo",
];

const NUMBER = String.raw`(\d+[\p{L}\d]*(?:\s*[-/]\s*[\p{L}\p{N}]+)+)`;
const DATE = String.raw`(?:,\s*)?ngày\s*(\d{1,2})\s*(?:\/|tháng)\s*(\d{1,2})\s*(?:\/|năm)\s*(\d{4})`;
const REF = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${TYPES.join("|")})(?:\s+số)?\s+${NUMBER}(?:\s*${DATE})?(?:\s+của\s+([^,;:()]+?))?(?=\s+(?:về|phê duyệt|ban hành|quy định|sửa đổi|hướng dẫn)(?![\p{L}\p{N}])|[,;:()]|\.(?:\s|$)|$|\s+\()`,
  "gu",
);

/** Every document reference in the text, in order. */
export function findReferences(text: string): Reference[] {
  const out: Reference[] = [];
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
  return out;
}
