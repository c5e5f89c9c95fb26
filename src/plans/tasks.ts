/**
 * Tasks, from three shapes plans use:
 *  - appendix: rows of a task table;
 *  - inline: a statement followed by "Đơn vị chủ trì: … / Đơn vị phối hợp: … / Thời gian hoàn thành: …"
 *    (or one line "Chủ trì: X; phối hợp: Y; thời gian: Z", "Giao X chủ trì, phối hợp với Y…",
 *    "Trách nhiệm: X chủ trì; Y phối hợp. Thời gian: Z");
 *  - responsibility: each duty of a unit under "Tổ chức thực hiện".
 */
import { FIELD_LABELS } from "../lexicon/vi/fields.ts";
import { UNIT_HEADS } from "../lexicon/vi/units.ts";
import { bulletPrefix, stripBullet } from "../text/markers.ts";
import { capitalize, fold, isAllCaps, squash } from "../text/normalize.ts";
import type { Paragraph } from "../text/reflow.ts";
import { deadlineInText, parseDeadline, planPeriodDeadline } from "./deadline.ts";
import { type OutlineSection, subtree } from "./outline.ts";
import type { Deadline, Period, Task } from "./schema.ts";
import { readSentenceTask } from "./sentences.ts";
import type { Table } from "./tables.ts";
import { cleanUnitName, splitUnitList } from "./units.ts";

const LABEL_RE = new RegExp(
  `(^|[;.]\\s+|\\s[-–]\\s)(${FIELD_LABELS.map(([src]) => `(${src})`).join("|")})\\s*:\\s*`,
  "giu",
);

interface Fields {
  lead: string[];
  coordinators: string[];
  deadline: string | null;
  product: string | null;
}

function emptyFields(): Fields {
  return { lead: [], coordinators: [], deadline: null, product: null };
}

/** "X chủ trì; Y, Z phối hợp" (the value of "Trách nhiệm:"). */
function readResponsibility(value: string, into: Fields): void {
  for (const part of value.split(/\s*;\s*/u)) {
    const lead = /^(.*?)\s+chủ trì(?![\p{L}\p{N}])/u.exec(part);
    const coord = /^(.*?)\s+phối hợp(?![\p{L}\p{N}])/u.exec(part);
    if (lead?.[1]) into.lead.push(...splitUnitList(lead[1]));
    else if (coord?.[1]) into.coordinators.push(...splitUnitList(coord[1]));
  }
}

/** Labelled fields of a paragraph that starts with a label; null when it does not. */
export function readFields(text: string): Fields | null {
  const body = stripBullet(text);
  const matches = [...body.matchAll(LABEL_RE)];
  if (matches.length === 0 || (matches[0]?.index ?? -1) !== 0) return null;
  const fields = emptyFields();
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < matches.length ? (matches[i + 1]?.index ?? body.length) : body.length;
    const value = squash(body.slice(start, end)).replace(/[.;,]+$/u, "");
    const groups = m.slice(3);
    const which = groups.findIndex((g) => g !== undefined);
    const role = FIELD_LABELS[which]?.[1];
    if (!role || value === "") return;
    if (role === "lead") fields.lead.push(...splitUnitList(value));
    else if (role === "coordinators") fields.coordinators.push(...splitUnitList(value));
    else if (role === "responsibility") readResponsibility(value, fields);
    else if (role === "deadline") fields.deadline = value;
    else if (role === "product") fields.product = value;
  });
  return fields;
}

type Assigned = { fields: Fields; action: string };

/** "Lắp đặt camera tại 15 nút giao. Chủ trì: Công an; phối hợp: …; thời gian: …" in one paragraph. */
function statementWithFields(text: string): Assigned | null {
  const body = stripBullet(text);
  for (const m of body.matchAll(LABEL_RE)) {
    const at = m.index ?? 0;
    if (at === 0 || !/[.;]\s*$/u.test(body.slice(0, at + (m[1]?.length ?? 0)))) continue;
    const fields = readFields(body.slice(at + (m[1]?.length ?? 0)));
    const action = squash(body.slice(0, at)).replace(/[.;:\s]+$/u, "");
    if (fields && (fields.lead.length > 0 || fields.deadline) && action.length >= 8)
      return { fields, action };
  }
  return null;
}

/** A paragraph that assigns a task: labelled fields, or a sentence naming who leads. */
function assignmentIn(p: Paragraph, listItem = bulletPrefix(p.text) !== null): Assigned | null {
  if (p.cells) return null;
  const fields = readFields(p.text);
  if (fields) return { fields, action: "" };
  const sentence = readSentenceTask(p.text, listItem);
  if (!sentence) return statementWithFields(p.text);
  const { action, ...rest } = sentence;
  return { fields: rest, action };
}

function taskFrom(
  planId: string,
  origin: Task["origin"],
  n: number,
  base: Omit<Task, "id" | "origin">,
): Task {
  return { id: `${planId}:${base.section}:${n}`, origin, ...base };
}

/** "HẠ TẦNG SỐ" → "Hạ tầng số": a group row written in capitals reads as a name. */
function groupName(raw: string): string {
  const text = squash(raw)
    .replace(/^(?:[IVX]{1,5}|[A-DĐ]|\d{1,2})[.)]\s+/u, "")
    .replace(/[.:]$/u, "");
  return isAllCaps(text) ? capitalize(text.toLowerCase()) : text;
}

export function appendixTasks(
  planId: string,
  tables: readonly Table[],
  section: (line: number) => string,
  period: Period,
): Task[] {
  const out: Task[] = [];
  for (const table of tables) {
    if (table.kind !== "tasks") continue;
    for (const row of table.rows) {
      const title = squash(row.cells.get("title") ?? "").replace(/\.$/u, "");
      if (!title) continue;
      const path = section(row.from);
      out.push(
        taskFrom(planId, "appendix", row.index ?? out.length + 1, {
          title,
          description: title,
          lead: splitUnitList(row.cells.get("lead") ?? ""),
          coordinators: splitUnitList(row.cells.get("coordinators") ?? ""),
          deadline: parseDeadline(row.cells.get("deadline") ?? "", period),
          product: row.cells.get("product") ?? null,
          section: path,
          lines: [row.from, row.to],
          row: row.index,
          group: row.group ? groupName(row.group) : null,
        }),
      );
    }
  }
  return out;
}

const ORGANISATION = /\bto chuc thuc hien\b/u;

export function isOrganisationSection(s: OutlineSection): boolean {
  return ORGANISATION.test(fold(s.heading)) && s.kind !== "preamble" && s.kind !== "closing";
}

interface Block {
  fields: Fields;
  statement: Paragraph[];
  to: number;
  /** Set when the whole task is one sentence. */
  sentence?: { p: Paragraph; action: string };
}

/** Inline task blocks in the body (not the organisation section, preamble or closing). */
export function inlineTasks(planId: string, sections: readonly OutlineSection[], period: Period): Task[] {
  const excluded = new Set<string>();
  for (const s of sections) {
    if (isOrganisationSection(s)) for (const sub of subtree(sections, s.path)) excluded.add(sub.path);
  }
  const out: Task[] = [];
  for (const s of sections) {
    if (excluded.has(s.path) || s.kind === "preamble" || s.kind === "closing") continue;
    let statement: Paragraph[] = [];
    let task: Block | null = null;
    const tasksHere: Block[] = [];
    // "1.2. Lắp đặt camera … Chủ trì: …; thời gian: …", "a) Phòng Kinh tế chủ trì, phối hợp với …":
    // a heading that is itself a task.
    const head = s.headingParagraphs[0];
    const inHeading = head ? assignmentIn({ ...head, text: s.heading }, true) : null;
    if (head && inHeading && inHeading.action !== "") {
      tasksHere.push({
        fields: inHeading.fields,
        statement: [],
        to: head.to,
        sentence: { p: { ...head, text: s.heading }, action: inHeading.action },
      });
    }
    const close = () => {
      if (task) tasksHere.push(task);
      task = null;
      statement = [];
    };
    for (const p of s.paragraphs) {
      const assigned = assignmentIn(p);
      if (!assigned) {
        if (task) close();
        if (!p.cells) statement.push(p);
        continue;
      }
      if (assigned.action !== "") {
        // A whole task in one sentence: it stands on its own.
        close();
        tasksHere.push({
          fields: assigned.fields,
          statement: [],
          to: p.to,
          sentence: { p, action: assigned.action },
        });
        continue;
      }
      const open: Block = task ?? { fields: emptyFields(), statement, to: p.to };
      task = open;
      open.fields.lead.push(...assigned.fields.lead);
      open.fields.coordinators.push(...assigned.fields.coordinators);
      open.fields.deadline = assigned.fields.deadline ?? open.fields.deadline;
      open.fields.product = assigned.fields.product ?? open.fields.product;
      open.to = p.to;
    }
    close();
    tasksHere.forEach((t, i) => {
      const heading = s.heading;
      const statementText = t.sentence?.action ?? t.statement.map((p) => stripBullet(p.text)).join(" ");
      const title = statementText || heading;
      // The first task of a section is cited from the section heading, which often names it ("4. Nhân lực số").
      const from = t.sentence ? t.sentence.p.from : i === 0 ? s.from : (t.statement[0]?.from ?? s.from);
      out.push(
        taskFrom(planId, "inline", i + 1, {
          title: squash(title),
          description: squash(
            t.sentence
              ? `${heading}: ${stripBullet(t.sentence.p.text)}`
              : statementText && heading
                ? `${heading}: ${statementText}`
                : title,
          ),
          lead: t.fields.lead,
          coordinators: t.fields.coordinators,
          deadline: t.fields.deadline ? parseDeadline(t.fields.deadline, period) : planPeriodDeadline(period),
          product: t.fields.product,
          section: s.path,
          lines: [from, t.to],
          row: null,
          group: null,
        }),
      );
    });
  }
  return out;
}

const PARTNER_STOP =
  /\s+(?:trong|để|thực hiện|triển khai|tham mưu|xây dựng|tổ chức|thẩm định|bố trí|lựa chọn|gắn kết|theo dõi|đề xuất|khi|vận hành|hỗ trợ|cân đối|đảm bảo|bảo đảm|hướng dẫn|phân công|cử|kiểm tra|tuyên truyền|đôn đốc|triển|lập|rà soát)(?![\p{L}\p{N}])|[;.:]/u;

/** Units named after "phối hợp (với|cùng)" in a duty, up to the verb that follows them. */
export function partnersOf(duty: string): string[] {
  const m = /phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+(.+)$/iu.exec(duty);
  if (!m?.[1]) return [];
  // A leading space lets the stop-word pattern catch a verb right after "phối hợp" ("phối hợp tổ chức …").
  const tail = ` ${m[1]}`;
  const stop = PARTNER_STOP.exec(tail);
  const phrase = (stop ? tail.slice(0, stop.index) : tail).trim().replace(/\s+và\s+(?=các\s)/u, "; ");
  return splitUnitList(phrase).filter(
    (u) =>
      /^(?:các\s|Các\s)?[\p{Lu}]|^các\s/u.test(u) ||
      /^(?:phòng|công an|văn phòng|trung tâm|cơ quan|đơn vị|ban|sở|tổ)(?![\p{L}\p{N}])/iu.test(u),
  );
}

const COORDINATE_ONLY = /^(?:(?:Có trách nhiệm|Tham gia|Chủ động)\s+)?phối hợp(?![\p{L}\p{N}])/iu;
const BOILERPLATE = /^Căn cứ chức năng,?\s*nhiệm vụ(?:\s+được giao)?\s*,\s*/u;

export interface UnitDuties {
  /** The unit as its heading names it (possibly several: "Phòng A, Trung tâm B"). */
  unit: string;
  section: string;
  /** First line of the heading or paragraph that names the unit. */
  from: number;
  duties: Paragraph[];
}

const UNIT_LABEL = /^([^:]{3,120}?):\s*(\S.{10,})$/u;

/**
 * Each unit named under "Tổ chức thực hiện", with its duties: a sub-section per unit ("1. Phòng Văn
 * hóa - Xã hội", duties below or after a colon), or one paragraph per unit ("- Phòng Kinh tế: …").
 */
export function unitDuties(sections: readonly OutlineSection[]): UnitDuties[] {
  const out: UnitDuties[] = [];
  for (const org of sections.filter(isOrganisationSection)) {
    for (const p of org.paragraphs) {
      const m = p.cells ? null : UNIT_LABEL.exec(stripBullet(p.text));
      if (!m?.[1] || !m[2] || (!UNIT_HEADS.test(cleanUnitName(m[1])) && !/^các\s/iu.test(m[1]))) continue;
      out.push({
        unit: cleanUnitName(m[1]),
        section: org.path,
        from: p.from,
        duties: [{ ...p, text: m[2] }],
      });
    }
    for (const unitSection of sections.filter((s) => s.parent === org.path)) {
      const duties: Paragraph[] = subtree(sections, unitSection.path).flatMap((s) =>
        s.paragraphs.filter((p) => !p.cells),
      );
      // "1. Phòng Văn hóa - Xã hội: chủ trì tham mưu …" puts the first duty on the heading line.
      const colon = UNIT_LABEL.exec(unitSection.heading);
      const head = unitSection.headingParagraphs[0];
      if (colon?.[2] && head) duties.unshift({ ...head, text: colon[2] });
      out.push({
        unit: cleanUnitName(colon?.[1] ?? unitSection.heading),
        section: unitSection.path,
        from: unitSection.from,
        duties,
      });
    }
  }
  return out;
}

/** The duties of each unit under "Tổ chức thực hiện". */
export function responsibilityTasks(
  planId: string,
  sections: readonly OutlineSection[],
  period: Period,
): Task[] {
  const out: Task[] = [];
  // Units written as paragraphs share their section: number their duties through it.
  const numbered = new Map<string, number>();
  for (const { unit, section, from, duties } of unitDuties(sections)) {
    duties.forEach((p, i) => {
      const n = (numbered.get(section) ?? 0) + 1;
      numbered.set(section, n);
      const duty = stripBullet(p.text).replace(BOILERPLATE, "");
      const capitalised = duty.charAt(0).toUpperCase() + duty.slice(1);
      // "6. Phòng Giáo dục và Đào tạo, Trung tâm Y tế huyện": one heading, several units.
      const units = splitUnitList(unit);
      const partners = partnersOf(duty).filter((u) => !units.some((x) => fold(x) === fold(u)));
      const onlyCoordinates = COORDINATE_ONLY.test(duty);
      const deadline: Deadline = deadlineInText(duty, period) ?? planPeriodDeadline(period);
      out.push(
        taskFrom(planId, "responsibility", n, {
          title: squash(capitalised),
          description: squash(`${unit}: ${capitalised}`),
          // "Phối hợp với X …" in U's duties: U and X work together; the plan names no lead, and X is
          // never made one.
          lead: onlyCoordinates ? [] : units,
          coordinators: onlyCoordinates ? [...units, ...partners] : partners,
          deadline,
          product: null,
          section,
          // The first duty is cited with the heading that names the unit.
          lines: [i === 0 ? Math.min(from, p.from) : p.from, p.to],
          row: null,
          group: null,
        }),
      );
    });
  }
  return out;
}
