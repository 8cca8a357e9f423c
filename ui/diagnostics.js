// One component for every diagnostic of the engine (ND30 findings, the check
// against the parent, import notes, sync problems, settings refused): the same
// severity classes, the same place line, the same list.

import { el } from "./dom.js";

const SEVERITY = { error: "Lỗi", warning: "Cảnh báo", note: "Ghi chú" };

// Where a diagnostic points, as the officer reads it: a file, a page and line, a field.
export function placeOf(d) {
  const parts = [];
  if (d.file) parts.push(d.file);
  if (d.page) parts.push(d.line ? `Trang ${d.page}, dòng ${d.line}` : `Trang ${d.page}`);
  else if (d.line) parts.push(`Dòng ${d.line}`);
  return parts.join(": ");
}

// A list of diagnostics; `onPick(d)` when one is clicked (to reveal its field).
export function diagnosticList(list, { onPick = null, id = null } = {}) {
  return el("ul", { class: "diagnostics", ...(id ? { id } : {}) }, list.map((d) =>
    el("li", {
      class: d.severity,
      "data-code": d.code,
      title: [SEVERITY[d.severity], d.code, d.path || d.field].filter(Boolean).join(" · "),
      ...(onPick ? { onclick: () => onPick(d) } : {}),
    },
    placeOf(d) ? el("span", { class: "place" }, `${placeOf(d)}: `) : "",
    d.message,
    ...(d.hints || []).map((h) => el("div", { class: "muted" }, h)))));
}

// Marks the fields diagnostics point at (by JSON path or setting name) and puts the
// message beside them; returns nothing.
export function markFields(list, root = document) {
  root.querySelectorAll(".has-error, .has-warning").forEach((n) => n.classList.remove("has-error", "has-warning"));
  root.querySelectorAll(".hint:not(.local)").forEach((n) => n.remove());
  for (const d of list) {
    const target = d.path || d.field;
    if (!target) continue;
    let node = null;
    let path = target;
    while (path && !(node = root.querySelector(`[data-path="${CSS.escape(path)}"]`))) {
      path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
      if (!/[.[]/.test(path)) break;
    }
    if (!node) node = root.querySelector(`[data-path="${CSS.escape(target.split(/[.[]/)[0])}"]`);
    if (node && d.severity !== "note") {
      node.classList.add(`has-${d.severity}`);
      if (node.classList.contains("field") || node.classList.contains("item")) node.append(el("div", { class: `hint ${d.severity}` }, d.message));
    }
  }
}
