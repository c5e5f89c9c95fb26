/**
 * The document model every reader produces, whatever the file format: a canonical text (the plan's
 * words, one paragraph or table row per line, what is stored and what citations quote), the page each
 * line came from, and the tables the reader could see as tables, cell by cell.
 *
 * Line numbers are 1-based positions in `text`. For a `.txt` file they are the file's own lines.
 */

export type SourceFormat = "txt" | "docx" | "pdf" | "pdf-ocr";

export interface DocTableRow {
  /** Lines of `text` the row occupies (a row rendered on one line has from === to). */
  from: number;
  to: number;
  /**
   * One string per grid column, spans already resolved: a cell merged across columns gives its text
   * to the first column and "" to the others; a cell merged down over rows repeats its text in each
   * row it covers (`merged` marks those columns for the continuation rows).
   */
  cells: string[];
  /** Indexes of cells whose text was carried down from a vertically merged cell above. */
  merged?: number[];
  /** Set when the reader knows the row's role; otherwise the parser tells headers by their words. */
  kind?: "header" | "group";
}

export interface DocTable {
  from: number;
  to: number;
  rows: DocTableRow[];
}

export interface SourceDocument {
  format: SourceFormat;
  /** Canonical text, lines joined with "\n". */
  text: string;
  /** Page of each line (index 0 is line 1), for formats that have pages; null otherwise. */
  pages: Array<number | null> | null;
  /** Number of pages, when the format has pages. */
  pageCount: number | null;
  /** Tables the reader found as tables (DOCX tables, PDF tables rebuilt from positions). */
  tables: DocTable[];
  /** True when the text was recognised from images (OCR), not read from a text layer. */
  ocr: boolean;
}

/** Why a file could not be read, in words a commune's staff can act on. */
export type ReadProblemCode =
  | "empty"
  | "binary"
  | "encoding"
  | "unreadable"
  | "unsupported"
  | "legacy-word"
  | "scanned"
  | "encrypted"
  | "damaged"
  | "too-large";

export class ReadError extends Error {
  readonly code: ReadProblemCode;
  /** Extra detail for the message ("docx", "12 trang", a library's reason). */
  readonly detail: string | undefined;

  constructor(code: ReadProblemCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "ReadError";
    this.code = code;
    this.detail = detail;
  }
}

export interface ReadOptions {
  /** Recognise scanned PDFs with OCR (slow); off means a scan is reported, not read. */
  ocr: boolean;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Largest text a plan may hold once read, in UTF-8 bytes (PLAN_MAX_TEXT_MB, default 5 MB). */
  maxTextBytes?: number;
}

/** A reader turns a file's bytes into the document model, or throws a ReadError. */
export type Reader = (bytes: Uint8Array, options: ReadOptions) => Promise<SourceDocument>;
