//! The largest condition the parser accepts (256 terms, nested 63 levels deep) loads, type-checks
//! and evaluates on a thread with half the stack of a test thread (1 MB; the main thread has 8): the recursive walks over the tree in validation
//! and in the engine are bounded by the parser's limits.

use std::path::Path;
use std::sync::Arc;

use msgaudit::audit::{Session, values};
use msgaudit::checklist;

fn checklist_with(condition: &str) -> String {
    let text = std::fs::read_to_string("tests/broken/condition-syntax.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    text.replace(
        "when = \"yn == yes and (n > 2\"",
        &format!("when = \"{condition}\""),
    )
}

#[test]
fn the_largest_accepted_condition_needs_little_stack() {
    let chain = vec!["yn"; 256 - 1].join(" and ");
    let condition = format!("{}{chain} or not yn{}", "(".repeat(62), ")".repeat(62));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("limits.toml");
    std::fs::write(&path, checklist_with(&condition)).unwrap_or_else(|e| panic!("{e}"));
    let worker = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            let c = checklist::load(Path::new(&path)).unwrap_or_else(|d| panic!("{d:?}"));
            let mut s = Session::new(Arc::new(c));
            values::apply(&mut s, "a.yn", &toml::Value::Boolean(true))
                .unwrap_or_else(|e| panic!("{e:?}"));
            values::apply(&mut s, "a.yn", &toml::Value::Boolean(false))
                .unwrap_or_else(|e| panic!("{e:?}"));
        })
        .unwrap_or_else(|e| panic!("{e}"));
    worker
        .join()
        .unwrap_or_else(|_| panic!("the worker failed"));
}
