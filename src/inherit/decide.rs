//! The inheritance decision of each target (quyết định kế thừa), computed from the
//! child's target and the parent's as they print, never typed: adopted, tightened,
//! weakened, not applicable (the one choice the officer makes, with a reason) or
//! added. The summary, the traceability appendix and the findings all read it here.

use super::check::{loosened, weaker, CheckOptions};
use crate::model::{Comparator, Deadline, Decision, Target};

/// What the child's target does with the parent's (`None`: the unit's own target).
pub fn decide(child: &Target, parent: Option<&Target>, opts: &CheckOptions) -> Decision {
    if child.decision == Some(Decision::NotApplicable) {
        return Decision::NotApplicable;
    }
    let Some(parent) = parent else {
        return Decision::New;
    };
    let last = |d: &Option<Deadline>| d.as_ref().and_then(Deadline::last_day);
    let deadline = match (last(&parent.deadline), last(&child.deadline)) {
        (Some(p), Some(c)) => c.cmp(&p),
        _ => std::cmp::Ordering::Equal,
    };
    let mut stronger = deadline == std::cmp::Ordering::Less;
    if deadline == std::cmp::Ordering::Greater {
        return Decision::Weakened;
    }
    if let Some(p) = parent.printed_measure() {
        let Some(c) = child.printed_measure() else {
            return Decision::Weakened;
        };
        if weaker(p.comparator, p.value, c.value, opts.approx_tolerance)
            || (loosened(p.comparator, c.comparator) && !c.agrees(&p))
            || (c.unit == crate::model::Unit::Percent) != (p.unit == crate::model::Unit::Percent)
        {
            return Decision::Weakened;
        }
        let higher = match p.comparator {
            Comparator::Ge | Comparator::Gt => c.value > p.value,
            Comparator::Le | Comparator::Lt => c.value < p.value,
            Comparator::Eq | Comparator::Approx => false,
        };
        let stricter = matches!(
            (p.comparator, c.comparator),
            (Comparator::Ge, Comparator::Gt) | (Comparator::Le, Comparator::Lt)
        );
        stronger |= higher || stricter;
    }
    if stronger {
        Decision::Tightened
    } else {
        Decision::Adopted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Target {
        let mut t = Target {
            text: text.into(),
            ..Default::default()
        };
        t.follow_sentence();
        t
    }

    #[test]
    fn decisions_follow_the_printed_sentences() {
        let o = CheckOptions::default();
        let parent = t("Tối thiểu 80% hồ sơ trực tuyến");
        assert_eq!(
            decide(&t("Tối thiểu 80% hồ sơ"), Some(&parent), &o),
            Decision::Adopted
        );
        assert_eq!(
            decide(&t("Tối thiểu 85% hồ sơ"), Some(&parent), &o),
            Decision::Tightened
        );
        assert_eq!(
            decide(&t("Trên 80% hồ sơ"), Some(&parent), &o),
            Decision::Tightened
        );
        assert_eq!(
            decide(&t("Tối thiểu 70% hồ sơ"), Some(&parent), &o),
            Decision::Weakened
        );
        assert_eq!(
            decide(&t("Khoảng 80% hồ sơ"), Some(&parent), &o),
            Decision::Weakened
        );
        assert_eq!(decide(&t("Tối thiểu 70% hồ sơ"), None, &o), Decision::New);
        let mut na = t("Tối thiểu 70% hồ sơ");
        na.decision = Some(Decision::NotApplicable);
        assert_eq!(decide(&na, Some(&parent), &o), Decision::NotApplicable);
        let cap = t("Tỷ lệ hộ nghèo không quá 5%");
        assert_eq!(
            decide(&t("hộ nghèo không quá 3%"), Some(&cap), &o),
            Decision::Tightened
        );
        assert_eq!(
            decide(&t("hộ nghèo không quá 6%"), Some(&cap), &o),
            Decision::Weakened
        );
    }
}
