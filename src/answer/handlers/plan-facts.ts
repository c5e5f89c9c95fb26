/**
 * Facts about a plan itself: signer, number and date, period, budget sources, the plan it implements
 * or replaces, legal bases, reporting, recipients, locality, structure. Straight from the plan model.
 */
import { PLAN_FACT_NAMES, type PlanFacet } from "../../lexicon/vi/questions.ts";
import type { Plan } from "../../plans/schema.ts";
import { formatViDate } from "../../text/dates.ts";
import type { AskContext } from "../context.ts";
import { abstention, evidence, type Item, line, type Source } from "../evidence.ts";
import { clip, placeName } from "../format.ts";
import { notSaid } from "./common.ts";

function sectionOfLine(plan: Plan, at: number): string {
  let best: { path: string; size: number } | null = null;
  for (const s of plan.sections) {
    const size = s.lines[1] - s.lines[0];
    if (s.lines[0] <= at && at <= s.lines[1] && (!best || size < best.size)) best = { path: s.path, size };
  }
  return best?.path ?? "Mở đầu";
}

const AMOUNT = /\d[\d.,]*\s*(?:đồng|triệu|tỷ|nghìn)/iu;

/** The lines stating one fact of one plan; `short` when the plan gives sources but no amount asked for. */
function factItems(c: AskContext, plan: Plan, facet: PlanFacet): { items: Item[]; noAmount?: boolean } {
  const name = plan.shortName;
  const src = (section: string, lines: readonly [number, number], focus: string[] = []): Source => ({
    plan,
    section,
    lines,
    focus,
  });
  switch (facet) {
    case "signer": {
      const s = plan.signer;
      if (!s) return { items: [] };
      const on = s.onBehalfOf ? ` (${s.onBehalfOf})` : "";
      return { items: [line(`${name}: ${s.title} ${s.name} ký${on}`, src("Phần kết", s.lines, [s.name]))] };
    }
    case "budget": {
      const b = plan.budget;
      if (!b) return { items: [] };
      if (c.cue("amount") && !AMOUNT.test(b.text)) {
        const sources = b.sources.join("; ");
        return {
          noAmount: true,
          items: [
            line(
              `${name}: kế hoạch không nêu số tiền cụ thể; chỉ nêu nguồn kinh phí: ${sources || clip(b.text, 200)}`,
              src(b.section, b.lines, ["ngân sách", "kinh phí"]),
            ),
          ],
        };
      }
      // The plan's own words: the list of sources alone loses qualifiers such as "theo phân cấp".
      const first = (b.text.split("\n")[0] ?? b.text).replace(/^[-+•]\s*/u, "");
      return {
        items: [
          line(`${name}: ${clip(first, 420)}`, src(b.section, b.lines, ["ngân sách", "kinh phí", "nguồn"])),
        ],
      };
    }
    case "implements":
      return {
        items: plan.implements.map((r) =>
          line(`${name} thực hiện ${r.text}`, src("Mở đầu", r.lines, [r.number ?? ""])),
        ),
      };
    case "replaces":
      return {
        items: plan.replaces.map((r) =>
          line(`${name} thay thế ${r.text}`, src("Phần kết", r.lines, [r.number ?? ""])),
        ),
      };
    case "legal": {
      const max = c.policy.limits.legalBases;
      const refs = plan.legalBases.slice(0, max);
      if (refs.length === 0) return { items: [] };
      const items = [
        line(`${name} căn cứ / thực hiện các văn bản:`),
        ...refs.map((r) => line(`• ${r.text}`, src("Căn cứ", r.lines, [r.number ?? ""]))),
      ];
      if (plan.legalBases.length > max)
        items.push(line(`… và ${plan.legalBases.length - max} văn bản khác.`));
      return { items };
    }
    case "period":
      return {
        items: [
          line(
            `${name}: áp dụng ${plan.period.label} (từ ${formatViDate(plan.period.start)} đến ${formatViDate(plan.period.end)})`,
            src("Mở đầu", plan.titleLines, [plan.period.label]),
          ),
        ],
      };
    case "reporting":
      return {
        items: plan.reporting
          .slice(0, 3)
          .map((r) => line(`${name}: ${clip(r.text, 300)}`, src(r.section, r.lines, ["báo cáo"]))),
      };
    case "number": {
      const num = plan.number ? `số ${plan.number}` : "chưa ghi số (bản trích chỉ có «Số: …/KH-UBND»)";
      const date = plan.issued ? `, ${plan.issued.raw}` : "";
      const span = plan.numberLines ?? plan.issued?.lines ?? plan.titleLines;
      return { items: [line(`${name}: ${num}${date}`, src("Mở đầu", span, ["Số"]))] };
    }
    case "recipients": {
      const closing = plan.sections.find((s) => s.kind === "closing");
      if (plan.recipients.length === 0 || !closing) return { items: [] };
      return {
        items: [
          line(`${name} gửi: ${plan.recipients.join("; ")}`, src(closing.path, closing.lines, ["Nơi nhận"])),
        ],
      };
    }
    case "locality": {
      const where = [
        placeName(plan),
        plan.province.district ? `thị xã/huyện ${plan.province.district}` : null,
        plan.province.name,
      ]
        .filter(Boolean)
        .join(", ");
      const sources = [src("Mở đầu", plan.titleLines, [plan.locality.name])];
      if (plan.province.lines) {
        const focus = [plan.province.district ?? "", plan.province.name ?? ""].filter(Boolean);
        sources.push(src(sectionOfLine(plan, plan.province.lines[0]), plan.province.lines, focus));
      }
      return { items: [line(`${name}: ${where}`, ...sources)] };
    }
    case "structure": {
      const top = plan.sections.filter(
        (s) => s.parent === null && s.kind !== "preamble" && s.kind !== "closing",
      );
      return {
        items: [
          line(`${name} gồm các phần:`),
          ...top
            .slice(0, 10)
            .map((s) =>
              line(
                `• ${s.path}${s.label && s.kind === "part" ? ` (trong văn bản: Phần ${s.label})` : ""}: ${clip(s.heading, 120)}`,
                src(s.path, s.headingLines ?? s.lines, [s.heading]),
              ),
            ),
        ],
      };
    }
  }
}

export function planFacts(c: AskContext) {
  const items: Item[] = [];
  let noAmount = false;
  for (const facet of c.facets)
    for (const plan of c.plans) {
      const fact = factItems(c, plan, facet);
      items.push(...fact.items);
      noAmount ||= fact.noAmount === true;
    }
  const first = c.facets[0];
  if (items.length === 0)
    return abstention("plan", notSaid(c, first ? PLAN_FACT_NAMES[first] : "nội dung này"));
  // Saying where the money comes from does not answer "how much".
  return evidence("plan", items, noAmount);
}
