/** A commune no plan covers: never answered from another commune's plan. */
import type { AskContext } from "../context.ts";
import { abstention, line } from "../evidence.ts";
import { planList } from "./plan-list.ts";

export function outOfScope(c: AskContext) {
  const place = c.unknownLocality ?? "địa phương này";
  return abstention(
    "out_of_scope",
    `Hiện chưa có kế hoạch nào của ${place} trong dữ liệu, nên tôi không trả lời thay bằng kế hoạch của địa phương khác.`,
    [line(`Các kế hoạch hiện có: ${planList(c.corpus.plans)}.`)],
  );
}
