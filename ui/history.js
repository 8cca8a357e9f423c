// Undo and redo across the whole plan, through the engine (every step is a state
// the store holds), and the revisions: browsed, compared two by two, restored.
import * as api from "./api.js";
import { $, el, toast } from "./dom.js";
import { state } from "./state.js";
import { flushSave, openPlan, renderAll, lint } from "./editor.js";

async function step(back) {
  if (state.id === null) return;
  await flushSave();
  let result;
  try {
    result = back ? await api.undoPlan(state.id) : await api.redoPlan(state.id);
  } catch (e) {
    return toast(e.message, true);
  }
  showButtons(result);
  if (!result.plan) return toast(back ? "Không còn thao tác để hoàn tác." : "Không còn thao tác để làm lại.");
  state.plan = result.plan;
  state.typed = {};
  state.refused = {};
  await renderAll();
  lint();
  toast(back ? "Đã hoàn tác." : "Đã làm lại.");
}

export const undo = () => step(true);
export const redo = () => step(false);

function showButtons(h) {
  const u = $("#btn-undo");
  const r = $("#btn-redo");
  if (u) u.disabled = !h.can_undo;
  if (r) r.disabled = !h.can_redo;
}

export async function updateHistoryButtons() {
  if (state.id === null) return;
  try { showButtons(await api.historyState(state.id)); } catch (e) { /* the next save says */ }
}

// Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z act on the plan, also inside a text box: a box's
// own undo cannot bring back a deleted section; the plan's can.
export function wireHistoryKeys() {
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || state.id === null || $("#dialog").open) return;
    const k = e.key.toLowerCase();
    if (k === "z" && !e.shiftKey) { e.preventDefault(); undo(); }
    else if (k === "y" || (k === "z" && e.shiftKey)) { e.preventDefault(); redo(); }
  }, true);
  $("#btn-undo").addEventListener("click", undo);
  $("#btn-redo").addEventListener("click", redo);
}

const KIND = { changed: "Sửa", added: "Thêm", removed: "Xóa" };

function changeList(changes) {
  if (!changes.length) return el("p", { class: "ok" }, "Hai phiên bản giống nhau.");
  return el("ul", { class: "changes", id: "revision-changes" }, changes.map((c) =>
    el("li", { class: c.kind, "data-path": c.path },
      el("strong", {}, `${KIND[c.kind]} ${c.place}`),
      c.kind === "changed"
        ? el("div", { class: "diff" }, el("del", {}, c.before || "(trống)"), " → ", el("ins", {}, c.after || "(trống)"))
        : el("div", { class: "diff" }, c.kind === "added" ? el("ins", {}, c.after) : el("del", {}, c.before)))));
}

// The revisions, newest first; pick two (or one and the current state) to see what
// changed between them, or restore one (itself a new revision, so it can be undone).
export async function showRevisions() {
  await flushSave();
  const revs = await api.listRevisions(state.id);
  const dlg = $("#dialog");
  const picked = new Set();
  const result = el("div", { class: "compare-result" });
  const compare = async (older, newer) => {
    try {
      result.replaceChildren(changeList(await api.compareRevisions(state.id, older, newer)));
    } catch (e) {
      toast(e.message, true);
    }
  };
  const compareButton = el("button", { id: "compare-picked", disabled: true, onclick: () => {
    const [a, b] = [...picked].sort((x, y) => x - y);
    compare(a, b === revs[0].id ? null : b);
  } }, "So sánh hai bản đã chọn");
  dlg.replaceChildren(
    el("div", { class: "dlg wide" },
      el("h2", {}, "Các phiên bản đã lưu"),
      el("p", { class: "muted" }, "Chọn hai phiên bản để xem khác nhau ở đâu, hoặc so một phiên bản với bản hiện tại."),
      el("table", { class: "edit revisions" }, el("tbody", {}, revs.map((r, i) => {
        const box = el("input", { type: "checkbox", "data-revision": r.id });
        box.addEventListener("change", () => {
          if (box.checked) picked.add(r.id); else picked.delete(r.id);
          compareButton.disabled = picked.size !== 2;
        });
        return el("tr", {},
          el("td", {}, box),
          el("td", {}, new Date(r.saved_at).toLocaleString("vi-VN")),
          el("td", {}, r.title),
          el("td", {}, i === 0 ? el("span", { class: "muted" }, "hiện tại") : el("span", {},
            el("button", { "data-compare": r.id, onclick: () => compare(r.id, null) }, "So với hiện tại"),
            " ",
            el("button", { onclick: async () => {
              await api.restoreRevision(state.id, r.id);
              dlg.close();
              await openPlan(state.id);
              toast("Đã khôi phục phiên bản (có thể hoàn tác).");
            } }, "Khôi phục"))));
      }))),
      result,
      el("div", { class: "buttons" }, compareButton, el("button", { onclick: () => dlg.close() }, "Đóng"))));
  dlg.showModal();
}
