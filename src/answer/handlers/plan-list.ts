import type { Plan } from "../../plans/schema.ts";
import { placeName } from "../format.ts";

/** "Xã Tân Kỳ (năm 2026); Phường Phù Liễn (năm 2025)". */
export function planList(plans: readonly Plan[]): string {
  return plans.map((p) => `${placeName(p)} (${p.period.label})`).join("; ");
}
