// Theo dõi (tracking): the reporting periods of the open plan, the results beside
// each target and task with the engine's evaluation and status colour, a chart of
// plan against result, the report's own text, its preview and export, and the
// roll-up of the units' reports from the shared folder.
import * as api from "./api.js";
import { $, el, svgEl, toast } from "./dom.js";
import { state, vocab, label as vocabLabel } from "./state.js";
import { diagnosticList } from "./diagnostics.js";
import { exportVia, pageSvg, printFromPreview } from "./output.js";

const track = { reportId: null, view: null, timer: null };

function periodYear(p) {
  return p.kind === "year" ? p.year : p.kind === "years" ? Math.min(Math.max(new Date().getFullYear(), p.from), p.to) : Number(String(p.from).slice(0, 4));
}

export async function renderTracking() {
  const pane = $('[data-pane="tracking"]');
  if (!pane || state.id === null) return;
  let reports = [];
  try { reports = await api.listReports(state.id); } catch (e) { toast(e.message, true); }
  if (!reports.some((r) => r.id === track.reportId)) track.reportId = reports[0]?.id ?? null;
  const y = periodYear(state.plan.period);
  const chooser = el("select", { id: "report-choice" }, reports.map((r) => el("option", { value: r.id }, r.period_label)));
  chooser.value = track.reportId ?? "";
  chooser.addEventListener("change", () => { track.reportId = Number(chooser.value); renderTracking(); });
  // The periods and their labels come from the engine (one place for the regime).
  const periods = await api.reportingPeriods(y).catch(() => []);
  const newPeriod = el("select", { id: "new-period", title: "Kỳ báo cáo mới" }, periods.map((c) => el("option", { value: c.value }, c.label)));
  // The report template: the one suiting the period unless the officer picks another.
  const templates = await api.reportTemplates().catch(() => []);
  const template = el("select", { id: "report-template", title: "Mẫu báo cáo" }, el("option", { value: "" }, "Mẫu hợp với kỳ"), templates.map((t) => el("option", { value: t.id, title: t.description }, t.name)));
  const body = el("div", { id: "report-body" });
  pane.replaceChildren(
    el("div", { class: "tracking-bar" },
      reports.length ? el("label", {}, "Kỳ báo cáo: ", chooser) : el("span", { class: "muted" }, "Chưa có kỳ báo cáo nào."),
      el("span", { class: "spacer" }),
      newPeriod,
      template,
      el("button", { id: "new-report", onclick: async () => {
        try {
          track.reportId = await api.newReport(state.id, newPeriod.value, template.value || null);
          toast("Đã lập kỳ báo cáo.");
          renderTracking();
        } catch (e) { toast(e.message, true); }
      } }, "+ Lập kỳ báo cáo")),
    body,
    rollupSection());
  if (track.reportId) await showReport(body);
}

// A result typed in a cell, read by the engine's rule: taken, or refused with the
// reason under it. Only the reading of what the cell holds now counts (a slower
// reading of an earlier keystroke must not leave its error behind), and only the
// refusal is removed (the cell's other hints, the earlier period's value, stay).
function readOnInput(input, rule, take) {
  input.addEventListener("input", async () => {
    const typed = input.value;
    const reading = await api.readField(rule, typed);
    if (input.value !== typed) return;
    const cell = input.closest("td");
    cell.querySelector(".hint.error")?.remove();
    if (reading.problem) return cell.append(el("div", { class: "hint error" }, reading.problem.message));
    take(reading.value);
    schedule();
  });
}

async function showReport(body) {
  try { track.view = await api.getReport(track.reportId); } catch (e) { return toast(e.message, true); }
  const v = track.view;
  const r = v.report;
  const resultOf = (id) => r.targets.find((x) => x.target === id) || (r.targets.push({ target: id, value: null, met: null, note: "" }), r.targets.at(-1));
  const taskOf = (id) => r.tasks.find((x) => x.task === id) || (r.tasks.push({ task: id, status: "not_started", done_on: null, note: "" }), r.tasks.at(-1));
  const targetRows = v.targets.map(([t, e], i) => {
    const res = resultOf(t.id);
    const value = el("input", { inputmode: "decimal", "data-field": "achieved", value: res.value ?? "" });
    readOnInput(value, "value", (v) => (res.value = v));
    const note = el("input", { "data-field": "note", value: res.note, placeholder: "nguồn số liệu, ghi chú" });
    note.addEventListener("input", () => { res.note = note.value; schedule(); });
    const judged = !e.planned && e.verdict !== "not_applicable" ? (() => {
      const s = el("select", { "data-field": "met" }, el("option", { value: "" }, "—"), el("option", { value: "true" }, label("met")), el("option", { value: "false" }, label("not_met")));
      s.value = res.met === null || res.met === undefined ? "" : String(res.met);
      s.addEventListener("change", () => { res.met = s.value === "" ? null : s.value === "true"; schedule(); });
      return s;
    })() : "";
    // Where this period starts: the latest result of an earlier one.
    const before = (v.earlier || []).find((x) => x.target === t.id);
    const earlier = before ? el("div", { class: "hint earlier", "data-earlier": t.id },
      `kỳ trước (${before.period}): ${String(before.value).replace(".", ",")}`) : "";
    return el("tr", { "data-target": t.id },
      el("td", {}, String(i + 1)), el("td", {}, t.text), el("td", {}, e.planned || "—"),
      el("td", {}, judged || value, earlier), el("td", { class: "rate" }, e.rate_label),
      el("td", {}, el("span", { class: `verdict ${e.verdict}` }, label(e.verdict))), el("td", {}, note));
  });
  const taskRows = v.tasks.map(([t, e], i) => {
    const res = taskOf(t.id);
    const status = el("select", { "data-field": "status" }, vocab.task_statuses.map((c) => el("option", { value: c.value }, c.label)));
    status.value = res.status;
    status.addEventListener("change", () => { res.status = status.value; schedule(); });
    const done = el("input", { "data-field": "done_on", placeholder: "ngày/tháng/năm", value: res.done_on ? res.done_on.split("-").reverse().join("/") : "" });
    readOnInput(done, "date", (v) => (res.done_on = v));
    return el("tr", { "data-task": t.id },
      el("td", {}, String(i + 1)), el("td", {}, t.text), el("td", {}, t.lead),
      el("td", {}, status), el("td", {}, done), el("td", {}, el("span", { class: `task-state ${e.overdue ? "overdue" : e.status}` }, e.label)));
  });
  const text = (key, labelText, rows = 3) => {
    const a = el("textarea", { rows, "data-report": key });
    a.value = key === "next_tasks" ? (r.next_tasks.length ? r.next_tasks : v.next_default).join("\n") : r[key];
    a.addEventListener("input", () => { r[key] = key === "next_tasks" ? a.value.split("\n").filter((x) => x.trim()) : a.value; schedule(); });
    return el("div", { class: "field full" }, el("label", {}, labelText), a);
  };
  body.replaceChildren(
    el("h2", {}, `Kết quả ${r.period.label}`),
    el("p", { class: "muted" }, `Số liệu tính từ ngày ${r.period.from.split("-").reverse().join("/")} đến ngày ${r.period.to.split("-").reverse().join("/")}. Đánh giá do chương trình tính theo chiều của chỉ tiêu.`),
    el("div", { id: "report-chart" }, chart(v)),
    el("table", { class: "data results" }, el("thead", {}, el("tr", {}, ["TT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Tỷ lệ", "Đánh giá", "Ghi chú"].map((h) => el("th", {}, h)))), el("tbody", {}, targetRows)),
    el("table", { class: "data results" }, el("thead", {}, el("tr", {}, ["TT", "Nhiệm vụ", "Chủ trì", "Tình trạng", "Ngày hoàn thành", "Đánh giá"].map((h) => el("th", {}, h)))), el("tbody", {}, taskRows)),
    el("h2", {}, "Nội dung báo cáo"),
    text("strengths", "II.1. Ưu điểm, kết quả nổi bật"),
    text("limits", "II.2. Hạn chế, nguyên nhân"),
    text("next_tasks", "III. Nhiệm vụ thời gian tới (mỗi dòng một nhiệm vụ; sẵn có: các nhiệm vụ chưa hoàn thành)", 4),
    text("proposals", "IV. Đề xuất, kiến nghị", 2),
    el("div", { class: "buttons" },
      el("button", { id: "report-preview", onclick: previewReport }, "Xem trước báo cáo"),
      el("button", { onclick: () => printReport() }, "In"),
      ...[["docx", "Xuất DOCX"], ["pdf", "Xuất PDF"], ["xlsx", "Xuất Excel"], ["json", "Tệp gửi cấp trên"]].map(([ext, l]) =>
        el("button", { "data-export": ext, class: ext === "docx" ? "primary" : "", onclick: () => exportReport(ext) }, l))));
}

const label = (verdict) => vocabLabel("verdicts", verdict);

// Plan against result, from the engine's evaluation: each target's bar is its
// completion rate (the plan's level at 100 %), coloured by its verdict.
function chart(v) {
  const rows = v.targets.filter(([, e]) => e.rate !== null && e.rate !== undefined || e.planned);
  const h = 26 * rows.length + 30;
  const svg = svgEl("svg", { viewBox: `0 0 640 ${h}`, class: "chart", role: "img", "aria-label": "Kế hoạch và kết quả" });
  const x0 = 70, w = 500, full = x0 + w / 1.5;
  rows.forEach(([t, e], i) => {
    const y = 10 + i * 26;
    const rate = Math.min(e.rate ?? 0, 150);
    const name = svgEl("text", { x: 4, y: y + 14, "font-size": 12 });
    name.textContent = `CT${v.targets.findIndex(([x]) => x.id === t.id) + 1}`;
    svg.append(name, svgEl("rect", { x: x0, y, width: (w / 1.5) * (rate / 100), height: 16, class: `bar ${e.verdict}`, "data-target": t.id }));
    const value = svgEl("text", { x: x0 + (w / 1.5) * (rate / 100) + 4, y: y + 13, "font-size": 11 });
    value.textContent = e.achieved ? `${e.achieved} / ${e.planned}` : `chưa có số liệu / ${e.planned}`;
    svg.append(value);
  });
  svg.append(svgEl("line", { x1: full, y1: 4, x2: full, y2: h - 18, stroke: "#333", "stroke-dasharray": "4 3" }));
  const plan = svgEl("text", { x: full - 30, y: h - 4, "font-size": 11 });
  plan.textContent = "kế hoạch";
  svg.append(plan);
  return svg;
}

// Results are saved as they are typed; the engine's evaluation comes back and the
// status cells and the chart follow (the inputs stay as typed).
function schedule() {
  clearTimeout(track.timer);
  track.timer = setTimeout(saveNow, 400);
}

export async function saveNow() {
  clearTimeout(track.timer);
  if (!track.view) return;
  // The report being edited stays the one the inputs write to; the engine's answer
  // brings the evaluations.
  const edited = track.view.report;
  try {
    track.view = { ...(await api.saveReport(track.reportId, edited)), report: edited };
  } catch (e) { return toast(e.message, true); }
  const v = track.view;
  for (const [t, e] of v.targets) {
    const row = document.querySelector(`tr[data-target="${CSS.escape(t.id)}"]`);
    if (!row) continue;
    row.querySelector(".rate").textContent = e.rate_label;
    const s = row.querySelector(".verdict");
    s.className = `verdict ${e.verdict}`;
    s.textContent = label(e.verdict);
  }
  for (const [t, e] of v.tasks) {
    const s = document.querySelector(`tr[data-task="${CSS.escape(t.id)}"] .task-state`);
    if (s) { s.className = `task-state ${e.overdue ? "overdue" : e.status}`; s.textContent = e.label; }
  }
  $("#report-chart")?.replaceChildren(chart(v));
  // Until the officer writes their own, the tasks ahead are those not yet done.
  const next = document.querySelector('[data-report="next_tasks"]');
  if (next && !edited.next_tasks.length) next.value = v.next_default.join("\n");
}

async function previewReport() {
  await saveNow();
  const dlg = $("#preview");
  dlg.replaceChildren(el("div", { class: "preview-bar" }, el("strong", {}, "Xem trước báo cáo"), el("span", { class: "muted" }, "Đang dàn trang…")));
  dlg.showModal();
  let pages;
  try { pages = await api.reportPreview(track.reportId); } catch (e) { dlg.close(); toast(e.message, true); return false; }
  dlg.replaceChildren(
    el("div", { class: "preview-bar" }, el("strong", {}, "Xem trước báo cáo"), el("span", { class: "muted" }, `${pages.length} trang, khổ A4`), el("span", { class: "spacer" }),
      el("button", { class: "primary", onclick: () => dlg.close() }, "Đóng")),
    el("div", { class: "pages" }, pages.map((p, i) => pageSvg(p, i + 1))));
  return true;
}

async function printReport() {
  await saveNow();
  try { await api.printReport(track.reportId); } catch (e) {
    if (e.code !== "no_viewer") return toast(e.message, true);
    await printFromPreview(previewReport);
  }
}

async function exportReport(ext) {
  await saveNow();
  await exportVia((again) => api.exportReport(track.reportId, ext, again), "Đã xuất báo cáo");
}

// The units' reports on this plan, gathered from the shared folder.
function rollupSection() {
  const out = el("div", { id: "rollup" });
  return el("details", { class: "rollup" },
    el("summary", {}, "Tổng hợp báo cáo của các đơn vị cấp dưới (từ thư mục dùng chung)"),
    el("div", { class: "buttons" },
      el("button", { id: "rollup-now", onclick: async () => {
        try { out.replaceChildren(rollupTable(await api.rollup(state.id, null))); } catch (e) { toast(e.message, true); }
      } }, "Tổng hợp"),
      el("button", { onclick: () => exportVia((again) => api.exportRollup(state.id, "xlsx", again), "Đã xuất bảng tổng hợp") }, "Xuất Excel"),
      el("button", { onclick: () => exportVia((again) => api.exportRollup(state.id, "docx", again), "Đã xuất bảng tổng hợp") }, "Xuất DOCX")),
    out);
}

function rollupTable(c) {
  if (!c.units.length) return el("p", { class: "muted" }, "Chưa có đơn vị nào lập kế hoạch hay báo cáo về kế hoạch này.");
  return el("div", {},
    el("p", {}, `${c.reports} báo cáo ${c.period ? c.period.label : ""}; chưa báo cáo: ${c.silent.length ? c.silent.join(", ") : "không"}.`),
    c.problems.length ? diagnosticList(c.problems) : "",
    c.pending.length ? el("p", { class: "muted" }, `Đang ghi, để lần sau: ${c.pending.join(", ")}`) : "",
    el("table", { class: "data" },
      el("thead", {}, el("tr", {}, el("th", {}, "Đơn vị"), c.rows.map((r, i) => el("th", { title: r.text }, `CT${i + 1} (${r.planned})`)))),
      el("tbody", {},
        c.units.map((u, k) => el("tr", {}, el("td", {}, u), c.rows.map((r) => {
          const cell = r.cells[k];
          return el("td", {}, cell ? el("span", { class: `verdict ${cell.verdict}` }, cell.achieved ? `${cell.achieved} ${label(cell.verdict)}` : label(cell.verdict)) : el("span", { class: "muted" }, "—"));
        }))),
        el("tr", {}, el("td", {}, el("strong", {}, "Số đơn vị đạt")), c.rows.map((r) => el("td", {}, `${r.reached}/${c.units.length}`))))));
}
