// Settings (the agency profile, signer, check tolerance, format profile) and backups.
// The settings are one struct of the engine, read and written whole; a value that
// breaks a rule is refused with the reason beside its field.
import * as api from "./api.js";
import { $, el, field, toast } from "./dom.js";
import { markFields } from "./diagnostics.js";
import { closeEditor, flushSave, openPlan } from "./editor.js";
import { state } from "./state.js";
import { refreshList } from "./list.js";

// The text fields of the settings: their place in the struct and their label.
const FIELDS = [
  ["agency.name", "Tên cơ quan (vd: Ủy ban nhân dân xã Tân An)"],
  ["agency.supervising", "Cơ quan chủ quản (vd: UBND THÀNH PHỐ HẢI PHÒNG)"],
  ["agency.place", "Địa danh (vd: Tân An)"],
  ["agency.tier", "Cấp (xã, phường, đặc khu ...)"],
  ["signer.position", "Chức vụ người ký mặc định"],
  ["signer.name", "Họ tên người ký mặc định"],
  ["signer.authority_of", "Ký thay / thừa lệnh ai (vd: CHỦ TỊCH; để trống: tự suy từ chức vụ)"],
  ["check_tolerance", "Sai lệch cho phép với chỉ tiêu «khoảng» (≈) so với cấp trên (mặc định 1)"],
];

const getPath = (obj, path) => path.split(".").reduce((o, k) => o[k], obj);
const setPath = (obj, path, v) => { const ks = path.split("."); ks.slice(0, -1).reduce((o, k) => o[k], obj)[ks.at(-1)] = v; };

// Reads each number box by the engine's rule; a refused one keeps what was typed
// and shows why beside it. Returns whether all were taken.
async function readNumbers(boxes, dlg) {
  let ok = true;
  for (const [rule, input, set] of boxes) {
    const host = input.closest(".field");
    host.querySelector(".hint.local")?.remove();
    const reading = await api.readField(rule, input.value);
    if (reading.problem) {
      ok = false;
      host.classList.add("has-error");
      host.append(el("div", { class: "hint error local" }, reading.problem.message));
    } else {
      host.classList.remove("has-error");
      set(reading.value);
    }
  }
  if (!ok) dlg.querySelector(".has-error input")?.focus();
  return ok;
}

// The settings; on the first start (or when a use-case needs the profile) the
// agency profile is asked for first, before any plan is made.
export async function showSettings({ firstStart = false } = {}) {
  const settings = await api.getSettings();
  const inputs = FIELDS.map(([path, label]) => { const i = el("input"); i.value = getPath(settings, path); return [path, label, i]; });
  // The signing authority (KT., Q., TL., TUQ.): a deputy signs «KT.» for the head
  // when nothing else is chosen, so a new plan starts with a valid signature.
  const authority = el("select", { id: "signer-authority" },
    [["", "Tự động (cấp phó: KT.)"], ["KT", "KT. (ký thay)"], ["Q", "Q. (quyền)"], ["TL", "TL. (thừa lệnh)"], ["TUQ", "TUQ. (thừa ủy quyền)"]]
      .map(([v, label]) => el("option", { value: v }, label)));
  authority.value = settings.signer.authority ?? "";
  // The profile values and their ND30 ranges come from the engine.
  const ranges = await api.profileRanges();
  const SHOWN = ["margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm", "body_pt", "line_spacing", "paragraph_spacing_pt", "first_line_indent_mm"];
  const profileInputs = ranges.filter((r) => SHOWN.includes(r.field)).map((r) => {
    const i = el("input", { inputmode: "decimal" });
    i.value = settings.profile[r.field];
    return [r, i];
  });
  const dlg = $("#dialog");
  dlg.replaceChildren(el("div", { class: "dlg" },
    el("h2", {}, firstStart ? "Hồ sơ đơn vị" : "Thiết lập"),
    firstStart ? el("p", { class: "first-start" }, "Trước khi lập kế hoạch, hãy điền đơn vị ban hành (tên, cấp, địa danh) và người ký: chương trình dùng các thông tin này cho mọi kế hoạch, và điền vào các kế hoạch đã tạo còn để trống.") : "",
    el("div", { class: "grid2" }, inputs.map(([path, label, i]) => field(label, i, path)), field("Thẩm quyền ký", authority, "signer.authority")),
    el("h2", {}, "Thể thức"),
    el("div", { class: "grid4" }, profileInputs.map(([r, i]) => field(`${r.name} (${r.min}–${r.max} ${r.unit})`, i, `profile.${r.field}`))),
    el("p", { class: "muted" }, `Cơ sở dữ liệu: ${await api.databasePath()}`),
    el("div", { class: "buttons" },
      el("button", { onclick: async () => {
        try { const p = await api.backupNow(); if (p) toast(`Đã sao lưu: ${p}`); } catch (e) { toast(e.message, true); }
      } }, "Sao lưu ngay"),
      el("button", { onclick: () => restoreBackup(dlg) }, "Khôi phục từ bản sao lưu…"),
      el("button", { onclick: () => dlg.close() }, "Hủy"),
      el("button", { class: "primary", onclick: async () => {
        const next = structuredClone(settings);
        for (const [path, , i] of inputs) if (path !== "check_tolerance") setPath(next, path, i.value);
        next.signer.authority = authority.value || null;
        const tolerance = inputs.find(([path]) => path === "check_tolerance")[2];
        const numbers = [
          ["check_tolerance", tolerance, (v) => (next.check_tolerance = v)],
          ...profileInputs.map(([r, i]) => [r.field, i, (v) => (next.profile[r.field] = v)]),
        ];
        if (!(await readNumbers(numbers, dlg))) return toast("Có ô chưa hợp lệ: xem lý do bên cạnh ô.", true);
        try {
          await api.setSettings(next, firstStart);
        } catch (e) {
          markFields(e.diagnostics, dlg);
          return toast(e.message, true);
        }
        dlg.close();
        toast("Đã lưu thiết lập.");
        // Drafts waiting for the profile were filled by the engine: show it.
        if (state.id !== null) openPlan(state.id);
      } }, "Lưu"))));
  dlg.showModal();
}

// Restoring replaces every plan: the officer chooses the backup in the shell's
// dialog and confirms; the engine keeps a copy of the current data beside the
// database before replacing it.
export async function restoreBackup(dlg) {
  let path;
  try { path = await api.chooseBackup(); } catch (e) { return toast(e.message, true); }
  if (!path) return;
  dlg.replaceChildren(el("div", { class: "dlg" },
    el("h2", {}, "Khôi phục từ bản sao lưu"),
    el("p", {}, "Toàn bộ kế hoạch và thiết lập hiện có sẽ được thay bằng nội dung của tệp:"),
    el("p", {}, el("strong", {}, path)),
    el("p", { class: "muted" }, "Dữ liệu hiện tại được tự động sao lưu thành một tệp bên cạnh cơ sở dữ liệu trước khi thay."),
    el("div", { class: "buttons" },
      el("button", { onclick: () => dlg.close() }, "Hủy"),
      el("button", { class: "primary", onclick: async () => {
        try {
          await flushSave();
          const safety = await api.restoreBackup(path);
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
