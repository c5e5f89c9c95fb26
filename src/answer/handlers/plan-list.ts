import type { Plan } from "../../plans/schema.ts";
import { placeInText } from "../format.ts";

/** "Xã Tân Kỳ (năm 2026); Phường Phù Liễn (năm 2025)". */
export function planList(plans: readonly Plan[]): string {
  return plans.map((p) => `${placeInText(p)} (${p.period.label})`).join("; ");
}
