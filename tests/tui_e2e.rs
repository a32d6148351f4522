//! End-to-end: the real binary in a pseudo-terminal (`tests/tui_support/pty.rs)`: keys typed into it, the
//! screen read back through a terminal parser, resizes, SIGTERM (Unix), and the terminal as it was after the
//! program ends. No external program is needed.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use std::path::PathBuf;
use std::process::Command;

use ct_codecs::Decoder;
use tui_support::pty::{Tui, bin, drafts_dir, files_in};

#[test]
fn answer_the_small_checklist_to_the_review_and_quit() {
    let mut t = Tui::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
    t.wait_for("Start a new audit");
    assert!(
        t.on_alternate_screen(),
        "the UI runs on the alternate screen"
    );
    #[cfg(unix)]
    assert_eq!(t.cooked(), Some(false), "the UI runs in raw mode");
    let s = begin_small(&mut t);
    assert!(s.contains("Section 1/1 · Question 1/2"), "{s}");
    // Orders and Support: their repetitions appear.
    t.keys(&["Space", "j", "Space"]);
    t.wait_for("[x] Support");
    let s = t.wait_for("Section 1/3 · Question 1/3");
    assert!(s.contains("[x] Orders"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("In the records?");
    t.keys(&["j", "Enter"]);
    t.wait_for("How many employees?");
    t.text("-3");
    t.keys(&["Enter"]);
    t.wait_for("✗ At least 0");
    t.keys(&["BSpace", "BSpace"]);
    t.text("300");
    t.keys(&["Enter"]);
    t.wait_for("Messenger for Orders?");
    t.keys(&["Enter"]);
    t.wait_for("Which one?");
    t.text("WhatsApp");
    t.keys(&["Enter"]);
    t.wait_for("Messenger for Support?");
    t.keys(&["j", "Enter"]);
    t.wait_for("Date?");
    t.text("2025-01-31");
    t.keys(&["Enter"]);
    let s = t.wait_for("DPIA screening");
    assert!(s.contains("Complete – "), "{s}");
    assert!(s.contains("Messenger for Orders"), "{s}");
    assert!(s.contains("Not in the records"), "{s}");
    // Every answer is saved already: q quits at once.
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();

    // The draft is on disk: a new run lists it and resumes at the question where the auditor was.
    let drafts: Vec<_> = std::fs::read_dir(drafts_dir(t.home()))
        .expect("drafts folder")
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".draft.toml"))
        .collect();
    assert_eq!(drafts.len(), 1, "one draft file");
    let mut t = Tui::start_in(
        t.into_home(),
        &["--lang", "en", "--checklists", "tests/fixtures"],
    );
    // The title comes with the checklists (loaded after the first frame); the progress is the draft's own.
    let s = t.wait_for("6/6 answered · last change");
    let s = if s.contains("· Small audit") {
        s
    } else {
        t.wait_for("· Small audit")
    };
    assert!(s.contains("Muster GmbH · Sales"), "{s}");
    t.keys(&["j", "Enter"]);
    t.wait_for("Date?");
    t.wait_for("2025-01-31");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

#[test]
fn german_ui_with_the_shipped_checklist_help_outline_resize_and_ctrl_c() {
    let mut t = Tui::start(&["--lang", "de"]);
    t.wait_for("Neue Prüfung beginnen");
    t.keys(&["Enter"]);
    t.wait_for("Checkliste wählen");
    t.keys(&["Enter"]);
    t.wait_for("Organisation *");
    // The audit date is filled in with today: Enter keeps it.
    for field in ["Muster GmbH", "Vertrieb", "", "A. Prüfer", ""] {
        if !field.is_empty() {
            t.text(field);
        }
        t.keys(&["Enter"]);
    }
    let s = t.wait_for("Frage 1/");
    let header = s.lines().next().unwrap_or_default().to_string();
    assert!(header.contains("Abschnitt 1/"), "{s}");
    t.keys(&["?"]);
    let s = t.wait_for("Tasten");
    assert!(s.contains("Hilfe"), "{s}");
    t.keys(&["Escape"]);
    // Wait until Esc is handled: an Esc followed at once by another key reads as Alt+key.
    t.wait_until("the help to close", |s| !s.contains("Tasten"));
    // Answer the first question generically (choose the first row, go on): the position moves on and
    // one required question is answered.
    // Space first, and wait for it to show: choosing a row can change the header already (a repeated
    // section appears), so the header that counts is the one after Enter.
    let before = t.screen();
    t.keys(&["Space"]);
    let chosen = t.wait_until("the first row to be chosen", |s| s != before);
    let chosen_header = chosen.lines().next().unwrap_or_default().to_string();
    t.keys(&["Enter"]);
    // The screen read is always a whole frame, so the new header is complete once it differs.
    let s = t.wait_until("the next question", |s| {
        s.lines().next() != Some(chosen_header.as_str())
    });
    let header = s.lines().next().unwrap_or_default().to_string();
    assert!(
        header.contains("Frage 1/") || header.contains("Frage 2/"),
        "{s}"
    );
    t.keys(&["o"]);
    t.wait_for("Übersicht");
    t.keys(&["Escape"]);
    t.wait_until("the outline to close", |s| !s.contains("Übersicht"));
    // Too small, then big enough again.
    t.resize(70, 20);
    t.wait_for("Terminal zu klein (benötigt 80x24)");
    t.resize(100, 30);
    t.wait_until(&format!("the question again (header {header:?})"), |s| {
        s.lines().next() == Some(header.as_str())
    });
    // A note, then Ctrl-C: nothing to confirm, the draft is saved.
    t.keys(&["Tab"]);
    t.text("laut Leitung");
    t.keys(&["Enter"]);
    t.wait_for("laut Leitung");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    let draft = std::fs::read_dir(drafts_dir(t.home()))
        .expect("drafts folder")
        .filter_map(std::result::Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".draft.toml"))
        .expect("a draft file");
    let text = std::fs::read_to_string(draft.path()).expect("read draft");
    assert!(text.contains("laut Leitung"), "{text}");
    assert!(text.contains("Muster GmbH"), "{text}");
}

/// The Small audit from the fixture folder, details filled in, at its first question (returns that screen).
fn begin_small(t: &mut Tui) -> String {
    t.wait_for("Start a new audit");
    t.keys(&["Enter"]);
    t.wait_for("Pick a checklist");
    // The fixture folder comes after the shipped checklists: the last entry.
    t.keys(&["G"]);
    t.wait_for("› Small audit");
    t.keys(&["Enter"]);
    t.wait_for("Organisation *");
    t.text("Muster GmbH");
    t.keys(&["Enter"]);
    t.text("Sales");
    t.keys(&["Enter", "Enter"]);
    t.text("A. Auditor");
    // The audit date is filled in with today: Enter keeps it.
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Which processes use e-mail?")
}

#[test]
fn sign_off_the_small_checklist_creating_a_key_in_the_ui_and_verify_the_result() {
    let mut t = Tui::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
    begin_small(&mut t);
    // Orders; in the records: yes; employees: skipped; messenger for Orders: no.
    t.keys(&["Space"]);
    t.wait_for("[x] Orders");
    t.keys(&["Enter"]);
    t.wait_for("In the records?");
    t.keys(&["Enter"]);
    t.wait_for("How many employees?");
    t.keys(&["Enter"]);
    t.wait_for("Messenger for Orders?");
    t.keys(&["j", "Enter"]);
    let s = t.wait_for("DPIA screening");
    assert!(s.contains("Complete – "), "{s}");
    t.keys(&["G", "Enter"]);
    let s = t.wait_for("Name of the signer *");
    assert!(s.contains("A. Auditor"), "{s}");
    assert!(s.contains("No signing key yet"), "{s}");
    t.keys(&["Enter"]);
    t.text("Data protection officer");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Sign off now?");
    t.keys(&["y"]);
    t.wait_for("Create a signing key");
    // Too short for a new key: refused with the rule at once.
    t.text("e2e-secret");
    t.keys(&["Enter"]);
    t.wait_for("at least 12");
    t.text("Datenschutz ist Teamarbeit");
    t.keys(&["Enter"]);
    t.text("Datenschutz ist Teamarbeit");
    t.keys(&["Enter"]);
    // Signed with the password just chosen: it is asked twice, never a third time.
    let s = t.wait_for("Signed off");
    assert!(
        !s.contains("Datenschutz ist"),
        "a password on the screen:\n{s}"
    );
    let frames = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(
        !frames.contains("Password of the signing key"),
        "the password was asked a third time"
    );
    assert!(s.contains("msgaudit verify"), "{s}");
    // c puts the verify command on the terminal's clipboard (OSC 52, base64).
    t.keys(&["c"]);
    t.wait_for("Command copied");
    let raw = t.raw();
    let osc = b"\x1b]52;c;";
    let at = raw
        .windows(osc.len())
        .position(|w| w == osc)
        .expect("an OSC 52 sequence");
    let b64: Vec<u8> = raw[at + osc.len()..]
        .iter()
        .copied()
        .take_while(|b| *b != 0x07)
        .collect();
    let decoded = ct_codecs::Base64::decode_to_vec(&b64, None).expect("base64");
    let cmd = String::from_utf8(decoded).expect("utf-8");
    assert!(cmd.starts_with("msgaudit verify "), "{cmd}");
    assert!(cmd.contains(".result.toml --pubkey "), "{cmd}");
    // The reports next to the result.
    t.keys(&["Enter"]);
    t.wait_for("Reports written");
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();

    let paths = msgaudit::store::Paths::under_home(t.home()).expect("paths");
    let results = files_in(&paths.results_dir(), ".result.toml");
    assert_eq!(results.len(), 1, "one result file");
    assert_eq!(
        files_in(&paths.results_dir(), ".result.toml.minisig").len(),
        1
    );
    assert_eq!(files_in(&paths.results_dir(), ".report.md").len(), 1);
    assert_eq!(files_in(&paths.results_dir(), ".report.html").len(), 1);
    assert_eq!(files_in(&paths.results_dir(), ".report.pdf").len(), 1);
    assert!(
        files_in(&paths.drafts_dir(), ".draft.toml").is_empty(),
        "the draft was archived"
    );
    assert_eq!(files_in(&paths.archive_dir(), ".draft.toml").len(), 1);
    let out = Command::new(bin())
        .arg("--home")
        .arg(t.home())
        .arg("--checklists")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .arg("verify")
        .arg(&results[0])
        .output()
        .expect("run msgaudit verify");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "verify failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("valid, signed by A. Auditor (Data protection officer)"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_restores_the_terminal_and_keeps_the_draft() {
    let mut t = Tui::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
    begin_small(&mut t);
    t.keys(&["Space"]);
    t.wait_for("[x] Orders");
    t.keys(&["Enter"]);
    t.wait_for("In the records?");
    // The program waits for the next key; the signal instead.
    let pid = nix::unistd::Pid::from_raw(i32::try_from(t.pid()).expect("a pid fits in i32"));
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("send SIGTERM");
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    let drafts = files_in(&drafts_dir(t.home()), ".draft.toml");
    assert_eq!(drafts.len(), 1, "one draft");
    let text = std::fs::read_to_string(&drafts[0]).expect("read draft");
    let draft = msgaudit::audit::draft::Draft::from_toml(&text).expect("the draft is intact");
    assert_eq!(
        draft
            .answers
            .get("email.processes")
            .map(std::string::ToString::to_string),
        Some("[\"orders\"]".to_string()),
        "{text}"
    );
    assert_eq!(
        draft.position.as_deref(),
        Some("email.in_records"),
        "{text}"
    );
    assert_eq!(draft.meta.organisation, "Muster GmbH");
    // The lock was given up: a new run opens the draft.
    let mut t = Tui::start_in(
        t.into_home(),
        &["--lang", "en", "--checklists", "tests/fixtures"],
    );
    t.wait_for("Muster GmbH · Sales");
    t.keys(&["j", "Enter"]);
    t.wait_for("In the records?");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
}

/// SIGHUP (the terminal window was closed), SIGINT and SIGQUIT (sent by another process: in raw mode Ctrl-C is
/// a key) end the UI like SIGTERM: position saved, terminal restored.
#[cfg(unix)]
#[test]
fn sighup_sigint_and_sigquit_restore_the_terminal_and_keep_the_position() {
    use nix::sys::signal::Signal;
    for sig in [Signal::SIGHUP, Signal::SIGINT, Signal::SIGQUIT] {
        let mut t = Tui::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
        begin_small(&mut t);
        t.keys(&["Space"]);
        t.wait_for("[x] Orders");
        t.keys(&["Enter"]);
        t.wait_for("In the records?");
        let pid = nix::unistd::Pid::from_raw(i32::try_from(t.pid()).expect("a pid fits in i32"));
        nix::sys::signal::kill(pid, sig).expect("send the signal");
        assert_eq!(t.exit_code(), 0, "{sig}");
        t.assert_restored();
        let drafts = files_in(&drafts_dir(t.home()), ".draft.toml");
        assert_eq!(drafts.len(), 1, "one draft after {sig}");
        let text = std::fs::read_to_string(&drafts[0]).expect("read draft");
        let draft = msgaudit::audit::draft::Draft::from_toml(&text).expect("the draft is intact");
        assert_eq!(
            draft.position.as_deref(),
            Some("email.in_records"),
            "{sig}: {text}"
        );
    }
}

/// The restoration checks have teeth: a msgaudit killed with SIGKILL cannot clean up, and every check
/// reports what it left behind.
#[cfg(unix)]
#[test]
fn the_harness_reports_a_terminal_left_unrestored_by_sigkill() {
    let mut t = Tui::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
    t.wait_for("Start a new audit");
    let pid = nix::unistd::Pid::from_raw(i32::try_from(t.pid()).expect("a pid fits in i32"));
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL).expect("send SIGKILL");
    let status = t.wait_ended();
    assert!(status.signal().is_some(), "{status}");
    let wrong = t.unrestored();
    for expected in [
        "still on the alternate screen",
        "cursor left hidden",
        "mouse reporting left on (AnyMotion)",
        "bracketed paste left on",
        "alternate screen not restored in the output (ESC[?1049)",
        "mouse reporting (clicks) not restored in the output (ESC[?1000)",
        "mouse reporting (SGR) not restored in the output (ESC[?1006)",
        "bracketed paste not restored in the output (ESC[?2004)",
        "cursor not restored in the output (ESC[?25)",
        "raw mode left on",
    ] {
        assert!(
            wrong.iter().any(|w| w == expected),
            "{expected:?} not in {wrong:?}"
        );
    }
}

/// A checklist with hostile texts (an OSC 52 clipboard write, BEL, a bidi override, zero-width and C1
/// characters, a line separator) is shown in the TUI without any of them reaching the terminal.
#[test]
fn hostile_checklist_texts_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = r"\u001b]52;c;ZXZpbA==\u0007\u202e\u200b\u0085\u2028";
    let src = std::fs::read_to_string("tests/fixtures/small.toml").expect("fixture");
    let src = src
        .replacen(
            "en = \"Small audit\"",
            &format!("en = \"Small{hostile}audit\""),
            1,
        )
        .replacen(
            "en = \"Which processes use e-mail?\"",
            &format!("en = \"Which processes{hostile} use e-mail?\""),
            1,
        );
    std::fs::write(dir.path().join("small.toml"), src).expect("write the checklist");
    let folder = dir.path().display().to_string();
    let mut t = Tui::start(&["--lang", "en", "--checklists", &folder]);
    t.wait_for("Start a new audit");
    t.keys(&["Enter"]);
    t.wait_for("Pick a checklist");
    t.keys(&["G", "Enter"]);
    t.wait_for("Organisation *");
    t.text("Muster GmbH");
    t.keys(&["Enter"]);
    t.text("Sales");
    t.keys(&["Enter", "Enter"]);
    t.text("A. Auditor");
    // The audit date is filled in with today: Enter keeps it.
    t.keys(&["Enter", "Enter"]);
    t.wait_for("use e-mail?");
    t.keys(&["?"]);
    t.wait_for("Why it matters");
    t.keys(&["C-c"]);
    let _ = t.exit_code();
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(
        raw.contains("Which processes"),
        "the hostile question was shown"
    );
    for (what, bad) in [
        ("OSC", "\u{1b}]"),
        ("BEL", "\u{7}"),
        ("bidi override", "\u{202e}"),
        ("zero-width space", "\u{200b}"),
        ("C1 NEL", "\u{85}"),
        ("line separator", "\u{2028}"),
    ] {
        assert!(!raw.contains(bad), "{what} reached the terminal");
    }
}

#[test]
fn digit_and_letter_hotkeys_answer_and_ctrl_n_goes_to_the_next_open_question() {
    let mut t = Tui::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
    let s = begin_small(&mut t);
    assert!(s.contains("1–9 choose answer"), "{s}");
    // Digits tick the options of a multiple choice; Enter confirms.
    t.keys(&["1"]);
    t.wait_for("[x] Orders");
    t.keys(&["2"]);
    t.wait_for("[x] Support");
    t.keys(&["Enter"]);
    t.wait_for("In the records?");
    // A digit answers a single choice and goes on: 2 is "No".
    t.keys(&["2"]);
    t.wait_for("How many employees?");
    // Leave the employees open: Ctrl+N goes to the next open question.
    t.keys(&["C-n"]);
    t.wait_for("Messenger for Orders?");
    t.keys(&["1"]);
    t.wait_for("Which one?");
    // From a text field as well (the letters there are text).
    t.keys(&["C-n"]);
    t.wait_for("Messenger for Support?");
    t.keys(&["n"]);
    t.wait_for("Date?");
    // After the last open one it wraps around to the first: the employees.
    t.keys(&["C-n"]);
    t.wait_for("How many employees?");
    // From the review too: the next open question after the employees.
    t.keys(&["C-r"]);
    t.wait_for("DPIA screening");
    t.keys(&["C-n"]);
    t.wait_for("Which one?");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    // The answers given by key are in the draft.
    let draft = files_in(&drafts_dir(t.home()), ".draft.toml");
    let text = std::fs::read_to_string(&draft[0]).expect("read draft");
    assert!(text.contains("\"email.in_records\" = false"), "{text}");
    assert!(
        text.contains("\"per_process[orders].messenger\" = true"),
        "{text}"
    );
    assert!(
        text.contains("\"per_process[support].messenger\" = false"),
        "{text}"
    );
}
