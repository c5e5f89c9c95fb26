/** Windows-1258 bytes for a text: Node decodes the code page but has no encoder, so the map is built from its decoder. */
const decoder = new TextDecoder("windows-1258");
const toByte = new Map<string, number>();
for (let b = 0; b < 256; b++) {
  const ch = decoder.decode(Uint8Array.of(b));
  if (ch !== "\ufffd" && !toByte.has(ch)) toByte.set(ch, b);
}

/** Letters cp1258 has precomposed stay whole; the rest are written as base letter plus combining tone mark. */
export function encodeCp1258(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    const whole = toByte.get(ch);
    if (whole !== undefined) {
      out.push(whole);
      continue;
    }
    // cp1258 writes the tone (grave, acute, tilde, hook, dot below) as a combining mark after the letter.
    const nfd = ch.normalize("NFD");
    const tones = [...nfd].filter((c) => "\u0300\u0301\u0303\u0309\u0323".includes(c));
    const base = toByte.get(
      [...nfd]
        .filter((c) => !tones.includes(c))
        .join("")
        .normalize("NFC"),
    );
    const marks = tones.map((t) => toByte.get(t));
    const done = base !== undefined && marks.every((m) => m !== undefined);
    if (done) out.push(base, ...(marks as number[]));
    if (!done) throw new Error(`cp1258 cannot write ${ch}`);
  }
  return Buffer.from(out);
}
