import type { Indicator, IndicatorView, Plan, Task, TaskView } from "./schema.ts";

export function taskView(plan: Pick<Plan, "id">, t: Task): TaskView {
  const { description: _description, row: _row, ...rest } = t;
  return { ...rest, plan: plan.id };
}

export function indicatorView(plan: Pick<Plan, "id">, i: Indicator): IndicatorView {
  const { statement: _statement, group: _group, ...rest } = i;
  return { ...rest, plan: plan.id };
}
