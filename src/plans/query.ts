/**
 * Structured look-ups over parsed plans: which units a text names, a unit's tasks, tasks due in a
 * window, indicators by keyword. Pure functions over `Plan` values.
 */
import { ABBREVIATIONS } from "../lexicon/vi/units.ts";
import { foldWords } from "../text/normalize.ts";
import type { Indicator, Plan, Task, Unit } from "./schema.ts";
import { unitKey } from "./units.ts";

function containsPhrase(haystack: string, phrase: string): boolean {
  if (!phrase) return false;
  return ` ${haystack} `.includes(` ${phrase} `);
}

/** Folded alias → unit ids, per plan (memoised: plans are immutable once parsed). */
const aliasIndexCache = new WeakMap<Plan, Map<string, Set<string>>>();

function aliasIndex(plan: Plan): Map<string, Set<string>> {
  let index = aliasIndexCache.get(plan);
  if (index) return index;
  index = new Map();
  const put = (k: string, id: string) => {
    const set = index?.get(k) ?? new Set<string>();
    set.add(id);
    index?.set(k, set);
  };
  const add = (alias: string, id: string) => {
    const k = foldWords(alias);
    if (!k) return;
    put(k, id);
    // "Tổ công tác Đề án 06/CP" is also "tổ công tác đề án 06": staff leave the issuer's code off.
    const bare = k.replace(/(?<=\d) (?:cp|ttg|tw|nd cp|qd ttg|qd ubnd)(?= |$)/gu, "");
    if (bare !== k) put(bare, id);
    // "Ủy ban MTTQ Việt Nam xã" is "UBMTTQ xã", "Ủy ban MTTQ".
    const national = k.replace(/ (?:viet nam|vn)(?= |$)/gu, "").replace(/(mttq)vn\b/gu, "$1");
    if (national !== k) put(national, id);
  };
  for (const u of plan.units) {
    add(u.name, u.id);
    add(u.id, u.id);
    for (const a of u.aliases) add(a, u.id);
  }
  aliasIndexCache.set(plan, index);
  return index;
}

/** The unit a name written in the plan (a task's lead, say) refers to. */
export function unitOf(plan: Plan, name: string): Unit | undefined {
  // Asked for every task's lead and coordinators of every answer: read once per plan and name.
  let known = unitOfCache.get(plan);
  if (!known) {
    known = new Map();
    unitOfCache.set(plan, known);
  }
  if (known.has(name)) return known.get(name);
  const ids =
    aliasIndex(plan).get(foldWords(name)) ?? aliasIndex(plan).get(unitKey(name, plan.locality.name));
  const id = ids ? [...ids][0] : unitKey(name, plan.locality.name);
  const unit = plan.units.find((u) => u.id === id);
  known.set(name, unit);
  return unit;
}

const unitOfCache = new WeakMap<Plan, Map<string, Unit | undefined>>();
const longestFirstCache = new WeakMap<Plan, readonly string[]>();

/** A plan's unit aliases, longest first (so "phòng văn hóa" is read before "phòng"). */
function aliasesLongestFirst(plan: Plan): readonly string[] {
  let aliases = longestFirstCache.get(plan);
  if (!aliases) {
    aliases = [...aliasIndex(plan).keys()].sort((a, b) => b.length - a.length);
    longestFirstCache.set(plan, aliases);
  }
  return aliases;
}

/**
 * Units a free text names ("công an xã phải làm gì", "phong vh-xh"): every alias found as a whole
 * phrase, longest first, each stretch of the text used once.
 */
export function unitsInText(plan: Plan, text: string): Unit[] {
  let words = ` ${foldWords(text)} `;
  const found = new Set<string>();
  for (const alias of aliasesLongestFirst(plan)) {
    if (!words.includes(` ${alias} `)) continue;
    // "giao cho đơn vị nào", "phòng nào": a question about which unit, not a unit named.
    if (words.replaceAll(` ${alias} nao `, " ").includes(` ${alias} `) === false) continue;
    for (const id of aliasIndex(plan).get(alias) ?? []) found.add(id);
    words = words.replaceAll(` ${alias} `, " | ");
  }
  return plan.units.filter((u) => found.has(u.id));
}

/**
 * Units matching a user's filter ("cong an", "VH-XH", "văn phòng"): the filter names the unit, or is a
 * phrase inside one of its names.
 */
export function unitsMatching(plan: Plan, query: string): Unit[] {
  const q = foldWords(query);
  if (!q) return [];
  const named = unitsInText(plan, query);
  if (named.length > 0) return named;
  return plan.units.filter((u) => [u.id, ...u.aliases.map(foldWords)].some((a) => containsPhrase(a, q)));
}

export type Role = "lead" | "coordinator";

/** Tasks the unit leads or coordinates. */
export function tasksOfUnit(plan: Plan, unit: Unit): Array<{ task: Task; role: Role }> {
  const out: Array<{ task: Task; role: Role }> = [];
  for (const task of plan.tasks) {
    if (task.lead.some((n) => unitOf(plan, n)?.id === unit.id)) out.push({ task, role: "lead" });
    else if (task.coordinators.some((n) => unitOf(plan, n)?.id === unit.id))
      out.push({ task, role: "coordinator" });
  }
  return out;
}

function taskText(t: Task): string {
  return foldWords(
    `${t.title} ${t.description} ${t.product ?? ""} ${t.lead.join(" ")} ${t.coordinators.join(" ")}`,
  );
}

/** Every word of the query occurs in the text (folded). */
export function matchesWords(text: string, query: string): boolean {
  const words = foldWords(query).split(" ").filter(Boolean);
  const hay = ` ${text} `;
  return words.every((w) => hay.includes(` ${w} `) || hay.includes(` ${w}`));
}

export interface TaskFilter {
  plan?: string;
  unit?: string;
  q?: string;
  /** ISO dates: tasks whose deadline end falls in [dueFrom, dueTo]. */
  dueFrom?: string;
  dueTo?: string;
}

export interface TaskHit {
  plan: Plan;
  task: Task;
  role: Role | null;
}

export function filterTasks(plans: readonly Plan[], filter: TaskFilter): TaskHit[] {
  const out: TaskHit[] = [];
  for (const plan of plans) {
    if (filter.plan && plan.id !== filter.plan) continue;
    let hits: Array<{ task: Task; role: Role | null }> = plan.tasks.map((task) => ({ task, role: null }));
    if (filter.unit) {
      const units = unitsMatching(plan, filter.unit);
      const byTask = new Map<Task, Role>();
      for (const u of units)
        for (const h of tasksOfUnit(plan, u))
          if (!byTask.has(h.task) || h.role === "lead") byTask.set(h.task, h.role);
      hits = hits
        .filter((h) => byTask.has(h.task))
        .map((h) => ({ task: h.task, role: byTask.get(h.task) ?? null }));
    }
    if (filter.q) hits = hits.filter((h) => matchesWords(taskText(h.task), filter.q as string));
    if (filter.dueFrom || filter.dueTo) {
      hits = hits.filter((h) => {
        const end = h.task.deadline.end;
        if (!end || h.task.deadline.kind === "plan-period") return false;
        return (!filter.dueFrom || end >= filter.dueFrom) && (!filter.dueTo || end <= filter.dueTo);
      });
    }
    for (const h of hits) out.push({ plan, task: h.task, role: h.role });
  }
  return out;
}

export interface IndicatorHit {
  plan: Plan;
  indicator: Indicator;
}

export function filterIndicators(
  plans: readonly Plan[],
  filter: { plan?: string; q?: string },
): IndicatorHit[] {
  const out: IndicatorHit[] = [];
  for (const plan of plans) {
    if (filter.plan && plan.id !== filter.plan) continue;
    for (const indicator of plan.indicators) {
      const text = foldWords(`${indicator.name} ${indicator.statement} ${indicator.group ?? ""}`);
      if (filter.q && !matchesWords(text, filter.q)) continue;
      out.push({ plan, indicator });
    }
  }
  return out;
}

function editDistanceAtMost1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * Where a folded place name of 5+ letters stands in folded words, from index `from` on (-1: nowhere;
 * shorter names only match exactly, elsewhere). The first syllable must be right; one slip is allowed in
 * the rest ("tan kyy").
 */
export function nearPlaceName(
  words: readonly string[],
  name: string,
  from = 0,
  known?: ReadonlySet<string>,
): number {
  if (name.length < 5) return -1;
  const parts = name.split(" ");
  for (let i = from; i + parts.length <= words.length; i++) {
    if (words[i] !== parts[0]) continue;
    const typed = words.slice(i, i + parts.length);
    if (!editDistanceAtMost1(typed.join(" "), name)) continue;
    // "hạ tầng" is one letter from "Hà Thắng" and "quý này" from "Quý Tây": a slip is a word the plans
    // never write ("tan kyy"), not another word.
    if (known && typed.some((w, k) => w !== parts[k] && known.has(w))) continue;
    return i;
  }
  return -1;
}

const WORDS_OF_PLANS = new WeakMap<readonly Plan[], ReadonlySet<string>>();

/** Every folded word the plans write (titles, headings, paragraphs, tasks): built once per corpus. */
function wordsOfPlans(plans: readonly Plan[]): ReadonlySet<string> {
  let words = WORDS_OF_PLANS.get(plans);
  if (!words) {
    const set = new Set<string>();
    const add = (text: string) => {
      for (const w of foldWords(text).split(" ")) if (w) set.add(w);
    };
    for (const p of plans) {
      add(p.title);
      for (const s of p.sections) {
        add(s.heading);
        for (const para of s.paragraphs) add(para.text);
      }
      for (const t of p.tasks) add(`${t.title} ${t.description}`);
    }
    words = set;
    WORDS_OF_PLANS.set(plans, words);
  }
  return words;
}

/**
 * Plans a text names by locality ("Tân Kỳ", "tan ky", "xã Tân Kỳ", "tanky", one typo: "tan kyy") or id.
 */
export function plansInText(plans: readonly Plan[], text: string): Plan[] {
  const words = foldWords(text).split(" ").filter(Boolean);
  const joined = ` ${words.join(" ")} `;
  // Run together ("tanky", "tanky2026"), a name counts only from the start of a word to the end of
  // one: among a thousand communes "doanh nghiệp hài lòng" runs into "Hiệp Hà", "hoàn thành" "An Thành".
  const compact = words.join("");
  const starts = new Set<number>();
  const ends = new Set<number>();
  let at = 0;
  for (const w of words) {
    starts.add(at);
    at += w.length;
    ends.add(at);
  }
  const runsInto = (key: string) => {
    for (let i = compact.indexOf(key); i >= 0; i = compact.indexOf(key, i + 1))
      if (starts.has(i) && ends.has(i + key.length)) return true;
    return false;
  };
  const named = plans.filter((p) => {
    const { name, id, joinedName } = placeKeys(p);
    if (joined.includes(` ${name} `) || runsInto(id)) return true;
    return name.length >= 6 && runsInto(joinedName);
  });
  if (named.length > 1) {
    // "Tỷ lệ hồ sơ xử lý trên môi trường điện tử ở Tân Kỳ": "Trường Điện" in the middle of a phrase is
    // words, not a place, when another place is named where a place is.
    const segments = text.split(/[,;:.?!()\n]+/u).map((part) => ` ${foldWords(part)} `);
    const embedded = (p: Plan) => {
      const name = placeKeys(p).name;
      if (name === "") return false;
      let seen = false;
      for (const segment of segments) {
        for (let i = segment.indexOf(` ${name} `); i >= 0; i = segment.indexOf(` ${name} `, i + 1)) {
          seen = true;
          // "phòng văn hóa - xã hội Phù Liễn": "Phong Vân" there is the start of an office's name.
          const end = i + name.length + 2;
          const inOffice = OFFICE_WORDS.some((long) => {
            for (let j = segment.indexOf(` ${long} `); j >= 0; j = segment.indexOf(` ${long} `, j + 1))
              if (j < end - 1 && i < j + long.length + 1) return true;
            return false;
          });
          if (inOffice) continue;
          // … and "Phù Liễn" right after it is the office's place.
          const ofOffice = OFFICE_WORDS.some((long) => segment.slice(0, i + 1).endsWith(` ${long} `));
          const before = segment.slice(0, i).trim().split(" ").pop() ?? "";
          const after =
            segment
              .slice(i + name.length + 2)
              .trim()
              .split(" ")[0] ?? "";
          if (
            ofOffice ||
            before === "" ||
            after === "" ||
            PLACE_BOUNDARY.has(before) ||
            PLACE_BOUNDARY.has(after)
          )
            return false;
        }
      }
      return seen;
    };
    // "Tiền làm chuyển đổi số của xã Tân Kỳ": words written with their marks that are not the
    // place's marks are not the place ("Tiến Lâm").
    const tokens = (
      text
        .normalize("NFC")
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? []
    ).map((t) => ({
      written: t,
      folded: foldWords(t),
    }));
    const otherMarks = (p: Plan) => {
      const want = p.locality.name.normalize("NFC").toLowerCase().split(/\s+/u);
      const folded = want.map((w) => foldWords(w));
      let seen = false;
      for (let i = 0; i + folded.length <= tokens.length; i++) {
        if (!folded.every((w, k) => tokens[i + k]?.folded === w)) continue;
        seen = true;
        const written = tokens.slice(i, i + folded.length).map((t) => t.written);
        const marked = written.some((w, k) => w !== folded[k]);
        if (!marked || written.every((w, k) => w === want[k])) return false;
      }
      return seen;
    };
    const placed = named.filter((p) => !embedded(p) && !otherMarks(p));
    if (placed.length > 0 && placed.length < named.length) return placed;
  }
  if (named.length > 0) {
    // "phu lienn va cat hai": beside a commune named exactly, one with a slip joined to it by "và".
    const joins = new Set(["va", "voi", "hay", "hoac"]);
    if (!words.some((w) => joins.has(w))) return named;
    const known = wordsOfPlans(plans);
    const slipped = plans.filter((p) => {
      if (named.includes(p)) return false;
      const name = placeKeys(p).name;
      const i = nearPlaceName(words, name, 0, known);
      if (i < 0) return false;
      const after = words[i + name.split(" ").length];
      // "phối hợp với Trung tâm ứng cứu" is an office, one letter from "Trung Tây".
      if (OFFICE_HEAD_WORDS.has(words[i] ?? "")) return false;
      return joins.has(words[i - 1] ?? "") || joins.has(after ?? "");
    });
    return [...named, ...slipped].sort((a, b) => plans.indexOf(a) - plans.indexOf(b));
  }
  // A slip ("tan kyy") only when nothing is named exactly: among a thousand communes "phong kinh" (of
  // "phòng kinh tế") is one letter from "Phong Ninh".
  const known = wordsOfPlans(plans);
  const near = plans.filter((p) => nearPlaceName(words, placeKeys(p).name, 0, known) >= 0);
  if (near.length > 0) return near;
  // Initials are a word of the text: only the plans whose initials are one are tested further.
  const present = new Set(words);
  const byInitials = plans.filter((p) => present.has(placeKeys(p).initials) && initialsOf(p, text) !== null);
  return byInitials.length === 1 ? byInitials : [];
}

/** The long words of offices' names ("văn hóa xã hội", "kinh tế"), folded. */
const OFFICE_WORDS = ABBREVIATIONS.map(([long]) => long).filter((long) => long.includes(" "));

/** First words of offices' names, folded: never a commune's name with a slip. */
const OFFICE_HEAD_WORDS = new Set(["trung", "phong", "van", "cong", "ban", "uy", "hoi", "doan", "to", "so"]);

/** Words a place's name stands next to: its kind, a preposition, a conjunction, "kế hoạch", "UBND". */
const PLACE_BOUNDARY = new Set([
  "xa",
  "phuong",
  "tran",
  "khu",
  "o",
  "tai",
  "cua",
  "va",
  "voi",
  "hay",
  "hoac",
  "con",
  "thi",
  "giua",
  "cung",
  "nhu",
  "hoach",
  "kh",
  "ubnd",
  "dan",
  "ban",
  "vs",
]);

interface PlaceKeys {
  name: string;
  id: string;
  joinedName: string;
  initials: string;
}

const PLACE_KEYS = new WeakMap<Plan, PlaceKeys>();

/** A plan's place folded ("tan ky"), its id, its name without spaces and its initials: once per plan. */
export function placeKeys(plan: Plan): PlaceKeys {
  let keys = PLACE_KEYS.get(plan);
  if (!keys) {
    const name = foldWords(plan.locality.name);
    keys = {
      name,
      id: plan.id.replace(/-/gu, ""),
      joinedName: name.replace(/ /gu, ""),
      initials: name
        .split(" ")
        .map((w) => w[0])
        .join(""),
    };
    PLACE_KEYS.set(plan, keys);
  }
  return keys;
}

/**
 * Where a text names a plan's place by its initials (a name of two or more syllables): "xã TK",
 * "p. PL", or "TK" written in capitals. The initials as written, or null.
 */
function initialsOf(plan: Plan, text: string): RegExp | null {
  const patterns = initialsPatterns(plan);
  return patterns?.find((re) => re.test(text)) ?? null;
}

const INITIALS = new WeakMap<Plan, readonly RegExp[] | null>();

const OFFICE_SHORTHANDS = new Set(ABBREVIATIONS.map(([, short]) => short));

/** Built once per plan: questions are many, and a corpus may hold a thousand plans. */
function initialsPatterns(plan: Plan): readonly RegExp[] | null {
  let patterns = INITIALS.get(plan);
  if (patterns === undefined) {
    const { name, initials } = placeKeys(plan);
    const syllables = name.split(" ");
    // "VP HĐND-UBND", "CA xã": initials that are an office's shorthand name a place only after its kind.
    const office = OFFICE_SHORTHANDS.has(initials);
    patterns =
      syllables.length < 2
        ? null
        : [
            new RegExp(
              // "xã TK", "p. PL", and "bên tk", "ở tk" where the place is what follows.
              `(?<=(?:^|[^\\p{L}])(?:xã|xa|phường|phuong|p\\.?|đặc khu|dac khu|bên|ben|ở)\\s+)${initials}(?![\\p{L}])`,
              "iu",
            ),
            new RegExp(`(?<![\\p{L}])${initials.toUpperCase()}(?![\\p{L}])`, "u"),
            // "nhân dân tk", "tk phải …", "… làm gì tk?": where the place, not "tài khoản", fits.
            new RegExp(
              `(?<=(?:^|[^\\p{L}])(?:nhân dân|nhan dan|người dân|nguoi dan)\\s+)${initials}(?![\\p{L}])|(?<![\\p{L}])${initials}(?=\\s+(?:phải|phai|cần phải|can phai)(?![\\p{L}])|\\s*[?.!]*\\s*$)`,
              "iu",
            ),
          ].slice(0, office ? 1 : undefined);
    INITIALS.set(plan, patterns);
  }
  return patterns;
}

/** The text without the initials that named these plans ("phòng KT xã TK" → "phòng KT xã"). */
export function withoutInitials(text: string, plans: readonly Plan[]): string {
  let out = text;
  for (const plan of plans) {
    const re = initialsOf(plan, out);
    if (re) out = out.replace(new RegExp(re.source, `${re.flags}g`), " ");
  }
  return out;
}
