//! Tiers (cấp hành chính) as plans name them: the vocabulary every stage uses
//! (the importer reads scopes and agency names with it, templates and settings
//! check a unit's tier, inheritance decides what concerns a unit).
//!
//! Tiers are never hard-coded as a hierarchy: a tier is a word plans use (xã,
//! phường, thị trấn, đặc khu, huyện, quận, thị xã, tỉnh, thành phố), and the words
//! plans name together in one breath (`các xã, phường, thị trấn`) are one level, so
//! they match each other. `các địa phương` names every local level.

use crate::model::{Target, Task};
use crate::text::fold;

/// Tier words (cấp) by level, folded; words of one level match each other.
const LEVELS: [&[&str]; 3] = [
    TIER_WORDS.split_at(4).0,
    TIER_WORDS.split_at(4).1.split_at(3).0,
    TIER_WORDS.split_at(7).1,
];

/// Every tier word, folded: the one list the importer reads scopes and agency
/// names with.
pub const TIER_WORDS: [&str; 9] = [
    "xa",
    "phuong",
    "thi tran",
    "dac khu",
    "huyen",
    "quan",
    "thi xa",
    "tinh",
    "thanh pho",
];

/// The tier words as written, in the order of [`TIER_WORDS`] (for messages).
pub const TIER_NAMES: [&str; 9] = [
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
    "huyện",
    "quận",
    "thị xã",
    "tỉnh",
    "thành phố",
];

/// The message for a word that is no tier, naming the tiers.
pub fn not_a_tier(tier: &str) -> String {
    format!(
        "«{tier}» không phải cấp hành chính ({})",
        TIER_NAMES.join(", ")
    )
}

/// The level of a tier word (`xã` → 0), folded input.
fn level_of(word: &str) -> Option<usize> {
    LEVELS.iter().position(|l| l.contains(&word))
}

/// The level of a tier word as typed (`Phường` → Some(0)); None for a word that is
/// no tier.
pub fn level(tier: &str) -> Option<usize> {
    level_of(&fold(tier))
}

/// `Tân An` from `Ủy ban nhân dân xã Tân An` and `xã`.
pub fn place_of(agency: &str, tier: &str) -> String {
    let f = fold(agency);
    let key = format!(" {} ", fold(tier));
    match f.find(&key) {
        Some(i) => {
            let n = f[..i + key.len()].chars().count();
            agency.chars().skip(n).collect::<String>().trim().to_owned()
        }
        None => String::new(),
    }
}

/// The tier words a unit phrase names as a group: `Ủy ban nhân dân các xã, phường,
/// thị trấn` → [xa, phuong, thi tran]; `UBND các quận, huyện` → [quan, huyen].
pub fn named_tiers(unit: &str) -> Vec<String> {
    let f = fold(unit);
    let mut out = Vec::new();
    // `các <tier>, <tier> …` after `các`, or `cấp <tier>`.
    for (i, _) in f.match_indices("cac ").chain(f.match_indices("cap ")) {
        let mut rest = &f[i + 4..];
        loop {
            rest = rest.trim_start_matches([' ', ',']);
            let found = LEVELS
                .iter()
                .flat_map(|l| l.iter())
                .filter(|t| {
                    rest.starts_with(*t)
                        && rest[t.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                })
                .max_by_key(|t| t.len());
            match found {
                Some(t) => {
                    out.push((*t).to_owned());
                    rest = &rest[t.len()..];
                    if let Some(r) = rest.strip_prefix(" va ") {
                        rest = r;
                    }
                }
                None => break,
            }
        }
    }
    out
}

/// Whether a unit phrase concerns the child's tier: it names the tier or a tier of
/// its level, or names every locality (`các địa phương`).
pub fn concerns(unit: &str, tier: &str) -> bool {
    let t = fold(tier);
    let Some(level) = level_of(&t) else {
        return false;
    };
    let f = fold(unit);
    if f.contains("cac dia phuong") {
        return true;
    }
    named_tiers(unit)
        .iter()
        .any(|n| *n == t || level_of(n) == Some(level))
}

/// A target's scope concerns the tier when it names no tier or names this one.
pub fn target_concerns(t: &Target, tier: &str) -> bool {
    let named = named_tiers(&t.scope);
    named.is_empty() || concerns(&t.scope, tier)
}

/// A task concerns the tier when its unit in charge or a partner names it.
pub fn task_concerns(t: &Task, tier: &str) -> bool {
    concerns(&t.lead, tier) || t.partners.iter().any(|p| concerns(p, tier))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_names_fold_to_the_tier_words() {
        let folded: Vec<String> = TIER_NAMES.iter().map(|n| fold(n)).collect();
        assert_eq!(folded, TIER_WORDS);
    }

    #[test]
    fn tiers_named_together_match_each_other() {
        assert!(concerns("Ủy ban nhân dân các xã, phường, thị trấn", "xã"));
        assert!(concerns(
            "Ủy ban nhân dân các xã, phường, thị trấn",
            "đặc khu"
        ));
        assert!(concerns("UBND các quận, huyện", "huyện"));
        assert!(concerns("Ủy ban nhân dân các quận, huyện", "thị xã"));
        assert!(!concerns("Ủy ban nhân dân các quận, huyện", "xã"));
        assert!(!concerns(
            "Ủy ban nhân dân các xã, phường, thị trấn",
            "quận"
        ));
        assert!(concerns("các địa phương", "phường"));
        assert!(!concerns("Sở Thông tin và Truyền thông", "xã"));
        assert!(concerns("cấp xã", "phường"));
        assert_eq!(
            named_tiers("Ủy ban nhân dân các xã, phường, thị trấn; doanh nghiệp"),
            ["xa", "phuong", "thi tran"]
        );
    }
}
