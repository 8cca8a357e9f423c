// Templates and the shared folder (thư mục dùng chung).
import * as api from "./api.js";
import { $, el, field, toast } from "./dom.js";
import { state } from "./state.js";
import { diagnosticList } from "./diagnostics.js";
import { flushSave, openPlan, selectTab } from "./editor.js";
import { showSettings } from "./settings.js";
import { chooseFromParent } from "./take.js";

const ORIGIN = { builtin: "Có sẵn", folder: "Thư mục dùng chung", local: "Soạn trên máy" };

export function templateBadges(t) {
  return [
    el("span", { class: "badge origin" }, `${ORIGIN[t.origin] || t.origin} · phiên bản ${t.version}`),
    t.modified ? el("span", { class: "badge" }, "đã sửa trên máy") : "",
    t.conflict ? el("span", { class: "badge conflict" }, "xung đột: cần chọn bản giữ lại") : "",
  ];
}

// The template picker: templates suiting the unit's tier first. Resolves with the
// chosen id (and year when asked), or null when cancelled.
export async function pickTemplate({ title, confirm, askYear = false, defaultYear = null, extra = null }) {
  // Whether a template suits the unit's tier is the engine's rule (tiers named
  // together, such as xã and phường, suit each other).
  const templates = await api.listTemplates();
  const suits = (t) => t.suits;
  const sorted = [...templates.filter(suits), ...templates.filter((t) => !suits(t))];
  const year = el("input", { type: "number", min: 2000, max: 2100, step: 1 });
  year.value = defaultYear ?? new Date().getFullYear() + 1;
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
export async function newPlan() {
  let parents = [];
  try { parents = await api.sharedParents(); } catch { /* no folder yet */ }
  const extra = parents.length ? (finish) => el("div", {},
    el("h2", {}, "Hoặc lập từ kế hoạch cấp trên trong thư mục dùng chung"),
    el("ul", { class: "template-list", id: "shared-parents" }, parents.map((p) =>
      el("li", { "data-parent": p.name },
        el("div", { style: "flex:1" }, el("div", { class: "t" }, p.title || p.name), el("div", { class: "d" }, `${p.agency} · ${p.name}`)),
        el("div", { class: "row-actions" },
          el("button", { onclick: () => finish({ parent: p.name, templateId: ($("input[name=tpl]:checked") || {}).value, year: Number($('#dialog [data-path="year"] input').value) || null }) }, "Lập kế hoạch từ kế hoạch này")))))) : null;
  const choice = await pickTemplate({ title: "Kế hoạch mới: chọn mẫu", confirm: "Tạo kế hoạch", askYear: true, extra });
  if (!choice) return;
  try {
    let id;
    if (choice.parent) {
      const taken = await chooseFromParent(await api.deriveCandidates(null, choice.parent));
      if (!taken) return;
      id = await api.deriveFromShared(choice.parent, choice.templateId, choice.year, taken);
      toast("Đã lập dự thảo kế hoạch của đơn vị từ kế hoạch cấp trên.");
    } else {
      id = await api.createPlan(choice.templateId, choice.year);
      toast("Đã tạo kế hoạch mới từ mẫu.");
    }
    await openPlan(id);
    selectTab(choice.parent ? "targets" : "general");
  } catch (e) {
    if (e.code === "profile_missing") return askProfile(e.message);
    toast(e.message, true);
  }
}

// Without the agency profile a plan cannot name its unit: the profile opens.
export async function askProfile(message) {
  toast(message, true);
  await showSettings({ firstStart: true });
}

export function syncSummary(r) {
  const parts = [`thêm ${r.added.length}`, `cập nhật ${r.updated.length}`, `xóa ${r.removed.length}`, `không đổi ${r.unchanged}`];
  return `Mẫu: ${parts.join(", ")}; ${r.parents} kế hoạch cấp trên`;
}

export function syncReportView(r) {
  const items = [el("li", {}, syncSummary(r))];
  for (const c of r.conflicts) items.push(el("li", { class: "warn" }, `Xung đột ở mẫu «${c}»: chọn bản giữ lại ở dưới.`));
  if (r.problems.length) items.push(el("li", { class: "error" }, `${r.problems.length} tệp lỗi, đã bỏ qua (chi tiết dưới đây).`));
  for (const f of r.pending) items.push(el("li", {}, `${f}: tệp đang được ghi, sẽ đồng bộ lần sau.`));
  // Malformed files (skipped) and notes: the engine's diagnostics, in the one list.
  return el("div", { class: "sync-report", id: "sync-report" },
    el("ul", {}, items),
    diagnosticList([...r.problems, ...r.notes]));
}

let lastSync = null;

export function showSharedStatus() {
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
export async function syncShared(quiet = false) {
  const { shared_folder: folder } = await api.getSettings();
  if (!folder) return null;
  try {
    const report = await api.syncSharedFolder();
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

// The folder typed in the box is a setting like the others: saved with them.
async function saveFolder(value) {
  const settings = await api.getSettings();
  if (settings.shared_folder === value.trim()) return;
  settings.shared_folder = value.trim();
  await api.setSettings(settings);
}

// The shared folder screen with the last sync's report.
export const showLastSync = () => showShared(lastSync && lastSync.report);

export async function showShared(report = null) {
  const folder = el("input", { id: "shared-folder", placeholder: "vd: Z:\\KeHoach\\Mau hoặc \\\\may-chu\\chung\\mau" });
  folder.value = (await api.getSettings()).shared_folder;
  const [templates, conflicts] = await Promise.all([api.listTemplates(), api.templateConflicts()]);
  const dlg = $("#dialog");
  const refresh = (r = report) => showShared(r);
  const act = (fn, ok) => async () => { try { await fn(); if (ok) toast(ok); } catch (e) { toast(e.message, true); } refresh(); };
  dlg.replaceChildren(el("div", { class: "dlg wide" },
    el("h2", {}, "Thư mục dùng chung"),
    el("p", { class: "muted" }, "Các đơn vị đặt mẫu kế hoạch (.json) và kế hoạch cấp trên (.json, .pdf, .docx, .txt) vào một thư mục chung (ổ mạng). Chương trình tự đồng bộ khi mở và mỗi phút; bản mẫu sửa trên máy không bao giờ bị ghi đè mà không hỏi."),
    el("div", { class: "folder-row" },
      field("Thư mục", folder, "shared_folder"),
      el("button", { onclick: async () => {
        try { const d = await api.chooseSharedFolder(); if (d) folder.value = d; } catch (e) { toast(e.message, true); }
      } }, "Chọn…"),
      el("button", { class: "primary", id: "sync-now", onclick: async () => {
        try { await saveFolder(folder.value); } catch (e) { return toast(e.message, true); }
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
            el("button", { onclick: act(() => api.resolveTemplateConflict(c.id, true), "Giữ bản trên máy; xuất bản để thay bản trong thư mục.") }, "Giữ bản trên máy"),
            el("button", { onclick: act(() => api.resolveTemplateConflict(c.id, false), "Đã lấy bản trong thư mục.") }, "Lấy bản trong thư mục")))))) : "",
    el("h2", {}, "Mẫu kế hoạch"),
    el("ul", { class: "template-list", id: "templates" }, templates.map((t) =>
      el("li", { "data-template": t.id },
        el("div", { style: "flex:1" }, el("div", { class: "t" }, t.name), el("div", { class: "d" }, templateBadges(t), t.author ? ` · ${t.author}` : "")),
        el("div", { class: "row-actions" },
          el("button", { title: "Sửa nội dung mẫu (JSON, xem docs/template-format.md)", onclick: () => editTemplate(t.id) }, "Sửa…"),
          el("button", { title: "Ghi mẫu vào thư mục dùng chung cho các đơn vị khác", onclick: act(async () => { const p = await api.publishTemplate(t.id); toast(`Đã xuất bản: ${p}`); }) }, "Xuất bản"),
          t.origin !== "builtin" ? el("button", { class: "danger", onclick: act(() => api.deleteTemplate(t.id), "Đã xóa mẫu.") }, "Xóa") : "")))),
    el("h2", {}, "Báo cáo của các đơn vị cấp dưới"),
    el("p", { class: "muted" }, "Các đơn vị gửi «Tệp gửi cấp trên» (thẻ Theo dõi) vào thư mục này. Mở kế hoạch của đơn vị mình (kế hoạch cấp trên của các đơn vị đó) để tổng hợp: bảng theo chỉ tiêu và theo đơn vị, đơn vị chưa báo cáo, xuất Excel hoặc Word."),
    el("p", {}, el("button", { id: "open-rollup", onclick: async () => {
      if (state.id === null) return toast("Hãy mở kế hoạch của đơn vị mình trước (kế hoạch mà các đơn vị cấp dưới thực hiện).", true);
      try { await saveFolder(folder.value); } catch (e) { return toast(e.message, true); }
      dlg.close();
      selectTab("tracking");
      setTimeout(() => { const d = document.querySelector("details.rollup"); if (d) { d.open = true; document.querySelector("#rollup-now")?.click(); } }, 300);
    } }, "Tổng hợp báo cáo theo kế hoạch đang mở")),
    el("div", { class: "buttons" },
      el("button", { onclick: async () => {
        try { await saveFolder(folder.value); dlg.close(); } catch (e) { toast(e.message, true); }
      } }, "Đóng"))));
  if (!dlg.open) dlg.showModal();
}

// A template is data: it is edited as its JSON text, checked by the engine on save
// (the error names the JSON path).
export async function editTemplate(id) {
  let json;
  try { json = await api.getTemplateJson(id); } catch (e) { return toast(e.message, true); }
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
          const t = await api.saveTemplateJson(area.value);
          toast(`Đã lưu mẫu «${t.name}», phiên bản ${t.version}.`);
          showShared(lastSync && lastSync.report);
        } catch (e) { toast(e.message, true); }
      } }, "Lưu"))));
  if (!dlg.open) dlg.showModal();
}

export async function saveAsTemplate() {
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
        try { const t = await api.saveAsTemplate(state.id, name.value); dlg.close(); toast(`Đã lưu mẫu «${t.name}».`); } catch (e) { toast(e.message, true); }
      } }, "Lưu mẫu"))));
  dlg.showModal();
}

