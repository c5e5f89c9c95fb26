/**
 * Time windows in questions, relative to "today" (which a request may set): "quý III/2026", "tháng 9",
 * "quý này", "tháng sau", "sắp đến hạn", "đã quá hạn".
 */
import type { Deadline } from "../plans/schema.ts";
import { formatViDate, halfSpan, monthSpan, parseTimeSpan, quarterSpan, yearSpan } from "../text/dates.ts";
import { foldWords } from "../text/normalize.ts";

export interface TimeWindow {
  /** Inclusive ISO dates; `from` null for "overdue" (everything before today). */
  from: string | null;
  to: string;
  /** How to say it in an answer ("Quý III/2026", "30 ngày tới"). */
  label: string;
  relation: "within" | "overdue" | "soon";
}

// One formatter for the process: building an Intl.DateTimeFormat per call is slow and holds memory.
const VIETNAM_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Ho_Chi_Minh",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today in Vietnam (UTC+7), as YYYY-MM-DD. */
export function todayInVietnam(date = new Date()): string {
  return VIETNAM_DAY.format(date);
}

/** The ISO day `days` after (or, negative, before) `iso`. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function dayBefore(iso: string): string {
  return addDays(iso, -1);
}

const ROMAN = ["I", "II", "III", "IV"];

export const SOON_DAYS = 30;

/** Today and the `days` days after it ("14 ngày tới"). */
export function nextDays(today: string, days: number): TimeWindow {
  return { from: today, to: addDays(today, days), label: `${days} ngày tới`, relation: "soon" };
}

/** The `days` days before today, today left out ("7 ngày qua"). */
export function pastDays(today: string, days: number): TimeWindow {
  return { from: addDays(today, -days), to: dayBefore(today), label: `${days} ngày qua`, relation: "within" };
}

/**
 * A deadline falls in the window: its last day is in it ("within"), before today ("overdue"), or from
 * today to the window's end, where "soon" also holds a deadline period already under way ("Quý I" in
 * February). A deadline with no last day (recurring, conditional) falls in none.
 */
export function dueIn(deadline: Pick<Deadline, "start" | "end">, w: TimeWindow, today: string): boolean {
  const { start, end } = deadline;
  if (end === null) return false;
  if (w.relation === "overdue") return end < today;
  if (w.relation === "soon") return end >= today && (end <= w.to || (start !== null && start <= w.to));
  return (w.from === null || end >= w.from) && end <= w.to;
}

/**
 * "từ giờ tới cuối năm", "còn mấy hôm nữa hết quý", "sắp hết năm" (folded): from today to the end of a
 * period, which the first group names. Also what a question's topic leaves out.
 */
export const UNTIL_END =
  / (?:sap |con )?(?:tu (?:gio|nay|bay gio|hom nay) )?(?:(?:den|toi|truoc khi|truoc|la|nua) )?(?:het|cuoi) (nam|quy|thang)(?: nay)? (?!\d)/u;

/** Fold each clause of a question separately and keep " | " between them. */
export function clauses(fold: (text: string) => string, question: string): string {
  return (
    question
      // "4.0", "1.000", "2,5%": a point or comma between digits is part of a number.
      .split(/(?:[;:?!()]|(?<!\d)[.,]|[.,](?!\d))+/u)
      .map((part) => fold(part))
      .filter(Boolean)
      .join(" | ")
  );
}

const quarterLabel = (year: number, quarter: number) => `Quý ${ROMAN[quarter - 1]}/${year}`;
const monthLabel = (year: number, month: number) => `tháng ${month}/${year}`;

/** "quý này / quý sau / quý trước" (folded): how many periods from the current one. */
const RELATIVE_STEP: Record<string, number> = { nay: 0, "hien tai": 0, sau: 1, toi: 1, truoc: -1 };

/** The period `step` periods away from the `index`-th (1-based) of `perYear` in `year`, across years. */
function shiftPeriod(year: number, index: number, perYear: number, step: number): [number, number] {
  const ordinal = year * perYear + index - 1 + step;
  return [Math.floor(ordinal / perYear), (ordinal % perYear) + 1];
}

export function windowIn(question: string, today: string): TimeWindow | null {
  // Relative phrases are read within a clause: "trả kết quả, hạn khi nào" is not "quá hạn".
  const q = ` ${clauses(foldWords, question)} `;
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarter = Math.floor((month - 1) / 3) + 1;

  // "… đã quá hạn chưa", "lẽ ra đã phải xong", but not "sợ trễ hạn", "kẻo trễ hạn" (a worry about
  // what is still to come).
  if (
    / (?<!(?:so|keo|tranh|khong de|de khong|khong bi|chong) )(qua han|tre han|tre hen|lo han|het han ma chua|cham tien do|cham han|da het han) /u.test(
      q,
    ) ||
    / (le ra|dang le|dang ra|le ra da|dang le da|dang ra da) phai (xong|hoan thanh|hoan tat) /u.test(q)
  ) {
    return {
      from: null,
      to: dayBefore(today),
      label: `đã quá hạn (tính đến ${formatViDate(today)})`,
      relation: "overdue",
    };
  }
  // "việc nào sắp tới" is upcoming work; "30 ngày sắp tới" is a number of days, read below.
  if (
    / (sap den han|sap toi han|sap het han|gan den han|gan het han|sap phai xong|toi han|(?<!ngay )sap toi) /u.test(
      q,
    )
  ) {
    return {
      from: today,
      to: addDays(today, SOON_DAYS),
      label: `sắp đến hạn (trong ${SOON_DAYS} ngày tới, kể cả việc đang trong kỳ hạn)`,
      relation: "soon",
    };
  }
  // "từ giờ tới cuối năm", "từ nay đến hết quý", "còn 1 tháng nữa là hết năm": what falls due between
  // today and the end of the period.
  const untilEnd = UNTIL_END.exec(q);
  if (untilEnd && / (tu (gio|nay|bay gio|hom nay)|con|sap|se) /u.test(q)) {
    const unit = untilEnd[1] as "nam" | "quy" | "thang";
    const span =
      unit === "nam" ? yearSpan(year) : unit === "quy" ? quarterSpan(year, quarter) : monthSpan(year, month);
    const period =
      unit === "nam" ? `năm ${year}` : unit === "quy" ? quarterLabel(year, quarter) : monthLabel(year, month);
    return {
      from: today,
      to: span.end,
      label: `khoảng ${formatViDate(today)} – ${formatViDate(span.end)} (từ nay đến hết ${period})`,
      relation: "within",
    };
  }
  const relQuarter = / quy (nay|hien tai|sau|toi|truoc) /u.exec(q);
  if (relQuarter) {
    const [y, qn] = shiftPeriod(year, quarter, 4, RELATIVE_STEP[relQuarter[1] as string] ?? 0);
    const span = quarterSpan(y, qn);
    return { from: span.start, to: span.end, label: quarterLabel(y, qn), relation: "within" };
  }
  const relMonth = / thang (nay|hien tai|sau|toi|truoc) /u.exec(q);
  if (relMonth) {
    const [y, m] = shiftPeriod(year, month, 12, RELATIVE_STEP[relMonth[1] as string] ?? 0);
    const span = monthSpan(y, m);
    return { from: span.start, to: span.end, label: monthLabel(y, m), relation: "within" };
  }
  // "tuần này", "tuần sau": Monday to Sunday of this week or another.
  const relWeek = /(?<!\d) tuan (nay|hien tai|sau|toi|truoc) /u.exec(q);
  if (relWeek) {
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(today, 7 * (RELATIVE_STEP[relWeek[1] as string] ?? 0) - weekday);
    const sunday = addDays(monday, 6);
    return {
      from: monday,
      to: sunday,
      label: `tuần ${formatViDate(monday)} – ${formatViDate(sunday)}`,
      relation: "within",
    };
  }
  // "từ tháng 7 đến hết tháng 9 năm nay": the months between, both included.
  const months = / tu thang (\d{1,2}) (?:den|toi|cho den) (?:het )?thang (\d{1,2})(?: nam (\d{4}))? /u.exec(
    q,
  );
  if (months && Number(months[1]) >= 1 && Number(months[2]) <= 12 && Number(months[1]) <= Number(months[2])) {
    const y = months[3] ? Number(months[3]) : year;
    const first = monthSpan(y, Number(months[1]));
    const last = monthSpan(y, Number(months[2]));
    return {
      from: first.start,
      to: last.end,
      label: `tháng ${Number(months[1])}–${Number(months[2])}/${y}`,
      relation: "within",
    };
  }
  // "nửa cuối năm nay", "6 tháng đầu năm sau": a half of this year or the next.
  const relHalf = / (?:nua|6 thang|sau thang) (dau|cuoi) (?:nam )?(nay|hien tai|sau|toi|truoc) /u.exec(q);
  if (relHalf) {
    const y = year + (RELATIVE_STEP[relHalf[2] as string] ?? 0);
    const half = relHalf[1] === "dau" ? 1 : 2;
    const span = halfSpan(y, half);
    return {
      from: span.start,
      to: span.end,
      label: `6 tháng ${half === 1 ? "đầu" : "cuối"} năm ${y}`,
      relation: "within",
    };
  }
  if (/ nam (nay|hien tai) /u.test(q)) {
    const span = yearSpan(year);
    return { from: span.start, to: span.end, label: `năm ${year}`, relation: "within" };
  }
  const days = / (\d{1,3}) ngay (toi|sap toi|nua) /u.exec(q);
  if (days) return nextDays(today, Number(days[1]));
  const span = parseTimeSpan(question, { defaultYear: year });
  if (!span) return null;
  const spanYear = Number(span.start.slice(0, 4));
  const spanMonth = Number(span.start.slice(5, 7));
  const label =
    span.kind === "quarter"
      ? quarterLabel(spanYear, Math.floor((spanMonth - 1) / 3) + 1)
      : span.kind === "month"
        ? monthLabel(spanYear, spanMonth)
        : span.kind === "year"
          ? `năm ${spanYear}`
          : `${formatViDate(span.start)}–${formatViDate(span.end)}`;
  // "trước 30/6/2026": everything due up to that day.
  const before =
    / (truoc|den|cho den|truoc ngay) (ngay )?\d{1,2} \d{1,2} \d{4} /u.test(q) && span.kind === "date";
  return { from: before ? null : span.start, to: span.end, label, relation: "within" };
}
