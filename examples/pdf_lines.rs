fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let (pieces, notes) = kehoach::import::pdf::read(&bytes, &path).unwrap();
    for n in notes {
        eprintln!("NOTE {:?}", n);
    }
    for p in pieces {
        match p {
            kehoach::import::Piece::Line(l) => println!(
                "{:>2}:{:<3} {}{}{}{} {}",
                l.page,
                l.line,
                if l.bold { "B" } else { "." },
                if l.italic { "I" } else { "." },
                if l.indented { ">" } else { "." },
                match l.full {
                    Some(true) => "F",
                    Some(false) => "s",
                    None => "?",
                },
                l.text
            ),
            kehoach::import::Piece::Table(t) => {
                println!("TABLE p{} rows {}", t.page, t.rows.len());
                for r in &t.rows {
                    println!(
                        "   | {}",
                        r.cells
                            .iter()
                            .map(|c| format!(
                                "{}{}[{}]",
                                if c.continued { "^" } else { "" },
                                c.span,
                                c.text.replace('\n', "⏎")
                            ))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                }
            }
        }
    }
}
