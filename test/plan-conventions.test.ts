/**
 * The conventions of other communes' plans, one table per convention: sentence tasks, localities at
 * every level, baselines in prose, legal bases without a number, file names.
 */
import { describe, expect, it } from "vitest";
import { proseBaseline } from "../src/plans/indicators.ts";
import { findPlace, placesIn } from "../src/plans/locality.ts";
import { slugOf } from "../src/plans/names.ts";
import { parsePlan } from "../src/plans/parse.ts";
import { unnumberedReference } from "../src/plans/references.ts";
import { readSentenceTask } from "../src/plans/sentences.ts";
import { findTextTables } from "../src/sources/text-tables.ts";

describe("sentence tasks", () => {
  it.each([
    [
      "Giao Công an xã chủ trì, phối hợp với Trạm Y tế xã triển khai sổ sức khỏe điện tử, hoàn thành trước ngày 30/6/2026.",
      "Triển khai sổ sức khỏe điện tử",
      ["Công an xã"],
      ["Trạm Y tế xã"],
      "trước ngày 30/6/2026",
    ],
    [
      "Phòng Kinh tế chủ trì, phối hợp với Công an xã và Văn phòng HĐND và UBND xã nâng cấp mạng LAN; thời hạn: Quý III/2026.",
      "Nâng cấp mạng LAN",
      ["Phòng Kinh tế"],
      ["Công an xã", "Văn phòng HĐND và UBND xã"],
      "Quý III/2026",
    ],
    [
      "Văn phòng HĐND và UBND xã tham mưu ban hành Quy chế quản lý hệ thống thư điện tử, thời gian thực hiện: tháng 10/2026.",
      "Tham mưu ban hành Quy chế quản lý hệ thống thư điện tử",
      ["Văn phòng HĐND và UBND xã"],
      [],
      "tháng 10/2026",
    ],
    [
      "- Trạm Y tế xã phối hợp với Công an xã cập nhật dữ liệu tiêm chủng lên hệ thống, thực hiện hằng quý.",
      "Cập nhật dữ liệu tiêm chủng lên hệ thống",
      ["Trạm Y tế xã"],
      ["Công an xã"],
      "hằng quý",
    ],
    [
      "Số hóa sổ hộ tịch giai đoạn 2016-2020: Phòng Văn hóa - Xã hội chủ trì, Công an xã phối hợp, hoàn thành trong Quý II năm 2026.",
      "Số hóa sổ hộ tịch giai đoạn 2016-2020",
      ["Phòng Văn hóa - Xã hội"],
      ["Công an xã"],
      "Quý II năm 2026",
    ],
    [
      "Trung tâm Phục vụ hành chính công xã chủ trì, phối hợp với Bộ phận tiếp nhận và trả kết quả hướng dẫn người dân nộp hồ sơ trực tuyến thường xuyên.",
      "Hướng dẫn người dân nộp hồ sơ trực tuyến",
      ["Trung tâm Phục vụ hành chính công xã"],
      ["Bộ phận tiếp nhận và trả kết quả"],
      "thường xuyên",
    ],
    [
      "Đoàn Thanh niên xã chủ trì tổ chức các lớp hướng dẫn kỹ năng số cho người cao tuổi trong 6 tháng cuối năm 2026.",
      "Tổ chức các lớp hướng dẫn kỹ năng số cho người cao tuổi",
      ["Đoàn Thanh niên xã"],
      [],
      "6 tháng cuối năm 2026",
    ],
  ])("reads «%s»", (sentence, action, lead, coordinators, deadline) => {
    const task = readSentenceTask(sentence);
    expect(task).toMatchObject({ action, lead, coordinators, deadline });
    // Nothing of the sentence leaks into a unit's name.
    for (const u of [...(task?.lead ?? []), ...(task?.coordinators ?? [])]) expect(u.length).toBeLessThan(45);
  });

  it("leaves the action empty when the sentence only assigns the statement before it", () => {
    expect(
      readSentenceTask(
        "Giao Văn phòng HĐND và UBND xã chủ trì, phối hợp với các cơ quan, đơn vị thuộc xã thực hiện; thời gian: Thường xuyên.",
      ),
    ).toMatchObject({
      action: "",
      lead: ["Văn phòng HĐND và UBND xã"],
      coordinators: ["các cơ quan, đơn vị thuộc xã"],
      deadline: "Thường xuyên",
    });
  });

  it.each([
    "Phát triển hạ tầng số là nhiệm vụ trọng tâm của xã trong năm 2026.",
    "Ủy ban nhân dân xã đề nghị các cơ quan, đơn vị nghiêm túc triển khai.",
    "Trên đây là Kế hoạch chuyển đổi số năm 2026 của xã.",
  ])("assigns no task in «%s»", (sentence) => {
    expect(readSentenceTask(sentence)?.action ?? "").toBe("");
  });
});

describe("localities", () => {
  it.each([
    [["ỦY BAN NHÂN DÂN", "XÃ NAM SƠN"], { kind: "xã", name: "Nam Sơn" }],
    [["UBND TỈNH LÀO CAI", "UBND PHƯỜNG CAM ĐƯỜNG"], { kind: "phường", name: "Cam Đường" }],
    [
      [
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "HUYỆN MƯỜNG KHƯƠNG | Độc lập - Tự do - Hạnh phúc",
      ],
      { kind: "huyện", name: "Mường Khương" },
    ],
    [["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "HUYỆN BẢO YÊN"], { kind: "huyện", name: "Bảo Yên" }],
    [["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG"], { kind: "thành phố", name: "Đà Nẵng" }],
    [["ỦY BAN NHÂN DÂN", "THỊ XÃ SA PA"], { kind: "thị xã", name: "Sa Pa" }],
    [["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"], { kind: "tỉnh", name: "Quảng Trị" }],
    [["UBND ĐẶC KHU PHÚ QUÝ"], { kind: "đặc khu", name: "Phú Quý" }],
    [["ỦY BAN NHÂN DÂN", "THỊ TRẤN PHỐ RÀNG"], { kind: "thị trấn", name: "Phố Ràng" }],
  ])("reads the issuing agency %j", (header, locality) => {
    expect(findPlace(header, "Kế hoạch chuyển đổi số năm 2026", []).locality).toEqual(locality);
  });

  it("takes the province and district from the header and the body, never from the place-and-date line", () => {
    const place = findPlace(
      ["UBND HUYỆN BẢO YÊN", "UBND XÃ XUÂN HÒA", "Hạ Long, ngày 10 tháng 3 năm 2026"],
      "Kế hoạch chuyển đổi số xã Xuân Hòa năm 2026",
      [
        "Hạ Long, ngày 10 tháng 3 năm 2026",
        "Thực hiện Kế hoạch số 12/KH-UBND của UBND tỉnh Lào Cai về chuyển đổi số",
      ],
    );
    expect(place).toMatchObject({
      locality: { kind: "xã", name: "Xuân Hòa" },
      province: "Lào Cai",
      district: "Bảo Yên",
    });
  });

  it("reads a city plan's province as the city itself, and a provincial city as a district-level unit", () => {
    expect(findPlace(["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ"], "", []).province).toBe("Cần Thơ");
    const vinh = findPlace(["UBND THÀNH PHỐ VINH"], "", ["Thực hiện Kế hoạch của UBND tỉnh Nghệ An"]);
    expect(vinh).toMatchObject({
      locality: { kind: "thành phố", name: "Vinh" },
      province: "Nghệ An",
      district: null,
    });
  });

  it("names no locality when the plan names none, whatever its file is called", () => {
    expect(
      findPlace(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], "Kế hoạch chuyển đổi số năm 2026", ["Nội dung"])
        .locality,
    ).toBeNull();
  });

  it.each([
    ["Phòng Văn hóa - Xã hội", []],
    ["xã hội số", []],
    ["phường Hịa Bình", [{ kind: "phường", name: "Hòa Bình" }]],
    [
      "huyện Thiệu Hóa (cũ) và xã Thiệu Quang",
      [
        { kind: "huyện", name: "Thiệu Hóa", former: true },
        { kind: "xã", name: "Thiệu Quang" },
      ],
    ],
    ["trên địa bàn thị xã Nghi Sơn tiếp tục", [{ kind: "thị xã", name: "Nghi Sơn" }]],
  ])("finds the places in «%s»", (text, places) => {
    expect(placesIn(text)).toMatchObject(places);
  });
});

describe("baselines in prose", () => {
  it.each([
    [
      "Tỷ lệ hồ sơ trực tuyến đạt trên 80% (năm 2025 đạt 62%)",
      62,
      2025,
      "Tỷ lệ hồ sơ trực tuyến đạt trên 80%",
    ],
    [
      "Tỷ lệ người dân có chữ ký số đạt 40% (năm 2024: 25%)",
      25,
      2024,
      "Tỷ lệ người dân có chữ ký số đạt 40%",
    ],
    [
      "Nâng tỷ lệ thanh toán không dùng tiền mặt từ 45% năm 2025 lên 70%",
      45,
      2025,
      "Nâng tỷ lệ thanh toán không dùng tiền mặt 70%",
    ],
    ["Tỷ lệ hộ gia đình có cáp quang đạt 95%", null, null, "Tỷ lệ hộ gia đình có cáp quang đạt 95%"],
  ])("reads «%s»", (clause, value, year, rest) => {
    const { baseline, rest: left } = proseBaseline(clause);
    expect(baseline?.value ?? null).toBe(value);
    expect(baseline?.year ?? null).toBe(year);
    expect(left).toBe(rest);
  });
});

describe("legal bases without a number", () => {
  it.each([
    ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025", "Luật", "2025-06-16"],
    ["Căn cứ Nghị quyết Đại hội Đảng bộ xã Nam Sơn lần thứ I, nhiệm kỳ 2025-2030", "Nghị quyết", null],
    ["Căn cứ Luật Giao dịch điện tử ngày 22/6/2023", "Luật", "2023-06-22"],
  ])("reads «%s»", (clause, type, date) => {
    expect(unnumberedReference(clause)).toMatchObject({ type, number: null, date });
  });
});

describe("file names", () => {
  it.each([
    ["tan-ky-2026.txt", "tan-ky-2026"],
    ["Kế hoạch CĐS xã Nam Sơn 2026 (bản ký).DOCX", "ke-hoach-cds-xa-nam-son-2026-ban-ky"],
    ["KE HOACH.TXT", "ke-hoach"],
    ["___.pdf", "ke-hoach"],
  ])("%s → %s", (file, slug) => {
    expect(slugOf(file)).toBe(slug);
  });
});

describe("tables with a header over two rows", () => {
  it("reads the lead and the coordinators under «Đơn vị thực hiện»", () => {
    const text = [
      "KẾ HOẠCH",
      "Chuyển đổi số xã An Phú năm 2026",
      "PHỤ LỤC",
      "STT\tNội dung nhiệm vụ\tĐơn vị thực hiện\t\tThời gian hoàn thành",
      "\t\tChủ trì\tPhối hợp\t",
      "1\tNâng cấp mạng LAN của trụ sở\tVăn phòng HĐND và UBND xã\tPhòng Kinh tế\tQuý III/2026",
      "2\tSố hóa sổ hộ tịch\tPhòng Văn hóa - Xã hội\tCông an xã\tQuý IV/2026",
    ].join("\n");
    const rows = text.split("\n");
    const tables = [
      {
        from: 4,
        to: 7,
        rows: rows.slice(3).map((line, i) => ({ from: 4 + i, to: 4 + i, cells: line.split("\t") })),
      },
    ];
    const p = parsePlan({ id: "an-phu", file: "an-phu.docx", text, tables });
    expect(p.tasks.map((t) => [t.row, t.title, t.lead, t.coordinators, t.deadline.end])).toEqual([
      [1, "Nâng cấp mạng LAN của trụ sở", ["Văn phòng HĐND và UBND xã"], ["Phòng Kinh tế"], "2026-09-30"],
      [2, "Số hóa sổ hộ tịch", ["Phòng Văn hóa - Xã hội"], ["Công an xã"], "2026-12-31"],
    ]);
  });
});

describe("indicator tables with a column per year", () => {
  it("reads the earlier year as the result and the later as the target", () => {
    const text = [
      "KẾ HOẠCH",
      "Chuyển đổi số xã An Phú năm 2026",
      "I. MỤC TIÊU",
      "TT\tChỉ tiêu\tĐVT\tNăm 2025\tNăm 2026",
      "1\tTỷ lệ hồ sơ trực tuyến toàn trình\t%\t62\t80",
    ].join("\n");
    const p = parsePlan({ id: "an-phu", file: "an-phu.txt", text, tables: findTextTables(text) });
    expect(
      p.indicators.map((i) => [i.baseline?.value, i.baseline?.year, i.target.value, i.target.unit]),
    ).toEqual([[62, 2025, 80, "%"]]);
  });
});

describe("signers other than a committee's chair", () => {
  it.each([
    [
      ["TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
      "KT. Trưởng ban – Phó Trưởng ban",
      "TM. Ban Chỉ đạo",
    ],
    [["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"], "Trưởng ban", "TM. Ban Chỉ đạo"],
    [
      ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
      "KT. Chủ tịch – Phó Chủ tịch",
      "TM. Ủy ban nhân dân",
    ],
  ])("reads %j", (block, title, onBehalfOf) => {
    const text = [
      "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ",
      "HUYỆN BẢO YÊN",
      "KẾ HOẠCH",
      "Chuyển đổi số huyện Bảo Yên năm 2026",
      "I. MỤC TIÊU",
      "- Tỷ lệ hồ sơ trực tuyến đạt 80%.",
      "Nơi nhận:",
      "- Như trên;",
      ...block,
      "Hoàng Văn Bình",
    ].join("\n");
    const p = parsePlan({ id: "bao-yen", file: "bao-yen.txt", text });
    expect(p.locality).toEqual({ kind: "huyện", name: "Bảo Yên" });
    expect(p.signer).toMatchObject({ name: "Hoàng Văn Bình", title, onBehalfOf });
  });
});

describe("the number and date line with blanks left to fill in", () => {
  it.each([
    ["Số:            /KH-UBND          Hòa Bình, ngày        tháng 9  năm 2026", null, "2026-09"],
    ["Số:   125/KH-UBND          Hòa Bình, ngày  15  tháng 3  năm 2026", "125/KH-UBND", "2026-03-15"],
  ])("reads %j", (header, number, date) => {
    const text = [
      "ỦY BAN NHÂN DÂN",
      "XÃ HÒA BÌNH",
      header,
      "KẾ HOẠCH",
      "Chuyển đổi số xã Hòa Bình năm 2026",
      "I. MỤC TIÊU",
      "- Tỷ lệ hồ sơ trực tuyến đạt 80%.",
    ].join("\n");
    const p = parsePlan({ id: "hoa-binh", file: "hoa-binh.txt", text });
    expect(p.number).toBe(number);
    expect(p.issued?.date).toBe(date);
  });
});

describe("OCR misreadings", () => {
  it("reads «L MỤC TIÊU» as a roman heading and «la Tôr» as the document's «Ia Tôr»", () => {
    const text = [
      "ỦY BAN NHÂN DÂN",
      "XÃ IA TÔR ĐÔNG",
      "KẾ HOẠCH",
      "Chuyển đổi số xã Ia Tôr Đông năm 2026",
      "L MỤC TIÊU",
      "- Tỷ lệ hồ sơ trực tuyến đạt 80% (hiện đạt 61%).",
      "II. NHIỆM VỤ",
      "1. Phòng Kinh tế chủ trì, phối hợp với Hợp tác xã la Tôr đưa cà phê lên sàn thương mại điện tử; thời hạn: Quý IV/2026.",
    ].join("\n");
    const source = { format: "pdf-ocr" as const, pages: null, pageCount: 1, ocr: true };
    const p = parsePlan({ id: "ia-tor", file: "scan.pdf", text, source });
    expect(p.sections.map((s) => s.path)).toContain("I");
    expect(p.indicators.map((i) => [i.target.value, i.baseline?.value])).toEqual([[80, 61]]);
    expect(p.tasks.find((t) => t.origin === "inline")?.coordinators).toEqual(["Hợp tác xã Ia Tôr"]);
    // Without OCR the same text is taken as written.
    expect(parsePlan({ id: "ia-tor", file: "x.txt", text }).sections.map((s) => s.path)).not.toContain("I");
  });
});

describe("digital-signature stamps", () => {
  it.each([
    [
      "HP-eOffice",
      "\t2025-09-04T08:31:05+0700\n\tHẢI PHÒNG\n\tTrần Thị B<tranthib@example.gov.vn> đã ký lên văn bản này trên HP-eOffice",
      { by: "Trần Thị B", date: "2025-09-04", at: "2025-09-04T08:31" },
    ],
    [
      "Ký bởi / Ngày ký",
      "Ký bởi: Ủy ban nhân dân xã Hòa Bình\nEmail: ubnd@example.gov.vn\nNgày ký: 12.03.2026 15:04:59 +07:00",
      { by: "Ủy ban nhân dân xã Hòa Bình", date: "2026-03-12", at: "2026-03-12T15:04" },
    ],
    [
      "Người ký / Thời gian ký",
      "Người ký: Lê Văn C\nThời gian ký: 5/1/2026",
      { by: "Lê Văn C", date: "2026-01-05", at: "2026-01-05" },
    ],
  ])("reads who signed and when from a %s stamp", (_name, stamp, expected) => {
    const text = `ỦY BAN NHÂN DÂN XÃ HÒA BÌNH\nKẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC TIÊU\nNội dung.\n${stamp}\n`;
    const plan = parsePlan({ id: "x", file: "x.txt", text });
    expect(plan.signatures).toHaveLength(1);
    expect(plan.signatures[0]).toMatchObject(expected);
  });

  it("finds no stamp in a plan that has none", () => {
    const plan = parsePlan({
      id: "x",
      file: "x.txt",
      text: "KẾ HOẠCH\nChuyển đổi số năm 2026\nNgày ký: 12.03.2026\n",
    });
    expect(plan.signatures).toEqual([]);
  });
});
