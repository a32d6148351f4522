//! Start-up of the real binary in a pseudo-terminal: the start screen is drawn before the checklists are
//! loaded (on a thread of their own), and keys typed before they arrive are kept and carried out in order.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use std::fmt::Write as _;

use tui_support::pty::Tui;

/// A checklist large enough that loading it takes a while (sections of yes/no questions).
fn big_checklist(dir: &std::path::Path, questions: usize) {
    let mut s = String::from(
        "format = 1\nid = \"big\"\nversion = \"1\"\nlanguages = [\"de\", \"en\"]\n\
         title = { de = \"Große Checkliste\", en = \"Big checklist\" }\n\
         description = { de = \"Viele Fragen.\", en = \"Many questions.\" }\n",
    );
    for sec in 0..questions / 100 {
        writeln!(s, "\n[[section]]\nid = \"s{sec}\"\ntitle = {{ de = \"Abschnitt {sec}\", en = \"Section {sec}\" }}").unwrap();
        for q in 0..100 {
            writeln!(
                s,
                "\n[[section.question]]\nid = \"q{q}\"\nkind = \"yes_no\""
            )
            .unwrap();
            writeln!(
                s,
                "text = {{ de = \"Frage {sec}.{q}?\", en = \"Question {sec}.{q}?\" }}"
            )
            .unwrap();
            if q % 5 == 4 {
                writeln!(s, "when = \"q{} == yes\"", q - 1).unwrap();
            }
        }
    }
    std::fs::write(dir.join("big.toml"), s).unwrap();
}

/// The start screen appears while a large checklist is still loading; Enter, Down, Enter typed then wait
/// for the checklists and are carried out in order: the picker opens with every checklist, the second is
/// chosen, and its details screen opens.
#[test]
fn keys_typed_before_the_checklists_are_loaded_are_kept() {
    let extra = tempfile::tempdir().unwrap();
    big_checklist(extra.path(), 5_000);
    let dir = extra.path().to_str().unwrap();
    let mut t = Tui::start(&["--lang", "en", "--checklists", dir]);
    t.wait_for("Start a new audit");
    t.keys(&["Enter", "Down", "Enter"]);
    let s = t.wait_for("Organisation");
    assert!(s.contains("review per service"), "{s}");
    t.keys(&["Escape"]);
    let s = t.wait_for("Big checklist");
    assert!(
        s.contains("Use of messenger services: data protection audit"),
        "{s}"
    );
}
