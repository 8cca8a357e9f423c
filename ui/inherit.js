// Inheritance: this unit's plan derived from its parent, a newer parent followed.
import * as api from "./api.js";
import { $, el, toast } from "./dom.js";
import { state } from "./state.js";
import { flushSave, openPlan, selectTab } from "./editor.js";
import { askProfile, pickTemplate } from "./shared.js";
import { readChosenDocument } from "./importer.js";
import { chooseFromParent } from "./take.js";

// A newer version of the parent arrives: each change is shown with the items it
// affects, and the officer accepts or rejects it.
export async function updateFromParent() {
  const read = await readChosenDocument(() => api.parentUpdatePreview(state.id));
  if (!read) return;
  const [path, update] = read;
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
          await api.parentUpdateApply(state.id, update.new_parent, boxes.map((b) => b.checked));
          dlg.close();
          await openPlan(state.id);
          toast("Đã cập nhật theo kế hoạch cấp trên mới.");
        } catch (e) {
          toast(e.message, true);
        }
      } }, "Áp dụng"))));
  if (!dlg.open) dlg.showModal();
}

// "Lập kế hoạch của đơn vị": this unit's draft derived from the open plan as its
// parent, in a chosen template's skeleton, linked to it.
export async function deriveFromOpenPlan() {
  await flushSave();
  // The unit's year: the parent's own for a one-year parent, else next year within
  // the parent's period.
  const period = state.plan.period;
  const next = new Date().getFullYear() + 1;
  const defaultYear = period.kind === "year" ? period.year
    : period.kind === "years" ? Math.min(Math.max(next, period.from), period.to)
    : next;
  const choice = await pickTemplate({ title: "Lập kế hoạch của đơn vị: chọn mẫu bố cục và năm", confirm: "Tiếp tục", askYear: true, defaultYear });
  if (!choice) return;
  try {
    const taken = await chooseFromParent(await api.deriveCandidates(state.id));
    if (!taken) return;
    const id = await api.derivePlan(state.id, choice.templateId, choice.year, taken);
    await openPlan(id);
    selectTab("targets");
    toast("Đã lập dự thảo kế hoạch của đơn vị từ kế hoạch cấp trên.");
  } catch (e) {
    if (e.code === "profile_missing") return askProfile(e.message);
    toast(e.message, true);
  }
}
