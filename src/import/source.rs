//! The document as a reader delivers it (lines and tables, in reading order),
//! prepared for the importer: text cleaned (NFC, spaces, page numbers), the
//! layout tables of the header and footer read as lines, and each content table
//! kept whole, in its place, as a grid.

use super::lines::{clean_text, is_page_number, SourceLine};
use super::table::{Grid, Table};

/// A piece of a document in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A line (or a whole paragraph, when the reader says so) of raw text.
    Line(SourceLine),
    /// A table.
    Table(Table),
}

/// The document ready for the importer: cleaned lines, where a line with
/// `table: Some(i)` stands for `grids[i]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    pub lines: Vec<SourceLine>,
    pub grids: Vec<Grid>,
}

impl Source {
    /// Text lines as they are (already cleaned by [`super::lines::clean`]).
    pub fn of_lines(lines: Vec<SourceLine>) -> Source {
        Source {
            lines,
            grids: Vec::new(),
        }
    }
}

/// Cleans the pieces' text and places the tables.
pub fn prepare(pieces: Vec<Piece>) -> Source {
    let mut src = Source::default();
    for piece in pieces {
        match piece {
            Piece::Line(mut l) => {
                let Some(text) = clean_text(&l.text) else {
                    continue;
                };
                if is_page_number(&text) {
                    continue;
                }
                l.text = text;
                src.lines.push(l);
            }
            Piece::Table(t) if t.is_layout() => {
                // Row by row, each cell's paragraphs in order: the header block
                // reads agency, national name, number, date; the footer reads the
                // recipients, then the signature.
                for row in &t.rows {
                    for cell in &row.cells {
                        for p in cell.text.lines() {
                            if let Some(text) = clean_text(p) {
                                src.lines.push(SourceLine {
                                    line: t.line,
                                    page: t.page,
                                    text,
                                    whole: true,
                                    ..Default::default()
                                });
                            }
                        }
                    }
                }
            }
            Piece::Table(t) => {
                let mut grid = t.grid();
                for c in grid.columns.iter_mut() {
                    *c = clean_text(c).unwrap_or_default();
                }
                for r in grid.rows.iter_mut() {
                    for c in r.iter_mut() {
                        // Paragraphs inside a cell stay apart (a task and its details).
                        *c = c
                            .lines()
                            .filter_map(clean_text)
                            .collect::<Vec<_>>()
                            .join("\n");
                    }
                }
                if grid.rows.is_empty() && grid.columns.iter().all(String::is_empty) {
                    continue;
                }
                src.lines.push(SourceLine {
                    line: t.line,
                    page: t.page,
                    table: Some(src.grids.len()),
                    whole: true,
                    ..Default::default()
                });
                src.grids.push(grid);
            }
        }
    }
    src
}
