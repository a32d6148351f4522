//! The arrows of the layout in docs/design.md point one way: nothing below `cli` imports `cli`; only `cli`
//! starts the front ends (`tui`, `plain`); the TUI's state never imports its view (only the runner in
//! `src/tui/mod.rs` draws). Checked by reading every source file's paths, so `cargo test --test
//! architecture` says which line breaks a rule. No import circle between the crate's modules or between
//! the submodules of `checklist` and `tui` either (`no_import_circles`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap_or_else(|e| panic!("{e}")).path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Whether a line names module `name` as a path segment (`crate::name`, `super::name`, `name::…`).
fn names(line: &str, name: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    let seg = format!("{name}::");
    code.match_indices(&seg).any(|(i, _)| {
        let before = &code[..i];
        before.is_empty()
            || before.ends_with("::")
            || before.ends_with(|c: char| !(c.is_alphanumeric() || c == '_'))
    }) || code.contains(&format!("super::{{{name}"))
        || code.contains(&format!("use super::{name};"))
}

struct Rule {
    /// Files under this folder (or this file)…
    scope: &'static str,
    /// …except these…
    except: &'static [&'static str],
    /// …must not name this module as `crate::…`/`super::…`…
    forbidden: &'static [&'static str],
    /// …unless the path is one of these leaf modules (no dependencies of their own in the crate).
    allowed: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule {
        scope: "src",
        except: &["src/cli", "src/main.rs", "src/lib.rs"],
        forbidden: &["crate::cli", "msgaudit::cli"],
        allowed: &[],
    },
    Rule {
        scope: "src",
        except: &["src/cli", "src/main.rs", "src/lib.rs", "src/tui"],
        forbidden: &["crate::tui"],
        allowed: &[],
    },
    Rule {
        scope: "src",
        except: &["src/cli", "src/main.rs", "src/lib.rs", "src/plain"],
        forbidden: &["crate::plain"],
        allowed: &[],
    },
    Rule {
        scope: "src/tui",
        except: &["src/tui/view", "src/tui/mod.rs"],
        forbidden: &["view"],
        allowed: &[],
    },
    Rule {
        scope: "src/checklist",
        except: &[],
        forbidden: &[
            "crate::audit",
            "crate::store",
            "crate::report",
            "crate::result",
        ],
        // The bounded reader is a leaf: every file msgaudit opens goes through it.
        allowed: &["crate::store::bounded"],
    },
    Rule {
        scope: "src/audit",
        except: &[],
        forbidden: &[
            "crate::store",
            "crate::report",
            "crate::result",
            "crate::sign",
            "crate::catalog",
        ],
        allowed: &["crate::store::bounded"],
    },
];

#[test]
fn dependencies_point_one_way() {
    let mut all = Vec::new();
    files(Path::new("src"), &mut all);
    let mut broken = Vec::new();
    for rule in RULES {
        for f in all.iter().filter(|f| f.starts_with(rule.scope)) {
            if rule.except.iter().any(|e| f.starts_with(e)) {
                continue;
            }
            let text =
                std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            for (n, line) in text.lines().enumerate() {
                for m in rule.forbidden {
                    let code = line.split("//").next().unwrap_or("");
                    let hit = if m.contains("::") {
                        code.match_indices(m)
                            .any(|(i, _)| !rule.allowed.iter().any(|a| code[i..].starts_with(a)))
                    } else {
                        names(line, m)
                    };
                    if hit {
                        broken.push(format!(
                            "{}:{}: names `{m}`: {}",
                            f.display(),
                            n + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the layout:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_checker_sees_a_view_import() {
    assert!(names("use super::view;", "view"));
    assert!(names("    let x = view::review::lines(app);", "view"));
    assert!(names("use crate::tui::view::question;", "view"));
    assert!(!names("let r = super::review::lines(app);", "view"));
    assert!(!names("// view::x in a comment", "view"));
}

// ---- no import circles -------------------------------------------------------------------------------------
//
// The module-level import graph is built from every `use` tree and every path in the code (`crate::…`,
// `super::…`, `self::…`, and a child module's name): between the crate's top-level modules, and between the
// submodules of `checklist` and of `tui` (their `mod.rs` is a node of its own, `(mod)`). The bounded reader
// `store::bounded` is a leaf of its own, apart from `store`. Any strongly connected set of nodes is a circle.

use std::collections::{BTreeMap, BTreeSet};

/// The source with comments, string and character literals blanked out (newlines kept, so lines still count).
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !b[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string r"…" or r#"…"#: it ends at a quote followed by as many hashes.
            let mut j = i + 1;
            while b.get(j) == Some(&'#') {
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            let mut k = j + 1;
            while k < b.len() && !(b[k] == '"' && (1..=hashes).all(|h| b.get(k + h) == Some(&'#')))
            {
                k += 1;
            }
            let end = (k + 1 + hashes).min(b.len());
            out.extend(b[i..end].iter().map(|c| blank(*c)));
            i = end;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (b.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal ('x', '\n', '\u{1b}'); a lifetime ('a) has no closing quote.
            let mut j = i + 1;
            if next == Some('\\') {
                j += 2;
            }
            while j < b.len() && b[j] != '\'' {
                j += 1;
            }
            let end = (j + 1).min(b.len());
            out.extend(b[i..end].iter().map(|c| blank(*c)));
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

fn tokens(code: &str) -> Vec<(Tok, usize)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let b: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_alphabetic() || c == '_' {
                let start = i;
                while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                    i += 1;
                }
                out.push((Tok::Ident(b[start..i].iter().collect()), n + 1));
                continue;
            }
            let tok = match c {
                ':' if b.get(i + 1) == Some(&':') => {
                    i += 1;
                    Tok::Path
                }
                '{' => Tok::Open,
                '}' => Tok::Close,
                ',' => Tok::Comma,
                ';' => Tok::Semi,
                '*' => Tok::Star,
                c if c.is_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => Tok::Other,
            };
            out.push((tok, n + 1));
            i += 1;
        }
    }
    out
}

/// The paths of a `use` tree starting at `toks[*i]`, each prefixed by `prefix`; stops after the tree.
fn use_tree(toks: &[(Tok, usize)], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        match toks.get(*i).map(|t| &t.0) {
            Some(Tok::Ident(s)) if s == "as" => {
                *i += 2;
                break;
            }
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *i += 1;
                if toks.get(*i).map(|t| &t.0) == Some(&Tok::Path) {
                    *i += 1;
                } else {
                    if toks.get(*i).map(|t| &t.0) == Some(&Tok::Ident("as".into())) {
                        *i += 2;
                    }
                    break;
                }
            }
            Some(Tok::Star) => {
                *i += 1;
                break;
            }
            Some(Tok::Open) => {
                *i += 1;
                while !matches!(toks.get(*i).map(|t| &t.0), Some(Tok::Close) | None) {
                    use_tree(toks, i, path.clone(), out);
                    if toks.get(*i).map(|t| &t.0) == Some(&Tok::Comma) {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            _ => break,
        }
    }
    out.push(path);
}

/// A module's path from its file: `src/checklist/validate/cond.rs` → [checklist, validate, cond].
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix("src").unwrap_or(file);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" && stem != "lib" {
            parts.push(stem.to_string());
        }
    }
    parts
}

/// Every path named in a file, resolved to an absolute module path, with its line.
fn resolved_paths(
    file: &Path,
    text: &str,
    modules: &BTreeSet<Vec<String>>,
) -> Vec<(Vec<String>, usize)> {
    let toks = tokens(&code_only(text));
    let here = module_of(file);
    // Inline modules with the brace depth they open at, and whether they are `#[cfg(test)]`: unit tests
    // sit above everything and may use any module, so their paths are no dependency of the module.
    let mut inline: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let line = toks[i].1;
        let mut module = here.clone();
        module.extend(inline.iter().map(|(m, _, _)| m.clone()));
        let in_test = inline.iter().any(|(_, _, t)| *t);
        let mut paths = Vec::new();
        match &toks[i].0 {
            Tok::Ident(s) if s == "mod" => {
                if let (Some((Tok::Ident(name), _)), Some((Tok::Open, _))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    // `# [ cfg ( test ) ] mod name {`
                    let test = i >= 5
                        && toks[i - 5].0 == Tok::Ident("cfg".into())
                        && toks[i - 3].0 == Tok::Ident("test".into());
                    inline.push((name.clone(), depth, test));
                    depth += 1;
                    i += 3;
                    continue;
                }
                i += 1;
            }
            Tok::Ident(s) if s == "use" => {
                i += 1;
                use_tree(&toks, &mut i, Vec::new(), &mut paths);
            }
            Tok::Ident(s) if toks.get(i + 1).map(|t| &t.0) == Some(&Tok::Path) => {
                let mut path = vec![s.clone()];
                i += 2;
                while let (Some((Tok::Ident(s), _)), next) = (toks.get(i), toks.get(i + 1)) {
                    path.push(s.clone());
                    i += 1;
                    if next.map(|t| &t.0) == Some(&Tok::Path) {
                        i += 1;
                    } else {
                        break;
                    }
                }
                paths.push(path);
            }
            Tok::Open => {
                depth += 1;
                i += 1;
            }
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d, _)| *d == depth) {
                    inline.pop();
                }
                i += 1;
            }
            _ => i += 1,
        }
        if in_test {
            continue;
        }
        for p in paths {
            let abs = match p.first().map(String::as_str) {
                Some("crate") => p[1..].to_vec(),
                Some("super") => {
                    let ups = p.iter().take_while(|s| *s == "super").count();
                    let mut abs = module[..module.len().saturating_sub(ups)].to_vec();
                    abs.extend(p[ups..].iter().cloned());
                    abs
                }
                Some("self") => [module.clone(), p[1..].to_vec()].concat(),
                Some(first) => {
                    let mut child = module.clone();
                    child.push(first.to_string());
                    if !modules.contains(&child) {
                        continue;
                    }
                    [module.clone(), p.clone()].concat()
                }
                None => continue,
            };
            out.push((abs, line));
        }
    }
    out
}

/// One import edge: from node, to node, where (<file:line>).
type Edges = BTreeMap<(String, String), String>;

/// The import graphs: the crate's top-level modules, and the submodules of each of `parents`.
fn graphs(sources: &[(PathBuf, String)], parents: &[&str]) -> BTreeMap<String, Edges> {
    let modules: BTreeSet<Vec<String>> = sources
        .iter()
        .flat_map(|(f, _)| {
            let m = module_of(f);
            (1..=m.len()).map(move |n| m[..n].to_vec())
        })
        .collect();
    let top = |p: &[String]| -> Option<String> {
        if p.len() >= 2 && p[0] == "store" && p[1] == "bounded" {
            return Some("store::bounded".into());
        }
        let first = p.first()?;
        modules
            .contains(&vec![first.clone()])
            .then(|| first.clone())
    };
    let sub = |parent: &str, p: &[String]| -> Option<String> {
        if p.first().map(String::as_str) != Some(parent) {
            return None;
        }
        match p.get(1) {
            Some(s) if modules.contains(&vec![parent.to_string(), s.clone()]) => Some(s.clone()),
            _ => Some("(mod)".into()),
        }
    };
    let mut out: BTreeMap<String, Edges> = BTreeMap::new();
    for (file, text) in sources {
        if file.ends_with("main.rs") {
            continue; // the binary, above everything: it names the library as `msgaudit::`
        }
        let here = module_of(file);
        for (abs, line) in resolved_paths(file, text, &modules) {
            let at = format!("{}:{line}", file.display());
            if let (Some(a), Some(b)) = (top(&here), top(&abs))
                && a != b
            {
                out.entry("crate".into())
                    .or_default()
                    .entry((a, b))
                    .or_insert_with(|| at.clone());
            }
            for parent in parents {
                if let (Some(a), Some(b)) = (sub(parent, &here), sub(parent, &abs))
                    && a != b
                {
                    out.entry(parent.to_string())
                        .or_default()
                        .entry((a, b))
                        .or_insert_with(|| at.clone());
                }
            }
        }
    }
    out
}

/// Every circle of a graph, one per strongly connected set, as "a → b (<file:line>) → … → a (<file:line>)".
fn circles(edges: &Edges) -> Vec<String> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
    }
    let reach = |from: &str| -> BTreeMap<String, String> {
        // Breadth first, remembering each node's predecessor, so the circle found is a shortest one.
        let mut pred = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([from.to_string()]);
        while let Some(n) = queue.pop_front() {
            for m in next.get(n.as_str()).into_iter().flatten() {
                if !pred.contains_key(*m) {
                    pred.insert(m.to_string(), n.clone());
                    queue.push_back(m.to_string());
                }
            }
        }
        pred
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for start in next.keys() {
        if seen.contains(*start) {
            continue;
        }
        let pred = reach(start);
        if !pred.contains_key(*start) {
            continue;
        }
        let mut chain = vec![start.to_string()];
        let mut n = pred[*start].clone();
        while n != *start {
            chain.push(n.clone());
            n = pred[&n].clone();
        }
        chain.push(start.to_string());
        chain.reverse();
        seen.extend(chain.iter().cloned());
        let mut text = chain[0].clone();
        for w in chain.windows(2) {
            let at = &edges[&(w[0].clone(), w[1].clone())];
            let _ = write!(text, " → {} ({at})", w[1]); // writing to a String cannot fail
        }
        out.push(text);
    }
    out
}

#[test]
fn no_import_circles() {
    let mut all = Vec::new();
    files(Path::new("src"), &mut all);
    let sources: Vec<(PathBuf, String)> = all
        .into_iter()
        .map(|f| {
            let text =
                std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            (f, text)
        })
        .collect();
    let graphs = graphs(&sources, &["checklist", "tui"]);
    for g in ["crate", "checklist", "tui"] {
        assert!(
            graphs.get(g).is_some_and(|e| e.len() > 3),
            "the import graph of {g} was not found"
        );
    }
    let found: Vec<String> = graphs
        .iter()
        .flat_map(|(g, edges)| circles(edges).into_iter().map(move |c| format!("{g}: {c}")))
        .collect();
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

fn graph_of(files: &[(&str, &str)], parents: &[&str]) -> BTreeMap<String, Edges> {
    let sources: Vec<(PathBuf, String)> = files
        .iter()
        .map(|(p, t)| (PathBuf::from(p), t.to_string()))
        .collect();
    graphs(&sources, parents)
}

#[test]
fn the_circle_check_finds_a_circle_and_names_its_lines() {
    let g = graph_of(
        &[
            ("src/lib.rs", "pub mod a;\npub mod b;"),
            ("src/a/mod.rs", "mod x;\nmod y;\npub use x::X;"),
            ("src/a/x.rs", "use super::y::Y;\npub struct X;"),
            (
                "src/a/y.rs",
                "pub struct Y;\nfn f() { let _ = super::x::X; }\nfn g() -> crate::b::B { todo!() }",
            ),
            (
                "src/b.rs",
                "// crate::a::X in a comment\nconst S: &str = \"crate::a::X\";\npub struct B;",
            ),
        ],
        &["a"],
    );
    assert_eq!(
        circles(&g["a"]),
        ["x → y (src/a/x.rs:1) → x (src/a/y.rs:2)"]
    );
    // b names a only in a comment and a string: no edge back, no circle between a and b.
    assert!(circles(&g["crate"]).is_empty(), "{:?}", g["crate"]);
    assert!(g["crate"].contains_key(&("a".into(), "b".into())));
}

#[test]
fn the_circle_check_follows_use_trees_inline_modules_and_child_names() {
    let g = graph_of(
        &[
            ("src/lib.rs", "pub mod a;\npub mod b;"),
            (
                "src/a.rs",
                "mod inline {\n    use super::*;\n}\nfn f() { b::g(); }\n\
                 #[cfg(test)]\nmod tests {\n    use crate::b::c;\n}",
            ),
            ("src/b/mod.rs", "pub mod c;\nuse crate::{x::Y, a as alias};"),
            ("src/b/c.rs", "pub fn g() { super::super::a::f() }"),
        ],
        &["b"],
    );
    // `use super::*` in the inline module stays inside `a`; `b::g` is no child of `a`, so no edge; the
    // unit tests' `crate::b::c` is no dependency of `a`.
    assert!(!g["crate"].contains_key(&("a".into(), "b".into())));
    assert!(g["crate"].contains_key(&("b".into(), "a".into())));
    assert!(circles(&g["crate"]).is_empty());
    assert!(!g.contains_key("b"), "{:?}", g.get("b"));
}
