// What the screens share: the plan being edited and the engine's lists.
import * as api from "./api.js";

// `typed` and `refused`: what a field holds that the engine refused (by path), kept
// on screen until corrected; `checked`: the engine's summary and decisions.
export const state = { plans: [], id: null, plan: null, findings: [], saveTimer: null, dirty: false, typed: {}, refused: {}, checked: null };

// The engine's lists (comparators, units, decisions, tiers, statuses): the page
// declares none of its own.
export const vocab = { comparators: [], units: [], decisions: [], tiers: [], statuses: [], verdicts: [], task_statuses: [] };

export async function loadVocabulary() {
  Object.assign(vocab, await api.vocabulary());
}

export const label = (list, value) => (vocab[list].find((c) => c.value === value) || {}).label ?? value;
