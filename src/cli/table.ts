/** A plain-text table for terminals: columns wrap within a total width, no colours, no dependencies. */

function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/u).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

export function renderTable(headers: string[], rows: string[][], widths: number[]): string {
  const sep = widths.map((w) => "-".repeat(w)).join("-+-");
  const render = (cells: string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i] ?? 20));
    const height = Math.max(...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let r = 0; r < height; r++) {
      out.push(
        wrapped
          .map((w, i) => (w[r] ?? "").padEnd(widths[i] ?? 20))
          .join(" | ")
          .trimEnd(),
      );
    }
    return out.join("\n");
  };
  return [render(headers), sep, ...rows.map(render)].join("\n");
}
