import { describe, expect, it } from "vitest";
import { windowIn } from "../src/answer/window.ts";
import { parseDeadline } from "../src/plans/deadline.ts";
import { isConditional, isRecurring, parseTimeSpan } from "../src/text/dates.ts";
import { fold, foldWords, normalizeVietnamese } from "../src/text/normalize.ts";
import { reflow, splitLines } from "../src/text/reflow.ts";

describe("Vietnamese normalisation", () => {
  it("places tone marks one way", () => {
    expect(normalizeVietnamese("Uỷ ban, hoà nhập, thuỷ sản, khoẻ, hoá đơn")).toBe(
      "Ủy ban, hòa nhập, thủy sản, khỏe, hóa đơn",
    );
    // "qu" is a consonant and a final consonant keeps the tone on the second vowel.
    expect(normalizeVietnamese("quý, hoàn thành, khoáng sản, tuyển")).toBe(
      "quý, hoàn thành, khoáng sản, tuyển",
    );
  });

  it("turns NFD input into the same NFC text", () => {
    const nfd = "Phòng Văn hóa - Xã hội".normalize("NFD");
    expect(nfd).not.toBe("Phòng Văn hóa - Xã hội");
    expect(normalizeVietnamese(nfd)).toBe("Phòng Văn hóa - Xã hội");
  });

  it("folds diacritics, đ and dashes", () => {
    expect(fold("Đơn vị chủ trì – Phòng VH–XH")).toBe("don vi chu tri - phong vh-xh");
    expect(foldWords("Hoà  Bình, ĐẶC KHU")).toBe("hoa binh dac khu");
    expect(fold("Thủy")).toBe(fold("Thuỷ"));
    expect(fold("hòa".normalize("NFD"))).toBe("hoa");
  });
});

describe("time expressions", () => {
  it.each([
    ["Quý III/2026", "quarter", "2026-07-01", "2026-09-30"],
    ["quý 1 năm 2026", "quarter", "2026-01-01", "2026-03-31"],
    ["Quý II năm 2026", "quarter", "2026-04-01", "2026-06-30"],
    ["Tháng 01/2026", "month", "2026-01-01", "2026-01-31"],
    ["tháng 2 năm 2028", "month", "2028-02-01", "2028-02-29"],
    ["Trước 31/12/2026", "date", "2026-12-31", "2026-12-31"],
    ["6 tháng đầu năm 2026", "half-year", "2026-01-01", "2026-06-30"],
    ["6 tháng cuối năm 2025", "half-year", "2025-07-01", "2025-12-31"],
    ["Năm học 2026-2027", "range", "2026-09-01", "2027-05-31"],
    ["Từ tháng 3 đến tháng 8/2026", "range", "2026-03-01", "2026-08-31"],
    ["giai đoạn 2026–2030", "range", "2026-01-01", "2030-12-31"],
    ["Năm 2026", "year", "2026-01-01", "2026-12-31"],
  ])("%s", (text, kind, start, end) => {
    expect(parseTimeSpan(text)).toEqual({ kind, start, end });
  });

  it("uses the default year when none is written", () => {
    expect(parseTimeSpan("quý III", { defaultYear: 2026 })?.end).toBe("2026-09-30");
    expect(parseTimeSpan("quý III")).toBeNull();
  });

  it("tells recurring and conditional wording apart from windows", () => {
    expect(isRecurring("Thường xuyên")).toBe(true);
    expect(isRecurring("tối thiểu 2 lần/ tuần")).toBe(true);
    expect(isRecurring("Hằng tháng")).toBe(true);
    expect(isRecurring("Quý I/2026")).toBe(false);
    expect(isConditional("theo hướng dẫn của Sở Nội vụ thành phố")).toBe(true);
    expect(isConditional("Khi có hướng dẫn của Sở")).toBe(true);
    expect(parseTimeSpan("Thường xuyên")).toBeNull();
  });

  it.each([
    ["việc nào hạn quý này", "2026-11-23", "2026-10-01", "2026-12-31", "Quý IV/2026"],
    ["viec nao han quy sau", "2026-11-23", "2027-01-01", "2027-03-31", "Quý I/2027"],
    ["quý trước có việc gì", "2026-02-10", "2025-10-01", "2025-12-31", "Quý IV/2025"],
    ["tháng sau phải xong việc gì", "2026-12-05", "2027-01-01", "2027-01-31", "tháng 1/2027"],
    ["thang truoc het han viec gi", "2026-01-15", "2025-12-01", "2025-12-31", "tháng 12/2025"],
    ["tháng này", "2028-02-03", "2028-02-01", "2028-02-29", "tháng 2/2028"],
  ])("reads %s relative to %s, across year ends", (question, today, from, to, label) => {
    expect(windowIn(question, today)).toEqual({ from, to, label, relation: "within" });
  });
});

describe("line-wrap repair", () => {
  it("joins wrapped lines, keeps headings and bullets apart, drops page numbers", () => {
    const text = [
      "I. MỤC TIÊU",
      "",
      "- Nguồn kinh phí thực hiện Kế hoạch được bảo đảm từ ngân sách nhà nước",
      "",
      "6",
      "",
      "theo phân cấp, đồng thời lồng ghép trong các chương trình.",
      "- Nghị quyết số 57-",
      "NQ/TW của Bộ Chính trị.",
      "1. Phòng Văn hóa - Xã hội",
      "Tham mưu tổ chức khảo sát.",
    ].join("\n");
    const paragraphs = reflow(splitLines(text));
    expect(paragraphs.map((p) => [p.from, p.to, p.text])).toEqual([
      [1, 1, "I. MỤC TIÊU"],
      [
        3,
        7,
        "- Nguồn kinh phí thực hiện Kế hoạch được bảo đảm từ ngân sách nhà nước theo phân cấp, đồng thời lồng ghép trong các chương trình.",
      ],
      [8, 9, "- Nghị quyết số 57-NQ/TW của Bộ Chính trị."],
      [10, 10, "1. Phòng Văn hóa - Xã hội"],
      [11, 11, "Tham mưu tổ chức khảo sát."],
    ]);
  });

  it("keeps tab-separated rows as table cells", () => {
    const [row] = reflow(splitLines("1\tXây dựng kế hoạch\tCông an xã\tQuý I/2026"));
    expect(row?.cells).toEqual(["1", "Xây dựng kế hoạch", "Công an xã", "Quý I/2026"]);
  });
});

describe("deadline phrases of other communes", () => {
  const period = { label: "năm 2026", start: "2026-01-01", end: "2026-12-31" };
  it.each([
    ["Tháng 6-9/2026", "range", "2026-06-01", "2026-09-30"],
    ["Tháng 3 - 6/2026", "range", "2026-03-01", "2026-06-30"],
    ["Quý II-III/2026", "range", "2026-04-01", "2026-09-30"],
    ["Quý I, II/2026", "range", "2026-01-01", "2026-06-30"],
    ["Trước 30/6", "date", null, "2026-06-30"],
    ["Cả năm", "year", "2026-01-01", "2026-12-31"],
    ["Trước ngày 15 tháng 11 năm 2026", "date", null, "2026-11-15"],
  ])("«%s» → %s %s … %s", (raw, kind, start, end) => {
    expect(parseDeadline(raw, period)).toMatchObject({ kind, start, end });
  });
});
