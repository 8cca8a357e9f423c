//! Post-correction of recognised words by what is certain about plans: the word
//! pairs of official plans and of our templates (`assets/ocr/bigrams.txt`, built by
//! `scripts/ocr-vocabulary.py`). A pair read with diacritics no plan writes, whose
//! letters are those of a pair plans do write («chuyến đối số» for «chuyển đổi
//! số»), takes the plans' diacritics; a pair plans write is never touched.

use super::OcrWord;
use crate::text::fold;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

struct Vocabulary {
    pairs: HashSet<(String, String)>,
    /// By the folded pair: the most frequent written pair.
    by_fold: HashMap<(String, String), ((String, String), u32)>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let mut pairs = HashSet::new();
        let mut by_fold: HashMap<(String, String), ((String, String), u32)> = HashMap::new();
        for line in include_str!("../../../assets/ocr/bigrams.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((pair, count)) = line.split_once('\t') else {
                continue;
            };
            let Some((a, b)) = pair.split_once(' ') else {
                continue;
            };
            let count: u32 = count.trim().parse().unwrap_or(1);
            let written = (a.to_owned(), b.to_owned());
            let key = (fold(a), fold(b));
            pairs.insert(written.clone());
            match by_fold.get(&key) {
                Some((_, n)) if *n >= count => {}
                _ => {
                    by_fold.insert(key, (written, count));
                }
            }
        }
        Vocabulary { pairs, by_fold }
    })
}

/// The letters of a word and what surrounds them: `(«`, `chuyến`, `),`.
fn split(w: &str) -> (&str, &str, &str) {
    let start = w.find(|c: char| c.is_alphabetic()).unwrap_or(w.len());
    let end = w
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(start, |(i, c)| i + c.len_utf8());
    if end <= start {
        return (w, "", "");
    }
    (&w[..start], &w[start..end], &w[end..])
}

/// `word` written like `like` (its case: first letter, or all capitals).
fn with_case(word: &str, like: &str) -> String {
    if like.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) && like.chars().count() > 1 {
        return crate::text::upper(word);
    }
    let mut c = word.chars();
    match (c.next(), like.chars().next()) {
        (Some(f), Some(l)) if l.is_uppercase() => f.to_uppercase().chain(c).collect(),
        _ => word.to_owned(),
    }
}

/// Corrects the words of one line in place; how many words changed.
pub fn correct_line(words: &mut [OcrWord]) -> usize {
    let v = vocabulary();
    let mut changed = 0;
    for i in 0..words.len().saturating_sub(1) {
        let (pa, a, sa) = split(&words[i].text);
        let (pb, b, sb) = split(&words[i + 1].text);
        if a.is_empty() || b.is_empty() || !sa.is_empty() || !pb.is_empty() {
            continue; // punctuation between: not a pair
        }
        let (la, lb) = (a.to_lowercase(), b.to_lowercase());
        if v.pairs.contains(&(la.clone(), lb.clone())) {
            continue;
        }
        let Some(((wa, wb), _)) = v.by_fold.get(&(fold(&la), fold(&lb))) else {
            continue;
        };
        let (na, nb) = (with_case(wa, a), with_case(wb, b));
        let (new_a, new_b) = (format!("{pa}{na}{sa}"), format!("{pb}{nb}{sb}"));
        if new_a != words[i].text {
            words[i].text = new_a;
            changed += 1;
        }
        if new_b != words[i + 1].text {
            words[i + 1].text = new_b;
            changed += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> String {
        let mut words: Vec<OcrWord> = text
            .split_whitespace()
            .map(|w| OcrWord {
                text: w.into(),
                confidence: 60.0,
            })
            .collect();
        correct_line(&mut words);
        words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn diacritics_plans_write_are_restored_and_known_pairs_kept() {
        assert_eq!(
            line("Chuyến đối số quận Hải An"),
            "Chuyển đổi số quận Hải An"
        );
        assert_eq!(line("CHUYỂN ĐỐI SỐ"), "CHUYỂN ĐỔI SỐ");
        assert_eq!(line("chuyển đổi số"), "chuyển đổi số");
        assert_eq!(line("(chuyến đối"), "(chuyển đổi");
    }
}
