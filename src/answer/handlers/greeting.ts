/** Greetings, thanks and "what can you do": how to ask, and which plans there are. */
import type { AskContext } from "../context.ts";
import { evidence, line } from "../evidence.ts";
import { planList } from "./plan-list.ts";

export function greeting(c: AskContext) {
  if (c.cue("thanks") && !c.cue("help"))
    return evidence("greeting", [
      line("Không có gì ạ. Cần tra cứu thêm về kế hoạch chuyển đổi số, bạn cứ hỏi tiếp."),
    ]);
  return evidence("greeting", [
    line(
      "Xin chào! Tôi trả lời câu hỏi về kế hoạch chuyển đổi số / ứng dụng CNTT của các địa phương, có trích dẫn mục và dòng trong kế hoạch.",
    ),
    line(
      "Ví dụ: «ai chủ trì nâng cấp mạng LAN, hạn khi nào», «công an xã phải làm gì», «việc nào hạn quý III», «chỉ tiêu hồ sơ trực tuyến bao nhiêu», «ai ký kế hoạch».",
    ),
    line(`Các kế hoạch hiện có: ${planList(c.corpus.plans)}.`),
  ]);
}
