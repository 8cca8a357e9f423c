// The editor: header fields, the section tree, targets, tasks, footer; autosave and
// the findings beside their fields.
import * as api from "./api.js";
import { $, el, field, toast } from "./dom.js";
import { state, vocab, label } from "./state.js";
import { diagnosticList, markFields } from "./diagnostics.js";
import { refreshList } from "./list.js";

export async function openPlan(id) {
  await flushSave();
  try {
    state.plan = await api.getPlan(id);
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

export async function renderAll() {
  $("#editor-title").textContent = `${state.plan.title || "(chưa có trích yếu)"}`;
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

// Dates are typed day first, as Vietnamese write them (the native date picker
// follows the OS locale and shows month first on an English system).
const toDmy = (iso) => (iso ? iso.split("-").reverse().join("/") : "");
export function fromDmy(text) {
  const m = text.trim().match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function dateField(path, get, set, label) {
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
export function deadlineInput(obj, key, label) {
  const input = el("input", { placeholder: "vd: tháng 12 năm 2026", "data-field": "deadline" });
  input.value = label ?? "";
  input.addEventListener("change", async () => {
    if (input.value.trim()) {
      const parsed = await api.parseDeadline(input.value);
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
export async function deadlineLabels(items) {
  try {
    return await api.deadlineLabels(items.map((x) => x.deadline ?? null));
  } catch (e) {
    return items.map(() => "");
  }
}

// The comparators as the engine lists them, and none (a qualitative target).
export function comparatorSelect() {
  return el("select", { "data-field": "comparator" }, el("option", { value: "" }, "—"), vocab.comparators.map((c) => el("option", { value: c.value }, c.label)));
}

// One target or task per card: the text gets the full width (plans' targets are
// long sentences), the short fields sit on a second line.
export function itemCard(path, group, groupLabel, textInput, textLabel, details, onRemove, removeTitle) {
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

export async function renderTargets() {
  const p = state.plan;
  const labels = await deadlineLabels(p.targets);
  const cards = p.targets.map((t, i) => {
    const comp = comparatorSelect();
    const unit = el("select", { "data-field": "unit" }, vocab.units.map((u) => el("option", { value: u.value }, u.label)));
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
          ["Kế thừa", bind(el("select", { "data-field": "decision" }, vocab.decisions.map((d) => el("option", { value: d.value }, d.label))), () => t.decision ?? "adopted", (v) => (t.decision = v)), "wide"],
          ["Lý do (khi không áp dụng)", bind(el("input", { "data-field": "reason" }), () => t.reason ?? "", (v) => (t.reason = v)), "wide"],
        ] : []),
      ],
      () => { p.targets.splice(i, 1); changed(true); },
      "Xóa chỉ tiêu"
    );
  });
  const summary = await api.inheritanceSummary(state.id).catch(() => null);
  $('[data-pane="targets"]').replaceChildren(
    summary ? el("p", { class: "inherit-summary" }, `Kế thừa kế hoạch cấp trên: giữ nguyên ${summary.adopted}, nâng cao ${summary.tightened}, không áp dụng ${summary.not_applicable}, bổ sung mới ${summary.new} chỉ tiêu; ${summary.tasks_picked_up} nhiệm vụ cấp trên được thực hiện.`) : "",
    el("p", { class: "muted" }, "Chỉ tiêu in ra trong mục có khối «Chỉ tiêu» (thẻ Nội dung), theo nhóm. Thời hạn gõ tự nhiên, vd: «tháng 12 năm 2026», «quý II», «trước 30/6/2026»."),
    el("div", { class: "items" }, cards),
    el("p", {}, el("button", { id: "add-target", onclick: () => { p.targets.push({ id: "", group: p.targets.at(-1)?.group ?? "", text: "", comparator: ">=", value: null, unit: "percent", deadline: null }); changed(true); } }, "+ Thêm chỉ tiêu"))
  );
}

export async function renderTasks() {
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
    state.findings = await api.checkPlan(state.id, state.plan);
  } catch (e) {
    state.findings = [{ severity: "error", path: "", message: e.message, code: "invalid" }];
  }
  showFindings();
}

// Findings beside the fields they concern (a field whose data-path is the finding's
// path, or its start, is marked), and the panel lists them all.
export function showFindings() {
  markFields(state.findings);
  const errors = state.findings.filter((f) => f.severity === "error").length;
  $("#findings").replaceChildren(
    el("h3", {}, "Kiểm tra thể thức"),
    state.findings.length
      ? diagnosticList(state.findings, { onPick: (f) => revealPath(f.path) })
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
}

// ---------- Revisions ----------
export async function showRevisions() {
  await flushSave();
  const revs = await api.listRevisions(state.id);
  const dlg = $("#dialog");
  dlg.replaceChildren(
    el("div", { class: "dlg" },
      el("h2", {}, "Các phiên bản đã lưu"),
      el("table", { class: "edit" }, el("tbody", {}, revs.map((r, i) =>
        el("tr", {},
          el("td", {}, new Date(r.saved_at).toLocaleString("vi-VN")),
          el("td", {}, r.title),
          el("td", {}, i === 0 ? el("span", { class: "muted" }, "hiện tại") : el("button", { onclick: async () => {
            await api.restoreRevision(state.id, r.id);
            dlg.close();
            await openPlan(state.id);
            toast("Đã khôi phục phiên bản.");
          } }, "Khôi phục")))))),
      el("div", { class: "buttons" }, el("button", { onclick: () => dlg.close() }, "Đóng"))));
  dlg.showModal();
}


export function closeEditor() {
  state.id = null;
  state.plan = null;
  state.dirty = false;
  $("#editor").hidden = true;
  $("#empty").hidden = false;
}
