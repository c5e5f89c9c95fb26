/**
 * Tasks by deadline: those due in a window ("quý III", "tháng này", "sắp đến hạn"), those overdue, and
 * those whose deadline is of a kind ("thường xuyên", "theo hướng dẫn"). A window with no task dated in
 * it says so, and names the tasks that follow the plan's period when that period ends in it.
 */
import { FREQUENCY_WORDS } from "../../lexicon/vi/time.ts";
import { tasksOfUnit } from "../../plans/query.ts";
import type { Plan, Task } from "../../plans/schema.ts";
import { DAY_MONTH, formatViDate } from "../../text/dates.ts";
import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { abstention, evidence, type Item, line } from "../evidence.ts";
import { clip, deadlineText, placeInText, placeName } from "../format.ts";
import { coverage } from "../match.ts";
import { dueIn, SOON_DAYS } from "../window.ts";
import { byDeadline, dated, indicatorsSource, ofField, sentencesWhere, taskText } from "./common.ts";
import { passages } from "./passages.ts";

type Hit = { plan: Plan; task: Task };

/** Words of the question that may name the deadline itself ("theo hướng dẫn của Sở Nội vụ"). */
const DEADLINE_WORDS = ["thoi han", "theo huong dan", "huong dan", "thuong xuyen"];

/** Words of the window itself ("quý III/2026"), which say when, not what. */
const TIME_WORD = /^(?:(?:19|20)\d\d|\d{1,2}|[ivx]+|ngay|tuan|thang|quy|nam)$/u;

/** "tuần này", "tuần sau": a window of one week (folded). */
const WEEK = / tuan (?:nay|sau|toi|hien tai) /u;

/** "tuần nào … cũng", "tháng nào cũng": every week, every month (folded). */
const EVERY = / (ngay|tuan|thang|quy|nam) nao(?: [a-z0-9]+){0,8} cung /gu;

/** "hàng tuần", "hằng năm", "mỗi quý": how often, as the question asks it (folded). */
const FREQUENCY = /(?<= )(?:hang|moi) (?:ngay|tuan|thang|quy|nam)(?= )/gu;

/** The tasks whose text says they are done as often as one of `often` ("hang tuan"; "mỗi" read as "hàng"). */
function doneEvery(hits: readonly Hit[], often: readonly string[]): Hit[] {
  return hits.filter(({ task }) => {
    const text = foldWords(`${task.title} ${task.description} ${task.deadline.raw}`).replace(
      / moi /gu,
      " hang ",
    );
    return often.some((f) => ` ${text} `.includes(` ${f} `));
  });
}

export async function due(c: AskContext) {
  const w = c.window;
  // "việc gì làm hàng tuần, việc gì làm hàng năm": the tasks that say so, whatever their deadline.
  const often = [
    ...new Set([
      ...(` ${c.text} `.match(FREQUENCY) ?? []).map((f) => f.replace(/^moi/u, "hang")),
      // "tuần nào … cũng": every week
      ...[...` ${c.text} `.matchAll(EVERY)].map((m) => `hang ${m[1]}`),
    ]),
  ];
  if (often.length > 0) {
    const said = doneEvery(
      c.plans.flatMap((plan) => plan.tasks.map((task) => ({ plan, task }))),
      often,
    );
    if (said.length > 0)
      return evidence(
        "due",
        listTasks(c, said, `làm ${often.map((f) => FREQUENCY_WORDS[f] ?? f).join(", ")}`),
      );
  }
  if (w?.relation === "within" && c.cue("listsIndicators")) return targetsDue(c, w.from, w.to, w.label);
  const hits: Hit[] = [];
  const topic = c.topic(DEADLINE_WORDS);
  const candidates = ofUnits(c);
  for (const { plan, task } of candidates) {
    if (c.deadlineKind) {
      if (task.deadline.kind !== c.deadlineKind) continue;
      const raw = foldWords(task.deadline.raw).split(" ");
      if (
        c.deadlineKind === "conditional" &&
        topic.unigrams.length > 0 &&
        !topic.unigrams.some((t) => raw.includes(t))
      )
        continue;
      hits.push({ plan, task });
      continue;
    }
    if (!w || !dated(task)) continue;
    if (dueIn(task.deadline, w, c.today)) hits.push({ plan, task });
  }
  hits.sort((a, b) => byDeadline(a.task, b.task));
  // "cài Office 365 quá hạn chưa": of a window's tasks, the ones a distinctive topic names nearly whole
  // ("những việc phải xong trong quý III" names none).
  const distinctive = topic.unigrams.filter(
    (t) => c.corpus.stats.idf(t) >= c.policy.distinctiveIdf && !TIME_WORD.test(t),
  );
  if (w && distinctive.length >= 2) {
    const named = hits.filter(
      (h) => coverage(c.corpus.stats, topic, taskText(h.task)) >= c.policy.strongRecord,
    );
    if (named.length > 0) hits.splice(0, hits.length, ...named);
  }
  if (c.deadlineKind) {
    if (hits.length === 0) return null;
    // "những nhiệm vụ hạ tầng số nào làm thường xuyên": of that field only, when any is (the heading
    // of a task's section names its field).
    hits.splice(0, hits.length, ...ofField(c, topic, hits));
    const label =
      c.deadlineKind === "conditional"
        ? "có thời hạn tùy theo hướng dẫn, chỉ đạo"
        : "làm thường xuyên, định kỳ";
    const items = listTasks(c, hits, label);
    // "… cái nào làm thường xuyên, cái nào có hạn cụ thể": the dated ones of the same unit or field too.
    if (c.cue("datedDeadline")) {
      const dates = ofField(c, topic, candidates).filter((h) => dated(h.task));
      if (dates.length > 0) items.push(...listTasks(c, dates, "có hạn riêng"));
    }
    return evidence("due", items);
  }
  if (!w) return null;
  const label = w.relation === "within" ? `có hạn trong ${w.label}` : w.label;
  if (hits.length > 0) {
    const items = listTasks(c, hits, label);
    if (w.relation === "overdue")
      items.push(
        line(
          "Lưu ý: kế hoạch không ghi tình trạng hoàn thành; đây là các việc có hạn đã qua, cần đối chiếu thực tế.",
        ),
      );
    return evidence("due", items);
  }
  // "Tuần này phải đăng gì": with nothing dated in the week, what the plan has done every week.
  if (w.relation === "within" && WEEK.test(` ${c.text} `)) {
    const weekly = doneEvery(candidates, ["hang tuan"]);
    if (weekly.length > 0)
      return evidence("due", listTasks(c, weekly, `làm ${FREQUENCY_WORDS["hang tuan"]}`));
  }
  if (w.relation !== "overdue") {
    const when = w.relation === "within" ? `trong ${w.label}` : `trong ${SOON_DAYS} ngày tới`;
    const following = planPeriodEnding(c, w.from ?? c.today, w.to, when);
    if (following) return following;
    const outside = c.plans.filter((p) => w.to < p.period.start || (w.from ?? "0000") > p.period.end);
    // "… kết thúc vào năm 2026" in a 2025 plan: the text itself may name a later time.
    const named = (await c.passages()).some((h) => foldWords(h.chunk.text).includes(foldWords(w.label)));
    if (outside.length === c.plans.length && !named) return outsidePeriod(outside, w.label);
    // "việc nào kéo sang năm 2026" in a 2025 plan: the sentences that name that time say it.
    if (outside.length === c.plans.length) {
      const naming = sentencesNaming(c, w.label);
      if (naming.length > 0) return evidence("due", naming);
    }
  }
  // "Những việc nào phải hoàn thành trong năm 2026": the text may say so outside any task table; a
  // text that does not name the window (a task called "Tháng 10 – Tháng tiêu dùng số") does not.
  if (w.relation === "within") {
    const named = (await c.passages()).some((h) => namesWindow(h.chunk.text, w.label, w.from, w.to));
    if (named) {
      // "tháng sau có dịp gì phải tổ chức, ai chủ trì": the sentences naming a day of it first, then
      // the passage that answers the rest.
      const rest = await passages()(c);
      const topic = c.topic();
      const days = sentencesWhere(
        c,
        (text) =>
          namesWindow(text, w.label, w.from, w.to) &&
          coverage(c.corpus.stats, topic, text) >= c.policy.daySentence,
        [w.label],
      ).filter(
        (d) =>
          d.kind === "passage" && !rest?.items.some((r) => r.kind === "passage" && r.sentence === d.sentence),
      );
      if (rest && !rest.abstained) return evidence(rest.intent, [...days, ...rest.items]);
      if (days.length > 0) return evidence("due", days);
      // Nothing on the topic: what the plan does on the window's days, below.
    }
  }
  // "tháng tới có hoạt động gì": a day of the month the plan names ("Ngày Chuyển đổi số quốc gia 10/10").
  const onDays =
    w.relation === "within"
      ? sentencesWhere(c, (text) => namesWindow(text, w.label, w.from, w.to), [w.label])
      : [];
  const where = c.plans.length === 1 ? placeInText(c.plans[0] as Plan) : "các kế hoạch";
  const upcoming = c.plans
    .flatMap((plan) =>
      plan.tasks
        .filter((t) => dated(t) && (t.deadline.end as string) >= c.today)
        .map((task) => ({ plan, task })),
    )
    .sort((a, b) => byDeadline(a.task, b.task))
    .slice(0, 3);
  const near: Item[] =
    upcoming.length === 0
      ? []
      : [
          line("Các hạn gần nhất sắp tới (để tham khảo):"),
          ...upcoming.map(({ plan, task }) =>
            line(`• ${plan.shortName}: ${clip(task.title, 120)} — ${deadlineText(task.deadline, plan)}`, {
              plan,
              section: task.section,
              lines: task.lines,
            }),
          ),
        ];
  // The tasks that run the whole plan period are not due in the window, but are still being done in it.
  const ongoing = c.plans.flatMap((plan) => {
    const n = plan.tasks.filter((t) => t.deadline.kind === "plan-period").length;
    const inPeriod = (w.from ?? c.today) <= plan.period.end && w.to >= plan.period.start;
    return n > 0 && inPeriod
      ? [
          line(
            `${plan.shortName}: ${n} nhiệm vụ không nêu hạn riêng, làm trong suốt thời gian của kế hoạch (${plan.period.label}, đến ${formatViDate(plan.period.end)}).`,
            { plan, section: "Mở đầu", lines: plan.titleLines, focus: [plan.period.label] },
          ),
        ]
      : [];
  });
  if (onDays.length > 0)
    return evidence("due", [
      line(`Không có nhiệm vụ nào của ${where} ${label}; kế hoạch nêu hoạt động vào ngày trong ${w.label}:`),
      ...onDays,
      ...ongoing,
    ]);
  return abstention("due", `Không có nhiệm vụ nào của ${where} ${label}.`, [...near, ...ongoing]);
}

/** A passage names the window: its label ("tháng 10/2026"), or, for a month, one of its days ("10/10"). */
function namesWindow(text: string, label: string, from: string | null, to: string): boolean {
  if (foldWords(text).includes(foldWords(label))) return true;
  if (from === null || from.slice(0, 7) !== to.slice(0, 7)) return false;
  const month = Number(from.slice(5, 7));
  const year = from.slice(0, 4);
  return [...text.matchAll(DAY_MONTH)].some(
    (m) => Number(m[1]) === month && (m[2] === undefined || m[2] === year),
  );
}

/** The tasks of the units the question names, in each plan in scope; every task when it names none. */
function ofUnits(c: AskContext): Hit[] {
  return c.plans.flatMap((plan) => {
    const mine = c.units.filter((x) => x.plan.id === plan.id);
    const byUnit =
      mine.length > 0 ? new Set(mine.flatMap((x) => tasksOfUnit(plan, x.unit).map((h) => h.task))) : null;
    return plan.tasks.filter((task) => !byUnit || byUnit.has(task)).map((task) => ({ plan, task }));
  });
}

/** Sentences of the plans in scope that name a time ("năm 2026"), as passages. */
function sentencesNaming(c: AskContext, label: string): Item[] {
  const want = ` ${foldWords(label)} `;
  return sentencesWhere(c, (text) => ` ${foldWords(text)} `.includes(want), [label]);
}

function listTasks(c: AskContext, hits: readonly Hit[], label: string): Item[] {
  const perPlan = new Map<string, Hit[]>();
  for (const h of hits) {
    const list = perPlan.get(h.plan.id);
    if (list) list.push(h);
    else perPlan.set(h.plan.id, [h]);
  }
  const max = c.policy.limits.dueList;
  const items: Item[] = [];
  let shown = 0;
  for (const list of perPlan.values()) {
    // Past the cap a commune would get a heading with nothing under it; the closing line counts it.
    if (shown >= max) break;
    const plan = (list[0] as Hit).plan;
    items.push({
      kind: "line",
      text: `${placeName(plan)} (${plan.shortName}) — ${list.length} nhiệm vụ ${label}:`,
      about: plan,
    });
    for (const { task } of list) {
      if (shown >= max) break;
      shown++;
      items.push({ kind: "task", plan, task, style: "due" });
    }
  }
  if (hits.length > max) items.push(line(`… và ${hits.length - max} nhiệm vụ khác.`));
  return items;
}

/**
 * No task is dated in the window, but a plan's period ends in it: the tasks without a deadline of their
 * own follow that period, and the answer says exactly that.
 */
function planPeriodEnding(c: AskContext, from: string, to: string, when: string) {
  const items: Item[] = [];
  const max = c.policy.limits.dueList;
  for (const plan of c.plans) {
    const end = plan.period.end;
    if (end < from || end > to) continue;
    const following = plan.tasks.filter((t) => t.deadline.kind === "plan-period");
    if (following.length === 0) continue;
    items.push(
      line(
        `${placeName(plan)} (${plan.shortName}): không có nhiệm vụ nào có hạn riêng ${when}. Kế hoạch áp dụng ${plan.period.label}, đến ${formatViDate(end)}; ${following.length} nhiệm vụ không nêu hạn riêng nên theo thời gian của kế hoạch, tức phải xong trước ${formatViDate(end)}:`,
        { plan, section: "Mở đầu", lines: plan.titleLines, focus: [plan.period.label] },
      ),
    );
    for (const task of following.slice(0, max)) items.push({ kind: "task", plan, task, style: "period" });
    if (following.length > max) items.push(line(`… và ${following.length - max} nhiệm vụ khác.`));
  }
  return items.length > 0 ? evidence("due", items) : null;
}

/** "Tháng 12/2025 phải đạt những chỉ tiêu nào": the targets whose period ends in the window. */
function targetsDue(c: AskContext, from: string | null, to: string, label: string) {
  const items: Item[] = [];
  for (const plan of c.plans) {
    const mine = plan.indicators.filter((i) => {
      const end = i.period.end;
      return end !== null && end <= to && (from === null || end >= from);
    });
    if (mine.length === 0) continue;
    const source = indicatorsSource(plan, mine);
    items.push({
      kind: "line",
      text: `${placeName(plan)} (${plan.shortName}) — ${mine.length} chỉ tiêu phải đạt trong ${label}:`,
      about: plan,
      ...(source ? { sources: [source] } : {}),
    });
    for (const indicator of mine.slice(0, c.policy.limits.indicators))
      items.push({ kind: "indicator", plan, indicator, focus: [indicator.target.raw] });
    if (mine.length > c.policy.limits.indicators)
      items.push(line(`… và ${mine.length - c.policy.limits.indicators} chỉ tiêu khác.`));
  }
  if (items.length > 0) return evidence("due", items);
  const where = c.plans.length === 1 ? placeInText(c.plans[0] as Plan) : "các kế hoạch";
  return abstention("due", `Không có chỉ tiêu nào của ${where} phải đạt trong ${label}.`);
}

/** The window lies outside every plan asked about: nothing in them can fall due then. */
function outsidePeriod(plans: readonly Plan[], window: string) {
  const periods = plans.map(
    (p) =>
      `Kế hoạch của ${placeInText(p)} áp dụng ${p.period.label} (${formatViDate(p.period.start)}–${formatViDate(p.period.end)})`,
  );
  return abstention(
    "due",
    `${periods.join("; ")}, nên không có nhiệm vụ nào có hạn trong ${window}.`,
    plans.map((p) =>
      line(`${p.shortName}: ${p.title}`, {
        plan: p,
        section: "Mở đầu",
        lines: p.titleLines,
        focus: [p.period.label],
      }),
    ),
  );
}
