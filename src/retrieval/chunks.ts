/**
 * Chunks follow the plan's structure: one leaf section or bullet group per chunk (split only past
 * ~1,000 characters, at paragraph boundaries), one chunk per table row with its column names, each
 * prefixed with the plan and heading path so it makes sense alone, each with the line span a citation shows.
 */
import { z } from "zod";
import type { Plan, Section } from "../plans/schema.ts";
import { LineSpan } from "../plans/schema.ts";

export const Chunk = z.object({
  id: z.string(),
  plan: z.string(),
  section: z.string(),
  /** Headings from the top of the plan down to the chunk's section. */
  headingPath: z.array(z.string()),
  lines: LineSpan,
  /** The chunk's own text (normalised, wrapped lines joined). */
  text: z.string(),
  kind: z.enum(["section", "table-row"]),
});
export type Chunk = z.infer<typeof Chunk>;

export const CHUNKER_VERSION = 1;
const MAX_CHARS = 1000;

function headingChain(byPath: ReadonlyMap<string, Section>, section: Section): string[] {
  const chain: string[] = [];
  for (let s: Section | undefined = section; s; s = s.parent ? byPath.get(s.parent) : undefined) {
    const label =
      s.kind === "preamble" || s.kind === "closing"
        ? s.heading
        : s.label
          ? `${s.label}. ${s.heading}`
          : s.heading;
    chain.unshift(s.kind === "part" ? `Phần ${s.label}: ${s.heading}` : label);
  }
  return chain;
}

/** Text a retriever indexes: plan, heading path, then the chunk itself. */
export function chunkContent(plan: Pick<Plan, "title" | "shortName">, chunk: Chunk): string {
  return `${plan.shortName}. ${chunk.headingPath.join(" › ")}\n${chunk.text}`;
}

function tableHeader(section: Section, rowIndex: number): string[] | null {
  // The nearest table row above that is not numbered is the header ("STT | TÊN NHIỆM VỤ | …").
  for (let i = rowIndex - 1; i >= 0; i--) {
    const cells = section.paragraphs[i]?.cells;
    if (!cells) return null;
    if (!/^\d+\.?$/u.test((cells[0] ?? "").trim()) && !/^[IVX]+$/u.test((cells[0] ?? "").trim()))
      return cells;
  }
  return null;
}

export function chunkPlan(plan: Plan): Chunk[] {
  const chunks: Chunk[] = [];
  const byPath = new Map(plan.sections.map((s) => [s.path, s]));
  const push = (section: Section, text: string, from: number, to: number, kind: Chunk["kind"]) => {
    chunks.push({
      id: `${plan.id}#${chunks.length}`,
      plan: plan.id,
      section: section.path,
      headingPath: headingChain(byPath, section),
      lines: [from, to],
      text,
      kind,
    });
  };
  const hasChildren = new Set(plan.sections.map((s) => s.parent).filter(Boolean));

  for (const section of plan.sections) {
    let buffer: Array<{ text: string; from: number; to: number }> = [];
    let first = true;
    const flush = () => {
      const last = buffer[buffer.length - 1];
      if (!last) return;
      // The first chunk of a section starts at its heading, so the citation shows the heading too.
      const from =
        first && section.headingLines ? section.headingLines[0] : (buffer[0] as { from: number }).from;
      push(section, buffer.map((b) => b.text).join("\n"), from, last.to, "section");
      first = false;
      buffer = [];
    };
    let size = 0;
    section.paragraphs.forEach((p, i) => {
      if (p.cells) {
        flush();
        size = 0;
        const header = tableHeader(section, i);
        if (!header || !/^\d+\.?$/u.test((p.cells[0] ?? "").trim())) return; // header and group rows are context
        const labelled = p.cells
          .map((c) => c.replace(/\.+$/u, ""))
          .map((c, j) => (c && header[j] ? `${header[j]}: ${c}` : c))
          .filter(Boolean)
          .join(". ");
        push(section, labelled, p.lines[0], p.lines[1], "table-row");
        return;
      }
      if (buffer.length > 0 && size + p.text.length > MAX_CHARS) {
        flush();
        size = 0;
      }
      buffer.push({ text: p.text, from: p.lines[0], to: p.lines[1] });
      size += p.text.length;
    });
    // A leaf section that is only a heading ("d. Triển khai nâng cấp hạ tầng mạng LAN …") still says something.
    if (section.paragraphs.length === 0 && !hasChildren.has(section.path) && section.headingLines) {
      buffer.push({ text: section.heading, from: section.headingLines[0], to: section.headingLines[1] });
    }
    flush();
  }
  return chunks;
}

/** Every plan's chunks, and beside each the text an embedder and a retriever see. */
export function chunkCorpus(plans: readonly Plan[]): { chunks: Chunk[]; contents: string[] } {
  const chunks: Chunk[] = [];
  const contents: string[] = [];
  for (const plan of plans) {
    for (const chunk of chunkPlan(plan)) {
      chunks.push(chunk);
      contents.push(chunkContent(plan, chunk));
    }
  }
  return { chunks, contents };
}
