// Small DOM helpers shared by every screen.
export const $ = (sel, root = document) => root.querySelector(sel);

export const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
};

const SVG = "http://www.w3.org/2000/svg";
export const svgEl = (tag, attrs) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

// A popover sits in the top layer, so messages show above an open dialog too. An
// action ({label, run}) puts a button in the message (Hoàn tác) and keeps it longer.
export function toast(msg, error = false, action = null) {
  const t = $("#toast");
  t.replaceChildren(msg);
  if (action) {
    t.append(" ", el("button", { id: "toast-action", onclick: () => { t.hidePopover(); action.run(); } }, action.label));
  }
  t.className = error ? "error" : "";
  if (t.matches(":popover-open")) t.hidePopover();
  t.showPopover();
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.hidePopover(), action ? 10000 : error ? 6000 : 2500);
}

export function field(label, input, path, cls = "") {
  return el("div", { class: `field ${cls}`, "data-path": path }, el("label", {}, label), input);
}
