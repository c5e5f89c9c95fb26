/**
 * Deadlines at a glance: a plan's dated tasks by quarter, and within a quarter by month, in date order;
 * the undated ones counted by kind (recurring, conditional, for the whole plan period).
 */
import type { Task } from "../plans/schema.ts";

const ROMAN = ["I", "II", "III", "IV"];

export interface TimelineMonth {
  label: string;
  tasks: Task[];
}

export interface TimelineQuarter {
  key: string;
  label: string;
  start: string;
  end: string;
  /** Relative to today: all of it before, today within it, or still to come. */
  when: "past" | "now" | "future";
  months: TimelineMonth[];
  count: number;
}

export interface Timeline {
  quarters: TimelineQuarter[];
  recurring: Task[];
  conditional: Task[];
  planPeriod: Task[];
}

function quarterOf(iso: string, today: string): TimelineQuarter {
  const year = Number(iso.slice(0, 4));
  const q = Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1;
  const start = `${year}-${String(q * 3 - 2).padStart(2, "0")}-01`;
  const end = new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
  return {
    key: `${year}-Q${q}`,
    label: `Quý ${ROMAN[q - 1]}/${year}`,
    start,
    end,
    when: end < today ? "past" : start <= today ? "now" : "future",
    months: [],
    count: 0,
  };
}

/** Every quarter of the plan's period is shown, those without a deadline too (a gap is worth seeing). */
export function timelineOf(
  tasks: readonly Task[],
  today: string,
  period?: { start: string; end: string },
): Timeline {
  const byQuarter = new Map<string, TimelineQuarter>();
  const out: Timeline = { quarters: [], recurring: [], conditional: [], planPeriod: [] };
  const dated = tasks
    .filter((t) => t.deadline.end && t.deadline.kind !== "plan-period")
    .sort((a, b) => (a.deadline.end as string).localeCompare(b.deadline.end as string));
  for (const t of dated) {
    const end = t.deadline.end as string;
    const year = Number(end.slice(0, 4));
    const month = Number(end.slice(5, 7));
    const q = Math.floor((month - 1) / 3) + 1;
    const key = `${year}-Q${q}`;
    let quarter = byQuarter.get(key);
    if (!quarter) {
      quarter = quarterOf(end, today);
      byQuarter.set(key, quarter);
    }
    const label = `Tháng ${month}/${year}`;
    let m = quarter.months.find((x) => x.label === label);
    if (!m) {
      m = { label, tasks: [] };
      quarter.months.push(m);
    }
    m.tasks.push(t);
    quarter.count++;
  }
  if (period && period.start <= period.end) {
    for (let at = period.start; at <= period.end; ) {
      const q = quarterOf(at, today);
      if (!byQuarter.has(q.key)) byQuarter.set(q.key, q);
      at = new Date(Date.UTC(Number(q.end.slice(0, 4)), Number(q.end.slice(5, 7)), 1))
        .toISOString()
        .slice(0, 10);
    }
  }
  out.quarters = [...byQuarter.values()].sort((a, b) => a.start.localeCompare(b.start));
  for (const t of tasks) {
    if (t.deadline.kind === "recurring") out.recurring.push(t);
    else if (t.deadline.kind === "conditional") out.conditional.push(t);
    else if (t.deadline.kind === "plan-period") out.planPeriod.push(t);
  }
  return out;
}
