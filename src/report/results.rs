//! Results read from a CSV file as Excel saves it: a header row naming the columns
//! `id,value,status,date,note` in any order, then one row per target or task of
//! the plan. The separator is the header's: `,`, or `;` where Windows' regional
//! settings use the decimal comma (Vietnamese ones do), or a tab («Unicode
//! Text»); numbers take a decimal comma or point. Every problem is reported with
//! the file, the line and the column, and nothing is taken unless the whole file
//! is right.

use super::{Report, TaskStatus};
use crate::diag::Diagnostic;
use crate::model::{fields, Plan};
use crate::{Error, Result};

fn problem(file: &str, line: u64, field: &str, message: String) -> Diagnostic {
    let mut d = Diagnostic::error("invalid_results", message)
        .in_file(file)
        .on_field(field);
    d.line = line as usize;
    d
}

/// `report` with the results of `csv` (the text of file `file`) applied; the
/// problems, each at its line and column, when any.
pub fn apply_csv(report: &Report, plan: &Plan, csv_text: &str, file: &str) -> Result<Report> {
    let mut plan = plan.clone();
    plan.assign_ids();
    let text = crate::text::nfc(csv_text.trim_start_matches('\u{feff}'));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(&text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(crate::text::fold).collect(),
        Err(e) => {
            return Err(Error::InvalidResults(vec![problem(
                file,
                1,
                "",
                format!("không đọc được dòng tiêu đề: {e}"),
            )]))
        }
    };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let Some(id_col) = column("id") else {
        return Err(Error::InvalidResults(vec![problem(
            file,
            1,
            "id",
            "dòng tiêu đề thiếu cột «id» (cần: id,value,status,date,note)".into(),
        )]));
    };
    let (value_col, status_col, date_col, note_col) = (
        column("value"),
        column("status"),
        column("date"),
        column("note"),
    );
    let mut out = report.clone();
    // Each target or task once: a second row would silently win.
    let mut seen: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(problem(file, line, "", format!("dòng không đọc được: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        let id = get(Some(id_col));
        if id.is_empty() && record.iter().all(|f| f.trim().is_empty()) {
            continue; // a blank line Excel left
        }
        let note = get(note_col).to_owned();
        if let Some(first) = seen.insert(id.to_owned(), line) {
            problems.push(problem(
                file,
                line,
                "id",
                format!("«{id}» đã có ở dòng {first}: mỗi chỉ tiêu, nhiệm vụ chỉ một dòng"),
            ));
            continue;
        }
        if let Some(t) = plan.targets.iter().find(|t| t.id == id) {
            let value = get(value_col);
            let status = get(status_col);
            let mut value_read = None;
            if !value.is_empty() {
                match fields::decimal(value, "giá trị") {
                    Ok(v) => value_read = Some(v),
                    Err(m) => problems.push(problem(file, line, "value", m)),
                }
            }
            let met = match crate::text::fold(status).as_str() {
                "" => None,
                "met" | "dat" | "done" => Some(true),
                "not_met" | "chua dat" => Some(false),
                _ => {
                    problems.push(problem(
                        file,
                        line,
                        "status",
                        format!("tình trạng «{status}» của chỉ tiêu {id}: dùng «dat» hoặc «chua dat» (hoặc để trống)"),
                    ));
                    None
                }
            };
            let r = match out.targets.iter_mut().find(|r| r.target == t.id) {
                Some(r) => r,
                None => {
                    out.targets.push(super::TargetResult {
                        target: t.id.clone(),
                        ..Default::default()
                    });
                    out.targets.last_mut().expect("just pushed")
                }
            };
            r.value = value_read.or(r.value);
            r.met = met.or(r.met);
            if !note.is_empty() {
                r.note = note;
            }
        } else if let Some(t) = plan.tasks.iter().find(|t| t.id == id) {
            let status_text = get(status_col);
            let Some(status) = TaskStatus::parse(status_text) else {
                problems.push(problem(
                    file,
                    line,
                    "status",
                    format!("tình trạng «{status_text}» của nhiệm vụ {id}: dùng done, in_progress, not_started hoặc stopped"),
                ));
                continue;
            };
            let date_text = get(date_col);
            let done_on = if date_text.is_empty() {
                None
            } else {
                let iso = chrono::NaiveDate::parse_from_str(date_text, "%Y-%m-%d").ok();
                match iso
                    .map(Ok)
                    .unwrap_or_else(|| fields::date(date_text).map(|d| d.expect("not empty")))
                {
                    Ok(d) => Some(d),
                    Err(m) => {
                        problems.push(problem(file, line, "date", m));
                        None
                    }
                }
            };
            if !get(value_col).is_empty() {
                problems.push(problem(
                    file,
                    line,
                    "value",
                    format!("{id} là nhiệm vụ: không có giá trị, chỉ có tình trạng"),
                ));
            }
            let r = match out.tasks.iter_mut().find(|r| r.task == t.id) {
                Some(r) => r,
                None => {
                    out.tasks.push(super::TaskResult {
                        task: t.id.clone(),
                        ..Default::default()
                    });
                    out.tasks.last_mut().expect("just pushed")
                }
            };
            r.status = status;
            r.done_on = done_on;
            if !note.is_empty() {
                r.note = note;
            }
        } else {
            let known: Vec<&str> = plan
                .targets
                .iter()
                .map(|t| t.id.as_str())
                .chain(plan.tasks.iter().map(|t| t.id.as_str()))
                .collect();
            problems.push(problem(
                file,
                line,
                "id",
                format!(
                    "kế hoạch không có chỉ tiêu hay nhiệm vụ «{id}» (có: {})",
                    known.join(", ")
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::InvalidResults(problems))
    }
}

/// The separator of the header line: the one of `,` `;` and tab it has most of
/// outside quotes (`,` when none: a one-column file).
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReportingPeriod;

    fn setup() -> (Plan, Report) {
        let plan = crate::sample::sample_plan();
        let report = Report::new(
            &plan,
            ReportingPeriod::parse("2026-H1").unwrap(),
            "bao-cao-dinh-ky",
        );
        (plan, report)
    }

    #[test]
    fn results_are_taken_from_any_column_order() {
        let (plan, report) = setup();
        let csv = "\u{feff}note,id,value,status,date\nSở liệu Trung tâm,ct2,\"85,5\",,\n,nv1,,done,05/3/2026\n,nv2,,in_progress,\n";
        let r = apply_csv(&report, &plan, csv, "kq.csv").unwrap();
        assert_eq!(r.target("ct2").unwrap().value, Some(85.5));
        assert_eq!(r.target("ct2").unwrap().note, "Sở liệu Trung tâm");
        assert_eq!(r.task("nv1").unwrap().status, TaskStatus::Done);
        assert_eq!(
            r.task("nv1").unwrap().done_on,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 5)
        );
        assert_eq!(r.task("nv2").unwrap().status, TaskStatus::InProgress);
    }

    /// Excel's «CSV» on a Vietnamese Windows: `;` between fields (the list
    /// separator where the decimal symbol is a comma), decimal commas unquoted,
    /// CRLF, in Windows-1258 (tone marks as combining characters); and its
    /// «Unicode Text»: UTF-16 with tabs.
    #[test]
    fn excel_files_of_a_vietnamese_windows_are_read() {
        let (plan, report) = setup();
        let ansi: &[u8] =
            b"id;value;status;date;note\r\nct2;85,5;;;S\xf5\xd2 li\xea\xf2u\r\nnv1;;done;05/03/2026;Hoa\xccn tha\xccnh\r\n";
        let (text, encoding) = crate::text::decode_windows(ansi, true).unwrap();
        assert_eq!(encoding, crate::text::Encoding::Windows1258);
        let r = apply_csv(&report, &plan, &text, "kq.csv").unwrap();
        assert_eq!(r.target("ct2").unwrap().value, Some(85.5));
        assert_eq!(r.target("ct2").unwrap().note, "Sở liệu");
        assert_eq!(r.task("nv1").unwrap().note, "Hoàn thành");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(
                "id\tvalue\tnote\r\nct2\t90,25\tĐạt\r\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let (text, encoding) = crate::text::decode_windows(&utf16, true).unwrap();
        assert_eq!(encoding, crate::text::Encoding::Utf16);
        let r = apply_csv(&report, &plan, &text, "kq.txt").unwrap();
        assert_eq!(r.target("ct2").unwrap().value, Some(90.25));
        assert_eq!(r.target("ct2").unwrap().note, "Đạt");
    }

    #[test]
    fn a_target_given_twice_is_refused_at_its_second_line() {
        let (plan, report) = setup();
        let csv = "id,value\nct2,80\nct1,100\nct2,90\n";
        let Err(Error::InvalidResults(problems)) = apply_csv(&report, &plan, csv, "kq.csv") else {
            panic!("refused")
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 4);
        assert!(
            problems[0].message.contains("dòng 2"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn every_problem_at_its_line_and_column_and_nothing_taken() {
        let (plan, report) = setup();
        let csv =
            "id,value,status,date,note\nct1,100,,,\nct99,50,,,\nct2,tám mươi,,,\nnv1,,xong,,\n";
        let Err(Error::InvalidResults(problems)) = apply_csv(&report, &plan, csv, "kq.csv") else {
            panic!("refused")
        };
        let places: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert_eq!(places, [(3, "id"), (4, "value"), (5, "status")]);
        assert!(problems.iter().all(|p| p.file == "kq.csv"));
        assert!(problems[0].message.contains("ct99"));
    }
}
