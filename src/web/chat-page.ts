/**
 * `/`: the chat page. A labelled question box (Enter or «Hỏi»), example questions, answers with
 * numbered citations that open the plan's own lines, follow-ups in one conversation, 👍/👎, and a plan
 * selector for the default plan. The page is whole without its script; the script asks through /v1/ask.
 */
import { html } from "hono/html";
import type { Plan } from "../plans/schema.ts";
import { CHAT_SCRIPT } from "./chat-script.ts";
import { exampleQuestions } from "./examples.ts";
import { type Html, layout } from "./layout.ts";

export function chatPage(plans: readonly Plan[], o: { upload: boolean; feedback: boolean }): Html {
  const examples = exampleQuestions(plans);
  const body = html`<h1>Hỏi đáp kế hoạch chuyển đổi số</h1>
<p class="lead">Hỏi về nhiệm vụ, đơn vị chủ trì, thời hạn, chỉ tiêu của kế hoạch. Mỗi câu trả lời kèm trích dẫn nguyên văn từ kế hoạch; có thể gõ không dấu.</p>
<div class="card">
<div class="field">
<label for="plan">Kế hoạch mặc định</label>
<select id="plan" name="plan" aria-describedby="plan-hint">
<option value="">Tất cả kế hoạch (${plans.length})</option>
${plans.map((p) => html`<option value="${p.id}">${p.shortName} — ${p.title}</option>`)}
</select>
<p id="plan-hint" class="hint">Câu hỏi không nêu tên xã, phường sẽ được trả lời theo kế hoạch này.</p>
</div>
<section aria-labelledby="log-title">
<h2 id="log-title" class="sr-only">Các câu hỏi và câu trả lời</h2>
<ol id="log" class="log"></ol>
</section>
<div id="status" class="sr-only" role="status" aria-live="polite"></div>
<div id="error" role="alert"></div>
<form id="ask" class="ask" action="/" method="get" data-feedback="${o.feedback ? "1" : "0"}">
<label for="q">Câu hỏi</label>
<div class="row">
<textarea id="q" name="q" rows="2" maxlength="1000" required aria-describedby="q-hint" autocomplete="off"></textarea>
<button id="send" type="submit">Hỏi</button>
</div>
<p id="q-hint" class="hint">Nhấn Enter để gửi, Shift + Enter để xuống dòng. Câu hỏi tiếp theo (ví dụ «hạn khi nào?», «ai phối hợp?») được hiểu theo câu trước.</p>
<p><button id="reset" type="button" class="secondary">Bắt đầu cuộc hỏi đáp mới</button></p>
</form>
<noscript><p class="error">Trình duyệt đang tắt JavaScript nên chưa hỏi được trên trang này. Anh/chị vẫn có thể xem <a href="/ke-hoach">danh sách kế hoạch</a>.</p></noscript>
</div>
<section aria-labelledby="examples-title">
<h2 id="examples-title">Câu hỏi mẫu</h2>
<ul class="examples">${examples.map((q) => html`<li><button type="button" class="example" data-q="${q}">${q}</button></li>`)}</ul>
</section>
<dialog id="cite" aria-labelledby="cite-title">
<h2 id="cite-title">Trích dẫn</h2>
<dl id="cite-facts" class="facts"></dl>
<p id="cite-note" class="hint"></p>
<ol id="cite-lines" class="source-lines" aria-label="Nguyên văn kế hoạch, các dòng được trích được tô sáng"></ol>
<p><a id="cite-full" href="/ke-hoach">Xem toàn văn kế hoạch tại dòng này</a></p>
<form method="dialog"><button type="submit">Đóng</button></form>
</dialog>`;
  return layout({ title: "Hỏi đáp", active: "ask", body, script: CHAT_SCRIPT, upload: o.upload });
}
