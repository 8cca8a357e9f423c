//! Numbering labels (số thứ tự các phần, mục, điểm) computed from position.
//!
//! Labels are never stored as typed text: moving a section renumbers everything
//! after it. Word's list numbering cannot produce the Vietnamese letter sequence
//! (đ included; f, j, w, z never used), so labels are computed here and written as
//! text by both writers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The Vietnamese point letters, in order (23 letters, nothing after `y`).
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// How one level of the section tree is labelled (kiểu đánh số của một cấp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LevelStyle {
    /// `Phần I` (phần).
    Part,
    /// `I.` (mục, Roman capitals).
    Roman,
    /// `1.` (khoản).
    Arabic,
    /// `1.1.`: the Arabic numbers of the enclosing levels joined with dots.
    Decimal,
    /// `a)` (điểm, Vietnamese letters).
    Letter,
    /// `-` (gạch đầu dòng).
    Dash,
    /// `+`.
    Plus,
}

/// The default scheme: `I.` → `1.` → `a)` → `-` → `+`.
pub fn default_scheme() -> Vec<LevelStyle> {
    vec![
        LevelStyle::Roman,
        LevelStyle::Arabic,
        LevelStyle::Letter,
        LevelStyle::Dash,
        LevelStyle::Plus,
    ]
}

/// A numbering problem, reported with the place in the plan where it happens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberingError {
    /// More than 23 points at one level: the alphabet has no letter after `y`.
    #[error("{place}: có {count} điểm ở cùng một cấp nhưng chữ cái đánh số điểm chỉ có 23 (a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s, t, u, v, x, y); hãy tách thành khoản mới hoặc dùng gạch đầu dòng")]
    TooManyPoints { place: String, count: usize },
    /// The tree is deeper than the plan's numbering scheme.
    #[error("{place}: mục ở cấp {depth} nhưng kiểu đánh số của kế hoạch chỉ có {levels} cấp")]
    TooDeep {
        place: String,
        depth: usize,
        levels: usize,
    },
}

/// Roman numeral in capitals (1 → `I`, 4 → `IV`, 14 → `XIV`).
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The point letter for a 1-based ordinal, or `None` past `y`.
pub fn point_letter(ordinal: usize) -> Option<&'static str> {
    ordinal
        .checked_sub(1)
        .and_then(|i| POINT_LETTERS.get(i).copied())
}

/// Computes the label of one numbered item.
///
/// `ordinals` holds the 1-based position of the item and of each enclosing numbered
/// item among its numbered siblings, outermost first; `scheme[d]` styles depth `d`.
/// `place` names the item in error messages.
pub fn label(
    scheme: &[LevelStyle],
    ordinals: &[usize],
    place: &str,
) -> Result<String, NumberingError> {
    let depth = ordinals.len();
    let style = *scheme
        .get(depth - 1)
        .ok_or_else(|| NumberingError::TooDeep {
            place: place.to_owned(),
            depth,
            levels: scheme.len(),
        })?;
    let n = ordinals[depth - 1];
    Ok(match style {
        LevelStyle::Part => format!("Phần {}", roman(n)),
        LevelStyle::Roman => format!("{}.", roman(n)),
        LevelStyle::Arabic => format!("{n}."),
        LevelStyle::Decimal => {
            // `1.1.` joins the numbers of the enclosing Arabic/Decimal levels.
            let mut start = depth - 1;
            while start > 0 && matches!(scheme[start - 1], LevelStyle::Arabic | LevelStyle::Decimal)
            {
                start -= 1;
            }
            let mut s = String::new();
            for o in &ordinals[start..] {
                s.push_str(&o.to_string());
                s.push('.');
            }
            s
        }
        LevelStyle::Letter => match point_letter(n) {
            Some(l) => format!("{l})"),
            None => {
                return Err(NumberingError::TooManyPoints {
                    place: place.to_owned(),
                    count: n,
                })
            }
        },
        LevelStyle::Dash => "-".to_owned(),
        LevelStyle::Plus => "+".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romans() {
        let got: Vec<String> = (1..=14).map(roman).collect();
        assert_eq!(
            got,
            [
                "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
                "XIV"
            ]
        );
    }

    #[test]
    fn letters_follow_the_vietnamese_alphabet() {
        assert_eq!(point_letter(5), Some("đ"));
        assert_eq!(point_letter(6), Some("e"));
        assert_eq!(point_letter(7), Some("g"));
        assert_eq!(point_letter(23), Some("y"));
        assert_eq!(point_letter(24), None);
        assert_eq!(point_letter(0), None);
        for banned in ["f", "j", "w", "z"] {
            assert!(!POINT_LETTERS.contains(&banned));
        }
    }

    #[test]
    fn decimal_joins_enclosing_numbers() {
        let scheme = [LevelStyle::Roman, LevelStyle::Arabic, LevelStyle::Decimal];
        assert_eq!(label(&scheme, &[2, 3, 4], "x").unwrap(), "3.4.");
        assert_eq!(label(&scheme, &[2, 3], "x").unwrap(), "3.");
        assert_eq!(label(&scheme, &[2], "x").unwrap(), "II.");
    }
}
