//! Spelling (chính tả) of what prints: each word that is not a Vietnamese
//! syllable (`crate::spell`), with the syllables one letter away; and the tone
//! marks of `oa`, `oe`, `uy` placed one way in the whole document (hoà and hòa
//! mixed is a finding at the first word of the less used style).

use super::Findings;
use crate::model::Plan;
use crate::spell::{self, ToneStyle};

/// Beyond this many, the words are one more finding (a pasted foreign text must
/// not bury the other findings).
const MOST: usize = 30;

pub(super) fn check(plan: &Plan, f: &mut Findings) {
    let texts = super::printed_strings(plan);
    let mut found = 0usize;
    let mut styles: [Vec<(String, String)>; 2] = [Vec::new(), Vec::new()];
    for (path, text) in &texts {
        for m in spell::misspellings(text) {
            found += 1;
            if found > MOST {
                continue;
            }
            let hint = match m.suggestions.as_slice() {
                [] => String::new(),
                s => format!(" (có phải: {}?)", s.join(", ")),
            };
            f.warning(
                "spelling",
                path.clone(),
                format!("«{}» không phải một âm tiết tiếng Việt{hint}", m.word),
            );
        }
        for (i, style) in [ToneStyle::Old, ToneStyle::New].into_iter().enumerate() {
            for (_, w) in spell::tone_styled(text, style) {
                styles[i].push((path.clone(), w));
            }
        }
    }
    if found > MOST {
        f.warning(
            "spelling",
            "",
            format!("còn {} từ khác không phải âm tiết tiếng Việt", found - MOST),
        );
    }
    let [old, new] = &styles;
    if !old.is_empty() && !new.is_empty() {
        let (fewer, more) = if old.len() <= new.len() {
            (old, new)
        } else {
            (new, old)
        };
        let (path, word) = &fewer[0];
        f.warning(
            "tone_style",
            path.clone(),
            format!(
                "cách đặt dấu thanh không thống nhất: «{word}» ({} chỗ) và «{}» ({} chỗ) trong cùng văn bản; nên dùng một kiểu (hòa, thủy hoặc hoà, thuỷ)",
                fewer.len(),
                more[0].1,
                more.len()
            ),
        );
    }
}
