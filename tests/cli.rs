//! The command-line contract of `check` and `evaluate`: output format and exit codes (0 ok, 1 invalid
//! input, 2 usage error), run through the real binary.

use std::process::{Command, Output};

fn msgaudit(args: &[&str]) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

#[test]
fn check_passes_on_the_shipped_checklists_by_default() {
    let (code, out, err) = msgaudit(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok: "), "{out}");
    assert!(out.contains("example(s) passed"), "{out}");
}

#[test]
fn check_reports_every_broken_file_and_exits_1() {
    let (code, _, err) = msgaudit(&[
        "check",
        "tests/broken/unknown-kind.toml",
        "tests/broken/bad-id.toml",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("tests/broken/unknown-kind.toml:30:8: error: unknown kind `choice`"),
        "{err}"
    );
    assert!(
        err.contains("tests/broken/bad-id.toml:29:6: error:"),
        "{err}"
    );
    assert!(
        err.contains("error: 2 problem(s) in 2 checklist file(s)"),
        "{err}"
    );
}

#[test]
fn check_of_a_missing_path_is_an_error() {
    let (code, _, err) = msgaudit(&["check", "no/such/file.toml"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no/such/file.toml:1:1: error: no such file or folder"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(msgaudit(&["check", "--no-such-flag"]).0, 2);
    assert_eq!(msgaudit(&["frobnicate"]).0, 2);
    assert_eq!(msgaudit(&["evaluate", "only-one-arg.toml"]).0, 2);
}

#[test]
fn a_wrong_expectation_in_an_examples_file_fails_with_a_readable_diff() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy("tests/fixtures/small.toml", dir.path().join("small.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let examples = std::fs::read_to_string("tests/fixtures/small.examples.toml")
        .unwrap_or_default()
        .replace(
            "expect_findings = [\"messenger_used[orders]\", \"not_in_records\"]",
            "expect_findings = [\"messenger_used[orders]\", \"made_up\"]",
        )
        .replace("expect_dpia = \"consider\"", "expect_dpia = \"required\"");
    std::fs::write(dir.path().join("small.examples.toml"), examples)
        .unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("small.toml");
    let (code, _, err) = msgaudit(&["check", &path.display().to_string()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("small.examples.toml:2:8: error: example \"orders via messenger\" does not give what it expects"), "{err}");
    assert!(
        err.contains("= findings expected but not derived: made_up"),
        "{err}"
    );
    assert!(
        err.contains("= findings derived but not expected: not_in_records"),
        "{err}"
    );
    assert!(
        err.contains(
            "= DPIA verdict: expected required, derived consider (criteria met: new_technology)"
        ),
        "{err}"
    ); // The same in German: the message and its notes.
    let (code, _, err) = msgaudit(&["--lang", "de", "check", &path.display().to_string()]);
    assert_eq!(code, 1, "{err}");
    for said in [
        "small.examples.toml:2:8: Fehler: das Beispiel „orders via messenger“ ergibt nicht, was es erwartet",
        "= Befunde erwartet, aber nicht abgeleitet: made_up",
        "= Befunde abgeleitet, aber nicht erwartet: not_in_records",
        "= Ergebnis der DSFA-Vorprüfung: erwartet required, abgeleitet consider (erfüllte Kriterien: new_technology)",
    ] {
        assert!(err.contains(said), "{said:?} in {err}");
    }
}

#[test]
fn evaluate_prints_open_questions_findings_and_the_dpia_verdict() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = dir.path().join("answers.toml");
    std::fs::write(
        &answers,
        "[answers]\n\"email.processes\" = [\"orders\"]\n\"email.in_records\" = false\n\"per_process[orders].messenger\" = true\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let a = answers.display().to_string();
    let (code, out, err) = msgaudit(&["evaluate", "tests/fixtures/small.toml", &a, "--lang", "de"]);
    assert_eq!(code, 0, "{err}");
    for expected in [
        "UNVOLLSTÄNDIG – 2 von 5 Pflichtfragen offen",
        "Zu klären (2):",
        "  per_process[orders].which  Prozess: Bestellungen › Welcher? (nicht beantwortet)",
        "  [Hoch] messenger_used  Messenger bei Bestellungen (betrifft: Bestellungen)",
        "DSFA-Vorprüfung: DSFA zu erwägen (vorläufig) – Erfüllte Kriterien: Innovative Nutzung neuer Technologien (new_technology)",
        "Hoch 1 · Mittel 1 · Niedrig 0 · Hinweis 0",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let (code, out, _) = msgaudit(&[
        "evaluate",
        "tests/fixtures/small.toml",
        &a,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["dpia"]["verdict"], "consider");
    assert_eq!(v["findings"][0]["key"], "messenger_used[orders]");
    assert_eq!(v["open"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["outcome"]["completeness"]["complete"], false);
    assert_eq!(v["outcome"]["dpia"]["provisional"], true);
    assert_eq!(v["outcome"]["finding"][0]["id"], "messenger_used");
}

#[test]
fn evaluate_locates_bad_answers() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = dir.path().join("answers.toml");
    std::fs::write(
        &answers,
        "[answers]\n\"email.staff\" = \"many\"\n\"email.nope\" = true\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = msgaudit(&[
        "evaluate",
        "tests/fixtures/small.toml",
        &answers.display().to_string(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("answers.toml:2:1: error: a number answer is a number"),
        "{err}"
    );
    assert!(
        err.contains("answers.toml:3:1: error: `email.nope` is not an answer key"),
        "{err}"
    );
}

#[test]
fn summary_of_a_folder_without_results_says_so_and_exits_1() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = msgaudit(&["summary", &dir.path().display().to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("no result files (*.result.toml) in"), "{err}");
}

#[test]
fn keygen_checks_the_folder_before_asking_for_a_password() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = msgaudit(&["keygen", "--home", &blocker.display().to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("could not create the folder"), "{err}");
}

/// `msgaudit evaluate … | head` closes the pipe before msgaudit is done writing: that ends the command
/// quietly with exit 0, never with a panic. The read end is closed before the program starts, so every
/// write fails with EPIPE and the test does not depend on timing.
#[test]
fn a_closed_output_pipe_ends_commands_quietly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, "[answers]\n\"email.processes\" = [\"orders\"]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let a = answers.display().to_string();
    let small = "tests/fixtures/small.toml";
    for args in [
        &["evaluate", small, &a, "--format", "json"][..],
        &["evaluate", small, &a][..],
        &["check"][..],
        &["--help"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap_or_else(|e| panic!("pipe: {e}"));
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

fn msgaudit_in(lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("MSGAUDIT_HOME")
        .output()
        .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every command's own words follow the language of the environment: German with `de_DE`, English with
/// `en_US` (results, warnings and errors alike).
#[test]
fn command_output_and_errors_follow_the_language() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let h = home.path().display().to_string();
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let e = empty.path().display().to_string();
    let cases: [(&[&str], i32, &str, &str, bool); 5] = [
        (
            &["check"],
            0,
            "Checklisten-Datei(en) gültig",
            "checklist file(s) valid",
            true,
        ),
        (
            &["check", "tests/broken/unknown-kind.toml"],
            1,
            "Fehler: 1 Problem(e) in 1 Checklisten-Datei(en)",
            "error: 1 problem(s) in 1 checklist file(s)",
            false,
        ),
        (
            &["--home", &h, "verify", "/nonexistent/a.result.toml"],
            1,
            "UNGÜLTIG: die Ergebnisdatei /nonexistent/a.result.toml kann nicht gelesen werden",
            "INVALID: cannot read the result /nonexistent/a.result.toml",
            false,
        ),
        (
            &["--home", &h, "summary", &e],
            1,
            "Fehler: keine Ergebnisdateien (*.result.toml) in",
            "error: no result files (*.result.toml) in",
            false,
        ),
        (
            &["--home", &h, "report", "/nonexistent/a.result.toml"],
            1,
            "es gibt nichts, worüber berichtet werden könnte",
            "there is nothing to report on",
            false,
        ),
    ];
    for (args, code, de, en, on_stdout) in cases {
        for (lang, expected) in [("de_DE.UTF-8", de), ("en_US.UTF-8", en)] {
            let (got, out, err) = msgaudit_in(lang, args);
            assert_eq!(got, code, "{lang} {args:?}: {out}{err}");
            let text = if on_stdout { &out } else { &err };
            assert!(text.contains(expected), "{lang} {args:?}: {text}");
        }
    }
}
