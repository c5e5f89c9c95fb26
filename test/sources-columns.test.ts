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

// `pdftotext -layout` task appendix: a three-line header whose middle line holds "TT", the task and
// time headings, with the other headings split around it ("Cơ quan chủ" above, "trì" below); STT
// numbers centred one column right of "TT"; group rows; the header repeated after a page break, two
// columns further left, where a two-digit STT runs into the task with a single space.
const HEADED = [
  "Phụ lục",
  "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ XÃ PHƯỚC HÒA NĂM 2026",
  at([47, "Cơ quan chủ"], [62, "Cơ quan phối"], [78, "Sản phẩm dự"]),
  at([0, "TT"], [12, "Nội dung nhiệm vụ"], [35, "Thời gian"]),
  at([50, "trì"], [65, "hợp"], [81, "kiến"]),
  "",
  at([0, "I. HẠ TẦNG SỐ"]),
  "",
  at(
    [1, "8"],
    [5, "Lắp đặt wifi miễn phí tại"],
    [35, "Quý II/2026"],
    [48, "Văn phòng"],
    [63, "Viễn thông"],
    [79, "Điểm wifi hoạt"],
  ),
  at([5, "nhà văn hóa các thôn"], [48, "HĐND và UBND"], [63, "tỉnh"], [79, "động"]),
  "",
  at(
    [1, "9"],
    [5, "Cấp chữ ký số cho cán bộ,"],
    [34, "Quý III/2026"],
    [48, "Văn phòng"],
    [63, "Ban Cơ yếu"],
    [79, "Chữ ký số được"],
  ),
  at([5, "công chức xã"], [48, "HĐND và UBND"], [79, "cấp"]),
  "",
  "",
  at([40, "3"]),
  `\f${at([45, "Cơ quan chủ"], [60, "Cơ quan phối"], [76, "Sản phẩm dự"])}`,
  at([0, "TT"], [10, "Nội dung nhiệm vụ"], [33, "Thời gian"]),
  at([48, "trì"], [63, "hợp"], [79, "kiến"]),
  "",
  at([0, "II. CHÍNH QUYỀN SỐ"]),
  "",
  at(
    [0, "10 Số hóa hồ sơ hộ tịch"],
    [33, "Năm 2026"],
    [46, "Công an xã"],
    [61, "Các thôn"],
    [77, "Dữ liệu được"],
  ),
  at([3, "giai đoạn 2010-2020"], [46, "(chủ trì)"], [77, "số hóa"]),
  "",
  "III. TỔ CHỨC THỰC HIỆN",
  "Văn phòng HĐND và UBND xã chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch và báo cáo kết quả.",
].join("\n");

// An indicator table without an STT column: "Năm 2025" over "(ước)" around the header's middle line,
// names wrapping onto the next line (the figures stay on the first), a blank line between rows, the
// header repeated after a page break, a numbered heading and prose after the table.
const FIGURES = [
  "2. Chỉ tiêu cụ thể",
  at([58, "Năm 2025"]),
  at([15, "Chỉ tiêu"], [44, "Đơn vị"], [70, "Kế hoạch 2026"]),
  at([59, "(ước)"]),
  "",
  at([0, "Tỷ lệ thủ tục hành chính giải quyết"], [46, "%"], [60, "62"], [74, "≥ 80"]),
  at([0, "trực tuyến toàn trình"]),
  "",
  at([0, "Số hộ gia đình có địa chỉ số"], [44, "Hộ"], [59, "1.250"], [73, "2.000"]),
  "",
  "",
  at([40, "2"]),
  `\f${at([56, "Năm 2025"])}`,
  at([13, "Chỉ tiêu"], [42, "Đơn vị"], [68, "Kế hoạch 2026"]),
  at([57, "(ước)"]),
  "",
  at([0, "Tỷ lệ người dân thanh toán"], [44, "%"], [58, "40"], [72, "60"]),
  at([0, "không dùng tiền mặt"]),
  "",
  at([5, "3. Nhiệm vụ trọng tâm"]),
  "Tập trung vào ba trụ cột chính quyền số, kinh tế số và xã hội số theo danh mục tại Phụ lục kèm theo.",
].join("\n");

// A row `pdftotext -layout` set left of the page's columns, its time and lead run together
// ("Quý I/2026 Trạm Y"), between rows that show the page's columns.
const DRIFT = [
  at([0, "STT"], [12, "Nhiệm vụ"], [42, "Thời hạn"], [53, "Chủ trì"], [68, "Phối hợp"], [85, "Kết quả"]),
  at(
    [1, "1"],
    [5, "Cập nhật dữ liệu đất đai vào"],
    [41, "Quý I/2026"],
    [53, "Văn phòng"],
    [68, "Các thôn"],
    [85, "Dữ liệu được"],
  ),
  at([5, "hệ thống thông tin"], [53, "HĐND và UBND"], [85, "cập nhật"]),
  at(
    [1, "2"],
    [5, "Triển khai sổ tay điện tử"],
    [36, "Quý I/2026 Trạm Y"],
    [68, "Công an xã"],
    [85, "Sổ tay được"],
  ),
  at([5, "cho người cao tuổi"], [47, "tế xã"], [85, "triển khai"]),
  at(
    [1, "3"],
    [5, "Tuyên truyền về chuyển đổi số"],
    [42, "Hằng quý"],
    [53, "Văn phòng"],
    [68, "Đoàn Thanh niên"],
    [85, "Tin, bài"],
  ),
  at([5, "trên loa truyền thanh"], [53, "HĐND và UBND"], [85, "tuyên truyền"]),
].join("\n");

describe("findColumnTables on pdftotext -layout layouts", () => {
  const cases: Array<{ name: string; text: string; rows: string[][]; lines?: Array<[number, number]> }> = [
    {
      name: "three-line header with headings above and below its middle line, STT right of 'TT', group rows, the header repeated after a page break, an STT run into the task",
      text: HEADED,
      rows: [
        ["TT", "Nội dung nhiệm vụ", "Thời gian", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm dự kiến"],
        ["I. HẠ TẦNG SỐ", "", "", "", "", ""],
        [
          "8",
          "Lắp đặt wifi miễn phí tại nhà văn hóa các thôn",
          "Quý II/2026",
          "Văn phòng HĐND và UBND",
          "Viễn thông tỉnh",
          "Điểm wifi hoạt động",
        ],
        [
          "9",
          "Cấp chữ ký số cho cán bộ, công chức xã",
          "Quý III/2026",
          "Văn phòng HĐND và UBND",
          "Ban Cơ yếu",
          "Chữ ký số được cấp",
        ],
        ["II. CHÍNH QUYỀN SỐ", "", "", "", "", ""],
        [
          "10",
          "Số hóa hồ sơ hộ tịch giai đoạn 2010-2020",
          "Năm 2026",
          "Công an xã (chủ trì)",
          "Các thôn",
          "Dữ liệu được số hóa",
        ],
      ],
      // The header starts at the line above "TT"; the page number and the repeated header add nothing.
      lines: [
        [2, 4],
        [6, 6],
        [8, 9],
        [11, 12],
        [20, 20],
        [22, 23],
      ],
    },
    {
      name: "indicator table without an STT column: a heading split around the header's middle line, wrapped names, a page break, a numbered heading after it",
      text: FIGURES,
      rows: [
        ["Chỉ tiêu", "Đơn vị", "Năm 2025 (ước)", "Kế hoạch 2026"],
        ["Tỷ lệ thủ tục hành chính giải quyết trực tuyến toàn trình", "%", "62", "≥ 80"],
        ["Số hộ gia đình có địa chỉ số", "Hộ", "1.250", "2.000"],
        ["Tỷ lệ người dân thanh toán không dùng tiền mặt", "%", "40", "60"],
      ],
      lines: [
        [1, 3],
        [5, 6],
        [8, 8],
        [16, 17],
      ],
    },
    {
      name: "a row set left of the page's columns, its time and lead run together",
      text: DRIFT,
      rows: [
        ["STT", "Nhiệm vụ", "Thời hạn", "Chủ trì", "Phối hợp", "Kết quả"],
        [
          "1",
          "Cập nhật dữ liệu đất đai vào hệ thống thông tin",
          "Quý I/2026",
          "Văn phòng HĐND và UBND",
          "Các thôn",
          "Dữ liệu được cập nhật",
        ],
        [
          "2",
          "Triển khai sổ tay điện tử cho người cao tuổi",
          "Quý I/2026",
          "Trạm Y tế xã",
          "Công an xã",
          "Sổ tay được triển khai",
        ],
        [
          "3",
          "Tuyên truyền về chuyển đổi số trên loa truyền thanh",
          "Hằng quý",
          "Văn phòng HĐND và UBND",
          "Đoàn Thanh niên",
          "Tin, bài tuyên truyền",
        ],
      ],
    },
  ];

  it.each(cases)("$name", ({ text, rows, lines }) => {
    const tables = findColumnTables(fixedWidthLines(text));
    expect(tables).toHaveLength(1);
    expect(tables[0]?.rows.map((r) => r.cells)).toEqual(rows);
    if (lines) expect(tables[0]?.rows.map((r) => [r.first, r.last])).toEqual(lines);
  });

  it("keeps a title right above the header, over several headings, out of it", () => {
    const text = [
      at([20, "Kế hoạch chuyển đổi số xã Phước Hòa"]),
      at([0, "STT"], [8, "Nhiệm vụ"], [36, "Chủ trì"], [52, "Thời hạn"]),
      at([0, "1"], [8, "Số hóa hồ sơ hộ tịch"], [36, "Công an xã"], [52, "Quý II/2026"]),
    ].join("\n");
    const [table] = findColumnTables(fixedWidthLines(text));
    expect(table?.first).toBe(1);
    expect(table?.rows[0]?.cells).toEqual(["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"]);
  });
});

describe("findColumnTables on a plan's pdftotext -layout output", () => {
  // The Tân Mai Đông fixture plan through `pdftotext -layout`: each row's columns sit a few characters
  // off the page's, and cells run together with single spaces, several to a line.
  const text = readFileSync(
    new URL("./fixtures/plans/phuong-tan-mai-dong-2026/phuong-tan-mai-dong-2026.txt", import.meta.url),
    "utf8",
  );
  const tables = findColumnTables(fixedWidthLines(text));

  it("finds the indicator table across its page break and the task appendix across its", () => {
    expect(tables.map((t) => [t.rows[0]?.cells, t.rows.length])).toEqual([
      [["Chỉ tiêu", "Đơn vị tính", "Năm 2025 (ước)", "Mục tiêu 2026"], 7],
      [["TT", "Tên nhiệm vụ", "Tiến độ", "Đơn vị thực hiện", "Đơn vị phối hợp", "Kết quả/Sản phẩm"], 17],
    ]);
    expect(tables[1]?.rows.map((r) => r.cells[0])).toEqual([
      "TT",
      "A. CHÍNH QUYỀN SỐ",
      ..."123456".split(""),
      "B. KINH TẾ SỐ",
      ..."789".split(""),
      "C. XÃ HỘI SỐ",
      "10",
      "11",
      "12",
      "13",
    ]);
  });

  it("cuts a line that ran five cells together, and the lines below it", () => {
    // " 2   Số hóa hồ sơ địa chính, hồ sơ cấp Từ tháng 3 Phòng Kinh tế, Trung tâm Phục Cơ sở dữ liệu hồ"
    expect(tables[1]?.rows[3]?.cells).toEqual([
      "2",
      "Số hóa hồ sơ địa chính, hồ sơ cấp phép xây dựng lưu trữ giai đoạn 2015-2025",
      "Từ tháng 3 đến tháng 9/2026",
      "Phòng Kinh tế, Hạ tầng và Đô thị",
      "Trung tâm Phục vụ hành chính công phường",
      "Cơ sở dữ liệu hồ sơ được số hóa",
    ]);
    expect(tables[1]?.rows[9]?.cells.slice(3)).toEqual([
      "Phòng Kinh tế, Hạ tầng và Đô thị",
      "Ban Quản lý chợ Tân Mai Đông; Các ngân hàng thương mại trên địa bàn",
      "80% tiểu thương chấp nhận thanh toán không dùng tiền mặt",
    ]);
    expect(tables[0]?.rows[6]?.cells).toEqual([
      "Số lượt người dân được Tổ công nghệ số cộng đồng hướng dẫn sử dụng dịch vụ công trực tuyến",
      "Lượt người",
      "2.300",
      "4.000",
    ]);
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
    // "chính trị - xã hội" ends short of where this row's own lines start the next column (further
    // right than the page's other rows do): it is not cut into it.
    expect(rows[17]?.slice(3, 5)).toEqual(["Các tổ chức chính trị - xã hội", "Hằng tháng"]);
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
