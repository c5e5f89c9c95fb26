/**
 * Names of a plan's parts when they stand without a number, as a label line ("Tổ chức thực hiện:",
 * "Kinh phí thực hiện: từ nguồn …", "Mục tiêu đến ngày 31/12/2026:"). Short plans are often laid out
 * this way. Matched at the start of a paragraph, in any case.
 */
export const NAMED_SECTIONS: readonly RegExp[] = [
  /^(?:mục tiêu|chỉ tiêu|mục tiêu,? chỉ tiêu)(?:\s+(?:cụ thể|chung|chủ yếu|đến\s.{4,30}|năm\s\d{4}))?$/iu,
  /^(?:nhiệm vụ|nhiệm vụ,? giải pháp|nhiệm vụ và giải pháp|giải pháp|nhiệm vụ cụ thể|nhiệm vụ trọng tâm)$/iu,
  /^(?:kinh phí thực hiện|nguồn kinh phí)$/iu,
  /^(?:tổ chức thực hiện|trách nhiệm thực hiện|phân công nhiệm vụ)$/iu,
];
