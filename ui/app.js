// The window's wiring: which button opens which screen. Each screen is a module
// (list, editor, output, importer, inherit, shared, settings); the engine's lists
// are loaded before anything is drawn, so no screen declares its own.
import * as api from "./api.js";
import { $, toast } from "./dom.js";
import { state, loadVocabulary } from "./state.js";
import { fillFilters, refreshList } from "./list.js";
import { closeEditor, flushSave, openPlan, selectTab } from "./editor.js";
import { showRevisions, wireHistoryKeys } from "./history.js";
import { exportPlan, printPlan, showPreview } from "./output.js";
import { importPlan } from "./importer.js";
import { deriveFromOpenPlan, updateFromParent } from "./inherit.js";
import { newPlan, saveAsTemplate, showLastSync, syncShared } from "./shared.js";
import { showSettings } from "./settings.js";

function wire() {
  fillFilters();
  let searchTimer;
  $("#search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(refreshList, 150); });
  for (const id of ["#filter-year", "#filter-status", "#filter-trash"]) $(id).addEventListener("change", refreshList);
  $("#new-plan").addEventListener("click", newPlan);
  $("#open-shared").addEventListener("click", showLastSync);
  // The status line opens the report (conflicts and malformed files are chosen there).
  $("#shared-status").addEventListener("click", showLastSync);
  $("#btn-save-template").addEventListener("click", saveAsTemplate);
  $("#import-plan").addEventListener("click", importPlan);
  // The menu closes once an action is chosen, or on a click elsewhere.
  $("#menu-inherit").addEventListener("click", (e) => { if (e.target.closest("button")) $("#menu-inherit").open = false; });
  document.addEventListener("click", (e) => { if (!e.target.closest("#menu-inherit")) $("#menu-inherit").open = false; });
  $("#btn-parent-update").addEventListener("click", updateFromParent);
  $("#btn-derive").addEventListener("click", deriveFromOpenPlan);
  $("#btn-duplicate").addEventListener("click", async () => {
    await flushSave();
    try { const id = await api.duplicatePlan(state.id); await openPlan(id); toast("Đã tạo bản sao."); } catch (e) { toast(e.message, true); }
  });
  $("#btn-trash").addEventListener("click", async () => {
    try {
      if ($("#filter-trash").checked) { await api.untrashPlan(state.id); toast("Đã khôi phục từ thùng rác."); }
      else { await flushSave(); await api.trashPlan(state.id); toast("Đã chuyển vào thùng rác (có thể khôi phục)."); }
    } catch (e) {
      return toast(e.message, true);
    }
    closeEditor();
    refreshList();
  });
  $("#btn-export").addEventListener("click", () => exportPlan("docx"));
  $("#btn-export-pdf").addEventListener("click", () => exportPlan("pdf"));
  $("#btn-preview").addEventListener("click", showPreview);
  $("#btn-print").addEventListener("click", printPlan);
  $("#btn-revisions").addEventListener("click", showRevisions);
  wireHistoryKeys();
  $("#open-settings").addEventListener("click", showSettings);
  document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => selectTab(b.dataset.tab)));
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === "s") { e.preventDefault(); flushSave().then(() => toast("Đã lưu.")); }
    if (k === "e") { e.preventDefault(); exportPlan("docx"); }
    if (k === "p") { e.preventDefault(); printPlan(); }
    if (k === "f") { e.preventDefault(); $("#search").focus(); $("#search").select(); }
  });
  // Nothing is lost when the window closes: Tauri waits for this handler, which
  // saves pending edits, before destroying the window.
  window.__TAURI__.window.getCurrentWindow().onCloseRequested(async () => { await flushSave(); });
  document.addEventListener("visibilitychange", () => { if (document.hidden) flushSave(); });
  api.onStoreChanged(() => refreshList());
  api.databasePath().then((p) => ($("#db-path").textContent = p)).catch(() => {});
  refreshList().then(() => api.uiReady()).catch(() => {});
  // First start: the agency profile before the first plan.
  api.getSettings().then((s) => {
    if (!s.agency.name.trim() || !s.agency.tier.trim()) showSettings({ firstStart: true });
  }).catch(() => {});
  // The shared folder: synced on start and every minute (an unchanged folder costs
  // one directory listing).
  syncShared(true);
  setInterval(() => syncShared(true), 60_000);
}

loadVocabulary()
  .catch((e) => toast(e.message, true))
  .finally(wire);
