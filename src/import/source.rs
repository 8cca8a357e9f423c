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

/// A paragraph break inside a table cell written as text (Word shows its
/// paragraph marks so).
pub const CELL_PARAGRAPH: &str = " ¶ ";

/// A table row written as a line of text: `| STT | Nhiệm vụ | Cơ quan chủ trì |`,
/// a cell's paragraphs separated by [`CELL_PARAGRAPH`].
pub fn row_text(cells: &[String]) -> String {
    let mut line = String::from("|");
    for c in cells {
        let text: Vec<&str> = c.lines().map(str::trim).filter(|p| !p.is_empty()).collect();
        line.push(' ');
        line.push_str(&text.join(CELL_PARAGRAPH).replace('|', "/"));
        line.push_str(" |");
    }
    line
}

/// A line of text that is a table row: between `|`, at least two cells.
fn row_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<String> = inner
        .split('|')
        .map(|c| {
            c.split('¶')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    (cells.len() >= 2).then_some(cells)
}

/// A text's lines as pieces, consecutive table rows ([`row_text`]) as one table
/// (a page number or an empty line between rows does not end it; a change in
/// the number of cells does).
pub fn text_pieces(raw: &str) -> Vec<Piece> {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut pieces = Vec::new();
    let mut table: Option<Table> = None;
    for (i, l) in raw.lines().enumerate() {
        if let Some(cells) = row_cells(l) {
            let row = super::table::Row {
                cells: cells.into_iter().map(super::table::Cell::new).collect(),
                header: false,
            };
            match &mut table {
                Some(t)
                    if t.rows
                        .last()
                        .is_some_and(|r| r.cells.len() == row.cells.len()) =>
                {
                    t.rows.push(row)
                }
                _ => {
                    pieces.extend(table.take().map(Piece::Table));
                    table = Some(Table {
                        line: i + 1,
                        page: 0,
                        rows: vec![row],
                    });
                }
            }
            continue;
        }
        if table.is_some() && clean_text(l).is_none_or(|t| is_page_number(&t)) {
            continue;
        }
        pieces.extend(table.take().map(Piece::Table));
        pieces.push(Piece::Line(super::lines::raw_line(i, l)));
    }
    pieces.extend(table.map(Piece::Table));
    pieces
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
