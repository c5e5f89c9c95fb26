/**
 * Plain-text plans as offices save them (encodings, line endings) and the tables copying from a PDF or
 * Word file leaves in the text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/plans/parse.ts";
import { partitionCells } from "../src/sources/cell-lines.ts";
import { ReadError } from "../src/sources/model.ts";
import { findTextTables } from "../src/sources/text-tables.ts";
import { decodeText } from "../src/sources/txt.ts";
import { CORPUS_DIR, plan } from "./helpers/corpus.ts";
import { encodeCp1258 } from "./helpers/encodings.ts";

const SAMPLE =
  "KẾ HOẠCH\r\nChuyển đổi số xã Hòa Bình năm 2026\r\nỦy ban nhân dân xã; Quý III/2026; thuỷ lợi\r\n";

describe("decodeText", () => {
  it.each([
    ["UTF-8", Buffer.from(SAMPLE, "utf8"), "utf-8"],
    [
      "UTF-8 with BOM",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, "utf8")]),
      "utf-8",
    ],
    [
      "UTF-16 LE with BOM",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, "utf16le")]),
      "utf-16le",
    ],
    [
      "UTF-16 BE with BOM",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SAMPLE, "utf16le").swap16()]),
      "utf-16be",
    ],
    ["UTF-16 LE without BOM", Buffer.from(SAMPLE, "utf16le"), "utf-16le"],
    ["Windows-1258", encodeCp1258(SAMPLE), "windows-1258"],
  ])("reads %s", (_name, bytes, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.normalize("NFC")).toBe(SAMPLE);
    // CRLF stays: the stored text keeps the file's own lines.
    expect(decoded.text.split(/\r\n|\r|\n/u)[1]).toBe("Chuyển đổi số xã Hòa Bình năm 2026");
  });

  it.each([
    ["empty", Buffer.alloc(0), "empty"],
    ["whitespace only", Buffer.from(" \r\n\t\n"), "empty"],
    ["binary", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), "binary"],
  ])("refuses %s input", (_name, bytes, code) => {
    expect(() => decodeText(bytes)).toThrow(ReadError);
    try {
      decodeText(bytes);
    } catch (err) {
      expect((err as ReadError).code).toBe(code);
    }
  });
});

/** The Tân Kỳ appendix as copying from a PDF gives it: every cell on its own line, wrapped, page numbers. */
function oneCellPerLine(text: string, width: number): string {
  const out: string[] = [];
  let page = 4;
  let headers = 0;
  for (const line of text.split("\n")) {
    if (!line.includes("\t") || !/^(?:STT|\d+)\t/u.test(line)) {
      out.push(line);
      continue;
    }
    const cells = line.split("\t").filter((c) => c.trim() !== "");
    if (cells[0] === "STT" && headers++ > 0) out.push(String(page++));
    for (const cell of cells) {
      const words = cell.split(" ");
      let current = "";
      for (const w of words) {
        if (current && current.length + w.length + 1 > width) {
          out.push(current);
          current = w;
        } else current = current ? `${current} ${w}` : w;
      }
      out.push(current);
    }
  }
  return out.join("\n");
}

describe("one cell per line", () => {
  const original = plan("tan-ky-2026");
  const tabbed = readFileSync(join(CORPUS_DIR, "tan-ky-2026.txt"), "utf8");
  const appendix = original.tasks.filter((t) => t.origin === "appendix");

  it.each([28, 40, 60])("rebuilds the 17 appendix tasks with cells wrapped at %i characters", (width) => {
    const text = oneCellPerLine(tabbed, width);
    const rebuilt = parsePlan({ id: "tan-ky-cells", file: "x.txt", text, tables: findTextTables(text) });
    const tasks = rebuilt.tasks.filter((t) => t.origin === "appendix");
    expect(tasks).toHaveLength(17);
    tasks.forEach((t, i) => {
      const want = appendix[i];
      expect([t.row, t.title, t.lead, t.coordinators, t.deadline, t.product]).toEqual([
        want?.row,
        want?.title,
        want?.lead,
        want?.coordinators,
        want?.deadline,
        want?.product,
      ]);
    });
    // The page numbers before the repeated headers are not rows, and not text of any task.
    expect(tasks.map((t) => t.row)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it("reads group rows as the tasks' group", () => {
    const text = [
      "STT",
      "Nội dung nhiệm vụ",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời gian hoàn thành",
      "I",
      "HẠ TẦNG SỐ",
      "1",
      "Nâng cấp mạng nội bộ (LAN) của",
      "trụ sở Ủy ban nhân dân xã",
      "Văn phòng HĐND và UBND xã",
      "Phòng Kinh tế",
      "Quý III/2026",
      "2",
      "Lắp đặt camera giám sát",
      "Công an xã",
      "Trước 30/6/2026",
      "II. DỮ LIỆU SỐ",
      "3",
      "Số hóa sổ hộ tịch",
      "Phòng Văn hóa - Xã hội",
      "Công an xã, Trạm Y tế xã",
      "Thường xuyên",
    ].join("\n");
    const tables = findTextTables(text);
    expect(tables).toHaveLength(1);
    const p = parsePlan({
      id: "g",
      file: "g.txt",
      text: `KẾ HOẠCH\nChuyển đổi số xã An Phú năm 2026\n${text}`,
      tables: findTextTables(`KẾ HOẠCH\nChuyển đổi số xã An Phú năm 2026\n${text}`),
    });
    const rows = p.tasks.filter((t) => t.origin === "appendix");
    expect(rows.map((t) => [t.title, t.lead, t.coordinators, t.deadline.end, t.group])).toEqual([
      [
        "Nâng cấp mạng nội bộ (LAN) của trụ sở Ủy ban nhân dân xã",
        ["Văn phòng HĐND và UBND xã"],
        ["Phòng Kinh tế"],
        "2026-09-30",
        "Hạ tầng số",
      ],
      // No coordinator: the cell is empty, the deadline stays in its column.
      ["Lắp đặt camera giám sát", ["Công an xã"], [], "2026-06-30", "Hạ tầng số"],
      ["Số hóa sổ hộ tịch", ["Phòng Văn hóa - Xã hội"], ["Công an xã", "Trạm Y tế xã"], null, "Dữ liệu số"],
    ]);
  });

  it("partitions a row's lines by what each column holds", () => {
    const roles = ["title", "lead", "coordinators", "deadline"] as const;
    expect(
      partitionCells(
        [
          "Triển khai thanh toán",
          "không dùng tiền mặt",
          "Phòng Kinh tế",
          "Các cơ quan,",
          "đơn vị liên quan",
          "Quý IV/2026",
        ],
        roles,
      ),
    ).toEqual([
      "Triển khai thanh toán không dùng tiền mặt",
      "Phòng Kinh tế",
      "Các cơ quan, đơn vị liên quan",
      "Quý IV/2026",
    ]);
    expect(partitionCells(["Tập huấn kỹ năng số", "Đoàn Thanh niên xã", "Hằng quý"], roles)).toEqual([
      "Tập huấn kỹ năng số",
      "Đoàn Thanh niên xã",
      "",
      "Hằng quý",
    ]);
  });
});
