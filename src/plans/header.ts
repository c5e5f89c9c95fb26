/**
 * Plan facts outside the body: title, locality, province/district, period, number and issue date,
 * the plan(s) it implements, what it replaces, legal bases, budget, periodic reporting, recipients
 * and the signer.
 */

import { BASIS_OPENER, IMPLEMENTS_OPENERS } from "../lexicon/vi/documents.ts";
import { isoDate, isValidDate, parseTimeSpan } from "../text/dates.ts";
import { fold, isAllCaps, squash } from "../text/normalize.ts";
import type { Paragraph } from "../text/reflow.ts";
import { CLOSING_PATH, type OutlineSection, PREAMBLE_PATH, subtree } from "./outline.ts";
import { findReferences, type Reference, unnumberedReference } from "./references.ts";
import type { Budget, DocumentRef, Period, Reporting, Signer } from "./schema.ts";

const CAP_WORD = String.raw`[\p{Lu}][\p{L}\p{M}]*`;
const _NAME = String.raw`${CAP_WORD}(?:\s+${CAP_WORD}){0,3}`;

function toRef(ref: Reference, p: Paragraph): DocumentRef {
  const { index: _index, ...rest } = ref;
  return { ...rest, lines: [p.from, p.to] };
}

/** A paragraph that can continue a title wrapped over several lines ("… xã Nam Sơn" / "giai đoạn 2026-2030"). */
function continuesTitle(p: Paragraph): boolean {
  return (
    p.text.length < 150 &&
    !p.cells &&
    !IMPLEMENTS_OPENERS.test(p.text) &&
    !BASIS_OPENER.test(p.text) &&
    !/^[(\-_=*.…]/u.test(p.text) &&
    !/[.:;]$/u.test(p.text) &&
    !/^(?:[IVX]+|\d+)\s*\./u.test(p.text)
  );
}

export function findTitle(preamble: readonly Paragraph[]): { title: string; paragraph: Paragraph | null } {
  const banner = preamble.findIndex((p) => fold(p.text) === "ke hoach");
  if (banner >= 0) {
    const parts: Paragraph[] = [];
    for (const p of preamble.slice(banner + 1, banner + 4)) {
      if (parts.length > 0 && !continuesTitle(p)) break;
      parts.push(p);
    }
    const first = parts[0];
    const last = parts.at(-1);
    if (first && last) {
      const text = squash(parts.map((p) => p.text).join(" "));
      return { title: `Kế hoạch ${text}`, paragraph: { from: first.from, to: last.to, text } };
    }
  }
  const first = preamble.find((p) => /kế hoạch/iu.test(p.text));
  return { title: first ? squash(first.text) : "", paragraph: first ?? null };
}

/** The period a plan covers, read from its title ("năm 2026", "6 tháng cuối năm 2025", "giai đoạn 2026-2030"). */
export function findPeriod(title: string, fallbackYear: number): Period {
  // The title may cite another plan with its date ("Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025"): read the
  // period from the end of the title, where "năm 2025" / "6 tháng cuối năm 2025" stands.
  const withoutRefs = title.replace(/ngày\s*\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}/gu, "");
  const tail =
    /((?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|quý\s+[IV\d]+\s*(?:\/|năm)\s*\d{4}|năm\s+\d{4})\s*$/iu.exec(
      withoutRefs.trim(),
    );
  const candidates = [tail?.[1], withoutRefs].filter((t): t is string => Boolean(t));
  for (const text of candidates) {
    const span = parseTimeSpan(text);
    if (span) {
      const label = tail?.[1] ? squash(tail[1]) : text;
      return { label, start: span.start, end: span.end };
    }
  }
  return {
    label: `năm ${fallbackYear}`,
    start: isoDate(fallbackYear, 1, 1),
    end: isoDate(fallbackYear, 12, 31),
  };
}

/** "Số: | /KH-UBND Cát Hải, ngày | tháng 9 năm 2025": the blanks left to fill in read as table cells. */
function unbroken(text: string): string {
  return text.replace(/\s+\|\s+/gu, " ");
}

export function findNumber(preamble: readonly Paragraph[]): {
  number: string | null;
  lines: [number, number] | null;
} {
  for (const p of preamble) {
    const m = /^Số\s*:\s*(\S*)/u.exec(unbroken(p.text));
    if (m) return { number: m[1] && /\d/u.test(m[1]) ? m[1] : null, lines: [p.from, p.to] };
  }
  return { number: null, lines: null };
}

export function findIssued(
  preamble: readonly Paragraph[],
): { raw: string; date: string | null; lines: [number, number] } | null {
  for (const p of preamble) {
    const m = /ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/u.exec(unbroken(p.text));
    if (!m) continue;
    const [raw, d, mo, y] = m;
    let date: string | null = null;
    if (y && mo && d && isValidDate(Number(y), Number(mo), Number(d)))
      date = isoDate(Number(y), Number(mo), Number(d));
    else if (y && mo) date = `${y}-${mo.padStart(2, "0")}`;
    else if (y) date = y;
    return { raw: squash(raw), date, lines: [p.from, p.to] };
  }
  return null;
}

/** "Thực hiện Kế hoạch số …": the higher-level plans this one implements (title and preamble). */
export function findImplements(
  preamble: readonly Paragraph[],
  titleParagraph: Paragraph | null,
): DocumentRef[] {
  const out: DocumentRef[] = [];
  const candidates = [
    ...(titleParagraph ? [titleParagraph] : []),
    ...preamble.filter((p) => p.from < (titleParagraph?.from ?? 0) || p.from > (titleParagraph?.to ?? 0)),
  ];
  for (const p of candidates) {
    if (!IMPLEMENTS_OPENERS.test(p.text)) continue;
    const refs = findReferences(p.text).sort((a, b) => a.index - b.index);
    // "Thực hiện Kế hoạch số 74/KH-UBND … và Kế hoạch số 09-KH/ĐU …": each joined by «và» or «;» is
    // implemented too; one named inside another's subject («về việc thực hiện Kế hoạch số 02…») is not.
    const joined = refs.filter((r, i) => i === 0 || /(?:\svà|;)\s*$/u.test(p.text.slice(0, r.index)));
    for (const ref of joined) if (!out.some((r) => r.number === ref.number)) out.push(toRef(ref, p));
  }
  return out;
}

/** Legal bases: "Căn cứ …" paragraphs, a "Căn cứ" section, and the plans it implements. */
export function findLegalBases(
  sections: readonly OutlineSection[],
  implemented: readonly DocumentRef[],
): DocumentRef[] {
  const out: DocumentRef[] = [...implemented];
  const push = (ref: Reference, p: Paragraph) => {
    const same = (r: DocumentRef) =>
      r.type === ref.type &&
      (ref.number ? r.number === ref.number : r.number === null && r.text === ref.text);
    if (!out.some(same)) out.push(toRef(ref, p));
  };
  const add = (p: Paragraph) => {
    // "Căn cứ Luật …; Căn cứ Nghị quyết …": each clause names one document, numbered or not.
    for (const clause of p.text.split(/\s*;\s*/u)) {
      const refs = findReferences(clause);
      const own = refs.filter((r) => r.index < 12);
      const unnumbered = own.length === 0 ? unnumberedReference(clause) : null;
      if (unnumbered) push(unnumbered, p);
      for (const ref of refs) push(ref, p);
    }
  };
  const preamble = sections.find((s) => s.path === PREAMBLE_PATH);
  for (const p of preamble?.paragraphs ?? []) if (BASIS_OPENER.test(p.text)) add(p);
  for (const s of sections) {
    if (/\bcan cu\b/u.test(fold(s.heading)) && s.kind !== "preamble") {
      for (const sub of subtree(sections, s.path)) for (const p of sub.paragraphs) add(p);
    }
  }
  return out;
}

export function findReplaces(sections: readonly OutlineSection[]): DocumentRef[] {
  const out: DocumentRef[] = [];
  for (const s of sections) {
    for (const p of s.paragraphs) {
      const at = p.text.search(/thay thế/u);
      if (at < 0) continue;
      for (const ref of findReferences(p.text.slice(at))) out.push(toRef(ref, p));
    }
  }
  return out;
}

const BUDGET_SOURCE =
  /(ngân sách (?:nhà nước|Nhà nước|trung ương|thành phố|tỉnh|xã|phường|đặc khu|địa phương|cấp [\p{L}]+)(?: \([^)]*\))?|nguồn đầu tư của [^,;.()]+|nguồn vốn (?:đầu tư phát triển|sự nghiệp|huy động)[^,;.()]*|nguồn kinh phí sự nghiệp|(?:các )?nguồn (?:vốn |kinh phí )?(?:huy động )?hợp pháp khác[^,;.()]*|xã hội hóa|nguồn lực của (?:các )?doanh nghiệp[^,;.()]*)/giu;

export function findBudget(sections: readonly OutlineSection[]): Budget | null {
  const section = sections.find((s) => /\bkinh phi\b/u.test(fold(s.heading)) && s.kind !== "preamble");
  if (!section) return null;
  const paragraphs = subtree(sections, section.path).flatMap((s) => s.paragraphs);
  if (paragraphs.length === 0) return null;
  const text = paragraphs.map((p) => p.text).join("\n");
  const sources: string[] = [];
  for (const m of text.matchAll(BUDGET_SOURCE)) {
    const src = squash(m[1] ?? "").replace(/^các\s+/iu, "");
    const normal = src.charAt(0).toUpperCase() + src.slice(1);
    if (!sources.some((s) => fold(s) === fold(normal))) sources.push(normal);
  }
  return {
    sources,
    text,
    section: section.path,
    lines: [section.from, section.to],
  };
}

/** Sentences about periodic reporting ("định kỳ tháng, quý, năm gửi báo cáo…"). */
export function findReporting(sections: readonly OutlineSection[]): Reporting[] {
  const out: Reporting[] = [];
  for (const s of sections) {
    for (const p of s.paragraphs) {
      const f = fold(p.text);
      if (!/\bbao cao\b/u.test(f)) continue;
      if (
        /\b(dinh ky|hang thang|hang quy|hang nam|hang tuan|thang, quy|6 thang|sau thang)\b/u.test(f) ||
        s.kind === "closing"
      ) {
        if (/^noi nhan|^- /u.test(f)) continue;
        out.push({ text: p.text, section: s.path, lines: [p.from, p.to] });
      }
    }
  }
  return out;
}

/**
 * The closing part as a flat list: where "Nơi nhận" and the signature block stand side by side
 * (a two-column layout extracted as tab-separated lines), the left column comes first and the
 * right column follows it.
 */
export function closingItems(closing: OutlineSection | undefined): Paragraph[] {
  if (!closing) return [];
  const out: Paragraph[] = [];
  let deferred: Paragraph[] = [];
  for (const p of closing.paragraphs) {
    if (!p.cells) {
      out.push(...deferred, p);
      deferred = [];
      continue;
    }
    const cells = p.cells.filter((c) => c !== "");
    if (cells[0]) out.push({ from: p.from, to: p.to, text: cells[0] });
    for (const c of cells.slice(1)) deferred.push({ from: p.from, to: p.to, text: c });
  }
  return [...out, ...deferred];
}

export function findRecipients(closing: OutlineSection | undefined): string[] {
  const out: string[] = [];
  let inList = false;
  for (const p of closingItems(closing)) {
    if (/^Nơi nhận/u.test(p.text)) {
      inList = true;
      const rest = p.text.replace(/^Nơi nhận\s*:?\s*/u, "");
      if (rest) out.push(...rest.split(/\s*;\s*-?\s*/u).filter(Boolean));
      continue;
    }
    if (!inList) continue;
    if (!/^[-–+•]/u.test(p.text)) {
      if (isAllCaps(p.text)) continue; // the signature column interleaved with the list
      break;
    }
    const item = p.text
      .replace(/^[-–+•]\s*/u, "")
      .replace(/[;.,]\s*$/u, "")
      .trim();
    if (item) out.push(item);
  }
  return out;
}

function officeCase(text: string): string {
  const m = /^(KT|TM|TL|TUQ|Q)\s*\.\s*(.*)$/u.exec(text.trim());
  const prefix = m ? `${m[1]}. ` : "";
  const rest = (m ? (m[2] ?? "") : text).trim().toLowerCase();
  const cased = rest.charAt(0).toUpperCase() + rest.slice(1);
  return (
    prefix +
    cased
      .replace(/(phó|Phó) chủ tịch/u, "$1 Chủ tịch")
      .replace(/(phó|Phó) trưởng ban/u, "$1 Trưởng ban")
      .replace(/(phó|Phó) bí thư/u, "$1 Bí thư")
      .replace(/ủy ban/u, "Ủy ban")
      .replace(/[Bb]an chỉ đạo/u, "Ban Chỉ đạo")
  );
}

const PERSON = new RegExp(String.raw`^${CAP_WORD}(?:\s+${CAP_WORD}){1,4}$`, "u");

/** The signature block: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Vũ Hữu Vững". */
export function findSigner(closing: OutlineSection | undefined): Signer | null {
  const ps = closingItems(closing);
  const titleIndex = ps.findIndex((p) =>
    /^(?:(?:KT|TM|TL|TUQ|Q)\s*\.\s*)?(?:PHÓ\s+)?(?:CHỦ TỊCH|TRƯỞNG BAN|BÍ THƯ)(?![\p{L}\p{N}])/u.test(p.text),
  );
  if (titleIndex < 0) return null;
  let start = titleIndex;
  while (start > 0 && /^(?:TM|KT|TL|TUQ|Q)\s*\./u.test((ps[start - 1] as Paragraph).text)) start--;
  const parts: string[] = [];
  let i = start;
  for (; i < ps.length; i++) {
    const text = (ps[i] as Paragraph).text;
    if (!isAllCaps(text)) break;
    parts.push(text);
  }
  for (; i < ps.length; i++) {
    const p = ps[i] as Paragraph;
    const name = p.text.replace(/\s*\(.*\)\s*$/u, "").trim();
    if (PERSON.test(name) && !isAllCaps(name)) {
      const onBehalf = parts.find((t) => /^TM\s*\./u.test(t));
      const title = parts.filter((t) => t !== onBehalf).map(officeCase);
      return {
        name,
        title: title.join(" – "),
        onBehalfOf: onBehalf ? officeCase(onBehalf) : null,
        lines: [(ps[start] as Paragraph).from, p.to],
      };
    }
  }
  return null;
}

export function closingSection(sections: readonly OutlineSection[]): OutlineSection | undefined {
  return sections.find((s) => s.path === CLOSING_PATH);
}
