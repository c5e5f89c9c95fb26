/** Vietnamese phrasing of model values in answers. */
import type { Deadline, Indicator, Plan, Task } from "../plans/schema.ts";
import { formatViDate } from "../text/dates.ts";
import { capitalize } from "../text/normalize.ts";

export function deadlineText(d: Deadline, plan: Pick<Plan, "period">): string {
  switch (d.kind) {
    case "plan-period":
      return `không nêu hạn riêng, theo thời gian của kế hoạch (${plan.period.label}, đến ${formatViDate(plan.period.end)})`;
    case "recurring":
      // "hàng năm (định kỳ)"; a cell that already says "định kỳ" is not told so twice.
      return /^thường xuyên$/iu.test(d.raw)
        ? "Thường xuyên (không có hạn cố định)"
        : /định kỳ/iu.test(d.raw)
          ? d.raw
          : `${d.raw} (định kỳ)`;
    case "conditional":
      return `${d.raw} (chưa có ngày cụ thể)`;
    case "date":
      return d.end && !d.raw.includes(formatViDate(d.end).replace(/^0/u, ""))
        ? `${d.raw} (${formatViDate(d.end)})`
        : d.raw;
    default:
      return d.end ? `${d.raw} (đến ${formatViDate(d.end)})` : d.raw;
  }
}

/** Who does a task in one phrase: its lead, or, for a duty written «Phối hợp với X …», with whom. */
export function whoText(task: Task): string {
  const lead = `chủ trì: ${unitsText(task.lead)}`;
  return task.lead.length === 0 && task.coordinators.length > 0
    ? `${lead}; phối hợp: ${unitsText(task.coordinators)}`
    : lead;
}

/** Units as the answer lists them, or "không nêu" when the plan names none. */
export function unitsText(units: readonly string[]): string {
  return units.length > 0 ? units.join("; ") : "không nêu";
}

export function clip(text: string, max = 180): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20))}…`;
}

export function taskLine(task: Task, plan: Plan, marker: string, withProduct = false): string {
  const parts = [`chủ trì: ${unitsText(task.lead)}`];
  if (task.coordinators.length > 0) parts.push(`phối hợp: ${unitsText(task.coordinators)}`);
  parts.push(`thời hạn: ${deadlineText(task.deadline, plan)}`);
  if (withProduct || task.product) parts.push(`sản phẩm: ${task.product ?? "không nêu"}`);
  return `• ${clip(task.title)} — ${parts.join("; ")} ${marker}`;
}

export function indicatorLine(ind: Indicator, marker: string, statement = false): string {
  const by = ind.period.end ? ` (đến ${formatViDate(ind.period.end)})` : "";
  const target = `mục tiêu ${ind.period.label}${by}: ${ind.target.raw}`;
  const baseline = ind.baseline
    ? `; kết quả${ind.baseline.year ? ` năm ${ind.baseline.year}` : ""}: ${ind.baseline.raw}`
    : "";
  const name = statement ? `${clip(ind.name, 200)} («${clip(ind.statement, 300)}»)` : clip(ind.name, 200);
  return `• ${name} — ${target}${baseline} ${marker}`;
}

/** "Xã Tân Kỳ": at the start of a line. */
export function placeName(plan: Plan): string {
  return `${capitalize(plan.locality.kind)} ${plan.locality.name}`;
}

/** "xã Tân Kỳ", "đặc khu Cát Hải": inside a sentence. */
export function placeInText(plan: Plan): string {
  return `${plan.locality.kind} ${plan.locality.name}`;
}
