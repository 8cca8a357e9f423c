//! Line breaking (ngắt dòng): a paragraph's runs into lines that fit the measure.
//!
//! Break opportunities are those of the Unicode line-breaking algorithm (UAX #14),
//! widths come from the font's advances (no kerning, as Word and LibreOffice set
//! body text), and lines are filled greedily, as both word processors do, so that our
//! PDF breaks where LibreOffice breaks our DOCX.

use crate::fonts::{FaceStyle, FontSet};
use crate::layout::Run;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// A stretch of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    pub style: FaceStyle,
    /// Printed highlighted: text the user has not filled in yet.
    pub placeholder: bool,
    /// Advance width in points.
    pub width: f32,
}

/// What lies between two break opportunities: the pieces of a word (a word may
/// change face midway, `**Số**:`), then the spaces after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub pieces: Vec<Piece>,
    /// The spaces after the word (printed, and stretched when justifying).
    pub space: String,
    pub space_style: FaceStyle,
    pub space_width: f32,
}

impl Word {
    /// Width of the word without the spaces after it.
    pub fn width(&self) -> f32 {
        self.pieces.iter().map(|p| p.width).sum()
    }
}

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub words: Vec<Word>,
    /// The line ends the paragraph or a hard line break: it is not justified.
    pub last: bool,
}

impl Line {
    /// Natural width: every word and the spaces between them, not the spaces after
    /// the last word.
    pub fn width(&self) -> f32 {
        let n = self.words.len();
        self.words
            .iter()
            .enumerate()
            .map(|(i, w)| w.width() + if i + 1 < n { w.space_width } else { 0.0 })
            .sum()
    }

    /// The gaps that stretch when the line is justified.
    pub fn gaps(&self) -> usize {
        let n = self.words.len();
        self.words[..n.saturating_sub(1)]
            .iter()
            .filter(|w| !w.space.is_empty())
            .count()
    }

    /// The line's text as printed.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            for p in &w.pieces {
                s.push_str(&p.text);
            }
            if i + 1 < self.words.len() {
                s.push_str(&w.space);
            }
        }
        s
    }
}

/// Breaks `runs` set at `size_pt` into lines: the first `first_width` points wide,
/// the others `width` (a first-line indent makes them differ).
pub fn break_lines(
    runs: &[Run],
    fonts: &FontSet,
    size_pt: f32,
    first_width: f32,
    width: f32,
) -> Vec<Line> {
    let words = words(runs, fonts, size_pt);
    let mut lines = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut used = 0.0f32;
    // A hair of tolerance: widths summed in a different order differ in the last bits.
    const EPS: f32 = 0.01;
    for (word, hard) in words {
        let measure = if lines.is_empty() { first_width } else { width };
        let w = word.width();
        let space_before = current.last().map_or(0.0, |p: &Word| p.space_width);
        if !current.is_empty() && used + space_before + w > measure + EPS {
            lines.push(Line {
                words: std::mem::take(&mut current),
                last: false,
            });
            used = 0.0;
        }
        let measure = if lines.is_empty() { first_width } else { width };
        if current.is_empty() && w > measure + EPS {
            // A word longer than the line (a long web address): cut it where it
            // overflows, as word processors do.
            for part in split_word(word, measure, fonts, size_pt) {
                let pw = part.width();
                if !current.is_empty() {
                    lines.push(Line {
                        words: std::mem::take(&mut current),
                        last: false,
                    });
                }
                used = pw;
                current.push(part);
            }
        } else {
            used += if current.is_empty() {
                0.0
            } else {
                space_before
            } + w;
            current.push(word);
        }
        if hard {
            lines.push(Line {
                words: std::mem::take(&mut current),
                last: true,
            });
            used = 0.0;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(Line {
            words: current,
            last: true,
        });
    }
    if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}

/// The words of the runs, each with whether a hard line break follows it.
fn words(runs: &[Run], fonts: &FontSet, size_pt: f32) -> Vec<(Word, bool)> {
    // The paragraph as one string, with the face of every byte range, so that break
    // opportunities are found across run boundaries (`Số` bold, `:` regular).
    let mut text = String::new();
    let mut spans: Vec<(usize, FaceStyle, bool)> = Vec::with_capacity(runs.len());
    for r in runs {
        // NFC: decomposed marks would be drawn as separate glyphs, misplaced.
        crate::text::push_nfc(&mut text, &r.text);
        spans.push((
            text.len(),
            FaceStyle::of(r.bold, r.italic),
            r.placeholder.is_some(),
        ));
    }
    // Break positions only grow, so the span holding one is found by moving a
    // cursor forward rather than searching every span for every character.
    let mut span = 0;
    let mut style_at = |i: usize| {
        while span < spans.len() && spans[span].0 <= i {
            span += 1;
        }
        spans
            .get(span)
            .map_or((FaceStyle::Regular, false, text.len()), |s| (s.1, s.2, s.0))
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (end, kind) in linebreaks(&text) {
        let segment = &text[start..end];
        let hard = kind == BreakOpportunity::Mandatory && end < text.len();
        let body = segment.trim_end_matches(['\n', '\r', '\u{2028}', '\u{2029}', '\u{0B}']);
        let content = body.trim_end_matches([' ', '\u{3000}']);
        let space = &body[content.len()..];
        let content_end = start + content.len();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut pos = start;
        while pos < content_end {
            let (style, placeholder, span_end) = style_at(pos);
            let piece_end = span_end.min(content_end);
            let slice = &text[pos..piece_end];
            match pieces.last_mut() {
                Some(p) if p.style == style && p.placeholder == placeholder => {
                    p.text.push_str(slice)
                }
                _ => pieces.push(Piece {
                    text: slice.to_owned(),
                    style,
                    placeholder,
                    width: 0.0,
                }),
            }
            pos = piece_end;
        }
        for p in &mut pieces {
            p.width = fonts.face(p.style).width_pt(&p.text, size_pt);
        }
        let space_style = style_at(pos).0;
        let space_width = fonts.face(space_style).width_pt(space, size_pt);
        if !pieces.is_empty() || !space.is_empty() || hard {
            out.push((
                Word {
                    pieces,
                    space: space.to_owned(),
                    space_style,
                    space_width,
                },
                hard,
            ));
        }
        start = end;
    }
    out
}

/// Cuts a word wider than `measure` into parts that each fit (at least one
/// character per part, so that breaking always ends).
fn split_word(word: Word, measure: f32, fonts: &FontSet, size_pt: f32) -> Vec<Word> {
    let mut parts: Vec<Word> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    let mut used = 0.0;
    for piece in word.pieces {
        let face = fonts.face(piece.style);
        let mut buf = [0u8; 4];
        for c in piece.text.chars() {
            let cw = face.width_pt(c.encode_utf8(&mut buf), size_pt);
            if used + cw > measure && used > 0.0 {
                parts.push(Word {
                    pieces: std::mem::take(&mut current),
                    space: String::new(),
                    space_style: piece.style,
                    space_width: 0.0,
                });
                used = 0.0;
            }
            match current.last_mut() {
                Some(p) if p.style == piece.style && p.placeholder == piece.placeholder => {
                    p.text.push(c);
                    p.width += cw;
                }
                _ => current.push(Piece {
                    text: c.to_string(),
                    style: piece.style,
                    placeholder: piece.placeholder,
                    width: cw,
                }),
            }
            used += cw;
        }
    }
    parts.push(Word {
        pieces: current,
        space: word.space,
        space_style: word.space_style,
        space_width: word.space_width,
    });
    parts
}
