/**
 * A question that names no commune, over a corpus of many communes' plans, with no default plan for
 * the chat: when its answer would come from more than one plan, the commune is asked for instead of
 * answering for some of them. Over a handful of plans an answer naming each commune is still useful.
 */
import type { AskContext } from "./context.ts";
import { abstention, type Evidence, line, plansOf } from "./evidence.ts";
import { placeInText } from "./format.ts";

export function askWhichPlace(c: AskContext, e: Evidence): Evidence {
  const { openPlans, placesNamed } = c.policy.limits;
  if (c.scope !== "all" || c.corpus.plans.length <= openPlans) return e;
  if (e.intent === "out_of_scope" || e.intent === "greeting") return e;
  // "Kế hoạch nào nhắc tới …" asks across the plans on purpose.
  if (c.cue("whichPlans")) return e;
  const ids = plansOf(e);
  const byId = new Map(c.corpus.plans.map((p) => [p.id, p]));
  const drawn = ids.map((id) => byId.get(id)).filter((p) => p !== undefined);
  if (drawn.length <= 1) return e;
  const named = drawn.slice(0, placesNamed).map(placeInText);
  return abstention(
    e.intent,
    `Câu hỏi chưa nêu xã, phường hay đặc khu nào, trong khi có ${c.corpus.plans.length} kế hoạch của các địa phương khác nhau. Bạn hỏi cho địa phương nào?`,
    [
      line(
        `Nội dung này có trong kế hoạch của ${named.join(", ")}${drawn.length > named.length ? " và các địa phương khác" : ""}.`,
      ),
      line(
        `Hỏi lại kèm tên địa phương, ví dụ: «${c.input.question.trim()} ở ${named[0]}», hoặc chọn kế hoạch mặc định của nhóm bằng lệnh /kehoach.`,
      ),
    ],
  );
}
