//! Undo and redo across the whole plan (hoàn tác, làm lại), through the engine:
//! every step is a state of the plan the store holds (each undo or redo is saved as
//! a revision, so nothing is ever only on screen). The history lives for the
//! session, per plan; it is not a revision list, which survives restarts.

use super::Session;
use crate::model::Plan;
use crate::Result;
use std::collections::HashMap;

/// How many steps back a plan keeps.
const DEPTH: usize = 200;

/// The states before (to undo to) and after (to redo to) the current one.
#[derive(Debug, Default)]
pub(super) struct History {
    plans: HashMap<i64, Steps>,
}

#[derive(Debug, Default)]
struct Steps {
    past: Vec<Plan>,
    future: Vec<Plan>,
}

impl History {
    /// Plan `id` was `before` until a new edit was saved: that is a step back, and
    /// what could be redone is gone.
    pub(super) fn edited(&mut self, id: i64, before: Plan) {
        let steps = self.plans.entry(id).or_default();
        steps.past.push(before);
        if steps.past.len() > DEPTH {
            steps.past.remove(0);
        }
        steps.future.clear();
    }

    pub(super) fn forget(&mut self, id: i64) {
        self.plans.remove(&id);
    }

    fn steps(&mut self, id: i64) -> &mut Steps {
        self.plans.entry(id).or_default()
    }
}

/// The plan after an undo or redo, with what can be done next.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Step {
    /// The plan as it now is (and is stored); `None` when there was nothing to do.
    pub plan: Option<Plan>,
    pub can_undo: bool,
    pub can_redo: bool,
}

impl Session {
    /// Back to the state before the last edit of plan `id`.
    pub fn undo(&mut self, id: i64) -> Result<Step> {
        self.step(id, true)
    }

    /// Forward again to the state an undo left.
    pub fn redo(&mut self, id: i64) -> Result<Step> {
        self.step(id, false)
    }

    /// What can be undone and redone on plan `id` now.
    pub fn can_step(&mut self, id: i64) -> Step {
        let s = self.history.steps(id);
        Step {
            plan: None,
            can_undo: !s.past.is_empty(),
            can_redo: !s.future.is_empty(),
        }
    }

    fn step(&mut self, id: i64, back: bool) -> Result<Step> {
        let current = self.store.get(id)?;
        let steps = self.history.steps(id);
        let (from, to) = if back {
            (&mut steps.past, &mut steps.future)
        } else {
            (&mut steps.future, &mut steps.past)
        };
        let Some(target) = from.pop() else {
            return Ok(self.can_step(id));
        };
        to.push(current);
        if let Err(e) = self.store.save(id, &target) {
            // Nothing moved: put the step back where it was.
            let steps = self.history.steps(id);
            let (from, to) = if back {
                (&mut steps.past, &mut steps.future)
            } else {
                (&mut steps.future, &mut steps.past)
            };
            to.pop();
            from.push(target);
            return Err(e);
        }
        let plan = self.store.get(id)?;
        let mut step = self.can_step(id);
        step.plan = Some(plan);
        Ok(step)
    }
}
