//! The merge's review end to end in a pseudo-terminal: two auditors' drafts with three conflicts (a
//! detail and two answers) are merged by `msgaudit merge` in a terminal, each conflict decided by key;
//! the merged draft is then resumed and signed off in the TUI, and `msgaudit verify` accepts the result,
//! its change history included. Cancelling the review writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod merge_support;
mod tui_support;

use merge_support::{other_drafts, save, snapshot};
use tui_support::pty::{Tui, files_in};

const PASSWORD: &str = "Datenschutz ist Teamarbeit";

fn two_drafts(home: &std::path::Path) -> Vec<std::path::PathBuf> {
    vec![
        save(
            home,
            "a1b2c3d4",
            "Erika Muster",
            "Sales",
            "'email.processes' = ['orders']\n'email.in_records' = true\n'email.staff' = 12",
        ),
        save(
            home,
            "ffff0000",
            "Max Mustermann",
            "Purchasing",
            "'email.processes' = ['orders']\n'email.in_records' = false\n'email.staff' = 14\n\
             'per_process[orders].messenger' = false",
        ),
    ]
}

const ARGS: [&str; 8] = [
    "--lang",
    "en",
    "--checklists",
    "tests/fixtures",
    "merge",
    "--together",
    "a1b2c3d4",
    "ffff0000",
];

#[test]
fn three_conflicts_are_decided_in_the_terminal_and_the_merged_draft_signs_and_verifies() {
    let home = tempfile::tempdir().unwrap();
    let parts = two_drafts(home.path());
    let paths = msgaudit::store::Paths::under_home(home.path()).unwrap();
    msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap();

    let mut t = Tui::start_in(home, &ARGS);
    let s = t.wait_for("Conflict 1 of 3");
    assert!(s.contains("Unit / scope"), "{s}");
    assert!(s.contains("› 1  Erika Muster"), "{s}");
    assert!(s.contains("Purchasing"), "{s}");
    t.keys(&["2"]);
    let s = t.wait_for("Conflict 2 of 3");
    assert!(s.contains("E-mail › In the records?"), "{s}");
    assert!(s.contains("last changed by Max Mustermann"), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("Conflict 3 of 3");
    assert!(s.contains("How many employees?"), "{s}");
    // Back to the second and on again: its value is kept.
    t.keys(&["Escape"]);
    let s = t.wait_for("Conflict 2 of 3");
    assert!(s.contains("(chosen)"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("Conflict 3 of 3");
    t.keys(&["Down", "Enter"]);
    let s = t.wait_for("all 3 conflicts are decided");
    assert!(s.contains("Purchasing"), "{s}");
    t.keys(&["Enter"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    let s = t.wait_until_live("the merge's report", |s| {
        s.contains("Resume it on the start screen")
    });
    assert!(
        s.contains("conflicts decided: 3 (3 in the review, 0 by the rules file)"),
        "{s}"
    );

    let home = t.into_home();
    let merged = other_drafts(home.path(), &[&parts[0], &parts[1]]);
    assert_eq!(merged.len(), 1);
    let d = &merged[0];
    assert_eq!(d.meta.unit, "Purchasing");
    assert_eq!(d.answers["email.in_records"], toml::Value::Boolean(true));
    assert_eq!(d.answers["email.staff"], toml::Value::Integer(14));
    let reasons: Vec<&str> = d
        .history
        .iter()
        .filter_map(|c| c.reason.as_deref())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons
            .iter()
            .all(|r| r.starts_with("merge: ") && r.contains("in the review"))
    );

    // The merged draft, resumed and signed off in the TUI.
    let mut t = Tui::start_in(home, &ARGS[..4]);
    t.wait_for("Muster GmbH · Purchasing");
    // The parts are listed too: the merged draft is the newest, first.
    t.keys(&["j", "Enter"]);
    t.wait_for("3/3 required questions answered");
    t.keys(&["r"]);
    t.wait_for("DPIA screening");
    t.keys(&["G", "Enter"]);
    let s = t.wait_for("Name of the signer *");
    assert!(s.contains("Erika Muster, Max Mustermann"), "{s}");
    t.keys(&["Enter", "Enter", "Enter"]);
    t.wait_for("Sign off now?");
    t.keys(&["y"]);
    t.wait_for("Password of the signing key");
    t.text(PASSWORD);
    t.keys(&["Enter"]);
    t.wait_for("Signed");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    let home = t.into_home();
    let results = files_in(&paths_results(home.path()), ".result.toml");
    assert_eq!(results.len(), 1);
    let v = std::process::Command::new(merge_support::BIN)
        .arg("--home")
        .arg(home.path())
        .args(["--checklists", "tests/fixtures", "--lang", "en", "verify"])
        .arg(&results[0])
        .output()
        .unwrap();
    assert!(
        v.status.success(),
        "{}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
    let text = std::fs::read_to_string(&results[0]).unwrap();
    assert!(
        text.contains("merge: Erika Muster: \"Yes\"; Max Mustermann: \"No\""),
        "{text}"
    );
}

fn paths_results(home: &std::path::Path) -> std::path::PathBuf {
    msgaudit::store::Paths::under_home(home)
        .unwrap()
        .results_dir()
}

#[test]
fn cancelling_the_review_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    two_drafts(home.path());
    let before = snapshot(home.path());
    let mut t = Tui::start_in(home, &ARGS);
    t.wait_for("Conflict 1 of 3");
    t.keys(&["1"]);
    t.wait_for("Conflict 2 of 3");
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), 1);
    t.assert_restored();
    let s = t.wait_until_live("the message", |s| s.contains("merge cancelled"));
    assert!(s.contains("no file was changed"), "{s}");
    let home = t.into_home();
    assert_eq!(snapshot(home.path()), before);
}
