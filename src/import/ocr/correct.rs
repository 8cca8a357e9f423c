//! Post-correction of recognised words by what is certain about plans: the word
//! pairs of official plans and of our templates (`assets/ocr/bigrams.txt`, built by
//! `scripts/ocr-vocabulary.py`). A pair read with diacritics no plan writes, whose
//! letters are those of a pair plans do write («chuyến đối số» for «chuyển đổi
//! số»), takes the plans' diacritics; a pair plans write is never touched.

use super::OcrWord;
use crate::text::fold;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The word pairs plans write (từ vựng kế hoạch), with how often.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    counts: HashMap<(String, String), u32>,
    /// Every word of the pairs.
    words: HashSet<String>,
    /// By the folded pair: the most frequent written pair.
    by_fold: HashMap<(String, String), ((String, String), u32)>,
}

/// The word pairs of a text, as `scripts/ocr-vocabulary.py` counts them: words
/// of letters only, lower-cased, within a line, punctuation around them trimmed.
pub fn word_pairs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in crate::text::nfc(text).lines() {
        let words: Vec<String> = line
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c| ".,;:()«»\"'!?".contains(c))
                    .to_lowercase()
            })
            .collect();
        let is_word = |w: &str| !w.is_empty() && w.chars().all(char::is_alphabetic);
        for p in words.windows(2) {
            if is_word(&p[0]) && is_word(&p[1]) {
                out.push((p[0].clone(), p[1].clone()));
            }
        }
    }
    out
}

impl Vocabulary {
    /// The built-in vocabulary: `assets/ocr/bigrams.txt`.
    pub fn builtin() -> &'static Vocabulary {
        static V: OnceLock<Vocabulary> = OnceLock::new();
        V.get_or_init(|| {
            let mut counts = HashMap::new();
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
                counts.insert(
                    (a.to_owned(), b.to_owned()),
                    count.trim().parse().unwrap_or(1),
                );
            }
            Vocabulary::from_counts(counts)
        })
    }

    fn from_counts(counts: HashMap<(String, String), u32>) -> Vocabulary {
        let mut by_fold: HashMap<(String, String), ((String, String), u32)> = HashMap::new();
        let mut sorted: Vec<_> = counts.iter().collect();
        sorted.sort(); // ties go to the same pair whatever the hash order
        for ((a, b), &count) in sorted {
            let key = (fold(a), fold(b));
            match by_fold.get(&key) {
                Some((_, n)) if *n >= count => {}
                _ => {
                    by_fold.insert(key, ((a.clone(), b.clone()), count));
                }
            }
        }
        let words = counts
            .keys()
            .flat_map(|(a, b)| [a.clone(), b.clone()])
            .collect();
        Vocabulary {
            counts,
            words,
            by_fold,
        }
    }

    /// This vocabulary less the pairs of `text`: to measure the post-correction on
    /// a plan it was not built from.
    pub fn without(&self, text: &str) -> Vocabulary {
        let mut counts = self.counts.clone();
        for pair in word_pairs(text) {
            if let Some(n) = counts.get_mut(&pair) {
                *n -= 1;
                if *n == 0 {
                    counts.remove(&pair);
                }
            }
        }
        Vocabulary::from_counts(counts)
    }

    /// The pairs and their counts, sorted (the asset's lines).
    pub fn pairs(&self) -> Vec<((String, String), u32)> {
        let mut v: Vec<_> = self.counts.iter().map(|(p, n)| (p.clone(), *n)).collect();
        v.sort();
        v
    }
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

/// Specks of dust read as marks: a «|» (plans do not write one), a dash after a
/// line's closing punctuation («thông. -»). How many were dropped.
fn drop_specks(words: &mut Vec<OcrWord>) -> usize {
    let before = words.len();
    words.retain(|w| !w.text.chars().all(|c| matches!(c, '|' | '¦')));
    let closed = |w: &OcrWord| w.text.ends_with(['.', ';', ':', ',']);
    while words.len() >= 2
        && words[words.len() - 1]
            .text
            .chars()
            .all(|c| matches!(c, '-' | '–' | '—' | '_' | '\'' | '`' | '~'))
        && closed(&words[words.len() - 2])
    {
        words.pop();
    }
    before - words.len()
}

/// Letters Tesseract's Vietnamese model reads that Vietnamese does not write, and
/// the letter they stand for (a «g» read as «ø», an «Đ» as the Icelandic «Ð»).
const NOT_VIETNAMESE: [(char, char); 8] = [
    ('ø', 'g'),
    ('ñ', 'n'),
    ('ï', 'i'),
    ('ÿ', 'y'),
    ('ç', 'c'),
    ('Ð', 'Đ'),
    ('ð', 'đ'),
    ('ö', 'ô'),
];

/// What the Vietnamese letter set says of a word: letters it lacks are put
/// right; a word with a tone mark and a letter Vietnamese words do not have (f j
/// w z), or with two tone marks, cannot be Vietnamese and is marked doubtful.
/// Whether the word's text changed.
fn letter_set(w: &mut OcrWord) -> bool {
    let mut changed = false;
    if w.text
        .chars()
        .any(|c| NOT_VIETNAMESE.iter().any(|(x, _)| *x == c))
    {
        w.text = w
            .text
            .chars()
            .map(|c| {
                NOT_VIETNAMESE
                    .iter()
                    .find(|(x, _)| *x == c)
                    .map_or(c, |(_, y)| *y)
            })
            .collect();
        w.confidence = w.confidence.min(super::DOUBTFUL_BELOW - 1.0);
        changed = true;
    }
    use unicode_normalization::UnicodeNormalization;
    let tones = w
        .text
        .nfd()
        .filter(|c| matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
        .count();
    let foreign = w
        .text
        .chars()
        .any(|c| matches!(c.to_ascii_lowercase(), 'f' | 'j' | 'w' | 'z'));
    if tones > 1 || (tones == 1 && foreign) {
        w.confidence = w.confidence.min(super::DOUBTFUL_BELOW - 1.0);
    }
    changed
}

/// The tone mark of a word (sắc, huyền, hỏi, ngã, nặng) and its letters without it.
fn tone_and_letters(word: &str) -> (Option<char>, String) {
    use unicode_normalization::UnicodeNormalization;
    let mut tone = None;
    let letters: String = word
        .nfd()
        .filter(|&c| {
            let is_tone = matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
            if is_tone {
                tone = Some(c);
            }
            !is_tone
        })
        .collect();
    (tone, letters.nfc().collect())
}

/// «uỷ» and «ủy», «hoà» and «hòa»: both placements of the tone are written (the
/// old and the new style); a plan's own style is kept.
fn same_but_where_the_tone_sits(a: &str, b: &str) -> bool {
    a != b && tone_and_letters(a) == tone_and_letters(b)
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

/// A word read with this confidence or more is kept as read, unless it is one
/// plans never write or its pair is one they write this often.
pub const CHANGE_BELOW: f32 = 93.0;
const STRONG_PAIR: u32 = 20;
/// Beside such a pair, a word read with less than this is changed (Tesseract
/// reads «đối» for «đổi» with up to 94, a right «đứng» with 97).
const STRONG_CHANGE_BELOW: f32 = 96.0;

/// Corrects the words of one line in place by the built-in vocabulary; how many
/// words changed.
pub fn correct_line(words: &mut Vec<OcrWord>) -> usize {
    correct_line_with(Vocabulary::builtin(), words)
}

/// [`correct_line`] by the vocabulary given.
pub fn correct_line_with(v: &Vocabulary, words: &mut Vec<OcrWord>) -> usize {
    let mut changed = drop_specks(words);
    for w in words.iter_mut() {
        changed += usize::from(letter_set(w));
    }
    // Twice: a word put right in the first pass anchors its neighbour in the
    // second («Chuyến đối» → «Chuyển đối» → «Chuyển đổi»).
    for _ in 0..2 {
        changed += correct_pairs(v, words);
    }
    changed
}

/// One pass of the pair correction over a line; how many words changed.
fn correct_pairs(v: &Vocabulary, words: &mut [OcrWord]) -> usize {
    let mut changed = 0;
    for i in 0..words.len().saturating_sub(1) {
        let (pa, a, sa) = split(&words[i].text);
        let (pb, b, sb) = split(&words[i + 1].text);
        if a.is_empty() || b.is_empty() || !sa.is_empty() || !pb.is_empty() {
            continue; // punctuation between: not a pair
        }
        let (la, lb) = (a.to_lowercase(), b.to_lowercase());
        if v.counts.contains_key(&(la.clone(), lb.clone())) {
            continue;
        }
        let Some(((wa, wb), count)) = v.by_fold.get(&(fold(&la), fold(&lb))) else {
            continue;
        };
        // Only a word Tesseract was unsure of, one plans never write, or one
        // beside a word read as the pair plans write over and over has it
        // («chuyển đổi»: «chuyển đối» read with confidence) changes: a pair the vocabulary does not know may still be
        // right («bàn quận» read well, the plans saying «ban quản» 3 times).
        let strong = *count >= STRONG_PAIR && (la == *wa || lb == *wb);
        let changes = |w: &OcrWord, lower: &str, to: &str| {
            (w.confidence < CHANGE_BELOW
                || !v.words.contains(lower)
                || (strong && w.confidence < STRONG_CHANGE_BELOW))
                && !same_but_where_the_tone_sits(lower, to)
        };
        let (na, nb) = (
            if changes(&words[i], &la, wa) {
                with_case(wa, a)
            } else {
                a.to_owned()
            },
            if changes(&words[i + 1], &lb, wb) {
                with_case(wb, b)
            } else {
                b.to_owned()
            },
        );
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
            .map(|w| OcrWord::unplaced(w, 60.0))
            .collect();
        correct_line(&mut words);
        crate::import::ocr::OcrLine {
            words,
            paragraph_start: false,
        }
        .text()
    }

    #[test]
    fn words_no_vietnamese_could_be_are_doubtful() {
        let w = |t: &str| {
            let mut w = OcrWord::unplaced(t, 95.0);
            letter_set(&mut w);
            w.confidence < crate::import::ocr::DOUBTFUL_BELOW
        };
        assert!(w("wến"), "w with a tone mark");
        assert!(w("hoảì"), "two tone marks");
        assert!(!w("website"), "a foreign word without tone marks");
        assert!(!w("chuyển"));
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
        // Read with confidence, both wrong: the first put right anchors the second.
        let mut sure: Vec<OcrWord> = ["Chuyến", "đối", "số"]
            .map(|t| OcrWord::unplaced(t, 95.0))
            .into();
        correct_line(&mut sure);
        assert_eq!(sure[0].text, "Chuyển");
        assert_eq!(sure[1].text, "đổi");
        // Letters Vietnamese does not write.
        assert_eq!(line("Technoloøie ÐV"), "Technologie ĐV");
        // Specks.
        assert_eq!(line("Truyền thông. |"), "Truyền thông.");
        assert_eq!(line("Truyền thông. -"), "Truyền thông.");
        assert_eq!(line("Độc lập - Tự do"), "Độc lập - Tự do");
        // The old style of tone placement is the plan's own: kept.
        assert_eq!(line("Quận uỷ Hải An"), "Quận uỷ Hải An");
    }
}
