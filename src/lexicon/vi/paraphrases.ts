/**
 * How staff say what plans write another way. Each family gives the plan's wording first, then the
 * everyday wordings that mean the same (folded, word-separated). Questions and plan texts are both
 * read with every member of a family as its first, so "họp online" finds "hội nghị truyền hình".
 */
export const PARAPHRASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "hoi nghi truyen hinh",
    ["hoi nghi truc tuyen", "hop online", "hop truc tuyen", "hop qua mang", "hop qua video", "hop zoom"],
  ],
  ["truc tuyen", ["online", "qua mang internet"]],
  ["phien hop", ["cuoc hop", "buoi hop"]],
  // The commune's loudspeakers are its radio system ("hệ thống truyền thanh", "Đài Truyền thanh").
  [
    "truyen thanh",
    ["loa truyen thanh", "loa phat thanh", "loa phuong", "loa xa", "loa thon", "loa to dan pho"],
  ],
  // Staff write the civil service by its initials; the longer family first.
  ["can bo cong chuc vien chuc", ["cb cc vc", "cbccvc", "cb ccvc", "cbcc vc", "cbcc cvc"]],
  ["can bo cong chuc", ["cb cc", "cbcc"]],
  // An attack, a fault, a crash: the plans answer all of them under "sự cố".
  [
    "su co",
    [
      "tan cong",
      "bi hack",
      "hack",
      "xam nhap trai phep",
      "bi loi",
      "gap loi",
      "bi sap",
      // "sập" alone folds to "sap", which is also "sắp" (soon): only with what crashed
      "sap he thong",
      "he thong sap",
      "sap mang",
      "mang sap",
      "sap web",
      "web sap",
      "sap trang",
      "sap may chu",
      "hong he thong",
    ],
  ],
  ["dan so truong thanh", ["nguoi truong thanh", "nguoi lon", "nguoi du 18 tuoi"]],
  ["phuc hoi", ["khoi phuc"]],
  [
    "thuc hien thu tuc hanh chinh",
    ["nop ho so thu tuc hanh chinh", "lam thu tuc hanh chinh", "lam ho so thu tuc hanh chinh"],
  ],
  ["sao luu", ["backup", "back up", "luu du phong"]],
  ["dien thoai thong minh", ["smartphone", "smart phone", "dt thong minh", "dien thoai smartphone"]],
  ["thu hut nhan luc", ["giu chan nhan luc", "giu chan can bo", "giu nguoi", "giu chan nguoi gioi"]],
  ["ung dung", ["app", "apps"]],
  ["phi dia gioi", ["khong phu thuoc dia gioi", "khong phu thuoc vao dia gioi", "khong theo dia gioi"]],
  ["bao dam nguon kinh phi", ["lo nguon kinh phi", "lo nguon tien"]],
  ["bao dam kinh phi", ["lo kinh phi", "chuan bi kinh phi", "lo tien", "bo tri tien", "bo tri kinh phi"]],
  ["phan anh kien nghi", ["gop y phan hoi", "gop y", "phan hoi", "y kien gop y", "y kien phan anh"]],
  [
    "phi tiep xuc",
    ["khong can gap truc tiep", "khong gap truc tiep", "khong tiep xuc truc tiep", "khong tiep xuc"],
  ],
  ["toi thieu", ["it nhat"]],
  ["nhan dan", ["ba con"]],
  ["toan trinh", ["tu dau den cuoi", "tron ven tren mang", "tron goi"]],
  ["tin gia", ["fake news", "tin fake", "tin dom", "tin sai su that"]],
  ["ngan chan tin gia", ["chong tin gia", "chong fake news", "dep tin gia", "xu ly tin gia", "chan tin gia"]],
  ["lom song", ["chua co song", "khong co song", "mat song", "song yeu", "vung trang song"]],
  // "lập kế hoạch" is what plans call "xây dựng kế hoạch" ("lập" alone is also "thành lập")
  ["xay dung ke hoach", ["lap ke hoach"]],
  ["xay dung", ["soan thao", "soan"]],
  ["lap dat bo sung", ["lap them", "lap dat them"]],
  ["thanh toan khong dung tien mat", ["thanh toan the", "quet ma qr", "chuyen khoan"]],
  ["so hoa", ["scan", "chuyen sang ban dien tu"]],
  // Both spellings are in use ("tỉ lệ", "tỷ lệ"); the plans write "tỷ lệ".
  ["ty le", ["ti le"]],
  // The people of the commune, as staff say it.
  ["nhan dan", ["ba con", "dan chung"]],
  // Transactions done without meeting an official in person.
  [
    "phi tiep xuc",
    [
      "khong phai gap mat truc tiep",
      "khong gap mat truc tiep",
      "khong can gap mat",
      "khong tiep xuc truc tiep",
    ],
  ],
  ["ung dung", ["app"]],
  ["tro lai binh thuong", ["chay lai binh thuong", "hoat dong lai binh thuong", "chay binh thuong lai"]],
];

/**
 * Words whose diacritics tell them apart from a common word they fold into: read before folding.
 * "sập" (crashed) is "sự cố"; the folded "sap" is mostly "sắp" (soon).
 */
export const BEFORE_FOLDING: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![\p{L}])sập(?![\p{L}])/giu, "sự cố"],
];
