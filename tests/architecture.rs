//! The arrows of the layout in docs/design.md point one way: nothing below `cli` imports `cli`; only `cli`
//! starts the front ends (`tui`, `plain`); the TUI's state never imports its view (only the runner in
//! `src/tui/mod.rs` draws). Checked by reading every source file's paths, so `cargo test --test
//! architecture` says which line breaks a rule.

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
