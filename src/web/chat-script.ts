/**
 * The chat page's script, plain browser JavaScript sent inline (no file, no framework). It posts to
 * /v1/ask with the conversation id of the last answer, renders the answer as text (never as HTML),
 * opens a citation in a dialog from /v1/plans/{id}/lines, and rates answers through /v1/feedback.
 */
export const CHAT_SCRIPT = `
(function () {
  "use strict";
  var form = document.getElementById("ask");
  var q = document.getElementById("q");
  var send = document.getElementById("send");
  var log = document.getElementById("log");
  var status = document.getElementById("status");
  var errorBox = document.getElementById("error");
  var planSelect = document.getElementById("plan");
  var dialog = document.getElementById("cite");
  var feedbackOn = form.getAttribute("data-feedback") === "1";
  var conversation = null;
  var busy = false;
  var KEY = "cds.plan";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function say(text) { status.textContent = ""; setTimeout(function () { status.textContent = text; }, 30); }
  function showError(text) {
    errorBox.innerHTML = "";
    if (!text) { errorBox.className = ""; return; }
    errorBox.className = "error";
    errorBox.appendChild(el("p", null, text));
  }
  function linesLabel(l) { return l[0] === l[1] ? "dòng " + l[0] : "dòng " + l[0] + "–" + l[1]; }
  function citeLabel(c) {
    return c.planTitle + ", mục " + c.section + ", " + linesLabel(c.lines) + (c.page ? ", trang " + c.page : "");
  }

  // The default plan: ?plan= first, then the one chosen before on this device.
  try {
    var wanted = new URLSearchParams(location.search).get("plan") || localStorage.getItem(KEY) || "";
    if (wanted && planSelect.querySelector('option[value="' + CSS.escape(wanted) + '"]')) planSelect.value = wanted;
  } catch (e) {}
  planSelect.addEventListener("change", function () {
    try { localStorage.setItem(KEY, planSelect.value); } catch (e) {}
    conversation = null;
    var name = planSelect.value ? planSelect.options[planSelect.selectedIndex].text : "tất cả kế hoạch";
    say("Đã chọn kế hoạch mặc định: " + name + ". Cuộc hỏi đáp mới bắt đầu.");
  });

  function renderAnswer(box, body, question) {
    box.innerHTML = "";
    var cites = body.citations || [];
    String(body.answer).split("\\n").forEach(function (line) {
      if (!line.trim()) return;
      var p = el("p");
      var parts = line.split(/(\\[\\d+\\])/);
      parts.forEach(function (part) {
        var m = /^\\[(\\d+)\\]$/.exec(part);
        var c = m ? cites[Number(m[1]) - 1] : null;
        if (c) {
          var b = el("button", { type: "button", "class": "cite-ref", "aria-label": "Trích dẫn " + m[1] + ": " + citeLabel(c) }, "[" + m[1] + "]");
          b.addEventListener("click", function () { openCitation(c, Number(m[1]), b); });
          p.appendChild(b);
        } else if (part) p.appendChild(document.createTextNode(part));
      });
      box.appendChild(p);
    });
    if (cites.length) {
      box.appendChild(el("h3", null, "Nguồn trích dẫn"));
      var ol = el("ol", { "class": "sources" });
      cites.forEach(function (c, i) {
        var li = el("li");
        var b = el("button", { type: "button", "class": "cite-open" }, citeLabel(c));
        b.addEventListener("click", function () { openCitation(c, i + 1, b); });
        li.appendChild(b);
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    if (feedbackOn && body.id) box.appendChild(rating(body.id));
  }

  function rating(id) {
    var wrap = el("div", { "class": "rate", role: "group", "aria-label": "Đánh giá câu trả lời" });
    var note = el("span", { "class": "muted", "aria-live": "polite" });
    [["up", "👍 Đúng", "Câu trả lời đúng, hữu ích"], ["down", "👎 Chưa đúng", "Câu trả lời sai hoặc còn thiếu"]].forEach(function (v) {
      var b = el("button", { type: "button", "aria-pressed": "false", "aria-label": v[2], title: v[2], "data-verdict": v[0] }, v[1]);
      b.addEventListener("click", function () {
        fetch("/v1/feedback", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: id, verdict: v[0] }) })
          .then(function (r) {
            if (!r.ok) throw new Error(String(r.status));
            wrap.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
            note.textContent = "Cảm ơn anh/chị đã đánh giá.";
          })
          .catch(function () { note.textContent = "Chưa gửi được đánh giá, vui lòng thử lại."; });
      });
      wrap.appendChild(b);
    });
    wrap.appendChild(note);
    return wrap;
  }

  function openCitation(c, n, opener) {
    var facts = document.getElementById("cite-facts");
    var lines = document.getElementById("cite-lines");
    var note = document.getElementById("cite-note");
    var full = document.getElementById("cite-full");
    document.getElementById("cite-title").textContent = "Trích dẫn [" + n + "]";
    facts.innerHTML = "";
    [["Kế hoạch", c.planTitle], ["Mục", c.section], ["Dòng", linesLabel(c.lines).replace("dòng ", "")], ["Trang", c.page ? String(c.page) : "không chia trang (" + c.file + ")"]]
      .forEach(function (f) { facts.appendChild(el("dt", null, f[0])); facts.appendChild(el("dd", null, f[1])); });
    note.textContent = c.ocr ? "Văn bản nhận dạng từ bản quét (OCR), có thể sai chữ." : "";
    lines.innerHTML = "";
    lines.appendChild(el("li", null, "Đang tải nguyên văn…"));
    full.href = "/ke-hoach/" + encodeURIComponent(c.plan) + "/van-ban?from=" + c.lines[0] + "&to=" + c.lines[1] + "#L" + c.lines[0];
    dialog.returnFocus = opener;
    dialog.showModal();
    fetch("/v1/plans/" + encodeURIComponent(c.plan) + "/lines?from=" + c.lines[0] + "&to=" + c.lines[1] + "&context=4")
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (x) {
        lines.innerHTML = "";
        if (x.section) { facts.children[3].textContent = x.section.path + (x.section.heading ? " — " + x.section.heading : ""); }
        x.lines.forEach(function (l) {
          var li = el("li", l.cited ? { "class": "cited" } : null);
          li.appendChild(el("span", { "class": "n", "aria-hidden": "true" }, String(l.n)));
          var t = el("span", { "class": "t" });
          if (l.cited) { t.appendChild(el("span", { "class": "sr-only" }, "Dòng được trích " + l.n + ": ")); t.appendChild(el("mark", null, l.text || " ")); }
          else t.textContent = l.text || " ";
          li.appendChild(t);
          lines.appendChild(li);
        });
        var first = lines.querySelector(".cited");
        if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
      })
      .catch(function () { lines.innerHTML = ""; lines.appendChild(el("li", null, "Chưa tải được nguyên văn. Đoạn trích: " + c.quote)); });
  }
  dialog.addEventListener("close", function () { if (dialog.returnFocus) dialog.returnFocus.focus(); });

  function ask(question) {
    question = question.trim();
    if (!question || busy) return;
    if (question.length > 1000) { showError("Câu hỏi dài quá 1000 ký tự, xin rút gọn lại."); return; }
    busy = true;
    showError("");
    var turn = el("li", { "class": "turn waiting" });
    turn.appendChild(el("p", { "class": "q" }, question));
    var box = el("div", { "class": "a", "aria-busy": "true" });
    box.appendChild(el("span", { "class": "spinner", "aria-hidden": "true" }));
    box.appendChild(document.createTextNode("Đang tìm trong kế hoạch…"));
    turn.appendChild(box);
    log.appendChild(turn);
    send.disabled = true;
    send.textContent = "Đang hỏi…";
    say("Đang tìm câu trả lời, xin chờ trong giây lát.");
    var slow = setTimeout(function () { say("Câu trả lời đang lâu hơn thường lệ, xin tiếp tục chờ."); }, 5000);
    var controller = "AbortController" in window ? new AbortController() : null;
    var limit = setTimeout(function () { if (controller) controller.abort(); }, 30000);
    var payload = { question: question };
    if (planSelect.value) payload.plan = planSelect.value;
    if (conversation) payload.conversation = conversation;
    fetch("/v1/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload), signal: controller ? controller.signal : undefined })
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (body) { return { ok: r.ok, body: body }; });
      })
      .then(function (res) {
        if (!res.ok || !res.body || typeof res.body.answer !== "string") {
          var failed = new Error((res.body && res.body.error && res.body.error.message_vi) || "Hệ thống chưa trả lời được câu hỏi này. Vui lòng thử lại sau.");
          failed.fromServer = true;
          throw failed;
        }
        conversation = res.body.conversation || conversation;
        turn.className = "turn";
        box.removeAttribute("aria-busy");
        renderAnswer(box, res.body, question);
        say("Đã có câu trả lời" + ((res.body.citations || []).length ? ", kèm " + res.body.citations.length + " trích dẫn." : "."));
        q.value = "";
      })
      .catch(function (e) {
        turn.remove();
        var text = e && e.name === "AbortError"
          ? "Hệ thống trả lời quá lâu. Vui lòng thử lại sau ít phút."
          : e && e.fromServer ? e.message : "Chưa kết nối được với hệ thống. Vui lòng kiểm tra mạng và thử lại.";
        showError(text);
        say(text);
      })
      .finally(function () {
        clearTimeout(slow); clearTimeout(limit);
        busy = false;
        send.disabled = false;
        send.textContent = "Hỏi";
        q.focus();
      });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); ask(q.value); });
  q.addEventListener("keydown", function (e) {
    // Not while an input method is composing (Telex, VNI): Enter then ends the syllable, not the question.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); ask(q.value); }
  });
  document.querySelectorAll(".example").forEach(function (b) {
    b.addEventListener("click", function () { q.value = b.getAttribute("data-q"); ask(q.value); });
  });
  document.getElementById("reset").addEventListener("click", function () {
    conversation = null;
    log.innerHTML = "";
    showError("");
    say("Đã bắt đầu cuộc hỏi đáp mới.");
    q.focus();
  });
  var first = new URLSearchParams(location.search).get("q");
  if (first) { q.value = first; ask(first); }
})();
`;
