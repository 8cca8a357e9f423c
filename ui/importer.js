// Nhập kế hoạch: a parent plan read from its document, reviewed before saving.
import * as api from "./api.js";
import { $, el, field, toast } from "./dom.js";
import { label } from "./state.js";
import { diagnosticList } from "./diagnostics.js";
import { comparatorSelect, deadlineLabels, flushSave, openPlan } from "./editor.js";
import { refreshList } from "./list.js";
import { scanReview } from "./scan.js";

// A field of the import review: edits change the plan being reviewed only (it is
// not stored until the officer confirms).
export function reviewInput(input, get, set) {
  input.value = get() ?? "";
  input.addEventListener("input", () => set(input.value));
  return input;
}

export function reviewDeadline(obj, label) {
  const input = el("input", { "data-field": "deadline", placeholder: "vd: Quý IV năm 2026" });
  input.value = label ?? "";
  input.addEventListener("change", async () => {
    if (!input.value.trim()) return (obj.deadline = null);
    const parsed = await api.parseDeadline(input.value);
    obj.deadline = parsed.deadline;
    input.value = parsed.label;
  });
  return input;
}

// Runs a command that asks for a document in the Rust-side open dialog and reads
// it: while the engine reads, the dialog shows progress. Null when cancelled; on an
// error the message is shown and null returned.
export async function readChosenDocument(command) {
  await flushSave();
  const dlg = $("#dialog");
  const counter = el("p", { class: "muted", id: "reading-pages" });
  const unlisten = await api.onDocumentReading(() => {
    dlg.replaceChildren(el("div", { class: "dlg" }, el("h2", {}, "Đang đọc văn bản…"), el("div", { class: "progress" }), counter,
      el("div", { class: "buttons" }, el("button", { id: "cancel-reading", onclick: () => api.cancelReading() }, "Dừng"))));
    if (!dlg.open) dlg.showModal();
  });
  // A scan is read page by page (OCR): the count shows as it goes.
  const unlistenPages = await api.onDocumentProgress(([done, total]) => {
    counter.textContent = `Bản quét: đang nhận dạng chữ, đã đọc ${done}/${total} trang`;
  });
  try {
    return await command();
  } catch (e) {
    if (dlg.open) dlg.close();
    toast(e.message, true);
    return null;
  } finally {
    unlisten();
    unlistenPages();
  }
}

// "Nhập kế hoạch": the document is read by the engine, and what it recognised is
// shown for review (targets and tasks highlighted, each editable) before saving.
export async function importPlan() {
  const read = await readChosenDocument(api.importPreview);
  if (!read) return;
  const [path, imported] = read;
  await reviewImported(path, imported);
}

// The review of what was read; a scan's corrected text read again comes back here
// with the scan's pages kept.
async function reviewImported(path, imported) {
  const dlg = $("#dialog");
  const p = imported.plan;
  const [targetLabels, taskLabels] = await Promise.all([deadlineLabels(p.targets), deadlineLabels(p.tasks)]);
  const count = (n, what) => `${n} ${what}`;
  const headings = [];
  const walk = (list, depth) => list.forEach((s) => { headings.push([depth, s.heading]); walk(s.children, depth + 1); });
  walk(p.sections, 0);
  // The sentence is what prints and is checked: a corrected value is written into
  // it, and an edited sentence is read again for its fields (by the engine).
  // Readings still running when the officer saves are waited for.
  const pending = new Set();
  const track = (promise) => { pending.add(promise); promise.finally(() => pending.delete(promise)); return promise; };
  const targetRows = p.targets.map((t, i) => {
    const comp = comparatorSelect();
    const sentence = reviewInput(el("textarea", { rows: 2, "data-field": "text" }), () => t.text, (v) => (t.text = v));
    const value = reviewInput(el("input", { inputmode: "decimal", "data-field": "value" }), () => t.value ?? "", () => {});
    // One reading at a time, in the order typed.
    let chain = Promise.resolve();
    value.addEventListener("input", () => track(chain = chain.then(async () => {
      const reading = await api.readField("value", value.value);
      if (reading.problem) return toast(reading.problem.message, true);
      t.value = reading.value;
      const rewritten = reading.value === null ? null : await api.targetSentenceWithValue(t, reading.value).catch(() => null);
      if (rewritten) { t.text = rewritten; sentence.value = rewritten; }
    })));
    sentence.addEventListener("change", () => track((async () => {
      const followed = await api.followTargetSentence(t).catch(() => null);
      if (!followed) return;
      Object.assign(t, followed);
      comp.value = t.comparator ?? "";
      value.value = t.value ?? "";
    })()));
    return el("tr", { class: t.comparator ? "recognised" : "", "data-path": `targets[${i}]` },
      el("td", { class: "muted" }, t.group),
      el("td", {}, sentence),
      el("td", {}, reviewInput(comp, () => t.comparator ?? "", (v) => (t.comparator = v || null))),
      el("td", {}, value),
      el("td", {}, t.unit === "count" ? t.unit_label || label("units", "count") : label("units", t.unit)),
      el("td", {}, reviewDeadline(t, targetLabels[i])));
  });
  const taskRows = p.tasks.map((t, i) =>
    el("tr", { class: "recognised", "data-path": `tasks[${i}]` },
      el("td", { class: "muted" }, t.group),
      el("td", {}, reviewInput(el("textarea", { rows: 2, "data-field": "text" }), () => t.text, (v) => (t.text = v))),
      el("td", {}, reviewInput(el("textarea", { rows: 2, "data-field": "lead" }), () => t.lead, (v) => (t.lead = v))),
      el("td", {}, reviewInput(el("textarea", { rows: 2, "data-field": "partners" }), () => t.partners.join("; "), (v) => (t.partners = v.split(";").map((x) => x.trim()).filter(Boolean)))),
      el("td", {}, reviewDeadline(t, taskLabels[i])),
      el("td", {}, reviewInput(el("textarea", { rows: 2, "data-field": "product" }), () => t.product ?? "", (v) => (t.product = v)))));
  // Tables that are neither tasks nor targets stay tables of the plan: shown as such.
  const tables = [];
  const findTables = (blocks, where) => blocks.forEach((b) => b.type === "table" && tables.push([where, b]));
  const walkTables = (list) => list.forEach((s) => { findTables(s.blocks, s.heading); walkTables(s.children); });
  walkTables(p.sections);
  p.appendices.forEach((a, i) => findTables(a.blocks, `Phụ lục ${i + 1}: ${a.title}`));
  const tableViews = tables.map(([where, b]) =>
    el("div", { class: "imported-table" },
      el("p", { class: "muted" }, where),
      el("table", { class: "data" },
        el("thead", {}, el("tr", {}, b.columns.map((c) => el("th", {}, c.title)))),
        el("tbody", {}, b.rows.map((r) => el("tr", {}, b.columns.map((_, k) => el("td", {}, r[k] ?? ""))))))));
  const parent = p.parent ? `${p.parent.kind === "ke_hoach" ? "Kế hoạch" : ""} số ${p.parent.number ?? ""}/${p.parent.symbol} của ${p.parent.agency}` : "(không nhận ra)";
  dlg.replaceChildren(el("div", { class: "dlg wide import-review" },
    el("h2", {}, "Nhập kế hoạch: kiểm tra trước khi lưu"),
    el("p", { class: "muted" }, path),
    el("div", { class: "grid2" },
      field("Trích yếu", reviewInput(el("input", { "data-field": "title" }), () => p.title, (v) => (p.title = v)), "title"),
      field("Cơ quan ban hành", reviewInput(el("input", { "data-field": "agency" }), () => p.agency.name, (v) => (p.agency.name = v)), "agency.name")),
    el("p", {}, `Căn cứ kế hoạch cấp trên: ${parent}. Nhận ra: ${count(headings.length, "mục")}, ${count(p.targets.length, "chỉ tiêu")}, ${count(p.tasks.length, "nhiệm vụ")}, ${count(p.recipients.length, "nơi nhận")}.`),
    imported.scan ? scanReview(imported.scan, async (text) => {
      try {
        const again = await api.readCorrectedScan(text, path);
        again.scan = { ...imported.scan, text };
        await reviewImported(path, again);
        toast("Đã đọc lại văn bản đã sửa.");
      } catch (e) {
        toast(e.message, true);
      }
    }) : "",
    imported.notes.length
      ? el("details", { class: "notes", open: "" }, el("summary", {}, `${imported.notes.length} điểm cần xem lại`),
          diagnosticList(imported.notes))
      : el("p", { class: "ok" }, "Đã nhận ra toàn bộ văn bản."),
    el("details", {}, el("summary", {}, "Bố cục"), el("ul", { class: "outline" }, headings.map(([d, h]) => el("li", { class: `depth-${Math.min(d, 4)}` }, h)))),
    p.targets.length ? el("h3", {}, `Chỉ tiêu (${p.targets.length})`) : "",
    p.targets.length ? el("table", { class: "edit" }, el("thead", {}, el("tr", {}, ["Nhóm", "Chỉ tiêu", "So sánh", "Giá trị", "Đơn vị", "Thời hạn"].map((h) => el("th", {}, h)))), el("tbody", {}, targetRows)) : "",
    p.tasks.length ? el("h3", {}, `Nhiệm vụ (${p.tasks.length})`) : "",
    p.tasks.length ? el("table", { class: "edit" }, el("thead", {}, el("tr", {}, ["Nhóm", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm"].map((h) => el("th", {}, h)))), el("tbody", {}, taskRows)) : "",
    tables.length ? el("h3", {}, `Bảng khác (${tables.length})`) : "",
    ...tableViews,
    el("div", { class: "buttons" },
      el("button", { onclick: () => dlg.close() }, "Hủy"),
      el("button", { class: "primary", id: "import-save", onclick: async () => {
        try {
          await Promise.all([...pending]);
          const id = await api.importSave(p);
          dlg.close();
          await refreshList();
          await openPlan(id);
          toast("Đã lưu kế hoạch nhập từ văn bản.");
        } catch (e) {
          toast(e.message, true);
        }
      } }, "Lưu kế hoạch"))));
  if (!dlg.open) dlg.showModal();
}
