// Settings (the agency profile, signer, check tolerance, format profile) and backups.
// The settings are one struct of the engine, read and written whole; a value that
// breaks a rule is refused with the reason beside its field.
import * as api from "./api.js";
import { $, el, field, toast } from "./dom.js";
import { markFields } from "./diagnostics.js";
import { closeEditor, flushSave, lint } from "./editor.js";
import { refreshList } from "./list.js";

// The text fields of the settings: their place in the struct and their label.
const FIELDS = [
  ["agency.name", "Tên cơ quan (vd: Ủy ban nhân dân xã Tân An)"],
  ["agency.supervising", "Cơ quan chủ quản (vd: UBND THÀNH PHỐ HẢI PHÒNG)"],
  ["agency.place", "Địa danh (vd: Tân An)"],
  ["agency.tier", "Cấp (xã, phường, đặc khu ...)"],
  ["signer.position", "Chức vụ người ký mặc định"],
  ["signer.name", "Họ tên người ký mặc định"],
  ["check_tolerance", "Sai lệch cho phép với chỉ tiêu «khoảng» (≈) so với cấp trên (mặc định 1)"],
];

const getPath = (obj, path) => path.split(".").reduce((o, k) => o[k], obj);
const setPath = (obj, path, v) => { const ks = path.split("."); ks.slice(0, -1).reduce((o, k) => o[k], obj)[ks.at(-1)] = v; };

// A number as typed (a decimal comma is fine); what is not a number goes to the
// engine as typed, which names the field.
const number = (text) => { const n = Number(String(text).trim().replace(",", ".")); return text.trim() && Number.isFinite(n) ? n : text; };

export async function showSettings() {
  const settings = await api.getSettings();
  const inputs = FIELDS.map(([path, label]) => { const i = el("input"); i.value = getPath(settings, path); return [path, label, i]; });
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
    el("h2", {}, "Thiết lập"),
    el("div", { class: "grid2" }, inputs.map(([path, label, i]) => field(label, i, path))),
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
        for (const [path, , i] of inputs) setPath(next, path, path === "check_tolerance" ? number(i.value) : i.value);
        for (const [r, i] of profileInputs) next.profile[r.field] = number(i.value);
        try {
          await api.setSettings(next);
        } catch (e) {
          markFields(e.diagnostics, dlg);
          return toast(e.message, true);
        }
        dlg.close();
        toast("Đã lưu thiết lập.");
        lint();
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
