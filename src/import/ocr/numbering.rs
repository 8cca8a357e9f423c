//! Numerals Tesseract misreads, put right by what a plan's shape says: its
//! headings count I, II, III … and 1, 2, 3 … in order, a quarter is I to IV. The
//! model reads «II» as «H», «III» as «II» or «HI», «5.» as «S.»; a misread heading
//! numeral hides the section from the importer (the tasks of «H. NHIỆM VỤ» taken
//! for targets), a misread quarter loses a deadline. A numeral put right is
//! marked doubtful, to be checked against the paper.

use super::{OcrLine, OcrWord, DOUBTFUL_BELOW};

const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/// Letters the model reads for the strokes of I and V.
fn roman_like(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "IVXHTl1|".contains(c))
}

/// The value of a well-written Roman numeral up to X.
fn roman_value(s: &str) -> Option<u32> {
    ROMAN.iter().position(|r| *r == s).map(|i| i as u32 + 1)
}

/// A numeral misread as letters: «S» for 5, «O» for 0 ….
fn digit_like(s: &str) -> Option<u32> {
    let digits: String = s
        .chars()
        .map(|c| match c {
            'S' | 's' => '5',
            'O' | 'o' => '0',
            'l' | 'I' | '|' => '1',
            'B' => '8',
            'Z' => '2',
            'G' => '6',
            c => c,
        })
        .collect();
    digits.parse().ok()
}

fn mark(w: &mut OcrWord, text: String) {
    w.text = text;
    w.confidence = w.confidence.min(DOUBTFUL_BELOW - 1.0);
}

/// Whether the words after the first are a heading's capitals.
fn capitals(words: &[OcrWord]) -> bool {
    let letters: Vec<char> = words
        .iter()
        .flat_map(|w| w.text.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// Puts the numerals of the document's lines right; how many words changed.
pub fn mend(lines: &mut [(u32, OcrLine)]) -> usize {
    let mut changed = 0;
    // The last section heading's numeral (I …) and the last item's under it (1 …).
    let (mut section, mut item) = (0u32, 0u32);
    for (_, line) in lines.iter_mut() {
        let words = &mut line.words;
        if let Some((first, rest)) = words.split_first_mut() {
            if let Some(token) = first.text.strip_suffix('.') {
                if !rest.is_empty() && roman_like(token) && capitals(rest) {
                    let next = section + 1;
                    match roman_value(token) {
                        Some(v) if v == next || section == 0 => section = v,
                        _ if (next as usize) <= ROMAN.len() => {
                            mark(first, format!("{}.", ROMAN[next as usize - 1]));
                            changed += 1;
                            section = next;
                        }
                        _ => {}
                    }
                    item = 0;
                } else if let Ok(v) = token.parse::<u32>() {
                    item = v;
                } else if !rest.is_empty() && digit_like(token) == Some(item + 1) && item > 0 {
                    mark(first, format!("{}.", item + 1));
                    changed += 1;
                    item += 1;
                }
            }
        }
        // «Quý IH năm 2022»: a quarter is I to IV.
        for i in 1..words.len() {
            if !words[i - 1].text.eq_ignore_ascii_case("quý") {
                continue;
            }
            let (core, tail) = split_tail(&words[i].text);
            if roman_value(core).is_some_and(|v| v <= 4) || !roman_like(core) {
                continue;
            }
            let mended = core.replace('H', "II").replace(['T', 'l', '1', '|'], "I");
            if roman_value(&mended).is_some_and(|v| v <= 4) {
                let text = format!("{mended}{tail}");
                mark(&mut words[i], text);
                changed += 1;
            }
        }
    }
    changed
}

/// A word and the punctuation after it: `IH,` → (`IH`, `,`).
fn split_tail(w: &str) -> (&str, &str) {
    let end = w.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    w.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(u32, OcrLine)> {
        text.lines()
            .map(|l| {
                let words = l
                    .split_whitespace()
                    .map(|w| OcrWord {
                        text: w.into(),
                        confidence: 95.0,
                        bbox: [0; 4],
                    })
                    .collect();
                (
                    1,
                    OcrLine {
                        words,
                        paragraph_start: true,
                    },
                )
            })
            .collect()
    }

    fn text(lines: &[(u32, OcrLine)]) -> String {
        lines
            .iter()
            .map(|(_, l)| {
                l.words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn headings_count_in_order_and_quarters_are_one_to_four() {
        let mut read = lines(
            "I. MỤC TIÊU\n1. Một\nH. NHIỆM VỤ\n1. Một\n4. Bốn\nS. Phòng Nội vụ\nII. KINH PHÍ\nIV. TỔ CHỨC\n- Thời gian: Quý IH năm 2022.\nHạ tầng số là Quý IV, quý TV,",
        );
        assert_eq!(mend(&mut read), 5);
        assert_eq!(
            text(&read),
            "I. MỤC TIÊU\n1. Một\nII. NHIỆM VỤ\n1. Một\n4. Bốn\n5. Phòng Nội vụ\nIII. KINH PHÍ\nIV. TỔ CHỨC\n- Thời gian: Quý III năm 2022.\nHạ tầng số là Quý IV, quý IV,"
        );
        // What was put right is marked to check.
        assert!(read[2].1.words[0].confidence < DOUBTFUL_BELOW);
        assert_eq!(read[0].1.words[0].confidence, 95.0);
    }
}
