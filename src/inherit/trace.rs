//! What the child did with its parent: the summary line and the traceability
//! appendix (phụ lục đối chiếu).

use super::check::CheckOptions;
use super::decide::decide;
use crate::model::tier::task_concerns;
use crate::model::{Decision, Plan, Target, Task};

/// What the child did with the parent's targets (tóm tắt kế thừa), computed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub adopted: usize,
    pub tightened: usize,
    /// Targets weaker than the parent's (an error of the check).
    pub weakened: usize,
    pub not_applicable: usize,
    pub new: usize,
    /// Parent tasks picked up by a child task.
    pub tasks_picked_up: usize,
}

/// The decision of each of the child's targets, in order.
pub fn decisions(child: &Plan, parent: &Plan, opts: &CheckOptions) -> Vec<Decision> {
    let mut parent = parent.clone();
    parent.assign_ids();
    child
        .targets
        .iter()
        .map(|t| {
            let p = t
                .parent_target
                .as_deref()
                .and_then(|id| parent.targets.iter().find(|p| p.id == id));
            decide(t, p, opts)
        })
        .collect()
}

/// Counts of the child's computed decisions.
pub fn summary(child: &Plan, parent: &Plan, opts: &CheckOptions) -> Summary {
    let mut s = Summary::default();
    for d in decisions(child, parent, opts) {
        match d {
            Decision::Adopted => s.adopted += 1,
            Decision::Tightened => s.tightened += 1,
            Decision::Weakened => s.weakened += 1,
            Decision::NotApplicable => s.not_applicable += 1,
            Decision::New => s.new += 1,
        }
    }
    let mut picked: Vec<&str> = child
        .tasks
        .iter()
        .filter_map(|t| t.parent_task.as_deref())
        .collect();
    picked.sort_unstable();
    picked.dedup();
    s.tasks_picked_up = picked.len();
    s
}

/// The traceability appendix (Phụ lục: Đối chiếu chỉ tiêu, nhiệm vụ với kế hoạch
/// cấp trên): one landscape table row per parent target and task, with what this
/// plan decided, its value, deadline and reason.
pub fn trace_appendix(child: &Plan, parent: &Plan, opts: &CheckOptions) -> crate::model::Appendix {
    use crate::model::{Appendix, Block, Column, Orientation};
    let mut parent = parent.clone();
    parent.assign_ids();
    // The measure as it prints (the sentence's), never a hidden field.
    let value = |t: &Target| {
        t.printed_measure()
            .map(|m| m.symbolic())
            .unwrap_or_default()
    };
    let deadline =
        |d: &Option<crate::model::Deadline>| d.as_ref().map(|d| d.label()).unwrap_or_default();
    let mut rows = Vec::new();
    let mut n = 0;
    for p in &parent.targets {
        n += 1;
        let c = child
            .targets
            .iter()
            .find(|t| t.parent_target.as_deref() == Some(p.id.as_str()));
        let decision = c.map(|c| decide(c, Some(p), opts));
        // A target this unit does not take up has no measure or deadline here.
        let taken = c.filter(|_| decision != Some(Decision::NotApplicable));
        rows.push(vec![
            n.to_string(),
            format!("Chỉ tiêu: {}", p.text),
            value(p),
            deadline(&p.deadline),
            decision
                .map_or("Chưa thực hiện", Decision::label)
                .to_owned(),
            taken.map(value).unwrap_or_default(),
            taken.map(|c| deadline(&c.deadline)).unwrap_or_default(),
            c.map(|c| c.reason.clone()).unwrap_or_default(),
        ]);
    }
    for p in &parent.tasks {
        let mine: Vec<&Task> = child
            .tasks
            .iter()
            .filter(|t| t.parent_task.as_deref() == Some(p.id.as_str()))
            .collect();
        if mine.is_empty() && !task_concerns(p, &child.agency.tier) {
            continue; // a task for other units: nothing to trace
        }
        n += 1;
        rows.push(vec![
            n.to_string(),
            format!("Nhiệm vụ: {}", p.text),
            String::new(),
            deadline(&p.deadline),
            if mine.is_empty() {
                "Chưa thực hiện"
            } else {
                "Thực hiện"
            }
            .to_owned(),
            mine.iter()
                .map(|t| t.lead.clone())
                .collect::<Vec<_>>()
                .join("; "),
            mine.first()
                .map(|t| deadline(&t.deadline))
                .unwrap_or_default(),
            String::new(),
        ]);
    }
    let col = |title: &str, w: Option<f64>| Column {
        title: title.into(),
        width_mm: w,
    };
    Appendix {
        title: "Đối chiếu chỉ tiêu, nhiệm vụ với kế hoạch cấp trên".into(),
        orientation: Orientation::Landscape,
        blocks: vec![Block::Table {
            columns: vec![
                col("TT", Some(10.0)),
                col("Chỉ tiêu, nhiệm vụ của kế hoạch cấp trên", None),
                col("Cấp trên", Some(20.0)),
                col("Thời hạn cấp trên", Some(28.0)),
                col("Quyết định", Some(24.0)),
                col("Kế hoạch này", Some(34.0)),
                col("Thời hạn", Some(28.0)),
                col("Lý do", Some(36.0)),
            ],
            rows,
        }],
    }
}
