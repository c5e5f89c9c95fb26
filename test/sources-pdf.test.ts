import { readFileSync } from "node:fs";
import { extractImages } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { ReadError, type ReadOptions, type SourceDocument } from "../src/sources/model.ts";
import { findRules, OcrTimeoutError, ocrAvailable, recognizeImages } from "../src/sources/ocr.ts";
import { linesFromRuns, readPdf } from "../src/sources/pdf.ts";

// Fixtures made by test/fixtures/sources/pdf/make.sh from plan.html (LibreOffice, qpdf, pdftoppm, img2pdf).
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/sources/pdf/${name}`, import.meta.url)));
const OPTIONS: ReadOptions = { ocr: false, maxBytes: 20 * 1024 * 1024 };

async function readError(bytes: Uint8Array, options: ReadOptions = OPTIONS): Promise<ReadError> {
  try {
    await readPdf(bytes, options);
  } catch (err) {
    expect(err).toBeInstanceOf(ReadError);
    return err as ReadError;
  }
  throw new Error("expected a ReadError");
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gu, "d")
    .replace(/Đ/gu, "D")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim();

/** Body text of the HTML the PDF was made from: no running header/footer, no markup. */
function htmlBodyWords(): string[] {
  const html = readFileSync(new URL("./fixtures/sources/pdf/plan.html", import.meta.url), "utf8");
  const body = (html.split("<body>")[1] ?? "")
    .replace(/<div title="(?:header|footer)">.*?<\/div>/gsu, " ")
    .replace(/<[^>]+>/gu, " ")
    .replace(/&nbsp;/gu, " ");
  return body.split(/\s+/u).filter(Boolean);
}

function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

describe("readPdf: a LibreOffice plan with a task table across page breaks", () => {
  let doc: SourceDocument;
  let lines: string[];
  beforeAll(async () => {
    doc = await readPdf(fixture("plan.pdf"), OPTIONS);
    lines = doc.text.split("\n");
  });

  it("reads the text layer of all pages", () => {
    expect(doc.format).toBe("pdf");
    expect(doc.ocr).toBe(false);
    expect(doc.pageCount).toBe(3);
    expect(doc.pages).toHaveLength(lines.length);
  });

  it("writes the two-column header block line by line, each phrase whole", () => {
    expect(lines.slice(0, 6)).toEqual([
      "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "XÃ TÂN PHÚ\tĐộc lập - Tự do - Hạnh phúc",
      "Số: 25/KH-UBND\tTân Phú, ngày 15 tháng 01 năm 2026",
      "KẾ HOẠCH",
      "Chuyển đổi số xã Tân Phú năm 2026",
      "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát",
    ]);
    expect(lines).toContain("I. MỤC ĐÍCH, YÊU CẦU");
    expect(lines).toContain("IV. TỔ CHỨC THỰC HIỆN");
    expect(lines).toContain("Nơi nhận:\tTM. ỦY BAN NHÂN DÂN");
  });

  it("drops page numbers and the running header", () => {
    expect(lines.filter((l) => /^(?:Trang\s+)?\d+(?:\/\d+)?$/u.test(l.trim()))).toEqual([]);
    expect(doc.text).not.toContain("Trang 1/3");
    expect(lines).not.toContain("Kế hoạch chuyển đổi số xã Tân Phú năm 2026");
  });

  it("keeps every word of the source's body text", () => {
    const have = new Map<string, number>();
    for (const w of doc.text.split(/\s+/u).filter(Boolean)) have.set(w, (have.get(w) ?? 0) + 1);
    const missing: string[] = [];
    const need = new Map<string, number>();
    for (const w of htmlBodyWords()) need.set(w, (need.get(w) ?? 0) + 1);
    for (const [w, n] of need) if ((have.get(w) ?? 0) < n) missing.push(w);
    expect(missing).toEqual([]);
  });

  it("rebuilds the task table as one table, one line per row, the repeated headers dropped", () => {
    expect(doc.tables).toHaveLength(1);
    const table = doc.tables[0];
    if (!table) throw new Error("no table");
    expect(table.rows).toHaveLength(18);
    expect(table.rows[0]?.cells).toEqual([
      "STT",
      "Nội dung nhiệm vụ",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời gian hoàn thành",
      "Sản phẩm",
    ]);
    // LibreOffice repeated the <thead> row on pages 2 and 3; the canonical text has it once.
    expect(lines.filter((l) => l.startsWith("STT\t"))).toHaveLength(1);
    expect(table.rows.map((r) => r.cells[0])).toEqual([
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
    // Group rows are rows of their own.
    expect(table.rows[1]?.cells).toEqual(["I", "HẠ TẦNG SỐ", "", "", "", ""]);
    expect(table.rows[6]?.cells).toEqual(["II. CHÍNH QUYỀN SỐ", "", "", "", "", ""]);
    // Each row is one canonical line, its cells joined by tabs; rows are consecutive lines.
    table.rows.forEach((row, i) => {
      expect(row.from).toBe(row.to);
      expect(row.from).toBe(table.from + i);
      expect(lines[row.from - 1]).toBe(row.cells.join("\t"));
      for (const cell of row.cells) expect(cell).not.toMatch(/[\t\n]/u);
    });
    expect(table.to).toBe(table.from + 17);
    expect(lines[table.from - 2]).toBe("phân công như sau:");
    expect(lines[table.to]).toBe("IV. TỔ CHỨC THỰC HIỆN");
  });

  it("joins cells wrapped over several lines, in several columns at once, across page breaks", () => {
    const rows = doc.tables[0]?.rows ?? [];
    // Row 1 starts at the foot of page 1 and ends on page 2; a narrow gap made pdf.js join
    // "Quý II/2026" and "Mạng LAN," into one text item: the cell border splits it.
    expect(rows[2]?.cells).toEqual([
      "1",
      "Nâng cấp mạng nội bộ (LAN), hệ thống wifi tại trụ sở Ủy ban nhân dân xã và Bộ phận một cửa",
      "Văn phòng HĐND và UBND xã",
      "Phòng Kinh tế; doanh nghiệp viễn thông",
      "Quý II/2026",
      "Mạng LAN, wifi được nâng cấp",
    ]);
    expect(rows[9]?.cells).toEqual([
      "7",
      "Cập nhật, làm sạch dữ liệu dân cư, đất đai, hộ tịch phục vụ liên thông thủ tục hành chính",
      "Công an xã",
      "Phòng Kinh tế; Phòng Văn hóa - Xã hội",
      "Quý III/2026",
      "Dữ liệu đúng, đủ, sạch, sống",
    ]);
    // Row 13 is split between pages 2 and 3.
    expect(rows[16]?.cells).toEqual([
      "13",
      "Phổ biến thanh toán không dùng tiền mặt tại chợ Tân Phú, trường học và trạm y tế",
      "Phòng Kinh tế",
      "Các ngân hàng thương mại trên địa bàn",
      "Năm 2026",
      "Điểm thanh toán không dùng tiền mặt",
    ]);
  });

  it("records the page of each line", () => {
    const pages = doc.pages ?? [];
    const pageOf = (text: string) => pages[lines.indexOf(text)];
    expect(pages[0]).toBe(1);
    expect(pageOf("I. MỤC ĐÍCH, YÊU CẦU")).toBe(1);
    const rows = doc.tables[0]?.rows ?? [];
    // A row is on the page where it starts.
    expect(pages[(rows[2]?.from ?? 0) - 1]).toBe(1);
    expect(pages[(rows[3]?.from ?? 0) - 1]).toBe(2);
    expect(pages[(rows[16]?.from ?? 0) - 1]).toBe(2);
    expect(pages[(rows[17]?.from ?? 0) - 1]).toBe(3);
    expect(pageOf("IV. TỔ CHỨC THỰC HIỆN")).toBe(3);
    expect(pages[pages.length - 1]).toBe(3);
    for (let i = 1; i < pages.length; i++) expect(pages[i] ?? 0).toBeGreaterThanOrEqual(pages[i - 1] ?? 0);
  });
});

describe("readPdf: the same table laid out differently", () => {
  let reference: SourceDocument;
  beforeAll(async () => {
    reference = await readPdf(fixture("plan.pdf"), OPTIONS);
  });

  it.each([
    ["cells vertically centred (the STT mid-row): the row rules decide", "centred.pdf"],
    ["no borders: positions alone", "borderless.pdf"],
  ])("%s", async (_name, file) => {
    const doc = await readPdf(fixture(file), OPTIONS);
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]?.rows.map((r) => r.cells)).toEqual(reference.tables[0]?.rows.map((r) => r.cells));
    const lines = doc.text.split("\n");
    expect(lines.slice(0, 5)).toEqual(reference.text.split("\n").slice(0, 5));
    expect(lines.filter((l) => l.startsWith("STT\t"))).toHaveLength(1);
  });
});

describe("readPdf: files it cannot read", () => {
  it("reports a password-protected PDF as encrypted", async () => {
    expect((await readError(fixture("encrypted.pdf"))).code).toBe("encrypted");
  });

  it("reports a truncated PDF as damaged", async () => {
    expect((await readError(fixture("truncated.pdf"))).code).toBe("damaged");
  });

  it("reports a PDF damaged inside as damaged, never a library exception", async () => {
    const plan = fixture("plan.pdf");
    // The cross-reference table and trailer overwritten: pdf.js has to rebuild, then fails on garbage.
    const broken = new Uint8Array(plan);
    for (let i = 200; i < broken.length - 10; i += 97) broken[i] = 0x21;
    const err = await readError(broken);
    expect(err.code).toBe("damaged");
    const junk = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF\n");
    expect((await readError(junk)).code).toBe("damaged");
    expect((await readError(new TextEncoder().encode("PK\u0003\u0004 not a pdf %%EOF"))).code).toBe(
      "damaged",
    );
    expect((await readError(new Uint8Array())).code).toBe("empty");
  });

  it("reports a scan as scanned when OCR is off", async () => {
    const err = await readError(fixture("scan.pdf"));
    expect(err.code).toBe("scanned");
    expect(err.detail).toBe("1 trang");
  });
});

describe("readPdf: a scanned page with OCR", () => {
  it("has the Vietnamese data installed", () => {
    expect(ocrAvailable()).toBe(true);
  });

  it("recognises the page's Vietnamese text, with pages, and rebuilds the table start", async () => {
    const started = performance.now();
    const doc = await readPdf(fixture("scan.pdf"), { ...OPTIONS, ocr: true });
    const seconds = (performance.now() - started) / 1000;
    expect(doc.format).toBe("pdf-ocr");
    expect(doc.ocr).toBe(true);
    expect(doc.pageCount).toBe(1);
    const lines = doc.text.split("\n");
    expect(doc.pages).toEqual(lines.map(() => 1));
    const folded = fold(doc.text);
    for (const phrase of [
      "uy ban nhan dan",
      "cong hoa xa hoi chu nghia viet nam",
      "doc lap - tu do - hanh phuc",
      "ke hoach",
      "tan phu",
      "nghi quyet so 57-nq/tw",
      "muc dich, yeu cau",
      "chinh quyen hai cap van hanh thong suot",
      "ky nang so",
      "vneid",
    ]) {
      expect(folded).toContain(phrase);
    }
    // The header block's two columns come out on shared lines, as from a text layer.
    expect(lines.some((l) => /ỦY BAN NHÂN DÂN\tCỘNG HÒA/u.test(l))).toBe(true);
    // The start of the task table at the foot of the page, rebuilt from the words' positions.
    const [table] = doc.tables;
    expect(table?.rows[0]?.cells).toHaveLength(6);
    expect(table?.rows[0]?.cells[0]).toBe("STT");
    expect(fold(table?.rows[0]?.cells[5] ?? "")).toBe("san pham");
    expect(table?.rows[1]?.cells.slice(0, 2)).toEqual(["I", "HẠ TẦNG SỐ"]);
    expect(table?.rows[2]?.cells.slice(0, 3)).toEqual(["1", "Nâng cấp mạng nội bộ", "Văn phòng"]);
    // The rules found in the picture split what the OCR read as one line across two cells.
    expect(table?.rows[2]?.cells.slice(4)).toEqual(["Quý II/2026", "Mạng LAN,"]);

    // Character accuracy on the prose above the table, against the text layer of the same page.
    const text = await readPdf(fixture("plan.pdf"), OPTIONS);
    const textLines = text.text.split("\n");
    const reference = [
      "Kế hoạch chuyển đổi số xã Tân Phú năm 2026",
      ...textLines.slice(0, textLines.indexOf("phân công như sau:") + 1),
    ]
      .join(" ")
      .replace(/\s+/gu, " ");
    const end = lines.findIndex((l) => fold(l).startsWith("phan cong"));
    expect(end).toBeGreaterThan(10);
    const recognised = lines
      .slice(0, end + 1)
      .join(" ")
      .replace(/\s+/gu, " ");
    const accuracy = 1 - levenshtein(recognised, reference) / [...reference].length;
    console.log(
      `OCR: 1 page in ${seconds.toFixed(1)} s (worker start included), character accuracy ${(accuracy * 100).toFixed(1)}%`,
    );
    expect(accuracy).toBeGreaterThan(0.9);
  }, 180_000);

  it("times each page and gives up on a page that takes too long, terminating the worker", async () => {
    const [image] = await extractImages(fixture("scan.pdf"), 1);
    if (!image) throw new Error("no image in scan.pdf");
    const ocrImage = {
      width: image.width,
      height: image.height,
      channels: image.channels,
      data: image.data,
      dpi: 150,
    };
    const [page] = await recognizeImages([ocrImage]);
    console.log(`OCR: recognition alone ${((page?.ms ?? 0) / 1000).toFixed(1)} s for a 150 dpi A4 page`);
    expect(page?.lines.length).toBeGreaterThan(20);
    expect(page?.lines.some((l) => fold(l.text).includes("cong hoa xa hoi chu nghia"))).toBe(true);

    const started = performance.now();
    await expect(recognizeImages([ocrImage], { timeoutMs: 50 })).rejects.toBeInstanceOf(OcrTimeoutError);
    // Starting the worker is allowed its own minute; the page itself was cut off at 50 ms.
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 180_000);
});

describe("findRules: table rules in a scanned picture", () => {
  it("finds the grid's lines and not the letters' strokes", () => {
    const width = 600;
    const height = 800;
    const data = new Uint8Array(width * height).fill(255);
    const ink = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[y * width + x] = 20;
    };
    // A 3-column grid, two rows, lines 2 px thick; a 2 px gap in one line (scan noise).
    for (const y of [100, 160, 220]) ink(50, y, 550, y + 1);
    for (const x of [50, 200, 400, 550]) ink(x, 100, x + 1, 221);
    for (let y = 130; y < 132; y++) for (const x of [200, 201]) data[y * width + x] = 255;
    // Letters: short strokes, a bold bar, an "l" 12 px tall.
    ink(80, 120, 81, 132);
    ink(90, 126, 110, 128);
    ink(300, 300, 302, 312);
    const rules = findRules({ width, height, channels: 1, data });
    const v = rules.filter((r) => r.kind === "v").map((r) => [Math.floor(r.at), r.a, r.b]);
    const h = rules.filter((r) => r.kind === "h").map((r) => [Math.floor(r.at), r.a, r.b]);
    expect(v).toEqual([
      [50, 100, 221],
      [200, 100, 221],
      [400, 100, 221],
      [550, 100, 221],
    ]);
    expect(h.map(([y]) => y)).toEqual([100, 160, 220]);
  });
});

describe("linesFromRuns: text items to chunks", () => {
  const run = (x: number, end: number, text: string, y = 100, size = 12) => ({ x, end, y, size, text });

  it("joins glyph runs of one word without a space and words with one", () => {
    const [line] = linesFromRuns([
      run(72, 80, "Vi"),
      run(80, 88.5, "ệt"),
      run(91.5, 110, "Nam"),
      run(113, 130, "chuyển"),
      // A combining mark drawn as its own item over the previous letter.
      run(133, 137, "đô"),
      run(136.5, 137, "\u0309"),
      run(137, 141, "i"),
    ]);
    expect(line?.chunks.map((c) => c.text)).toEqual(["Việt Nam chuyển đổi"]);
  });

  it("starts a chunk at a wide gap or a vertical rule, and orders lines by baseline", () => {
    const lines = linesFromRuns(
      [
        run(300, 420, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 70.4),
        run(80, 200, "ỦY BAN NHÂN DÂN", 70),
        run(80, 150, "XÃ TÂN PHÚ", 88),
        run(72, 150, "Quý II/2026 Mạng LAN,", 200),
      ],
      { vertical: [{ x: 118, y0: 180, y1: 220 }] },
    );
    expect(lines.map((l) => l.chunks.map((c) => c.text))).toEqual([
      ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["XÃ TÂN PHÚ"],
      ["Quý II/2026", "Mạng LAN,"],
    ]);
    expect(lines[2]?.ruled).toBe(false);
  });
});
