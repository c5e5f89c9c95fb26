/**
 * Kinds of documents plans cite, and the words that open a plan's references to the documents it
 * implements or rests on.
 */

export const DOCUMENT_TYPES: readonly string[] = [
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
  "Đề án",
  "Hiến pháp",
];

/** "Thực hiện Kế hoạch số …", "Triển khai thực hiện Quyết định số …", "Trên cơ sở Kế hoạch …". */
export const IMPLEMENTS_OPENERS =
  /^(?:Thực hiện|Triển khai(?:\s+thực hiện)?|Trên cơ sở|Căn cứ và thực hiện)(?![\p{L}\p{N}])/u;

/** "Căn cứ Luật …": a legal basis. */
export const BASIS_OPENER = /^Căn cứ(?![\p{L}\p{N}])/u;

/**
 * Digital-signature stamps that e-office systems print on a signed plan: who signed, and when. Each
 * format names the line that says who signed and where its time is written (the lines before or after).
 * The number and date of a signed plan are often left blank in its body ("Số: …/KH-UBND"), so the
 * stamp is the only record of when it was signed.
 */
export const SIGNATURE_STAMPS: ReadonlyArray<{ name: string; by: RegExp; timeWithin: [number, number] }> = [
  // HP-eOffice and others: "Nguyễn Văn A <a@x.gov.vn> đã ký lên văn bản này", the time on a line above.
  {
    name: "đã ký lên văn bản",
    by: /^(.+?)\s*(?:<[^>]*>)?\s*đã ký (?:lên|vào) văn bản này/iu,
    timeWithin: [-3, 1],
  },
  // VNPT and Viettel signing stamps: "Ký bởi: …", "Người ký: …", the time on the next lines.
  { name: "ký bởi", by: /^(?:Ký bởi|Người ký|Được ký bởi)\s*:\s*(.+)$/iu, timeWithin: [-1, 4] },
];

/** "2025-09-04T09:52:42+0700", "04.09.2025 09:52:42", "Ngày ký: 04/09/2025". */
export const STAMP_TIMES: readonly RegExp[] = [
  /(?<![\d])(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/u,
  /(?<![\d])(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/u,
];
