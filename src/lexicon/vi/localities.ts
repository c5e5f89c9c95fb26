/**
 * Levels of Vietnamese local government, as plans name them ("xã Tân Kỳ", "UBND HUYỆN NGHI LỘC",
 * "thành phố Hải Phòng"). Longer kinds come first so "thị xã" is not read as "xã".
 */
import type { LocalityKind } from "../../plans/schema.ts";

export interface LocalityLevel {
  kind: LocalityKind;
  /** 1: province or centrally-run city; 2: district level; 3: commune level. */
  level: 1 | 2 | 3;
}

export const LOCALITY_KINDS: readonly LocalityLevel[] = [
  { kind: "đặc khu", level: 3 },
  { kind: "thị trấn", level: 3 },
  { kind: "thị xã", level: 2 },
  { kind: "thành phố", level: 2 },
  { kind: "phường", level: 3 },
  { kind: "huyện", level: 2 },
  { kind: "quận", level: 2 },
  { kind: "tỉnh", level: 1 },
  { kind: "xã", level: 3 },
];

/** Cities run by the central government: "thành phố" of these is a province-level unit. */
export const CENTRAL_CITIES: readonly string[] = [
  "Hà Nội",
  "Hồ Chí Minh",
  "Hải Phòng",
  "Đà Nẵng",
  "Cần Thơ",
  "Huế",
];

/** Words after a kind that are not a place: "xã hội", "Thành phố thông minh", "phường, xã". */
export const NOT_PLACE_NAMES =
  /^(?:hội|Hội|HỘI|thông minh|Thông minh|trực thuộc|điện tử|số)(?![\p{L}\p{N}])/u;

/**
 * Letters PDF fonts commonly damage in place names, where the repair is unambiguous: "Hịa Bình" is
 * "Hòa Bình" (no Vietnamese name is spelled "Hịa").
 */
export const GLYPH_REPAIRS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![\p{L}])([HhKkTtXx]h?)ịa(?![\p{L}])/gu, "$1òa"],
  [/(?<![\p{L}])([HhKkTtXx]h?)Ịa(?![\p{L}])/gu, "$1Òa"],
];
