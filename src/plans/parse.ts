/**
 * Plan text → plan model. Pure: the same text always gives the same plan; nothing here reads files.
 */
import { createHash } from "node:crypto";
import type { DocTable, SourceDocument } from "../sources/model.ts";
import { fold, foldWords, normalizeVietnamese, squash } from "../text/normalize.ts";
import { ocrRepairer } from "../text/ocr-repair.ts";
import { type Paragraph, reflow, type SourceLine, splitLines } from "../text/reflow.ts";
import {
  closingSection,
  findBudget,
  findImplements,
  findIssued,
  findLegalBases,
  findNumber,
  findPeriod,
  findRecipients,
  findReplaces,
  findReporting,
  findSigner,
  findTitle,
} from "./header.ts";
import { statementIndicators, tableIndicators } from "./indicators.ts";
import { findIssuer, findPlace } from "./locality.ts";
import { buildOutline, type OutlineSection, PREAMBLE_PATH } from "./outline.ts";
import type { Plan, PlanSource, Section, Task, Unit } from "./schema.ts";
import { findSignatures } from "./signatures.ts";
import { readTables } from "./tables.ts";
import { appendixTasks, inlineTasks, responsibilityTasks, unitDuties } from "./tasks.ts";
import {
  aliasKeys,
  cleanUnitName,
  displayAliases,
  headOf,
  isCollective,
  splitUnitList,
  unitKey,
} from "./units.ts";

const TRAILER_MARK =
  /bookmark\d+|\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?|đã ký lên văn bản|Ký bởi\s*:|Signature Not Verified|Người ký\s*:|Thời gian ký\s*:|Signed by\b/iu;

/**
 * The first line of a digital-signature trailer (e-office stamps appended after the signature), or
 * null. Everything from there to the end of the file is not plan content.
 */
export function trailerStart(lines: readonly SourceLine[]): number | null {
  const first = lines.findIndex((l, i) => i > lines.length * 0.5 && TRAILER_MARK.test(l.raw));
  if (first < 0) return null;
  let start = first;
  while (start > 0) {
    const prev = lines[start - 1] as SourceLine;
    if (prev.text === "" || prev.raw.startsWith("\t") || /@|https?:\/\//u.test(prev.raw)) start--;
    else break;
  }
  return (lines[start] as SourceLine).no;
}

function sectionAt(sections: readonly OutlineSection[]): (line: number) => string {
  // The innermost section whose span holds the line.
  return (line: number) => {
    let best: OutlineSection | undefined;
    for (const s of sections) {
      if (s.from <= line && line <= s.to && (!best || s.level >= best.level)) best = s;
    }
    return best?.path ?? PREAMBLE_PATH;
  };
}

function buildUnits(
  sections: readonly OutlineSection[],
  tasks: readonly Task[],
  localityName: string,
): Unit[] {
  const byKey = new Map<string, { names: string[]; section: string | null; heading?: string }>();
  const add = (raw: string, section: string | null) => {
    const name = cleanUnitName(raw);
    if (!name) return;
    const key = unitKey(name, localityName);
    if (!key) return;
    const entry = byKey.get(key) ?? { names: [], section: null };
    if (!entry.names.includes(name)) entry.names.push(name);
    if (section && !entry.section) {
      entry.section = section;
      entry.heading = name;
    }
    byKey.set(key, entry);
  };
  for (const { unit, section } of unitDuties(sections)) for (const u of splitUnitList(unit)) add(u, section);
  for (const t of tasks) for (const u of [...t.lead, ...t.coordinators]) add(u, null);

  mergeShortForms(byKey);
  const heads = new Map<string, number>();
  for (const key of byKey.keys()) {
    const head = headOf(key);
    if (head) heads.set(head, (heads.get(head) ?? 0) + 1);
  }
  const units: Unit[] = [];
  for (const [key, entry] of byKey) {
    // The organisation heading's spelling when there is one, else the most complete spelling.
    const name = unitName(entry);
    const head = headOf(key);
    const keys = aliasKeys(key, head ? heads.get(head) === 1 : false, isCollective(name));
    // A compound heading ("Tổ công tác …; Các Tổ dân phố trên địa bàn") answers to each of its parts.
    for (const n of entry.names) {
      const parts = n.split(/\s*;\s*|\s+và\s+(?=các\s|Các\s)/u);
      if (parts.length < 2) continue;
      for (const part of parts) {
        const k = unitKey(part, localityName);
        if (k.split(" ").length >= 2) keys.push(k, k.replace(/^cac\s+/u, ""));
      }
    }
    units.push({
      id: key,
      name,
      aliases: [...new Set([...displayAliases(name, entry.names), ...keys])],
      collective: isCollective(name),
      section: entry.section,
    });
  }
  return units;
}

/**
 * The most complete spelling ("Phòng Văn hóa - Xã hội xã"), unless it says more than the heading that
 * names the unit in "Tổ chức thực hiện" ("Tổ công nghệ số cộng đồng" is not "… các khu dân cư").
 */
function unitName(entry: { names: string[]; heading?: string }): string {
  const longest = [...entry.names].sort((a, b) => b.length - a.length)[0] as string;
  if (!entry.heading || longest === entry.heading) return longest;
  const bare = foldWords(longest).replace(/\s+(?:xa|phuong|thi xa|thi tran|huyen|quan|dac khu)$/u, "");
  return bare === foldWords(entry.heading) ? longest : entry.heading;
}

function isSubsequence(short: string[], long: string[]): boolean {
  let i = 0;
  for (const w of long) if (w === short[i]) i++;
  return i === short.length;
}

/**
 * "Trung tâm Hành chính công" and "Trung tâm Phục vụ hành chính công phường" in one plan are one
 * office: a name of three words or more whose words all appear, in order, in exactly one longer name
 * with the same head is merged into it.
 */
function mergeShortForms(
  byKey: Map<string, { names: string[]; section: string | null; heading?: string }>,
): void {
  const keys = [...byKey.keys()].filter((k) => !/^cac\b/u.test(k));
  for (const short of keys) {
    const words = short.split(" ");
    if (words.length < 3) continue;
    const head = headOf(short);
    const longer = keys.filter(
      (k) =>
        k !== short &&
        byKey.has(k) &&
        headOf(k) === head &&
        k.length > short.length &&
        isSubsequence(words, k.split(" ")),
    );
    if (longer.length !== 1) continue;
    const target = byKey.get(longer[0] as string);
    const source = byKey.get(short);
    if (!target || !source) continue;
    for (const n of source.names) if (!target.names.includes(n)) target.names.push(n);
    target.section ??= source.section;
    target.heading ??= source.heading;
    byKey.delete(short);
  }
}

function toSection(s: OutlineSection): Section {
  return {
    path: s.path,
    label: s.label,
    kind: s.kind,
    heading: s.heading,
    headingLines:
      s.headingParagraphs.length > 0 ? [s.from, (s.headingParagraphs.at(-1) as Paragraph).to] : null,
    paragraphs: s.paragraphs.map((p) => ({
      text: p.text,
      lines: [p.from, p.to],
      ...(p.cells ? { cells: p.cells } : {}),
    })),
    lines: [s.from, s.to],
    parent: s.parent,
  };
}

export interface ParseInput {
  id: string;
  file: string;
  text: string;
  /** Tables the reader saw as tables; their lines are read cell by cell, not as prose. */
  tables?: readonly DocTable[];
  /** The reader's facts about the file; a plain text file when absent. */
  source?: Pick<SourceDocument, "format" | "pages" | "pageCount" | "ocr">;
  /** Hash of the file's bytes, when the caller has it; otherwise the text's. */
  sha256?: string;
}

/** The rows of the reader's tables as cell paragraphs, in place of the lines they occupy. */
function withTables(
  lines: readonly SourceLine[],
  tables: readonly DocTable[],
  trailer: number | null,
): Paragraph[] {
  const inTable = new Set<number>();
  const rows: Paragraph[] = [];
  for (const t of tables) {
    for (let no = t.from; no <= t.to; no++) inTable.add(no);
    for (const r of t.rows) {
      const cells = r.cells.map((c) => squash(normalizeVietnamese(c)));
      if (cells.every((c) => c === "")) continue;
      rows.push({
        from: r.from,
        to: r.to,
        text: cells.filter((c) => c !== "").join(" | "),
        cells,
        ...(r.kind ? { rowKind: r.kind } : {}),
      });
    }
  }
  const prose = reflow(lines, (l) => inTable.has(l.no) || (trailer !== null && l.no >= trailer));
  return [...prose, ...rows].sort((a, b) => a.from - b.from);
}

function planSource(source: ParseInput["source"]): PlanSource {
  if (!source) return { format: "txt", pageCount: null, pageStarts: null, ocr: false };
  const starts: number[] = [];
  source.pages?.forEach((page, i) => {
    if (page !== null && starts[page - 1] === undefined) starts[page - 1] = i + 1;
  });
  return {
    format: source.format,
    pageCount: source.pageCount,
    pageStarts: source.pages ? Array.from(starts, (s, i) => s ?? starts[i - 1] ?? 1) : null,
    ocr: source.ocr,
  };
}

export function parsePlan({ id, file, text, sha256, tables: givenTables = [], source }: ParseInput): Plan {
  const repair = source?.ocr ? ocrRepairer(text) : null;
  const read = splitLines(text);
  const lines = repair ? read.map((l) => ({ ...l, text: repair(l.text) })) : read;
  const docTables = repair
    ? givenTables.map((t) => ({ ...t, rows: t.rows.map((r) => ({ ...r, cells: r.cells.map(repair) })) }))
    : givenTables;
  const trailer = trailerStart(lines);
  const paragraphs: Paragraph[] = withTables(lines, docTables, trailer);
  const sections = buildOutline(paragraphs);
  const preamble = sections.find((s) => s.path === PREAMBLE_PATH);
  const preambleParagraphs = preamble?.paragraphs ?? [];
  const { title, paragraph: titleParagraph } = findTitle(preambleParagraphs);

  const titleAt = titleParagraph ? preambleParagraphs.findIndex((p) => p.from === titleParagraph.from) : -1;
  const header = preambleParagraphs.slice(0, titleAt >= 0 ? titleAt : 8).map((p) => p.text);
  const place = findPlace(
    header,
    title,
    paragraphs.map((p) => p.text),
  );
  const locality = place.locality ?? { kind: "xã" as const, name: "" };
  const named = place.index !== null ? paragraphs[place.index] : undefined;
  const province = {
    name: place.province,
    district: place.district,
    lines: named ? ([named.from, named.to] as [number, number]) : null,
  };
  const issued = findIssued(preambleParagraphs);
  const number = findNumber(preambleParagraphs);
  const fallbackYear = Number(
    /\b(20\d{2})\b/u.exec(title)?.[1] ?? issued?.date?.slice(0, 4) ?? new Date().getUTCFullYear(),
  );
  const period = findPeriod(title, fallbackYear);
  const implementsRefs = findImplements(preambleParagraphs, titleParagraph);
  const closing = closingSection(sections);
  const at = sectionAt(sections);
  const tables = readTables(paragraphs);

  const tasks: Task[] = [
    ...appendixTasks(id, tables, at, period),
    ...inlineTasks(id, sections, period),
    ...responsibilityTasks(id, sections, period),
  ];
  const indicators = [
    ...tableIndicators(id, tables, at, period),
    ...statementIndicators(id, sections, period),
  ];

  return {
    id,
    file,
    sha256: sha256 ?? createHash("sha256").update(text).digest("hex"),
    title,
    shortName: `${locality.name || file} ${shortPeriod(period.label)}`,
    source: planSource(source),
    titleLines: titleParagraph
      ? [Math.min(titleParagraph.from, bannerLine(preambleParagraphs, titleParagraph)), titleParagraph.to]
      : [1, 1],
    locality,
    province,
    issuer: issuerOf(preambleParagraphs.slice(0, titleAt >= 0 ? titleAt : 8), place.locality, closing),
    period,
    number: number.number,
    numberLines: number.lines,
    issued,
    implements: implementsRefs,
    replaces: findReplaces(sections),
    legalBases: findLegalBases(sections, implementsRefs),
    signer: findSigner(closing),
    signatures: findSignatures(lines),
    budget: findBudget(sections),
    reporting: findReporting(sections),
    recipients: findRecipients(closing),
    sections: sections.map(toSection),
    tasks,
    indicators,
    units: buildUnits(sections, tasks, locality.name),
    lineCount: lines.length,
  };
}

/**
 * The issuing body from the header, or else from the signature block ("TM. ỦY BAN NHÂN DÂN"), which
 * a text pasted without its header still carries.
 */
function issuerOf(
  header: readonly Paragraph[],
  locality: { kind: string; name: string } | null,
  closing: ReturnType<typeof closingSection>,
): Plan["issuer"] {
  const fromHeader = findIssuer(header, locality);
  if (fromHeader) return fromHeader;
  const signer = findSigner(closing);
  if (!signer?.onBehalfOf || !locality?.name || !/ủy ban nhân dân|uỷ ban nhân dân/iu.test(signer.onBehalfOf))
    return null;
  return { name: `Ủy ban nhân dân ${locality.kind} ${locality.name}`, lines: signer.lines };
}

/** The "KẾ HOẠCH" banner line just above the title subject, when there is one. */
function bannerLine(preamble: readonly Paragraph[], subject: Paragraph): number {
  const i = preamble.findIndex((p) => p.from === subject.from);
  const before = i > 0 ? preamble[i - 1] : undefined;
  return before && fold(before.text) === "ke hoach" ? before.from : subject.from;
}

function shortPeriod(label: string): string {
  const f = fold(label);
  const year = /(\d{4})(?:\s*-\s*(\d{4}))?/u.exec(label);
  if (!year) return label;
  if (/6 thang dau|sau thang dau/u.test(f)) return `6 tháng đầu ${year[1]}`;
  if (/6 thang cuoi|sau thang cuoi/u.test(f)) return `6 tháng cuối ${year[1]}`;
  const quarter = /quy\s+([iv]+|\d)/u.exec(f);
  if (quarter?.[1]) return `quý ${quarter[1].toUpperCase()}/${year[1]}`;
  return year[2] ? `${year[1]}-${year[2]}` : (year[1] as string);
}
