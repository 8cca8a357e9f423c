// Deriving a unit's plan: which of the parent's targets and tasks to take.
import { $, el } from "./dom.js";

// What to take from the parent: every target and task, those that concern the
// unit's tier ticked, with the engine's reason beside each («không nêu cấp xã»);
// the officer adds or removes any. Resolves {targets, tasks} (parent ids), or null.
export function chooseFromParent(candidates) {
  const dlg = $("#dialog");
  const box = (c) => el("input", { type: "checkbox", "data-kind": c.kind, value: c.id, ...(c.selected ? { checked: "" } : {}) });
  const list = (kind, title) => {
    const items = candidates.filter((c) => c.kind === kind);
    return el("section", { class: "take-list", "data-kind": kind },
      el("h3", {}, `${title} (${items.filter((c) => c.selected).length}/${items.length} hợp với cấp của đơn vị)`),
      items.length ? el("ul", {}, items.map((c) => el("li", { "data-id": c.id },
        el("label", {}, box(c),
          el("span", { class: "t" }, `${c.id}. ${c.text}`),
          el("span", { class: "reason d" }, c.reason))))) : el("p", { class: "d" }, "Kế hoạch cấp trên không có mục nào."));
  };
  return new Promise((resolve) => {
    const done = (v) => { dlg.close(); resolve(v); };
    const ticked = (kind) => [...dlg.querySelectorAll(`input[data-kind="${kind}"]:checked`)].map((i) => i.value);
    dlg.replaceChildren(el("div", { class: "dlg wide", id: "take-from-parent" },
      el("h2", {}, "Lấy chỉ tiêu, nhiệm vụ nào từ kế hoạch cấp trên?"),
      el("p", { class: "d" }, "Các mục nêu cấp của đơn vị đã được chọn sẵn; chọn thêm hoặc bỏ bớt. Chỉ tiêu không chọn được ghi «không áp dụng» trong phụ lục đối chiếu."),
      list("target", "Chỉ tiêu"),
      list("task", "Nhiệm vụ"),
      el("div", { class: "buttons" },
        el("button", { onclick: () => done(null) }, "Hủy"),
        el("button", { id: "take-all-tasks", onclick: () => dlg.querySelectorAll('input[data-kind="task"]').forEach((i) => { i.checked = true; }) }, "Chọn mọi nhiệm vụ"),
        el("button", { class: "primary", id: "take-confirm", onclick: () => done({ targets: ticked("target"), tasks: ticked("task") }) }, "Lập kế hoạch"))));
    dlg.addEventListener("cancel", () => resolve(null), { once: true });
    if (!dlg.open) dlg.showModal();
  });
}
