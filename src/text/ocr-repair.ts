/**
 * Letters OCR confuses where the repair is unambiguous: a roman "I." of a heading read as "L" or "l",
 * and a name the document spells with a capital I ("Ia Tôr") read elsewhere as "la Tôr" or "1a Tôr".
 * Only the parser's reading changes; the stored text, which citations quote, stays as recognised.
 */
import { isAllCaps } from "./normalize.ts";

const NAME_WITH_I = /(?<![\p{L}\p{N}])I(\p{Ll}{1,4})\s+(\p{Lu}[\p{L}\p{M}]*)/gu;
const MISREAD_I = /(?<![\p{L}\p{N}])[l1|](\p{Ll}{1,4})(\s+)(\p{Lu}[\p{L}\p{M}]*)/gu;
const HEADING_I = /^(?:L|l|\|)\.?\s+(\S.*)$/u;

export function ocrRepairer(documentText: string): (line: string) => string {
  const names = new Set<string>();
  for (const m of documentText.matchAll(NAME_WITH_I)) names.add(`${m[1]} ${m[2]}`);
  return (line) => {
    const heading = HEADING_I.exec(line);
    let out = heading?.[1] && isAllCaps(heading[1]) ? `I. ${heading[1]}` : line;
    out = out.replace(MISREAD_I, (word, rest: string, gap: string, next: string) =>
      names.has(`${rest} ${next}`) ? `I${rest}${gap}${next}` : word,
    );
    return out;
  };
}
