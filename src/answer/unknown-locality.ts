/**
 * A commune or ward a question names that no plan covers ("xã An Lão"): such a question is not answered
 * from another commune's plan.
 */
import { PROVINCES } from "../lexicon/vi/localities.ts";
import { placeKeys } from "../plans/query.ts";
import type { Plan } from "../plans/schema.ts";
import { foldWords } from "../text/normalize.ts";

// A province is read with its diacritics as typed, or without them after a word that introduces a
// place ("tinh thanh hoa", "o nghe an"): "nghe an ninh" is not Nghệ An.
const PROVINCE_NAMES = PROVINCES.filter((p) => p !== "Huế").map((name) => ({
  name,
  /** Either form holds the folded name: a question without it is not tried against the patterns. */
  plain: foldWords(name),
  typed: new RegExp(`(?<![\\p{L}])${name.replace(/[-\s]+/gu, "[-\\s]+")}(?![\\p{L}])`, "iu"),
  folded: new RegExp(` (?:tinh|tp|thanh pho|o|tai|ben) ${foldWords(name)} `, "u"),
}));

const PLACES = new WeakMap<readonly Plan[], { known: Set<string>; regions: Set<string> }>();

/** The folded places the plans are for, and their districts and provinces: gathered once per corpus. */
function placesOf(plans: readonly Plan[]): { known: Set<string>; regions: Set<string> } {
  let places = PLACES.get(plans);
  if (!places) {
    places = {
      known: new Set(plans.map((p) => placeKeys(p).name)),
      regions: new Set(
        plans.flatMap((p) =>
          [p.province.name, p.province.district].filter((x): x is string => Boolean(x)).map(foldWords),
        ),
      ),
    };
    PLACES.set(plans, places);
  }
  return places;
}

/** Names after "xã/phường/đặc khu" that no plan covers ("xã An Lão"). */
export function unknownLocality(
  question: string,
  plans: readonly Plan[],
  named: readonly Plan[],
): string | null {
  const { known, regions } = placesOf(plans);
  // With diacritics, a place name is capitalised: "xã An Lão", "phường Hồng Bàng".
  const capitalised =
    /(?<![\p{L}])(?:[Xx]ã|[Pp]hường|[Đđ]ặc khu|[Tt]hị trấn|[Tt]hành phố|[Tt]ỉnh|[Hh]uyện|[Qq]uận|[Tt]hị xã)\s+((?:[\p{Lu}][\p{L}\p{M}]*)(?:\s+[\p{Lu}][\p{L}\p{M}]*){0,2})/gu;
  for (const m of question.matchAll(capitalised)) {
    // "Phòng Văn Hóa Xã Hội": "Xã Hội" is society, not a commune.
    if (/^h[oộ]i\b/iu.test(m[1] ?? "")) continue;
    const name = foldWords(m[1] ?? "");
    const words = name.split(" ");
    // The place may be followed by capitalised words that are not part of it ("xã Tân Kỳ Hải Phòng").
    const candidates = words.map((_, i) => words.slice(0, i + 1).join(" "));
    // "huyện Tân Kỳ" where the plan is for xã Tân Kỳ: a district of the same name is another place.
    const kind = foldWords(m[0].slice(0, m[0].length - (m[1]?.length ?? 0)));
    const higher = /^(huyen|quan|thi xa|tinh)$/u.test(kind);
    const sameNamed = plans.filter((p) => candidates.includes(placeKeys(p).name));
    if (
      higher &&
      sameNamed.length > 0 &&
      !sameNamed.some((p) => foldWords(p.locality.kind) === kind) &&
      !regions.has(candidates.find((c) => known.has(c)) ?? "")
    )
      return m[0].trim();
    if (candidates.some((c) => known.has(c) || regions.has(c))) continue;
    if (named.length > 0) continue;
    return m[1] ?? null;
  }
  if (named.length === 0) {
    const f = ` ${foldWords(question)} `;
    const province = PROVINCE_NAMES.find(
      (p) => f.includes(p.plain) && !regions.has(p.plain) && (p.typed.test(question) || p.folded.test(f)),
    );
    if (province) return province.name;
  }
  // Without diacritics, only a lower-case "xa an lao" / "phuong hong bang" that is not ordinary words.
  if (!/[\p{M}đĐ]/u.test(question.normalize("NFD")) && named.length === 0) {
    const f = ` ${foldWords(question)} `;
    const m = / (xa|phuong|dac khu|thi tran) ([a-z]+ [a-z]+) /u.exec(f);
    if (m?.[2]) {
      const candidate = m[2];
      const ordinary =
        /^(hoi|phai|lam|co|da|se|nao|minh|nay|do|ta|duoc|thi|la|ve|trong|tren|cua|va|can|cung|ban|nha|chu|khong|ko|ma|tu|den|dang|gi|giao|chi|ke|nam|hien|thuc|phoi|tham|nhan|vien|cong|uy|van|trung|to|thon|doan|dac|phuong|xa)\b/u.test(
          candidate,
        );
      if (!ordinary && !known.has(candidate) && !regions.has(candidate)) return candidate;
    }
  }
  return null;
}
