//! The shape the project promises (DEVELOPERS.md), checked on its sources: no circle
//! of imports between the engine's modules (nor between the submodules of one), no
//! Tauri command longer than a few lines, and no list of the engine's declared again
//! in the page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source without comments and without its unit tests (which may reach
/// anywhere).
fn code_of(text: &str) -> String {
    let text = text
        .find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at]);
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first path segments after each `prefix` in `code` (`crate::a::b` → `a`;
/// `crate::{a, b::c}` → `a`, `b`), with the second segment when asked
/// (`crate::a::b` → `a::b`).
fn references(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().last();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `mycrate::`, not `crate::`
        }
        if let Some(group) = rest.strip_prefix('{') {
            // A use group: its entries at the top level of the braces.
            let mut depth = 0;
            let mut entry_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => entry_start = true,
                    c if entry_start && (c.is_alphanumeric() || c == '_') => {
                        entry_start = false;
                        let first = ident_at(&group[i..]);
                        let after = &group[i + first.len()..];
                        let mut path = vec![first.to_owned()];
                        if let Some(next) = after.strip_prefix("::") {
                            path.push(ident_at(next).to_owned());
                        }
                        out.push(path);
                    }
                    _ => {}
                }
            }
        } else {
            let first = ident_at(rest);
            let mut path = vec![first.to_owned()];
            if let Some(next) = rest[first.len()..].strip_prefix("::") {
                path.push(ident_at(next).to_owned());
            }
            out.push(path);
        }
    }
    out
}

/// The strongly connected components of more than one node.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Which nodes reach which (the graphs have a few dozen nodes).
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for m in graph.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|k| (k, reach(k))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for a in graph.keys() {
        if done.contains(a) || !reaches[a].contains(a) {
            continue;
        }
        let circle: Vec<String> = graph
            .keys()
            .filter(|b| *b == a || (reaches[a].contains(*b) && reaches[*b].contains(a)))
            .cloned()
            .collect();
        done.extend(circle.iter().cloned());
        out.push(circle);
    }
    out
}

/// The engine's module graph: top-level modules, and the children of each module
/// among themselves.
fn module_graphs() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let tops: BTreeSet<String> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(&src).unwrap();
            let first = rel.components().next()?.as_os_str().to_str()?;
            Some(first.trim_end_matches(".rs").to_owned())
        })
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let children_of = |top: &str| -> BTreeSet<String> {
        let dir = src.join(top);
        if !dir.is_dir() {
            return BTreeSet::new();
        }
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().ok()?;
                Some(name.trim_end_matches(".rs").to_owned())
            })
            .filter(|n| n != "mod" && !n.ends_with(".sql") && n != "migrations")
            .collect()
    };
    let mut graphs: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for f in &files {
        let rel: Vec<String> = f
            .strip_prefix(&src)
            .unwrap()
            .components()
            .map(|c| {
                c.as_os_str()
                    .to_str()
                    .unwrap()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .collect();
        let top = rel[0].clone();
        if !tops.contains(&top) {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        // The CLI is the binary's: it reaches the library as `kehoach::`.
        let mut crate_refs = references(&code, "crate::");
        crate_refs.extend(references(&code, "kehoach::"));
        let top_graph = graphs.entry(String::new()).or_default();
        let node = top_graph.entry(top.clone()).or_default();
        for r in &crate_refs {
            if r[0] != top && tops.contains(&r[0]) {
                node.insert(r[0].clone());
            }
        }
        // Siblings: a child of `top` (a file or folder beside mod.rs) naming another.
        if rel.len() >= 2 && rel[1] != "mod" {
            let child = rel[1].clone();
            let siblings = children_of(&top);
            let mut named = BTreeSet::new();
            for r in &crate_refs {
                if r[0] == top && r.len() > 1 && siblings.contains(&r[1]) {
                    named.insert(r[1].clone());
                }
            }
            // `super::` from a direct child (`X/child.rs`, `X/child/mod.rs`) is `X`.
            if rel.len() == 2 || (rel.len() == 3 && rel[2] == "mod") {
                for r in references(&code, "super::") {
                    if siblings.contains(&r[0]) {
                        named.insert(r[0].clone());
                    }
                }
            }
            named.remove(&child);
            let g = graphs.entry(top.clone()).or_default();
            g.entry(child).or_default().extend(named);
        }
    }
    graphs
}

#[test]
fn no_module_imports_round_a_circle() {
    let graphs = module_graphs();
    let top = &graphs[""];
    assert!(top.len() > 15, "modules found: {:?}", top.keys());
    // The graph is what the sources say: the app layer sits above the stages.
    assert!(top["app"].contains("store") && top["app"].contains("inherit"));
    assert!(top["cli"].contains("app"));
    assert!(!top["store"].contains("app"));
    for (parent, g) in &graphs {
        let found = circles(g);
        assert!(
            found.is_empty(),
            "modules importing each other{}: {found:?}",
            if parent.is_empty() {
                String::new()
            } else {
                format!(" inside {parent}")
            }
        );
    }
}

#[test]
fn the_circle_check_finds_a_circle() {
    // The check itself can fail: a → b → c → a is found, d alone is not.
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.entry(a.into()).or_default().insert(b.into());
        g.entry(b.into()).or_default();
    }
    assert_eq!(
        circles(&g),
        vec![vec!["a".to_owned(), "b".into(), "c".into()]]
    );
    assert_eq!(
        references(
            "use crate::{model::{Plan, tier}, text};\nlet x = crate::store::Store::open;",
            "crate::"
        ),
        vec![
            vec!["model".to_owned(), "".into()],
            vec!["text".into()],
            vec!["store".into(), "Store".into()]
        ]
    );
}

#[test]
fn every_tauri_command_is_a_few_lines() {
    let mut commands = 0;
    for file in ["commands.rs", "reports.rs"] {
        commands += short_commands(file);
    }
    assert!(commands > 40, "commands found: {commands}");
}

/// No statement of the shell takes the session's lock twice: the first guard lives
/// to the statement's end, so the second would wait for ever (found in an export).
#[test]
fn no_statement_locks_the_session_twice() {
    for file in ["commands.rs", "reports.rs", "main.rs"] {
        let text = std::fs::read_to_string(root().join("src-tauri/src").join(file)).unwrap();
        let code = code_of(&text);
        // Statements end at `;`, and a block's braces end the expression before.
        for statement in code.split([';', '{', '}']) {
            assert!(
                statement.matches("session()").count() <= 1,
                "{file}: one statement takes the session's lock twice:\n{statement}"
            );
        }
    }
}

/// The commands of one shell file, each checked to be a few lines; how many.
fn short_commands(file: &str) -> usize {
    let text = std::fs::read_to_string(root().join("src-tauri/src").join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut commands = 0;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "#[tauri::command]" {
            let start = i + 1;
            let end = (start..lines.len()).find(|&k| lines[k] == "}").unwrap();
            // The body, without the signature rustfmt may spread over lines.
            let body_start = (start..end).find(|&k| lines[k].ends_with('{')).unwrap() + 1;
            let body = end - body_start;
            assert!(
                body <= 10,
                "the command at {file}:{} has a body of {body} lines: a use-case belongs in kehoach::app",
                start + 1
            );
            commands += 1;
            i = end;
        }
        i += 1;
    }
    commands
}

#[test]
fn the_page_declares_none_of_the_engines_lists() {
    let v = kehoach::app::vocabulary();
    let labels: Vec<&str> = v
        .units
        .iter()
        .chain(&v.decisions)
        .chain(&v.statuses)
        .map(|c| c.label.as_str())
        .filter(|l| l.chars().count() > 2)
        .collect();
    assert!(labels.contains(&"Giữ nguyên") && labels.contains(&"Dự thảo"));
    for e in std::fs::read_dir(root().join("ui")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "js" || x == "html") {
            let text = std::fs::read_to_string(&p).unwrap();
            for l in &labels {
                for quoted in [format!("\"{l}\""), format!("'{l}'"), format!(">{l}<")] {
                    assert!(
                        !text.contains(&quoted),
                        "{}: declares the engine's {quoted}; ask `vocabulary` instead",
                        p.display()
                    );
                }
            }
        }
    }
}
