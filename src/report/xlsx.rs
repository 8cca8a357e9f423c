//! The roll-up as an Excel workbook (rust_xlsxwriter): officers and provinces merge
//! figures in Excel. Three sheets with the same figures as the DOCX appendix: per
//! target (units reporting, units met), per unit (each target's value as a number
//! and its evaluation), and the units that have not reported.

use super::rollup::Consolidated;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

fn err(e: XlsxError) -> crate::Error {
    crate::Error::Invalid(format!("không ghi được tệp Excel: {e}"))
}

/// The workbook's bytes; `today` is its creation date (fixed in tests, so the same
/// figures give the same bytes).
pub fn rollup_xlsx(c: &Consolidated, today: chrono::NaiveDate) -> crate::Result<Vec<u8>> {
    let bytes = build(c, today).map_err(err)?;
    // rust_xlsxwriter's zip records the host system in each entry.
    crate::package::repack(&bytes)
        .map_err(|e| crate::Error::Invalid(format!("không hoàn thiện được tệp Excel: {e}")))
}

fn build(c: &Consolidated, today: chrono::NaiveDate) -> Result<Vec<u8>, XlsxError> {
    use chrono::Datelike;
    let mut wb = Workbook::new();
    let created =
        ExcelDateTime::from_ymd(today.year() as u16, today.month() as u8, today.day() as u8)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("Tổng hợp kết quả thực hiện kế hoạch")
            .set_creation_datetime(&created),
    );
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let wrap = Format::new()
        .set_text_wrap()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let cell = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    let number = Format::new()
        .set_num_format("#,##0.##")
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let period = c
        .period
        .as_ref()
        .map(|p| p.label.clone())
        .unwrap_or_default();

    let ws = wb.add_worksheet();
    ws.set_name("Theo chỉ tiêu")?;
    ws.write_string(
        0,
        0,
        format!(
            "Tổng hợp kết quả thực hiện chỉ tiêu {period}: {}",
            c.parent.citation()
        ),
    )?;
    for (k, h) in [
        "TT",
        "Mã",
        "Chỉ tiêu",
        "Kế hoạch",
        "Số đơn vị",
        "Số đơn vị báo cáo",
        "Số đơn vị đạt",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(2, k as u16, *h, &head)?;
    }
    for (i, r) in c.rows.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &cell)?;
        ws.write_string_with_format(row, 1, &r.target, &cell)?;
        ws.write_string_with_format(row, 2, &r.text, &wrap)?;
        ws.write_string_with_format(row, 3, &r.planned, &cell)?;
        ws.write_number_with_format(row, 4, c.units.len() as f64, &cell)?;
        ws.write_number_with_format(row, 5, r.reported as f64, &cell)?;
        ws.write_number_with_format(row, 6, r.reached as f64, &cell)?;
    }
    ws.set_column_width(2, 60)?;
    ws.set_column_width(3, 12)?;
    ws.set_column_width(5, 14)?;
    ws.set_column_width(6, 14)?;

    let ws = wb.add_worksheet();
    ws.set_name("Theo đơn vị")?;
    ws.write_string_with_format(0, 0, "TT", &head)?;
    ws.write_string_with_format(0, 1, "Đơn vị", &head)?;
    for (i, r) in c.rows.iter().enumerate() {
        let col = 2 + 2 * i as u16;
        ws.write_string_with_format(0, col, format!("{} ({})", r.target, r.planned), &head)?;
        ws.write_string_with_format(0, col + 1, format!("{}: đánh giá", r.target), &head)?;
    }
    for (k, u) in c.units.iter().enumerate() {
        let row = 1 + k as u32;
        ws.write_number_with_format(row, 0, (k + 1) as f64, &cell)?;
        ws.write_string_with_format(row, 1, u, &cell)?;
        for (i, r) in c.rows.iter().enumerate() {
            let col = 2 + 2 * i as u16;
            match &r.cells[k] {
                Some(x) => {
                    match x.value {
                        Some(v) => ws.write_number_with_format(row, col, v, &number)?,
                        None => ws.write_string_with_format(row, col, "", &cell)?,
                    };
                    ws.write_string_with_format(row, col + 1, x.verdict.label(), &cell)?;
                }
                None => {
                    ws.write_string_with_format(row, col, "", &cell)?;
                    ws.write_string_with_format(row, col + 1, "Chưa báo cáo", &cell)?;
                }
            }
        }
    }
    ws.set_column_width(1, 36)?;
    ws.set_freeze_panes(1, 2)?;

    let ws = wb.add_worksheet();
    ws.set_name("Chưa báo cáo")?;
    ws.write_string_with_format(0, 0, "TT", &head)?;
    ws.write_string_with_format(0, 1, "Đơn vị chưa báo cáo", &head)?;
    for (k, u) in c.silent.iter().enumerate() {
        ws.write_number_with_format(1 + k as u32, 0, (k + 1) as f64, &cell)?;
        ws.write_string_with_format(1 + k as u32, 1, u, &cell)?;
    }
    ws.set_column_width(1, 40)?;
    wb.save_to_buffer()
}
