// The bridge to the engine: every call is a Tauri command; errors arrive as the
// engine's {code, message} and are rethrown as Error with that message.
const tauri = window.__TAURI__;

export async function call(command, args = {}) {
  try {
    return await tauri.core.invoke(command, args);
  } catch (e) {
    const err = new Error(e && e.message ? e.message : String(e));
    err.code = e && e.code;
    throw err;
  }
}

export function onStoreChanged(handler) {
  return tauri.event.listen("store-changed", (e) => handler(e.payload));
}

const FILTERS = {
  docx: { name: "Tài liệu Word", extensions: ["docx"] },
  pdf: { name: "Tài liệu PDF", extensions: ["pdf"] },
};

export async function saveDialog(defaultPath, kind = "docx") {
  return tauri.dialog.save({ defaultPath, filters: [FILTERS[kind]] });
}

export async function openDialog() {
  return tauri.dialog.open({
    multiple: false,
    directory: false,
    filters: [{ name: "Bản sao lưu Kế hoạch", extensions: ["db", "bak"] }],
  });
}

// A parent plan as it arrives: a PDF, a Word file, or text extracted from either.
export async function openPlanDocument() {
  return tauri.dialog.open({
    multiple: false,
    directory: false,
    filters: [
      { name: "Kế hoạch (PDF, Word hoặc văn bản)", extensions: ["pdf", "docx", "txt"] },
      { name: "Tất cả các tệp", extensions: ["*"] },
    ],
  });
}

// The shared folder (a mapped drive or a network share) holding templates and parent plans.
export async function openFolderDialog() {
  return tauri.dialog.open({ multiple: false, directory: true });
}
