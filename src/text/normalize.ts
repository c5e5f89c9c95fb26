/**
 * Vietnamese text normalisation: one Unicode form, one tone-mark placement, and a folded
 * (diacritic-free) form used for every comparison a user can influence.
 */

const TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323";
// "oa", "oe", "uy" at the end of a syllable carry the tone on the first vowel in the style the
// plans mostly use (hòa, khỏe, thủy); "qu" is a consonant, so "quý" keeps its tone on "y".
const OA_OE = new RegExp(`(^|[^qQ])([oO])([aAeE])([${TONE_MARKS}])$`, "u");
const UY = new RegExp(`(^|[^qQ])([uU])([yY])([${TONE_MARKS}])$`, "u");
const WORD = /[\p{L}\p{M}]+/gu;

const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;

function placeTone(word: string): string {
  const nfd = word.normalize("NFD");
  const moved = nfd.replace(OA_OE, "$1$2$4$3").replace(UY, "$1$2$4$3");
  return moved === nfd ? word : moved.normalize("NFC");
}

/** NFC with one tone-mark placement: "hoà" → "hòa", "Uỷ" → "Ủy", "thuỷ" → "thủy". */
export function normalizeVietnamese(text: string): string {
  return text.normalize("NFC").replace(WORD, placeTone);
}

/** Every dash-like character becomes "-". */
export function unifyDashes(text: string): string {
  return text.replace(DASHES, "-");
}

/** Lower-case, diacritics removed, đ → d, dashes unified. Length may differ from the input. */
export function fold(text: string): string {
  return unifyDashes(text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase());
}

/** Folded text with punctuation turned into single spaces: the form unit names and phrases are matched in. */
export function foldWords(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}%]+/gu, " ")
    .trim();
}

/** Collapse runs of whitespace to one space and trim. */
export function squash(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** True when every letter of the text is upper-case (and it has at least two letters). */
export function isAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu);
  if (!letters || letters.length < 2) return false;
  return letters.every((ch) => ch === ch.toUpperCase() && ch !== ch.toLowerCase());
}

/** Upper-case the first letter. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A question as typed, ready to be understood: control characters (NUL, ESC, C1) and invisible ones
 * (zero-width space and joiners, BOM, soft hyphen) removed, tabs and line breaks read as spaces.
 */
export function cleanQuestion(text: string): string {
  return text
    .replace(/[\t\n\r\v\f\u2028\u2029]+/gu, " ")
    .replace(/[\p{Cc}\u200B-\u200D\u2060\uFEFF\u00AD]/gu, "");
}

/** Longest question, in characters (code points), everywhere a question arrives. */
export const MAX_QUESTION_CHARS = 1000;

/** A question's length as users count it: characters, not UTF-16 units (an emoji is one). */
export function questionLength(text: string): number {
  return [...text].length;
}
