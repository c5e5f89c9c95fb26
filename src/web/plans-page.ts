/** `/ke-hoach`: every plan served, with its period and counts, linking to its explorer. */
import { html } from "hono/html";
import type { Plan } from "../plans/schema.ts";
import { formatViDate } from "../text/dates.ts";
import { type Html, layout } from "./layout.ts";

export function plansPage(plans: readonly Plan[], o: { upload: boolean }): Html {
  const body = html`<h1>Các kế hoạch đang phục vụ</h1>
<p class="lead">${plans.length} kế hoạch. Chọn một kế hoạch để xem thông tin chung, nhiệm vụ theo đơn vị và thời hạn, lịch thời hạn và chỉ tiêu.</p>
<ul class="plans">${plans.map(
    (p) => html`<li class="card">
<h2><a href="/ke-hoach/${encodeURIComponent(p.id)}">${p.title}</a></h2>
<p class="muted">${p.number ? html`Số ${p.number} · ` : ""}${p.issued ? html`${p.issued.raw} · ` : ""}Thời kỳ: ${p.period.label} (${formatViDate(p.period.start)} – ${formatViDate(p.period.end)})</p>
<p><span class="badge">${p.tasks.length} nhiệm vụ</span> <span class="badge">${p.indicators.length} chỉ tiêu</span> <span class="badge">${p.units.length} đơn vị</span></p>
</li>`,
  )}</ul>`;
  return layout({ title: "Kế hoạch", active: "plans", body, upload: o.upload });
}
