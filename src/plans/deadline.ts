import { DUE_CUE, FREQUENCIES } from "../lexicon/vi/time.ts";
import { isRecurring, parseTimeSpan } from "../text/dates.ts";
import { fold, squash } from "../text/normalize.ts";
import type { Deadline, Period } from "./schema.ts";

function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** A deadline cell or "Thời gian hoàn thành:" value → a typed deadline. */
export function parseDeadline(rawInput: string, period: Period): Deadline {
  const raw = squash(rawInput).replace(/[.;,]+$/u, "");
  if (raw === "") return { raw: "", kind: "plan-period", start: period.start, end: period.end };
  const span = parseTimeSpan(raw, { defaultYear: yearOf(period.end) });
  const folded = fold(raw);
  if (span) {
    if (span.kind === "date") {
      // "Từ ngày 01/7/2025" opens a window that lasts the rest of the plan.
      if (/^tu\b/u.test(folded)) return { raw, kind: "range", start: span.start, end: period.end };
      return { raw, kind: "date", start: null, end: span.end };
    }
    return { raw, kind: span.kind, start: span.start, end: span.end };
  }
  if (isRecurring(raw)) return { raw, kind: "recurring", start: null, end: null };
  // Anything else ("theo hướng dẫn của Sở Nội vụ", "khi có yêu cầu", "kịp thời") depends on an event.
  return { raw, kind: "conditional", start: null, end: null };
}

/**
 * The timing a free-text duty states about itself: "định kỳ phát sóng chuyên mục tối thiểu 2 lần/ tuần",
 * "Hàng tuần thực hiện việc đăng tải…", "hoàn thành trước ngày 30/6/2026". Returns null when the text
 * names none (the task then follows the plan's period).
 */
export function deadlineInText(text: string, period: Period): Deadline | null {
  const due = DUE_CUE.exec(text);
  if (due) {
    const parsed = parseDeadline(due[0], period);
    if (parsed.end) return parsed;
  }
  for (const pattern of FREQUENCIES) {
    const freq = pattern.exec(text);
    if (freq) return { raw: squash(freq[0]), kind: "recurring", start: null, end: null };
  }
  return null;
}

export function planPeriodDeadline(period: Period): Deadline {
  return { raw: "", kind: "plan-period", start: period.start, end: period.end };
}
