// The drafting workflow: plan list, editor with autosave, ND30 findings, export.
import { call, onStoreChanged, openDialog, openFolderDialog, openPlanDocument, saveDialog } from "./api.js";

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
};

const state = { plans: [], id: null, plan: null, findings: [], saveTimer: null, dirty: false };
const COMPARATORS = ["", "=", ">=", ">", "<=", "<", "~"];
const COMPARATOR_LABEL = { "": "—", "=": "=", ">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈" };
const UNITS = { percent: "%", count: "số lượng", other: "khác" };
const DECISIONS = { adopted: "Giữ nguyên", tightened: "Nâng cao", not_applicable: "Không áp dụng", new: "Bổ sung mới" };

// A popover sits in the top layer, so messages show above an open dialog too.
function toast(msg, error = false) {
  const t = $("#toast");
  t.textContent = msg;
  t.className = error ? "error" : "";
  if (t.matches(":popover-open")) t.hidePopover();
  t.showPopover();
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.hidePopover(), error ? 6000 : 2500);
}

// ---------- Plan list ----------
async function refreshList() {
  const query = $("#search").value;
  const year = $("#filter-year").value ? Number($("#filter-year").value) : null;
  const status = $("#filter-status").value || null;
  const trash = $("#filter-trash").checked;
  try {
    state.plans = await call("list_plans", { query, year, status, trash });
  } catch (e) {
    return toast(e.message, true);
  }
  const list = $("#plan-list");
  list.replaceChildren(
    ...state.plans.map((p) =>
      el(
        "li",
        { class: p.id === state.id ? "active" : "", "data-id": p.id, onclick: () => openPlan(p.id) },
        el("div", { class: "t" }, p.title || "(chưa có trích yếu)"),
        el(
          "div",
          { class: "m" },
          el("span", {}, p.year_from === p.year_to ? String(p.year_from) : `${p.year_from}–${p.year_to}`),
          el("span", { class: `badge ${p.status}` }, p.status === "final" ? "Chính thức" : "Dự thảo"),
          el("span", {}, p.agency)
        )
      )
    )
  );
  if (!state.plans.length) list.append(el("li", { class: "muted" }, trash ? "Thùng rác trống." : "Không có kế hoạch nào."));
}

function fillYears() {
  const sel = $("#filter-year");
  const now = new Date().getFullYear();
  for (let y = now + 1; y >= now - 6; y--) sel.append(el("option", { value: y }, String(y)));
}

// ---------- Editor ----------
async function openPlan(id) {
  await flushSave();
  try {
    state.plan = await call("get_plan", { id });
  } catch (e) {
    return toast(e.message, true);
  }
  state.id = id;
  $("#empty").hidden = true;
  $("#editor").hidden = false;
  const inTrash = $("#filter-trash").checked;
  $("#btn-trash").textContent = inTrash ? "Khôi phục" : "Xóa";
  await renderAll();
  refreshList();
  lint();
}

async function renderAll() {
  $("#editor-title").textContent = `${state.plan.title || "(chưa có trích yếu)"}`;
  renderGeneral();
  renderFooter();
  await Promise.all([renderBody(), renderTargets(), renderTasks()]);
  showFindings();
}

// Binds an input to a path in the plan; every edit schedules a save.
function bind(input, get, set) {
  input.value = get() ?? "";
  input.addEventListener("input", () => {
    set(input.value);
    changed();
  });
  return input;
}

function field(label, input, path, cls = "") {
  return el("div", { class: `field ${cls}`, "data-path": path }, el("label", {}, label), input);
}

function text(path, get, set, label, opts = {}) {
  const input = opts.multiline ? el("textarea", { rows: opts.rows || 2 }) : el("input", { type: opts.type || "text", inputmode: opts.inputmode });
  return field(label, bind(input, get, set), path, opts.full ? "full" : "");
}

// Dates are typed day first, as Vietnamese write them (the native date picker
// follows the OS locale and shows month first on an English system).
const toDmy = (iso) => (iso ? iso.split("-").reverse().join("/") : "");
function fromDmy(text) {
  const m = text.trim().match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function dateField(path, get, set, label) {
  const input = el("input", { placeholder: "ngày/tháng/năm" });
  input.value = toDmy(get());
  const f = field(label, input, path);
  input.addEventListener("change", () => {
    f.querySelector(".hint.local")?.remove();
    if (!input.value.trim()) {
      set(null);
    } else {
      const iso = fromDmy(input.value);
      if (!iso) {
        f.append(el("div", { class: "hint error local" }, "Ngày không hợp lệ: gõ theo dạng ngày/tháng/năm, vd 05/3/2026"));
        return;
      }
      set(iso);
    }
    changed();
  });
  return f;
}

function renderGeneral() {
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
      text("number", () => p.number ?? "", (v) => (p.number = /^\d+$/.test(v.trim()) ? Number(v) : null), "Số (để trống khi chưa có số)", { inputmode: "numeric" }),
      text("symbol", () => p.symbol, (v) => (p.symbol = v), "Ký hiệu"),
      dateField("date", () => p.date, (v) => (p.date = v), "Ngày ban hành"),
      text("title", () => p.title, (v) => {
        p.title = v;
        $("#editor-title").textContent = v;
      }, "Trích yếu", { full: true }),
      text("period", () => from, (v) => setPeriod(Number(v) || from, p.period.to), "Năm thực hiện (hoặc năm đầu)", { inputmode: "numeric" }),
      text("period.to", () => to, (v) => setPeriod(p.period.kind === "year" ? p.period.year : p.period.from, Number(v) || null), "Đến năm (nếu nhiều năm)", { inputmode: "numeric" }),
      field(
        "Trạng thái",
        bind(el("select", {}, el("option", { value: "draft" }, "Dự thảo"), el("option", { value: "final" }, "Chính thức")), () => p.status, (v) => (p.status = v)),
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
        if (k === "date") return dateField("parent.date", () => p.parent?.date, setParent, label);
        if (k === "number") return text("parent.number", () => p.parent?.number ?? "", (v) => setParent(/^\d+$/.test(v.trim()) ? Number(v) : null), label, { inputmode: "numeric" });
        return text(`parent.${k}`, () => p.parent?.[k] ?? "", setParent, label, { full: k === "title" });
      })
    ),
    text("legal_bases", () => p.legal_bases.join("\n"), (v) => (p.legal_bases = v.split("\n").filter((x) => x.trim())), "Căn cứ khác (mỗi dòng một căn cứ)", { multiline: true, rows: 3, full: true }),
    text("intro", () => p.intro, (v) => (p.intro = v), "Câu dẫn (… ban hành Kế hoạch …, cụ thể như sau:)", { multiline: true, full: true }),
    text("closing", () => p.closing, (v) => (p.closing = v), "Câu kết thúc (chương trình tự thêm ./.)", { multiline: true, full: true })
  );
}

// The section tree: each node with its computed label from the engine.
async function renderBody() {
  const pane = $('[data-pane="body"]');
  let labels = {};
  try {
    for (const o of await call("outline", { plan: state.plan })) labels[o.path] = o.label;
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

function newSection() {
  return { heading: "", blocks: [{ type: "paragraph", text: "" }], children: [] };
}

function sectionCard(s, i, list, path, depth, label, parentList) {
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
        el("button", { title: "Xóa mục", class: "danger", onclick: () => { list.splice(i, 1); changed(true); } }, "✕")
      )
    ),
    s.guidance ? el("div", { class: "guidance" }, s.guidance) : "",
    el("div", { class: "blocks" }, blocks)
  );
}

// Deadlines are typed as plans write them; the engine parses them and writes the
// label back (the ND30 leading zero of months 1–2, Roman quarters), so the rule
// lives only in the engine.
function deadlineInput(obj, key, label) {
  const input = el("input", { placeholder: "vd: tháng 12 năm 2026", "data-field": "deadline" });
  input.value = label ?? "";
  input.addEventListener("change", async () => {
    if (input.value.trim()) {
      const parsed = await call("parse_deadline", { text: input.value });
      obj[key] = parsed.deadline;
      input.value = parsed.label;
    } else {
      obj[key] = null;
    }
    changed();
  });
  return input;
}

// The labels of a list of deadlines, in one call to the engine.
async function deadlineLabels(items) {
  try {
    return await call("deadline_labels", { deadlines: items.map((x) => x.deadline ?? null) });
  } catch (e) {
    return items.map(() => "");
  }
}

// One target or task per card: the text gets the full width (plans' targets are
// long sentences), the short fields sit on a second line.
function itemCard(path, group, groupLabel, textInput, textLabel, details, onRemove, removeTitle) {
  return el(
    "div",
    { class: "item", "data-path": path },
    el("div", { class: "item-main" },
      el("label", { class: "field" }, el("span", { class: "lbl" }, groupLabel), group),
      el("label", { class: "field" }, el("span", { class: "lbl" }, textLabel), textInput),
      el("button", { class: "danger icon", title: removeTitle, onclick: onRemove }, "✕")),
    el("div", { class: "item-details" }, details.map(([label, input, cls]) => el("label", { class: `field ${cls || ""}` }, el("span", { class: "lbl" }, label), input)))
  );
}

async function renderTargets() {
  const p = state.plan;
  const labels = await deadlineLabels(p.targets);
  const cards = p.targets.map((t, i) => {
    const comp = el("select", { "data-field": "comparator" }, COMPARATORS.map((c) => el("option", { value: c }, COMPARATOR_LABEL[c])));
    const unit = el("select", { "data-field": "unit" }, Object.entries(UNITS).map(([k, v]) => el("option", { value: k }, v)));
    return itemCard(
      `targets[${i}]`,
      bind(el("input", { "data-field": "group" }), () => t.group, (v) => (t.group = v)),
      "Nhóm",
      bind(el("textarea", { rows: 2, "data-field": "text" }), () => t.text, (v) => (t.text = v)),
      `Chỉ tiêu ${i + 1}`,
      [
        ["So sánh", bind(comp, () => t.comparator ?? "", (v) => (t.comparator = v || null)), "narrow"],
        ["Giá trị", bind(el("input", { type: "number", step: "any", "data-field": "value" }), () => t.value ?? "", (v) => (t.value = v === "" ? null : Number(v))), "narrow"],
        ["Đơn vị", bind(unit, () => t.unit, (v) => (t.unit = v)), "narrow"],
        ["Thời hạn", deadlineInput(t, "deadline", labels[i]), "wide"],
        ...(t.parent_target ? [
          ["Kế thừa", bind(el("select", { "data-field": "decision" }, Object.entries(DECISIONS).map(([k, v]) => el("option", { value: k }, v))), () => t.decision ?? "adopted", (v) => (t.decision = v)), "wide"],
          ["Lý do (khi không áp dụng)", bind(el("input", { "data-field": "reason" }), () => t.reason ?? "", (v) => (t.reason = v)), "wide"],
        ] : []),
      ],
      () => { p.targets.splice(i, 1); changed(true); },
      "Xóa chỉ tiêu"
    );
  });
  const summary = await call("inheritance_summary", { id: state.id }).catch(() => null);
  $('[data-pane="targets"]').replaceChildren(
    summary ? el("p", { class: "inherit-summary" }, `Kế thừa kế hoạch cấp trên: giữ nguyên ${summary.adopted}, nâng cao ${summary.tightened}, không áp dụng ${summary.not_applicable}, bổ sung mới ${summary.new} chỉ tiêu; ${summary.tasks_picked_up} nhiệm vụ cấp trên được thực hiện.`) : "",
    el("p", { class: "muted" }, "Chỉ tiêu in ra trong mục có khối «Chỉ tiêu» (thẻ Nội dung), theo nhóm. Thời hạn gõ tự nhiên, vd: «tháng 12 năm 2026», «quý II», «trước 30/6/2026»."),
    el("div", { class: "items" }, cards),
    el("p", {}, el("button", { id: "add-target", onclick: () => { p.targets.push({ id: "", group: p.targets.at(-1)?.group ?? "", text: "", comparator: ">=", value: null, unit: "percent", deadline: null }); changed(true); } }, "+ Thêm chỉ tiêu"))
  );
}

async function renderTasks() {
  const p = state.plan;
  const labels = await deadlineLabels(p.tasks);
  const cards = p.tasks.map((t, i) =>
    itemCard(
      `tasks[${i}]`,
      bind(el("input", { "data-field": "group" }), () => t.group, (v) => (t.group = v)),
      "Lĩnh vực",
      bind(el("textarea", { rows: 2, "data-field": "text" }), () => t.text, (v) => (t.text = v)),
      `Nhiệm vụ ${i + 1}`,
      [
        ["Đơn vị chủ trì", bind(el("input", { "data-field": "lead" }), () => t.lead, (v) => (t.lead = v)), "wide"],
        ["Đơn vị phối hợp (cách nhau bằng ;)", bind(el("input", { "data-field": "partners" }), () => t.partners.join("; "), (v) => (t.partners = v.split(";").map((x) => x.trim()).filter(Boolean))), "wider"],
        ["Thời gian hoàn thành", deadlineInput(t, "deadline", labels[i]), "wide"],
      ],
      () => { p.tasks.splice(i, 1); changed(true); },
      "Xóa nhiệm vụ"
    )
  );
  $('[data-pane="tasks"]').replaceChildren(
    el("div", { class: "items" }, cards),
    el("p", {}, el("button", { id: "add-task", onclick: () => { p.tasks.push({ id: "", group: p.tasks.at(-1)?.group ?? "", text: "", lead: "", partners: [], deadline: null }); changed(true); } }, "+ Thêm nhiệm vụ"))
  );
}

function renderFooter() {
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
function changed(rerender = false) {
  state.dirty = true;
  $("#save-state").textContent = "Đang sửa…";
  clearTimeout(state.saveTimer);
  state.saveTimer = setTimeout(save, 600);
  if (rerender) renderAll();
}

async function save() {
  clearTimeout(state.saveTimer);
  if (!state.dirty || state.id === null) return;
  state.dirty = false;
  try {
    await call("save_plan", { id: state.id, plan: state.plan });
    $("#save-state").textContent = `Đã lưu lúc ${new Date().toLocaleTimeString("vi-VN")}`;
  } catch (e) {
    state.dirty = true;
    $("#save-state").textContent = "Chưa lưu được";
    toast(e.message, true);
  }
  lint();
}

async function flushSave() {
  if (state.dirty) await save();
}

async function lint() {
  if (!state.plan) return;
  try {
    state.findings = await call("check_plan", { plan: state.plan, id: state.id });
  } catch (e) {
    state.findings = [{ severity: "error", path: "", message: e.message, code: "invalid" }];
  }
  showFindings();
}

// Findings beside the fields they concern: a field whose data-path is the finding's
// path (or its start) is marked, and the panel lists them all.
function showFindings() {
  document.querySelectorAll(".has-error, .has-warning").forEach((n) => n.classList.remove("has-error", "has-warning"));
  document.querySelectorAll(".hint").forEach((n) => n.remove());
  for (const f of state.findings) {
    let node = null;
    let path = f.path;
    while (path && !(node = document.querySelector(`[data-path="${CSS.escape(path)}"]`))) {
      path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
      if (!/[.[]/.test(path)) break;
    }
    if (!node && f.path) node = document.querySelector(`[data-path="${CSS.escape(f.path.split(/[.[]/)[0])}"]`);
    if (node) {
      node.classList.add(`has-${f.severity}`);
      if (node.classList.contains("field") || node.classList.contains("item")) node.append(el("div", { class: `hint ${f.severity}` }, f.message));
    }
  }
  const errors = state.findings.filter((f) => f.severity === "error").length;
  const panel = $("#findings");
  panel.replaceChildren(
    el("h3", {}, "Kiểm tra thể thức"),
    state.findings.length
      ? el("ul", {}, state.findings.map((f) => el("li", { class: f.severity, title: f.path, onclick: () => revealPath(f.path) }, f.message)))
      : el("p", { class: "ok" }, "✓ Không phát hiện lỗi thể thức."),
    errors ? el("p", { class: "muted" }, `${errors} lỗi cần sửa trước khi ban hành.`) : ""
  );
}

function revealPath(path) {
  const tab = path.startsWith("targets") ? "targets" : path.startsWith("tasks") ? "tasks" : path.startsWith("sections") ? "body" : /^(recipients|signature)/.test(path) ? "footer" : "general";
  selectTab(tab);
}

function selectTab(name) {
  document.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll(".pane").forEach((p) => (p.hidden = p.dataset.pane !== name));
}

// ---------- Export ----------
async function exportPlan(kind) {
  if (state.id === null) return;
  await flushSave();
  const label = kind === "pdf" ? "PDF" : "DOCX";
  const name = `${(state.plan.title || "ke-hoach").replace(/[\\/:*?"<>|]/g, "")}.${kind}`;
  const path = await saveDialog(name, kind);
  if (!path) return;
  const dlg = $("#dialog");
  dlg.replaceChildren(el("div", { class: "dlg" }, el("h2", {}, `Đang xuất ${label}…`), el("div", { class: "progress" })));
  dlg.showModal();
  try {
    const findings = await call("export_plan", { id: state.id, path });
    const errors = findings.filter((f) => f.severity === "error");
    dlg.replaceChildren(
      el("div", { class: "dlg" },
        el("h2", {}, `Đã xuất tệp ${label}`),
        el("p", {}, path),
        findings.length ? el("p", {}, `Lưu ý: ${errors.length} lỗi, ${findings.length - errors.length} cảnh báo thể thức (xem bảng bên phải).`) : el("p", { class: "ok" }, "Không phát hiện lỗi thể thức."),
        el("div", { class: "buttons" },
          el("button", { onclick: () => dlg.close() }, "Đóng"),
          el("button", { class: "primary", onclick: async () => { dlg.close(); try { await call("open_file", { path }); } catch (e) { toast(e.message, true); } } }, "Mở tệp"))));
  } catch (e) {
    dlg.close();
    toast(e.message, true);
  }
}

// Printing goes through the PDF in the system's viewer: its print dialog is the
// one the officer knows, and what prints is exactly the preview.
async function printPlan() {
  if (state.id === null) return;
  await flushSave();
  toast("Đang mở bản PDF để in…");
  try {
    await call("print_plan", { id: state.id });
  } catch (e) {
    toast(e.message, true);
  }
}

// ---------- Preview ----------
const SVG = "http://www.w3.org/2000/svg";
const svgEl = (tag, attrs) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

// The pages as the engine laid them out for the PDF: every stretch of text at its
// place, drawn in the document font.
function pageSvg(page, number) {
  const svg = svgEl("svg", { viewBox: `0 0 ${page.width} ${page.height}`, class: "page", role: "img", "aria-label": `Trang ${number}` });
  svg.append(svgEl("rect", { x: 0, y: 0, width: page.width, height: page.height, fill: "#fff" }));
  for (const [x, y, w, h] of page.highlights) svg.append(svgEl("rect", { x, y, width: w, height: h, fill: "#ffed33" }));
  for (const s of page.strokes) svg.append(svgEl("line", { x1: s.x1, y1: s.y1, x2: s.x2, y2: s.y2, stroke: "#000", "stroke-width": s.thickness }));
  for (const t of page.texts) {
    const text = svgEl("text", { x: t.x, y: t.y, "font-size": t.size, "font-weight": t.bold ? "bold" : "normal", "font-style": t.italic ? "italic" : "normal", "xml:space": "preserve" });
    text.textContent = t.text;
    svg.append(text);
  }
  return svg;
}

async function showPreview() {
  if (!state.plan) return;
  const dlg = $("#preview");
  dlg.replaceChildren(el("div", { class: "preview-bar" }, el("strong", {}, "Xem trước"), el("span", { class: "muted" }, "Đang dàn trang…")));
  dlg.showModal();
  let pages;
  try {
    pages = await call("preview", { plan: state.plan });
  } catch (e) {
    dlg.close();
    return toast(e.message, true);
  }
  dlg.replaceChildren(
    el("div", { class: "preview-bar" },
      el("strong", {}, "Xem trước"),
      el("span", { class: "muted" }, `${pages.length} trang, khổ A4`),
      el("span", { class: "spacer" }),
      el("button", { onclick: () => { dlg.close(); printPlan(); } }, "In"),
      el("button", { onclick: () => { dlg.close(); exportPlan("pdf"); } }, "Xuất PDF"),
      el("button", { class: "primary", onclick: () => dlg.close() }, "Đóng")),
    el("div", { class: "pages" }, pages.map((p, i) => pageSvg(p, i + 1))));
}

// ---------- Revisions ----------
async function showRevisions() {
  await flushSave();
  const revs = await call("list_revisions", { id: state.id });
  const dlg = $("#dialog");
  dlg.replaceChildren(
    el("div", { class: "dlg" },
      el("h2", {}, "Các phiên bản đã lưu"),
      el("table", { class: "edit" }, el("tbody", {}, revs.map((r, i) =>
        el("tr", {},
          el("td", {}, new Date(r.saved_at).toLocaleString("vi-VN")),
          el("td", {}, r.title),
          el("td", {}, i === 0 ? el("span", { class: "muted" }, "hiện tại") : el("button", { onclick: async () => {
            await call("restore_revision", { id: state.id, revision: r.id });
            dlg.close();
            await openPlan(state.id);
            toast("Đã khôi phục phiên bản.");
          } }, "Khôi phục")))))),
      el("div", { class: "buttons" }, el("button", { onclick: () => dlg.close() }, "Đóng"))));
  dlg.showModal();
}

// ---------- Settings ----------
const SETTINGS = [
  ["agency.name", "Tên cơ quan (vd: Ủy ban nhân dân xã Tân An)"],
  ["agency.supervising", "Cơ quan chủ quản (vd: UBND THÀNH PHỐ HẢI PHÒNG)"],
  ["agency.place", "Địa danh (vd: Tân An)"],
  ["agency.tier", "Cấp (xã, phường, đặc khu ...)"],
  ["signer.position", "Chức vụ người ký mặc định"],
  ["signer.name", "Họ tên người ký mặc định"],
  ["inherit.tolerance", "Sai lệch cho phép với chỉ tiêu «khoảng» (≈) so với cấp trên (mặc định 1)"],
];

async function showSettings() {
  const values = {};
  for (const [k] of SETTINGS) values[k] = (await call("get_setting", { key: k })) ?? "";
  const inputs = SETTINGS.map(([k, label]) => { const i = el("input"); i.value = values[k]; return [k, label, i]; });
  // The profile values and their ND30 ranges come from the engine.
  const profile = await call("get_profile");
  const ranges = await call("profile_ranges");
  const SHOWN = ["margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm", "body_pt", "line_spacing", "paragraph_spacing_pt", "first_line_indent_mm"];
  const profileInputs = ranges.filter((r) => SHOWN.includes(r.field)).map((r) => {
    const step = r.field === "line_spacing" ? "0.05" : r.field === "body_pt" ? "1" : "0.5";
    const i = el("input", { type: "number", min: r.min, max: r.max, step, inputmode: "decimal" });
    i.value = profile[r.field];
    return [r, i];
  });
  const dlg = $("#dialog");
  dlg.replaceChildren(el("div", { class: "dlg" },
    el("h2", {}, "Thiết lập"),
    el("div", { class: "grid2" }, inputs.map(([k, label, i]) => field(label, i, k))),
    el("h2", {}, "Thể thức"),
    el("div", { class: "grid4" }, profileInputs.map(([r, i]) => field(`${r.name} (${r.min}–${r.max} ${r.unit})`, i, r.field))),
    el("p", { class: "muted" }, `Cơ sở dữ liệu: ${await call("database_path")}`),
    el("div", { class: "buttons" },
      el("button", { onclick: async () => {
        const path = await window.__TAURI__.dialog.save({ defaultPath: "kehoach-sao-luu.db" });
        if (path) { try { await call("backup_now", { path }); toast("Đã sao lưu."); } catch (e) { toast(e.message, true); } }
      } }, "Sao lưu ngay"),
      el("button", { onclick: () => restoreBackup(dlg) }, "Khôi phục từ bản sao lưu…"),
      el("button", { onclick: () => dlg.close() }, "Hủy"),
      el("button", { class: "primary", onclick: async () => {
        try {
          const next = { ...profile };
          for (const [r, i] of profileInputs) next[r.field] = Number(i.value);
          await call("set_profile", { profile: next });
          for (const [k, , i] of inputs) await call("set_setting", { key: k, value: i.value });
        } catch (e) {
          return toast(e.message, true);
        }
        dlg.close();
        toast("Đã lưu thiết lập.");
        lint();
      } }, "Lưu"))));
  dlg.showModal();
}

// Restoring replaces every plan: the officer confirms first, and the engine keeps
// a copy of the current data beside the database before replacing it.
async function restoreBackup(dlg) {
  const path = await openDialog();
  if (!path) return;
  dlg.replaceChildren(el("div", { class: "dlg" },
    el("h2", {}, "Khôi phục từ bản sao lưu"),
    el("p", {}, `Toàn bộ kế hoạch và thiết lập hiện có sẽ được thay bằng nội dung của tệp:`),
    el("p", {}, el("strong", {}, path)),
    el("p", { class: "muted" }, "Dữ liệu hiện tại được tự động sao lưu thành một tệp bên cạnh cơ sở dữ liệu trước khi thay."),
    el("div", { class: "buttons" },
      el("button", { onclick: () => dlg.close() }, "Hủy"),
      el("button", { class: "primary", onclick: async () => {
        try {
          await flushSave();
          const safety = await call("restore_backup", { path });
          dlg.close();
          closeEditor();
          refreshList();
          toast(safety ? `Đã khôi phục. Dữ liệu cũ được giữ tại ${safety}` : "Đã khôi phục.");
        } catch (e) {
          toast(e.message, true);
        }
      } }, "Khôi phục"))));
  if (!dlg.open) dlg.showModal();
}

// ---------- Import ----------
// A field of the import review: edits change the plan being reviewed only (it is
// not stored until the officer confirms).
function reviewInput(input, get, set) {
  input.value = get() ?? "";
  input.addEventListener("input", () => set(input.value));
  return input;
}

function reviewDeadline(obj, label) {
  const input = el("input", { "data-field": "deadline", placeholder: "vd: Quý IV năm 2026" });
  input.value = label ?? "";
  input.addEventListener("change", async () => {
    if (!input.value.trim()) return (obj.deadline = null);
    const parsed = await call("parse_deadline", { text: input.value });
    obj.deadline = parsed.deadline;
    input.value = parsed.label;
  });
  return input;
}

// Where an import note points: page and line of a PDF, line of a text, paragraph of a DOCX.
function notePlace(n) {
  if (n.page) return n.line ? `Trang ${n.page}, dòng ${n.line}: ` : `Trang ${n.page}: `;
  return n.line ? `Dòng ${n.line}: ` : "";
}

// "Nhập kế hoạch": the document is read by the engine, and what it recognised is
// shown for review (targets and tasks highlighted, each editable) before saving.
async function importPlan() {
  const path = await openPlanDocument();
  if (!path) return;
  await flushSave();
  const dlg = $("#dialog");
  dlg.replaceChildren(el("div", { class: "dlg" }, el("h2", {}, "Đang đọc văn bản…"), el("div", { class: "progress" })));
  if (!dlg.open) dlg.showModal();
  let imported;
  try {
    imported = await call("import_preview", { path });
  } catch (e) {
    dlg.close();
    return toast(e.message, true);
  }
  const p = imported.plan;
  const [targetLabels, taskLabels] = await Promise.all([deadlineLabels(p.targets), deadlineLabels(p.tasks)]);
  const count = (n, what) => `${n} ${what}`;
  const headings = [];
  const walk = (list, depth) => list.forEach((s) => { headings.push([depth, s.heading]); walk(s.children, depth + 1); });
  walk(p.sections, 0);
  const targetRows = p.targets.map((t, i) => {
    const comp = el("select", { "data-field": "comparator" }, COMPARATORS.map((c) => el("option", { value: c }, COMPARATOR_LABEL[c])));
    return el("tr", { class: t.comparator ? "recognised" : "", "data-path": `targets[${i}]` },
      el("td", { class: "muted" }, t.group),
      el("td", {}, reviewInput(el("textarea", { rows: 2, "data-field": "text" }), () => t.text, (v) => (t.text = v))),
      el("td", {}, reviewInput(comp, () => t.comparator ?? "", (v) => (t.comparator = v || null))),
      el("td", {}, reviewInput(el("input", { type: "number", step: "any", "data-field": "value" }), () => t.value ?? "", (v) => (t.value = v === "" ? null : Number(v)))),
      el("td", {}, t.unit === "count" ? t.unit_label || UNITS.count : UNITS[t.unit]),
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
    imported.notes.length
      ? el("details", { class: "notes", open: "" }, el("summary", {}, `${imported.notes.length} điểm cần xem lại`),
          el("ul", {}, imported.notes.map((n) => el("li", {}, notePlace(n) + n.message))))
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
          const id = await call("import_save", { plan: p });
          dlg.close();
          await refreshList();
          await openPlan(id);
          toast("Đã lưu kế hoạch nhập từ văn bản.");
        } catch (e) {
          toast(e.message, true);
        }
      } }, "Lưu kế hoạch"))));
}

// ---------- Parent update ----------
// A newer version of the parent arrives: each change is shown with the items it
// affects, and the officer accepts or rejects it.
async function updateFromParent() {
  const path = await openPlanDocument();
  if (!path) return;
  await flushSave();
  let update;
  try {
    update = await call("parent_update_preview", { id: state.id, path });
  } catch (e) {
    return toast(e.message, true);
  }
  const dlg = $("#dialog");
  const boxes = update.descriptions.map(() => { const b = el("input", { type: "checkbox" }); b.checked = true; return b; });
  dlg.replaceChildren(el("div", { class: "dlg wide" },
    el("h2", {}, "Kế hoạch cấp trên có phiên bản mới"),
    el("p", { class: "muted" }, path),
    update.descriptions.length
      ? el("ul", { class: "changes" }, update.descriptions.map((d, i) => el("li", {}, el("label", { class: "check" }, boxes[i], ` ${d}`))))
      : el("p", { class: "ok" }, "Không có thay đổi về chỉ tiêu, nhiệm vụ."),
    el("p", { class: "muted" }, "Bỏ chọn các thay đổi không chấp nhận. Kế hoạch được lưu thành phiên bản mới, có thể khôi phục."),
    el("div", { class: "buttons" },
      el("button", { onclick: () => dlg.close() }, "Hủy"),
      el("button", { class: "primary", id: "apply-parent-update", onclick: async () => {
        try {
          await call("parent_update_apply", { id: state.id, newParent: update.new_parent, accepted: boxes.map((b) => b.checked) });
          dlg.close();
          await openPlan(state.id);
          toast("Đã cập nhật theo kế hoạch cấp trên mới.");
        } catch (e) {
          toast(e.message, true);
        }
      } }, "Áp dụng"))));
  dlg.showModal();
}

function closeEditor() {
  state.id = null;
  state.plan = null;
  state.dirty = false;
  $("#editor").hidden = true;
  $("#empty").hidden = false;
}


// ---------- Templates and the shared folder ----------
const ORIGIN = { builtin: "Có sẵn", folder: "Thư mục dùng chung", local: "Soạn trên máy" };

function templateBadges(t) {
  return [
    el("span", { class: "badge origin" }, `${ORIGIN[t.origin] || t.origin} · phiên bản ${t.version}`),
    t.modified ? el("span", { class: "badge" }, "đã sửa trên máy") : "",
    t.conflict ? el("span", { class: "badge conflict" }, "xung đột: cần chọn bản giữ lại") : "",
  ];
}

// The template picker: templates suiting the unit's tier first. Resolves with the
// chosen id (and year when asked), or null when cancelled.
async function pickTemplate({ title, confirm, askYear = false, extra = null }) {
  // Whether a template suits the unit's tier is the engine's rule (tiers named
  // together, such as xã and phường, suit each other).
  const templates = await call("list_templates");
  const suits = (t) => t.suits;
  const sorted = [...templates.filter(suits), ...templates.filter((t) => !suits(t))];
  const year = el("input", { type: "number", min: 2000, max: 2100, step: 1 });
  year.value = new Date().getFullYear() + 1;
  const dlg = $("#dialog");
  return new Promise((resolve) => {
    const done = (v) => { dlg.close(); resolve(v); };
    const chosen = () => ($("input[name=tpl]:checked", dlg) || {}).value;
    dlg.replaceChildren(el("div", { class: "dlg" },
      el("h2", {}, title),
      el("ul", { class: "template-list", id: "template-choices" }, sorted.map((t, i) =>
        el("li", { class: suits(t) ? "" : "unsuited", "data-template": t.id },
          el("label", {},
            el("input", { type: "radio", name: "tpl", value: t.id, ...(i === 0 ? { checked: "" } : {}) }),
            el("div", {},
              el("div", { class: "t" }, t.name),
              el("div", { class: "d" }, t.description || ""),
              el("div", { class: "d" }, templateBadges(t), t.author ? ` · ${t.author}` : "", suits(t) ? "" : " · dành cho cấp khác")))))),
      askYear ? el("div", { class: "grid4" }, field("Năm của kế hoạch", year, "year")) : "",
      extra ? extra((id) => done(id)) : "",
      el("div", { class: "buttons" },
        el("button", { onclick: () => done(null) }, "Hủy"),
        el("button", { class: "primary", id: "template-confirm", onclick: () => done({ templateId: chosen(), year: Number(year.value) || null }) }, confirm))));
    dlg.addEventListener("cancel", () => resolve(null), { once: true });
    dlg.showModal();
  });
}

// "+ Kế hoạch mới": a template, or a parent plan from the shared folder.
async function newPlan() {
  let parents = [];
  try { parents = await call("shared_parents"); } catch { /* no folder yet */ }
  const extra = parents.length ? (finish) => el("div", {},
    el("h2", {}, "Hoặc lập từ kế hoạch cấp trên trong thư mục dùng chung"),
    el("ul", { class: "template-list", id: "shared-parents" }, parents.map((p) =>
      el("li", { "data-parent": p.name },
        el("div", { style: "flex:1" }, el("div", { class: "t" }, p.title || p.name), el("div", { class: "d" }, `${p.agency} · ${p.name}`)),
        el("div", { class: "row-actions" },
          el("button", { onclick: () => finish({ parent: p.name, templateId: ($("input[name=tpl]:checked") || {}).value }) }, "Lập kế hoạch từ kế hoạch này")))))) : null;
  const choice = await pickTemplate({ title: "Kế hoạch mới: chọn mẫu", confirm: "Tạo kế hoạch", askYear: true, extra });
  if (!choice) return;
  try {
    let id;
    if (choice.parent) {
      id = await call("derive_from_shared", { name: choice.parent, templateId: choice.templateId });
      toast("Đã lập dự thảo kế hoạch của đơn vị từ kế hoạch cấp trên.");
    } else {
      id = await call("create_plan", { templateId: choice.templateId, year: choice.year });
      toast("Đã tạo kế hoạch mới từ mẫu.");
    }
    await openPlan(id);
    selectTab(choice.parent ? "targets" : "general");
  } catch (e) {
    toast(e.message, true);
  }
}

function syncSummary(r) {
  const parts = [`thêm ${r.added.length}`, `cập nhật ${r.updated.length}`, `xóa ${r.removed.length}`, `không đổi ${r.unchanged}`];
  return `Mẫu: ${parts.join(", ")}; ${r.parents} kế hoạch cấp trên`;
}

function syncReportView(r) {
  const items = [el("li", {}, syncSummary(r))];
  for (const c of r.conflicts) items.push(el("li", { class: "warn" }, `Xung đột ở mẫu «${c}»: chọn bản giữ lại ở dưới.`));
  for (const p of r.problems) items.push(el("li", { class: "error" }, `${p.file}: ${p.path ? p.path + ": " : ""}${p.message} (bỏ qua)`));
  for (const f of r.pending) items.push(el("li", {}, `${f}: tệp đang được ghi, sẽ đồng bộ lần sau.`));
  for (const n of r.notes) items.push(el("li", {}, n.message));
  return el("ul", { class: "sync-report", id: "sync-report" }, items);
}

let lastSync = null;

function showSharedStatus() {
  const s = $("#shared-status");
  if (!lastSync) return;
  if (lastSync.error) { s.textContent = `Thư mục dùng chung: ${lastSync.error}`; s.className = "muted warn"; return; }
  const r = lastSync.report;
  const time = lastSync.at.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
  const warn = r.conflicts.length || r.problems.length;
  s.textContent = `Đồng bộ lúc ${time}` + (r.conflicts.length ? ` · ${r.conflicts.length} xung đột` : "") + (r.problems.length ? ` · ${r.problems.length} tệp lỗi` : "");
  s.className = warn ? "muted warn" : "muted";
  s.title = syncSummary(r);
}

// Syncs when a folder is set; `quiet` for the automatic runs (errors go to the
// status line, not a toast).
async function syncShared(quiet = false) {
  const folder = await call("get_setting", { key: "shared.folder" });
  if (!folder) return null;
  try {
    const report = await call("sync_shared_folder");
    lastSync = { at: new Date(), report };
    showSharedStatus();
    if (!quiet) toast("Đã đồng bộ với thư mục dùng chung.");
    return report;
  } catch (e) {
    lastSync = { at: new Date(), error: e.message };
    showSharedStatus();
    if (!quiet) toast(e.message, true);
    return null;
  }
}

async function showShared(report = null) {
  const folder = el("input", { id: "shared-folder", placeholder: "vd: Z:\\KeHoach\\Mau hoặc \\\\may-chu\\chung\\mau" });
  folder.value = (await call("get_setting", { key: "shared.folder" })) ?? "";
  const [templates, conflicts] = await Promise.all([call("list_templates"), call("template_conflicts")]);
  const dlg = $("#dialog");
  const refresh = (r = report) => showShared(r);
  const act = (fn, ok) => async () => { try { await fn(); if (ok) toast(ok); } catch (e) { toast(e.message, true); } refresh(); };
  dlg.replaceChildren(el("div", { class: "dlg wide" },
    el("h2", {}, "Thư mục dùng chung"),
    el("p", { class: "muted" }, "Các đơn vị đặt mẫu kế hoạch (.json) và kế hoạch cấp trên (.json, .pdf, .docx, .txt) vào một thư mục chung (ổ mạng). Chương trình tự đồng bộ khi mở và mỗi phút; bản mẫu sửa trên máy không bao giờ bị ghi đè mà không hỏi."),
    el("div", { class: "folder-row" },
      field("Thư mục", folder, "shared.folder"),
      el("button", { onclick: async () => { const d = await openFolderDialog(); if (d) folder.value = d; } }, "Chọn…"),
      el("button", { class: "primary", id: "sync-now", onclick: async () => {
        try { await call("set_setting", { key: "shared.folder", value: folder.value.trim() }); } catch (e) { return toast(e.message, true); }
        const r = await syncShared(false);
        refresh(r);
      } }, "Đồng bộ ngay")),
    report ? syncReportView(report) : (lastSync && lastSync.error ? el("p", { class: "error" }, lastSync.error) : ""),
    conflicts.length ? el("div", {},
      el("h2", {}, "Xung đột cần chọn"),
      el("ul", { class: "template-list", id: "conflicts" }, conflicts.map((c) =>
        el("li", { "data-conflict": c.id },
          el("div", { style: "flex:1" },
            el("div", { class: "t" }, c.name),
            el("div", { class: "d" }, `Bản trên máy: phiên bản ${c.local_version} (đã sửa) · Bản trong thư mục (${c.file}): phiên bản ${c.folder_version}`)),
          el("div", { class: "row-actions" },
            el("button", { onclick: act(() => call("resolve_template_conflict", { id: c.id, keepLocal: true }), "Giữ bản trên máy; xuất bản để thay bản trong thư mục.") }, "Giữ bản trên máy"),
            el("button", { onclick: act(() => call("resolve_template_conflict", { id: c.id, keepLocal: false }), "Đã lấy bản trong thư mục.") }, "Lấy bản trong thư mục")))))) : "",
    el("h2", {}, "Mẫu kế hoạch"),
    el("ul", { class: "template-list", id: "templates" }, templates.map((t) =>
      el("li", { "data-template": t.id },
        el("div", { style: "flex:1" }, el("div", { class: "t" }, t.name), el("div", { class: "d" }, templateBadges(t), t.author ? ` · ${t.author}` : "")),
        el("div", { class: "row-actions" },
          el("button", { title: "Sửa nội dung mẫu (JSON, xem docs/template-format.md)", onclick: () => editTemplate(t.id) }, "Sửa…"),
          el("button", { title: "Ghi mẫu vào thư mục dùng chung cho các đơn vị khác", onclick: act(async () => { const p = await call("publish_template", { id: t.id }); toast(`Đã xuất bản: ${p}`); }) }, "Xuất bản"),
          t.origin !== "builtin" ? el("button", { class: "danger", onclick: act(() => call("delete_template", { id: t.id }), "Đã xóa mẫu.") }, "Xóa") : "")))),
    el("div", { class: "buttons" },
      el("button", { onclick: async () => { await call("set_setting", { key: "shared.folder", value: folder.value.trim() }).catch(() => {}); dlg.close(); } }, "Đóng"))));
  if (!dlg.open) dlg.showModal();
}

// A template is data: it is edited as its JSON text, checked by the engine on save
// (the error names the JSON path).
async function editTemplate(id) {
  let json;
  try { json = await call("get_template_json", { id }); } catch (e) { return toast(e.message, true); }
  const area = el("textarea", { id: "template-json", spellcheck: "false", rows: 24, style: "font-family: monospace; font-size: 12.5px; width: 100%" });
  area.value = json;
  const dlg = $("#dialog");
  dlg.replaceChildren(el("div", { class: "dlg wide" },
    el("h2", {}, `Sửa mẫu «${id}»`),
    el("p", { class: "muted" }, "Ô điền: {agency.name}, {agency.short}, {agency.tier}, {agency.supervising}, {place}, {year}, {period}, {parent.citation}, {parent.agency}, {parent.title}, {signer.position}, {signer.name}. Bản sửa được lưu trên máy; đồng bộ không ghi đè khi chưa hỏi; bấm «Xuất bản» để chia sẻ."),
    area,
    el("div", { class: "buttons" },
      el("button", { onclick: () => showShared(lastSync && lastSync.report) }, "Hủy"),
      el("button", { class: "primary", id: "save-template-json", onclick: async () => {
        try {
          const t = await call("save_template_json", { json: area.value });
          toast(`Đã lưu mẫu «${t.name}», phiên bản ${t.version}.`);
          showShared(lastSync && lastSync.report);
        } catch (e) { toast(e.message, true); }
      } }, "Lưu"))));
  if (!dlg.open) dlg.showModal();
}

async function saveAsTemplate() {
  await flushSave();
  const name = el("input", { id: "template-name" });
  name.value = `Mẫu: ${state.plan.title}`;
  const dlg = $("#dialog");
  dlg.replaceChildren(el("div", { class: "dlg" },
    el("h2", {}, "Lưu kế hoạch này làm mẫu"),
    el("p", { class: "muted" }, "Mẫu giữ bố cục, lời văn, nơi nhận và chữ ký; tên đơn vị và năm được thay bằng ô điền để dùng cho kế hoạch sau. Chỉ tiêu, nhiệm vụ không đưa vào mẫu."),
    field("Tên mẫu", name, "name"),
    el("div", { class: "buttons" },
      el("button", { onclick: () => dlg.close() }, "Hủy"),
      el("button", { class: "primary", onclick: async () => {
        try { const t = await call("save_as_template", { id: state.id, name: name.value }); dlg.close(); toast(`Đã lưu mẫu «${t.name}».`); } catch (e) { toast(e.message, true); }
      } }, "Lưu mẫu"))));
  dlg.showModal();
}

// ---------- Wiring ----------
function wire() {
  fillYears();
  let searchTimer;
  $("#search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(refreshList, 150); });
  for (const id of ["#filter-year", "#filter-status", "#filter-trash"]) $(id).addEventListener("change", refreshList);
  $("#new-plan").addEventListener("click", newPlan);
  $("#open-shared").addEventListener("click", () => showShared(lastSync && lastSync.report));
  // The status line opens the report (conflicts and malformed files are chosen there).
  $("#shared-status").addEventListener("click", () => showShared(lastSync && lastSync.report));
  $("#btn-save-template").addEventListener("click", saveAsTemplate);
  $("#import-plan").addEventListener("click", importPlan);
  // The menu closes once an action is chosen, or on a click elsewhere.
  $("#menu-inherit").addEventListener("click", (e) => { if (e.target.closest("button")) $("#menu-inherit").open = false; });
  document.addEventListener("click", (e) => { if (!e.target.closest("#menu-inherit")) $("#menu-inherit").open = false; });
  $("#btn-parent-update").addEventListener("click", updateFromParent);
  $("#btn-derive").addEventListener("click", async () => {
    await flushSave();
    const choice = await pickTemplate({ title: "Lập kế hoạch của đơn vị: chọn mẫu bố cục", confirm: "Lập kế hoạch" });
    if (!choice) return;
    try {
      const id = await call("derive_plan", { parentId: state.id, templateId: choice.templateId });
      await openPlan(id);
      selectTab("targets");
      toast("Đã lập dự thảo kế hoạch của đơn vị từ kế hoạch cấp trên.");
    } catch (e) {
      toast(e.message, true);
    }
  });
  $("#btn-duplicate").addEventListener("click", async () => { await flushSave(); const id = await call("duplicate_plan", { id: state.id }); await openPlan(id); toast("Đã tạo bản sao."); });
  $("#btn-trash").addEventListener("click", async () => {
    if ($("#filter-trash").checked) { await call("untrash_plan", { id: state.id }); toast("Đã khôi phục từ thùng rác."); }
    else { await flushSave(); await call("trash_plan", { id: state.id }); toast("Đã chuyển vào thùng rác (có thể khôi phục)."); }
    closeEditor();
    refreshList();
  });
  $("#btn-export").addEventListener("click", () => exportPlan("docx"));
  $("#btn-export-pdf").addEventListener("click", () => exportPlan("pdf"));
  $("#btn-preview").addEventListener("click", showPreview);
  $("#btn-print").addEventListener("click", printPlan);
  $("#btn-revisions").addEventListener("click", showRevisions);
  $("#open-settings").addEventListener("click", showSettings);
  document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => selectTab(b.dataset.tab)));
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === "s") { e.preventDefault(); flushSave().then(() => toast("Đã lưu.")); }
    if (k === "e") { e.preventDefault(); exportPlan("docx"); }
    if (k === "p") { e.preventDefault(); printPlan(); }
    if (k === "f") { e.preventDefault(); $("#search").focus(); $("#search").select(); }
  });
  // Nothing is lost when the window closes: Tauri waits for this handler, which
  // saves pending edits, before destroying the window.
  window.__TAURI__.window.getCurrentWindow().onCloseRequested(async () => { await flushSave(); });
  document.addEventListener("visibilitychange", () => { if (document.hidden) flushSave(); });
  onStoreChanged(() => refreshList());
  call("database_path").then((p) => ($("#db-path").textContent = p)).catch(() => {});
  refreshList().then(() => call("ui_ready")).catch(() => {});
  // The shared folder: synced on start and every minute (an unchanged folder costs
  // one directory listing).
  syncShared(true);
  setInterval(() => syncShared(true), 60_000);
}

wire();
