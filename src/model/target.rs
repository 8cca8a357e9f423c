//! A target as one truth (chỉ tiêu: một nội dung duy nhất). What prints is the
//! target's sentence; its measure (comparator, value, unit, deadline) is read from
//! that sentence with the importer's commitment reader ([`super::measure`]), so the
//! check judges what prints. The fields are kept in step with the sentence when it
//! changes ([`Target::follow_sentence`]); when they still disagree (a file edited by
//! hand, a field changed alone) the lint reports both readings. A sentence with no
//! number prints the fields' measure the way plans write it ("đạt tối thiểu 80%").

use super::measure::{commitments, deadline_in, Commitment};
use super::{format_number, Comparator, Deadline, Period, Target, Unit};

/// The measure of a target (mức chỉ tiêu): direction, value and unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Measure {
    pub comparator: Comparator,
    pub value: f64,
    pub unit: Unit,
    /// What is counted (`doanh nghiệp`), for counts.
    pub unit_label: String,
}

impl Measure {
    /// `≥80%`, `≥5.000 doanh nghiệp`: as the tables and messages show it.
    pub fn symbolic(&self) -> String {
        format!("{}{}", self.comparator.symbol(), self.amount())
    }

    /// As plans write it in a sentence: `tối thiểu 80%`, `trên 90%`, `100%`.
    pub fn words(&self) -> String {
        let qualifier = match self.comparator {
            Comparator::Eq => "",
            Comparator::Ge => "tối thiểu ",
            Comparator::Gt => "trên ",
            Comparator::Le => "tối đa ",
            Comparator::Lt => "dưới ",
            Comparator::Approx => "khoảng ",
        };
        format!("{qualifier}{}", self.amount())
    }

    /// `80%`, `5.000 doanh nghiệp`, `1,5`.
    pub fn amount(&self) -> String {
        let n = format_number(self.value);
        match self.unit {
            Unit::Percent => format!("{n}%"),
            _ if self.unit_label.trim().is_empty() => n,
            _ => format!("{n} {}", self.unit_label.trim()),
        }
    }

    /// Whether two readings commit to the same thing. `= 100%` and `≥ 100%` of a
    /// percentage are one commitment (nothing is above 100%); a count and an
    /// "other" unit are both "not a percentage".
    pub fn agrees(&self, other: &Measure) -> bool {
        let same_value = (self.value - other.value).abs() < 1e-9;
        let percent = |m: &Measure| m.unit == Unit::Percent;
        let full = |m: &Measure| {
            percent(m)
                && (m.value - 100.0).abs() < 1e-9
                && matches!(m.comparator, Comparator::Eq | Comparator::Ge)
        };
        same_value
            && percent(self) == percent(other)
            && (self.comparator == other.comparator || (full(self) && full(other)))
    }

    fn of(c: &Commitment) -> Measure {
        Measure {
            comparator: c.comparator,
            value: c.value,
            unit: c.unit,
            unit_label: c.unit_label.clone(),
        }
    }
}

impl Target {
    /// The measure typed in the fields, when both comparator and value are there.
    pub fn field_measure(&self) -> Option<Measure> {
        Some(Measure {
            comparator: self.comparator?,
            value: self.value?,
            unit: self.unit,
            unit_label: self.unit_label.clone(),
        })
    }

    /// The commitment the sentence makes, when it states a number. A sentence with
    /// several levels (`75% ở cấp xã, 70% ở cấp huyện`) gives the one of the
    /// target's scope, else the one its fields name, else the first.
    fn sentence_commitment(&self) -> Option<Commitment> {
        let mut found = commitments(&self.text);
        if found.len() <= 1 {
            return found.pop();
        }
        let fields = self.field_measure();
        let pick = found
            .iter()
            .position(|c| !self.scope.is_empty() && c.scope == self.scope)
            .or_else(|| {
                found
                    .iter()
                    .position(|c| fields.as_ref().is_some_and(|f| Measure::of(c).agrees(f)))
            })
            .unwrap_or(0);
        Some(found.swap_remove(pick))
    }

    /// The measure the sentence states, when it states a number.
    pub fn sentence_measure(&self) -> Option<Measure> {
        self.sentence_commitment().as_ref().map(Measure::of)
    }

    /// The measure that prints: the sentence's, else the fields'.
    pub fn printed_measure(&self) -> Option<Measure> {
        self.sentence_measure().or_else(|| self.field_measure())
    }

    /// The sentence's reading and the fields' when they commit to different things.
    pub fn disagreement(&self) -> Option<(Measure, Measure)> {
        let sentence = self.sentence_measure()?;
        let fields = self.field_measure()?;
        (!sentence.agrees(&fields)).then_some((sentence, fields))
    }

    /// The fields set from the sentence (comparator, value, unit, and the deadline
    /// when the sentence states one); whether anything changed.
    pub fn follow_sentence(&mut self) -> bool {
        let before = self.clone();
        if let Some(m) = self.sentence_measure() {
            if !self.field_measure().is_some_and(|f| f.agrees(&m)) {
                self.comparator = Some(m.comparator);
                self.value = Some(m.value);
            }
            let percent = m.unit == Unit::Percent;
            if percent != (self.unit == Unit::Percent) {
                self.unit = m.unit;
            }
            if self.unit_label.trim().is_empty() && !m.unit_label.is_empty() {
                self.unit_label = m.unit_label;
            }
        }
        if let Some(d) = deadline_in(&self.text) {
            self.deadline = Some(d);
        }
        *self != before
    }

    /// The sentence with its number replaced by `value` (the officer changed the
    /// value field and accepts to rewrite the sentence); `None` when the sentence
    /// states no number.
    pub fn sentence_with_value(&self, value: f64) -> Option<String> {
        let c = self.sentence_commitment()?;
        let (start, end) = word_span(&self.text, c.word)?;
        let word = &self.text[start..end];
        // Keep what surrounds the number in its word: `(80%),` → `(85%),`.
        let digits_from = word.find(|ch: char| ch.is_ascii_digit())?;
        let digits_to = word
            .rfind(|ch: char| ch.is_ascii_digit())
            .map(|i| i + 1)
            .unwrap_or(word.len());
        Some(format!(
            "{}{}{}{}",
            &self.text[..start + digits_from],
            format_number(value),
            &word[digits_to..],
            &self.text[end..]
        ))
    }

    /// The target as it prints in the plan's list: its sentence, with the fields'
    /// measure when the sentence states no number, and the deadline when the
    /// sentence does not state one and it is not the plan's own period (a target of
    /// a 2026 plan is for 2026 unless it says otherwise).
    pub fn printed_text(&self, period: &Period) -> String {
        let text = self.text.trim();
        let stem = text.trim_end_matches(['.', ';']);
        let end = &text[stem.len()..];
        let mut out = stem.to_owned();
        let mut added = false;
        if self.sentence_measure().is_none() {
            if let Some(m) = self.field_measure() {
                let ends_with_dat = crate::text::fold(&out).ends_with(" dat");
                out.push_str(if ends_with_dat { " " } else { " đạt " });
                out.push_str(&m.words());
                added = true;
            }
        }
        if let Some(d) = &self.deadline {
            if deadline_in(text).is_none() && !within_period(d, period) {
                out.push_str(&format!(" ({})", lower_first(&d.label())));
                added = true;
            }
        }
        if added {
            out + end
        } else {
            text.to_owned()
        }
    }
}

/// Whether a deadline is the plan's period itself (its last year, or a year of it).
fn within_period(d: &Deadline, period: &Period) -> bool {
    let (_, to) = period.years();
    match d {
        Deadline::Year { year } | Deadline::EndOfYear { year } => *year == to,
        _ => false,
    }
}

/// A deadline's label inside a sentence; `Quý` keeps its capital, as plans write it.
fn lower_first(s: &str) -> String {
    if s.starts_with("Quý") {
        s.to_owned()
    } else {
        super::title::lowercase_first(s)
    }
}

/// The byte range of the `n`-th word (split at white space) of `s`.
fn word_span(s: &str, n: usize) -> Option<(usize, usize)> {
    let mut count = 0;
    let mut start = None;
    for (i, ch) in s.char_indices() {
        if ch.is_whitespace() {
            if let Some(st) = start.take() {
                if count == n {
                    return Some((st, i));
                }
                count += 1;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    start.filter(|_| count == n).map(|st| (st, s.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str, cmp: Comparator, value: f64) -> Target {
        Target {
            text: text.into(),
            comparator: Some(cmp),
            value: Some(value),
            ..Default::default()
        }
    }

    #[test]
    fn the_sentence_is_what_counts() {
        let t = target("Tỷ lệ hồ sơ trực tuyến trên 20%", Comparator::Gt, 50.0);
        let (sentence, fields) = t.disagreement().expect("they disagree");
        assert_eq!(sentence.value, 20.0);
        assert_eq!(fields.value, 50.0);
        assert_eq!(t.printed_measure().unwrap().value, 20.0);
        let mut followed = t.clone();
        assert!(followed.follow_sentence());
        assert_eq!(followed.value, Some(20.0));
        assert!(followed.disagreement().is_none());
    }

    #[test]
    fn full_percentages_agree() {
        let t = target("100% văn bản điện tử", Comparator::Ge, 100.0);
        assert!(t.disagreement().is_none());
    }

    #[test]
    fn a_sentence_without_a_number_prints_the_measure() {
        let period = Period::Year { year: 2026 };
        let mut t = target("Tỷ lệ hồ sơ xử lý trực tuyến", Comparator::Ge, 80.0);
        assert_eq!(
            t.printed_text(&period),
            "Tỷ lệ hồ sơ xử lý trực tuyến đạt tối thiểu 80%"
        );
        t.deadline = Some(Deadline::Month {
            month: 6,
            year: 2026,
        });
        assert_eq!(
            t.printed_text(&period),
            "Tỷ lệ hồ sơ xử lý trực tuyến đạt tối thiểu 80% (tháng 6 năm 2026)"
        );
        t.deadline = Some(Deadline::Year { year: 2026 });
        assert!(!t.printed_text(&period).contains("năm 2026"));
        let counted = Target {
            unit: Unit::Count,
            unit_label: "hộ kinh doanh".into(),
            ..target("Hỗ trợ chuyển đổi số", Comparator::Ge, 5000.0)
        };
        assert_eq!(
            counted.printed_text(&period),
            "Hỗ trợ chuyển đổi số đạt tối thiểu 5.000 hộ kinh doanh"
        );
    }

    #[test]
    fn the_number_in_the_sentence_is_rewritten_in_place() {
        let t = target(
            "Tối thiểu 80% hồ sơ (toàn trình), đến hết năm 2026",
            Comparator::Ge,
            80.0,
        );
        assert_eq!(
            t.sentence_with_value(85.5).unwrap(),
            "Tối thiểu 85,5% hồ sơ (toàn trình), đến hết năm 2026"
        );
        let none = target("Nâng cao nhận thức", Comparator::Ge, 80.0);
        assert!(none.sentence_with_value(1.0).is_none());
    }
}
