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

/**
 * Provinces and centrally-run cities, the 34 of the 2025 reorganisation and the former ones staff still
 * name: a question about one no plan is for is not answered from another province's plan.
 */
export const PROVINCES: readonly string[] = [
  ...CENTRAL_CITIES,
  "Lai Châu",
  "Điện Biên",
  "Sơn La",
  "Lạng Sơn",
  "Quảng Ninh",
  "Thanh Hóa",
  "Nghệ An",
  "Hà Tĩnh",
  "Cao Bằng",
  "Tuyên Quang",
  "Lào Cai",
  "Thái Nguyên",
  "Phú Thọ",
  "Bắc Ninh",
  "Hưng Yên",
  "Ninh Bình",
  "Quảng Trị",
  "Quảng Ngãi",
  "Gia Lai",
  "Khánh Hòa",
  "Lâm Đồng",
  "Đắk Lắk",
  "Đồng Nai",
  "Tây Ninh",
  "Vĩnh Long",
  "Đồng Tháp",
  "Cà Mau",
  "An Giang",
  // Merged in 2025, still named in questions and older plans.
  "Bắc Giang",
  "Hải Dương",
  "Thái Bình",
  "Nam Định",
  "Hà Nam",
  "Vĩnh Phúc",
  "Hòa Bình",
  "Yên Bái",
  "Hà Giang",
  "Bắc Kạn",
  "Quảng Bình",
  "Thừa Thiên Huế",
  "Quảng Nam",
  "Kon Tum",
  "Bình Định",
  "Phú Yên",
  "Ninh Thuận",
  "Đắk Nông",
  "Bình Phước",
  "Bình Dương",
  "Bình Thuận",
  "Bà Rịa - Vũng Tàu",
  "Long An",
  "Tiền Giang",
  "Bến Tre",
  "Trà Vinh",
  "Sóc Trăng",
  "Hậu Giang",
  "Bạc Liêu",
  "Kiên Giang",
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
