//! Plain mode as a library over an in-memory reader and writer: the interactive path (invalid input is
//! re-asked, the password comes from the no-echo reader and a new one is asked twice), the injected clock,
//! knowledge-base help in a repeated section, and the choice of plain mode.

use std::cell::RefCell;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use msgaudit::catalog::Origin;
use msgaudit::lang::Lang;
use msgaudit::plain::{self, Env, Failure, Outcome};
use msgaudit::store::Paths;

fn fail(e: impl std::fmt::Display) -> ! {
    panic!("{e}")
}

struct Run {
    outcome: Result<Outcome, Failure>,
    output: String,
}

/// Run plain mode with `lines` as input; `secrets` feed the no-echo password reader (interactive only).
fn run(home: &Path, lang: Lang, interactive: bool, lines: &[&str], secrets: &[&str]) -> Run {
    let dirs = vec![
        (Origin::Shipped, msgaudit::shipped::dir()),
        (Origin::Extra, PathBuf::from("tests/fixtures")),
    ];
    run_with(home, dirs, lang, interactive, lines, secrets)
}

fn run_with(
    home: &Path,
    checklist_dirs: Vec<(Origin, PathBuf)>,
    lang: Lang,
    interactive: bool,
    lines: &[&str],
    secrets: &[&str],
) -> Run {
    let mut input = Cursor::new(format!("{}\n", lines.join("\n")).into_bytes());
    let mut output = Vec::new();
    let queue = RefCell::new(
        secrets
            .iter()
            .map(std::string::ToString::to_string)
            .collect::<Vec<_>>(),
    );
    let mut secret = || {
        let mut q = queue.borrow_mut();
        if q.is_empty() {
            Err(std::io::Error::other("no more passwords"))
        } else {
            Ok(q.remove(0))
        }
    };
    let clock = || Timestamp::from_second(1_750_000_000).unwrap_or_else(|e| fail(e));
    let env = Env {
        input: &mut input,
        output: &mut output,
        interactive,
        read_secret: if interactive { Some(&mut secret) } else { None },
        clock: &clock,
        zone: msgaudit::i18n::dates::Zone::utc(),
        paths: Paths::under_home(home).unwrap_or_else(|e| fail(e)),
        checklist_dirs,
        lang,
        evidence: Vec::new(),
    };
    let outcome = plain::run(env);
    let output = String::from_utf8(output).unwrap_or_else(|e| fail(e));
    assert!(
        !output.chars().any(|c| c.is_control() && c != '\n'),
        "control character in the output:\n{output}"
    );
    Run { outcome, output }
}

#[test]
fn on_a_terminal_invalid_input_is_re_asked_with_a_clear_message() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let r = run(
        home.path(),
        Lang::En,
        true,
        &[
            "7",
            "1",
            "small",
            "",
            "Muster GmbH",
            "Vertrieb",
            "",
            "Dr. Prüfer",
            "", // the audit date: today
            "",
            "9",
            "x",
            "1",
            "q",
            "2",
            "-1",
            "abc",
            "",
            "b",
            "1",
        ],
        &[],
    );
    let o = &r.output;
    for expected in [
        "7 is not one of the numbers 1 to 3",
        "This is required; please enter some text.",
        "9 is not one of the numbers 1 to 4",
        "this answer is not possible here: x",
        "unknown command \"q\"; the commands are ? b n s",
        "-1 is below the minimum 0",
        "\"abc\" is not a number",
        "End of input. Draft saved: ",
    ] {
        assert!(o.contains(expected), "missing {expected:?} in\n{o}");
    }
    // The staff question was skipped (optional); "b" went back to it and then "1" answered it.
    assert!(o.contains("Optional: an empty line skips the question."));
    match r.outcome {
        Ok(Outcome::EndOfInput(Some(path))) => {
            let d = std::fs::read_to_string(path).unwrap_or_else(|e| fail(e));
            assert!(d.contains("\"email.staff\" = 1"), "{d}");
            assert!(d.contains("\"email.in_records\" = false"), "{d}");
            assert!(d.contains("started = \"2025-06-15T15:06:40Z\""), "{d}");
        }
        other => panic!("{other:?}\n{o}"),
    }
}

#[test]
fn from_a_script_the_first_invalid_line_ends_the_run() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let r = run(
        home.path(),
        Lang::En,
        false,
        &[
            "1",
            "small",
            "Muster GmbH",
            "Vertrieb",
            "",
            "Dr. Prüfer",
            "", // the audit date: today
            "1",
            "9",
        ],
        &[],
    );
    let f = r
        .outcome
        .err()
        .unwrap_or_else(|| fail("expected a failure"));
    assert_eq!(f.line, Some(9));
    assert_eq!(
        f.message,
        "input line 9: 9 is not one of the numbers 1 to 3"
    );
}

#[test]
fn on_a_terminal_the_password_is_read_without_echo_and_a_new_one_twice() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let lines = [
        "1",
        "small",
        "Muster GmbH",
        "Vertrieb",
        "",
        "Dr. Prüfer",
        "", // the audit date: today
        "0",
        "1",
        "",
        "1",
        "1",
        "",
        "DSB",
        "Eigene Erklärung.",
        "1",
    ];
    let r = run(
        home.path(),
        Lang::De,
        true,
        &lines,
        // Too short for a new key, then two that differ, then the same twice: the key, and the audit
        // is signed with that password without asking for it again.
        &[
            "Kennwort42",
            "Datenschutz ist Teamarbeit",
            "Datenschutz ist Chefsache",
            "Datenschutz ist Teamarbeit",
            "Datenschutz ist Teamarbeit",
        ],
    );
    let o = &r.output;
    assert!(
        o.contains("Das Passwort ist zu kurz: 10 Zeichen, nötig sind mindestens 12."),
        "{o}"
    );
    assert!(o.contains("Die beiden Passwörter sind verschieden."), "{o}");
    assert!(
        !o.contains("Passwort des Signaturschlüssels"),
        "asked a third time:\n{o}"
    );
    assert!(
        !o.contains("Datenschutz ist"),
        "a password was echoed:\n{o}"
    );
    match r.outcome {
        Ok(Outcome::Signed(s)) => {
            let name = s
                .result
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            assert!(
                name.starts_with("muster-gmbh-2025-06-15-"),
                "the date comes from the injected clock: {name}"
            );
            let text = std::fs::read_to_string(&s.result).unwrap_or_else(|e| fail(e));
            assert!(text.contains("Eigene Erklärung."), "{text}");
            assert!(text.contains("\"email.processes\" = []"), "{text}");
        }
        other => panic!("{other:?}\n{o}"),
    }
}

#[test]
fn without_a_key_the_auditor_can_save_and_quit() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let r = run(
        home.path(),
        Lang::En,
        false,
        &["1", "small", "M", "V", "", "A", "", "0", "1", "", "1", "2"],
        &[],
    );
    assert!(
        r.output.contains("There is no signing key yet"),
        "{}",
        r.output
    );
    assert!(
        matches!(r.outcome, Ok(Outcome::Saved(ref p)) if p.is_file()),
        "{:?}\n{}",
        r.outcome,
        r.output
    );
}

#[test]
fn help_in_a_repeated_section_shows_the_knowledge_base_facts() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let r = run(
        home.path(),
        Lang::En,
        false,
        &[
            "1",
            "messenger-app-review",
            "M",
            "V",
            "",
            "A",
            "", // the audit date: today
            "?",
            "7",
            "?",
        ],
        &[],
    );
    let o = &r.output;
    assert!(
        o.contains("Help: A review always concerns one specific service"),
        "{o}"
    );
    assert!(o.contains("Data protection review: Signal"), "{o}");
    assert!(o.contains("About Signal (as of "), "{o}");
    assert!(o.contains("Sources: https://"), "{o}");
    assert!(matches!(r.outcome, Ok(Outcome::EndOfInput(Some(_)))));
}

#[test]
fn plain_mode_is_chosen_by_flag_pipe_or_dumb_terminal() {
    assert!(!plain::should_use_plain(
        false,
        true,
        true,
        Some("xterm-256color")
    ));
    assert!(!plain::should_use_plain(false, true, true, None));
    assert!(plain::should_use_plain(true, true, true, Some("xterm")));
    assert!(plain::should_use_plain(false, false, true, Some("xterm")));
    assert!(plain::should_use_plain(false, true, false, Some("xterm")));
    assert!(plain::should_use_plain(false, true, true, Some("dumb")));
}

#[test]
fn every_ui_text_exists_in_both_languages_with_the_same_placeholders() {
    for &s in plain::S::ALL {
        let (de, en) = (s.get(Lang::De), s.get(Lang::En));
        assert!(!de.is_empty() && !en.is_empty(), "{s:?}");
        for i in 0..10 {
            let p = format!("{{{i}}}");
            assert_eq!(de.contains(&p), en.contains(&p), "{s:?} {p}");
        }
    }
}

/// Resumed on a changed checklist, plain mode says so once and the draft then belongs to the new version:
/// it used to keep the old reference and warn on every resume.
#[test]
fn a_draft_resumed_on_a_changed_checklist_adopts_it_and_warns_once() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let folder = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let checklist = folder.path().join("small.toml");
    let original = std::fs::read_to_string("tests/fixtures/small.toml").unwrap_or_else(|e| fail(e));
    std::fs::write(&checklist, &original).unwrap_or_else(|e| fail(e));
    let dirs = || vec![(Origin::Extra, folder.path().to_path_buf())];
    let started = run_with(
        home.path(),
        dirs(),
        Lang::En,
        false,
        &["1", "small", "M", "V", "", "A", ""],
        &[],
    );
    assert!(
        matches!(started.outcome, Ok(Outcome::EndOfInput(Some(_)))),
        "{:?}\n{}",
        started.outcome,
        started.output
    );
    let changed = original.replacen("version = \"1.0.0\"", "version = \"1.1.0\"", 1);
    assert_ne!(changed, original);
    std::fs::write(&checklist, changed).unwrap_or_else(|e| fail(e));
    let note = "Note: the checklist has changed since the audit was started.";
    let first = run_with(home.path(), dirs(), Lang::En, false, &["2", "1"], &[]);
    assert!(first.output.contains(note), "{}", first.output);
    let second = run_with(home.path(), dirs(), Lang::En, false, &["2", "1"], &[]);
    assert!(second.output.contains("resumed"), "{}", second.output);
    assert!(!second.output.contains(note), "{}", second.output);
}

/// "Unknown" is a point to clarify: the review lists it by its question text and place, and counts it in the
/// management summary.
#[test]
fn the_review_lists_unknown_answers_as_open_points() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let r = run(
        home.path(),
        Lang::En,
        false,
        &["1", "small", "M", "V", "", "A", "", "0", "3", "", "u", "3"],
        &[],
    );
    let out = &r.output;
    let review = out
        .split("Management summary")
        .nth(1)
        .unwrap_or_else(|| fail(out));
    assert!(review.contains("· 2 to clarify"), "{out}");
    assert!(review.contains("To clarify (2):"), "{out}");
    assert!(
        review.contains("  - [answered “unknown”] E-mail › In the records? (email.in_records)"),
        "{out}"
    );
}
