/**
 * Tasks written as one sentence, in the forms plans use:
 *   "Giao Công an xã chủ trì, phối hợp với Trạm Y tế xã triển khai …, hoàn thành trước ngày 30/6/2026."
 *   "Phòng Kinh tế chủ trì, phối hợp với Công an xã nâng cấp …; thời hạn: Quý III/2026."
 *   "Văn phòng HĐND và UBND xã tham mưu …, thời gian thực hiện: tháng 10/2026."
 *   "Trạm Y tế phối hợp với Công an xã …" (the subject leads)
 *   "<việc>: Phòng Văn hóa - Xã hội chủ trì, Công an xã phối hợp, hoàn thành trong Quý II năm 2026."
 * The lead is the subject, the coordinators are the "phối hợp với" list, the action is what follows
 * the list (from its first action verb), and the deadline is the time clause.
 */
import { ACTION_VERBS, DEADLINE_OPENERS, FIELD_LABELS, type FieldRole } from "../lexicon/vi/fields.ts";
import { OFFICE_HEADS, UNIT_HEADS, UNIT_NAME_PHRASES } from "../lexicon/vi/units.ts";
import { isRecurring, parseTimeSpan } from "../text/dates.ts";
import { stripBullet } from "../text/markers.ts";
import { capitalize, squash } from "../text/normalize.ts";
import { splitUnitList } from "./units.ts";

export interface SentenceTask {
  /** What is to be done; "" when the sentence only assigns the statement before it ("… thực hiện."). */
  action: string;
  lead: string[];
  coordinators: string[];
  deadline: string | null;
  product: string | null;
}

const NOT_WORD = String.raw`(?![\p{L}\p{N}])`;
const VERB = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${[...ACTION_VERBS].sort((a, b) => b.length - a.length).join("|")})${NOT_WORD}`,
  "u",
);
const TIME_WORD =
  /(?<![\p{L}\p{N}])(?:(?:thực hiện|hoàn thành|xong)\s+)?(?:trước|trong|chậm nhất|hằng|hàng|mỗi|định kỳ|thường xuyên)(?![\p{L}\p{N}])/gu;
const VERB_ALL = new RegExp(VERB.source, "gu");
const LABELLED = new RegExp(
  String.raw`[,;.]?\s*(?<![\p{L}\p{N}])(${FIELD_LABELS.filter(
    ([, role]) => role === "deadline" || role === "product",
  )
    .map(([src]) => `(?:${src})`)
    .join("|")})\s*:\s*`,
  "giu",
);
const ROLE_OF = new Map<string, FieldRole>();

function labelRole(label: string): FieldRole | null {
  const cached = ROLE_OF.get(label);
  if (cached) return cached;
  for (const [src, role] of FIELD_LABELS) {
    if (new RegExp(`^(?:${src})$`, "iu").test(label)) {
      ROLE_OF.set(label, role);
      return role;
    }
  }
  return null;
}

function isUnitPhrase(text: string): boolean {
  // "Ban hành …", "Tổ chức …": a capitalised verb, not an office named "Ban" or "Tổ".
  const lower = text.charAt(0).toLowerCase() + text.slice(1);
  if (firstVerb(lower) === 0) return false;
  return (
    (UNIT_HEADS.test(text) || /^(?:các|Các)\s/u.test(text)) &&
    text.length <= 120 &&
    firstVerb(text) === text.length
  );
}

/** Where the first action verb stands, outside the phrases unit names are made of. */
function firstVerb(text: string): number {
  const protectedSpans = UNIT_NAME_PHRASES.flatMap((phrase) => {
    const at = text.indexOf(phrase);
    return at >= 0 ? [[at, at + phrase.length] as const] : [];
  });
  for (const m of text.matchAll(VERB_ALL)) {
    const at = m.index ?? 0;
    if (!protectedSpans.some(([from, to]) => at >= from && at < to)) return at;
  }
  return text.length;
}

/** "Công an xã và Trạm Y tế xã" are two units; "Văn phòng HĐND và UBND xã" is one. */
function splitOnAnd(units: string): string {
  return units.replace(/\s+và\s+/gu, (and, at: number) => {
    const before = units.slice(0, at);
    const after = units.slice(at + and.length);
    const joined =
      /(?:HĐND|Hội đồng nhân dân)$/u.test(before) || !(UNIT_HEADS.test(after) || /^các\s/u.test(after));
    return joined ? and : "; ";
  });
}

/** "Trạm Y tế xã triển khai …" → units before the first action verb, and the rest from it. */
function unitsThenAction(text: string): { units: string[]; rest: string } {
  const cut = firstVerb(text);
  const units = text.slice(0, cut).replace(/[\s,;]+$/u, "");
  return { units: splitUnitList(splitOnAnd(units)), rest: text.slice(cut) };
}

function hasTime(text: string): boolean {
  return parseTimeSpan(text) !== null || isRecurring(text);
}

function cleanDeadline(text: string): string {
  return squash(text)
    .replace(/[.;,]+$/u, "")
    .replace(/^(?:(?:hoàn thành|xong|thực hiện|kết thúc)\s+)?(?:trong\s+)?/iu, "");
}

/** The time clause at the end of `rest`, labelled ("; thời hạn: Quý III/2026") or not (", hoàn thành trước …"). */
function splitTail(rest: string): { action: string; deadline: string | null; product: string | null } {
  let action = rest;
  let deadline: string | null = null;
  let product: string | null = null;
  const labels = [...rest.matchAll(LABELLED)];
  if (labels.length > 0) {
    action = rest.slice(0, labels[0]?.index ?? rest.length);
    labels.forEach((m, i) => {
      const start = (m.index ?? 0) + m[0].length;
      const end = labels[i + 1]?.index ?? rest.length;
      const value = squash(rest.slice(start, end)).replace(/[.;,]+$/u, "");
      const role = labelRole(squash(m[1] ?? ""));
      if (role === "deadline") deadline = value;
      else if (role === "product") product = value;
    });
  }
  if (deadline === null) {
    const clauses = action.split(/(?<=[,;])\s+/u);
    const last = clauses.at(-1) ?? "";
    if (clauses.length > 1 && DEADLINE_OPENERS.test(last) && hasTime(last)) {
      deadline = last;
      action = clauses.slice(0, -1).join(" ");
    }
  }
  if (deadline === null) {
    // "… cập nhật dữ liệu dân cư hằng quý", "… trong 6 tháng cuối năm 2026": a time phrase ending the sentence.
    const words = [...action.matchAll(TIME_WORD)];
    for (const m of words) {
      const at = m.index ?? 0;
      const tail = action.slice(at).replace(/[\s.;,]+$/u, "");
      if (at > 0 && tail.length <= 60 && hasTime(tail) && !/[,;]/u.test(tail)) {
        deadline = tail;
        action = action.slice(0, at);
        break;
      }
    }
  }
  if (deadline !== null) deadline = cleanDeadline(deadline);
  return { action: squash(action).replace(/[\s.;,:]+$/u, ""), deadline, product };
}

function finish(
  action: string,
  lead: string[],
  coordinators: string[],
  tail: { deadline: string | null; product: string | null },
) {
  const bare = /^(?:thực hiện|triển khai|thực hiện nhiệm vụ này)?$/iu.test(action);
  return {
    action: bare ? "" : capitalize(action),
    lead,
    coordinators,
    deadline: tail.deadline,
    product: tail.product,
  };
}

/** "<việc>: X chủ trì, Y phối hợp, hoàn thành trong Quý II năm 2026." */
function actionFirst(body: string): SentenceTask | null {
  const m = new RegExp(
    String.raw`^(.{8,}?):\s*(.+?)\s+chủ trì${NOT_WORD}\s*[,;]?\s*(?:(.+?)\s+phối hợp${NOT_WORD}\s*)?(.*)$`,
    "u",
  ).exec(body);
  if (!m?.[1] || !m[2] || !isUnitPhrase(m[2])) return null;
  const rest = (m[4] ?? "").replace(/^[,;]\s*/u, "");
  const tail = hasTime(rest) ? { deadline: cleanDeadline(rest), product: null } : splitTail(rest);
  const coordinators = m[3] ? splitUnitList(m[3].replace(/^[,;]\s*/u, "")) : [];
  return finish(m[1], splitUnitList(m[2]), coordinators, tail);
}

/** "Giao X chủ trì, phối hợp với Y <việc>…", "X tham mưu <việc>…", "X phối hợp với Y <việc>…". */
function subjectFirst(body: string): SentenceTask | null {
  const m = new RegExp(
    String.raw`^(?:Giao\s+|Đề nghị\s+)?(.+?)\s+(chủ trì|tham mưu|phối hợp(?: với| cùng)?)${NOT_WORD}\s*,?\s*(.*)$`,
    "u",
  ).exec(body);
  if (!m?.[1] || !m[2] || !isUnitPhrase(m[1])) return null;
  const lead = splitUnitList(m[1]);
  let rest = m[3] ?? "";
  let coordinators: string[] = [];
  if (m[2].startsWith("phối hợp")) {
    const split = unitsThenAction(rest);
    coordinators = split.units;
    rest = split.rest;
  } else {
    if (m[2] === "tham mưu") rest = `tham mưu ${rest}`;
    rest = rest.replace(/^chủ trì\s*,?\s*/u, "");
    const partner = new RegExp(
      String.raw`^phối hợp(?:\s+chặt chẽ)?\s+(?:với|cùng)${NOT_WORD}\s*(.*)$`,
      "u",
    ).exec(rest);
    if (partner) {
      const split = unitsThenAction(partner[1] ?? "");
      coordinators = split.units;
      rest = split.rest;
    }
  }
  const tail = splitTail(rest);
  return finish(tail.action, lead, coordinators, tail);
}

/**
 * "Trạm Y tế xã triển khai đặt lịch khám bệnh trực tuyến; thời hạn: Quý III/2026": a list item whose
 * subject is an office and whose verb is the action. The committee itself ("Ủy ban nhân dân xã …"),
 * collectives ("Các cơ quan …") and the people a goal is about ("Doanh nghiệp ứng dụng …") are not
 * read this way.
 */
function subjectVerb(body: string): SentenceTask | null {
  const cut = firstVerb(body);
  if (cut >= body.length || cut < 4) return null;
  const subject = body.slice(0, cut).trim();
  if (!isUnitPhrase(subject) || !OFFICE_HEADS.test(subject)) return null;
  const tail = splitTail(body.slice(cut).replace(/^hoàn thành việc\s+/u, ""));
  if (tail.action.length < 8) return null;
  return finish(tail.action, splitUnitList(splitOnAnd(subject)), [], tail);
}

/**
 * A task stated in one sentence, or null when the sentence assigns nothing. `listItem`: the sentence
 * is a numbered or bulleted item, where "<office> <does something>" is an assignment too.
 */
export function readSentenceTask(text: string, listItem = false): SentenceTask | null {
  const body = squash(stripBullet(text));
  if (body.length < 12) return null;
  return actionFirst(body) ?? subjectFirst(body) ?? (listItem ? subjectVerb(body) : null);
}
