/**
 * `/ke-hoach/:id`: one plan at a glance. Header facts (number, date, issuer, signer, period, what it
 * implements), the tasks filterable by unit and deadline window (a GET form, so a filtered view has
 * its own address), the timeline of deadlines by quarter and month, and the indicators baseline → target.
 * Every fact links to the plan's own lines.
 */
import { html } from "hono/html";
import type { TaskHit } from "../plans/query.ts";
import type { DocumentRef, Indicator, Plan, Task } from "../plans/schema.ts";
import { formatViDate } from "../text/dates.ts";
import { type Html, layout } from "./layout.ts";
import { linesHref, linesLabel } from "./links.ts";
import { tasksIn, WINDOWS, type WindowChoice, windowLabel } from "./task-filter.ts";
import { type Timeline, timelineOf } from "./timeline.ts";

export interface ExplorerQuery {
  unit?: string | undefined;
  window?: WindowChoice | undefined;
  /** "Today" for the windows (YYYY-MM-DD); the server's day in Vietnam when not given. */
  today: string;
  /** Whether `today` was set by the address (then kept by the filter form). */
  todayGiven: boolean;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const src = (plan: Plan, lines: readonly [number, number] | null | undefined, label?: string) =>
  lines ? html` <a href="${linesHref(plan.id, lines)}">(${label ?? linesLabel(lines)})</a>` : "";

function deadlineText(t: Task, today: string): Html {
  const d = t.deadline;
  const raw = d.raw || "Trong thời gian thực hiện kế hoạch";
  const due = d.end && d.kind !== "date" ? ` (đến ${formatViDate(d.end)})` : "";
  const overdue = d.end && d.kind !== "plan-period" && d.end < today;
  return html`<span class="${overdue ? "deadline-overdue" : ""}">${raw}${due}${overdue ? " — đã qua hạn" : ""}</span>`;
}

function docRef(plan: Plan, d: DocumentRef): Html {
  return html`<li>${d.text}${src(plan, d.lines)}</li>`;
}

function facts(plan: Plan): Html {
  const signer = plan.signer;
  return html`<dl class="facts">
<dt>Số</dt><dd>${plan.number ?? "Không ghi số"}${src(plan, plan.numberLines)}</dd>
<dt>Ngày ban hành</dt><dd>${plan.issued?.raw ?? "Không ghi ngày"}${src(plan, plan.issued?.lines)}</dd>
<dt>Cơ quan ban hành</dt><dd>${plan.issuer?.name ?? "Không ghi"}${src(plan, plan.issuer?.lines)}</dd>
<dt>Người ký</dt><dd>${signer ? html`${signer.title} ${signer.name}${signer.onBehalfOf ? html` (${signer.onBehalfOf})` : ""}${src(plan, signer.lines)}` : "Không ghi (bản chưa ký hoặc bản quét)"}</dd>
<dt>Thời kỳ</dt><dd>${plan.period.label} (${formatViDate(plan.period.start)} – ${formatViDate(plan.period.end)})</dd>
<dt>Thực hiện</dt><dd>${plan.implements.length > 0 ? html`<ul>${plan.implements.map((d) => docRef(plan, d))}</ul>` : "Kế hoạch không nêu văn bản cấp trên mà nó thực hiện"}</dd>
${plan.legalBases.length > 0 ? html`<dt>Căn cứ</dt><dd><details><summary>${plan.legalBases.length} văn bản</summary><ul>${plan.legalBases.map((d) => docRef(plan, d))}</ul></details></dd>` : ""}
<dt>Tệp gốc</dt><dd>${plan.file} (${plan.source.format.toUpperCase()}${plan.source.pageCount ? `, ${plan.source.pageCount} trang` : ""}${plan.source.ocr ? ", nhận dạng từ bản quét" : ""}) · <a href="/ke-hoach/${encodeURIComponent(plan.id)}/van-ban">Xem toàn văn</a></dd>
</dl>`;
}

function filterForm(plan: Plan, q: ExplorerQuery, shown: number): Html {
  const units = plan.units.filter((u) => !u.collective).sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return html`<form class="card" method="get" action="/ke-hoach/${encodeURIComponent(plan.id)}#nhiem-vu" aria-describedby="filter-count">
<div class="filters">
<div><label for="unit">Đơn vị (chủ trì hoặc phối hợp)</label>
<select id="unit" name="unit"><option value="">Tất cả đơn vị</option>${units.map(
    (u) => html`<option value="${u.name}"${q.unit === u.name ? html` selected` : ""}>${u.name}</option>`,
  )}</select></div>
<div><label for="window">Thời hạn</label>
<select id="window" name="window"><option value="">Mọi thời hạn</option>${WINDOWS.map(
    (w) =>
      html`<option value="${w}"${q.window === w ? html` selected` : ""}>${windowLabel(w, q.today)}</option>`,
  )}</select></div>
${q.todayGiven ? html`<input type="hidden" name="now" value="${q.today}">` : ""}
<div><button type="submit">Lọc nhiệm vụ</button> <a class="button secondary" href="/ke-hoach/${encodeURIComponent(plan.id)}#nhiem-vu">Bỏ lọc</a></div>
</div>
<p id="filter-count" class="hint" role="status">Hiển thị ${shown}/${plan.tasks.length} nhiệm vụ${q.unit ? ` của ${q.unit}` : ""}${q.window ? ` — ${lowerFirst(windowLabel(q.window, q.today))}` : ""}.</p>
</form>`;
}

function roleOf(h: TaskHit): string {
  return h.role === "lead" ? " (chủ trì)" : h.role === "coordinator" ? " (phối hợp)" : "";
}

function taskTable(plan: Plan, hits: readonly TaskHit[], today: string): Html {
  if (hits.length === 0)
    return html`<p class="card">Không có nhiệm vụ nào khớp bộ lọc. Hãy chọn đơn vị hoặc thời hạn khác.</p>`;
  return html`<table class="stack tasks">
<caption class="sr-only">Nhiệm vụ của kế hoạch</caption>
<thead><tr><th scope="col">Nhiệm vụ</th><th scope="col">Chủ trì</th><th scope="col">Phối hợp</th><th scope="col">Thời hạn</th><th scope="col">Nguồn</th></tr></thead>
<tbody>${hits.map(
    (h) => html`<tr>
<td data-label="Nhiệm vụ">${h.task.title}${roleOf(h) ? html`<span class="muted">${roleOf(h)}</span>` : ""}</td>
<td data-label="Chủ trì">${h.task.lead.join("; ") || "—"}</td>
<td data-label="Phối hợp">${h.task.coordinators.join("; ") || "—"}</td>
<td data-label="Thời hạn">${deadlineText(h.task, today)}</td>
<td data-label="Nguồn"><a href="${linesHref(plan.id, h.task.lines)}">Mục ${h.task.section}, ${linesLabel(h.task.lines)}</a></td>
</tr>`,
  )}</tbody></table>`;
}

const WHEN = { past: "đã qua", now: "đang diễn ra", future: "sắp tới" } as const;

function timelineView(plan: Plan, t: Timeline): Html {
  const most = Math.max(1, ...t.quarters.map((q) => q.count));
  const link = (task: Task) =>
    html`<li><a href="${linesHref(plan.id, task.lines)}">${task.title}</a> — <span class="muted">${task.deadline.raw}${task.lead.length ? `; chủ trì: ${task.lead.join(", ")}` : ""}</span></li>`;
  return html`${t.quarters.length === 0 ? html`<p class="card">Kế hoạch không có nhiệm vụ nào ghi hạn cụ thể.</p>` : ""}
<ol class="timeline">${t.quarters.map(
    (q) => html`<li class="${q.when}" id="${q.key}">
<h3>${q.label} <span class="badge">${q.count} nhiệm vụ</span> <span class="muted">(${WHEN[q.when]})</span></h3>
<div class="bar" style="width:${Math.round((q.count / most) * 100)}%" aria-hidden="true"></div>
${q.count === 0 ? html`<p class="muted">Không có nhiệm vụ nào có hạn trong quý này.</p>` : q.months.map((m) => html`<h4>${m.label}</h4><ul>${m.tasks.map(link)}</ul>`)}
</li>`,
  )}</ol>
<p>Không ghi hạn cụ thể: <span class="badge">${t.recurring.length} thường xuyên, định kỳ</span> <span class="badge">${t.conditional.length} có điều kiện</span> <span class="badge">${t.planPeriod.length} trong suốt thời kỳ kế hoạch</span></p>`;
}

function quantity(i: Indicator): Html {
  const b = i.baseline;
  return html`${b ? html`${b.raw}${b.year ? ` (năm ${b.year})` : ""}` : html`<span class="muted">không nêu</span>`} → <strong>${i.target.raw}</strong>`;
}

function indicatorTable(plan: Plan): Html {
  if (plan.indicators.length === 0) return html`<p class="card">Kế hoạch không nêu chỉ tiêu định lượng.</p>`;
  return html`<table class="stack indicators">
<caption class="sr-only">Chỉ tiêu, hiện trạng và mục tiêu</caption>
<thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Hiện trạng → mục tiêu</th><th scope="col">Kỳ</th><th scope="col">Nguồn</th></tr></thead>
<tbody>${plan.indicators.map(
    (i) =>
      html`<tr><td data-label="Chỉ tiêu">${i.name}</td><td data-label="Hiện trạng → mục tiêu">${quantity(i)}</td><td data-label="Kỳ">${i.period.label}</td><td data-label="Nguồn"><a href="${linesHref(plan.id, i.lines)}">Mục ${i.section}, ${linesLabel(i.lines)}</a></td></tr>`,
  )}</tbody></table>`;
}

export function planPage(plan: Plan, q: ExplorerQuery, o: { upload: boolean }): Html {
  const hits = tasksIn(plan, { unit: q.unit, window: q.window }, q.today);
  const forTimeline = q.unit ? tasksIn(plan, { unit: q.unit }, q.today).map((h) => h.task) : plan.tasks;
  const body = html`<p><a href="/ke-hoach">← Danh sách kế hoạch</a></p>
<h1>${plan.title}</h1>
<p class="lead">Hôm nay: ${formatViDate(q.today)}. <a href="/?plan=${encodeURIComponent(plan.id)}">Hỏi về kế hoạch này</a></p>
<section aria-labelledby="thong-tin"><h2 id="thong-tin">Thông tin chung</h2><div class="card">${facts(plan)}</div></section>
<section aria-labelledby="nhiem-vu"><h2 id="nhiem-vu">Nhiệm vụ</h2>${filterForm(plan, q, hits.length)}${taskTable(plan, hits, q.today)}</section>
<section aria-labelledby="lich"><h2 id="lich">Lịch thời hạn theo quý và tháng${q.unit ? ` — ${q.unit}` : ""}</h2>${timelineView(plan, timelineOf(forTimeline, q.today, plan.period))}</section>
<section aria-labelledby="chi-tieu"><h2 id="chi-tieu">Chỉ tiêu</h2>${indicatorTable(plan)}</section>`;
  return layout({ title: plan.shortName, active: "plans", body, upload: o.upload });
}
