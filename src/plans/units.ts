/**
 * Units (cơ quan, đơn vị): cleaning the names plans write, splitting lists of them, one identity per
 * unit however it is spelled ("Phòng Văn hóa - Xã hội xã", "Phòng Văn hoá – Xã hội", "Phòng VH-XH"),
 * and finding units named in a question.
 */
import { ABBREVIATIONS, UNIT_HEADS } from "../lexicon/vi/units.ts";
import { foldWords, squash } from "../text/normalize.ts";

/** "Phòng Văn hóa – Xã hội xã:" → "Phòng Văn hóa – Xã hội xã"; "Đề nghị Ủy ban MTTQ" → "Ủy ban MTTQ". */
export function cleanUnitName(name: string): string {
  return squash(name)
    .replace(/^(?:[-+•]\s*)+/u, "")
    .replace(/^Đề nghị\s+/u, "")
    .replace(/^Cơ quan (?=Ủy ban|Uỷ ban)/u, "")
    .replace(/\s+,/gu, ",")
    .replace(/[\s.:;,]+$/u, "")
    .trim();
}

/**
 * Split "A; B", "A, Trung tâm B", "các doanh nghiệp viễn thông, các đơn vị liên quan" into units, keeping
 * "Các cơ quan, đơn vị liên quan" and "Trung tâm Văn hóa, Thể thao và Truyền thông" whole.
 */
export function splitUnitList(text: string): string[] {
  const units: string[] = [];
  for (const part of text.split(/\s*;\s*/u)) {
    const pieces = part.split(/\s*,\s*/u);
    let current = "";
    for (const piece of pieces) {
      if (current !== "" && (UNIT_HEADS.test(piece) || /^các\s/u.test(piece))) {
        units.push(current);
        current = piece;
      } else {
        current = current === "" ? piece : `${current}, ${piece}`;
      }
    }
    if (current !== "") units.push(current);
  }
  return units.map(cleanUnitName).filter((u) => u !== "");
}

export function isCollective(name: string): boolean {
  const k = foldWords(name);
  return /^cac\b/u.test(k) || /\blien quan\b/u.test(k) || /\bdon vi thuoc\b/u.test(k);
}

function expand(words: string): string {
  // Abbreviations written with a dash fold to two words: "VH-XH", "HĐND-UBND", "KT-HT-ĐT".
  let out = ` ${words} `
    .replaceAll(" vh xh ", " vhxh ")
    .replaceAll(" hdnd ubnd ", " hdnd va ubnd ")
    .replaceAll(" kt ht dt ", " kthtdt ");
  for (const [long, short] of ABBREVIATIONS) out = out.replaceAll(` ${short} `, ` ${long} `);
  return out.trim().replace(/\s+/gu, " ");
}

/** Strip the trailing locality designator: "... xã", "... phường Phù Liễn", "... đặc khu". */
function stripLocality(key: string, localityName: string): string {
  const loc = foldWords(localityName);
  let out = key;
  if (loc) out = out.replace(new RegExp(`\\s+(?:xa|phuong|dac khu|thi tran)\\s+${loc}$`, "u"), "");
  return out.replace(/\s+(?:xa|phuong|dac khu|thi tran)$/u, "").trim();
}

/** One identity per unit: folded, abbreviations expanded, the locality suffix removed. */
export function unitKey(name: string, localityName = ""): string {
  return stripLocality(expand(foldWords(cleanUnitName(name))), localityName);
}

function initials(words: string): string {
  return words
    .split(" ")
    .filter((w) => w !== "va")
    .map((w) => w.charAt(0))
    .join("");
}

const HEAD_WORDS =
  /^(phong|van phong|trung tam|cong an|ban|to|uy ban|hoi|doan|so|tram|dai|chi cuc|bo phan|co quan)\b/u;
/** Heads distinctive enough to name the unit alone when a plan has only one of them. */
const STANDALONE_HEADS = new Set(["cong an", "van phong"]);
/** Heads whose remainder names the unit on its own ("Phòng Văn hóa - Xã hội" → "Văn hóa - Xã hội"). */
const DROPPABLE_HEADS = new Set(["phong", "trung tam", "to", "ban", "tram"]);

/**
 * Folded alias keys a question may use for the unit. `headIsUnique` allows the bare head ("công an",
 * "văn phòng") when no other unit of the plan shares it.
 */
export function aliasKeys(key: string, headIsUnique: boolean, collective = false): string[] {
  const keys = new Set<string>([key]);
  const withoutCac = key.replace(/^cac\s+/u, "");
  keys.add(withoutCac);
  let short = ` ${withoutCac} `;
  for (const [long, abbr] of ABBREVIATIONS) short = short.replaceAll(` ${long} `, ` ${abbr} `);
  keys.add(short.trim());
  keys.add(
    short
      .trim()
      .replace(/\bva\b/gu, "")
      .replace(/\s+/gu, " "),
  );
  const head = HEAD_WORDS.exec(withoutCac)?.[0];
  if (head && !collective) {
    const rest = withoutCac.slice(head.length).trim();
    const words = rest.split(" ").filter(Boolean);
    if (words.length >= 2 && words.length <= 8) {
      const ini = initials(rest);
      if (ini.length >= 3) {
        keys.add(ini);
        keys.add(`${head} ${ini}`);
        keys.add(`${initials(head)}${ini}`);
        keys.add(`${initials(head)} ${ini}`);
      }
      // The distinctive part alone ("văn hóa xã hội"), when it is long enough not to be ordinary prose.
      if (DROPPABLE_HEADS.has(head) && words.length >= 3 && !/^(ve|cua|thuoc)\b/u.test(rest)) keys.add(rest);
    }
    if (headIsUnique && STANDALONE_HEADS.has(head)) keys.add(head);
    // "Phòng Kinh tế, Hạ tầng và Đô thị" is "phòng KT" for short.
    for (const [long, abbr] of ABBREVIATIONS)
      if (rest.startsWith(`${long} `) && words.length > long.split(" ").length) keys.add(`${head} ${abbr}`);
  } else if (!head && !collective) {
    // "Kế toán - Tài chính" is written "KT-TC".
    const words = withoutCac.split(" ");
    if (words.length >= 3 && words.length <= 6) keys.add(initials(withoutCac));
  }
  // "Ủy ban Mặt trận Tổ quốc Việt Nam xã" is "Mặt trận Tổ quốc", "MTTQ", and "Mặt trận xã" for short.
  if (/^uy ban mat tran to quoc\b/u.test(withoutCac)) {
    keys.add("mat tran to quoc");
    keys.add("mttq");
    keys.add("mat tran");
  }
  // "… và các Thôn" / "…; Các Tổ dân phố": the first unit of a compound name is a name too.
  const [first, ...others] = withoutCac.split(/\s+(?:va cac|va)\s+/u);
  if (!collective && first && first !== withoutCac && first.split(" ").length >= 3) keys.add(first);
  // "Tổ công tác Đề án 06/CP và Công nghệ số cộng đồng các thôn": "Tổ 06", "tổ công nghệ số cộng đồng".
  if (!collective && head === "to") {
    const scheme = /\bde an (\d+)\b/u.exec(first ?? "")?.[1];
    if (scheme) keys.add(`to ${scheme}`).add(`to cong tac ${scheme}`).add(`to de an ${scheme}`);
    for (const other of others) {
      const name = other.split(/\s+(?:cac|tren|tai|o)\s+/u)[0] ?? "";
      if (name.split(" ").length >= 3) keys.add(`to ${name}`);
    }
  }
  // "Ban Chỉ đạo về phát triển khoa học, …": people say "Ban Chỉ đạo".
  const words = withoutCac.split(" ");
  const about = words.findIndex((w, i) => i >= 2 && (w === "ve" || w === "cua"));
  if (!collective && words.length >= 6 && about >= 2) keys.add(words.slice(0, about).join(" "));
  // Lists written "A, các B" are asked about as "A và các B".
  if (/ cac /u.test(withoutCac)) keys.add(withoutCac.replace(/ cac /gu, " va cac "));
  return [...keys].filter((k) => k.length >= 3);
}

export function headOf(key: string): string | null {
  return HEAD_WORDS.exec(key.replace(/^cac\s+/u, ""))?.[0] ?? null;
}

/** Display aliases: the other spellings seen in the plan plus the common abbreviated form. */
export function displayAliases(name: string, seen: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of seen) if (s !== name) out.add(s);
  let abbreviated = name;
  const pairs: ReadonlyArray<readonly [RegExp, string]> = [
    [/Hội đồng nhân dân/gu, "HĐND"],
    [/Ủy ban nhân dân/gu, "UBND"],
    [/Mặt trận Tổ quốc/gu, "MTTQ"],
    [/Văn hóa\s*[-–]\s*Xã hội/gu, "VH-XH"],
    [/Phục vụ [Hh]ành chính công/gu, "PVHCC"],
  ];
  for (const [re, abbr] of pairs) abbreviated = abbreviated.replace(re, abbr);
  if (abbreviated !== name) out.add(abbreviated);
  const vhxh = /Văn hóa\s*[-–]\s*Xã hội/u.test(name);
  if (vhxh) out.add("VHXH");
  return [...out];
}
