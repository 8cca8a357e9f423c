//! The scan as a document: its lines and tables in reading order (side-by-side
//! blocks a column after the other, a table between the lines above and below
//! it, a table continued on the next page joined to its start), post-corrected,
//! and its tables as the importer takes them.

use super::correct::{correct_line_with, Vocabulary};
use super::engine::{OcrCell, OcrLine, OcrPage, OcrTable, OcrWord};
use super::{columns, numbering};
use crate::import::lines::{is_page_number, paragraphs, SourceLine};
use crate::import::table::{Cell, Row, Table};
use crate::text::fold;

/// A table of the scan: its rows, each with the page it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanTable {
    pub rows: Vec<(u32, Vec<OcrCell>)>,
    /// Column boundaries of its first page, relative to the table's width.
    columns: Vec<f32>,
}

/// A piece of the scan in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A line of text, with its page.
    Line(u32, OcrLine),
    Table(ScanTable),
}

fn relative_columns(t: &OcrTable) -> Vec<f32> {
    let (x0, x1) = (t.bbox[0] as f32, t.bbox[2].max(t.bbox[0] + 1) as f32);
    t.xs.iter().map(|x| (*x as f32 - x0) / (x1 - x0)).collect()
}

/// The document's lines and tables in reading order, post-correction aside.
pub fn reading_order(pages: &[OcrPage]) -> Vec<Block> {
    let width = pages.iter().map(|p| p.size[0]).max().unwrap_or(0);
    let lines = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| (p.number, l.clone())))
        .collect();
    let lines = columns::unweave(lines, width);
    let mut tables = pages
        .iter()
        .flat_map(|p| p.tables.iter().map(|t| (p.number, t)))
        .peekable();
    let mut out: Vec<Block> = Vec::with_capacity(lines.len());
    for (page, line) in lines {
        let top = line.words.first().map_or(0, |w| w.bbox[1]);
        while let Some((p, t)) =
            tables.next_if(|(p, t)| *p < page || (*p == page && t.bbox[1] < top))
        {
            push_table(&mut out, p, t);
        }
        out.push(Block::Line(page, line));
    }
    for (page, t) in tables {
        push_table(&mut out, page, t);
    }
    out
}

/// A row's texts folded, letters and digits only: a header row repeated on the
/// next page reads the same even when the scan's spacing differs.
fn row_key(row: &[OcrCell]) -> Vec<String> {
    row.iter()
        .map(|c| {
            let text: String = c.lines.iter().map(|l| l.text()).collect();
            fold(&text)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect()
        })
        .collect()
}

/// Puts a table after the blocks so far: joined to the table before it when only
/// a page break (and its page number) lies between and the columns are the same
/// (its header row, repeated on the new page, dropped).
fn push_table(out: &mut Vec<Block>, page: u32, t: &OcrTable) {
    let columns = relative_columns(t);
    let rows: Vec<(u32, Vec<OcrCell>)> = t.rows.iter().map(|r| (page, r.clone())).collect();
    // Page numbers since the last table do not part it from this one.
    let mut since = out.len();
    while since > 0 {
        match &out[since - 1] {
            Block::Line(p, l) if *p == page && is_page_number(&l.text()) => since -= 1,
            _ => break,
        }
    }
    if let Some(Block::Table(prev)) = since.checked_sub(1).and_then(|i| out.get_mut(i)) {
        let same = prev.columns.len() == columns.len()
            && prev
                .columns
                .iter()
                .zip(&columns)
                .all(|(a, b)| (a - b).abs() < 0.02)
            && prev.rows.last().is_some_and(|(p, _)| *p < page);
        if same {
            let header = prev.rows.first().map(|(_, r)| row_key(r));
            let mut rows = rows.into_iter().peekable();
            if rows.peek().map(|(_, r)| row_key(r)) == header {
                rows.next();
            }
            prev.rows.extend(rows);
            out.truncate(since);
            return;
        }
    }
    out.push(Block::Table(ScanTable { rows, columns }));
}

/// Every line of the document, those in the tables' cells too.
pub fn lines_mut(blocks: &mut [Block]) -> impl Iterator<Item = &mut OcrLine> {
    blocks
        .iter_mut()
        .flat_map(|b| -> Box<dyn Iterator<Item = &mut OcrLine>> {
            match b {
                Block::Line(_, l) => Box::new(std::iter::once(l)),
                Block::Table(t) => Box::new(
                    t.rows
                        .iter_mut()
                        .flat_map(|(_, r)| r.iter_mut())
                        .flat_map(|c| c.lines.iter_mut()),
                ),
            }
        })
}

/// The blocks post-corrected: words by the vocabulary and the letter set,
/// numerals by the plan's shapes (the text's run of headings, then each cell on
/// its own); how many words changed.
pub fn correct(blocks: &mut [Block], vocabulary: &Vocabulary) -> usize {
    let mut changed = 0;
    for line in lines_mut(blocks) {
        changed += correct_line_with(vocabulary, &mut line.words);
        numbering::mark_signs(line);
    }
    changed += numbering::mend(blocks.iter_mut().filter_map(|b| match b {
        Block::Line(_, l) => Some(l),
        Block::Table(_) => None,
    }));
    for b in blocks.iter_mut() {
        if let Block::Table(t) = b {
            for (_, row) in &mut t.rows {
                for cell in row {
                    changed += numbering::mend(cell.lines.iter_mut());
                    for line in &mut cell.lines {
                        changed += drop_edge_specks(line);
                    }
                    cell.lines.retain(|l| !l.words.is_empty());
                }
            }
            changed += mend_order_column(t);
        }
    }
    changed
}

/// A cell's lines are read up to its rules: a speck there is read as a lone
/// mark (`Sở Xây dựng .`, `_ Các sở`). Such a word at a line's end, or at its
/// start where it is no bullet, goes; how many went.
fn drop_edge_specks(line: &mut OcrLine) -> usize {
    let speck = |w: &OcrWord, marks: &str| {
        w.text.chars().count() == 1 && w.text.chars().all(|c| marks.contains(c))
    };
    let before = line.words.len();
    while line.words.len() > 1 && line.words.last().is_some_and(|w| speck(w, ".,-_'`~:;|")) {
        line.words.pop();
    }
    while line.words.len() > 1 && line.words.first().is_some_and(|w| speck(w, ".,_'`~:;|")) {
        line.words.remove(0);
    }
    before - line.words.len()
}

/// The order column (STT) of a table whose first header says so, counted
/// ([`numbering::mend_ordinals`]): a group row (one text after its number) counts
/// I, II, III, the others 1, 2, 3.
fn mend_order_column(t: &mut ScanTable) -> usize {
    let Some((_, header)) = t.rows.first() else {
        return 0;
    };
    if !matches!(
        row_key(header).first().map(String::as_str),
        Some("stt" | "tt")
    ) {
        return 0;
    }
    let cells = t.rows.iter_mut().skip(1).filter_map(|(_, row)| {
        let texts = row.iter().skip(1).filter(|c| !c.lines.is_empty()).count();
        let (first, _) = row.split_first_mut()?;
        let line = first.lines.first_mut()?;
        Some((line, texts <= 1))
    });
    numbering::mend_ordinals(cells)
}

/// A cell's text: its lines joined into paragraphs (a new one where a line starts
/// a bullet or a number), paragraphs on lines of their own.
pub fn cell_text(cell: &OcrCell) -> String {
    let lines: Vec<SourceLine> = cell
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| SourceLine {
            line: i + 1,
            text: crate::text::nfc(&l.text()),
            ..Default::default()
        })
        .collect();
    paragraphs(&lines)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n")
}

impl ScanTable {
    /// The table as a reader delivers it, from line `line` of page its first.
    pub fn table(&self, line: usize) -> Table {
        Table {
            line,
            page: self.rows.first().map_or(0, |(p, _)| *p),
            rows: self
                .rows
                .iter()
                .map(|(_, r)| Row {
                    cells: r
                        .iter()
                        .map(|c| Cell {
                            text: cell_text(c),
                            span: c.span,
                            continued: c.continued,
                        })
                        .collect(),
                    header: false,
                })
                .collect(),
        }
    }

    /// Each row's texts a grid column each (a cell over several columns gives its
    /// text to the first, one merged down repeats the text above), with its page
    /// and its words: a row as a line of text.
    pub fn rows_text(&self) -> Vec<(u32, Vec<String>, Vec<&OcrWord>)> {
        let mut out: Vec<(u32, Vec<String>, Vec<&OcrWord>)> = Vec::new();
        for (page, row) in &self.rows {
            let mut texts = Vec::new();
            let mut words = Vec::new();
            for cell in row {
                let text = if cell.continued {
                    out.last()
                        .and_then(|(_, above, _)| above.get(texts.len()))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    cell_text(cell)
                };
                texts.push(text);
                texts.extend(std::iter::repeat_n(String::new(), cell.span.max(1) - 1));
                words.extend(cell.lines.iter().flat_map(|l| &l.words));
            }
            out.push((*page, texts, words));
        }
        out
    }
}
