/** Where a plan's lines are read on the staff pages. */
export function linesHref(planId: string, lines: readonly [number, number]): string {
  return `/ke-hoach/${encodeURIComponent(planId)}/van-ban?from=${lines[0]}&to=${lines[1]}#L${lines[0]}`;
}

export function linesLabel(lines: readonly [number, number]): string {
  return lines[0] === lines[1] ? `dòng ${lines[0]}` : `dòng ${lines[0]}–${lines[1]}`;
}
