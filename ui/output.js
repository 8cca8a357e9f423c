// The paper: export, print, preview (the pages as the PDF has them).
import * as api from "./api.js";
import { $, el, svgEl, toast } from "./dom.js";
import { state } from "./state.js";
import { diagnosticList } from "./diagnostics.js";
import { flushSave } from "./editor.js";

// The save dialog runs in the shell; the export writes where the officer chose and
// shows the document's diagnostics (ND30 and, for a derived plan, the check
// against its parent), which the findings panel lists too.
export async function exportPlan(kind) {
  if (state.id === null) return;
  await flushSave();
  const kindLabel = kind === "pdf" ? "PDF" : "DOCX";
  let done;
  try {
    done = await api.exportPlan(state.id, kind);
  } catch (e) {
    return toast(e.message, true);
  }
  if (!done) return;
  const { path, diagnostics } = done;
  const errors = diagnostics.filter((f) => f.severity === "error");
  const dlg = $("#dialog");
  dlg.replaceChildren(
    el("div", { class: "dlg" },
      el("h2", {}, `Đã xuất tệp ${kindLabel}`),
      el("p", {}, path),
      diagnostics.length ? el("p", {}, `Lưu ý: ${errors.length} lỗi, ${diagnostics.length - errors.length} cảnh báo (xem bảng bên phải).`) : el("p", { class: "ok" }, "Không phát hiện lỗi thể thức."),
      diagnostics.length ? el("details", {}, el("summary", {}, "Chi tiết"), diagnosticList(diagnostics)) : "",
      el("div", { class: "buttons" },
        el("button", { onclick: () => dlg.close() }, "Đóng"),
        el("button", { class: "primary", onclick: async () => { dlg.close(); try { await api.openFile(path); } catch (e) { toast(e.message, true); } } }, "Mở tệp"))));
  if (!dlg.open) dlg.showModal();
}

// Printing goes through the PDF in the system's viewer: its print dialog is the
// one the officer knows, and what prints is exactly the preview.
export async function printPlan() {
  if (state.id === null) return;
  await flushSave();
  toast("Đang mở bản PDF để in…");
  try {
    await api.printPlan(state.id);
  } catch (e) {
    toast(e.message, true);
  }
}

// ---------- Preview ----------

// The pages as the engine laid them out for the PDF: every stretch of text at its
// place, drawn in the document font.
export function pageSvg(page, number) {
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

export async function showPreview() {
  if (!state.plan) return;
  const dlg = $("#preview");
  dlg.replaceChildren(el("div", { class: "preview-bar" }, el("strong", {}, "Xem trước"), el("span", { class: "muted" }, "Đang dàn trang…")));
  dlg.showModal();
  let pages;
  try {
    pages = await api.preview(state.id, state.plan);
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

