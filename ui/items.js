// Targets and tasks: one card each, the engine reading what is typed.
import * as api from "./api.js";
import { $, el, toast } from "./dom.js";
import { state, vocab, label } from "./state.js";
import { bind, changed, checkedField, flushSave, openPlan, selectTab } from "./editor.js";

// Deadlines are typed as plans write them; the engine parses them and writes the
// label back (the ND30 leading zero of months 1–2, Roman quarters), so the rule
// lives only in the engine.
export function deadlineInput(obj, key, label) {
  const input = el("input", { placeholder: "vd: tháng 12 năm 2026", "data-field": "deadline" });
  input.value = label ?? "";
  input.addEventListener("change", async () => {
    if (input.value.trim()) {
      const parsed = await api.parseDeadline(input.value, planYear());
      obj[key] = parsed.deadline;
      input.value = parsed.label;
    } else {
      obj[key] = null;
    }
    changed();
  });
  return input;
}

// The first year of the open plan's period (completes «trong quý II»).
function planYear() {
  const p = state.plan && state.plan.period;
  if (!p) return null;
  if (typeof p.year === "number") return p.year;
  if (typeof p.from === "number") return p.from;
  if (typeof p.from === "string") return Number(p.from.slice(0, 4));
  return null;
}

// The labels of a list of deadlines, in one call to the engine.
export async function deadlineLabels(items) {
  try {
    return await api.deadlineLabels(items.map((x) => x.deadline ?? null));
  } catch (e) {
    return items.map(() => "");
  }
}

// The comparators as the engine lists them, and none (a qualitative target).
export function comparatorSelect() {
  return el("select", { "data-field": "comparator" }, el("option", { value: "" }, "—"), vocab.comparators.map((c) => el("option", { value: c.value }, c.label)));
}

// One target or task per card: the text gets the full width (plans' targets are
// long sentences), the short fields sit on a second line.
export function itemCard(path, group, groupLabel, textInput, textLabel, details, onRemove, removeTitle) {
  return el(
    "div",
    { class: "item", "data-path": path },
    el("div", { class: "item-main" },
      el("label", { class: "field" }, el("span", { class: "lbl" }, groupLabel), group),
      el("label", { class: "field" }, el("span", { class: "lbl" }, textLabel), textInput),
      el("button", { class: "danger icon", title: removeTitle, onclick: onRemove }, "✕")),
    el("div", { class: "item-details" }, details.map(([label, input, cls]) => el("label", { class: `field ${cls || ""}` }, el("span", { class: "lbl" }, label), input)))
  );
}

// A target is one truth: its sentence prints and is checked. Editing the sentence
// has the engine read it and set the fields; editing the value offers to write the
// new number into the sentence. The decision towards the parent is computed by the
// engine (shown, not chosen); only «không áp dụng» is the officer's, with a reason.
export async function renderTargets() {
  const p = state.plan;
  const labels = await deadlineLabels(p.targets);
  const cards = p.targets.map((t, i) => {
    const path = `targets[${i}]`;
    const comp = comparatorSelect();
    const unit = el("select", { "data-field": "unit" }, vocab.units.map((u) => el("option", { value: u.value }, u.label)));
    const deadline = deadlineInput(t, "deadline", labels[i]);
    const offer = el("div", { class: "offer", "data-offer": path });
    const sentence = bind(el("textarea", { rows: 2, "data-field": "text" }), () => t.text, (v) => (t.text = v));
    const value = checkedField(`${path}.value`, "value", () => t.value ?? "", async (v) => {
      t.value = v;
      offer.replaceChildren();
      if (v === null) return;
      const rewritten = await api.targetSentenceWithValue(t, v).catch(() => null);
      if (rewritten && rewritten !== t.text) {
        offer.replaceChildren(
          `Câu chỉ tiêu vẫn ghi số cũ. `,
          el("button", { "data-action": "rewrite-sentence", onclick: () => {
            // As if typed: the sentence is read again and the fields follow it.
            sentence.value = rewritten;
            sentence.dispatchEvent(new Event("input"));
          } }, `Sửa câu thành: «${rewritten}»`));
      }
    }, "", { bare: true, inputmode: "decimal", dataField: "value" });
    // The sentence read by the engine: the fields follow it as it is typed.
    let reading = 0;
    sentence.addEventListener("input", async () => {
      const mine = ++reading;
      const followed = await api.followTargetSentence(t).catch(() => null);
      if (!followed || mine !== reading) return;
      Object.assign(t, { comparator: followed.comparator, value: followed.value, unit: followed.unit, unit_label: followed.unit_label, deadline: followed.deadline });
      comp.value = t.comparator ?? "";
      unit.value = t.unit;
      if (!(`${path}.value` in state.typed)) value.value = t.value ?? "";
      if (t.deadline) deadline.value = (await deadlineLabels([t]))[0];
      offer.replaceChildren();
      changed();
    });
    const inherited = t.parent_target ? [
      ["Kế thừa (chương trình tính)", el("span", { class: "decision", "data-decision": i }, ""), "wide"],
      ["Không áp dụng cho đơn vị", (() => {
        const box = el("input", { type: "checkbox", "data-field": "not-applicable" });
        box.checked = t.decision === "not_applicable";
        box.addEventListener("change", () => { t.decision = box.checked ? "not_applicable" : null; changed(); });
        return box;
      })(), "narrow"],
      ["Lý do (khi không áp dụng)", bind(el("input", { "data-field": "reason" }), () => t.reason ?? "", (v) => (t.reason = v)), "wide"],
    ] : [];
    const card = itemCard(
      path,
      bind(el("input", { "data-field": "group" }), () => t.group, (v) => (t.group = v)),
      "Nhóm",
      sentence,
      `Chỉ tiêu ${i + 1} (câu in trong văn bản)`,
      [
        ["So sánh", bind(comp, () => t.comparator ?? "", (v) => (t.comparator = v || null)), "narrow"],
        ["Giá trị", value, "narrow"],
        ["Đơn vị", bind(unit, () => t.unit, (v) => (t.unit = v)), "narrow"],
        ["Thời hạn", deadline, "wide"],
        ...inherited,
      ],
      () => { p.targets.splice(i, 1); changed(true); },
      "Xóa chỉ tiêu"
    );
    card.append(offer);
    return card;
  });
  $('[data-pane="targets"]').replaceChildren(
    el("p", { class: "inherit-summary", hidden: true }),
    el("p", { class: "outside-period stale", hidden: true },
      el("span", {}, ""),
      " ",
      el("button", { id: "move-deadlines", onclick: moveDeadlines }, "Chuyển thời hạn vào thời kỳ")),
    el("p", { class: "muted" }, "Câu chỉ tiêu là nội dung được in và được kiểm tra; các ô so sánh, giá trị, thời hạn đọc từ câu. Câu không có số thì in thêm mức ở các ô («đạt tối thiểu 80%»). Chỉ tiêu in ra trong mục có khối «Chỉ tiêu» (thẻ Nội dung), theo nhóm."),
    el("div", { class: "items" }, cards),
    el("p", {}, el("button", { id: "add-target", onclick: async () => {
      p.targets.push({ id: "", group: p.targets.at(-1)?.group ?? "", text: "", comparator: ">=", value: null, unit: "percent", deadline: null });
      changed();
      await renderTargets();
      focusText(`targets[${p.targets.length - 1}]`);
    } }, "+ Thêm chỉ tiêu"))
  );
  showDecisions();
}

// Deadlines taken from a parent of another period: moved into the plan's own
// (each in its form), as a revision that Ctrl+Z undoes.
async function moveDeadlines() {
  try {
    await flushSave();
    const moved = await api.moveDeadlines(state.id);
    await openPlan(state.id);
    selectTab("targets");
    toast(`Đã chuyển ${moved} thời hạn vào thời kỳ của kế hoạch.`);
  } catch (e) { toast(e.message, true); }
}

// The engine's computed decisions and summary, after each check.
export function showDecisions() {
  const checked = state.checked;
  const outside = (checked?.diagnostics || []).filter((d) => d.code === "deadline_outside_period");
  const notice = document.querySelector(".outside-period");
  if (notice) {
    notice.hidden = !outside.length;
    notice.firstChild.textContent = `${outside.length} thời hạn nằm ngoài thời kỳ của kế hoạch (lấy từ kế hoạch cấp trên của thời kỳ khác?).`;
  }
  const summary = document.querySelector(".inherit-summary");
  if (summary) {
    const s = checked?.summary;
    summary.hidden = !s;
    if (s) summary.textContent = `Kế thừa kế hoạch cấp trên: giữ nguyên ${s.adopted}, nâng cao ${s.tightened}, thấp hơn cấp trên ${s.weakened}, không áp dụng ${s.not_applicable}, bổ sung mới ${s.new} chỉ tiêu; ${s.tasks_picked_up} nhiệm vụ cấp trên được thực hiện.`;
  }
  document.querySelectorAll("[data-decision]").forEach((n) => {
    const d = checked?.decisions?.[Number(n.dataset.decision)];
    n.textContent = d ? label("decisions", d) : "";
    n.className = `decision ${d || ""}`;
  });
}

export async function renderTasks() {
  const p = state.plan;
  const labels = await deadlineLabels(p.tasks);
  const cards = p.tasks.map((t, i) =>
    itemCard(
      `tasks[${i}]`,
      bind(el("input", { "data-field": "group" }), () => t.group, (v) => (t.group = v)),
      "Lĩnh vực",
      bind(el("textarea", { rows: 2, "data-field": "text" }), () => t.text, (v) => (t.text = v)),
      `Nhiệm vụ ${i + 1}`,
      [
        ["Đơn vị chủ trì", bind(el("input", { "data-field": "lead" }), () => t.lead, (v) => (t.lead = v)), "wide"],
        ["Đơn vị phối hợp (cách nhau bằng ;)", bind(el("input", { "data-field": "partners" }), () => t.partners.join("; "), (v) => (t.partners = v.split(";").map((x) => x.trim()).filter(Boolean))), "wider"],
        ["Thời gian hoàn thành", deadlineInput(t, "deadline", labels[i]), "wide"],
        ["Sản phẩm", bind(el("input", { "data-field": "product" }), () => t.product ?? "", (v) => (t.product = v)), "wider"],
      ],
      () => { p.tasks.splice(i, 1); changed(true); },
      "Xóa nhiệm vụ"
    )
  );
  $('[data-pane="tasks"]').replaceChildren(
    el("div", { class: "items" }, cards),
    el("p", {}, el("button", { id: "add-task", onclick: async () => {
      // The new task joins the last one's group (tasks are typed group by group);
      // the cursor goes to its text, so what is typed is the task, never added to
      // the group's name.
      p.tasks.push({ id: "", group: p.tasks.at(-1)?.group ?? "", text: "", lead: "", partners: [], deadline: null, product: "" });
      changed();
      await renderTasks();
      focusText(`tasks[${p.tasks.length - 1}]`);
    } }, "+ Thêm nhiệm vụ"))
  );
}

// The text field of a card just added, in view and ready for typing.
function focusText(path) {
  const text = document.querySelector(`[data-path="${CSS.escape(path)}"] [data-field="text"]`);
  text?.scrollIntoView({ block: "center" });
  text?.focus();
}

