/**
 * Header words of the tables plans carry, by the role of the column. Patterns match folded text
 * (no diacritics, lower case). The first entry that matches wins, so narrower words come first
 * ("cơ quan phối hợp" before "cơ quan").
 */

export type TaskColumn = "index" | "title" | "lead" | "coordinators" | "deadline" | "product" | "note";
export type IndicatorColumn = "index" | "name" | "baseline" | "target" | "unit" | "note";

export const INDEX_COLUMN = /^(?:s\.?\s?tt|tt|so tt|so thu tu|stt\.)$/u;

export const TASK_COLUMNS: ReadonlyArray<readonly [RegExp, TaskColumn]> = [
  [INDEX_COLUMN, "index"],
  [/phoi hop/u, "coordinators"],
  [/thoi gian|thoi han|tien do|^han\b|moc thoi gian|thoi diem/u, "deadline"],
  [/san pham|ket qua/u, "product"],
  [/chu tri|thuc hien|co quan|don vi|trach nhiem|phu trach/u, "lead"],
  [/ghi chu/u, "note"],
  [/nhiem vu|noi dung|ten|cong viec|hoat dong|giai phap|du an/u, "title"],
];

export const INDICATOR_COLUMNS: ReadonlyArray<readonly [RegExp, IndicatorColumn]> = [
  [INDEX_COLUMN, "index"],
  [/don vi tinh|dvt/u, "unit"],
  [/ghi chu/u, "note"],
  [/chi tieu|ten|noi dung/u, "name"],
  [/ket qua|thuc hien|uoc (?:thuc hien|dat)|\buoc\b|dat duoc|hien trang|nam truoc/u, "baseline"],
  [/ke hoach|muc tieu|phan dau|nam \d{4}|^\d{4}$/u, "target"],
];

/** A header row names a task table when one of its cells says who leads or coordinates. */
export const TASK_TABLE_CUE = /chu tri|co quan thuc hien|don vi thuc hien|phoi hop|don vi phu trach/u;
/** A header row names an indicator table when one of its cells says "chỉ tiêu". */
export const INDICATOR_TABLE_CUE = /chi tieu/u;

export function roleOf<R extends string>(
  table: ReadonlyArray<readonly [RegExp, R]>,
  foldedCell: string,
): R | null {
  for (const [re, role] of table) if (re.test(foldedCell)) return role;
  return null;
}
