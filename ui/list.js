// The plan list: search, filters, the trash.
import * as api from "./api.js";
import { $, el, toast } from "./dom.js";
import { state, vocab, label } from "./state.js";
import { openPlan } from "./editor.js";

export async function refreshList() {
  const query = $("#search").value;
  const year = $("#filter-year").value ? Number($("#filter-year").value) : null;
  const status = $("#filter-status").value || null;
  const trash = $("#filter-trash").checked;
  try {
    state.plans = await api.listPlans(query, year, status, trash);
  } catch (e) {
    return toast(e.message, true);
  }
  const list = $("#plan-list");
  list.replaceChildren(
    ...state.plans.map((p) =>
      el(
        "li",
        { class: p.id === state.id ? "active" : "", "data-id": p.id, onclick: () => openPlan(p.id) },
        el("div", { class: "t" }, p.title || "(chưa có trích yếu)"),
        el(
          "div",
          { class: "m" },
          el("span", {}, p.year_from === p.year_to ? String(p.year_from) : `${p.year_from}–${p.year_to}`),
          el("span", { class: `badge ${p.status}` }, label("statuses", p.status)),
          el("span", {}, p.agency)
        )
      )
    )
  );
  if (!state.plans.length) list.append(el("li", { class: "muted" }, trash ? "Thùng rác trống." : "Không có kế hoạch nào."));
}

// The filters: the years around now and the engine's statuses.
export function fillFilters() {
  const status = $("#filter-status");
  for (const s of vocab.statuses) status.append(el("option", { value: s.value }, s.label));
  fillYears();
}

function fillYears() {
  const sel = $("#filter-year");
  const now = new Date().getFullYear();
  for (let y = now + 1; y >= now - 6; y--) sel.append(el("option", { value: y }, String(y)));
}

