/**
 * The Vietnamese administrative language the parser reads, entry by entry: each table of
 * `src/lexicon/vi/` answers for the phrases plans write.
 */
import { describe, expect, it } from "vitest";
import { INDICATOR_COLUMNS, roleOf, TASK_COLUMNS } from "../src/lexicon/vi/columns.ts";
import { DOCUMENT_TYPES, IMPLEMENTS_OPENERS } from "../src/lexicon/vi/documents.ts";
import { NAMED_SECTIONS } from "../src/lexicon/vi/sections.ts";
import { unitKey } from "../src/plans/units.ts";
import { expandQuestion } from "../src/retrieval/rewrite.ts";
import { isConditional, isRecurring } from "../src/text/dates.ts";
import { matchHeading } from "../src/text/markers.ts";
import { fold } from "../src/text/normalize.ts";

describe("table column words", () => {
  it.each([
    ["STT", "index"],
    ["TT", "index"],
    ["Số TT", "index"],
    ["Nội dung nhiệm vụ", "title"],
    ["Tên nhiệm vụ", "title"],
    ["Nội dung công việc", "title"],
    ["Cơ quan chủ trì", "lead"],
    ["Đơn vị thực hiện", "lead"],
    ["Đơn vị phụ trách", "lead"],
    ["Cơ quan phối hợp", "coordinators"],
    ["Đơn vị phối hợp", "coordinators"],
    ["Thời gian hoàn thành", "deadline"],
    ["Thời hạn", "deadline"],
    ["Tiến độ", "deadline"],
    ["Sản phẩm", "product"],
    ["Kết quả/Sản phẩm", "product"],
    ["Ghi chú", "note"],
  ])("task column «%s» is %s", (cell, role) => {
    expect(roleOf(TASK_COLUMNS, fold(cell))).toBe(role);
  });

  it.each([
    ["Chỉ tiêu", "name"],
    ["Tên chỉ tiêu", "name"],
    ["Đơn vị tính", "unit"],
    ["ĐVT", "unit"],
    ["Kết quả năm 2025", "baseline"],
    ["Năm 2025 (ước)", "baseline"],
    ["Mục tiêu 2026", "target"],
    ["Kế hoạch năm 2025", "target"],
  ])("indicator column «%s» is %s", (cell, role) => {
    expect(roleOf(INDICATOR_COLUMNS, fold(cell))).toBe(role);
  });
});

describe("unit abbreviations, both ways", () => {
  it.each([
    ["Phòng VH-XH", "Phòng Văn hóa - Xã hội"],
    ["Phòng VHXH", "Phòng Văn hóa - Xã hội"],
    ["Phòng KT", "Phòng Kinh tế"],
    ["VP HĐND-UBND", "Văn phòng HĐND và UBND"],
    ["TT PVHCC", "Trung tâm Phục vụ hành chính công"],
    ["UBND xã", "Ủy ban nhân dân xã"],
    ["Ủy ban MTTQ", "Ủy ban Mặt trận Tổ quốc"],
    ["CA xã", "Công an xã"],
    ["Phòng KT-HT-ĐT", "Phòng Kinh tế, Hạ tầng và Đô thị"],
  ])("«%s» is «%s»", (short, long) => {
    expect(unitKey(short, "Nam Sơn")).toBe(unitKey(long, "Nam Sơn"));
  });
});

describe("named parts", () => {
  it.each([
    ["Tổ chức thực hiện:", "Tổ chức thực hiện"],
    ["TỔ CHỨC THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"],
    ["Kinh phí thực hiện: từ nguồn chi thường xuyên", "Kinh phí thực hiện"],
    ["Mục tiêu đến ngày 31/12/2026:", "Mục tiêu đến ngày 31/12/2026"],
    ["Nhiệm vụ cụ thể:", "Nhiệm vụ cụ thể"],
  ])("«%s» opens a part", (line, name) => {
    const h = matchHeading(line);
    expect(h?.kind).toBe("named");
    expect(h?.text).toBe(name);
  });

  it.each(["Kinh phí: 50 triệu đồng", "Tổ chức thực hiện tốt các nhiệm vụ", "Chủ trì: Phòng Kinh tế"])(
    "«%s» is not a part",
    (line) => {
      expect(matchHeading(line)?.kind ?? null).not.toBe("named");
    },
  );

  it("has one entry per family of names", () => {
    expect(NAMED_SECTIONS.length).toBeGreaterThanOrEqual(4);
  });
});

describe("documents", () => {
  it.each([
    "Thực hiện Kế hoạch số 12/KH-UBND",
    "Triển khai thực hiện Quyết định số 185/QĐ-UBND",
    "Trên cơ sở Kế hoạch số 20/KH-UBND",
  ])("«%s» names what the plan implements", (text) => {
    expect(IMPLEMENTS_OPENERS.test(text)).toBe(true);
  });

  it("knows the document types plans cite", () => {
    for (const t of [
      "Luật",
      "Nghị quyết",
      "Nghị định",
      "Quyết định",
      "Kế hoạch",
      "Chỉ thị",
      "Thông tư",
      "Đề án",
    ])
      expect(DOCUMENT_TYPES).toContain(t);
  });
});

describe("time phrases", () => {
  it.each(["Thường xuyên", "Hằng quý", "hàng tháng", "Định kỳ 6 tháng", "tối thiểu 2 lần/ tuần", "mỗi năm"])(
    "«%s» recurs",
    (text) => {
      expect(isRecurring(text)).toBe(true);
    },
  );

  it.each(["Theo hướng dẫn của Sở Khoa học và Công nghệ", "Khi có yêu cầu", "Sau khi được phê duyệt"])(
    "«%s» depends on an event",
    (text) => {
      expect(isConditional(text)).toBe(true);
    },
  );

  it.each(["Quý III/2026", "30/6/2026", "Tháng 10 năm 2026"])("«%s» neither recurs nor waits", (text) => {
    expect(isRecurring(text) || isConditional(text)).toBe(false);
  });
});

describe("paraphrase families", () => {
  it.each([
    ["họp online với tỉnh", "hoi nghi truyen hinh voi tinh"],
    ["nộp hồ sơ online", "nop ho so truc tuyen"],
    ["máy tính bị hack", "may tinh su co"],
    ["hệ thống bị tấn công", "he thong bi su co"],
    ["giao dịch không cần gặp trực tiếp", "giao dich phi tiep xuc"],
    ["ai chống fake news", "ai ngan chan tin gia"],
    ["tin fake tren mang", "tin gia tren mang"],
    ["thôn chưa có sóng", "thon lom song"],
    ["backup dữ liệu", "sao luu du lieu"],
    ["khôi phục dữ liệu", "phuc hoi du lieu"],
    ["tỷ lệ người lớn có tài khoản", "ty le dan so truong thanh co tai khoan"],
    ["không phụ thuộc địa giới hành chính", "phi dia gioi hanh chinh"],
    ["ai lo kinh phí", "ai bao dam kinh phi"],
    ["lắp thêm điểm wifi", "lap dat bo sung diem wifi"],
    ["cap nhat bc NQ57", "cap nhat bao cao nghi quyet 57"],
  ])("«%s» reads as «%s»", (question, plan) => {
    expect(expandQuestion(question)).toBe(plan);
  });
});
