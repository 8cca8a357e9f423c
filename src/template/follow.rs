//! Placeholders that follow the profile (ô điền theo hồ sơ đơn vị): a plan made
//! before the agency profile (or its parent) was known keeps `{agency.name}` where
//! the name goes; once the profile is filled, the placeholder takes its value, so
//! «Ủy ban nhân dân …» never has to be found and retyped by hand. Text the officer
//! edited no longer holds the placeholder, so their words are never replaced.

use super::{Fill, Values, MISSING, PLACEHOLDERS};
use crate::model::Plan;
use serde_json::Value;

/// Fills the placeholders left in `plan` that `fill` now has a value for, and, in a
/// plan made before there was a profile (no agency name), the agency, place and
/// signer fields left empty; whether anything changed. A field the officer emptied
/// in a plan that has its agency is theirs, and stays empty.
pub fn follow_profile(plan: &mut Plan, fill: &Fill<'_>) -> bool {
    let mut changed = fill_placeholders(plan, fill);
    if !plan.agency.name.trim().is_empty() {
        return changed;
    }
    let mut set_empty = |field: &mut String, value: &str| {
        if field.trim().is_empty() && !value.trim().is_empty() {
            *field = value.trim().to_owned();
            changed = true;
        }
    };
    set_empty(&mut plan.agency.name, &fill.agency.name);
    set_empty(&mut plan.agency.supervising, &fill.agency.supervising);
    set_empty(&mut plan.agency.tier, &fill.agency.tier);
    set_empty(&mut plan.place, &fill.place);
    set_empty(&mut plan.signature.position, &fill.signer_position);
    set_empty(&mut plan.signature.signer, &fill.signer_name);
    changed |= super::give_authority(&mut plan.signature, fill);
    changed
}

/// Fills the placeholders left in `plan` that `fill` now has a value for.
pub fn fill_placeholders(plan: &mut Plan, fill: &Fill<'_>) -> bool {
    let values = Values::new(fill, &plan.period);
    let replace = |s: &str| -> Option<String> {
        let mut out = s.to_owned();
        for (name, _) in PLACEHOLDERS {
            let token = format!("{{{name}}}");
            if out.contains(&token) {
                if let Some(v) = values.get(name) {
                    out = out.replace(&token, v);
                }
            }
        }
        (out != s).then_some(out)
    };
    map_strings(plan, replace)
}

/// The plan as it prints: `{parent.citation}` as the plan's parent field cites it
/// now, and a placeholder still without a value as the blank `…` (the lint has
/// named it as an error).
pub fn blank_unfilled(plan: &Plan) -> Plan {
    let mut printed = plan.clone();
    // The live placeholders print from the plan's fields as they are now.
    let citation = plan.parent.as_ref().map(|p| p.citation());
    map_strings(&mut printed, |s| {
        let mut out = s.to_owned();
        if let Some(c) = &citation {
            out = out.replace("{parent.citation}", c);
        }
        for (name, _) in PLACEHOLDERS {
            out = out.replace(&format!("{{{name}}}"), MISSING);
        }
        (out != s).then_some(out)
    });
    printed
}

/// Applies `f` to every string of the plan (through its JSON form, so no field is
/// forgotten); whether any changed.
fn map_strings(plan: &mut Plan, f: impl Fn(&str) -> Option<String>) -> bool {
    fn walk(v: &mut Value, f: &dyn Fn(&str) -> Option<String>) -> bool {
        match v {
            Value::String(s) => match f(s) {
                Some(new) => {
                    *s = new;
                    true
                }
                None => false,
            },
            Value::Array(items) => items.iter_mut().fold(false, |c, i| walk(i, f) | c),
            Value::Object(map) => map.values_mut().fold(false, |c, i| walk(i, f) | c),
            _ => false,
        }
    }
    // Cheap test first: most plans hold no placeholder at all.
    let Ok(mut value) = serde_json::to_value(&*plan) else {
        return false;
    };
    if !walk(&mut value, &f) {
        return false;
    }
    match serde_json::from_value(value) {
        Ok(p) => {
            *plan = p;
            true
        }
        Err(_) => false,
    }
}
