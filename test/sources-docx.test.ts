import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDocx } from "../src/sources/docx.ts";
import { ReadError, type ReadProblemCode, type SourceDocument } from "../src/sources/model.ts";
import { FIXTURES_DIR } from "./helpers/corpus.ts";

// The files are made by test/fixtures/sources/docx/make.sh (LibreOffice, and make-constructs.ts).
const DIR = join(FIXTURES_DIR, "sources", "docx");
const OPTIONS = { ocr: false, maxBytes: 20 * 1024 * 1024 };

const bytesOf = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const read = (name: string) => readDocx(bytesOf(name), OPTIONS);
const linesOf = (doc: SourceDocument) => doc.text.split("\n");

async function problemOf(bytes: Uint8Array): Promise<ReadProblemCode> {
  const err = await readDocx(bytes, OPTIONS).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReadError);
  return (err as ReadError).code;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Every w:t of word/document.xml, as the XML holds it (entities decoded). */
function wordTexts(docx: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(docx)["word/document.xml"] ?? new Uint8Array());
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) =>
    (m[1] ?? "").replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? whole;
    }),
  );
}

/** A minimal .docx around a document.xml body. */
function docxWith(documentXml: string): Uint8Array {
  return zipSync({ "word/document.xml": strToU8(documentXml) });
}

describe("DOCX reader: a plan with auto-numbered headings and lists", () => {
  it("writes Word's numbers and bullets, and the header and signature tables as plain lines", async () => {
    const doc = await read("plan.docx");
    expect(doc).toMatchObject({ format: "docx", pages: null, pageCount: null, ocr: false, tables: [] });
    expect(linesOf(doc)).toEqual([
      // Header layout table: the left cell's paragraphs, then the right cell's; empty paragraphs dropped.
      "ỦY BAN NHÂN DÂN",
      "XÃ HÒA BÌNH",
      "Số: 45/KH-UBND",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Hòa Bình, ngày 15 tháng 01 năm 2026",
      "KẾ HOẠCH",
      "Chuyển đổi số xã Hòa Bình năm 2026",
      "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
      // Headings numbered through their paragraph style (Heading 1 / Heading 2 in styles.xml).
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Mục đích",
      "Đẩy mạnh chuyển đổi số toàn diện trên địa bàn xã.",
      "2. Yêu cầu",
      "- Bám sát chỉ đạo của Ủy ban nhân dân tỉnh;",
      "- Phân công rõ người, rõ việc, rõ thời gian.",
      "II. NHIỆM VỤ TRỌNG TÂM",
      "1. Phát triển hạ tầng số",
      "a) Nâng cấp đường truyền Internet cáp quang tại trụ sở xã;",
      "b) Trang bị 05 máy tính cho bộ phận một cửa;",
      "c) Lắp đặt camera giám sát tại các thôn;",
      "d) Phủ sóng wifi miễn phí tại nhà văn hóa;",
      // Word's lowerLetter, not the Vietnamese alphabet's "đ".
      "e) Kiểm tra an toàn thông tin định kỳ.",
      "- Rà soát hiện trạng thiết bị trước 31/3/2026.",
      "2. Phát triển chính quyền số",
      // A new list restarts at a).
      "a) Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính;",
      "b) Sử dụng chữ ký số trong văn bản điện tử.",
      "III. TỔ CHỨC THỰC HIỆN",
      "Công chức Văn hóa - Xã hội chủ trì, theo dõi, báo cáo kết quả.",
      "Nơi nhận:",
      "- UBND tỉnh;",
      "- Lưu: VT.",
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
      "Nguyễn Văn An",
    ]);
  });
});

describe("DOCX reader: a task table", () => {
  it("keeps the table cell by cell, spans resolved and the merged lead carried down", async () => {
    const doc = await read("tasks.docx");
    const lead = "Công chức Văn hóa - Xã hội";
    expect(doc.tables).toEqual([
      {
        from: 2,
        to: 8,
        rows: [
          {
            from: 2,
            to: 2,
            cells: [
              "STT",
              "Nội dung nhiệm vụ",
              "Cơ quan chủ trì",
              "Cơ quan phối hợp",
              "Thời gian hoàn thành",
            ],
          },
          { from: 3, to: 3, cells: ["I", "HẠ TẦNG SỐ", "", "", ""] },
          {
            from: 4,
            to: 4,
            cells: ["1", "Nâng cấp đường truyền Internet tại trụ sở xã", lead, "VNPT huyện", "Quý I/2026"],
          },
          {
            from: 5,
            to: 5,
            cells: [
              "2",
              "Trang bị máy tính cho bộ phận một cửa",
              lead,
              "Văn phòng HĐND và UBND xã",
              "Quý II/2026",
            ],
            merged: [2],
          },
          {
            from: 6,
            to: 6,
            cells: [
              "3",
              "Lắp đặt camera giám sát an ninh (ưu tiên các thôn vùng sâu)",
              lead,
              "Công an xã",
              "Tháng 9/2026",
            ],
            merged: [2],
          },
          { from: 7, to: 7, cells: ["II", "CHÍNH QUYỀN SỐ", "", "", ""] },
          {
            from: 8,
            to: 8,
            cells: [
              "4",
              "Số hóa hồ sơ thủ tục hành chính",
              "Văn phòng HĐND và UBND xã",
              "Các thôn",
              "Thường xuyên",
            ],
          },
        ],
      },
    ]);
  });

  it("writes each row on one tab-separated line, without repeating the merged lead", async () => {
    expect(linesOf(await read("tasks.docx"))).toEqual([
      "PHỤ LỤC: DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
      "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành",
      "I\tHẠ TẦNG SỐ\t\t\t",
      "1\tNâng cấp đường truyền Internet tại trụ sở xã\tCông chức Văn hóa - Xã hội\tVNPT huyện\tQuý I/2026",
      "2\tTrang bị máy tính cho bộ phận một cửa\t\tVăn phòng HĐND và UBND xã\tQuý II/2026",
      "3\tLắp đặt camera giám sát an ninh (ưu tiên các thôn vùng sâu)\t\tCông an xã\tTháng 9/2026",
      "II\tCHÍNH QUYỀN SỐ\t\t\t",
      "4\tSố hóa hồ sơ thủ tục hành chính\tVăn phòng HĐND và UBND xã\tCác thôn\tThường xuyên",
      "Ghi chú: các nhiệm vụ trên thực hiện theo hướng dẫn của Sở Khoa học và Công nghệ.",
    ]);
  });
});

describe("DOCX reader: hand-written WordprocessingML constructs", () => {
  it("numbers multi-level lists, overrides, style chains and style-bound levels as Word does", async () => {
    const lines = linesOf(await read("constructs.docx"));
    expect(lines.slice(0, 23)).toEqual([
      "VĂN BẢN THỬ CẤU TRÚC",
      "1. Mục tiêu chung",
      "1.1. Chỉ tiêu hạ tầng",
      "(i) Tỷ lệ hộ gia đình có Internet cáp quang",
      "(ii) Tỷ lệ thôn có sóng 4G",
      // A deeper level restarts when a higher one advances.
      "1.2. Chỉ tiêu dịch vụ công",
      "(i) Hồ sơ trực tuyến toàn trình",
      "2. Mục tiêu cụ thể",
      "2.1. Kinh tế số",
      "A. Thanh toán không dùng tiền mặt",
      "B. Sàn thương mại điện tử",
      // w:lvlOverride/w:startOverride on a second w:num of the same list definition.
      "5. Nhiệm vụ đánh số từ năm",
      "6. Nhiệm vụ tiếp theo",
      // Numbering inherited through basedOn; numId 0 on the paragraph removes it.
      "a) Mục theo kiểu đoạn thứ nhất",
      "Đoạn bỏ đánh số",
      "b) Mục theo kiểu đoạn thứ hai",
      // Levels bound to paragraph styles by w:lvl/w:pStyle.
      "Phần I. PHẦN MỘT",
      "1. Nội dung một",
      "2. Nội dung hai",
      "Phần II. PHẦN HAI",
      "1. Nội dung ba",
      "- Gạch đầu dòng cấp một",
      "- Gạch đầu dòng cấp hai",
    ]);
  });

  it("reads runs, tracked changes, fields, content controls and text boxes once", async () => {
    const doc = await read("constructs.docx");
    const lines = linesOf(doc);
    expect(lines.slice(23, 32)).toEqual([
      // w:tab stays a tab; w:br and w:cr start a new line; w:noBreakHyphen → "-"; w:softHyphen and w:sym dropped.
      "Ghi chú:\tsau tab",
      "dòng mới",
      "tiếp COVID-19 chuyểnđổi",
      // w:ins kept, w:del dropped.
      "Kinh phí bổ sung năm 2026",
      // Hyperlink, inline content control, custom XML, field results (not field codes), math.
      "Xem Cổng Dịch vụ công quốc gia trước ngày 30/6/2026, mục 3 (kết quả trường) x+1",
      "Nội dung trong điều khiển nội dung",
      "Neo hộp văn bản",
      "Hộp văn bản: hạn chót 30/6/2026",
      "Xã Hòa Bình".normalize("NFD"),
    ]);
    expect(lines[31]).not.toBe("Xã Hòa Bình".normalize("NFC"));
    expect(doc.text.split("Hộp văn bản: hạn chót").length).toBe(2);
    for (const unseen of ["cũ đã xóa", "REF", "ĐẦU TRANG", "Trang 1", "CHÚ THÍCH"]) {
      expect(doc.text).not.toContain(unseen);
    }
    expect(doc.text).not.toMatch(/[\r\u00ad]/);
  });

  it("flattens a nested table into its cell and carries a merge spanning two columns", async () => {
    const doc = await read("constructs.docx");
    expect(linesOf(doc).slice(32)).toEqual([
      "STT\tChỉ tiêu\tKết quả",
      "1\tTỷ lệ hồ sơ trực tuyến\tQuý I 50% Quý II 80%",
      "2\tChung cho hai năm\t",
      "3\t\t",
      "Hết.",
    ]);
    expect(doc.tables).toEqual([
      {
        from: 33,
        to: 36,
        rows: [
          { from: 33, to: 33, cells: ["STT", "Chỉ tiêu", "Kết quả"] },
          // The STT cells are empty auto-numbered paragraphs: their number is their text.
          { from: 34, to: 34, cells: ["1", "Tỷ lệ hồ sơ trực tuyến", "Quý I 50% Quý II 80%"] },
          { from: 35, to: 35, cells: ["2", "Chung cho hai năm", ""] },
          { from: 36, to: 36, cells: ["3", "Chung cho hai năm", ""], merged: [1] },
        ],
      },
    ]);
  });

  it("gives the same model for the same bytes", async () => {
    expect(await read("constructs.docx")).toEqual(await read("constructs.docx"));
  });
});

describe.each(["plan.docx", "tasks.docx", "constructs.docx"])("DOCX reader on %s", (name) => {
  it("loses no word: every w:t of the body is in the text", async () => {
    const doc = await read(name);
    const texts = wordTexts(bytesOf(name));
    expect(texts.length).toBeGreaterThan(5);
    const missing = texts.map((t) => t.trim()).filter((t) => t !== "" && !doc.text.includes(t));
    expect(missing).toEqual([]);
  });

  it("drops empty paragraphs and trims line ends", async () => {
    const lines = linesOf(await read(name));
    expect(lines).not.toContain("");
    expect(lines.filter((line) => /^\s|[^\S\t]$/.test(line))).toEqual([]);
  });

  it("writes each table row as its cells joined by tabs, merged continuations empty", async () => {
    const doc = await read(name);
    const lines = linesOf(doc);
    for (const table of doc.tables) {
      for (const row of table.rows) {
        const expected = row.cells.map((cell, i) => (row.merged?.includes(i) ? "" : cell));
        expect(lines[row.from - 1]?.split("\t")).toEqual(expected);
      }
    }
  });
});

describe("DOCX reader: files it cannot read", () => {
  it("reports a truncated .docx as damaged", async () => {
    const bytes = bytesOf("plan.docx");
    expect(await problemOf(bytes.subarray(0, Math.floor(bytes.length / 2)))).toBe("damaged");
  });

  it("reports random bytes as damaged, with or without a zip signature", async () => {
    let seed = 12345;
    const random = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >>> 16;
    });
    expect(await problemOf(random)).toBe("damaged");
    expect(await problemOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...random]))).toBe("damaged");
  });

  it("reports a zip without word/document.xml, or with broken XML, as damaged", async () => {
    expect(await problemOf(zipSync({ "content.xml": strToU8("<office:document/>") }))).toBe("damaged");
    const broken = docxWith('<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Hòa</w:r></w:p></w:body>');
    const err = await readDocx(broken, OPTIONS).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "damaged", detail: expect.stringContaining("word/document.xml") });
  });

  it("reports an old Word 97-2003 file saved as .docx as legacy-word", async () => {
    const bytes = bytesOf("legacy.doc");
    expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    expect(await problemOf(bytes)).toBe("legacy-word");
  });

  it("reports a password-protected .docx as encrypted", async () => {
    const bytes = bytesOf("encrypted.docx");
    expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    expect(await problemOf(bytes)).toBe("encrypted");
  });

  it("reports a document whose body has no text as empty, whatever its header and footer say", async () => {
    expect(strFromU8(unzipSync(bytesOf("empty.docx"))["word/header1.xml"] ?? new Uint8Array())).toContain(
      "Ủy ban nhân dân xã Hòa Bình",
    );
    expect(await problemOf(bytesOf("empty.docx"))).toBe("empty");
    expect(await problemOf(docxWith('<w:document xmlns:w="w"><w:body/></w:document>'))).toBe("empty");
    expect(await problemOf(new Uint8Array())).toBe("empty");
  });
});
