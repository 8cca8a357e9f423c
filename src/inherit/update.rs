//! A newer version of the parent (kế hoạch cấp trên sửa đổi): what changed, which of
//! the child's items each change affects, and applying the accepted changes.

use super::{decide, CheckOptions};
use crate::model::tier::task_concerns;
use crate::model::{Decision, Plan, Target, Task};
use crate::text::fold;

/// A difference between two versions of the parent plan (thay đổi của kế hoạch cấp
/// trên), with the child's items it affects.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum ParentChange {
    /// A target the new version adds.
    TargetAdded {
        new_id: String,
        text: String,
    },
    /// A target the new version no longer has; `affected` are the child's targets
    /// (indices) linked to it.
    TargetRemoved {
        old_id: String,
        text: String,
        affected: Vec<usize>,
    },
    /// A target whose value, direction or deadline changed (matched by its text).
    TargetChanged {
        old_id: String,
        new_id: String,
        text: String,
        before: String,
        after: String,
        affected: Vec<usize>,
    },
    TaskAdded {
        new_id: String,
        text: String,
    },
    TaskRemoved {
        old_id: String,
        text: String,
        affected: Vec<usize>,
    },
}

/// Words of a text, folded, for matching items across versions.
fn word_set(s: &str) -> std::collections::BTreeSet<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

/// Similarity of two texts: shared words over all words (Jaccard), numbers left out
/// so that a target whose value changed still matches itself.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (word_set(a), word_set(b));
    let all = a.union(&b).count();
    if all == 0 {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / all as f64
}

/// Pairs each old item with its best new match (similarity ≥ 0.6), greedily by
/// similarity; returns (old index, new index) pairs.
fn match_items(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in old.iter().enumerate() {
        for (j, b) in new.iter().enumerate() {
            let s = similarity(a, b);
            if s >= 0.6 {
                scored.push((s, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_old, mut used_new) = (vec![false; old.len()], vec![false; new.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in scored {
        if !used_old[i] && !used_new[j] {
            used_old[i] = true;
            used_new[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn commitment(t: &Target) -> String {
    let value = t
        .printed_measure()
        .map(|m| m.symbolic())
        .unwrap_or_default();
    let deadline = t.deadline.as_ref().map(|d| d.label()).unwrap_or_default();
    format!("{value} {deadline}").trim().to_owned()
}

/// A child target following its parent's changed target `n` (`o` before): an
/// adopted target takes the new sentence (or, reworded by the unit, the new number
/// in its own sentence); a tightened one keeps its own unless it is now weaker. The
/// deadline is never later than the parent's.
fn follow_target(t: &mut Target, o: Option<&Target>, n: &Target) {
    let opts = CheckOptions::default();
    let tightened = decide(t, o, &opts) == Decision::Tightened;
    let weaker_now = decide(t, Some(n), &opts) == Decision::Weakened;
    if t.decision != Some(Decision::NotApplicable) && (!tightened || weaker_now) {
        let as_parent_wrote = o.is_some_and(|o| fold(&o.text) == fold(&t.text));
        let measure = n.printed_measure();
        if as_parent_wrote {
            t.text = n.text.clone();
        } else if let Some(text) = measure
            .as_ref()
            .and_then(|m| t.sentence_with_value(m.value))
        {
            t.text = text;
        }
        if let Some(m) = measure {
            t.comparator = Some(m.comparator);
            t.value = Some(m.value);
            t.unit = m.unit;
        }
        t.follow_sentence();
        t.decision = Some(Decision::Adopted);
    }
    let later = match (
        n.deadline.as_ref().and_then(|d| d.last_day()),
        t.deadline.as_ref().and_then(|d| d.last_day()),
    ) {
        (Some(p), Some(c)) => c > p,
        _ => true,
    };
    if later {
        t.deadline = n.deadline.clone();
    }
}

/// What changed from `old` to `new` (two versions of the parent), and which of the
/// child's targets and tasks each change affects.
pub fn parent_changes(old: &Plan, new: &Plan, child: &Plan) -> Vec<ParentChange> {
    let (mut old, mut new) = (old.clone(), new.clone());
    old.assign_ids();
    new.assign_ids();
    let linked_targets = |id: &str| -> Vec<usize> {
        child
            .targets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.parent_target.as_deref() == Some(id))
            .map(|(i, _)| i)
            .collect()
    };
    let mut out = Vec::new();
    let ot: Vec<&str> = old.targets.iter().map(|t| t.text.as_str()).collect();
    let nt: Vec<&str> = new.targets.iter().map(|t| t.text.as_str()).collect();
    let pairs = match_items(&ot, &nt);
    for (i, t) in old.targets.iter().enumerate() {
        match pairs.iter().find(|(a, _)| *a == i) {
            None => out.push(ParentChange::TargetRemoved {
                old_id: t.id.clone(),
                text: t.text.clone(),
                affected: linked_targets(&t.id),
            }),
            Some((_, j)) => {
                let n = &new.targets[*j];
                let (before, after) = (commitment(t), commitment(n));
                if before != after || t.unit != n.unit {
                    out.push(ParentChange::TargetChanged {
                        old_id: t.id.clone(),
                        new_id: n.id.clone(),
                        text: n.text.clone(),
                        before,
                        after,
                        affected: linked_targets(&t.id),
                    });
                }
            }
        }
    }
    for (j, n) in new.targets.iter().enumerate() {
        if !pairs.iter().any(|(_, b)| *b == j) {
            out.push(ParentChange::TargetAdded {
                new_id: n.id.clone(),
                text: n.text.clone(),
            });
        }
    }
    let ok: Vec<&str> = old.tasks.iter().map(|t| t.text.as_str()).collect();
    let nk: Vec<&str> = new.tasks.iter().map(|t| t.text.as_str()).collect();
    let pairs = match_items(&ok, &nk);
    for (i, t) in old.tasks.iter().enumerate() {
        if !pairs.iter().any(|(a, _)| *a == i) {
            out.push(ParentChange::TaskRemoved {
                old_id: t.id.clone(),
                text: t.text.clone(),
                affected: child
                    .tasks
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.parent_task.as_deref() == Some(t.id.as_str()))
                    .map(|(k, _)| k)
                    .collect(),
            });
        }
    }
    for (j, n) in new.tasks.iter().enumerate() {
        if !pairs.iter().any(|(_, b)| *b == j) && task_concerns(n, &child.agency.tier) {
            out.push(ParentChange::TaskAdded {
                new_id: n.id.clone(),
                text: n.text.clone(),
            });
        }
    }
    out
}

/// Applies the accepted changes to the child: links moved to the new version's ids
/// for every matched item, changed values taken over by adopted targets, added
/// targets and tasks taken in, removed ones marked not applicable (targets) or
/// unlinked (tasks). Rejected changes leave the child as it was, except that links
/// to matched items always follow the new ids.
pub fn apply_changes(
    child: &mut Plan,
    old: &Plan,
    new: &Plan,
    changes: &[ParentChange],
    accepted: &[bool],
) {
    let (mut old, mut new) = (old.clone(), new.clone());
    old.assign_ids();
    new.assign_ids();
    // Follow matched ids first.
    let ot: Vec<&str> = old.targets.iter().map(|t| t.text.as_str()).collect();
    let nt: Vec<&str> = new.targets.iter().map(|t| t.text.as_str()).collect();
    let target_map: Vec<(String, String)> = match_items(&ot, &nt)
        .into_iter()
        .map(|(i, j)| (old.targets[i].id.clone(), new.targets[j].id.clone()))
        .collect();
    let ok: Vec<&str> = old.tasks.iter().map(|t| t.text.as_str()).collect();
    let nk: Vec<&str> = new.tasks.iter().map(|t| t.text.as_str()).collect();
    let task_map: Vec<(String, String)> = match_items(&ok, &nk)
        .into_iter()
        .map(|(i, j)| (old.tasks[i].id.clone(), new.tasks[j].id.clone()))
        .collect();
    for t in &mut child.targets {
        if let Some(p) = &t.parent_target {
            if let Some((_, n)) = target_map.iter().find(|(o, _)| o == p) {
                t.parent_target = Some(n.clone());
            }
        }
    }
    for t in &mut child.tasks {
        if let Some(p) = &t.parent_task {
            if let Some((_, n)) = task_map.iter().find(|(o, _)| o == p) {
                t.parent_task = Some(n.clone());
            }
        }
    }
    for (c, ok) in changes.iter().zip(accepted) {
        if !ok {
            continue;
        }
        match c {
            ParentChange::TargetAdded { new_id, .. } => {
                if let Some(n) = new.targets.iter().find(|t| &t.id == new_id) {
                    let tier = child.agency.tier.clone();
                    child.targets.push(super::derive::taken_up(n, &tier));
                }
            }
            ParentChange::TargetRemoved { affected, .. } => {
                for i in affected {
                    if let Some(t) = child.targets.get_mut(*i) {
                        t.parent_target = None;
                        t.decision = Some(Decision::New);
                    }
                }
            }
            ParentChange::TargetChanged {
                old_id,
                new_id,
                affected,
                ..
            } => {
                let o = old.targets.iter().find(|t| &t.id == old_id);
                if let Some(n) = new.targets.iter().find(|t| &t.id == new_id) {
                    for i in affected {
                        if let Some(t) = child.targets.get_mut(*i) {
                            follow_target(t, o, n);
                        }
                    }
                }
            }
            ParentChange::TaskAdded { new_id, .. } => {
                if let Some(n) = new.tasks.iter().find(|t| &t.id == new_id) {
                    child.tasks.push(Task {
                        id: String::new(),
                        group: n.group.clone(),
                        text: n.text.clone(),
                        lead: child.agency.name.clone(),
                        partners: vec![],
                        deadline: n.deadline.clone(),
                        budget: String::new(),
                        product: n.product.clone(),
                        details: vec![],
                        parent_task: Some(new_id.clone()),
                    });
                }
            }
            ParentChange::TaskRemoved { affected, .. } => {
                for i in affected {
                    if let Some(t) = child.tasks.get_mut(*i) {
                        t.parent_task = None;
                    }
                }
            }
        }
    }
    child.assign_ids();
}

impl ParentChange {
    /// The change as the officer reads it, with the child's items it affects.
    pub fn describe(&self, _child: &Plan) -> String {
        let names = |idx: &[usize], targets: bool| -> String {
            if idx.is_empty() {
                return String::new();
            }
            let list: Vec<String> = idx
                .iter()
                .map(|i| {
                    if targets {
                        format!("targets[{i}]")
                    } else {
                        format!("tasks[{i}]")
                    }
                })
                .collect();
            format!(" (ảnh hưởng: {})", list.join(", "))
        };
        match self {
            ParentChange::TargetAdded { text, .. } => format!("chỉ tiêu mới: «{text}»"),
            ParentChange::TargetRemoved { text, affected, .. } => {
                format!("chỉ tiêu bị bỏ: «{text}»{}", names(affected, true))
            }
            ParentChange::TargetChanged {
                text,
                before,
                after,
                affected,
                ..
            } => format!(
                "chỉ tiêu thay đổi: «{text}»: {before} → {after}{}",
                names(affected, true)
            ),
            ParentChange::TaskAdded { text, .. } => format!("nhiệm vụ mới cho cấp này: «{text}»"),
            ParentChange::TaskRemoved { text, affected, .. } => {
                format!("nhiệm vụ bị bỏ: «{text}»{}", names(affected, false))
            }
        }
    }
}
