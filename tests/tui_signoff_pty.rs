//! The sign-off form survives Ctrl-C, end to end in a pseudo-terminal: name, role and statement typed, then
//! Ctrl-C at the password; the next run offers the form as it was, and the password field is empty.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use tui_support::pty::{Tui, drafts_dir, files_in};

#[test]
fn a_half_filled_sign_off_form_survives_ctrl_c_at_the_password() {
    let home = tempfile::tempdir().unwrap();
    let paths = msgaudit::store::Paths::under_home(home.path()).unwrap();
    msgaudit::sign::keygen(&paths.keys_dir(), "Datenschutz ist Teamarbeit", false).unwrap();
    let args = ["--lang", "en", "--checklists", "tests/fixtures"];
    let mut t = Tui::start_in(home, &args);
    t.wait_for("Start a new audit");
    t.keys(&["Enter"]);
    t.wait_for("Pick a checklist");
    t.keys(&["G"]);
    t.wait_for("› Small audit");
    t.keys(&["Enter"]);
    t.wait_for("Organisation *");
    t.text("Muster GmbH");
    t.keys(&["Enter"]);
    t.text("Sales");
    t.keys(&["Enter", "Enter"]);
    t.text("A. Auditor");
    // The audit date is today unless typed.
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Which processes use e-mail?");
    // Straight to the review and the sign-off.
    t.keys(&["r"]);
    t.wait_for("DPIA screening");
    t.keys(&["G", "Enter"]);
    t.wait_for("Name of the signer *");
    t.keys(&["Tab"]);
    t.text("Data protection officer");
    t.keys(&["Tab"]);
    t.text(" Checked on site.");
    t.keys(&["Enter"]);
    t.wait_for("Sign off now?");
    t.keys(&["y"]);
    t.wait_for("Password of the signing key");
    t.text("Datenschutz");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    let drafts = files_in(&drafts_dir(t.home()), ".draft.toml");
    assert_eq!(drafts.len(), 1);
    let text = std::fs::read_to_string(&drafts[0]).unwrap();
    assert!(text.contains("[signoff_form]"), "{text}");
    assert!(text.contains("Data protection officer"), "{text}");
    assert!(text.contains("Checked on site."), "{text}");
    assert!(!text.contains("Datenschutz"), "never the password:\n{text}");

    // The next run: resume, review, sign-off: the form as it was left.
    let mut t = Tui::start_in(t.into_home(), &args);
    t.wait_for("Muster GmbH · Sales");
    t.keys(&["j", "Enter"]);
    t.wait_for("Which processes use e-mail?");
    t.keys(&["r"]);
    t.wait_for("DPIA screening");
    t.keys(&["G", "Enter"]);
    let s = t.wait_for("Data protection officer");
    assert!(s.contains("A. Auditor"), "{s}");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}
