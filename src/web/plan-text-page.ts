/**
 * `/ke-hoach/:id/van-ban`: the plan's whole text as its file has it, line by line with numbers (each line
 * an anchor, #L96), the lines asked for (?from=&to=) highlighted: where every citation and task links.
 */
import { html } from "hono/html";
import type { Plan } from "../plans/schema.ts";
import { type Html, layout } from "./layout.ts";
import { linesLabel } from "./links.ts";
import { excerpt } from "./source-lines.ts";

export function planTextPage(
  plan: Plan,
  sources: Readonly<Record<string, string>>,
  range: { from: number; to: number } | null,
  o: { upload: boolean },
): Html {
  const all = excerpt(plan, sources, 1, 1, Number.MAX_SAFE_INTEGER);
  const from = range ? Math.max(1, range.from) : 0;
  const to = range ? Math.max(from, range.to) : -1;
  const cited = range ? excerpt(plan, sources, from, to, 0) : null;
  const body = html`<p><a href="/ke-hoach/${encodeURIComponent(plan.id)}">← ${plan.shortName}</a></p>
<h1>Toàn văn: ${plan.title}</h1>
${
  cited
    ? html`<p class="card">Đang tô sáng ${linesLabel([cited.from, cited.to])}${cited.section ? html`, mục ${cited.section.path}${cited.section.heading ? ` — ${cited.section.heading}` : ""}` : ""}${cited.page ? `, trang ${cited.page}` : ""}. <a href="#L${cited.from}">Đến đoạn được trích</a></p>`
    : ""
}
<p class="muted">Tệp ${plan.file}, ${all.lineCount} dòng. Văn bản như trong tệp gốc${plan.source.ocr ? " (nhận dạng từ bản quét, có thể sai chữ)" : ""}.</p>
<ol class="source-lines" aria-label="Toàn văn kế hoạch">${all.lines.map((l) => {
    const on = l.n >= from && l.n <= to;
    return html`<li id="L${l.n}"${on ? html` class="cited"` : ""}><span class="n" aria-hidden="true">${l.n}</span><span class="t">${on ? html`<span class="sr-only">Dòng được trích ${l.n}: </span><mark>${l.text}</mark>` : l.text}</span></li>`;
  })}</ol>`;
  return layout({ title: `Toàn văn ${plan.shortName}`, active: "plans", body, upload: o.upload });
}
