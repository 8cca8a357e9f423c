//! Numerals Tesseract misreads, put right by what a plan's shape says: its
//! headings count I, II, III … and 1, 2, 3 … in order, a quarter is I to IV. The
//! model reads «II» as «H», «III» as «II» or «HI», «5.» as «S.»; a misread heading
//! numeral hides the section from the importer (the tasks of «H. NHIỆM VỤ» taken
//! for targets), a misread quarter loses a deadline. A numeral put right is
//! marked doubtful, to be checked against the paper. The same for the figures a
//! plan's shapes announce: a percentage («l00%»), a date («ngày 0S tháng 3 năm
//! 2U24», «26/1O/2021»), a document's number («Số: 8T/KH-UBND» stays, «Số: 8l/KH»
//! becomes 81): where most of a figure's characters are digits, the letters the
//! model reads for digits are put back.

use super::{OcrLine, OcrWord, DOUBTFUL_BELOW};
use crate::model::numbering::POINT_LETTERS as LETTERS;

const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/// Letters the model reads for the strokes of I and V.
fn roman_like(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| "IVXHTl1|".contains(c))
}

/// The value of a well-written Roman numeral up to X.
fn roman_value(s: &str) -> Option<u32> {
    ROMAN.iter().position(|r| *r == s).map(|i| i as u32 + 1)
}

/// A digit the model reads as a letter.
fn as_digit(c: char) -> Option<char> {
    Some(match c {
        '0'..='9' => c,
        'O' | 'o' | 'U' | 'D' => '0',
        'l' | 'I' | '|' => '1',
        'Z' => '2',
        'S' | 's' => '5',
        'G' | 'b' => '6',
        'B' => '8',
        'g' | 'q' => '9',
        _ => return None,
    })
}

/// A figure with letters for some of its digits put right: every character a
/// digit or one read for a digit, at least half of them digits already.
fn figure(s: &str) -> Option<String> {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let total = s.chars().count();
    if digits == 0 || digits == total || digits * 2 < total {
        return None;
    }
    s.chars().map(as_digit).collect()
}

/// Puts the figure of a word right where its shape says it is one: a percentage,
/// a date `d/m/y`, a number before a symbol `…/KH-UBND`, a figure after «ngày»,
/// «tháng», «năm», «số», «Số:». Whether it changed.
fn mend_figure(w: &mut OcrWord, after: Option<&str>) -> bool {
    let (core, tail) = split_tail(&w.text);
    let core = core.to_owned();
    let tail = tail.to_owned();
    let mended = if let Some(n) = core.strip_suffix('%') {
        figure(n).map(|n| format!("{n}%"))
    } else if tail.starts_with('%') {
        figure(&core).map(|n| n.to_string())
    } else if let Some((n, symbol)) = core.split_once('/') {
        let parts: Vec<&str> = core.split('/').collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4) {
            // A date: each part a figure.
            let fixed: Option<Vec<String>> = parts
                .iter()
                .map(|p| {
                    figure(p)
                        .or_else(|| p.chars().all(|c| c.is_ascii_digit()).then(|| p.to_string()))
                })
                .collect();
            fixed.map(|f| f.join("/")).filter(|f| *f != core)
        } else if symbol.chars().next().is_some_and(char::is_uppercase) {
            figure(n).map(|n| format!("{n}/{symbol}"))
        } else {
            None
        }
    } else if after.is_some_and(|a| {
        matches!(
            a.trim_end_matches(':').to_lowercase().as_str(),
            "ngày" | "tháng" | "năm" | "số"
        )
    }) {
        figure(&core)
    } else {
        None
    };
    match mended {
        Some(m) => {
            mark(w, format!("{m}{tail}"));
            true
        }
        None => false,
    }
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
pub fn mend<'a>(lines: impl IntoIterator<Item = &'a mut OcrLine>) -> usize {
    let mut changed = 0;
    // The last section heading's numeral (I …) and the last item's under it (1 …),
    // the last letter item's place in [`LETTERS`].
    let (mut section, mut item) = (0u32, 0u32);
    let mut letter: Option<usize> = None;
    for line in lines {
        let words = &mut line.words;
        // «I.MỤC TIÊU»: the space after the numeral lost.
        if let Some((numeral, rest)) = words.first().and_then(|w| w.text.split_once('.')) {
            if roman_like(numeral) && rest.starts_with(char::is_uppercase) {
                let (numeral, rest) = (format!("{numeral}."), rest.to_owned());
                let mut second = words[0].clone();
                second.text = rest;
                words[0].text = numeral;
                words.insert(1, second);
                changed += 1;
            }
        }
        if let Some((first, rest)) = words.split_first_mut() {
            // Letter items «a) b) c) d) đ) e)»: the letter after the last one
            // («ở)» read for «đ)»); a heading or a numbered item starts them again.
            if let Some(token) = first
                .text
                .strip_suffix(')')
                .filter(|t| t.chars().all(char::is_alphabetic))
            {
                let at = LETTERS.iter().position(|l| *l == token);
                if token == "a" || letter.is_none() {
                    letter = at;
                } else if let Some(last) = letter {
                    let next = last + 1;
                    if at != Some(next) && token.chars().count() == 1 && !rest.is_empty() {
                        if let Some(l) = LETTERS.get(next) {
                            mark(first, format!("{l})"));
                            changed += 1;
                        }
                    }
                    letter = Some(next);
                }
            } else if first.text.ends_with('.') {
                letter = None;
            }
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
        // Figures by their shape.
        for i in 0..words.len() {
            let after = i.checked_sub(1).map(|k| words[k].text.clone());
            changed += usize::from(mend_figure(&mut words[i], after.as_deref()));
        }
        // «Quý IH năm 2022»: a quarter is I to IV.
        for i in 1..words.len() {
            if !words[i - 1].text.eq_ignore_ascii_case("quý") {
                continue;
            }
            let (core, tail) = split_tail(&words[i].text);
            if roman_value(core).is_some_and(|v| v <= 4) {
                continue;
            }
            // «LII»: the first stroke read with its serif.
            let core = core.replace('L', "I");
            if !roman_like(&core) {
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

/// Marks a comparison sign before a figure (`> 90`, `<5`, `= 90`) doubtful, with
/// the figure: the models have no `≥` or `≤` and read them as `>`, `<` or `=`.
/// How many were marked.
pub fn mark_signs(line: &mut OcrLine) -> usize {
    let mut marked = 0;
    for i in 0..line.words.len() {
        let t = line.words[i].text.clone();
        let Some(rest) = t.strip_prefix(['<', '>', '=']) else {
            continue;
        };
        let figure_next = line
            .words
            .get(i + 1)
            .is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()));
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            mark(&mut line.words[i], t);
            marked += 1;
        } else if rest.is_empty() && figure_next {
            let next = line.words[i + 1].text.clone();
            mark(&mut line.words[i], t);
            mark(&mut line.words[i + 1], next);
            marked += 1;
        }
    }
    marked
}

/// Puts a table's order column (STT) right: group rows count I, II, III …, the
/// rows under them 1, 2, 3 …. `cells` are the column's cells below the header,
/// each with whether its row is a group row. How many changed.
pub fn mend_ordinals<'a>(cells: impl IntoIterator<Item = (&'a mut OcrLine, bool)>) -> usize {
    let (mut group, mut item, mut changed) = (0u32, 0u32, 0);
    for (line, group_row) in cells {
        let [w] = &mut line.words[..] else { continue };
        let (core, tail) = split_tail(&w.text);
        let (core, tail) = (core.replace('L', "I"), tail.to_owned());
        if let Ok(v) = core.parse::<u32>() {
            item = v;
            continue;
        }
        if let Some(v) = roman_value(&core).filter(|v| *v == group + 1 || group == 0) {
            group = v;
            continue;
        }
        if group_row && roman_like(&core) && (group as usize) < ROMAN.len() {
            mark(w, format!("{}{tail}", ROMAN[group as usize]));
            group += 1;
            changed += 1;
        } else if !group_row && (core.is_empty() || digit_like(&core) == Some(item + 1)) {
            // A number read as a speck («:») is the next one too.
            let tail = if core.is_empty() { "" } else { tail.as_str() };
            mark(w, format!("{}{tail}", item + 1));
            item += 1;
            changed += 1;
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
                    .map(|w| OcrWord::unplaced(w, 95.0))
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
            .map(|(_, l)| l.text())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn figures_by_their_shape() {
        let mut read = lines(
            "đạt l00% hộ, 9S%; ngày 0S tháng 3 năm 2U24; ngày 26/1O/2021; Số: 8l/KH-UBND; năm 2024 Sở có 30 tổ",
        );
        mend(read.iter_mut().map(|(_, l)| l));
        assert_eq!(
            text(&read),
            "đạt 100% hộ, 95%; ngày 05 tháng 3 năm 2024; ngày 26/10/2021; Số: 81/KH-UBND; năm 2024 Sở có 30 tổ"
        );
        // Words that only look like figures stay.
        let mut read = lines("Ban Soạn thảo số liệu OIS, số Bộ");
        assert_eq!(mend(read.iter_mut().map(|(_, l)| l)), 0);
    }

    #[test]
    fn a_sign_before_a_figure_is_doubtful() {
        let mut read = lines("= 90\n<5\nđạt 100% > 2 lần\nA = B");
        let marked: usize = read.iter_mut().map(|(_, l)| mark_signs(l)).sum();
        assert_eq!(marked, 3);
        assert!(read[0]
            .1
            .words
            .iter()
            .all(|w| w.confidence < DOUBTFUL_BELOW));
        assert!(read[3]
            .1
            .words
            .iter()
            .all(|w| w.confidence >= DOUBTFUL_BELOW));
        assert_eq!(text(&read), "= 90\n<5\nđạt 100% > 2 lần\nA = B");
    }

    #[test]
    fn a_tables_order_column_counts_groups_and_rows() {
        let mut column = lines("I\n1\n2\nH\n3\n4\nS\nIH\n6\n:\nB");
        let groups = [
            true, false, false, true, false, false, false, true, false, false, false,
        ];
        let cells = column.iter_mut().map(|(_, l)| l).zip(groups);
        assert_eq!(mend_ordinals(cells), 5);
        assert_eq!(text(&column), "I\n1\n2\nII\n3\n4\n5\nIII\n6\n7\n8");
        assert!(column[6].1.words[0].confidence < DOUBTFUL_BELOW);
        // Letter items count a, b, c, d, đ, e.
        let mut read =
            lines("1. Một\na) Một\nb) Hai\nc) Ba\nd) Bốn\nở) Năm\ne) Sáu\n2. Hai\na) Một");
        mend(read.iter_mut().map(|(_, l)| l));
        assert_eq!(
            text(&read),
            "1. Một\na) Một\nb) Hai\nc) Ba\nd) Bốn\nđ) Năm\ne) Sáu\n2. Hai\na) Một"
        );
        // A numeral glued to its heading is a heading's numeral.
        let mut read = lines("I.MỤC TIÊU\nI. NHIỆM VỤ");
        mend(read.iter_mut().map(|(_, l)| l));
        assert_eq!(text(&read), "I. MỤC TIÊU\nII. NHIỆM VỤ");
        // «Quý LII» is the third quarter.
        let mut read = lines("Quý LII năm 2026");
        mend(read.iter_mut().map(|(_, l)| l));
        assert_eq!(text(&read), "Quý III năm 2026");
    }

    #[test]
    fn headings_count_in_order_and_quarters_are_one_to_four() {
        let mut read = lines(
            "I. MỤC TIÊU\n1. Một\nH. NHIỆM VỤ\n1. Một\n4. Bốn\nS. Phòng Nội vụ\nII. KINH PHÍ\nIV. TỔ CHỨC\n- Thời gian: Quý IH năm 2022.\nHạ tầng số là Quý IV, quý TV,",
        );
        assert_eq!(mend(read.iter_mut().map(|(_, l)| l)), 5);
        assert_eq!(
            text(&read),
            "I. MỤC TIÊU\n1. Một\nII. NHIỆM VỤ\n1. Một\n4. Bốn\n5. Phòng Nội vụ\nIII. KINH PHÍ\nIV. TỔ CHỨC\n- Thời gian: Quý III năm 2022.\nHạ tầng số là Quý IV, quý IV,"
        );
        // What was put right is marked to check.
        assert!(read[2].1.words[0].confidence < DOUBTFUL_BELOW);
        assert_eq!(read[0].1.words[0].confidence, 95.0);
    }
}
