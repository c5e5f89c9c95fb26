/**
 * Indicators: the targets (and baselines) whose name covers the question's topic; with no topic, every
 * indicator of the plan. A passage that covers the topic clearly better answers instead.
 */
import type { Indicator, Plan } from "../../plans/schema.ts";
import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { abstention, evidence, type Item } from "../evidence.ts";
import { placeName } from "../format.ts";
import { coverage, coversRarest, isEmptyTopic } from "../match.ts";
import { pastYears } from "../past.ts";
import { countedNoun, countsOf, indicatorsSource, notSaid, passageIsBetter, targetsDue } from "./common.ts";

/** What an indicator question asks for, not what about, when a passage answers it. */
export const TARGET_WORDS = [
  "dat chi tieu",
  "dat muc tieu",
  "chi tieu",
  "muc tieu",
  "ty le",
  "ti le",
  "phan tram",
  "bao nhieu",
  "phan dau",
];

/** The same, and the words of comparing and listing, when indicators are matched. */
export const INDICATOR_WORDS = [
  ...TARGET_WORDS,
  "dat",
  "khac nhau",
  "so sanh",
  "co",
  "may",
  "tat ca",
  "cac",
  "gom",
  "nhung",
];

const OWN_CLAUSE = new WeakMap<Indicator, string>();

/**
 * The part of its statement an indicator stands for: one sentence of prose often sets several targets
 * ("… 4G …; … cáp quang đạt 75% …; … hài lòng trên 95%"), and the others are not about it.
 */
function ownClause(i: Indicator): string {
  let own = OWN_CLAUSE.get(i);
  if (own === undefined) {
    const clauses = i.statement.split(/\s*;\s*/u);
    const head = foldWords(i.name).split(" ").slice(0, 4).join(" ");
    own =
      clauses.length < 2
        ? i.statement
        : (clauses.find((cl) => cl.includes(i.target.raw) && foldWords(cl).includes(head)) ?? i.statement);
    OWN_CLAUSE.set(i, own);
  }
  return own;
}

/** What an indicator says, including the years its columns name ("kết quả năm 2025", "năm 2026"). */
export function indicatorText(i: Indicator): string {
  const baseline = i.baseline ? `kết quả năm ${i.baseline.year ?? ""} ${i.baseline.raw}` : "";
  return `${i.name} ${ownClause(i)} ${i.group ?? ""} ${baseline} mục tiêu ${i.period.label} ${i.target.raw}`;
}

export async function indicators(c: AskContext) {
  const topic = c.topic(INDICATOR_WORDS);
  const empty = isEmptyTopic(topic);
  const { stats } = c.corpus;
  const { match, limits } = c.policy;
  // "Hiện có bao nhiêu …": only what an indicator says of the present, its baseline, answers.
  const now = c.cue("currentCount");
  // "Bao nhiêu hộ …": an indicator of households ("100% hộ gia đình …", "Tỷ lệ hộ …"), not of another thing.
  const noun = countedNoun(c);
  const counts = (i: Indicator) =>
    !noun ||
    countsOf(noun, ownClause(i)) ||
    foldWords(i.name)
      .replace(/^(?:ty le|ti le|so luong|so) /u, "")
      .split(" ")
      .slice(0, 3)
      .includes(noun);
  const candidates = c.plans.flatMap((plan) =>
    plan.indicators
      .filter((i) => (!now || (i.baseline && i.baseline.unit !== "%")) && counts(i))
      .map((indicator) => ({
        plan,
        indicator,
        score: empty ? 1 : coverage(stats, topic, indicatorText(indicator)),
      })),
  );
  if (candidates.length === 0) return null;
  const clauses = c.clauseTopics(INDICATOR_WORDS);
  const chosen: Array<{ plan: Plan; indicator: Indicator; score: number; clause?: boolean }> = [];
  /** A clause of the question that no indicator answers. */
  let unanswered = false;
  for (const plan of c.plans) {
    const mine = candidates.filter((x) => x.plan.id === plan.id).sort((a, b) => b.score - a.score);
    const best = mine[0];
    if (!best) continue;
    // Comparing plans, each words its indicator its own way; for one plan the distinctive words must be there.
    const whole =
      best.score >= match &&
      (c.plans.length > 1 || empty || coversRarest(stats, topic, indicatorText(best.indicator)));
    const floor = empty ? 0 : Math.max(match, best.score - c.policy.runnerUpGap.indicator);
    const picked = whole
      ? mine.filter((x) => x.score >= floor).slice(0, empty ? limits.indicators : limits.indicatorsPerPlan)
      : [];
    // "… bao nhiêu % doanh nghiệp …? cáp quang thì bao nhiêu % hộ": the best indicator of each clause too.
    if (!empty && clauses.length > 1)
      for (const clause of clauses) {
        const own = mine
          .map((x) => ({ ...x, score: coverage(stats, clause, indicatorText(x.indicator)), clause: true }))
          .sort((a, b) => b.score - a.score)[0];
        const found = own && own.score >= match && coversRarest(stats, clause, indicatorText(own.indicator));
        if (!found) unanswered = true;
        else if (!picked.some((x) => x.indicator === own.indicator)) picked.push(own);
      }
    chosen.push(...picked);
  }
  if (chosen.length === 0) return null;
  // "Năm 2025 … đạt bao nhiêu" of a plan for 2026: a result of that year answers, a target does not.
  const past = pastYears(c);
  if (past.length > 0 && !empty) {
    const had = chosen.filter((x) => x.indicator.baseline && past.includes(x.indicator.baseline.year ?? -1));
    if (had.length === 0)
      return abstention(
        "indicator",
        `${notSaid(c, `kết quả năm ${past.join(", ")} của chỉ tiêu này`)} Chỉ tiêu kế hoạch đặt ra:`,
        chosen.map(({ plan, indicator }) => ({ kind: "indicator", plan, indicator }) as const),
      );
    chosen.splice(0, chosen.length, ...had);
  }
  // "bao nhiêu % văn bản được ký số, xử lý trên mạng": when a clause has no indicator of its own, one
  // picked for another clause is no better a match for the whole question than its words make it.
  const top = Math.max(
    ...chosen.map((x) =>
      x.clause && unanswered ? coverage(stats, topic, indicatorText(x.indicator)) : x.score,
    ),
  );
  if (c.plans.length === 1 && !empty && (await passageIsBetter(c, topic, top))) return null;
  const items: Item[] = [];
  let current = "";
  for (const { plan, indicator } of chosen) {
    if (plan.id !== current) {
      const all = plan.indicators.length;
      // "Các mục tiêu cụ thể phải đạt trước ngày nào": by when, cited from the heading that says it.
      const due = empty && c.asks.deadline ? targetsDue(plan.indicators) : "";
      const source = due ? indicatorsSource(plan, plan.indicators) : null;
      items.push({
        kind: "line",
        about: plan,
        text: empty
          ? `${placeName(plan)} (${plan.shortName}) có ${all} chỉ tiêu${due ? `, ${due}` : ""}${all > limits.indicators ? `; ${limits.indicators} chỉ tiêu đầu` : ""}:`
          : `${placeName(plan)} (${plan.shortName}):`,
        ...(source ? { sources: [source] } : {}),
      });
      current = plan.id;
    }
    // "… dân phải nhập dữ liệu mấy lần": a detail the statement holds and the indicator's name does not.
    const names = stats.terms(indicator.name);
    const statement =
      !empty &&
      topic.unigrams.some(
        (t) => stats.idf(t) >= 1 && stats.terms(indicator.statement).has(t) && !names.has(t),
      );
    items.push({
      kind: "indicator",
      plan,
      indicator,
      focus: [indicator.target.raw, ...topic.unigrams],
      statement,
    });
  }
  return evidence("indicator", items);
}
