/**
 * What a unit must do: its own part of "Tổ chức thực hiện" first, then the tasks it leads elsewhere in
 * the plan, then those it coordinates, each marked as such.
 */
import { tasksOfUnit } from "../../plans/query.ts";
import type { Plan, Task, Unit } from "../../plans/schema.ts";
import type { AskContext } from "../context.ts";
import { evidence, type Item, line } from "../evidence.ts";
import { coverage, coversRarest, isEmptyTopic, type Topic } from "../match.ts";
import { abstainNear, byDeadline, byOrigin, notSaid, rankedPassages, taskText } from "./common.ts";
import { passages } from "./passages.ts";

const DUTY_WORDS = ["lam gi", "trach nhiem", "co nhiem vu"];

/** The units a question names, with the unit sections that hold a collective ("Các Tổ dân phố"). */
function namedUnits(c: AskContext): Array<{ plan: Plan; unit: Unit }> {
  const seen = new Set<string>();
  const withSections = c.units.flatMap(({ plan, unit }) => {
    if (unit.section) return [{ plan, unit }];
    const core = unit.id.replace(/^cac\s+/u, "");
    const holders = plan.units.filter((x) => x.section && ` ${x.id} `.includes(` ${core} `));
    return [...holders.map((x) => ({ plan, unit: x })), { plan, unit }];
  });
  return withSections.filter(({ plan, unit }) => {
    const key = `${plan.id}/${unit.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const unitPassage = passages({ asked: DUTY_WORDS });

/**
 * "Tổ công nghệ số cộng đồng làm theo phương châm gì": a named unit and something about it that none of
 * its duties says but a passage does; the passage answers, not the list of duties.
 */
export async function unitTopic(c: AskContext) {
  // "… làm gì", "vai trò gì", "được giao những việc gì": the duties are what is asked.
  if (c.cue("duties")) return null;
  const units = namedUnits(c);
  if (units.length === 0) return null;
  const topic = c.topic([...units.flatMap((x) => [x.unit.name, ...x.unit.aliases]), ...DUTY_WORDS]);
  if (isEmptyTopic(topic)) return null;
  const { stats } = c.corpus;
  const duties = units.flatMap(({ plan, unit }) => tasksOfUnit(plan, unit).map((x) => taskText(x.task)));
  if (duties.some((text) => coversRarest(stats, topic, text))) return null;
  const best = (await rankedPassages(c, topic))[0];
  if (!best || best.cover < c.policy.match || !coversRarest(stats, topic, best.text)) return null;
  const found = await unitPassage(c);
  return found && !found.abstained ? found : null;
}

export function unitDuties(c: AskContext) {
  const units = namedUnits(c);
  const topic = c.topic([...units.flatMap((x) => [x.unit.name, ...x.unit.aliases]), ...DUTY_WORDS]);
  // Across several plans, a few duties each and a hint to name the commune; one plan gets everything.
  const brief = new Set(units.map((x) => x.plan.id)).size > 1;
  const { limits } = c.policy;
  const items: Item[] = [];
  for (const { plan, unit } of units.slice(0, brief ? limits.unitsShownAcrossPlans : limits.unitsShown))
    items.push(...dutiesOf(c, plan, unit, topic, brief ? 3 : undefined));
  if (items.length === 0)
    return abstainNear(
      c,
      "unit",
      notSaid(c, `nhiệm vụ của ${units.length === 0 && c.unnamedBody ? c.unnamedBody : "đơn vị này"}`),
    );
  if (brief)
    items.push(line("Hỏi kèm tên xã, phường (ví dụ «công an xã Tân Kỳ phải làm gì») để xem đầy đủ."));
  return evidence("unit", items);
}

function dutiesOf(c: AskContext, plan: Plan, unit: Unit, topic: Topic, limit?: number): Item[] {
  const all = tasksOfUnit(plan, unit);
  const section = unit.section ? plan.sections.find((s) => s.path === unit.section) : undefined;
  if (all.length === 0 && !section) return [];
  const focused = !isEmptyTopic(topic);
  const score = (t: Task) => (focused ? coverage(c.corpus.stats, topic, `${t.title} ${t.description}`) : 0);
  // The unit's own part of "Tổ chức thực hiện" first: that is what the plan says the unit must do.
  const own = all
    .filter((x) => x.role === "lead" && x.task.origin === "responsibility" && x.task.section === unit.section)
    .map((x) => x.task);
  const assigned = all
    .filter((x) => x.role === "lead" && !own.includes(x.task))
    .map((x) => x.task)
    .sort((a, b) => score(b) - score(a) || byOrigin(a, b) || byDeadline(a, b));
  const coordinates = all.filter((x) => x.role === "coordinator").map((x) => x.task);
  const maxOwn = limit ?? own.length;
  const maxAssigned = limit ?? c.policy.limits.unitAssigned;
  const maxCoordinated = limit ? 0 : c.policy.limits.unitCoordinated;
  const count =
    Math.min(own.length, maxOwn) +
    Math.min(assigned.length, maxAssigned) +
    Math.min(coordinates.length, maxCoordinated);
  const width = limit ? 160 : Math.max(110, Math.min(600, Math.floor(2400 / Math.max(1, count))));
  const items: Item[] = [];
  const more = (n: number, what: string) => {
    if (n > 0) items.push(line(`… và ${n} ${what}.`));
  };
  const focus = topic.unigrams;

  if (section && own.length > 0) {
    items.push(
      line(`${unit.name} (${plan.shortName}, mục ${section.path}):`, {
        plan,
        section: section.path,
        lines: section.lines,
        focus: [section.heading, ...focus],
        max: 2500,
      }),
    );
    for (const task of own.slice(0, maxOwn)) items.push({ kind: "task", plan, task, style: "own", width });
    more(own.length - maxOwn, "việc khác trong mục này");
  } else {
    items.push({ kind: "line", text: `${unit.name} (${plan.shortName}):`, about: plan });
  }
  if (assigned.length > 0 && maxAssigned > 0) {
    items.push(line(own.length > 0 ? "Nhiệm vụ chủ trì khác trong kế hoạch:" : "Chủ trì:"));
    for (const task of assigned.slice(0, maxAssigned))
      items.push({ kind: "task", plan, task, style: "assigned", width, focus });
    more(assigned.length - maxAssigned, "việc khác");
  }
  if (coordinates.length > 0) {
    if (maxCoordinated === 0) {
      items.push(line(`Phối hợp thực hiện ${coordinates.length} việc khác.`));
      return items;
    }
    items.push(line("Phối hợp:"));
    for (const task of coordinates.slice(0, maxCoordinated))
      items.push({ kind: "task", plan, task, style: "coordinated", width: Math.min(width, 160), focus });
    more(coordinates.length - maxCoordinated, "việc phối hợp khác");
  }
  return items;
}
