//! Plain mode through the real binary with piped stdin: whole scripted audits in both languages that end in
//! a signed result (accepted by `msgaudit verify`), every kind of invalid input ending with exit 1 and its
//! line number, the end of input saving a draft that a second run resumes, and no escape byte or other
//! control character (except newline) anywhere in the output.
//! `external_minisign_…` (in the group of tests that need an external tool, ignored by a plain
//! `cargo test`; run with `cargo test -- --include-ignored`) checks the results with the standard
//! `minisign` tool (Debian package `minisign`; `.ci/run` installs it) and fails when the tool is missing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_msgaudit");
const PASSWORD: &str = "Datenschutz ist Teamarbeit";

fn fail(e: impl std::fmt::Display) -> ! {
    panic!("{e}")
}

/// Run `msgaudit --plain` in `home` with the fixtures folder and `lines` piped to stdin.
fn run(home: &Path, extra: &[&str], lines: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("--plain")
        .arg("--home")
        .arg(home)
        .arg("--checklists")
        .arg("tests/fixtures")
        .args(extra)
        .env_remove("MSGAUDIT_HOME")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    run_cmd(cmd, lines)
}

fn run_cmd(mut cmd: Command, lines: &[&str]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| fail(e));
    let mut input = lines.join("\n");
    if !lines.is_empty() {
        input.push('\n');
    }
    let mut stdin = child.stdin.take().unwrap_or_else(|| fail("no stdin"));
    stdin
        .write_all(input.as_bytes())
        .unwrap_or_else(|e| fail(e));
    drop(stdin);
    let out = child.wait_with_output().unwrap_or_else(|e| fail(e));
    assert_clean(&out.stdout, "stdout");
    assert_clean(&out.stderr, "stderr");
    out
}

/// No ESC byte and no other control character but newline, in the bytes and in the decoded text (C1).
fn assert_clean(bytes: &[u8], what: &str) {
    assert!(!bytes.contains(&0x1b), "{what} contains an ESC byte");
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| fail(format!("{what}: {e}")));
    if let Some((i, c)) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && *c != '\n')
    {
        panic!(
            "{what} contains the control character {:?} at byte {i}: …{}…",
            c,
            &text[i.saturating_sub(60)..i]
        );
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn minisign(args: &[&std::ffi::OsStr]) -> Output {
    Command::new("minisign")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "could not run the `minisign` command ({e}). This test needs it: install it \
                 (Debian/Ubuntu: `apt-get install minisign`, or `bash .ci/run`) and run the tests again"
            )
        })
}

/// The start of every new audit of the small fixture: new audit, checklist by id, metadata.
fn start(org: &str) -> Vec<&str> {
    // The last empty line takes today as the audit date.
    vec![
        "1",
        "small",
        org,
        "Vertrieb",
        "Frau Schmidt",
        "Dr. Prüfer",
        "",
    ]
}

/// A whole audit of tests/fixtures/small.toml from the first question through sign-off with a new key.
fn answers_to_signoff() -> Vec<&'static str> {
    vec![
        "1,3",                 // email.processes: Orders, Other
        "Fax",                 //   the name of "Other"
        "n",                   // a note on email.in_records
        "Laut Handbuch nicht", //   the note
        "2",                   // email.in_records: no
        "?",                   // help on email.staff
        "300",                 // email.staff
        "1",                   // per_process[orders].messenger: yes
        "WhatsApp",            // per_process[orders].which
        "b",                   // back to per_process[orders].which
        "",                    //   keep WhatsApp
        "2",                   // per_process[other].messenger: no
        "2025-01-31",          // end.date
        "1",                   // review: sign off
        "1",                   // no key yet: create one
        PASSWORD,              //   its password
        "",                    // signer name: the auditor
        "Datenschutzbeauftragte",
        "",  // statement: the default
        "1", // confirm: signed with the password just chosen, not asked again
    ]
}

fn check_signed(home: &Path, out: &Output) -> PathBuf {
    assert!(
        out.status.success(),
        "exit {:?}\n{}\n{}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
    let results = files(&home.join("data/results"), ".result.toml");
    assert_eq!(results.len(), 1, "{}", stdout(out));
    let result = &results[0];
    assert!(
        stdout(out).contains(&result.display().to_string()),
        "the output names the result file"
    );
    let v = Command::new(BIN)
        .arg("verify")
        .arg("--home")
        .arg(home)
        .arg("--checklists")
        .arg("tests/fixtures")
        .arg(result)
        .output()
        .unwrap_or_else(|e| fail(e));
    assert!(
        v.status.success(),
        "msgaudit verify: {}{}",
        stdout(&v),
        stderr(&v)
    );
    assert!(stdout(&v).starts_with("valid, signed by Dr. Prüfer (Datenschutzbeauftragte)"));
    // The draft went to the archive; nothing is left to resume.
    assert!(files(&home.join("data/drafts"), ".draft.toml").is_empty());
    assert_eq!(files(&home.join("data/archive"), ".draft.toml").len(), 1);
    result.clone()
}

/// The standard `minisign` tool accepts the results of the scripted audits in both languages.
#[test]
#[ignore = "external tool: needs the minisign C tool (Debian package minisign); run with cargo test -- --include-ignored"]
fn external_minisign_accepts_the_results_of_scripted_audits_in_both_languages() {
    // Fail fast, before the slow key derivation, if the tool is missing.
    minisign(&["-v".as_ref()]);
    for (lang, org) in [("en", "Muster GmbH"), ("de", "Bäckerei Müller")] {
        let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
        let mut lines = start(org);
        lines.extend(answers_to_signoff());
        let out = run(home.path(), &["--lang", lang], &lines);
        let result = check_signed(home.path(), &out);
        let m = minisign(&[
            "-Vm".as_ref(),
            result.as_os_str(),
            "-p".as_ref(),
            home.path().join("config/keys/msgaudit.pub").as_os_str(),
        ]);
        assert!(
            m.status.success(),
            "minisign -V ({lang}): {}{}",
            stdout(&m),
            stderr(&m)
        );
    }
}

#[test]
fn a_scripted_audit_in_english_ends_in_a_signed_result() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut lines = start("Muster GmbH");
    lines.extend(answers_to_signoff());
    let out = run(home.path(), &["--lang", "en"], &lines);
    let result = check_signed(home.path(), &out);
    let text = stdout(&out);
    for expected in [
        "Question 1/2 · section 1/1: Which processes use e-mail?",
        "1) Orders  2) Support  3) Other  4) Unknown",
        "1) Yes  2) No  3) Unknown",
        "There is no help text for this question.",
        "Current answer: WhatsApp",
        "[High] Messenger for Orders (messenger_used)",
        "applies to: Orders",
        "[Medium] Not in the records (not_in_records)",
        "Complete – 6 of 6 required questions answered · 0 to clarify",
        "DPIA screening: required in most cases",
        "Warning: 3 findings.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let r = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    for expected in [
        "organisation = \"Muster GmbH\"",
        "lang = \"en\"",
        "Laut Handbuch nicht",
        "\"Fax\"",
        "\"2025-01-31\"",
    ] {
        assert!(r.contains(expected), "missing {expected:?} in\n{r}");
    }
}

#[test]
fn a_scripted_audit_in_german_ends_in_a_signed_result() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut lines = start("Bäckerei Müller");
    lines.extend(answers_to_signoff());
    let out = run(home.path(), &["--lang", "de"], &lines);
    let result = check_signed(home.path(), &out);
    let text = stdout(&out);
    for expected in [
        "Frage 1/2 · Abschnitt 1/1: Welche Prozesse nutzen E-Mail?",
        "1) Bestellungen  2) Support  3) Sonstiges  4) Unbekannt",
        "1) Ja  2) Nein  3) Unbekannt",
        "Befehle: ? Hilfe, b zurück, n Notiz, e Beleg anhängen, r Begründung der letzten Änderung, s speichern und beenden",
        "[Hoch] Messenger bei Bestellungen",
        "DSFA-Vorprüfung: in der Regel erforderlich",
        "Ergebnis: ",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let r = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    assert!(r.contains("lang = \"de\""), "{r}");
    assert!(r.contains("Ich bestätige"), "the German default statement");
}

#[test]
fn the_language_comes_from_the_environment_by_default() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut cmd = Command::new(BIN);
    cmd.args(["--plain", "--checklists", "tests/fixtures", "--home"])
        .arg(home.path())
        .env("LANG", "de_DE.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    let out = run_cmd(cmd, &[]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("1) Neue Prüfung beginnen"));
}

#[test]
fn without_a_subcommand_piped_stdin_chooses_plain_mode() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut cmd = Command::new(BIN);
    cmd.args(["--lang", "en", "--checklists", "tests/fixtures", "--home"])
        .arg(home.path());
    let out = run_cmd(cmd, &["1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("audit in plain mode"), "{text}");
    assert!(text.contains("3) Small audit (small 1.0.0)"), "{text}");
    assert!(text.contains("End of input; nothing was saved."), "{text}");
}

/// Each kind of invalid input ends the run with exit 1, naming the input line and the problem.
#[test]
fn invalid_input_ends_with_exit_1_and_the_line_number() {
    let base = start("Muster GmbH");
    let with = |more: &[&'static str]| {
        let mut v = base.clone();
        v.extend_from_slice(more);
        v
    };
    let cases: Vec<(&str, Vec<&str>, usize, &str)> = vec![
        (
            "start menu out of range",
            vec!["4"],
            1,
            "4 is not one of the numbers 1 to 3",
        ),
        (
            "unknown checklist",
            vec!["1", "nope"],
            2,
            "\"nope\" is not a number",
        ),
        (
            "empty required text",
            vec!["1", "small", "  "],
            3,
            "This is required",
        ),
        (
            "option out of range",
            with(&["9"]),
            8,
            "9 is not one of the numbers 1 to 4",
        ),
        (
            "not a number at a choice",
            with(&["eins"]),
            8,
            "\"eins\" is not a number",
        ),
        ("empty required answer", with(&[""]), 8, "This is required"),
        (
            "unknown combined",
            with(&["1,4"]),
            8,
            "\"4\" cannot be combined",
        ),
        (
            "unknown command",
            with(&["1", "q"]),
            9,
            "unknown command \"q\"",
        ),
        (
            "not allowed state",
            with(&["1", "x"]),
            9,
            "not possible here",
        ),
        (
            "bad number",
            with(&["1", "2", "zwölf"]),
            10,
            "\"zwölf\" is not a number",
        ),
        (
            "below the minimum",
            with(&["1", "2", "-3"]),
            10,
            "-3 is below the minimum 0",
        ),
        (
            "bad date",
            with(&["1", "2", "", "2", "2025/01/31"]),
            12,
            "\"2025/01/31\" is not a date written as YYYY-MM-DD or DD.MM.YYYY",
        ),
        (
            "impossible date",
            with(&["1", "2", "", "2", "2025-02-30"]),
            12,
            "is not a date",
        ),
        ("empty other name", with(&["3", ""]), 9, "This is required"),
        (
            "impossible audit date",
            vec!["1", "small", "M", "V", "", "P", "31.02.2026"],
            7,
            "Please enter a date as YYYY-MM-DD",
        ),
        (
            "audit date in the future",
            vec!["1", "small", "M", "V", "", "P", "2999-01-01"],
            7,
            "The date lies in the future",
        ),
    ];
    for (name, lines, line, message) in cases {
        let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
        let out = run(home.path(), &["--lang", "en"], &lines);
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: exit code\n{}\n{err}",
            stdout(&out)
        );
        let expected = format!("input line {line}: ");
        assert!(
            err.contains(&expected) && err.contains(message),
            "{name}: expected {expected:?} and {message:?} in stderr: {err}"
        );
    }
}

#[test]
fn invalid_input_is_named_in_german_too() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut lines = start("Muster GmbH");
    lines.extend(["1", "2", "zwölf"]);
    let out = run(home.path(), &["--lang", "de"], &lines);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Eingabezeile 10: „zwölf“ ist keine Zahl"),
        "{}",
        stderr(&out)
    );
    // The answers before the bad line were saved.
    let drafts = files(&home.path().join("data/drafts"), ".draft.toml");
    assert_eq!(drafts.len(), 1);
    let d = std::fs::read_to_string(&drafts[0]).unwrap_or_else(|e| fail(e));
    assert!(d.contains("\"email.in_records\" = false"), "{d}");
}

#[test]
fn end_of_input_saves_the_draft_and_a_second_run_resumes_it() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut first = start("Muster GmbH");
    first.extend(["1,3", "Fax", "n", "Laut Handbuch nicht", "2"]);
    let out = run(home.path(), &["--lang", "en"], &first);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("End of input. Draft saved: "));
    let drafts = files(&home.path().join("data/drafts"), ".draft.toml");
    assert_eq!(drafts.len(), 1);
    let d = std::fs::read_to_string(&drafts[0]).unwrap_or_else(|e| fail(e));
    assert!(d.contains("position = \"email.staff\""), "{d}");

    // A damaged draft beside it is listed with its reason and cannot be chosen.
    std::fs::write(
        home.path().join("data/drafts/broken.draft.toml"),
        "format = [",
    )
    .unwrap_or_else(|e| fail(e));

    let mut second = vec!["2", "1"];
    second.extend(["300", "1", "WhatsApp", "2", "2025-01-31"]);
    second.extend(["1", "1", PASSWORD, "", "Datenschutzbeauftragte", "", "1"]);
    let out = run(home.path(), &["--lang", "en"], &second);
    let text = stdout(&out);
    assert!(
        text.contains("-) broken.draft.toml: damaged, cannot be chosen: damaged draft"),
        "{text}"
    );
    assert!(
        text.contains(
            "1) Muster GmbH / Vertrieb – small 1.0.0, 2 of 5 required questions answered"
        ),
        "{text}"
    );
    assert!(text.contains("required questions answered."), "{text}");
    assert!(
        text.contains("Question 3/6 · section 1/4: How many employees?"),
        "resumes at the saved position:\n{text}"
    );
    let result = {
        assert!(out.status.success(), "{text}\n{}", stderr(&out));
        let r = files(&home.path().join("data/results"), ".result.toml");
        assert_eq!(r.len(), 1, "{text}");
        r[0].clone()
    };
    let r = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    assert!(
        r.contains("Laut Handbuch nicht"),
        "the first run's note: {r}"
    );
    assert!(r.contains("\"Fax\""), "the first run's other name: {r}");
    // The damaged draft is untouched and still there.
    assert_eq!(
        std::fs::read_to_string(home.path().join("data/drafts/broken.draft.toml"))
            .unwrap_or_default(),
        "format = ["
    );
}

#[test]
fn a_damaged_draft_cannot_be_chosen() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    std::fs::create_dir_all(home.path().join("data/drafts")).unwrap_or_else(|e| fail(e));
    std::fs::write(
        home.path().join("data/drafts/broken.draft.toml"),
        "format = [",
    )
    .unwrap_or_else(|e| fail(e));
    let out = run(home.path(), &["--lang", "en"], &["2", "1"]);
    let text = stdout(&out);
    assert!(
        text.contains("There is no draft that can be resumed."),
        "{text}"
    );
    // Back at the start menu, "1" is the choice "new audit"; the input then ends.
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        text.contains("Checklists (enter the number or the id):"),
        "{text}"
    );
}

#[test]
fn save_and_quit_keeps_the_draft() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut lines = start("Muster GmbH");
    lines.extend(["1", "s", "this line is never read"]);
    let out = run(home.path(), &["--lang", "en"], &lines);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Draft saved: "));
    assert!(!stdout(&out).contains("this line is never read"));
    assert_eq!(
        files(&home.path().join("data/drafts"), ".draft.toml").len(),
        1
    );
}

#[test]
fn escape_sequences_in_input_and_checklists_never_reach_the_output() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let small = std::fs::read_to_string("tests/fixtures/small.toml").unwrap_or_else(|e| fail(e));
    let hostile = small
        .replacen("id = \"small\"", "id = \"hostile\"", 1)
        .replace(
            "en = \"Small audit\"",
            "en = \"Small \\u001b[31maudit\\u0007\"",
        )
        .replace(
            "en = \"Which processes use e-mail?\"",
            "en = \"Which\\u001b]0;title\\u0007 processes\\tuse e-mail?\\r\"",
        );
    let path = dir.path().join("hostile.toml");
    std::fs::write(&path, hostile).unwrap_or_else(|e| fail(e));
    let mut cmd = Command::new(BIN);
    cmd.args(["--plain", "--lang", "en", "--home"])
        .arg(home.path())
        .arg("--checklists")
        .arg(dir.path());
    // run_cmd asserts that stdout and stderr are clean.
    let out = run_cmd(
        cmd,
        &[
            "1",
            "hostile",
            "Evil\u{1b}[2J Corp\u{7}",
            "Unit\u{8}\u{8}",
            "",
            "A\u{1b}]0;x\u{7}",
            "1,3",
            "Name\u{1b}[1;1H",
            "n",
            "note\u{1b}[5m",
            "\u{1b}",
        ],
    );
    let text = stdout(&out);
    assert!(text.contains("Small \u{FFFD}[31maudit\u{FFFD}"), "{text}");
    assert!(text.contains("Evil\u{FFFD}[2J Corp\u{FFFD}"), "{text}");
    assert_eq!(out.status.code(), Some(1), "ESC alone is not an answer");
}

#[test]
fn results_go_to_the_folder_the_auditor_chose() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let chosen = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut lines = start("Muster GmbH");
    lines.extend(answers_to_signoff());
    let results = chosen.path().display().to_string();
    let out = run(
        home.path(),
        &["--lang", "en", "--results", &results],
        &lines,
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(files(chosen.path(), ".result.toml").len(), 1);
    assert_eq!(files(chosen.path(), ".result.toml.minisig").len(), 1);
    assert!(files(&home.path().join("data/results"), ".result.toml").is_empty());
}

/// `msgaudit --plain --checklists checklists` (the shipped folder named again) listed every shipped
/// checklist twice.
#[test]
fn the_shipped_folder_named_again_lists_each_checklist_once() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let mut cmd = Command::new(BIN);
    cmd.args([
        "--plain",
        "--lang",
        "en",
        "--checklists",
        "checklists",
        "--home",
    ])
    .arg(home.path())
    .env_remove("MSGAUDIT_HOME");
    let out = run_cmd(cmd, &["1"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for id in ["messenger-audit ", "messenger-app-review "] {
        assert_eq!(text.matches(id).count(), 1, "{id}:\n{text}");
    }
}
