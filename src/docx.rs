//! DOCX writer: translates the layout model into WordprocessingML with docx-rs, then
//! completes what docx-rs lacks in one pass over the package (header rows repeated
//! on every page, the Vietnamese document language, deflate compression).
//!
//! Nothing here decides formatting: sizes, spacing and rules come from the layout.

use crate::error::{Error, Result};
use crate::layout::{Align, Document, Grid, LBlock, Para, Part, Rule, Table, LANGUAGE};
use crate::world::World;
use docx_rs::{
    AlignmentType, BorderType, Docx, FieldCharType, Header, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, PageNumType, PageOrientationType, PageSize, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Section,
    SpecialIndentType, Style, StyleType, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableLayoutType, TableRow, WidthType,
};
use std::io::{Cursor, Read, Write};

/// The font named in the document: Word uses the PC's copy.
pub const FONT: &str = "Times New Roman";
/// Paragraph style of table header rows; marks the rows that repeat on every page.
const TABLE_HEADING_STYLE: &str = "KHTableHeading";

fn twips(mm: f32) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

fn twips_pt(pt: f32) -> u32 {
    (pt * 20.0).round().max(0.0) as u32
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

/// Writes the document as DOCX bytes.
pub fn write(doc: &Document, world: &dyn World) -> Result<Vec<u8>> {
    let p = &doc.profile;
    let stamp = format!("{}T00:00:00Z", world.today().format("%Y-%m-%d"));
    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(half_points(p.body_pt))
        .created_at(&stamp)
        .updated_at(&stamp)
        .add_style(
            Style::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .fonts(fonts())
                .size(half_points(p.body_pt)),
        )
        .add_style(
            Style::new(TABLE_HEADING_STYLE, StyleType::Paragraph)
                .name("Table Heading")
                .based_on("Normal")
                .fonts(fonts())
                .bold()
                .align(AlignmentType::Center),
        )
        .add_style(
            Style::new("Header", StyleType::Paragraph)
                .name("header")
                .based_on("Normal")
                .fonts(fonts())
                .size(half_points(p.body_pt))
                .align(AlignmentType::Center),
        );

    let last = doc.parts.len() - 1;
    for (i, part) in doc.parts.iter().enumerate() {
        let children = part_children(doc, part);
        let (w, h) = (
            twips(part.page_width_mm()) as u32,
            twips(part.page_height_mm()) as u32,
        );
        let orient = if part.landscape {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        };
        let margin = PageMargin::new()
            .top(twips(p.margin_top_mm))
            .bottom(twips(p.margin_bottom_mm))
            .left(twips(p.margin_left_mm))
            .right(twips(p.margin_right_mm))
            // Page numbers sit in the top margin, 10 mm from the edge.
            .header(twips(10.0))
            .footer(twips(10.0));
        let numbering = PageNumType::new().start(1);
        if i < last {
            // Every part but the last is closed by a section break. A section with
            // only a default header and `titlePg` has an empty first page header
            // (docx-rs drops titlePg when a first header is also given).
            let mut s = Section::new()
                .page_size(PageSize::new().size(w, h).orient(orient))
                .page_margin(margin)
                .title_pg()
                .header(page_number_header(doc));
            if part.restart_numbering {
                s = s.page_num_type(numbering);
            }
            for c in children {
                s = match c {
                    Child::P(p) => s.add_paragraph(*p),
                    Child::T(t) => s.add_table(*t),
                };
            }
            docx = docx.add_section(s);
        } else {
            // The last part's properties are the document's own section.
            for c in children {
                docx = match c {
                    Child::P(p) => docx.add_paragraph(*p),
                    Child::T(t) => docx.add_table(*t),
                };
            }
            docx = docx
                .page_size(w, h)
                .page_orient(orient)
                .page_margin(margin)
                .title_pg()
                .header(page_number_header(doc));
            if part.restart_numbering {
                docx = docx.page_num_type(numbering);
            }
        }
    }

    let mut raw = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| Error::Invalid(format!("không tạo được tệp DOCX: {e}")))?;
    finish_package(&raw.into_inner(), doc)
}

enum Child {
    P(Box<Paragraph>),
    T(Box<docx_rs::Table>),
}

fn part_children(doc: &Document, part: &Part) -> Vec<Child> {
    let width = part.text_width_mm(&doc.profile);
    let mut out = Vec::new();
    for b in &part.blocks {
        match b {
            LBlock::Para(p) => out.push(Child::P(Box::new(paragraph(p)))),
            LBlock::Rule(r) => out.push(Child::P(Box::new(rule(r, width)))),
            LBlock::Grid(g) => {
                out.push(Child::T(Box::new(grid(g))));
            }
            LBlock::Table(t) => {
                out.push(Child::T(Box::new(table(t))));
                // Word needs a paragraph between a table and what follows.
                out.push(Child::P(Box::new(spacer())));
            }
        }
    }
    out
}

fn spacer() -> Paragraph {
    Paragraph::new().size(half_points(2.0)).line_spacing(
        LineSpacing::new()
            .line(40)
            .line_rule(LineSpacingType::Exact),
    )
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

fn paragraph(p: &Para) -> Paragraph {
    let mut para = Paragraph::new()
        .align(alignment(p.align))
        .size(half_points(p.size_pt))
        .line_spacing(
            LineSpacing::new()
                .before(twips_pt(p.space_before_pt))
                .after(twips_pt(p.space_after_pt))
                .line((240.0 * p.line_spacing).round() as i32)
                .line_rule(LineSpacingType::Auto),
        );
    if p.first_line_mm > 0.0 || p.indent_left_mm > 0.0 {
        para = para.indent(
            Some(twips(p.indent_left_mm)),
            Some(SpecialIndentType::FirstLine(twips(p.first_line_mm))),
            None,
            None,
        );
    }
    if p.keep_with_next {
        para = para.keep_next(true);
    }
    if p.role == crate::layout::Role::TableHeader {
        para = para.style(TABLE_HEADING_STYLE);
    }
    for r in &p.runs {
        let mut run = Run::new().add_text(&r.text).size(half_points(p.size_pt));
        if r.bold {
            run = run.bold();
        }
        if r.italic {
            run = run.italic();
        }
        if r.placeholder.is_some() {
            run = run.highlight("yellow");
        }
        para = para.add_run(run);
    }
    para
}

/// A rule is an empty, 2-point paragraph whose bottom border is the line, indented
/// on both sides to the rule's length: a drawn line, not underlined text.
fn rule(r: &Rule, column_mm: f32) -> Paragraph {
    let side = ((column_mm - r.width_mm) / 2.0).max(0.0);
    let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(BorderType::Single)
        .size((r.thickness_pt * 8.0).round() as usize)
        .space(0)
        .color("000000");
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .size(half_points(2.0))
        .indent(Some(twips(side)), None, Some(twips(side)), None)
        .line_spacing(
            LineSpacing::new()
                .before(twips_pt(r.space_before_pt))
                .after(0)
                .line(40)
                .line_rule(LineSpacingType::Exact),
        );
    // From an empty set: the default set is a box, and we want one bottom line.
    p.property = p
        .property
        .set_borders(ParagraphBorders::with_empty().set(border));
    p
}

fn no_borders() -> TableBorders {
    let nil = |pos| TableBorder::new(pos).border_type(BorderType::Nil);
    TableBorders::with_empty()
        .set(nil(TableBorderPosition::Top))
        .set(nil(TableBorderPosition::Left))
        .set(nil(TableBorderPosition::Bottom))
        .set(nil(TableBorderPosition::Right))
        .set(nil(TableBorderPosition::InsideH))
        .set(nil(TableBorderPosition::InsideV))
}

fn grid(g: &Grid) -> docx_rs::Table {
    let widths: Vec<usize> = g.columns_mm.iter().map(|w| twips(*w) as usize).collect();
    let rows = g
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .zip(&g.columns_mm)
                .map(|(blocks, w)| {
                    let mut c = TableCell::new().width(twips(*w) as usize, WidthType::Dxa);
                    let inner = w - 2.0 * g.padding_mm;
                    for b in blocks {
                        c = match b {
                            LBlock::Para(p) => c.add_paragraph(paragraph(p)),
                            LBlock::Rule(r) => c.add_paragraph(rule(r, inner)),
                            LBlock::Grid(inner_grid) => c.add_table(grid(inner_grid)),
                            LBlock::Table(t) => c.add_table(table(t)),
                        };
                    }
                    if blocks.is_empty() {
                        c = c.add_paragraph(Paragraph::new());
                    }
                    c
                })
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    let pad = twips(g.padding_mm) as usize;
    docx_rs::Table::without_borders(rows)
        .set_borders(no_borders())
        .indent(twips(g.indent_mm))
        .margins(docx_rs::TableCellMargins::new().margin(0, pad, 0, pad))
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

fn table(t: &Table) -> docx_rs::Table {
    let widths: Vec<usize> = t.columns_mm.iter().map(|w| twips(*w) as usize).collect();
    let row = |cells: &[Para]| {
        TableRow::new(
            cells
                .iter()
                .zip(&widths)
                .map(|(p, w)| {
                    TableCell::new()
                        .width(*w, WidthType::Dxa)
                        .add_paragraph(paragraph(p))
                })
                .collect(),
        )
        .cant_split()
    };
    let mut rows = vec![row(&t.header)];
    rows.extend(t.rows.iter().map(|r| row(r)));
    let single = |pos| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(4)
            .color("000000")
    };
    docx_rs::Table::new(rows)
        .set_borders(
            TableBorders::with_empty()
                .set(single(TableBorderPosition::Top))
                .set(single(TableBorderPosition::Left))
                .set(single(TableBorderPosition::Bottom))
                .set(single(TableBorderPosition::Right))
                .set(single(TableBorderPosition::InsideH))
                .set(single(TableBorderPosition::InsideV)),
        )
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// The page-number header: a PAGE field centred, with a cached value so that Word
/// opens the file without recomputing (no repair prompt).
fn page_number_header(doc: &Document) -> Header {
    let size = half_points(doc.profile.body_pt);
    let field = Run::new()
        .size(size)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(FieldCharType::End, false);
    Header::new().add_paragraph(
        Paragraph::new()
            .style("Header")
            .align(AlignmentType::Center)
            .size(size)
            .add_run(field),
    )
}

/// Rewrites the package: deflated entries, repeated header rows, Vietnamese
/// language, file properties, stable ids.
fn finish_package(raw: &[u8], doc: &Document) -> Result<Vec<u8>> {
    let err = |e: String| Error::Invalid(format!("không hoàn thiện được tệp DOCX: {e}"));
    let mut zin = zip::ZipArchive::new(Cursor::new(raw)).map_err(|e| err(e.to_string()))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = crate::package::entry_options();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(|e| err(e.to_string()))?;
        let name = f.name().to_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).map_err(|e| err(e.to_string()))?;
        let data = match name.as_str() {
            "word/document.xml" => fix_document_xml(&String::from_utf8_lossy(&data)).into_bytes(),
            "word/styles.xml" => fix_styles_xml(&String::from_utf8_lossy(&data)).into_bytes(),
            "docProps/core.xml" => fix_core_xml(&String::from_utf8_lossy(&data), doc).into_bytes(),
            n if n.starts_with("word/header") && n.ends_with(".xml") => {
                strip_para_ids(&String::from_utf8_lossy(&data)).into_bytes()
            }
            _ => data,
        };
        out.start_file(name, opts).map_err(|e| err(e.to_string()))?;
        out.write_all(&data).map_err(|e| err(e.to_string()))?;
    }
    Ok(out.finish().map_err(|e| err(e.to_string()))?.into_inner())
}

/// Removes `w14:paraId` attributes: docx-rs numbers them from a per-thread counter,
/// which would make the same plan give different files. Word assigns its own.
fn strip_para_ids(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(" w14:paraId=\"") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 13..];
        match after.find('"') {
            Some(j) => rest = &after[j + 1..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Marks table rows whose cells use the heading style as header rows
/// (`w:tblHeader`), which Word and LibreOffice repeat at the top of every page.
fn fix_document_xml(xml: &str) -> String {
    let xml = strip_para_ids(xml);
    let marker = format!("w:val=\"{TABLE_HEADING_STYLE}\"");
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = xml.as_str();
    while let Some(start) = rest.find("<w:tr>").or_else(|| rest.find("<w:tr ")) {
        out.push_str(&rest[..start]);
        let row = &rest[start..];
        let end = row.find("</w:tr>").map(|e| e + 7).unwrap_or(row.len());
        let mut row_xml = row[..end].to_owned();
        // Only the first row of the table can be the header; the style marks it.
        let first_cell = row_xml.find("</w:tc>").unwrap_or(row_xml.len());
        if row_xml[..first_cell].contains(&marker) {
            if let Some(i) = row_xml.find("<w:trPr>") {
                row_xml.insert_str(i + 8, "<w:tblHeader />");
            } else if let Some(i) = row_xml.find("<w:trPr />") {
                row_xml.replace_range(i..i + 10, "<w:trPr><w:tblHeader /></w:trPr>");
            }
        }
        out.push_str(&row_xml);
        rest = &row[end..];
    }
    out.push_str(rest);
    out
}

/// Fills the file properties Word shows (File > Info) that docx-rs cannot set:
/// title, author (the issuing agency, not docx-rs's `unknown`) and language, as the
/// PDF's document information does.
fn fix_core_xml(xml: &str, doc: &Document) -> String {
    let escape = |s: &str| quick_xml::escape::escape(s).into_owned();
    let author = escape(&doc.author);
    let xml = xml
        .replace(
            "<dc:creator>unknown</dc:creator>",
            &format!("<dc:creator>{author}</dc:creator>"),
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
        );
    let extra = format!(
        "<dc:title>{}</dc:title><dc:language>{LANGUAGE}</dc:language></cp:coreProperties>",
        escape(&doc.title)
    );
    xml.replacen("</cp:coreProperties>", &extra, 1)
}

/// Sets the document language to Vietnamese in the default run properties, so that
/// Word's spelling and hyphenation treat the text as Vietnamese.
fn fix_styles_xml(xml: &str) -> String {
    let lang =
        format!("<w:lang w:val=\"{LANGUAGE}\" w:eastAsia=\"{LANGUAGE}\" w:bidi=\"ar-SA\" />");
    if let Some(i) = xml.find("<w:rPrDefault>") {
        let after = &xml[i..];
        if let Some(j) = after.find("</w:rPr>") {
            let pos = i + j;
            let mut s = xml.to_owned();
            s.insert_str(pos, &lang);
            return s;
        }
    }
    xml.to_owned()
}
