/**
 * Word 2007+ documents (.docx), read straight from the OOXML: the body of the main document part, one
 * line per paragraph, with automatic numbering written out as Word shows it ("II.", "1.", "a)", "- ")
 * and each table row on one line, cells separated by tabs. Headers, footers, footnotes and comments are
 * not body text and are not read.
 *
 * Empty paragraphs are dropped, so line numbers do not depend on how the author spaced the page. A table
 * with no row of three or more non-empty cells lays out the page (the "ỦY BAN NHÂN DÂN … / CỘNG HÒA …"
 * header, the signature block) and is written as plain paragraphs, not as a table.
 */
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { type DocTable, type DocTableRow, ReadError, type Reader, type SourceDocument } from "./model.ts";

// ---------------------------------------------------------------------------------------------------
// XML access. With preserveOrder every element is { [name]: children[], ":@"?: attributes } and text
// is { "#text": string }; namespace prefixes are removed, so w:p is "p" whatever prefix a writer chose.

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Also decodes numeric character references (&#x1EA0;), which some writers use for Vietnamese.
  htmlEntities: true,
});

function tagOf(node: XmlNode): string {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return "";
}

function childrenOf(node: XmlNode): XmlNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function attr(node: XmlNode | undefined, name: string): string | undefined {
  const attributes = node?.[":@"] as Record<string, unknown> | undefined;
  const value = attributes?.[name];
  return typeof value === "string" ? value : undefined;
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node ? childrenOf(node).find((c) => tagOf(c) === name) : undefined;
}

function childrenNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? childrenOf(node).filter((c) => tagOf(c) === name) : [];
}

/** The w:val of a property element (w:pStyle, w:numId, …). */
function valOf(node: XmlNode | undefined, name: string): string | undefined {
  return attr(child(node, name), "val");
}

function intOf(node: XmlNode | undefined, name: string): number | undefined {
  const value = Number.parseInt(valOf(node, name) ?? "", 10);
  return Number.isFinite(value) ? value : undefined;
}

function textOf(node: XmlNode): string {
  return childrenOf(node)
    .map((c) => (typeof c["#text"] === "string" ? c["#text"] : ""))
    .join("");
}

/**
 * Word writes newer constructs twice (mc:Choice, and an mc:Fallback for older readers); reading both
 * would double a text box's words. The first choice is read, the fallback only when there is none.
 */
function alternateContent(node: XmlNode): XmlNode[] {
  const choice = child(node, "Choice") ?? child(node, "Fallback");
  return choice ? childrenOf(choice) : [];
}

function parseXml(bytes: Uint8Array, name: string): XmlNode[] {
  const xml = decodeXml(bytes, name);
  try {
    return parser.parse(xml, true) as XmlNode[];
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ReadError("damaged", `${name}: ${reason}`.slice(0, 160));
  }
}

function decodeXml(bytes: Uint8Array, name: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ReadError("damaged", `${name}: not UTF-8`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The package: an OLE file is an old .doc or an encrypted .docx; otherwise a zip with the parts below.

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b];
/** A password-protected .docx is an OLE file with this stream (its name is stored in UTF-16LE). */
const ENCRYPTED_STREAM = Uint8Array.from([..."EncryptedPackage"].flatMap((c) => [c.charCodeAt(0), 0]));
/** Largest uncompressed part accepted: far above any real plan, low enough to stop a zip bomb. */
const MAX_PART_BYTES = 200 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    let j = 0;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

function rejectNonZip(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ReadError("empty");
  if (startsWith(bytes, OLE_MAGIC)) {
    throw contains(bytes, ENCRYPTED_STREAM) ? new ReadError("encrypted") : new ReadError("legacy-word");
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new ReadError("damaged", "not a zip archive");
}

function unzipParts(bytes: Uint8Array): Record<string, Uint8Array> {
  let oversized: string | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!/\.(xml|rels)$/i.test(file.name)) return false;
        if (file.originalSize > MAX_PART_BYTES) oversized ??= file.name;
        return file.originalSize <= MAX_PART_BYTES;
      },
    });
  } catch (err) {
    throw new ReadError("damaged", `zip: ${err instanceof Error ? err.message : String(err)}`);
  }
  // A few kilobytes of zip declaring hundreds of megabytes: a corrupt directory or a zip bomb.
  if (oversized) throw new ReadError("damaged", `${oversized}: declared size too large`);
  return files;
}

interface Relationship {
  type: string;
  target: string;
}

function relationships(files: Record<string, Uint8Array>, relsPath: string): Relationship[] {
  const bytes = files[relsPath];
  if (!bytes) return [];
  const root = parseXml(bytes, relsPath).find((n) => tagOf(n) === "Relationships");
  return childrenNamed(root, "Relationship").map((r) => ({
    type: attr(r, "Type") ?? "",
    target: attr(r, "Target") ?? "",
  }));
}

/** A relationship target as a zip entry name, relative to the folder of the part that points to it. */
function resolveTarget(folder: string, target: string): string {
  const parts = target.startsWith("/") ? [] : folder.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

function relatedPart(rels: Relationship[], folder: string, type: string, fallback: string): string {
  const rel = rels.find((r) => r.type.endsWith(`/${type}`));
  return rel ? resolveTarget(folder, rel.target) : fallback;
}

const MAIN_PART = "word/document.xml";

interface Parts {
  document: XmlNode[];
  numbering: XmlNode[];
  styles: XmlNode[];
}

function readParts(bytes: Uint8Array): Parts {
  rejectNonZip(bytes);
  const files = unzipParts(bytes);
  const declared = relatedPart(relationships(files, "_rels/.rels"), "", "officeDocument", MAIN_PART);
  const main = files[declared] ? declared : MAIN_PART;
  const documentBytes = files[main];
  if (!documentBytes) throw new ReadError("damaged", "missing word/document.xml");
  const folder = main.includes("/") ? main.slice(0, main.lastIndexOf("/")) : "";
  const file = main.slice(folder.length ? folder.length + 1 : 0);
  const rels = relationships(files, resolveTarget(folder, `_rels/${file}.rels`));
  const optional = (type: string, fallback: string): XmlNode[] => {
    const name = relatedPart(rels, folder, type, fallback);
    const part = files[name];
    return part ? parseXml(part, name) : [];
  };
  return {
    document: parseXml(documentBytes, main),
    numbering: optional("numbering", "word/numbering.xml"),
    styles: optional("styles", "word/styles.xml"),
  };
}

// ---------------------------------------------------------------------------------------------------
// Styles: only what numbering needs (a style's numPr, its basedOn chain, the default paragraph style).

interface StyleInfo {
  basedOn: string | undefined;
  numId: string | undefined;
  ilvl: number | undefined;
}

interface Styles {
  byId: Map<string, StyleInfo>;
  defaultParagraph: string | undefined;
}

function readStyles(nodes: XmlNode[]): Styles {
  const root = nodes.find((n) => tagOf(n) === "styles");
  const byId = new Map<string, StyleInfo>();
  let defaultParagraph: string | undefined;
  for (const style of childrenNamed(root, "style")) {
    const id = attr(style, "styleId");
    if (!id) continue;
    const numPr = child(child(style, "pPr"), "numPr");
    byId.set(id, {
      basedOn: valOf(style, "basedOn"),
      numId: valOf(numPr, "numId"),
      ilvl: intOf(numPr, "ilvl"),
    });
    const isDefault = attr(style, "default") === "1" || attr(style, "default") === "true";
    if (isDefault && attr(style, "type") === "paragraph") defaultParagraph = id;
  }
  return { byId, defaultParagraph };
}

/** The style and the styles it is based on, nearest first. */
function styleChain(styles: Styles, id: string | undefined): Array<[string, StyleInfo]> {
  const chain: Array<[string, StyleInfo]> = [];
  for (let current = id; current && chain.length < 32; ) {
    const style = styles.byId.get(current);
    if (!style || chain.some(([seen]) => seen === current)) break;
    chain.push([current, style]);
    current = style.basedOn;
  }
  return chain;
}

// ---------------------------------------------------------------------------------------------------
// Numbering (numbering.xml): list definitions, and counters advanced paragraph by paragraph.

interface Level {
  start: number;
  format: string;
  text: string;
  /** 1-based level after which this one restarts; 0 never; undefined: after any higher level. */
  restart: number | undefined;
  legal: boolean;
  style: string | undefined;
}

interface NumDef {
  /** Lists sharing a definition share counters, as in Word; the key names that definition. */
  key: string;
  levels: Map<number, Level>;
  /** Levels restarted (at their start value) the first time this list instance is used. */
  restarted: number[];
}

function readLevel(lvl: XmlNode): Level {
  const alternate = child(lvl, "AlternateContent");
  const fallback = child(alternate, "Fallback");
  const restart = intOf(lvl, "lvlRestart");
  const legal = child(lvl, "isLgl");
  return {
    start: intOf(lvl, "start") ?? 1,
    format: valOf(lvl, "numFmt") ?? valOf(fallback, "numFmt") ?? "decimal",
    text: valOf(lvl, "lvlText") ?? "",
    restart,
    legal: legal !== undefined && !["0", "false"].includes(attr(legal, "val") ?? ""),
    style: valOf(lvl, "pStyle"),
  };
}

function readLevels(parent: XmlNode | undefined): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of childrenNamed(parent, "lvl")) {
    levels.set(Number.parseInt(attr(lvl, "ilvl") ?? "0", 10) || 0, readLevel(lvl));
  }
  return levels;
}

interface AbstractNum {
  levels: Map<number, Level>;
  styleLink: string | undefined;
}

class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly nums = new Map<string, XmlNode>();
  private readonly defs = new Map<string, NumDef | null>();
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly used = new Set<string>();

  constructor(
    nodes: XmlNode[],
    private readonly styles: Styles,
  ) {
    const root = nodes.find((n) => tagOf(n) === "numbering");
    for (const abstract of childrenNamed(root, "abstractNum")) {
      const id = attr(abstract, "abstractNumId") ?? "";
      this.abstracts.set(id, { levels: readLevels(abstract), styleLink: valOf(abstract, "numStyleLink") });
    }
    for (const num of childrenNamed(root, "num")) this.nums.set(attr(num, "numId") ?? "", num);
  }

  /** The definition a numId stands for, with its level overrides applied. */
  def(numId: string): NumDef | null {
    if (!this.defs.has(numId)) this.defs.set(numId, this.buildDef(numId, 0));
    return this.defs.get(numId) ?? null;
  }

  private buildDef(numId: string, depth: number): NumDef | null {
    const num = this.nums.get(numId);
    const abstractId = valOf(num, "abstractNumId");
    const abstract = abstractId === undefined ? undefined : this.abstracts.get(abstractId);
    if (!num || abstractId === undefined || !abstract) return null;
    // A list-style reference (numStyleLink) takes its levels from the list the style points to.
    const linked = abstract.styleLink ? this.styles.byId.get(abstract.styleLink)?.numId : undefined;
    const base = linked && linked !== numId && depth < 4 ? this.buildDef(linked, depth + 1) : null;
    const levels = new Map(base?.levels ?? abstract.levels);
    const restarted: number[] = [];
    for (const override of childrenNamed(num, "lvlOverride")) {
      const ilvl = Number.parseInt(attr(override, "ilvl") ?? "0", 10) || 0;
      const replaced = child(override, "lvl");
      const startOverride = intOf(override, "startOverride");
      const level = replaced ? readLevel(replaced) : levels.get(ilvl);
      if (level && startOverride !== undefined) {
        levels.set(ilvl, { ...level, start: startOverride });
        restarted.push(ilvl);
      } else if (level) levels.set(ilvl, level);
    }
    return { key: base?.key ?? `abstract:${abstractId}`, levels, restarted };
  }

  /** The level of a list a paragraph style is bound to (w:lvl/w:pStyle), if any. */
  levelForStyle(numId: string, styleIds: string[]): number | undefined {
    const levels = this.def(numId)?.levels;
    if (!levels) return undefined;
    for (const id of styleIds) {
      for (const [ilvl, level] of levels) if (level.style === id) return ilvl;
    }
    return undefined;
  }

  /** Advance the list's counters for one paragraph and return its label ("II.", "a)", "-"), or "". */
  next(numId: string, ilvl: number): string {
    const def = this.def(numId);
    const level = def?.levels.get(ilvl);
    if (!def || !level) return "";
    const counters = this.counters.get(def.key) ?? [];
    this.counters.set(def.key, counters);
    if (!this.used.has(numId)) {
      this.used.add(numId);
      for (const restarted of def.restarted) counters[restarted] = undefined;
    }
    const current = counters[ilvl];
    counters[ilvl] = current === undefined ? level.start : current + 1;
    for (let deeper = ilvl + 1; deeper < counters.length; deeper++) {
      if (restartsAfter(def.levels.get(deeper), deeper, ilvl)) counters[deeper] = undefined;
    }
    return labelOf(def, level, counters);
  }
}

function restartsAfter(level: Level | undefined, ilvl: number, advanced: number): boolean {
  const restart = level?.restart;
  if (restart === 0) return false;
  if (restart === undefined || restart > ilvl) return true;
  return advanced < restart;
}

function labelOf(def: NumDef, level: Level, counters: Array<number | undefined>): string {
  if (level.format === "bullet") return "-";
  return level.text
    .replace(/%([1-9])/g, (_, digit: string) => {
      const ilvl = Number(digit) - 1;
      const shown = def.levels.get(ilvl);
      const value = counters[ilvl] ?? shown?.start ?? 1;
      return formatNumber(value, level.legal ? "decimal" : (shown?.format ?? "decimal"));
    })
    .trim();
}

function formatNumber(value: number, format: string): string {
  switch (format) {
    case "upperRoman":
      return roman(value);
    case "lowerRoman":
      return roman(value).toLowerCase();
    case "upperLetter":
      return letters(value);
    case "lowerLetter":
      return letters(value).toLowerCase();
    case "decimalZero":
      return value < 10 && value >= 0 ? `0${value}` : String(value);
    case "none":
      return "";
    default:
      return String(value);
  }
}

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

function roman(value: number): string {
  if (value <= 0 || value >= 4000) return String(value);
  let rest = value;
  let out = "";
  for (const [amount, digits] of ROMAN) {
    for (; rest >= amount; rest -= amount) out += digits;
  }
  return out;
}

/** Word's letter numbering: a … z, then aa, bb, … (not Excel's aa, ab). */
function letters(value: number): string {
  if (value <= 0) return String(value);
  const letter = String.fromCharCode(65 + ((value - 1) % 26));
  return letter.repeat(Math.ceil(value / 26));
}

// ---------------------------------------------------------------------------------------------------
// Body → blocks. Numbers are given in document order while reading; whether a table is laid out as
// lines or kept as a table is decided afterwards, when its text is known.

interface ParagraphBlock {
  kind: "paragraph";
  text: string;
}

interface CellBlock {
  span: number;
  vMerge: "restart" | "continue" | undefined;
  blocks: Block[];
}

interface RowBlock {
  before: number;
  after: number;
  cells: CellBlock[];
}

interface TableBlock {
  kind: "table";
  rows: RowBlock[];
}

type Block = ParagraphBlock | TableBlock;

interface Context {
  numbering: Numbering;
  styles: Styles;
}

/** Elements whose content is not visible text of the body. */
const HIDDEN = new Set([
  "#text",
  "pPr",
  "rPr",
  "tblPr",
  "tblGrid",
  "trPr",
  "tcPr",
  "sectPr",
  "sdtPr",
  "sdtEndPr",
  "del",
  "moveFrom",
  "delText",
  "instrText",
  "delInstrText",
]);

function readBlocks(nodes: XmlNode[], ctx: Context, blocks: Block[] = []): Block[] {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "p") readParagraph(node, ctx, blocks);
    else if (tag === "tbl") blocks.push(readTable(node, ctx));
    else if (tag === "AlternateContent") readBlocks(alternateContent(node), ctx, blocks);
    else if (!HIDDEN.has(tag)) readBlocks(childrenOf(node), ctx, blocks); // sdt, customXml, ins…
  }
  return blocks;
}

interface InlineSink {
  text: string[];
  /** Paragraphs of text boxes anchored in the paragraph, written after it. */
  boxes: Block[];
}

function readInline(nodes: XmlNode[], ctx: Context, sink: InlineSink): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "t") sink.text.push(textOf(node));
    else if (tag === "tab" || tag === "ptab") sink.text.push(TAB);
    else if (tag === "br" || tag === "cr") sink.text.push(LINE_BREAK);
    else if (tag === "noBreakHyphen") sink.text.push("-");
    else if (tag === "txbxContent") readBlocks(childrenOf(node), ctx, sink.boxes);
    else if (tag === "AlternateContent") readInline(alternateContent(node), ctx, sink);
    else if (!HIDDEN.has(tag)) readInline(childrenOf(node), ctx, sink); // r, hyperlink, ins, sdt, fields…
  }
}

/** Line breaks and tabs inside a paragraph's own characters would break the one-line-per-paragraph rule. */
const clean = (text: string) => text.replace(/[\t\n\r\f\v\u0085\u2028\u2029]/g, " ").trim();

/**
 * A manual line break (Shift+Enter) starts a new line of the canonical text: signature blocks and
 * header blocks are written as one paragraph broken into lines ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", the
 * name). Inside a table cell the lines are joined again with spaces.
 */
const LINE_BREAK = "\u2028";
/**
 * A tab in a paragraph stays a tab: plans typed in Word line up "Số: 12/KH-UBND⇥Nam Sơn, ngày …" and
 * whole task lists with tabs, and the text-table reader reads those as cells.
 */
const TAB = "\u2063";

function readParagraph(p: XmlNode, ctx: Context, blocks: Block[]): void {
  const label = paragraphLabel(p, ctx);
  const sink: InlineSink = { text: [], boxes: [] };
  readInline(childrenOf(p), ctx, sink);
  const [first = "", ...more] = sink.text
    .join("")
    .split(LINE_BREAK)
    .map((line) =>
      clean(line)
        .replace(/ *\u2063 */gu, "\t")
        .replace(/^\t+|\t+$/gu, ""),
    );
  // A bare bullet carries no word; a bare number (an auto-numbered STT cell) does.
  const line = label && (first || label !== "-") ? `${label} ${first}`.trim() : first;
  blocks.push({ kind: "paragraph", text: line });
  for (const text of more) if (text !== "") blocks.push({ kind: "paragraph", text });
  for (const box of sink.boxes) blocks.push(box);
}

function paragraphLabel(p: XmlNode, ctx: Context): string {
  const pPr = child(p, "pPr");
  const numPr = child(pPr, "numPr");
  const chain = styleChain(ctx.styles, valOf(pPr, "pStyle") ?? ctx.styles.defaultParagraph);
  const directNumId = valOf(numPr, "numId");
  const numId = directNumId ?? chain.find(([, s]) => s.numId !== undefined)?.[1].numId;
  if (numId === undefined || numId === "0") return "";
  let ilvl = intOf(numPr, "ilvl");
  // A level bound to the paragraph's style wins over the style's own ilvl (ECMA-376 §17.9.23).
  if (ilvl === undefined && directNumId === undefined) {
    ilvl = ctx.numbering.levelForStyle(
      numId,
      chain.map(([id]) => id),
    );
  }
  ilvl ??= chain.find(([, s]) => s.ilvl !== undefined)?.[1].ilvl ?? 0;
  return ctx.numbering.next(numId, ilvl);
}

/** Rows and cells may sit inside content controls or custom XML; deleted rows are skipped. */
function collect(nodes: XmlNode[], name: string, found: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === name) found.push(node);
    else if (!HIDDEN.has(tag)) collect(childrenOf(node), name, found);
  }
  return found;
}

function readTable(tbl: XmlNode, ctx: Context): TableBlock {
  const rows: RowBlock[] = [];
  for (const tr of collect(childrenOf(tbl), "tr")) {
    const trPr = child(tr, "trPr");
    if (child(trPr, "del")) continue;
    const cells = collect(childrenOf(tr), "tc").map((tc) => readCell(tc, ctx));
    rows.push({ before: intOf(trPr, "gridBefore") ?? 0, after: intOf(trPr, "gridAfter") ?? 0, cells });
  }
  return { kind: "table", rows };
}

function readCell(tc: XmlNode, ctx: Context): CellBlock {
  const tcPr = child(tc, "tcPr");
  const vMerge = child(tcPr, "vMerge");
  return {
    span: Math.max(1, intOf(tcPr, "gridSpan") ?? 1),
    vMerge: vMerge ? (attr(vMerge, "val") === "restart" ? "restart" : "continue") : undefined,
    blocks: readBlocks(childrenOf(tc), ctx),
  };
}

// ---------------------------------------------------------------------------------------------------
// Tables on the grid: spans resolved, vertical merges carried down.

interface GridRow {
  /** Text per grid column, a vertical merge's text repeated in the rows it covers. */
  cells: string[];
  /** Text per grid column as the row itself holds it (continuation cells of a merge are empty). */
  own: string[];
  merged: number[];
}

/** A cell's paragraphs (and nested tables, cell by cell) on one line. */
function flatten(blocks: Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.kind === "paragraph") parts.push(block.text);
    else for (const row of block.rows) for (const cell of row.cells) parts.push(flatten(cell.blocks));
  }
  return parts
    .filter((p) => p !== "")
    .join(" ")
    .replace(/\t/gu, " ");
}

function tableWidth(table: TableBlock): number {
  const widths = table.rows.map((r) => r.before + r.after + r.cells.reduce((sum, c) => sum + c.span, 0));
  return Math.max(0, ...widths);
}

function resolveGrid(table: TableBlock): GridRow[] {
  const width = tableWidth(table);
  let above: Array<string | undefined> = [];
  return table.rows.map((row) => {
    const cells: string[] = Array(width).fill("");
    const own: string[] = Array(width).fill("");
    const merged: number[] = [];
    const anchors: Array<string | undefined> = [];
    let col = row.before;
    for (const cell of row.cells) {
      const text = flatten(cell.blocks);
      const carried = cell.vMerge === "continue" ? above[col] : undefined;
      own[col] = text;
      cells[col] = carried ?? text;
      if (carried !== undefined) merged.push(col);
      anchors[col] = carried ?? (cell.vMerge === "restart" ? text : undefined);
      col += cell.span;
    }
    above = anchors;
    return { cells, own, merged };
  });
}

const filled = (cells: string[]) => cells.filter((c) => c !== "").length;

// ---------------------------------------------------------------------------------------------------
// Blocks → lines and tables.

class Output {
  readonly lines: string[] = [];
  readonly tables: DocTable[] = [];

  /** Append a line and return its 1-based number. */
  push(line: string): number {
    this.lines.push(line);
    return this.lines.length;
  }
}

function emitBlocks(blocks: Block[], out: Output): void {
  for (const block of blocks) {
    if (block.kind === "paragraph") {
      if (block.text !== "") out.push(block.text);
    } else emitTable(block, out);
  }
}

function emitTable(table: TableBlock, out: Output): void {
  const grid = resolveGrid(table);
  if (!grid.some((row) => filled(row.own) >= 3)) {
    // Layout table: its cells' paragraphs, row by row, left cell first.
    for (const row of table.rows) for (const cell of row.cells) emitBlocks(cell.blocks, out);
    return;
  }
  const rows: DocTableRow[] = [];
  for (const row of grid) {
    if (filled(row.cells) === 0) continue;
    const line = out.push(row.own.join("\t"));
    rows.push({
      from: line,
      to: line,
      cells: row.cells,
      ...(row.merged.length ? { merged: row.merged } : {}),
    });
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last) out.tables.push({ from: first.from, to: last.to, rows });
}

// ---------------------------------------------------------------------------------------------------

function bodyOf(document: XmlNode[]): XmlNode[] {
  const root = document.find((n) => tagOf(n) === "document");
  if (!root) throw new ReadError("damaged", "word/document.xml is not a Word document");
  return childrenOf(child(root, "body") ?? {});
}

export const readDocx: Reader = async (bytes) => {
  const parts = readParts(bytes);
  const styles = readStyles(parts.styles);
  const ctx: Context = { styles, numbering: new Numbering(parts.numbering, styles) };
  const out = new Output();
  emitBlocks(readBlocks(bodyOf(parts.document), ctx), out);
  if (out.lines.length === 0) throw new ReadError("empty");
  const doc: SourceDocument = {
    format: "docx",
    text: out.lines.join("\n"),
    pages: null,
    pageCount: null,
    tables: out.tables,
    ocr: false,
  };
  return doc;
};
