// The bridge to the engine: one function per Tauri command (src-tauri/src/commands.rs).
// Errors arrive as the engine's {code, message} and are rethrown as Error with that
// message and code (and, for settings, the diagnostics per field). File dialogs run
// on the Rust side: the page never sends a path the officer did not choose there.
const tauri = window.__TAURI__;

async function call(command, args = {}) {
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    const err = new Error(e && e.message ? e.message : String(e));
    err.code = e && e.code;
    err.diagnostics = (e && e.diagnostics) || [];
    // file_in_use: the free name and the folder to offer in the save dialog again
    if (e && e.suggested) err.again = { suggested: e.suggested, folder: e.folder };
    throw err;
  }
}

export function onStoreChanged(handler) {
  return tauri.event.listen("store-changed", (e) => handler(e.payload));
}

// A document chosen in an open dialog is being read (payload: its path).
export function onDocumentReading(handler) {
  return tauri.event.listen("document-reading", (e) => handler(e.payload));
}

// A scan being read by OCR: [pages done, pages in all].
export function onDocumentProgress(handler) {
  return tauri.event.listen("document-progress", (e) => handler(e.payload));
}
export const cancelReading = () => call("cancel_reading");

// Plans
export const listPlans = (query, year, status, trash) => call("list_plans", { query, year, status, trash });
export const getPlan = (id) => call("get_plan", { id });
export const savePlan = (id, plan) => call("save_plan", { id, plan });
export const createPlan = (templateId, year) => call("create_plan", { templateId, year });
export const duplicatePlan = (id) => call("duplicate_plan", { id });
export const trashPlan = (id) => call("trash_plan", { id });
export const untrashPlan = (id) => call("untrash_plan", { id });
export const listRevisions = (id) => call("list_revisions", { id });
export const restoreRevision = (id, revision) => call("restore_revision", { id, revision });
// [{kind, place, path, before, after}]; newer null: the current state
export const compareRevisions = (id, older, newer) => call("compare_revisions", { id, older, newer });
// Undo and redo through the engine: {plan, can_undo, can_redo}
export const undoPlan = (id) => call("undo_plan", { id });
export const redoPlan = (id) => call("redo_plan", { id });
export const historyState = (id) => call("history_state", { id });

// The engine's rules and lists
// {diagnostics, summary, decisions}: all recomputed from the plan as it is
export const checkPlan = (id, plan) => call("check_plan", { id, plan });
// A typed field read by the engine's rule: {value} or {problem}
export const readField = (name, text) => call("read_field", { name, text });
// A target whose sentence changed, its fields read from the sentence
export const followTargetSentence = (target) => call("follow_target_sentence", { target });
// The sentence with its number made `value` (null: it states none)
export const targetSentenceWithValue = (target, value) => call("target_sentence_with_value", { target, value });
export const vocabulary = () => call("vocabulary");
// year: the plan's first year, which completes «trong quý II», «tháng 6»
export const parseDeadline = (text, year = null) => call("parse_deadline", { text, year });
export const deadlineLabels = (deadlines) => call("deadline_labels", { deadlines });
export const outline = (plan) => call("outline", { plan });

// The paper: export (save dialog on the Rust side; null when cancelled), preview,
// print, and opening a file the program wrote.
// finality: null (a paper with errors is marked «DỰ THẢO») or "final" (unmarked)
export const exportPlan = (id, format, again = null, finality = null) => call("export_plan", { id, format, again, finality });
export const preview = (id, plan) => call("preview", { id, plan });
export const printPlan = (id) => call("print_plan", { id });
export const openFile = (path) => call("open_file", { path });
export const openFolder = (path) => call("open_folder", { path });

// Import (open dialog on the Rust side: [path, imported], or null when cancelled)
export const importPreview = () => call("import_preview");
export const readCorrectedScan = (text, name) => call("read_corrected_scan", { text, name });
export const importSave = (plan) => call("import_save", { plan });

// Inheritance
// choice: {targets: [parent ids], tasks: [parent ids]} or null (what concerns the unit's tier)
export const derivePlan = (parentId, templateId, year, choice = null) => call("derive_plan", { parentId, templateId, year, choice });
export const deriveFromShared = (name, templateId, year, choice = null) => call("derive_from_shared", { name, templateId, year, choice });
// [{kind: "target"|"task", id, group, text, selected, reason}] of a stored parent or one in the shared folder
export const deriveCandidates = (parentId, name = null) => call("derive_candidates", { parentId, name });
// Deadlines outside the plan's period moved into it: how many
export const moveDeadlines = (id) => call("move_deadlines", { id });
export const inheritanceSummary = (id) => call("inheritance_summary", { id });
// [path, update] or null when cancelled
export const parentUpdatePreview = (id) => call("parent_update_preview", { id });
export const parentUpdateApply = (id, newParent, accepted) => call("parent_update_apply", { id, newParent, accepted });

// Templates and the shared folder
export const listTemplates = () => call("list_templates");
export const syncSharedFolder = () => call("sync_shared_folder");
export const chooseSharedFolder = () => call("choose_shared_folder");
export const templateConflicts = () => call("template_conflicts");
export const resolveTemplateConflict = (id, keepLocal) => call("resolve_template_conflict", { id, keepLocal });
export const publishTemplate = (id) => call("publish_template", { id });
export const getTemplateJson = (id) => call("get_template_json", { id });
export const saveTemplateJson = (json) => call("save_template_json", { json });
export const deleteTemplate = (id) => call("delete_template", { id });
export const saveAsTemplate = (id, name) => call("save_as_template", { id, name });
export const sharedParents = () => call("shared_parents");

// Settings and backups
export const reportingPeriods = (year) => call("reporting_periods", { year });
export const getSettings = () => call("get_settings");
export const setSettings = (settings, firstStart = false) => call("set_settings", { settings, firstStart });
export const profileRanges = () => call("profile_ranges");
export const databasePath = () => call("database_path");
export const backupNow = () => call("backup_now");
export const chooseBackup = () => call("choose_backup");
export const restoreBackup = (path) => call("restore_backup", { path });

// Reports (Theo dõi): periods, results with the engine's evaluation, the document,
// and the roll-up of the units' reports.
export const listReports = (planId) => call("list_reports", { planId });
export const newReport = (planId, period, template) => call("new_report", { planId, period, template });
export const reportTemplates = () => call("report_templates");
export const getReport = (id) => call("get_report", { id });
export const saveReport = (id, report) => call("save_report", { id, report });
export const reportPreview = (id) => call("report_preview", { id });
export const printReport = (id) => call("print_report", { id });
export const exportReport = (id, ext, again = null) => call("export_report", { id, ext, again });
export const rollup = (id, period) => call("rollup", { id, period });
export const exportRollup = (id, ext, again = null) => call("export_rollup", { id, ext, again });

export const uiReady = () => call("ui_ready");
