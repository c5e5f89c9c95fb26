/**
 * One registry of the formats plans arrive in. A file is recognised by its content first (a PDF
 * named ".txt" is still a PDF) and by its extension otherwise; a new format is one reader file and
 * one entry here.
 */
import { extname } from "node:path";
import { readDocx } from "./docx.ts";
import { type DocTable, ReadError, type Reader, type ReadOptions, type SourceDocument } from "./model.ts";
import { readPdf } from "./pdf.ts";
import { findTextTables } from "./text-tables.ts";
import { readText } from "./txt.ts";

interface Format {
  name: "txt" | "docx" | "pdf";
  extensions: readonly string[];
  sniff: (bytes: Uint8Array) => boolean;
  read: Reader;
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

export const FORMATS: readonly Format[] = [
  { name: "pdf", extensions: [".pdf"], sniff: (b) => startsWith(b, PDF), read: readPdf },
  { name: "docx", extensions: [".docx", ".docm"], sniff: (b) => startsWith(b, ZIP), read: readDocx },
  { name: "txt", extensions: [".txt", ".text"], sniff: () => false, read: readText },
];

/** Files people save plans as that cannot be read, and what to tell them. */
const REFUSED: ReadonlyArray<{ extensions: readonly string[]; code: "legacy-word" | "unsupported" }> = [
  { extensions: [".doc", ".dot", ".wps"], code: "legacy-word" },
  {
    extensions: [".odt", ".rtf", ".pages", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".html", ".htm", ".xml"],
    code: "unsupported",
  },
];

/** Extensions a corpus folder is scanned for; anything else is reported as unsupported too. */
export function formatOf(file: string, bytes: Uint8Array): Format | ReadError {
  const ext = extname(file).toLowerCase();
  const byContent = FORMATS.find((f) => f.sniff(bytes));
  // A zip that is not a Word document (an .xlsx, an .odt) must not reach the DOCX reader as one.
  if (byContent && !(byContent.name === "docx" && ext !== "" && !byContent.extensions.includes(ext)))
    return byContent;
  if (startsWith(bytes, OLE)) return new ReadError("legacy-word");
  const refused = REFUSED.find((r) => r.extensions.includes(ext));
  if (refused) return new ReadError(refused.code, ext);
  const byName = FORMATS.find((f) => f.extensions.includes(ext));
  if (byName) return byName;
  return new ReadError("unsupported", ext || "không có phần mở rộng");
}

/**
 * Tables the reader did not see as tables but its text holds: tab-separated rows typed in a Word
 * paragraph, a PDF table without rules, text pasted one cell per line.
 */
function withTextTables(doc: SourceDocument): SourceDocument {
  const overlaps = (t: DocTable) => doc.tables.some((d) => t.from <= d.to && d.from <= t.to);
  const more = findTextTables(doc.text).filter((t) => !overlaps(t));
  return more.length === 0
    ? doc
    : { ...doc, tables: [...doc.tables, ...more].sort((a, b) => a.from - b.from) };
}

/** Read one file into the document model, or throw a ReadError. */
export async function readSource(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions,
): Promise<SourceDocument> {
  if (bytes.length > options.maxBytes) {
    throw new ReadError(
      "too-large",
      `${(bytes.length / 1048576).toFixed(1)} MB > ${options.maxBytes / 1048576} MB`,
    );
  }
  const format = formatOf(file, bytes);
  if (format instanceof ReadError) throw format;
  try {
    return withTextTables(await format.read(bytes, options));
  } catch (err) {
    if (err instanceof ReadError) throw err;
    throw new ReadError("damaged", err instanceof Error ? err.message : String(err));
  }
}
