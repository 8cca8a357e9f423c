//! Side-by-side blocks on a page (the header's agency and motto, the footer's
//! recipients and signature): Tesseract's single-column mode reads them across,
//! a line of the left column joined with a line of the right («Nơi nhận: TM. ỦY
//! BAN NHÂN DÂN»). The word boxes say where the columns part; each block is
//! given back a column after the other, as the text importer reads a header. A
//! block may run over a page break (the recipients go on on the next page), so
//! the lines of the whole document are taken together, each with its page.

use super::OcrLine;

/// Where a line parts at the columns' boundary, the space `lo..hi` between the
/// block's first two parts: how many of its words are on the left, or None when
/// the line runs across (a word over the boundary, or only an ordinary space).
fn parts_at(line: &OcrLine, (lo, hi): (i32, i32), gap: i32) -> Option<usize> {
    let w = &line.words;
    let n = w.len();
    let fits = |k: usize| {
        (k == 0 || w[k - 1].bbox[2] < hi)
            && (k == n || w[k].bbox[0] > lo)
            && (k == 0 || k == n || w[k].bbox[0] - w[k - 1].bbox[2] >= gap)
    };
    // Two parts: at the widest space that fits.
    let two = (1..n)
        .filter(|&k| fits(k))
        .max_by_key(|&k| w[k].bbox[0] - w[k - 1].bbox[2]);
    if two.is_some() {
        return two;
    }
    // One part: on the side its middle is.
    let middle = (w.first()?.bbox[0] + w.last()?.bbox[2]) / 2;
    match (fits(n), fits(0)) {
        (true, true) => Some(if middle < (lo + hi) / 2 { n } else { 0 }),
        (true, false) => Some(n),
        (false, true) => Some(0),
        (false, false) => None,
    }
}

/// The widest space between two words of a line: where it starts and ends.
fn widest_gap(line: &OcrLine) -> Option<(i32, i32)> {
    line.words
        .windows(2)
        .map(|p| (p[0].bbox[2], p[1].bbox[0]))
        .max_by_key(|&(a, b)| b - a)
}

/// Puts each side-by-side block a column after the other; `lines` are the
/// document's, each with its page, on pages `width` pixels wide.
pub fn unweave(lines: Vec<(u32, OcrLine)>, width: i32) -> Vec<(u32, OcrLine)> {
    let mut heights: Vec<i32> = lines
        .iter()
        .flat_map(|(_, l)| l.words.iter().map(|w| w.bbox[3] - w.bbox[1]))
        .filter(|h| *h > 0)
        .collect();
    heights.sort_unstable();
    let Some(&height) = heights.get(heights.len() / 2) else {
        return lines;
    };
    // Columns part by more than a few letters' width; a justified line's widest
    // space is one or two. The header's and the footer's columns part near the
    // middle of the page (a table's narrow first column does not make a block).
    let gap = (3 * height).max(width / 25);
    let middle = width * 3 / 10..width * 7 / 10;
    let mut out: Vec<(u32, OcrLine)> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let split = widest_gap(&lines[i].1)
            .filter(|&(lo, hi)| hi - lo >= gap && middle.contains(&((lo + hi) / 2)));
        let Some(boundary) = split else {
            out.push(lines[i].clone());
            i += 1;
            continue;
        };
        // The block: this line and the next ones that leave x free.
        let mut end = i + 1;
        while lines
            .get(end)
            .and_then(|(_, l)| parts_at(l, boundary, gap))
            .is_some()
        {
            end += 1;
        }
        if end - i < 2 {
            // One line with a wide space («Số: …    Hải An, ngày …»): as read.
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        let mut right: Vec<(u32, OcrLine)> = Vec::new();
        for (page, line) in &lines[i..end] {
            let l = parts_at(line, boundary, gap).unwrap_or(line.words.len());
            if l > 0 {
                let words = line.words[..l].to_vec();
                let paragraph_start = line.paragraph_start;
                out.push((
                    *page,
                    OcrLine {
                        words,
                        paragraph_start,
                    },
                ));
            }
            if l < line.words.len() {
                let words = line.words[l..].to_vec();
                let paragraph_start = right.is_empty();
                right.push((
                    *page,
                    OcrLine {
                        words,
                        paragraph_start,
                    },
                ));
            }
        }
        out.extend(right);
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ocr::OcrWord;

    /// A line of words at the given left edges, each 10 px a letter, 20 px high.
    fn line(words: &[(&str, i32)]) -> OcrLine {
        OcrLine {
            words: words
                .iter()
                .map(|&(t, x)| OcrWord {
                    text: t.into(),
                    confidence: 95.0,
                    bbox: [x, 0, x + 10 * t.chars().count() as i32, 20],
                })
                .collect(),
            paragraph_start: false,
        }
    }

    /// A justified body line across the page: words of 250 px, 20 px apart.
    fn body(text: &str) -> OcrLine {
        OcrLine {
            words: text
                .split(' ')
                .enumerate()
                .map(|(i, t)| OcrWord {
                    text: t.into(),
                    confidence: 95.0,
                    bbox: [100 + 270 * i as i32, 0, 350 + 270 * i as i32, 20],
                })
                .collect(),
            paragraph_start: false,
        }
    }

    fn text(lines: &[(u32, OcrLine)]) -> Vec<String> {
        lines.iter().map(|(_, l)| l.text()).collect()
    }

    #[test]
    fn a_footer_reads_a_column_after_the_other_and_body_lines_stay() {
        let lines = vec![
            line(&[
                ("Số:", 100),
                ("87/KH-UBND", 140),
                ("Hải", 1200),
                ("An,", 1250),
            ]),
            body("Trong quá trình tổ chức thực hiện"),
            line(&[("Nơi", 100), ("nhận:", 140), ("TM.", 1200), ("UBND", 1250)]),
            line(&[("-", 100), ("Sở;", 120), ("CHỦ", 1250), ("TỊCH", 1300)]),
            line(&[("-", 100), ("VPQU;", 120), ("l", 700)]),
            line(&[("-", 100), ("Lưu.", 120), ("Dương", 1220), ("Ổn", 1290)]),
            body("Một dòng dài nữa chạy hết trang giấy"),
        ];
        // The block runs over a page break.
        let lines: Vec<(u32, OcrLine)> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| (if i < 4 { 1 } else { 2 }, l))
            .collect();
        let read = unweave(lines, 2000);
        assert_eq!(
            text(&read),
            [
                // One line with a wide space, then a body line, as read.
                "Số: 87/KH-UBND Hải An,",
                "Trong quá trình tổ chức thực hiện",
                "Nơi nhận:",
                "- Sở;",
                "- VPQU;",
                "- Lưu.",
                "TM. UBND",
                "CHỦ TỊCH",
                "l",
                "Dương Ổn",
                "Một dòng dài nữa chạy hết trang giấy",
            ]
        );
        // Each part keeps the page it was read on.
        assert_eq!(read[4].0, 2, "«- VPQU;» is on page 2");
        assert_eq!(read[6].0, 1, "«TM. UBND» is on page 1");
        assert_eq!(read[8].0, 2, "the signature's scribble is on page 2");
    }
}
