/**
 * Why a corpus file was not served, in the words a commune's staff can act on (Vietnamese first,
 * English for the operator). One entry per reason.
 */
import type { ReadProblemCode } from "./model.ts";

/** Every reason a reader gives, and the two the corpus adds: not a plan, a plan already loaded. */
export type ProblemCode = ReadProblemCode | "not-a-plan" | "duplicate";

export const PROBLEM_MESSAGES: Record<ProblemCode, { vi: string; en: string }> = {
  empty: { vi: "tệp rỗng, không có chữ nào", en: "the file is empty, it has no text" },
  binary: { vi: "tệp nhị phân, không phải văn bản", en: "the file is binary, not text" },
  encoding: {
    vi: "không nhận ra bảng mã chữ (hãy lưu lại dưới dạng UTF-8)",
    en: "unknown text encoding (save it again as UTF-8)",
  },
  unreadable: { vi: "không đọc được tệp", en: "the file could not be read" },
  unsupported: {
    vi: "định dạng chưa hỗ trợ; hãy lưu lại dưới dạng .docx hoặc .pdf",
    en: "unsupported format; save it again as .docx or .pdf",
  },
  "legacy-word": {
    vi: "tệp Word cũ (.doc) chưa đọc được; hãy mở bằng Word và lưu lại dưới dạng .docx",
    en: "an old Word file (.doc) cannot be read; open it in Word and save it as .docx",
  },
  scanned: {
    vi: "PDF là ảnh quét, chưa có lớp chữ, và nhận dạng chữ (OCR) đang tắt hoặc chưa cài; bật OCR hoặc dùng bản .docx/.pdf gốc",
    en: "the PDF is a scan with no text layer, and OCR is off or not installed; turn OCR on or use the original .docx/.pdf",
  },
  encrypted: {
    vi: "tệp được đặt mật khẩu; hãy gỡ mật khẩu rồi lưu lại",
    en: "the file is password-protected; remove the password and save it again",
  },
  damaged: {
    vi: "tệp bị hỏng hoặc không trọn vẹn; hãy tải hoặc sao chép lại",
    en: "the file is damaged or incomplete; download or copy it again",
  },
  "too-large": { vi: "tệp quá lớn", en: "the file is too large" },
  "not-a-plan": {
    vi: "không nhận ra cấu trúc kế hoạch (không có mục I., II., … hay nhiệm vụ nào)",
    en: "no plan structure found (no I., II., … sections or tasks)",
  },
  duplicate: { vi: "trùng nội dung với kế hoạch đã nạp", en: "the same content as a plan already loaded" },
};

export interface CorpusProblem {
  file: string;
  code: ProblemCode;
  message_vi: string;
  message_en: string;
}

export function problem(file: string, code: ProblemCode, detail?: { vi: string; en: string }): CorpusProblem {
  const m = PROBLEM_MESSAGES[code];
  return {
    file,
    code,
    message_vi: detail ? `${m.vi} (${detail.vi})` : m.vi,
    message_en: detail ? `${m.en} (${detail.en})` : m.en,
  };
}
