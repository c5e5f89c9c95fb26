/**
 * Indicators (chỉ tiêu, mục tiêu cụ thể): rows of an indicator table ("Kết quả năm 2025 | Năm 2026")
 * and percentage statements under a "Mục tiêu cụ thể" heading ("Tối thiểu 80% hồ sơ …", "Tỷ lệ … đạt 90%").
 * Results of past years (a "Đánh giá kết quả" part) are not targets and are not read here.
 */
import { COUNT_UNITS } from "../lexicon/vi/units.ts";
import { isoDate, parseTimeSpan } from "../text/dates.ts";
import { stripBullet } from "../text/markers.ts";
import { capitalize, fold, squash } from "../text/normalize.ts";
import type { Paragraph } from "../text/reflow.ts";
import { type OutlineSection, subtree } from "./outline.ts";
import type { Indicator, Period, Quantity } from "./schema.ts";
import type { Table } from "./tables.ts";

/** "1.200" (thousands), "83,77" (decimal comma), "80". */
const NUMBER = String.raw`(\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d+)?)`;

function numberValue(written: string): number {
  return /^\d{1,3}(?:\.\d{3})+$/u.test(written)
    ? Number(written.replaceAll(".", ""))
    : Number(written.replace(",", "."));
}

function comparatorOf(before: string, after: string): Quantity["comparator"] {
  const b = fold(before);
  const a = fold(after);
  if (
    /(≥|>=|toi thieu|it nhat|khong duoi|khong thap hon)\s*(co\s*)?$/u.test(b) ||
    /^\s*(tro len|tro len\b)/u.test(a)
  )
    return "≥";
  if (/(>|tren|hon|vuot)\s*$/u.test(b)) return ">";
  if (/(≤|<=|toi da|khong qua|khong vuot qua)\s*$/u.test(b)) return "≤";
  if (/(<|duoi)\s*$/u.test(b)) return "<";
  return "=";
}

/** A value cell or phrase: "≥ 84%", "83,77%", "100% (2025-2027)", "Tối thiểu 70%", "≥ 8 sản phẩm". */
export function parseQuantity(raw: string): Quantity {
  const text = squash(raw);
  const m = new RegExp(`${NUMBER}\\s*(%|[\\p{L}][\\p{L}\\s/]{0,20})?`, "u").exec(text);
  if (!m) return { raw: text, value: null, unit: null, comparator: "=" };
  const value = numberValue(m[1] ?? "");
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  const unit = m[2] ? squash(m[2]) : null;
  return {
    raw: text,
    value: Number.isFinite(value) ? value : null,
    unit,
    comparator: comparatorOf(before, after),
  };
}

function periodOfYear(year: number): Indicator["period"] {
  return { label: `năm ${year}`, start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
}

/**
 * A value whose unit stands in the table's own "Đơn vị tính" column ("%" beside "≥ 85"): the unit is
 * the column's, and the value reads with it ("≥ 85%", "4.000 lượt người").
 */
function withUnit(q: Quantity, unit: string | undefined): Quantity {
  const u = unit ? squash(unit) : "";
  if (!u || q.unit || q.value === null) return q;
  return { ...q, unit: u, raw: u === "%" ? `${q.raw}%` : `${q.raw} ${u.toLowerCase()}` };
}

export function tableIndicators(
  planId: string,
  tables: readonly Table[],
  section: (line: number) => string,
  period: Period,
): Indicator[] {
  const out: Indicator[] = [];
  for (const table of tables) {
    if (table.kind !== "indicators") continue;
    const targetYear = table.years.get("target");
    const baselineYear = table.years.get("baseline") ?? null;
    for (const row of table.rows) {
      const name = squash(row.cells.get("name") ?? "").replace(/\.$/u, "");
      const targetRaw = row.cells.get("target");
      if (!name || !targetRaw) continue;
      const unitCell = row.cells.get("unit");
      const target = withUnit(parseQuantity(targetRaw), unitCell);
      const baselineRaw = row.cells.get("baseline");
      const ownPeriod = /\((\d{4})\s*-\s*(\d{4})\)/u.exec(targetRaw);
      const indicatorPeriod: Indicator["period"] = ownPeriod
        ? {
            label: `giai đoạn ${ownPeriod[1]}-${ownPeriod[2]}`,
            start: isoDate(Number(ownPeriod[1]), 1, 1),
            end: isoDate(Number(ownPeriod[2]), 12, 31),
          }
        : targetYear
          ? periodOfYear(targetYear)
          : { label: period.label, start: period.start, end: period.end };
      out.push({
        id: `${planId}:chỉ tiêu:${out.length + 1}`,
        name,
        statement: [name, baselineRaw ? `${baselineRaw}` : null, targetRaw].filter(Boolean).join(" | "),
        group: row.group,
        baseline: baselineRaw
          ? { ...withUnit(parseQuantity(baselineRaw), unitCell), year: baselineYear }
          : null,
        target,
        period: indicatorPeriod,
        section: section(row.from),
        lines: [row.from, row.to],
      });
    }
  }
  return out;
}

const TARGET_SECTION = /\b(muc tieu cu the|chi tieu cu the|muc tieu, chi tieu|chi tieu)\b/u;

export function isTargetSection(s: OutlineSection): boolean {
  const h = fold(s.heading);
  // A label line "Mục tiêu đến ngày 31/12/2026:" in a short plan names its targets too.
  const named =
    (s.kind === "named" && /^muc tieu\b/u.test(h)) ||
    /^(?:muc tieu|muc tieu, chi tieu|chi tieu)(?: (?:nam \d{4}|den (?:het )?(?:nam|ngay) .*))?$/u.test(h);
  return (TARGET_SECTION.test(h) || named) && !/\b(chung|tong quat)\b/u.test(h);
}

/** Counted targets: "Ít nhất 1.200 lượt người dân …", "… lên 15 điểm", "có 12 sản phẩm …". */
const COUNT = new RegExp(
  String.raw`(?:(?:tối thiểu|ít nhất|không dưới|trên|đạt|lên|có)\s+)?${NUMBER}\s+(?:${COUNT_UNITS.join("|")})(?![\p{L}])`,
  "iu",
);
const PERCENT_ANY = /\d\s*%/u;

const PERCENT = new RegExp(
  String.raw`((?:(?:tối thiểu|ít nhất|không dưới|không thấp hơn|đạt trên|đạt|trên|dưới|tối đa|khoảng|phấn đấu)\s+(?:có\s+)?)?)${NUMBER}\s*%(\s+trở lên)?`,
  "giu",
);

/** "a) Về chính quyền số: tỷ lệ …": the pillar a sentence of targets is under, not the target's name. */
const PILLAR_LABEL = /^\s*(?:[a-zđ]\)\s*)?Về\s+[^:;]{2,60}:\s*/iu;

/**
 * The group a sub-heading names: "a) Về hạ tầng số: 100% ấp …" is a sentence of targets under the
 * label before its colon ("Hạ tầng số"); a short heading is the group itself.
 */
function groupName(heading: string): string {
  const label = /^\s*(?:[a-zđ]\)\s*)?(?:Về\s+)?([^:;]{2,60}):\s*\S/iu.exec(heading);
  return heading.length > 80 && label?.[1] ? capitalize(squash(label[1])) : heading;
}

function clauseName(written: string, match: string): string {
  const clause = written.replace(PILLAR_LABEL, "");
  const tyLe =
    /^(Tỷ lệ|Tỉ lệ|Số lượng|Số)(?![\p{L}\p{N}])(.*?)(?:\s+(?:đạt|chiếm|là)(?![\p{L}\p{N}])|:)/iu.exec(clause);
  if (tyLe) return capitalize(squash(`${tyLe[1]}${tyLe[2]}`));
  const rest = clause.replace(match, " ").replace(/^\s*(?:Phấn đấu|Đến năm \d{4},?)\s*/u, "");
  return capitalize(
    squash(rest)
      .replace(/^[,:;\s]+/u, "")
      .replace(/[.;,]+$/u, ""),
  );
}

type Baseline = NonNullable<Indicator["baseline"]>;

const YEAR = String.raw`((?:19|20)\d{2})`;
/** "(năm 2024 đạt 62%)", "(năm 2025: 62%)", "(hiện nay là 62%)", "(kết quả năm 2025 đạt 62%)". */
const UNIT = String.raw`(%|\s(?:${COUNT_UNITS.join("|")})(?![\p{L}]))`;
/** A number, or a share written as a fraction ("9/11 ấp"). */
const COUNT_OR_SHARE = String.raw`(\d+\/\d+(?!\d)|\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d+)?)`;
const BASELINE_NOTE = new RegExp(
  String.raw`\(\s*(?:kết quả\s+|ước\s+)?(?:năm\s+${YEAR}|hiện nay|hiện tại|hiện|năm trước)\s*(?:đã\s+)?(?:đạt|là|:|ước đạt|có)?\s*${COUNT_OR_SHARE}\s*${UNIT}\s*\)`,
  "iu",
);
/** "từ 45% năm 2025 lên 70%", "tăng từ 45% (năm 2025) lên 70%", "từ 6 điểm năm 2025 lên 15 điểm". */
const FROM_TO = new RegExp(
  String.raw`từ\s+${NUMBER}\s*${UNIT}\s*(?:\(?\s*(?:năm\s+)?${YEAR}\s*\)?\s*)?(?:lên|tới|đến)\s+(?:mức\s+)?(?=\d)`,
  "iu",
);

/** A baseline the plan states in prose, and the clause without it (so it is not read as a target). */
export function proseBaseline(clause: string): { baseline: Baseline | null; rest: string } {
  // A note in brackets leaves a space where it stood; "từ … lên" leaves the target right after.
  for (const [re, gap, value, unit, year] of [
    [BASELINE_NOTE, " ", 2, 3, 1],
    [FROM_TO, "", 1, 2, 3],
  ] as const) {
    const m = re.exec(clause);
    if (!m) continue;
    return {
      baseline: { ...parseQuantity(`${m[value]}${m[unit]}`), year: m[year] ? Number(m[year]) : null },
      rest: squash(clause.replace(m[0], gap)),
    };
  }
  return { baseline: null, rest: clause };
}

export function statementIndicators(
  planId: string,
  sections: readonly OutlineSection[],
  period: Period,
): Indicator[] {
  const out: Indicator[] = [];
  const seen = new Set<string>();
  for (const top of sections.filter(isTargetSection)) {
    const span = parseTimeSpan(top.heading);
    const headingPeriod: Indicator["period"] = span
      ? {
          label: squash(/(đến (?:hết )?(?:ngày|năm).*|năm \d{4}.*)$/iu.exec(top.heading)?.[1] ?? top.heading),
          start: span.kind === "date" ? null : span.start,
          end: span.end,
        }
      : { label: period.label, start: period.start, end: period.end };
    const general = new Set(
      subtree(sections, top.path)
        .filter((s) => s.path !== top.path && /\b(chung|tong quat)\b/u.test(fold(s.heading)))
        .flatMap((s) => subtree(sections, s.path).map((x) => x.path)),
    );
    for (const s of subtree(sections, top.path)) {
      if (seen.has(s.path) || general.has(s.path)) continue;
      seen.add(s.path);
      const group = s.path === top.path ? null : groupName(s.heading);
      // "1. Tỷ lệ hồ sơ … đạt tối thiểu 60%.": a target written as a numbered heading of its own.
      const head = s.path !== top.path ? s.headingParagraphs[0] : undefined;
      const own = head ? [{ ...head, text: s.heading }, ...s.paragraphs] : s.paragraphs;
      for (const p of own as Paragraph[]) {
        if (p.cells) continue;
        const statement = stripBullet(p.text);
        const clauses = statement.split(/\s*;\s*/u);
        for (const written of clauses) {
          const { baseline, rest: clause } = proseBaseline(written);
          if (!PERCENT_ANY.test(clause)) {
            const count = COUNT.exec(clause);
            if (count) {
              const raw = squash(count[0]);
              out.push({
                id: `${planId}:chỉ tiêu:${s.path}:${out.length + 1}`,
                name: clauseName(clause, count[0]),
                statement,
                group,
                baseline,
                target: parseQuantity(raw),
                period: headingPeriod,
                section: s.path,
                lines: [p.from, p.to],
              });
            }
            continue;
          }
          const matches = [...clause.matchAll(PERCENT)];
          const parts = matches.length > 1 ? clause.split(/\s+và\s+(?=\d)/u) : [clause];
          for (const part of parts) {
            const m = [...part.matchAll(PERCENT)][0];
            if (!m) continue;
            const raw = squash(m[0]).replace(/^(?:đạt|phấn đấu)\s+(?=trên|\d)/iu, "");
            const target = parseQuantity(raw);
            target.raw = raw.replace(/^đạt\s+/u, "");
            out.push({
              id: `${planId}:chỉ tiêu:${s.path}:${out.length + 1}`,
              name: clauseName(part, m[0]),
              statement,
              group,
              baseline,
              target,
              period: headingPeriod,
              section: s.path,
              lines: [p.from, p.to],
            });
          }
        }
      }
    }
  }
  return out;
}
