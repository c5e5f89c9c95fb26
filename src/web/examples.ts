/**
 * Example questions for the chat page, made from the plans served (never a fixed commune): who leads a
 * dated task, what a unit must do, a target, the window of this quarter, who signed.
 */
import type { Plan } from "../plans/schema.ts";

const words = (text: string, n: number) => text.split(/\s+/u).slice(0, n).join(" ");

const datedTask = (p: Plan) =>
  p.tasks.find(
    (t) => t.deadline.end && t.deadline.kind !== "plan-period" && t.lead.length > 0 && t.title.length > 20,
  );

export function exampleQuestions(plans: readonly Plan[]): string[] {
  const out: string[] = [];
  const named = plans.filter((p) => p.locality.name);
  const withTask = named.find((p) => datedTask(p));
  const task = withTask && datedTask(withTask);
  if (withTask && task)
    out.push(`Ai chủ trì ${words(task.title, 8).toLowerCase()} ở ${withTask.locality.name}, hạn khi nào?`);
  const other = named.find((p) => p !== withTask) ?? withTask;
  if (other) {
    const place = other.locality.name;
    const unit = other.units.find((u) => !u.collective && /^công an/iu.test(u.name));
    if (unit) out.push(`${unit.name} ${place} phải làm gì?`);
    if (other.indicators.length > 0) out.push(`Các chỉ tiêu của ${place} là gì?`);
    out.push(`Kế hoạch của ${place} do ai ký?`);
  }
  out.push("Quý này phải hoàn thành những việc gì?");
  return out.slice(0, 5);
}
