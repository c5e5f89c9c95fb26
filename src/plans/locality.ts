/**
 * Which locality a plan is for, at any level (xã, phường, đặc khu, thị trấn, huyện, quận, thị xã,
 * thành phố, tỉnh, or the Ban Chỉ đạo of one), and the province and district above it. The issuing
 * agency in the header decides; the title and the first paragraphs are read when the header names
 * none. The place-and-date line ("Hạ Long, ngày …") is never read: it names where the document was
 * signed, not whom it is for. A plan that names no locality gets none, and is never scoped by its
 * file name.
 */
import {
  CENTRAL_CITIES,
  GLYPH_REPAIRS,
  LOCALITY_KINDS,
  type LocalityLevel,
  NOT_PLACE_NAMES,
} from "../lexicon/vi/localities.ts";
import { foldWords, isAllCaps } from "../text/normalize.ts";
import type { LocalityKind } from "./schema.ts";

export interface Place {
  kind: LocalityKind;
  name: string;
  level: 1 | 2 | 3;
  /** "(cũ)" follows it: a former unit, history rather than where the plan is. */
  former: boolean;
}

const WORD = String.raw`(?:[\p{Lu}][\p{L}\p{M}]*|\d{1,2}(?![\p{L}\p{N}/]))`;
const KINDS = LOCALITY_KINDS.flatMap(({ kind }) => [
  kind,
  kind.charAt(0).toUpperCase() + kind.slice(1),
  kind.toUpperCase(),
]).join("|");
const MENTION = new RegExp(String.raw`(?<![\p{L}\p{N}])(${KINDS})\s+(${WORD}(?:[ \t]+${WORD}){0,3})`, "gu");
/** Capitalised words that end a place name: "xã Tân Kỳ Năm 2026", "HUYỆN NGHI LỘC VỀ …". */
const NAME_STOP = /^(?:năm|giai|về|về việc|thực|trên|giai đoạn|đến|tới|và|của|nhiệm|kế|ban|trong|từ)$/iu;

function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(/\s+/u)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

export function repairGlyphs(name: string): string {
  return GLYPH_REPAIRS.reduce((text, [re, to]) => text.replace(re, to), name);
}

function levelOf(kind: LocalityKind, name: string): LocalityLevel["level"] {
  if (kind === "thành phố" && CENTRAL_CITIES.some((c) => foldWords(c) === foldWords(name))) return 1;
  return (LOCALITY_KINDS.find((k) => k.kind === kind) as LocalityLevel).level;
}

/** Every "kind Name" mention in a text, in order. */
export function placesIn(text: string): Place[] {
  const out: Place[] = [];
  for (const m of text.matchAll(MENTION)) {
    const kindText = m[1] ?? "";
    const kind = kindText.toLowerCase() as LocalityKind;
    // In running text the kind is lower case ("xã Tân Kỳ"); capitalised, only at a sentence start or in capitals.
    const before = text.slice(0, m.index ?? 0);
    const capsLine = isAllCaps(kindText) && isAllCaps(m[2] ?? "");
    if (kindText !== kind && !capsLine && !/(?:^|[.:;(]\s*|\t|UBND\s|nhân dân\s|NHÂN DÂN\s)$/u.test(before))
      continue;
    const words: string[] = [];
    for (const w of (m[2] ?? "").split(/[ \t]+/u)) {
      if (NAME_STOP.test(w) || (words.length > 0 && /^\d/u.test(w))) break;
      words.push(w);
    }
    let name = words.join(" ");
    if (name === "" || NOT_PLACE_NAMES.test(name)) continue;
    if (isAllCaps(name)) name = titleCase(name);
    name = repairGlyphs(name);
    const after = text.slice((m.index ?? 0) + m[0].length);
    out.push({ kind, name, level: levelOf(kind, name), former: /^\s*\(cũ\)/u.test(after) });
  }
  return out;
}

const MOTTO = /^(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP)/u;
const PLACE_DATE = /^[\p{L}\s.]{2,40},\s*ngày\b/u;
const NUMBER_LINE = /^Số\s*:/u;

/** The texts of the header block that can name the issuing agency. */
export function agencyTexts(header: readonly string[]): string[] {
  return header
    .flatMap((t) => t.split(/\s*\|\s*|\t/u))
    .map((t) => t.trim())
    .filter((t) => t !== "" && !MOTTO.test(t) && !PLACE_DATE.test(t) && !NUMBER_LINE.test(t));
}

/** The lowest-level place of the first group of texts that names one. */
function lowest(groups: ReadonlyArray<readonly string[]>): Place | null {
  for (const texts of groups) {
    const places = texts.flatMap(placesIn).filter((p) => !p.former);
    if (places.length === 0) continue;
    return places.reduce((best, p) => (p.level >= best.level ? p : best));
  }
  return null;
}

export interface PlanPlace {
  locality: { kind: LocalityKind; name: string } | null;
  province: string | null;
  district: string | null;
  /** Index (in `body`) of the first text naming the district or province. */
  index: number | null;
}

function mostNamed(places: readonly Place[]): string | null {
  const counts = new Map<string, number>();
  for (const p of places) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  // "Nghi" is a truncation of "Nghi Sơn" ("thị xã Nghi sơn"): credit the longer name.
  for (const [name, n] of [...counts]) {
    const longer = [...counts.keys()].find((k) => k !== name && k.startsWith(`${name} `));
    if (longer) {
      counts.set(longer, (counts.get(longer) ?? 0) + n);
      counts.delete(name);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * The plan's place: `header` is the preamble before the title, `title` the title, `body` every
 * paragraph of the plan (the first few are read for the locality when header and title name none).
 */
export function findPlace(header: readonly string[], title: string, body: readonly string[]): PlanPlace {
  const agency = agencyTexts(header);
  const locality = lowest([agency, [title], body.slice(0, 12).filter((t) => !PLACE_DATE.test(t))]);
  if (!locality) return { locality: null, province: null, district: null, index: null };
  const same = (p: Place) => foldWords(p.name) === foldWords(locality.name);
  const headerPlaces = agency.flatMap(placesIn).filter((p) => !p.former && !same(p));
  const bodyTexts = body.filter((t) => !PLACE_DATE.test(t));
  const bodyPlaces = bodyTexts.flatMap(placesIn).filter((p) => !p.former && !same(p));
  const above = (level: number) =>
    headerPlaces.find((p) => p.level === level)?.name ??
    mostNamed(bodyPlaces.filter((p) => p.level === level));
  const province = locality.level === 1 ? locality.name : above(1);
  const district = locality.level === 3 ? above(2) : null;
  const named = district ?? (locality.level === 1 ? null : province);
  const key = named ? foldWords(named) : "";
  const index = named ? body.findIndex((t) => !PLACE_DATE.test(t) && foldWords(t).includes(key)) : -1;
  return {
    locality: { kind: locality.kind, name: locality.name },
    province,
    district,
    index: index >= 0 ? index : null,
  };
}

/**
 * The body that issues the plan, from the agency lines of the header ("ỦY BAN NHÂN DÂN" over "ĐẶC KHU
 * CÁT HẢI"): a People's Committee is named with its locality as the plan's own place is written;
 * another agency as the header gives it. Null when the header names none.
 */
export function findIssuer(
  header: ReadonlyArray<{ text: string; from: number; to: number }>,
  locality: { kind: string; name: string } | null,
): { name: string; lines: [number, number] } | null {
  const agency = header.filter((p) => {
    const texts = agencyTexts([p.text]);
    return texts.length > 0 && isUpper(texts.join(" ")) && foldWords(p.text) !== "ke hoach";
  });
  const first = agency[0];
  const last = agency.at(-1);
  if (!first || !last) return null;
  const text = agency.flatMap((p) => agencyTexts([p.text])).join(" ");
  const folded = foldWords(text);
  const name =
    folded.startsWith("uy ban nhan dan") && locality?.name
      ? `Ủy ban nhân dân ${locality.kind} ${locality.name}`
      : text.replace(/\s+/gu, " ").trim();
  return { name, lines: [first.from, last.to] };
}

function isUpper(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  return letters.length >= 3 && letters === letters.toUpperCase();
}
