/**
 * `/tai-len`: the upload form (admin code, one plan file) and what became of an upload: the parse report
 * (tasks, indicators, units found; notes to check; the folder's files not served and why) or a plain
 * Vietnamese reason it was refused.
 */
import { html } from "hono/html";
import { type Html, layout } from "./layout.ts";
import type { UploadReport } from "./upload.ts";

function form(maxBytes: number): Html {
  return html`<form class="card" method="post" action="/tai-len" enctype="multipart/form-data">
<div class="field"><label for="token">Mã quản trị</label>
<input id="token" name="token" type="password" required autocomplete="current-password" aria-describedby="token-hint">
<p id="token-hint" class="hint">Mã do người quản trị hệ thống cấp (biến ADMIN_TOKEN).</p></div>
<div class="field"><label for="file">Tệp kế hoạch</label>
<input id="file" name="file" type="file" required accept=".docx,.pdf,.txt,application/pdf,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="file-hint">
<p id="file-hint" class="hint">Word (.docx), PDF (.pdf) hoặc văn bản (.txt), tối đa ${maxBytes / 1048576} MB. Kế hoạch mới được nạp thêm; các kế hoạch đang phục vụ vẫn giữ nguyên.</p></div>
<button type="submit">Tải lên và nạp kế hoạch</button>
</form>`;
}

export function uploadPage(o: { maxBytes: number; error?: string | undefined }): Html {
  const body = html`<h1>Tải lên kế hoạch</h1>
<p class="lead">Nạp thêm một kế hoạch đã ban hành để trợ lý trả lời theo kế hoạch đó.</p>
${o.error ? html`<div class="error" role="alert"><h2>Chưa nạp được tệp</h2><p>${o.error}</p></div>` : ""}
${form(o.maxBytes)}`;
  return layout({ title: "Tải lên kế hoạch", active: "upload", body, upload: true });
}

export function uploadReportPage(r: UploadReport, maxBytes: number): Html {
  const body = html`<h1>Đã nạp kế hoạch</h1>
<div class="ok" role="status"><p>Đã nạp «${r.file}» thành kế hoạch <a href="/ke-hoach/${encodeURIComponent(r.plan)}">${r.title}</a>. Hệ thống đang phục vụ ${r.plansServed} kế hoạch (bản dữ liệu ${r.snapshot}, ${r.ms} ms).</p></div>
<section class="card" aria-labelledby="report-title">
<h2 id="report-title">Kết quả đọc kế hoạch</h2>
<dl class="facts">
<dt>Mã kế hoạch</dt><dd>${r.plan}</dd>
<dt>Định dạng</dt><dd>${r.format.toUpperCase()}${r.pages ? `, ${r.pages} trang` : ""}</dd>
<dt>Nhiệm vụ</dt><dd><span class="badge" data-count="tasks">${r.tasks}</span>${r.undated > 0 ? ` (trong đó ${r.undated} nhiệm vụ có thời hạn tùy điều kiện, nên kiểm tra lại)` : ""}</dd>
<dt>Chỉ tiêu</dt><dd><span class="badge" data-count="indicators">${r.indicators}</span></dd>
<dt>Đơn vị</dt><dd><span class="badge" data-count="units">${r.units.length}</span>${r.units.length > 0 ? html`<ul>${r.units.map((u) => html`<li>${u}</li>`)}</ul>` : ""}</dd>
</dl>
${r.notes.length > 0 ? html`<h3>Cần kiểm tra</h3><ul>${r.notes.map((n) => html`<li>${n}</li>`)}</ul>` : html`<p>Không có điểm nào cần kiểm tra thêm.</p>`}
<h3>Tệp không được nạp</h3>
${r.skipped.length > 0 ? html`<ul>${r.skipped.map((s) => html`<li>${s.file}: ${s.reason}</li>`)}</ul>` : html`<p>Không có tệp nào bị bỏ qua.</p>`}
<p><a href="/ke-hoach/${encodeURIComponent(r.plan)}">Xem kế hoạch vừa nạp</a> · <a href="/?plan=${encodeURIComponent(r.plan)}">Hỏi về kế hoạch này</a></p>
</section>
<h2>Tải lên kế hoạch khác</h2>
${form(maxBytes)}`;
  return layout({ title: "Đã nạp kế hoạch", active: "upload", body, upload: true });
}
