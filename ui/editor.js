// The editor: header fields, the section tree, footer; autosave and the findings
// beside their fields. Targets and tasks are in items.js, undo/redo and the
// revisions in history.js.
import * as api from "./api.js";
import { $, el, field, toast } from "./dom.js";
import { state, vocab } from "./state.js";
import { diagnosticList, markFields } from "./diagnostics.js";
import { refreshList } from "./list.js";
import { renderTargets, renderTasks, showDecisions } from "./items.js";
import { undo, updateHistoryButtons } from "./history.js";
import { renderTracking } from "./tracking.js";
export { comparatorSelect, deadlineLabels } from "./items.js";

export async function openPlan(id) {
  await flushSave();
  try {
    state.plan = await api.getPlan(id);
  } catch (e) {
    return toast(e.message, true);
  }
  state.id = id;
  state.typed = {};
  state.refused = {};
  $("#empty").hidden = true;
  $("#editor").hidden = false;
  const inTrash = $("#filter-trash").checked;
  $("#btn-trash").textContent = inTrash ? "Khôi phục" : "Xóa";
  await renderAll();
  refreshList();
  lint();
  updateHistoryButtons();
}

export async function renderAll() {
  $("#editor-title").textContent = `${state.plan.title || "(chưa có trích yếu)"}`;
  $("#editor-title").title = state.plan.title || "";
  renderGeneral();
  renderFooter();
  await Promise.all([renderBody(), renderTargets(), renderTasks()]);
  showFindings();
}

// Binds an input to a path in the plan; every edit schedules a save.
export function bind(input, get, set) {
  input.value = get() ?? "";
  input.addEventListener("input", () => {
    set(input.value);
    changed();
  });
  return input;
}

export function text(path, get, set, label, opts = {}) {
  const input = opts.multiline ? el("textarea", { rows: opts.rows || 2 }) : el("input", { type: opts.type || "text", inputmode: opts.inputmode });
  return field(label, bind(input, get, set), path, opts.full ? "full" : "");
}

// A field whose text the engine reads by its rule (số, năm, ngày, giá trị): what is
// typed stays in the box; a refusal shows the engine's message beside it and the
// plan keeps its last good value, which the findings panel and the paper warn of.
export function checkedField(path, rule, get, set, label, opts = {}) {
  const input = el("input", { inputmode: opts.inputmode, placeholder: opts.placeholder, "data-field": opts.dataField });
  input.value = path in state.typed ? state.typed[path] : (opts.show ? opts.show(get()) : get() ?? "");
  const f = opts.bare ? input : field(label, input, path);
  const hintHost = opts.bare ? null : f;
  const showRefusal = () => {
    (hintHost || input.parentElement)?.querySelector(".hint.local")?.remove();
    if (state.refused[path]) (hintHost || input.parentElement)?.append(el("div", { class: "hint error local", "data-refused": path }, state.refused[path]));
  };
  input.addEventListener("input", async () => {
    const typed = input.value;
    const reading = await api.readField(rule, typed);
    if (input.value !== typed) return; // a newer keystroke is being read
    if (reading.problem) {
      state.typed[path] = typed;
      state.refused[path] = reading.problem.message;
    } else {
      delete state.typed[path];
      delete state.refused[path];
      set(reading.value);
      changed();
    }
    showRefusal();
    showFindings();
  });
  queueMicrotask(showRefusal);
  return f;
}

const toDmy = (iso) => (iso ? iso.split("-").reverse().join("/") : "");

export function dateField(path, rule, get, set, label) {
  return checkedField(path, rule, get, set, label, { show: toDmy, placeholder: "ngày/tháng/năm" });
}

export function renderGeneral() {
  const p = state.plan;
  p.parent = p.parent || null;
  const pane = $('[data-pane="general"]');
  const from = p.period.kind === "year" ? p.period.year : p.period.from;
  const to = p.period.kind === "year" ? "" : p.period.to;
  const setPeriod = (f, t) => (p.period = t && t !== f ? { kind: "years", from: f, to: t } : { kind: "year", year: f });
  pane.replaceChildren(
    el("h2", {}, "Cơ quan ban hành"),
    el(
      "div",
      { class: "grid2" },
      text("agency.name", () => p.agency.name, (v) => (p.agency.name = v), "Tên cơ quan (dùng trong câu)"),
      text("agency.supervising", () => p.agency.supervising, (v) => (p.agency.supervising = v), "Cơ quan chủ quản (in ở đầu trang)"),
      text("place", () => p.place, (v) => (p.place = v), "Địa danh"),
      text("agency.tier", () => p.agency.tier, (v) => (p.agency.tier = v), "Cấp (xã, phường, đặc khu ...)")
    ),
    el("h2", {}, "Văn bản"),
    el(
      "div",
      { class: "grid3" },
      checkedField("number", "number", () => p.number ?? "", (v) => (p.number = v), "Số (để trống khi chưa có số)", { inputmode: "numeric" }),
      text("symbol", () => p.symbol, (v) => (p.symbol = v), "Ký hiệu"),
      dateField("date", "date", () => p.date, (v) => (p.date = v), "Ngày ban hành"),
      text("title", () => p.title, (v) => {
        p.title = v;
        $("#editor-title").textContent = v;
      }, "Trích yếu", { full: true }),
      checkedField("period", "period", () => from, (v) => setPeriod(v, p.period.kind === "year" ? null : p.period.to), "Năm thực hiện (hoặc năm đầu)", { inputmode: "numeric" }),
      checkedField("period.to", "period.to", () => to, (v) => setPeriod(p.period.kind === "year" ? p.period.year : p.period.from, v), "Đến năm (nếu nhiều năm)", { inputmode: "numeric" }),
      field(
        "Trạng thái",
        bind(el("select", {}, vocab.statuses.map((s) => el("option", { value: s.value }, s.label))), () => p.status, (v) => (p.status = v)),
        "status"
      )
    ),
    el("h2", {}, "Văn bản cấp trên (căn cứ)"),
    el(
      "div",
      { class: "grid3" },
      ...[
        ["number", "Số"],
        ["symbol", "Ký hiệu"],
        ["date", "Ngày"],
        ["agency", "Cơ quan ban hành"],
        ["title", "Về việc (trích yếu)"],
      ].map(([k, label]) => {
        const setParent = (v) => {
          p.parent = p.parent || { kind: "ke_hoach", number: null, symbol: "KH-UBND", date: null, agency: "", title: "" };
          p.parent[k] = v;
        };
        if (k === "date") return dateField("parent.date", "parent.date", () => p.parent?.date, setParent, label);
        if (k === "number") return checkedField("parent.number", "parent.number", () => p.parent?.number ?? "", setParent, label, { inputmode: "numeric" });
        // The agency and the title are long names: each a whole row, never cut.
        return text(`parent.${k}`, () => p.parent?.[k] ?? "", setParent, label, { full: k === "title" || k === "agency" });
      })
    ),
    text("legal_bases", () => p.legal_bases.join("\n"), (v) => (p.legal_bases = v.split("\n").filter((x) => x.trim())), "Căn cứ khác (mỗi dòng một căn cứ)", { multiline: true, rows: 3, full: true }),
    text("intro", () => p.intro, (v) => (p.intro = v), "Câu dẫn (… ban hành Kế hoạch …, cụ thể như sau:)", { multiline: true, full: true }),
    text("closing", () => p.closing, (v) => (p.closing = v), "Câu kết thúc (chương trình tự thêm ./.)", { multiline: true, full: true })
  );
}

// The section tree: each node with its computed label from the engine.
export async function renderBody() {
  const pane = $('[data-pane="body"]');
  let labels = {};
  try {
    for (const o of await api.outline(state.plan)) labels[o.path] = o.label;
  } catch (e) {
    labels = {};
  }
  const nodes = [];
  const walk = (list, base, depth, parentList) => {
    list.forEach((s, i) => {
      const path = `${base}[${i}]`;
      nodes.push(sectionCard(s, i, list, path, depth, labels[path] ?? "", parentList));
      walk(s.children, `${path}.children`, depth + 1, list);
    });
  };
  walk(state.plan.sections, "sections", 0, null);
  pane.replaceChildren(
    el("div", { class: "outline" }, nodes),
    el("p", {}, el("button", { onclick: () => { state.plan.sections.push(newSection()); changed(true); } }, "+ Thêm phần"))
  );
}

// Deleting a section takes its subsections with it: the toast says how much went
// and offers «Hoàn tác», which is the engine's undo (the deletion is saved first).
async function deleteSection(list, i) {
  const [gone] = list.splice(i, 1);
  const count = (s) => s.children.reduce((n, c) => n + 1 + count(c), 0);
  const sub = count(gone);
  changed(true);
  await flushSave();
  const what = gone.heading.trim() ? `«${gone.heading.trim()}»` : "không tên";
  toast(`Đã xóa mục ${what}${sub ? ` cùng ${sub} mục con` : ""}.`, false, { label: "Hoàn tác", run: undo });
}

export function newSection() {
  return { heading: "", blocks: [{ type: "paragraph", text: "" }], children: [] };
}

export function sectionCard(s, i, list, path, depth, label, parentList) {
  const move = (d) => {
    const j = i + d;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    changed(true);
  };
  const indent = () => {
    if (i === 0) return;
    const [node] = list.splice(i, 1);
    list[i - 1].children.push(node);
    changed(true);
  };
  const outdent = () => {
    if (!parentList) return;
    const parent = parentList.find((x) => x.children === list);
    const [node] = list.splice(i, 1);
    parentList.splice(parentList.indexOf(parent) + 1, 0, node);
    changed(true);
  };
  const removeBlock = (j) => el("button", { class: "danger icon small", title: "Xóa khối này", onclick: () => { s.blocks.splice(j, 1); changed(true); } }, "✕");
  const groupInput = (blk) => bind(el("input", { placeholder: "mọi nhóm" }), () => blk.group ?? "", (v) => (blk.group = v.trim() ? v : null));
  const blocks = s.blocks.map((b, j) => {
    const bpath = `${path}.blocks[${j}]`;
    let body;
    if (b.type === "paragraph")
      body = field("Đoạn văn", bind(el("textarea", { rows: 3 }), () => b.text, (v) => (b.text = v)), `${bpath}.text`, "full");
    else if (b.type === "bullets")
      body = field("Các gạch đầu dòng (mỗi dòng một ý)", bind(el("textarea", { rows: 3 }), () => b.items.join("\n"), (v) => (b.items = v.split("\n"))), bpath, "full");
    else if (b.type === "targets")
      body = el("div", { class: "blockref" }, "Chỉ tiêu của nhóm ", groupInput(b), " (nội dung sửa ở thẻ Chỉ tiêu)");
    else if (b.type === "tasks")
      body = el("div", { class: "blockref" }, "Nhiệm vụ của lĩnh vực ", groupInput(b), " (nội dung sửa ở thẻ Nhiệm vụ)");
    else body = el("div", { class: "blockref" }, `Bảng ${b.columns.length} cột, ${b.rows.length} dòng`);
    return el("div", { class: "block" }, body, removeBlock(j));
  });
  const NEW_BLOCKS = {
    paragraph: () => ({ type: "paragraph", text: "" }),
    bullets: () => ({ type: "bullets", items: [""], marker: "-" }),
    targets: () => ({ type: "targets", group: null }),
    tasks: () => ({ type: "tasks", group: null, layout: "list" }),
  };
  const adder = el("select", { class: "add-block", title: "Thêm khối nội dung vào mục này" },
    el("option", { value: "" }, "+ Thêm khối…"),
    el("option", { value: "paragraph" }, "Đoạn văn"),
    el("option", { value: "bullets" }, "Các gạch đầu dòng"),
    el("option", { value: "targets" }, "Danh sách chỉ tiêu"),
    el("option", { value: "tasks" }, "Danh sách nhiệm vụ"));
  adder.addEventListener("change", () => {
    if (!adder.value) return;
    s.blocks.push(NEW_BLOCKS[adder.value]());
    changed(true);
  });
  blocks.push(adder);
  return el(
    "div",
    { class: `sec depth-${Math.min(depth, 4)}`, "data-path": path },
    el(
      "div",
      { class: "sec-head" },
      el("span", { class: "sec-label" }, label),
      bind(el("input", { placeholder: "Tiêu đề mục" }), () => s.heading, (v) => (s.heading = v)),
      el(
        "span",
        { class: "row-actions" },
        el("button", { title: "Lên", onclick: () => move(-1) }, "↑"),
        el("button", { title: "Xuống", onclick: () => move(1) }, "↓"),
        el("button", { title: "Lùi ra", onclick: outdent }, "←"),
        el("button", { title: "Thụt vào", onclick: indent }, "→"),
        el("button", { title: "Thêm mục con", onclick: () => { s.children.push(newSection()); changed(true); } }, "+"),
        el("button", { title: "Xóa mục", class: "danger", "data-action": "delete-section", onclick: () => deleteSection(list, i) }, "✕")
      )
    ),
    s.guidance ? el("div", { class: "guidance" }, s.guidance) : "",
    el("div", { class: "blocks" }, blocks)
  );
}

export function renderFooter() {
  const p = state.plan;
  const s = p.signature;
  $('[data-pane="footer"]').replaceChildren(
    el("h2", {}, "Nơi nhận"),
    text("recipients", () => p.recipients.join("\n"), (v) => (p.recipients = v.split("\n").filter((x) => x.trim())), "Mỗi dòng một nơi nhận, không gõ «- » và «;» (chương trình tự thêm); dòng cuối «Lưu: VT»", { multiline: true, rows: 8, full: true }),
    el("h2", {}, "Chữ ký"),
    el(
      "div",
      { class: "grid2" },
      text("signature.collective", () => s.collective, (v) => (s.collective = v), "Tập thể (TM.)"),
      field(
        "Thẩm quyền",
        bind(el("select", {}, ["", "KT", "Q", "TL", "TUQ"].map((a) => el("option", { value: a }, a ? `${a}.` : "(không)"))), () => s.authority ?? "", (v) => (s.authority = v || null)),
        "signature.authority"
      ),
      text("signature.authority_of", () => s.authority_of, (v) => (s.authority_of = v), "Ký thay cho (vd: CHỦ TỊCH)"),
      text("signature.position", () => s.position, (v) => (s.position = v), "Chức vụ người ký"),
      text("signature.signer", () => s.signer, (v) => (s.signer = v), "Họ và tên người ký")
    )
  );
}

// ---------- Autosave and lint ----------
export function changed(rerender = false) {
  state.dirty = true;
  $("#save-state").textContent = "Đang sửa…";
  clearTimeout(state.saveTimer);
  state.saveTimer = setTimeout(save, 600);
  if (rerender) renderAll();
}

export async function save() {
  clearTimeout(state.saveTimer);
  if (!state.dirty || state.id === null) return;
  state.dirty = false;
  try {
    await api.savePlan(state.id, state.plan);
    $("#save-state").textContent = `Đã lưu lúc ${new Date().toLocaleTimeString("vi-VN")}`;
    updateHistoryButtons();
  } catch (e) {
    state.dirty = true;
    $("#save-state").textContent = "Chưa lưu được";
    toast(e.message, true);
  }
  lint();
}

export async function flushSave() {
  if (state.dirty) await save();
}

export async function lint() {
  if (!state.plan) return;
  try {
    const checked = await api.checkPlan(state.id, state.plan);
    state.findings = checked.diagnostics;
    state.checked = checked;
  } catch (e) {
    state.findings = [{ severity: "error", path: "", message: e.message, code: "invalid" }];
  }
  showFindings();
}

// Findings beside the fields they concern (a field whose data-path is the finding's
// path, or its start, is marked), and the panel lists them all.
export function showFindings() {
  // What the engine refused to take is listed first: the paper still has the value
  // saved before it.
  const refused = Object.entries(state.refused || {}).map(([path, message]) => ({
    severity: "error", code: "invalid_field", path,
    message: `${message} (chưa nhận: bản in vẫn dùng giá trị trước đó)`,
  }));
  const all = [...refused, ...state.findings];
  markFields(state.findings);
  showDecisions();
  const errors = all.filter((f) => f.severity === "error").length;
  $("#findings").replaceChildren(
    el("h3", {}, "Kiểm tra thể thức"),
    all.length
      ? diagnosticList(all, { onPick: (f) => revealPath(f.path) })
      : el("p", { class: "ok" }, "✓ Không phát hiện lỗi thể thức."),
    errors ? el("p", { class: "muted" }, `${errors} lỗi cần sửa trước khi ban hành.`) : ""
  );
}

export function revealPath(path) {
  const tab = path.startsWith("targets") ? "targets" : path.startsWith("tasks") ? "tasks" : path.startsWith("sections") ? "body" : /^(recipients|signature)/.test(path) ? "footer" : "general";
  selectTab(tab);
}

export function selectTab(name) {
  document.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll(".pane").forEach((p) => (p.hidden = p.dataset.pane !== name));
  if (name === "tracking") renderTracking();
}

export function closeEditor() {
  state.id = null;
  state.plan = null;
  state.dirty = false;
  $("#editor").hidden = true;
  $("#empty").hidden = false;
}
