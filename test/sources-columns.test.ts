import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type Chunk,
  findColumnTables,
  fixedWidthLines,
  type PositionedLine,
} from "../src/sources/columns.ts";

/** A fixed-width line with each text at its column (at least two spaces between them, checked). */
function at(...cells: Array<[number, string]>): string {
  let line = "";
  for (const [col, text] of cells) {
    if (line.length > 0 && col < line.length + 2)
      throw new Error(`"${text}" at ${col} collides with "${line}"`);
    line = line.padEnd(col) + text;
  }
  return line;
}

function cellsOf(text: string): string[][] {
  const [table] = findColumnTables(fixedWidthLines(text));
  return table ? table.rows.map((r) => r.cells) : [];
}

// Columns of a typical task appendix: STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |
// Thời gian hoàn thành | Sản phẩm.
const C = [0, 5, 36, 54, 74, 92] as const;
const row = (...texts: string[]) =>
  at(...texts.map((t, i) => [C[i] as number, t] as [number, string]).filter(([, t]) => t !== ""));

const APPENDIX = [
  "KẾ HOẠCH",
  "Chuyển đổi số xã Hòa Bình năm 2026",
  "",
  "III. NHIỆM VỤ, GIẢI PHÁP",
  row("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn", "Sản phẩm"),
  row("", "", "", "", "thành", ""),
  row("I", "HẠ TẦNG SỐ"),
  row("1", "Nâng cấp mạng nội bộ (LAN),", "Văn phòng HĐND", "Phòng Kinh tế;", "Quý II/2026", "Mạng LAN được"),
  row("", "hệ thống wifi tại trụ sở UBND", "và UBND xã", "doanh nghiệp viễn", "", "nâng cấp"),
  row("", "xã", "", "thông", "", ""),
  row(
    "2",
    "Xóa vùng lõm sóng di động tại",
    "Phòng Kinh tế",
    "Trưởng bản Khe",
    "6 tháng đầu năm",
    "Vùng lõm sóng",
  ),
  row("", "bản Khe Thủy", "", "Thủy", "2026", "được xóa"),
  "",
  "II. CHÍNH QUYỀN SỐ",
  row(
    "3",
    "Số hóa hồ sơ, kết quả giải",
    "Trung tâm Phục",
    "Các cơ quan, đơn",
    "Quý III/2026",
    "100% kết quả",
  ),
  row("", "quyết thủ tục hành chính", "vụ hành chính", "vị liên quan", "", "được số hóa"),
  row("", "", "công xã", "", "", ""),
  row(
    "10.",
    "Vận hành hệ thống quản lý văn",
    "Văn phòng HĐND",
    "Các cơ quan thuộc",
    "Thường xuyên",
    "Văn bản điện tử",
  ),
  row("", "bản và điều hành", "và UBND xã", "UBND xã", "", ""),
  "",
  "IV. TỔ CHỨC THỰC HIỆN",
  "1. Văn phòng HĐND và UBND xã chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp báo cáo kết quả.",
].join("\n");

const APPENDIX_ROWS = [
  ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
  ["I", "HẠ TẦNG SỐ", "", "", "", ""],
  [
    "1",
    "Nâng cấp mạng nội bộ (LAN), hệ thống wifi tại trụ sở UBND xã",
    "Văn phòng HĐND và UBND xã",
    "Phòng Kinh tế; doanh nghiệp viễn thông",
    "Quý II/2026",
    "Mạng LAN được nâng cấp",
  ],
  [
    "2",
    "Xóa vùng lõm sóng di động tại bản Khe Thủy",
    "Phòng Kinh tế",
    "Trưởng bản Khe Thủy",
    "6 tháng đầu năm 2026",
    "Vùng lõm sóng được xóa",
  ],
  ["II. CHÍNH QUYỀN SỐ", "", "", "", "", ""],
  [
    "3",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Trung tâm Phục vụ hành chính công xã",
    "Các cơ quan, đơn vị liên quan",
    "Quý III/2026",
    "100% kết quả được số hóa",
  ],
  [
    "10.",
    "Vận hành hệ thống quản lý văn bản và điều hành",
    "Văn phòng HĐND và UBND xã",
    "Các cơ quan thuộc UBND xã",
    "Thường xuyên",
    "Văn bản điện tử",
  ],
];

// Another order (TT | Nhiệm vụ | Sản phẩm | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn), a header
// wrapped over two lines, and a page break inside a row: footer, form feed, running header, then the
// header repeated two columns further right (pdftotext lays out each page on its own).
const D = [0, 4, 34, 54, 70, 88] as const;
const drow = (shift: number, ...texts: string[]) =>
  at(...texts.map((t, i) => [(D[i] as number) + shift, t] as [number, string]).filter(([, t]) => t !== ""));
const BROKEN = [
  "Phụ lục",
  "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
  drow(0, "TT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ", "Đơn vị phối", "Thời hạn"),
  drow(0, "", "", "", "trì", "hợp", ""),
  drow(0, "A", "CHÍNH QUYỀN SỐ"),
  drow(0, "1", "Triển khai ứng dụng VNeID", "Tài khoản định", "Công an xã", "Các thôn, bản", "Quý II/2026"),
  drow(0, "", "mức độ 2 cho người dân trên", "danh điện tử", "", "", ""),
  drow(0, "", "địa bàn", "", "", "", ""),
  drow(0, "2", "Vận hành bộ phận một cửa", "Hồ sơ được giải", "Văn phòng", "Các cơ quan", "Thường xuyên"),
  drow(0, "", "điện tử, số hóa kết quả giải", "quyết đúng hạn", "HĐND và UBND", "chuyên môn", ""),
  "",
  "                                        Trang 1/2",
  "\f                          Kế hoạch chuyển đổi số xã Hòa Bình",
  drow(2, "TT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ", "Đơn vị phối", "Thời hạn"),
  drow(2, "", "", "", "trì", "hợp", ""),
  drow(2, "", "quyết thủ tục hành chính", "", "xã", "", ""),
  drow(2, "B", "XÃ HỘI SỐ"),
  drow(2, "3", "Phổ cập kỹ năng số cho", "Lớp học kỹ năng", "Trường THCS", "Đoàn Thanh niên", "Năm học"),
  drow(2, "", "học sinh trung học cơ sở", "số", "", "", "2026-2027"),
  "",
  "Nơi nhận:                                                   TM. ỦY BAN NHÂN DÂN",
  "- Như trên;                                                      CHỦ TỊCH",
].join("\n");

describe("findColumnTables on fixed-width text", () => {
  const cases: Array<{ name: string; text: string; rows: string[][] }> = [
    {
      name: "task appendix: wrapped cells in several columns, group rows, a heading ends it",
      text: APPENDIX,
      rows: APPENDIX_ROWS,
    },
    {
      name: "other column order, two-line header, row split by a page break with furniture and a shifted repeated header",
      text: BROKEN,
      rows: [
        ["TT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
        ["A", "CHÍNH QUYỀN SỐ", "", "", "", ""],
        [
          "1",
          "Triển khai ứng dụng VNeID mức độ 2 cho người dân trên địa bàn",
          "Tài khoản định danh điện tử",
          "Công an xã",
          "Các thôn, bản",
          "Quý II/2026",
        ],
        [
          "2",
          "Vận hành bộ phận một cửa điện tử, số hóa kết quả giải quyết thủ tục hành chính",
          "Hồ sơ được giải quyết đúng hạn",
          "Văn phòng HĐND và UBND xã",
          "Các cơ quan chuyên môn",
          "Thường xuyên",
        ],
        ["B", "XÃ HỘI SỐ", "", "", "", ""],
        [
          "3",
          "Phổ cập kỹ năng số cho học sinh trung học cơ sở",
          "Lớp học kỹ năng số",
          "Trường THCS",
          "Đoàn Thanh niên",
          "Năm học 2026-2027",
        ],
      ],
    },
    {
      name: "wide cells running into the next column's area stay in their own column",
      text: [
        at([0, "STT"], [5, "Nhiệm vụ"], [30, "Chủ trì"], [46, "Phối hợp"], [64, "Thời gian"]),
        at(
          [0, "1"],
          [5, "Ban hành quy chế"],
          [30, "Văn phòng HĐND và UBND xã"],
          [58, "Công an xã"],
          [72, "Quý I"],
        ),
        at([5, "an toàn thông tin"], [30, "(chủ trì)"], [46, "và các ban ngành đoàn thể"], [73, "/2026"]),
        at([0, "2"], [5, "Cập nhật dữ liệu dân cư thôn Đồng"], [40, "Công an xã"], [64, "Tháng 6"]),
      ].join("\n"),
      rows: [
        ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
        [
          "1",
          "Ban hành quy chế an toàn thông tin",
          "Văn phòng HĐND và UBND xã (chủ trì)",
          "Công an xã và các ban ngành đoàn thể",
          "Quý I /2026",
        ],
        ["2", "Cập nhật dữ liệu dân cư thôn Đồng", "Công an xã", "", "Tháng 6"],
      ],
    },
    {
      name: "column numbering line under the header, blank lines between rows, STT with dots",
      text: [
        at([0, "TT"], [5, "Chỉ tiêu"], [40, "Đơn vị tính"], [56, "Năm 2025"], [68, "Năm 2026"]),
        at([0, "(1)"], [5, "(2)"], [40, "(3)"], [56, "(4)"], [68, "(5)"]),
        "",
        at([0, "1."], [5, "Tỷ lệ hồ sơ trực tuyến toàn trình"], [40, "%"], [56, "60"], [68, "85"]),
        "",
        at([0, "2."], [5, "Tỷ lệ người dân có tài khoản"], [40, "%"], [56, "45"], [68, "60"]),
        at([5, "định danh điện tử mức độ 2"]),
      ].join("\n"),
      rows: [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2026"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["1.", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%", "60", "85"],
        ["2.", "Tỷ lệ người dân có tài khoản định danh điện tử mức độ 2", "%", "45", "60"],
      ],
    },
    {
      name: "a centred spanning group row whose first column is empty",
      text: [
        at([0, "STT"], [6, "Nội dung"], [40, "Chủ trì"], [60, "Thời hạn"]),
        at([26, "I. KINH TẾ SỐ"]),
        at([0, "1"], [6, "Hỗ trợ hộ kinh doanh bán hàng"], [40, "Phòng Kinh tế"], [60, "Năm 2026"]),
        at([6, "trên sàn thương mại điện tử"]),
      ].join("\n"),
      rows: [
        ["STT", "Nội dung", "Chủ trì", "Thời hạn"],
        ["I. KINH TẾ SỐ", "", "", ""],
        ["1", "Hỗ trợ hộ kinh doanh bán hàng trên sàn thương mại điện tử", "Phòng Kinh tế", "Năm 2026"],
      ],
    },
  ];

  it.each(cases)("$name", ({ text, rows }) => {
    expect(cellsOf(text)).toEqual(rows);
  });

  it("reports the line ranges of the table and of each row", () => {
    const lines = fixedWidthLines(APPENDIX);
    const [table, ...more] = findColumnTables(lines);
    expect(more).toEqual([]);
    expect(table?.first).toBe(4);
    // Ends at the last row's line: the blank line and the "IV." heading are outside.
    expect(table?.last).toBe(18);
    expect(table?.rows.map((r) => [r.first, r.last])).toEqual([
      [4, 5],
      [6, 6],
      [7, 9],
      [10, 11],
      [13, 13],
      [14, 16],
      [17, 18],
    ]);
    expect(table?.columns).toHaveLength(6);
  });

  it("drops the repeated header, the footer and the running header at a page break", () => {
    const lines = fixedWidthLines(BROKEN);
    const [table] = findColumnTables(lines);
    expect(table?.first).toBe(2);
    expect(table?.last).toBe(18);
    // Row 2 spans the page break: it ends after the repeated header. The footer "Trang 1/2" (11), the
    // running header (12) and the repeated header (13, 14) start no row and add no text.
    expect(table?.rows.map((r) => [r.first, r.last])).toEqual([
      [2, 3],
      [4, 4],
      [5, 7],
      [8, 15],
      [16, 16],
      [17, 18],
    ]);
    expect(table?.rows.flatMap((r) => r.cells).join(" ")).not.toMatch(/Trang|Hòa Bình|Nhiệm vụ.*Nhiệm vụ/u);
    // The signature block after the table is not part of it.
    expect(lines[20]?.chunks[0]?.text).toBe("Nơi nhận:");
  });

  it("finds no table in prose, a header block or a signature block", () => {
    const text = [
      "ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "XÃ HÒA BÌNH                         Độc lập - Tự do - Hạnh phúc",
      "Ủy ban nhân dân xã  ban hành  Kế hoạch chuyển đổi số  năm 2026",
      "1. Mục đích",
      "- Nâng cao nhận thức, kỹ năng số của cán bộ, công chức và Nhân dân; từng bước hình thành công dân số.",
      "Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN",
      "- UBND huyện;                                   CHỦ TỊCH",
    ].join("\n");
    expect(findColumnTables(fixedWidthLines(text))).toEqual([]);
  });

  it("finds two tables separated by prose", () => {
    const text = [
      at([0, "TT"], [5, "Chỉ tiêu"], [40, "Năm 2025"], [52, "Năm 2026"]),
      at([0, "1"], [5, "Hồ sơ trực tuyến toàn trình"], [40, "60%"], [52, "85%"]),
      "Các nhiệm vụ cụ thể được phân công cho từng cơ quan, đơn vị như bảng dưới đây, bảo đảm tiến độ.",
      at([0, "STT"], [5, "Nhiệm vụ"], [40, "Chủ trì"], [56, "Thời hạn"]),
      at([0, "1"], [5, "Số hóa hồ sơ hộ tịch"], [40, "Tư pháp - Hộ tịch"], [60, "Quý III"]),
    ].join("\n");
    const tables = findColumnTables(fixedWidthLines(text));
    expect(tables.map((t) => [t.first, t.last, t.rows.length])).toEqual([
      [0, 1, 2],
      [3, 4, 2],
    ]);
    expect(tables[1]?.rows[1]?.cells).toEqual(["1", "Số hóa hồ sơ hộ tịch", "Tư pháp - Hộ tịch", "Quý III"]);
  });
});

describe("findColumnTables on pdftotext -layout output", () => {
  // The plan PDF fixture through `pdftotext -layout` (see fixtures/sources/pdf/make.sh): cells run
  // together with a single space where the PDF's columns are tight, and each page has its own layout.
  const text = readFileSync(new URL("./fixtures/sources/pdf/plan.layout.txt", import.meta.url), "utf8");
  const tables = findColumnTables(fixedWidthLines(text));
  const rows = tables[0]?.rows.map((r) => r.cells) ?? [];

  it("rebuilds one table across the three pages", () => {
    expect(tables).toHaveLength(1);
    expect(rows[0]).toEqual([
      "STT",
      "Nội dung nhiệm vụ",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời gian hoàn thành",
      "Sản phẩm",
    ]);
    expect(rows.map((r) => r[0])).toEqual([
      "STT",
      "I",
      "1",
      "2",
      "3",
      "4",
      "II. CHÍNH QUYỀN SỐ",
      "5",
      "6",
      "7",
      "8",
      "9",
      "III",
      "10",
      "11",
      "12",
      "13",
      "14",
    ]);
  });

  it("splits cells that ran together and joins rows split by a page break", () => {
    // Row 1 starts on page 1 and ends on page 2, after the repeated header.
    expect(rows[2]).toEqual([
      "1",
      "Nâng cấp mạng nội bộ (LAN), hệ thống wifi tại trụ sở Ủy ban nhân dân xã và Bộ phận một cửa",
      "Văn phòng HĐND và UBND xã",
      "Phòng Kinh tế; doanh nghiệp viễn thông",
      "Quý II/2026",
      "Mạng LAN, wifi được nâng cấp",
    ]);
    // "Phòng Kinh tế Trưởng ấp Bàu" is two cells.
    expect(rows[3]).toEqual([
      "2",
      "Vận động doanh nghiệp viễn thông xóa vùng lõm sóng di động tại ấp Bàu Sen",
      "Phòng Kinh tế",
      "Trưởng ấp Bàu Sen",
      "6 tháng đầu năm 2026",
      "Vùng lõm sóng được xóa",
    ]);
    // Row 13 is split between pages 2 and 3, with the running header in between.
    expect(rows[16]).toEqual([
      "13",
      "Phổ biến thanh toán không dùng tiền mặt tại chợ Tân Phú, trường học và trạm y tế",
      "Phòng Kinh tế",
      "Các ngân hàng thương mại trên địa bàn",
      "Năm 2026",
      "Điểm thanh toán không dùng tiền mặt",
    ]);
  });

  it("keeps every word of each row in that row", () => {
    const html = readFileSync(new URL("./fixtures/sources/pdf/plan.html", import.meta.url), "utf8");
    const sourceRows = [...html.matchAll(/<tr>(.*?)<\/tr>/gsu)]
      .map((m) => (m[1] ?? "").replace(/<[^>]+>/gu, " "))
      .slice(3); // the header block table's three rows
    const words = (s: string) => s.split(/\s+/u).filter(Boolean).sort();
    const bodyRows = rows.slice(1);
    expect(bodyRows).toHaveLength(17);
    bodyRows.forEach((cells, i) => {
      expect(words(cells.join(" "))).toEqual(words(sourceRows[i + 1] ?? ""));
    });
  });
});

describe("findColumnTables with PDF rule hints", () => {
  const line = (
    chunks: Array<[number, number, string]>,
    hints: Partial<PositionedLine> = {},
  ): PositionedLine => ({
    chunks: chunks.map(([x, end, text]): Chunk => ({ x, end, text })),
    ruled: true,
    ...hints,
  });

  it("splits rows at horizontal rules even when the STT is vertically centred", () => {
    const lines: PositionedLine[] = [
      line([[90, 110, "Nội dung nhiệm vụ"]], { ruled: false }),
      line(
        [
          [60, 78, "STT"],
          [90, 180, "Nội dung nhiệm vụ"],
          [250, 320, "Cơ quan chủ trì"],
          [340, 400, "Thời gian"],
        ],
        { ruleAbove: true },
      ),
      line(
        [
          [90, 230, "Nâng cấp hạ tầng mạng tại"],
          [250, 300, "Văn phòng"],
        ],
        { ruleAbove: true },
      ),
      line([
        [62, 67, "1"],
        [90, 230, "trụ sở Ủy ban nhân dân xã"],
        [250, 310, "HĐND và UBND"],
        [340, 390, "Quý II/2026"],
      ]),
      line([[90, 160, "và nhà văn hóa"]]),
      line(
        [
          [62, 67, "2"],
          [90, 230, "Số hóa hồ sơ hộ tịch"],
          [250, 300, "Công an xã"],
          [340, 390, "Quý III/2026"],
        ],
        { ruleAbove: true },
      ),
      line([[60, 400, "IV. TỔ CHỨC THỰC HIỆN"]], { ruled: false, ruleAbove: true }),
    ];
    const [table] = findColumnTables(lines, { tolerance: 2 });
    expect(table?.first).toBe(1);
    expect(table?.last).toBe(5);
    expect(table?.rows.map((r) => r.cells)).toEqual([
      ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
      [
        "1",
        "Nâng cấp hạ tầng mạng tại trụ sở Ủy ban nhân dân xã và nhà văn hóa",
        "Văn phòng HĐND và UBND",
        "Quý II/2026",
      ],
      ["2", "Số hóa hồ sơ hộ tịch", "Công an xã", "Quý III/2026"],
    ]);
  });
});

describe("findColumnTables with PDF rule hints across a page break", () => {
  const H: Array<[number, number, string]> = [
    [60, 78, "STT"],
    [90, 180, "Nội dung nhiệm vụ"],
    [250, 320, "Cơ quan chủ trì"],
    [340, 400, "Thời gian"],
  ];
  const l = (
    chunks: Array<[number, number, string]>,
    hints: Partial<PositionedLine> = {},
  ): PositionedLine => ({
    chunks: chunks.map(([x, end, text]) => ({ x, end, text })),
    ruled: true,
    ...hints,
  });
  const start = [
    l(H, { ruleAbove: true }),
    l(
      [
        [62, 67, "1"],
        [90, 200, "Nâng cấp mạng nội bộ"],
        [250, 300, "Văn phòng"],
        [340, 380, "Quý II"],
      ],
      { ruleAbove: true },
    ),
    l([[90, 200, "tại trụ sở xã"]]),
    l(H, { ruleAbove: true, pageStart: true }),
  ];
  const centredRow = [
    l(
      [
        [90, 200, "Số hóa hồ sơ"],
        [250, 300, "Công an xã"],
      ],
      { ruleAbove: true },
    ),
    l([
      [62, 67, "2"],
      [90, 200, "hộ tịch"],
      [340, 380, "Quý III"],
    ]),
  ];
  const row1 = ["1", "Nâng cấp mạng nội bộ tại trụ sở xã", "Văn phòng", "Quý II"];
  const row2 = ["2", "Số hóa hồ sơ hộ tịch", "Công an xã", "Quý III"];

  it.each([
    {
      name: "a row split by the break continues after the repeated header",
      lines: [...start, l([[90, 200, "và nhà văn hóa"]], { ruleAbove: true }), ...centredRow],
      rows: [["1", "Nâng cấp mạng nội bộ tại trụ sở xã và nhà văn hóa", "Văn phòng", "Quý II"], row2],
    },
    {
      name: "a row starting after the break with its STT centred lower is a new row",
      lines: [...start, ...centredRow],
      rows: [row1, row2],
    },
  ])("$name", ({ lines, rows }) => {
    const [table] = findColumnTables(lines, { tolerance: 2 });
    expect(table?.rows.map((r) => r.cells)).toEqual([
      ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
      ...rows,
    ]);
  });
});

describe("fixedWidthLines", () => {
  it("splits at runs of two or more spaces, in character columns", () => {
    const [line] = fixedWidthLines("1    Nâng cấp mạng  Văn phòng HĐND");
    expect(line?.chunks).toEqual([
      { x: 0, end: 1, text: "1" },
      { x: 5, end: 18, text: "Nâng cấp mạng" },
      { x: 20, end: 34, text: "Văn phòng HĐND" },
    ]);
  });

  it("counts decomposed diacritics as no column, expands tabs, marks form feeds, keeps blank lines", () => {
    const decomposed = "Vie\u0302\u0323t  Nam".normalize("NFD");
    const lines = fixedWidthLines(`${decomposed}\n\n\fTT\tNội dung`);
    expect(lines).toHaveLength(3);
    expect(lines[0]?.chunks.map((c) => [c.x, c.end])).toEqual([
      [0, 4],
      [6, 9],
    ]);
    expect(lines[1]).toEqual({ chunks: [] });
    expect(lines[2]).toEqual({
      chunks: [
        { x: 0, end: 2, text: "TT" },
        { x: 8, end: 16, text: "Nội dung" },
      ],
      pageStart: true,
    });
  });
});
