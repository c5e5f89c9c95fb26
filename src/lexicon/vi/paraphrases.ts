/**
 * How staff say what plans write another way. Each family gives the plan's wording first, then the
 * everyday wordings that mean the same (folded, word-separated). Questions and plan texts are both
 * read with every member of a family as its first, so "họp online" finds "hội nghị truyền hình".
 */
export const PARAPHRASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["hoi nghi truyen hinh", ["hop online", "hop truc tuyen", "hop qua mang", "hop qua video"]],
  ["truc tuyen", ["online", "qua mang internet"]],
  ["tan cong", ["bi hack", "hack", "xam nhap trai phep"]],
  ["su co", ["bi loi", "gap loi", "bi sap", "hong he thong"]],
  ["dan so truong thanh", ["nguoi truong thanh", "nguoi lon", "nguoi du 18 tuoi"]],
  ["phuc hoi", ["khoi phuc"]],
  ["phi dia gioi", ["khong phu thuoc dia gioi", "khong phu thuoc vao dia gioi", "khong theo dia gioi"]],
  ["bao dam nguon kinh phi", ["lo nguon kinh phi", "lo nguon tien"]],
  ["bao dam kinh phi", ["lo kinh phi", "chuan bi kinh phi", "lo tien", "bo tri tien"]],
  ["lap dat bo sung", ["lap them", "lap dat them"]],
  ["thanh toan khong dung tien mat", ["thanh toan the", "quet ma qr", "chuyen khoan"]],
  ["so hoa", ["scan", "chuyen sang ban dien tu"]],
];
