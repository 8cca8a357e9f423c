//! Deriving a child plan from its parent (lập kế hoạch từ kế hoạch cấp trên): the
//! targets and tasks that concern the child's tier, in the skeleton of a template.

use crate::model::tier::{target_concerns, task_concerns};
use crate::model::{Decision, Plan, Target, Task};

/// The child's draft: the skeleton with the parent's targets for this tier
/// (adopted, linked), those for another tier only (offered as not applicable), the
/// parent's tasks that name this tier (the child in charge), the legal basis
/// sentence and the recipients. `unit`: the child's agency, place and signer; its
/// period and parent come from `parent`.
pub fn derive(
    parent: &Plan,
    unit: &crate::template::Fill<'_>,
    template: &crate::template::Template,
) -> Plan {
    let agency = unit.agency.clone();
    let place = unit.place.as_str();
    let tier = agency.tier.clone();
    let mut child = template.instantiate(&crate::template::Fill {
        year: parent.period.years().0,
        period: Some(parent.period.clone()),
        parent: Some(parent),
        ..unit.clone()
    });
    child.title = child_title(parent, &agency, place);
    child.intro = format!(
        "{} ban hành Kế hoạch {}, cụ thể như sau:",
        agency.name,
        lower_first(&child.title)
    );
    let mut parent = parent.clone();
    parent.assign_ids();
    child.targets = parent
        .targets
        .iter()
        .map(|t| {
            let adopted = target_concerns(t, &tier);
            Target {
                id: String::new(),
                parent_target: Some(t.id.clone()),
                decision: Some(if adopted {
                    Decision::Adopted
                } else {
                    Decision::NotApplicable
                }),
                reason: if adopted {
                    String::new()
                } else {
                    format!("Chỉ tiêu dành cho {}", t.scope)
                },
                ..t.clone()
            }
        })
        .collect();
    child.tasks = parent
        .tasks
        .iter()
        .filter(|t| task_concerns(t, &tier))
        .map(|t| Task {
            id: String::new(),
            group: t.group.clone(),
            text: t.text.clone(),
            lead: agency.name.clone(),
            partners: vec![],
            deadline: t.deadline.clone(),
            budget: String::new(),
            // The product the parent expects is what the unit delivers too.
            product: t.product.clone(),
            details: vec![],
            parent_task: Some(t.id.clone()),
        })
        .collect();
    // The parent agency first, then the template's own, `Lưu: VT` last.
    let (archive, others): (Vec<String>, Vec<String>) = child
        .recipients
        .iter()
        .cloned()
        .partition(|r| crate::model::is_archive_recipient(r));
    let mut recipients = vec![parent.agency.name.clone()];
    for r in others {
        if !recipients.contains(&r) {
            recipients.push(r);
        }
    }
    recipients.push(
        archive
            .into_iter()
            .next()
            .unwrap_or_else(|| "Lưu: VT".into()),
    );
    child.recipients = recipients;
    child.assign_ids();
    crate::model::placement::place_items(&mut child);
    child
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `Chuyển đổi số thành phố Hải Phòng năm 2024` → `Chuyển đổi số quận Hải An năm
/// 2024`: the parent's unit in its title replaced by the child's; otherwise the
/// child's unit added (`… trên địa bàn xã Tân An`).
fn child_title(parent: &Plan, agency: &crate::model::Agency, place: &str) -> String {
    let parent_unit = parent.agency.unit();
    let child_unit = format!("{} {place}", agency.tier).trim().to_owned();
    if !parent_unit.is_empty() && parent.title.contains(&parent_unit) {
        parent.title.replacen(&parent_unit, &child_unit, 1)
    } else if child_unit.is_empty() {
        parent.title.clone()
    } else {
        format!("{} trên địa bàn {child_unit}", parent.title)
    }
}
