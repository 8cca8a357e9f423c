//! Property tests of the line breaker and the paginator with random Vietnamese
//! text: no panic, no text lost, no line wider than its measure.

use crate::common;
use kehoach::fonts::FontSet;
use kehoach::layout::{self, LBlock, Profile, Run};
use kehoach::pdf::lines::break_lines;
use kehoach::pdf::paginate;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const SYLLABLES: &[&str] = &[
    "chuyển",
    "đổi",
    "số",
    "xã",
    "Tân",
    "An",
    "năm",
    "kế",
    "hoạch",
    "thực",
    "hiện",
    "nhiệm",
    "vụ",
    "giải",
    "pháp",
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "phường",
    "đặc",
    "khu",
    "hồ",
    "sơ",
    "trực",
    "tuyến",
    "toàn",
    "trình",
    "100%",
    "85%",
    "(VNeID)",
    "2026;",
    "thủ",
    "tục",
    "hành",
    "chính",
    "Trung",
    "tâm",
    "Phục",
    "vụ",
    "công",
    "nghệ",
    "ứng",
    "dụng",
    "dữ",
    "liệu",
    "định",
    "danh",
    "xác",
    "thực",
    "điện",
    "tử",
    "quốc",
    "gia",
    "-",
    "+",
    "./.",
    "KH-UBND",
    "06/QĐ-TTg",
    "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
];

fn random_text(rng: &mut StdRng, max_words: usize) -> String {
    let words = rng.random_range(1..max_words);
    (0..words)
        .map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn random_runs(rng: &mut StdRng) -> Vec<Run> {
    (0..rng.random_range(1..4))
        .map(|_| Run {
            text: format!("{} ", random_text(rng, 40)),
            bold: rng.random_bool(0.3),
            italic: rng.random_bool(0.3),
            placeholder: rng.random_bool(0.05).then(String::new),
        })
        .collect()
}

#[test]
fn line_breaking_loses_nothing_and_never_overflows() {
    let fonts = FontSet::bundled();
    let mut rng = StdRng::seed_from_u64(30_2020);
    for case in 0..2000 {
        let runs = random_runs(&mut rng);
        let size = [11.0, 12.0, 13.0, 14.0][rng.random_range(0..4)];
        let width: f32 = rng.random_range(20.0..480.0);
        let first = (width - rng.random_range(0.0f32..40.0)).max(10.0);
        let lines = break_lines(&runs, &fonts, size, first, width);
        assert!(!lines.is_empty());
        for (i, l) in lines.iter().enumerate() {
            let measure = if i == 0 { first } else { width };
            assert!(
                l.width() <= measure + 0.02,
                "case {case}: line {i} is {} pt in {measure} pt: {:?}",
                l.width(),
                l.text()
            );
        }
        // Nothing lost: the words, in order (a word cut in two across lines is
        // joined back).
        let original: String = runs.iter().map(|r| r.text.as_str()).collect::<String>();
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        let printed: String = lines.iter().map(|l| l.text()).collect::<Vec<_>>().join(" ");
        assert_eq!(squash(&printed), squash(&original), "case {case}");
        assert!(lines.last().unwrap().last);
    }
}

#[test]
fn pagination_keeps_every_word_in_order_inside_the_margins() {
    let fonts = FontSet::bundled();
    let mut rng = StdRng::seed_from_u64(2026);
    for case in 0..25 {
        let mut plan = kehoach::sample::sample_plan();
        // Random bodies, many paragraphs, some very long.
        for s in plan.sections.iter_mut() {
            for b in s.blocks.iter_mut() {
                if let kehoach::model::Block::Paragraph { text } = b {
                    *text = random_text(&mut rng, 400);
                }
            }
            for c in s.children.iter_mut() {
                c.blocks.push(kehoach::model::Block::Paragraph {
                    text: random_text(&mut rng, 200),
                });
            }
        }
        for t in plan.targets.iter_mut() {
            t.text = random_text(&mut rng, 60);
        }
        let profile = Profile {
            body_pt: [13.0, 14.0][case % 2],
            line_spacing: [1.0, 1.15, 1.5][case % 3],
            ..Profile::default()
        };
        let doc = layout::layout(&plan, &profile, &common::world()).unwrap();
        let pages = paginate::paginate(&doc, &fonts);
        assert!(!pages.is_empty());
        let mut expected = String::new();
        fn collect(blocks: &[LBlock], out: &mut String) {
            for b in blocks {
                match b {
                    LBlock::Para(p) => {
                        for r in &p.runs {
                            out.push_str(&r.text);
                        }
                        out.push(' ');
                    }
                    LBlock::Grid(g) => {
                        for row in &g.rows {
                            for cell in row {
                                collect(cell, out);
                            }
                        }
                    }
                    LBlock::Table(t) => {
                        for p in t.header.iter().chain(t.rows.iter().flatten()) {
                            for r in &p.runs {
                                out.push_str(&r.text);
                            }
                            out.push(' ');
                        }
                    }
                    LBlock::Rule(_) => {}
                }
            }
        }
        for part in &doc.parts {
            collect(&part.blocks, &mut expected);
        }
        let mut printed = String::new();
        let right_margin = profile.margin_right_mm * 72.0 / 25.4;
        let bottom_margin = profile.margin_bottom_mm * 72.0 / 25.4;
        for (pi, page) in pages.iter().enumerate() {
            for l in &page.lines {
                printed.push_str(&l.line.text());
                printed.push(' ');
                assert!(
                    l.x + l.line.width() <= page.width - right_margin + 0.5,
                    "case {case} page {pi}: line past the right margin: {:?}",
                    l.line.text()
                );
                assert!(
                    l.baseline <= page.height - bottom_margin + 0.5,
                    "case {case} page {pi}: line below the bottom margin: {:?}",
                    l.line.text()
                );
            }
        }
        // Nothing lost, nothing out of order (a line may break inside a web address,
        // so the comparison ignores white space).
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        let (e, mut p) = (squash(&expected), squash(&printed));
        // A table's header row is printed again on each page it continues on.
        for part in &doc.parts {
            for b in &part.blocks {
                let LBlock::Table(t) = b else { continue };
                let header: String = t
                    .header
                    .iter()
                    .flat_map(|c| c.runs.iter().map(|r| squash(&r.text)))
                    .collect();
                let first = p.find(&header).map(|i| i + header.len());
                if let Some(after) = first {
                    let rest = p[after..].replace(&header, "");
                    p = format!("{}{rest}", &p[..after]);
                }
            }
        }
        if e != p {
            let i = e.chars().zip(p.chars()).take_while(|(a, b)| a == b).count();
            let around = |s: &str| {
                s.chars()
                    .skip(i.saturating_sub(30))
                    .take(60)
                    .collect::<String>()
            };
            panic!(
                "case {case}: differs at {i}: expected …{}… printed …{}…",
                around(&e),
                around(&p)
            );
        }
    }
}
