// The drafting workflow: plan list, editor with autosave, ND30 findings, export.
import { call, onStoreChanged, saveDialog } from "./api.js";

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

function toast(msg, error = false) {
  const t = $("#toast");
  t.textContent = msg;
  t.className = error ? "error" : "";
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), error ? 6000 : 2500);
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
  renderAll();
  refreshList();
  lint();
}

function renderAll() {
  $("#editor-title").textContent = `${state.plan.title || "(chưa có trích yếu)"}`;
  renderGeneral();
  renderBody();
  renderTargets();
  renderTasks();
  renderFooter();
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
  const input = opts.multiline ? el("textarea", { rows: opts.rows || 2 }) : el("input", { type: opts.type || "text" });
  return field(label, bind(input, get, set), path, opts.full ? "full" : "");
}

function renderGeneral() {
  const p = state.plan;
  p.parent = p.parent || null;
  const pane = $('[data-pane="general"]');
  const year = p.period.kind === "year" ? p.period.year : p.period.from;
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
      text("number", () => p.number ?? "", (v) => (p.number = v.trim() ? Number(v) : null), "Số (để trống khi chưa đăng ký)", { type: "number" }),
      text("symbol", () => p.symbol, (v) => (p.symbol = v), "Ký hiệu"),
      text("date", () => p.date ?? "", (v) => (p.date = v || null), "Ngày ban hành", { type: "date" }),
      text("title", () => p.title, (v) => {
        p.title = v;
        $("#editor-title").textContent = v;
      }, "Trích yếu", { full: true }),
      text("period", () => year, (v) => (p.period = { kind: "year", year: Number(v) || year }), "Năm thực hiện", { type: "number" }),
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
        ["number", "Số", "number"],
        ["symbol", "Ký hiệu"],
        ["date", "Ngày", "date"],
        ["agency", "Cơ quan ban hành"],
        ["title", "Về việc (trích yếu)"],
      ].map(([k, label, type]) =>
        text(`parent.${k}`, () => (p.parent ? p.parent[k] ?? "" : ""), (v) => {
          p.parent = p.parent || { kind: "ke_hoach", number: null, symbol: "KH-UBND", date: null, agency: "", title: "" };
          p.parent[k] = k === "number" ? (v.trim() ? Number(v) : null) : k === "date" ? v || null : v;
        }, label, { type, full: k === "title" })
      )
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
  const blocks = s.blocks.map((b, j) => {
    const bpath = `${path}.blocks[${j}]`;
    if (b.type === "paragraph")
      return field("Đoạn văn", bind(el("textarea", { rows: 3 }), () => b.text, (v) => (b.text = v)), `${bpath}.text`, "full");
    if (b.type === "bullets")
      return field("Các gạch đầu dòng (mỗi dòng một ý)", bind(el("textarea", { rows: 3 }), () => b.items.join("\n"), (v) => (b.items = v.split("\n"))), bpath, "full");
    if (b.type === "targets") return el("div", { class: "blockref" }, `Chỉ tiêu${b.group ? ` nhóm «${b.group}»` : ""} (sửa ở thẻ Chỉ tiêu)`);
    if (b.type === "tasks") return el("div", { class: "blockref" }, `Nhiệm vụ${b.group ? ` nhóm «${b.group}»` : ""} (sửa ở thẻ Nhiệm vụ)`);
    return el("div", { class: "blockref" }, "Bảng");
  });
  return el(
    "div",
    { class: "sec", style: `margin-left:${depth * 24}px`, "data-path": path },
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
        el("button", { title: "Thêm đoạn văn", onclick: () => { s.blocks.push({ type: "paragraph", text: "" }); changed(true); } }, "¶"),
        el("button", { title: "Xóa mục", class: "danger", onclick: () => { list.splice(i, 1); changed(true); } }, "✕")
      )
    ),
    s.guidance ? el("div", { class: "guidance" }, s.guidance) : "",
    el("div", { class: "blocks" }, blocks)
  );
}

function deadlineInput(obj, key) {
  const input = el("input", { placeholder: "vd: tháng 12 năm 2026" });
  input.value = obj[key] ? deadlineLabel(obj[key]) : "";
  input.addEventListener("change", async () => {
    obj[key] = input.value.trim() ? await call("parse_deadline", { text: input.value }) : null;
    input.value = obj[key] ? deadlineLabel(obj[key]) : "";
    changed();
  });
  return input;
}

const ROMAN = ["", "I", "II", "III", "IV"];
const mm = (m) => (m <= 2 ? String(m).padStart(2, "0") : String(m));
function deadlineLabel(d) {
  const dmy = (s) => { const [y, m, dd] = s.split("-").map(Number); return `${String(dd).padStart(2, "0")}/${mm(m)}/${y}`; };
  switch (d.kind) {
    case "date": return `ngày ${dmy(d.date)}`;
    case "before": return `trước ngày ${dmy(d.date)}`;
    case "month": return `tháng ${mm(d.month)} năm ${d.year}`;
    case "quarter": return `Quý ${ROMAN[d.quarter]} năm ${d.year}`;
    case "year": return `năm ${d.year}`;
    case "end_of_year": return `đến hết năm ${d.year}`;
    case "annually": return d.month ? `tháng ${mm(d.month)} hàng năm` : d.quarter ? `Quý ${ROMAN[d.quarter]} hàng năm` : "Hàng năm";
    default: return d.text || "";
  }
}

function renderTargets() {
  const p = state.plan;
  const rows = p.targets.map((t, i) => {
    const comp = el("select", {}, COMPARATORS.map((c) => el("option", { value: c }, COMPARATOR_LABEL[c])));
    const unit = el("select", {}, Object.entries(UNITS).map(([k, v]) => el("option", { value: k }, v)));
    return el(
      "tr",
      { "data-path": `targets[${i}]` },
      el("td", {}, bind(el("input"), () => t.group, (v) => (t.group = v))),
      el("td", {}, bind(el("textarea", { rows: 2 }), () => t.text, (v) => (t.text = v))),
      el("td", {}, bind(comp, () => t.comparator ?? "", (v) => (t.comparator = v || null))),
      el("td", {}, bind(el("input", { type: "number", step: "any" }), () => t.value ?? "", (v) => (t.value = v === "" ? null : Number(v)))),
      el("td", {}, bind(unit, () => t.unit, (v) => (t.unit = v))),
      el("td", {}, deadlineInput(t, "deadline")),
      el("td", { class: "row-actions" }, el("button", { class: "danger", title: "Xóa chỉ tiêu", onclick: () => { p.targets.splice(i, 1); changed(true); } }, "✕"))
    );
  });
  $('[data-pane="targets"]').replaceChildren(
    el("table", { class: "edit" },
      el("thead", {}, el("tr", {}, ["Nhóm", "Chỉ tiêu", "So sánh", "Giá trị", "Đơn vị", "Thời hạn", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)),
    el("p", {}, el("button", { onclick: () => { p.targets.push({ id: "", group: "", text: "", comparator: ">=", value: null, unit: "percent", deadline: null }); changed(true); } }, "+ Thêm chỉ tiêu"))
  );
}

function renderTasks() {
  const p = state.plan;
  const rows = p.tasks.map((t, i) =>
    el(
      "tr",
      { "data-path": `tasks[${i}]` },
      el("td", {}, bind(el("input"), () => t.group, (v) => (t.group = v))),
      el("td", {}, bind(el("textarea", { rows: 2 }), () => t.text, (v) => (t.text = v))),
      el("td", {}, bind(el("textarea", { rows: 2 }), () => t.lead, (v) => (t.lead = v))),
      el("td", {}, bind(el("textarea", { rows: 2 }), () => t.partners.join("; "), (v) => (t.partners = v.split(";").map((x) => x.trim()).filter(Boolean)))),
      el("td", {}, deadlineInput(t, "deadline")),
      el("td", { class: "row-actions" }, el("button", { class: "danger", title: "Xóa nhiệm vụ", onclick: () => { p.tasks.splice(i, 1); changed(true); } }, "✕"))
    )
  );
  $('[data-pane="tasks"]').replaceChildren(
    el("table", { class: "edit" },
      el("thead", {}, el("tr", {}, ["Lĩnh vực", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp (cách nhau bằng ;)", "Thời gian hoàn thành", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)),
    el("p", {}, el("button", { onclick: () => { p.tasks.push({ id: "", group: "", text: "", lead: "", partners: [], deadline: null }); changed(true); } }, "+ Thêm nhiệm vụ"))
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
    state.findings = await call("check_plan", { plan: state.plan });
  } catch (e) {
    state.findings = [{ severity: "error", path: "", message: e.message, rule: "invalid" }];
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
      if (node.classList.contains("field")) node.append(el("div", { class: `hint ${f.severity}` }, f.message));
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
async function exportDocx() {
  if (state.id === null) return;
  await flushSave();
  const name = `${(state.plan.title || "ke-hoach").replace(/[\\/:*?"<>|]/g, "")}.docx`;
  const path = await saveDialog(name);
  if (!path) return;
  const dlg = $("#dialog");
  dlg.replaceChildren(el("div", { class: "dlg" }, el("h2", {}, "Đang xuất DOCX…"), el("div", { class: "progress" })));
  dlg.showModal();
  try {
    const findings = await call("export_docx", { id: state.id, path });
    const errors = findings.filter((f) => f.severity === "error");
    dlg.replaceChildren(
      el("div", { class: "dlg" },
        el("h2", {}, "Đã xuất tệp DOCX"),
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
];

async function showSettings() {
  const values = {};
  for (const [k] of SETTINGS) values[k] = (await call("get_setting", { key: k })) ?? "";
  const profile = JSON.parse((await call("get_setting", { key: "format_profile" })) || "{}");
  const inputs = SETTINGS.map(([k, label]) => { const i = el("input"); i.value = values[k]; return [k, label, i]; });
  const body = el("select", {}, el("option", { value: "14" }, "14"), el("option", { value: "13" }, "13"));
  body.value = String(profile.body_pt ?? 14);
  const left = el("input", { type: "number", min: 30, max: 35, step: "0.5" });
  left.value = profile.margin_left_mm ?? 30;
  const dlg = $("#dialog");
  dlg.replaceChildren(el("div", { class: "dlg" },
    el("h2", {}, "Thiết lập"),
    el("div", { class: "grid2" }, inputs.map(([k, label, i]) => field(label, i, k))),
    el("h2", {}, "Thể thức"),
    el("div", { class: "grid2" }, field("Cỡ chữ nội dung (13–14)", body, "body_pt"), field("Lề trái (30–35 mm)", left, "margin_left_mm")),
    el("p", { class: "muted" }, `Cơ sở dữ liệu: ${await call("database_path")}`),
    el("div", { class: "buttons" },
      el("button", { onclick: async () => {
        const path = await window.__TAURI__.dialog.save({ defaultPath: "kehoach-sao-luu.db" });
        if (path) { try { await call("backup_now", { path }); toast("Đã sao lưu."); } catch (e) { toast(e.message, true); } }
      } }, "Sao lưu ngay"),
      el("button", { onclick: () => dlg.close() }, "Hủy"),
      el("button", { class: "primary", onclick: async () => {
        for (const [k, , i] of inputs) await call("set_setting", { key: k, value: i.value });
        await call("set_setting", { key: "format_profile", value: JSON.stringify({ ...profile, body_pt: Number(body.value), margin_left_mm: Number(left.value) }) });
        dlg.close();
        toast("Đã lưu thiết lập.");
        lint();
      } }, "Lưu"))));
  dlg.showModal();
}

// ---------- Wiring ----------
function wire() {
  fillYears();
  let searchTimer;
  $("#search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(refreshList, 150); });
  for (const id of ["#filter-year", "#filter-status", "#filter-trash"]) $(id).addEventListener("change", refreshList);
  $("#new-plan").addEventListener("click", async () => {
    try { const id = await call("create_plan"); await openPlan(id); toast("Đã tạo kế hoạch mới."); } catch (e) { toast(e.message, true); }
  });
  $("#btn-duplicate").addEventListener("click", async () => { await flushSave(); const id = await call("duplicate_plan", { id: state.id }); await openPlan(id); toast("Đã tạo bản sao."); });
  $("#btn-trash").addEventListener("click", async () => {
    if ($("#filter-trash").checked) { await call("untrash_plan", { id: state.id }); toast("Đã khôi phục từ thùng rác."); }
    else { await flushSave(); await call("trash_plan", { id: state.id }); toast("Đã chuyển vào thùng rác (có thể khôi phục)."); }
    state.id = null; state.plan = null;
    $("#editor").hidden = true; $("#empty").hidden = false;
    refreshList();
  });
  $("#btn-export").addEventListener("click", exportDocx);
  $("#btn-revisions").addEventListener("click", showRevisions);
  $("#open-settings").addEventListener("click", showSettings);
  document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => selectTab(b.dataset.tab)));
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === "s") { e.preventDefault(); flushSave().then(() => toast("Đã lưu.")); }
    if (k === "e") { e.preventDefault(); exportDocx(); }
    if (k === "f") { e.preventDefault(); $("#search").focus(); $("#search").select(); }
  });
  // Nothing is lost when the window closes: pending edits are saved first.
  window.addEventListener("beforeunload", () => { if (state.dirty) save(); });
  document.addEventListener("visibilitychange", () => { if (document.hidden) flushSave(); });
  onStoreChanged(() => refreshList());
  call("database_path").then((p) => ($("#db-path").textContent = p)).catch(() => {});
  refreshList();
}

wire();
