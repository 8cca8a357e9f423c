// The paper: export, print, preview (the pages as the PDF has them).
import * as api from "./api.js";
import { $, el, svgEl, toast } from "./dom.js";
import { state } from "./state.js";
import { diagnosticList } from "./diagnostics.js";
import { flushSave } from "./editor.js";

// What was typed but refused: the paper has the value saved before it, and says so.
function staleNote() {
  const refused = Object.entries(state.refused || {});
  if (!refused.length) return "";
  return el("p", { class: "stale error", id: "stale-note" },
    `Chú ý: ${refused.length} ô chưa hợp lệ nên chưa được nhận (${refused.map(([p]) => p).join(", ")}); bản in dùng giá trị đã lưu trước đó.`);
}

// The save dialog runs in the shell; the export writes where the officer chose and
// shows the document's diagnostics (ND30 and, for a derived plan, the check
// against its parent), which the findings panel lists too.
// A paper made while the check finds errors is marked «DỰ THẢO»; after seeing the
// errors the officer may still make the unmarked one (`finality` "final").
export async function exportPlan(kind, finality = null) {
  if (state.id === null) return;
  await flushSave();
  const kindLabel = kind === "pdf" ? "PDF" : "DOCX";
  const title = finality === "final" ? `Đã xuất tệp ${kindLabel} (bản chính thức)` : `Đã xuất tệp ${kindLabel}`;
  await exportVia((again) => api.exportPlan(state.id, kind, again, finality), title, staleNote,
    null, () => confirmFinal(kind));
}

// Asks before an unmarked paper is made of a plan with errors.
function confirmFinal(kind) {
  const dlg = $("#dialog");
  dlg.replaceChildren(
    el("div", { class: "dlg", id: "confirm-final" },
      el("h2", {}, "Xuất bản không đánh dấu «DỰ THẢO»?"),
      el("p", {}, "Kế hoạch còn lỗi thể thức (xem danh sách bên phải). Bản không đánh dấu dự thảo chỉ nên xuất khi đã xem các lỗi ấy và chắc chắn văn bản được ký như vậy."),
      el("div", { class: "buttons" },
        el("button", { onclick: () => dlg.close() }, "Quay lại sửa"),
        el("button", { class: "primary", id: "export-final", onclick: () => { dlg.close(); exportPlan(kind, "final"); } }, "Vẫn xuất bản chính thức"))));
  if (!dlg.open) dlg.showModal();
}

// Runs an export (`run(again)`: the shell's save dialog, then the file) and shows
// what was written. A file held open by Word or a PDF viewer cannot be replaced on
// Windows: the officer is told the old file is as it was, and offered the save
// dialog again with a free name beside it.
export async function exportVia(run, title, note = () => "", again = null, final = null) {
  let done;
  try {
    done = await run(again);
  } catch (e) {
    if (e.code !== "file_in_use") return toast(e.message, true);
    const dlg = $("#dialog");
    dlg.replaceChildren(
      el("div", { class: "dlg", id: "file-in-use" },
        el("h2", {}, "Tệp đang mở trong chương trình khác"),
        el("p", {}, e.message),
        el("div", { class: "buttons" },
          el("button", { onclick: () => dlg.close() }, "Đóng"),
          el("button", { class: "primary", id: "save-again", onclick: () => { dlg.close(); exportVia(run, title, note, e.again, final); } },
            `Lưu với tên khác (${e.again.suggested})…`))));
    if (!dlg.open) dlg.showModal();
    return;
  }
  if (done) showExported(title, done, note(), final);
}

// After an export (of a plan, a report, a roll-up): where the file went, what the
// document's diagnostics say, and the file or its folder to open.
export function showExported(title, { path, diagnostics, draft }, note = "", final = null) {
  const errors = diagnostics.filter((f) => f.severity === "error");
  const dlg = $("#dialog");
  const open = (fn) => async () => { dlg.close(); try { await fn(path); } catch (e) { toast(e.message, true); } };
  const marked = draft
    ? el("p", { class: "stale error", id: "draft-note" },
        `Bản xuất có chữ «DỰ THẢO» ở đầu trang 1 vì còn ${errors.length} lỗi: sửa các lỗi rồi xuất lại để có bản ký ban hành.`)
    : "";
  dlg.replaceChildren(
    el("div", { class: "dlg" },
      el("h2", {}, title),
      el("p", {}, path),
      note,
      marked,
      diagnostics.length ? el("p", {}, `Lưu ý: ${errors.length} lỗi, ${diagnostics.length - errors.length} cảnh báo.`) : el("p", { class: "ok" }, "Không phát hiện lỗi thể thức."),
      diagnostics.length ? el("details", {}, el("summary", {}, "Chi tiết"), diagnosticList(diagnostics)) : "",
      el("div", { class: "buttons" },
        el("button", { onclick: () => dlg.close() }, "Đóng"),
        draft && final ? el("button", { id: "make-final", onclick: () => { dlg.close(); final(); } }, "Xuất bản không đánh dấu…") : "",
        el("button", { id: "open-folder", onclick: open(api.openFolder) }, "Mở thư mục"),
        el("button", { class: "primary", id: "open-file", onclick: open(api.openFile) }, "Mở tệp"))));
  if (!dlg.open) dlg.showModal();
}

// Printing goes through the PDF in the system's viewer: its print dialog is the
// one the officer knows, and what prints is exactly the preview. A PC without a PDF
// viewer prints the preview's pages (the same layout) through the window's own
// print dialog instead.
export async function printPlan() {
  if (state.id === null) return;
  await flushSave();
  toast("Đang mở bản PDF để in…");
  try {
    await api.printPlan(state.id);
  } catch (e) {
    if (e.code !== "no_viewer") return toast(e.message, true);
    await printFromPreview(showPreview);
  }
}

// On a PC without a PDF viewer: the preview's pages (`show` opens them; false when
// it could not) through the window's own print dialog.
export async function printFromPreview(show) {
  const shown = await show();
  if (!shown) return;
  toast("Máy chưa có trình xem PDF: in trực tiếp các trang xem trước (chọn máy in, khổ A4).");
  document.body.classList.add("printing-preview");
  const done = () => document.body.classList.remove("printing-preview");
  window.addEventListener("afterprint", done, { once: true });
  window.print();
  setTimeout(done, 60_000);
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
    toast(e.message, true);
    return false;
  }
  dlg.replaceChildren(
    el("div", { class: "preview-bar" },
      el("strong", {}, "Xem trước"),
      el("span", { class: "muted" }, `${pages.length} trang, khổ A4`),
      el("span", { class: "spacer" }),
      el("button", { onclick: () => { dlg.close(); printPlan(); } }, "In"),
      el("button", { onclick: () => { dlg.close(); exportPlan("pdf"); } }, "Xuất PDF"),
      el("button", { class: "primary", onclick: () => dlg.close() }, "Đóng")),
    staleNote(),
    el("div", { class: "pages" }, pages.map((p, i) => pageSvg(p, i + 1))));
  return true;
}

