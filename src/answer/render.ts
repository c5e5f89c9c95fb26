/**
 * Rendering evidence as the extractive Vietnamese answer: one line per item, citations numbered once in
 * order of first use, and the typed tasks and indicators the answer shows.
 */
import type { IndicatorView, TaskView } from "../plans/schema.ts";
import { indicatorView, taskView } from "../plans/views.ts";
import type { SourceSpans } from "../text/quote.ts";
import { type Citation, Citations } from "./citations.ts";
import type { Evidence, Item, Source } from "./evidence.ts";
import { clip, deadlineText, indicatorLine, taskLine, unitsText, whoText } from "./format.ts";

export interface Rendered {
  answer: string;
  citations: Citation[];
  tasks: TaskView[];
  indicators: IndicatorView[];
  /** The citation markers of each evidence item ("[1]", "[2][3]", ""), in item order. */
  markers: string[];
}

/** The source an item stands on, if any (a unit's own duty is cited by its section's heading line). */
export function sourcesOf(item: Item): readonly Source[] {
  switch (item.kind) {
    case "line":
      return item.sources ?? [];
    case "task":
      if (item.style === "own") return [];
      return [
        {
          plan: item.plan,
          section: item.task.section,
          lines: item.task.lines,
          focus: item.focus ?? [],
          max: item.style === "full" ? 700 : item.style === "due" || item.style === "period" ? 320 : 300,
        },
      ];
    case "indicator":
      return [
        {
          plan: item.plan,
          section: item.indicator.section,
          lines: item.indicator.lines,
          focus: item.focus ?? [],
        },
      ];
    case "passage":
      return [
        {
          plan: item.plan,
          section: item.chunk.section,
          lines: item.chunk.lines,
          focus: item.focus,
          max: 700,
        },
      ];
    case "suggestion":
      return [
        { plan: item.plan, section: item.task.section, lines: item.task.lines, focus: item.focus ?? [] },
      ];
  }
}

function text(item: Item, marker: string): string {
  const tail = marker ? ` ${marker}` : "";
  switch (item.kind) {
    case "line":
      return `${item.text}${tail}`;
    case "task": {
      const { task, plan } = item;
      const width = item.width ?? 180;
      switch (item.style) {
        case "full":
          return taskLine(task, plan, marker, item.withProduct === true);
        case "due":
          return `• ${clip(task.title, 150)} — ${whoText(task)}; hạn: ${deadlineText(task.deadline, plan)}${tail}`;
        case "period":
          return `• ${clip(task.title, 150)} — ${whoText(task)}${tail}`;
        case "own":
          return `• ${clip(task.title, width)}`;
        case "assigned": {
          const when =
            task.deadline.kind === "plan-period" ? "" : ` — thời hạn: ${deadlineText(task.deadline, plan)}`;
          return `• ${clip(task.title, width)}${when}${tail}`;
        }
        case "coordinated":
          // "Phối hợp với X …" with no lead named says who it works with by itself.
          return task.lead.length > 0
            ? `• ${clip(task.title, width)} (chủ trì: ${unitsText(task.lead)})${tail}`
            : `• ${clip(task.title, width)}${tail}`;
      }
      break;
    }
    case "indicator":
      return indicatorLine(item.indicator, marker, item.statement);
    case "passage":
      return `${item.plan.shortName} (${item.where}): ${item.sentence}${tail}`;
    case "suggestion":
      return `• ${item.plan.shortName}: ${clip(item.task.title, 140)}${tail}`;
  }
  return "";
}

export function render(e: Evidence, spans: SourceSpans): Rendered {
  const citations = new Citations(spans);
  const lines: string[] = [];
  const tasks: TaskView[] = [];
  const indicators: IndicatorView[] = [];
  const markers: string[] = [];
  let suggesting = false;
  for (const item of e.items) {
    if (item.kind === "suggestion" && !suggesting) {
      lines.push("Các nhiệm vụ gần nhất trong kế hoạch (để tham khảo, không phải câu trả lời):");
      suggesting = true;
    }
    const marker = sourcesOf(item)
      .map((s) => `[${citations.add(s.plan, s.section, s.lines, s.focus ?? [], s.max ?? 320)}]`)
      .join("");
    markers.push(marker);
    lines.push(text(item, marker));
    if (item.kind === "task") tasks.push(taskView(item.plan, item.task));
    if (item.kind === "indicator") indicators.push(indicatorView(item.plan, item.indicator));
  }
  return { answer: lines.join("\n").trim(), citations: citations.list(), tasks, indicators, markers };
}

/**
 * The evidence as typed facts for a language model: each task and indicator with its fields named, each
 * passage as its sentence, every one with the same citation numbers as the extractive answer.
 */
export function promptFacts(e: Evidence, markers: readonly string[]): string {
  return e.items
    .map((item, i) => {
      const m = markers[i] ? ` ${markers[i]}` : "";
      switch (item.kind) {
        case "task": {
          const t = item.task;
          const fields = [
            `nhiệm vụ: ${t.title}`,
            `chủ trì: ${unitsText(t.lead)}`,
            `phối hợp: ${unitsText(t.coordinators)}`,
            `thời hạn: ${deadlineText(t.deadline, item.plan)}`,
            `sản phẩm: ${t.product ?? "không nêu"}`,
          ];
          return `- (${item.plan.shortName}) ${fields.join(" | ")}${m}`;
        }
        case "indicator": {
          const x = item.indicator;
          const base = x.baseline
            ? ` | kết quả${x.baseline.year ? ` năm ${x.baseline.year}` : ""}: ${x.baseline.raw}`
            : "";
          return `- (${item.plan.shortName}) chỉ tiêu: ${x.name} | mục tiêu ${x.period.label}: ${x.target.raw}${base}${m}`;
        }
        case "passage":
          return `- (${item.plan.shortName}, ${item.where}) ${item.sentence}${m}`;
        case "suggestion":
          return `- (gợi ý, không phải câu trả lời) ${item.plan.shortName}: ${item.task.title}${m}`;
        case "line":
          return `- ${item.text}${m}`;
      }
      return "";
    })
    .join("\n");
}
