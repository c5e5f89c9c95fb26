/**
 * Everyday compound words whose syllables the plans use apart ("sân" and "bay", "kết" and "hôn") but
 * which name one thing. A question about one of them is about that thing: when no plan uses the compound
 * itself, the plans do not cover it, however common its syllables are. The corpus decides; this list
 * only says which pairs of syllables are one word (folded, as "a b"). Nothing a digital-transformation
 * plan may well digitise belongs here ("khám bệnh", "tiêm chủng": plans put them online too).
 */
export const COMPOUNDS: readonly string[] = [
  // places and works outside digital transformation
  "san bay",
  "cau cang",
  "ben xe",
  "nha ga",
  "benh vien",
  "truong hoc",
  "cho dem",
  "khu cong nghiep",
  // civil status and land
  "ket hon",
  "ly hon",
  "khai tu",
  "nhan con nuoi",
  "so do",
  "nha dat",
  "dat dai",
  "thua ke",
  // farming
  "gieo cay",
  "vu mua",
  "lua gao",
  // disasters and seasons
  "bao lut",
  "lu lut",
  "ngap lut",
  "thien tai",
  // everyday life
  "thoi tiet",
  "bong da",
  "xo so",
  "gia vang",
  "chung khoan",
  "am thuc",
  "le hoi",
  "nghia vu quan su",
  // sport, and other countries
  "tran dau",
  "ty so",
  "doi tuyen",
  "v league",
  "world cup",
  "sea games",
  "thai lan",
  "han quoc",
  "nhat ban",
  "trung quoc",
];
