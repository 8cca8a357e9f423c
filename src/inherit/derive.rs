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
    derive_with(parent, unit, template, &Choice::default())
}

/// What the officer takes from the parent (chọn chỉ tiêu, nhiệm vụ của cấp trên):
/// by default what concerns the child's tier ([`candidates`] says which and why),
/// or the parent's items named here by id.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    /// The parent's targets adopted; the others are listed as not applicable, with
    /// the reason. `None`: those whose scope concerns the child's tier.
    #[serde(default)]
    pub targets: Option<Vec<String>>,
    /// The parent's tasks taken up. `None`: those whose lead or partners name the
    /// child's tier.
    #[serde(default)]
    pub tasks: Option<Vec<String>>,
}

impl Choice {
    /// Whether the derive takes `c` up: named in the choice, or pre-selected when
    /// the choice leaves its kind to the tier.
    pub fn takes(&self, c: &Candidate) -> bool {
        let ids = if c.kind == "task" {
            &self.tasks
        } else {
            &self.targets
        };
        ids.as_ref().map_or(c.selected, |ids| ids.contains(&c.id))
    }

    /// The pre-selection of `candidates` with the items named in `take` added,
    /// those in `leave` removed, and every task when `all_tasks` (the CLI's
    /// `--take`, `--leave`, `--take-all-tasks`). An id no candidate has is an error
    /// naming it.
    pub fn adjusted(
        candidates: &[Candidate],
        take: &[String],
        leave: &[String],
        all_tasks: bool,
    ) -> Result<Choice, String> {
        for id in take.iter().chain(leave) {
            if !candidates.iter().any(|c| &c.id == id) {
                let known: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
                return Err(format!(
                    "kế hoạch cấp trên không có chỉ tiêu hay nhiệm vụ «{id}» (có: {})",
                    known.join(", ")
                ));
            }
        }
        let chosen = |kind: &str| -> Vec<String> {
            candidates
                .iter()
                .filter(|c| c.kind == kind)
                .filter(|c| {
                    (c.selected || take.contains(&c.id) || (all_tasks && kind == "task"))
                        && !leave.contains(&c.id)
                })
                .map(|c| c.id.clone())
                .collect()
        };
        Ok(Choice {
            targets: Some(chosen("target")),
            tasks: Some(chosen("task")),
        })
    }
}

/// A parent's target or task offered when deriving: pre-selected when it concerns
/// the child's tier, and why (the words matched, or what it names instead).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Candidate {
    /// `target` or `task`.
    pub kind: &'static str,
    /// The parent's id (`ct3`, `nv12`).
    pub id: String,
    pub group: String,
    pub text: String,
    pub selected: bool,
    pub reason: String,
}

/// Every target and task of `parent`, those that concern `tier` pre-selected, each
/// with the reason, for the officer to choose from.
pub fn candidates(parent: &Plan, tier: &str) -> Vec<Candidate> {
    let mut parent = parent.clone();
    parent.assign_ids();
    let targets = parent.targets.iter().map(|t| {
        let selected = target_concerns(t, tier);
        let reason = if crate::model::tier::named_tiers(&t.scope).is_empty() {
            "không giới hạn cấp".to_owned()
        } else if selected {
            format!("«{}» gồm cấp {tier}", t.scope.trim())
        } else {
            format!("dành cho {}", t.scope.trim())
        };
        Candidate {
            kind: "target",
            id: t.id.clone(),
            group: t.group.clone(),
            text: t.text.clone(),
            selected,
            reason,
        }
    });
    let tasks = parent.tasks.iter().map(|t| {
        let named = std::iter::once(&t.lead)
            .chain(t.partners.iter())
            .find(|u| crate::model::tier::concerns(u, tier));
        let reason = match named {
            Some(u) => format!("«{}» gồm cấp {tier}", u.trim()),
            None if t.lead.trim().is_empty() => format!("không nêu cấp {tier}"),
            None => format!("không nêu cấp {tier}; chủ trì: {}", t.lead.trim()),
        };
        Candidate {
            kind: "task",
            id: t.id.clone(),
            group: t.group.clone(),
            text: t.text.clone(),
            selected: named.is_some(),
            reason,
        }
    });
    targets.chain(tasks).collect()
}

/// [`derive`] with what the officer chose to take from the parent.
pub fn derive_with(
    parent: &Plan,
    unit: &crate::template::Fill<'_>,
    template: &crate::template::Template,
    choice: &Choice,
) -> Plan {
    let agency = unit.agency.clone();
    let place = unit.place.as_str();
    let tier = agency.tier.clone();
    // The unit's own period when it was asked (a yearly plan under a five-year
    // one); the parent's otherwise.
    let period = unit.period.clone().unwrap_or_else(|| parent.period.clone());
    let mut child = template.instantiate(&crate::template::Fill {
        year: period.years().0,
        period: Some(period.clone()),
        parent: Some(parent),
        ..unit.clone()
    });
    child.title = child_title(parent, &agency, place, &period);
    child.intro = format!(
        "{} ban hành Kế hoạch {}, cụ thể như sau:",
        agency.name,
        crate::model::title::lowercase_first(&child.title)
    );
    let mut parent = parent.clone();
    parent.assign_ids();
    child.targets = parent
        .targets
        .iter()
        .map(|t| match &choice.targets {
            None => taken_up(t, &tier),
            Some(ids) if ids.contains(&t.id) => taken_up_as(t, None),
            Some(_) => taken_up_as(t, Some("Đơn vị không nhận chỉ tiêu này".into())),
        })
        .collect();
    child.tasks = parent
        .tasks
        .iter()
        .filter(|t| match &choice.tasks {
            None => task_concerns(t, &tier),
            Some(ids) => ids.contains(&t.id),
        })
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

/// A parent's target as the child takes it up: linked, and adopted when it concerns
/// the child's tier, else offered as not applicable with the reason.
pub(super) fn taken_up(t: &Target, tier: &str) -> Target {
    let adopted = target_concerns(t, tier);
    taken_up_as(
        t,
        (!adopted).then(|| format!("Chỉ tiêu dành cho {}", t.scope)),
    )
}

/// A parent's target as the child takes it up: linked; adopted, or not applicable
/// for the reason given.
fn taken_up_as(t: &Target, not_applicable: Option<String>) -> Target {
    Target {
        id: String::new(),
        parent_target: Some(t.id.clone()),
        decision: Some(if not_applicable.is_some() {
            Decision::NotApplicable
        } else {
            Decision::Adopted
        }),
        reason: not_applicable.unwrap_or_default(),
        ..t.clone()
    }
}

/// The child's title names its own unit and period: `Chuyển đổi số thành phố Hải
/// Phòng năm 2024` → `Chuyển đổi số quận Hải An năm 2024`. The parent's subject is
/// kept; its unit (`thành phố Hải Phòng`, `trên địa bàn thành phố`) and its period
/// (`năm 2024`, `giai đoạn 2022 - 2025`, `đến năm 2030`) are taken out.
fn child_title(
    parent: &Plan,
    agency: &crate::model::Agency,
    place: &str,
    period: &crate::model::Period,
) -> String {
    let child_unit = format!("{} {place}", agency.tier).trim().to_owned();
    let subject = subject_of(&parent.title, &parent.agency);
    let subject = if subject.is_empty() {
        "Kế hoạch".to_owned()
    } else {
        subject
    };
    format!("{subject} {child_unit} {}", period.label())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a title is about, without its unit and period.
fn subject_of(title: &str, agency: &crate::model::Agency) -> String {
    let mut words: Vec<String> = title.split_whitespace().map(str::to_owned).collect();
    let folded = |w: &[String]| -> Vec<String> { w.iter().map(|x| fold_word(x)).collect() };
    let unit: Vec<String> = agency.unit().split_whitespace().map(fold_word).collect();
    // The unit, with `trên địa bàn` before it.
    if !unit.is_empty() {
        let f = folded(&words);
        if let Some(i) = (0..f.len()).find(|&i| f[i..].starts_with(&unit)) {
            let mut from = i;
            if i >= 3 && f[i - 3..i] == ["tren", "dia", "ban"] {
                from = i - 3;
            }
            words.drain(from..i + unit.len());
        }
    }
    // `trên địa bàn` + a tier word alone (`trên địa bàn thành phố`).
    let f = folded(&words);
    if let Some(i) =
        (0..f.len()).find(|&i| f[i..].starts_with(&["tren".into(), "dia".into(), "ban".into()]))
    {
        let mut end = i + 3;
        while end < f.len()
            && crate::model::tier::TIER_WORDS
                .iter()
                .any(|t| t.split(' ').any(|p| p == f[end]))
        {
            end += 1;
        }
        words.drain(i..end);
    }
    // The period, as every title states it (model::title).
    crate::model::title::subject(&words.join(" "))
}

fn fold_word(w: &str) -> String {
    crate::text::fold(w.trim_matches(|c: char| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agency, Period};

    fn title(parent_title: &str, parent_agency: &str) -> String {
        let parent = Plan {
            title: parent_title.into(),
            agency: Agency {
                name: parent_agency.into(),
                ..Default::default()
            },
            ..Plan::empty(Agency::default(), "", 2026)
        };
        let agency = Agency {
            name: "Ủy ban nhân dân xã An Hưng".into(),
            tier: "xã".into(),
            ..Default::default()
        };
        child_title(&parent, &agency, "An Hưng", &Period::Year { year: 2026 })
    }

    #[test]
    fn the_child_title_names_the_child_and_its_period() {
        let city = "Ủy ban nhân dân thành phố Hải Phòng";
        assert_eq!(
            title("Chuyển đổi số thành phố Hải Phòng năm 2025", city),
            "Chuyển đổi số xã An Hưng năm 2026"
        );
        assert_eq!(
            title("Chuyển đổi số trên địa bàn thành phố năm 2026", city),
            "Chuyển đổi số xã An Hưng năm 2026"
        );
        assert_eq!(
            title(
                "Thực hiện Chương trình phối hợp về chuyển đổi số giai đoạn 2022 - 2025",
                city
            ),
            "Thực hiện Chương trình phối hợp về chuyển đổi số xã An Hưng năm 2026"
        );
        assert_eq!(
            title("Ứng dụng công nghệ thông tin 6 tháng cuối năm 2025", city),
            "Ứng dụng công nghệ thông tin xã An Hưng năm 2026"
        );
    }
}
