/** Digital-signature stamps of a signed plan: who signed it and when, from the stamp lines themselves. */
import { SIGNATURE_STAMPS, STAMP_TIMES } from "../lexicon/vi/documents.ts";
import type { SourceLine } from "../text/reflow.ts";
import type { DigitalSignature } from "./schema.ts";

const pad = (n: string | undefined) => (n ?? "0").padStart(2, "0");

/** The date and time a stamp line writes, as "YYYY-MM-DDTHH:MM". */
function stampTime(text: string): { date: string; at: string } | null {
  const iso = STAMP_TIMES[0]?.exec(text);
  if (iso) {
    const date = `${iso[1]}-${iso[2]}-${iso[3]}`;
    return { date, at: `${date}T${iso[4]}:${iso[5]}` };
  }
  const vi = STAMP_TIMES[1]?.exec(text);
  if (vi) {
    const date = `${vi[3]}-${pad(vi[2])}-${pad(vi[1])}`;
    return { date, at: vi[4] ? `${date}T${pad(vi[4])}:${vi[5]}` : date };
  }
  return null;
}

export function findSignatures(lines: readonly SourceLine[]): DigitalSignature[] {
  const found: DigitalSignature[] = [];
  lines.forEach((line, i) => {
    for (const stamp of SIGNATURE_STAMPS) {
      const by = stamp.by.exec(line.text);
      if (!by) continue;
      const [before, after] = stamp.timeWithin;
      for (let j = Math.max(0, i + before); j <= Math.min(lines.length - 1, i + after); j++) {
        const time = stampTime((lines[j] as SourceLine).text);
        if (!time) continue;
        const at = (lines[j] as SourceLine).no;
        found.push({
          by: (by[1] as string).replace(/\s*<[^>]*>\s*$/u, "").trim(),
          ...time,
          lines: [Math.min(at, line.no), Math.max(at, line.no)],
        });
        break;
      }
      break;
    }
  });
  return found;
}
