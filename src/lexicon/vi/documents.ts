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
