/**
 * The heading tree of a plan: parts, roman sections, arabic and dotted items, letters, appendices;
 * a preamble before the first heading and a closing part (requests, recipients, signature) after the
 * last. Every section has a stable path ("II.3.d", "Phần II/I.2.1", "Phụ lục") and its line span.
 */
import { ROMAN_NUMERALS } from "../lexicon/vi/time.ts";
import { type HeadingKind, matchHeading } from "../text/markers.ts";
import { foldWords, isAllCaps } from "../text/normalize.ts";
import type { Paragraph } from "../text/reflow.ts";

export type SectionKind = HeadingKind | "preamble" | "closing";

export interface OutlineSection {
  path: string;
  label: string;
  kind: SectionKind;
  heading: string;
  parent: string | null;
  level: number;
  /** Paragraphs that make the heading (one, or more for "Phần I" + its caption, appendix captions). */
  headingParagraphs: Paragraph[];
  /** Paragraphs directly under the heading. */
  paragraphs: Paragraph[];
  from: number;
  to: number;
}

export const PREAMBLE_PATH = "Mở đầu";
export const CLOSING_PATH = "Phần kết";

const LEVEL: Record<HeadingKind, number> = {
  part: 0,
  appendix: 0,
  roman: 1,
  named: 1,
  arabic: 2,
  multi: 3,
  letter: 6,
};

const CLOSING = [
  /^Trên đây là(?![\p{L}\p{N}])/u,
  /^Nơi nhận(?![\p{L}\p{N}])/u,
  /^(?:Ủy ban nhân dân|UBND|Chủ tịch)(?![\p{L}\p{N}]).{0,80}(?<![\p{L}\p{N}])yêu cầu(?![\p{L}\p{N}])/u,
  /^Yêu cầu (?:các|Thủ trưởng|thủ trưởng|cơ quan)(?![\p{L}\p{N}])/u,
  /^\(?\s*Kế hoạch này thay thế(?![\p{L}\p{N}])/u,
];

function levelOf(kind: HeadingKind, label: string): number {
  if (kind === "multi") return LEVEL.multi + label.split(".").length - 2;
  return LEVEL[kind];
}

export function isClosingParagraph(text: string): boolean {
  return CLOSING.some((re) => re.test(text));
}

export function buildOutline(paragraphs: readonly Paragraph[]): OutlineSection[] {
  const sections: OutlineSection[] = [];
  const used = new Set<string>();
  const unique = (path: string) => {
    let p = path;
    for (let n = 2; used.has(p); n++) p = `${path}~${n}`;
    used.add(p);
    return p;
  };
  const open = (s: Omit<OutlineSection, "path"> & { path: string }): OutlineSection => {
    const section = { ...s, path: unique(s.path) };
    sections.push(section);
    return section;
  };

  const preamble = open({
    path: PREAMBLE_PATH,
    label: "",
    kind: "preamble",
    heading: "Phần mở đầu",
    parent: null,
    level: -1,
    headingParagraphs: [],
    paragraphs: [],
    from: paragraphs[0]?.from ?? 1,
    to: paragraphs[0]?.from ?? 1,
  });
  let stack: OutlineSection[] = [];
  let closing: OutlineSection | null = null;
  let sawHeading = false;
  let partCount = 0;

  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i] as Paragraph;
    const heading = p.cells ? null : matchHeading(p.text);
    const current = closing ?? stack[stack.length - 1] ?? preamble;

    const startsAppendixOrPart = heading && (heading.kind === "appendix" || heading.kind === "part");
    if (!heading || (closing && !startsAppendixOrPart)) {
      // "Nơi nhận:" beside "TM. ỦY BAN NHÂN DÂN" is a two-column row: its first cell opens the closing.
      const opening = p.cells ? (p.cells.find((c) => c !== "") ?? "") : p.text;
      if (!closing && sawHeading && isClosingParagraph(opening)) {
        closing = open({
          path: CLOSING_PATH,
          label: "",
          kind: "closing",
          heading: "Phần kết (yêu cầu, nơi nhận, chữ ký)",
          parent: null,
          level: 0,
          headingParagraphs: [],
          paragraphs: [p],
          from: p.from,
          to: p.to,
        });
        stack = [];
        continue;
      }
      current.paragraphs.push(p);
      continue;
    }

    sawHeading = true;
    closing = null;
    const headingParagraphs = [p];
    let text = heading.text;
    if (heading.kind === "part" || heading.kind === "appendix") {
      // "Phần I" / "PHỤ LỤC" on a line of its own, the caption on the next (all-caps) lines.
      while (i + 1 < paragraphs.length) {
        const next = paragraphs[i + 1] as Paragraph;
        const caption =
          !next.cells &&
          !matchHeading(next.text) &&
          (isAllCaps(next.text) ||
            (heading.kind === "appendix" && /^\((?:Ban hành )?[Kk]èm theo/u.test(next.text)));
        if (!caption) break;
        headingParagraphs.push(next);
        text = text ? `${text} ${next.text}` : next.text;
        i++;
      }
    }
    // "Mục tiêu cụ thể:" under "I. MỤC ĐÍCH, MỤC TIÊU" belongs to it; standing alone, it is a part of its own.
    const named = heading.kind === "named";
    const nestsIn = named
      ? [...stack]
          .reverse()
          .find((s) => foldWords(s.heading).includes(foldWords(heading.text).split(" ")[0] ?? ""))
      : undefined;
    const level = nestsIn ? nestsIn.level + 1 : levelOf(heading.kind, heading.label);
    while (stack.length > 0 && (stack[stack.length - 1] as OutlineSection).level >= level) stack.pop();

    let path: string;
    if (heading.kind === "part") {
      // Parts are numbered by position: an extract that says "Phần I" twice still has two parts.
      path = `Phần ${ROMAN_NUMERALS[partCount] ?? partCount + 1}`;
      partCount++;
    } else if (heading.kind === "appendix") {
      path = heading.label ? `Phụ lục ${heading.label}` : "Phụ lục";
    } else if (named) {
      path = nestsIn ? `${nestsIn.path}/${heading.text}` : heading.text;
    } else {
      const anchor =
        heading.kind === "letter"
          ? stack[stack.length - 1]
          : [...stack].reverse().find((s) => s.level <= (heading.kind === "roman" ? 0 : 1));
      const label = heading.label;
      if (!anchor) path = label;
      else if (anchor.kind === "part" || anchor.kind === "appendix") path = `${anchor.path}/${label}`;
      else if (heading.kind === "multi" && anchor.kind === "arabic" && label.startsWith(`${anchor.label}.`)) {
        path = `${anchor.path.slice(0, anchor.path.length - anchor.label.length)}${label}`;
      } else path = `${anchor.path}.${label}`;
    }
    const last = headingParagraphs[headingParagraphs.length - 1] as Paragraph;
    const section = open({
      path,
      label: heading.label,
      kind: heading.kind,
      heading: text.replace(/[:.]\s*$/u, "").trim(),
      parent: stack[stack.length - 1]?.path ?? null,
      level,
      headingParagraphs,
      paragraphs: [],
      from: p.from,
      to: last.to,
    });
    stack.push(section);
    // "Kinh phí thực hiện: từ nguồn …": what follows the label is the part's first paragraph.
    if (named && heading.rest) section.paragraphs.push({ from: p.from, to: p.to, text: heading.rest });
  }

  // Line spans: a section reaches to its last paragraph or its last descendant's.
  const byPath = new Map(sections.map((s) => [s.path, s]));
  for (const s of sections) {
    const lastPara = s.paragraphs[s.paragraphs.length - 1];
    if (lastPara) s.to = Math.max(s.to, lastPara.to);
    const firstPara = s.paragraphs[0];
    if (s.headingParagraphs.length === 0 && firstPara) s.from = firstPara.from;
  }
  for (const s of [...sections].reverse()) {
    const parent = s.parent ? byPath.get(s.parent) : undefined;
    if (parent) parent.to = Math.max(parent.to, s.to);
  }
  return sections;
}

/** The section and all its descendants, in document order. */
export function subtree(sections: readonly OutlineSection[], path: string): OutlineSection[] {
  const inTree = new Set<string>([path]);
  const out: OutlineSection[] = [];
  for (const s of sections) {
    if (s.path === path || (s.parent && inTree.has(s.parent))) {
      inTree.add(s.path);
      out.push(s);
    }
  }
  return out;
}
