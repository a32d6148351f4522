//! Every command's output and errors in German (`LANG=de_DE.UTF-8`) and English (`LANG=en_US.UTF-8`),
//! run through the real binary without `--lang`; `LC_ALL` wins over `LANG`, and `--lang` over both. German
//! output must hold none of msgaudit's English, the checks of a checklist's content included.

mod report_support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use report_support::{signed, standard_audit};

struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Run msgaudit with only `env` deciding the language (no `--lang` unless in `args`).
fn run(env: &[(&str, &str)], args: &[&str], stdin: &str) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msgaudit"));
    cmd.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("MSGAUDIT_HOME")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
    if let Some(mut i) = child.stdin.take() {
        // A command that reads no input may have ended already: a closed pipe here is fine.
        let _ = i.write_all(stdin.as_bytes());
    }
    let o = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("msgaudit: {e}"));
    Run {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

const DE: &[(&str, &str)] = &[("LANG", "de_DE.UTF-8")];
const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

/// msgaudit's own English words and the operating system's; none may reach German output.
const ENGLISH: &[&str] = &[
    "error:",
    "warning:",
    "note:",
    "cannot",
    "could not",
    "No such",
    "no such",
    "os error",
    "not found",
    "INVALID",
    "nothing to report",
    "permission",
    "is not a",
    " the ",
    "Usage:",
    "For more information",
];

fn assert_german(what: &str, text: &str) {
    for w in ENGLISH {
        assert!(
            !text.contains(w),
            "{what}: English {w:?} in German output:\n{text}"
        );
    }
}

/// One case: the same command in both languages, with the words each must say.
struct Case<'a> {
    args: Vec<&'a str>,
    stdin: &'a str,
    code: i32,
    de: &'a [&'a str],
    en: &'a [&'a str],
}

fn check(case: &Case<'_>) {
    let de = run(DE, &case.args, case.stdin);
    let en = run(EN, &case.args, case.stdin);
    for (lang, r, words) in [("de", &de, case.de), ("en", &en, case.en)] {
        let all = format!("{}{}", r.out, r.err);
        assert_eq!(r.code, case.code, "{lang} {:?}:\n{all}", case.args);
        for w in words {
            assert!(
                all.contains(w),
                "{lang} {:?}: missing {w:?} in\n{all}",
                case.args
            );
        }
    }
    assert_german(
        &format!("{:?}", case.args),
        &format!("{}{}", de.out, de.err),
    );
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn check_and_evaluate_speak_the_language_of_the_environment() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap_or_else(|e| panic!("{e}"));
    let answers = dir.path().join("answers.toml");
    std::fs::write(&answers, "[answers]\n\"email.processes\" = [\"orders\"]\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let lone = dir.path().join("lone.examples.toml");
    std::fs::write(&lone, "").unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.path().join("missing.toml");
    let (empty, answers, lone, missing) = (s(&empty), s(&answers), s(&lone), s(&missing));
    let small = "tests/fixtures/small.toml";
    let cases = [
        Case {
            args: vec!["check"],
            stdin: "",
            code: 0,
            de: &["Checklisten-Datei(en) gültig", "Beispiel(e) bestanden"],
            en: &["checklist file(s) valid", "example(s) passed"],
        },
        Case {
            args: vec!["check", &missing],
            stdin: "",
            code: 1,
            de: &[
                "missing.toml:1:1: Fehler: weder eine Datei noch ein Ordner ist dort",
                "Fehler: 1 Problem(e) in 0 Checklisten-Datei(en)",
            ],
            en: &[
                "missing.toml:1:1: error: no such file or folder",
                "error: 1 problem(s) in 0 checklist file(s)",
            ],
        },
        Case {
            args: vec!["check", &empty],
            stdin: "",
            code: 1,
            de: &["Fehler: dieser Ordner enthält keine Checklisten-Dateien (*.toml)"],
            en: &["error: this folder holds no checklist (*.toml) files"],
        },
        Case {
            args: vec!["check", &lone],
            stdin: "",
            code: 1,
            de: &["Fehler: eine Beispieldatei braucht ihre Checkliste"],
            en: &["error: an examples file needs its checklist"],
        },
        Case {
            args: vec!["evaluate", small, &answers],
            stdin: "",
            code: 0,
            de: &[
                "Checkliste: small",
                "Zu klären (",
                "Befunde (",
                "DSFA-Vorprüfung",
            ],
            en: &[
                "checklist: small",
                "To clarify (",
                "Findings (",
                "DPIA screening",
            ],
        },
        Case {
            args: vec!["evaluate", small, &missing],
            stdin: "",
            code: 1,
            de: &["missing.toml:1:1: Fehler: die Datei ist nicht vorhanden"],
            en: &["missing.toml:1:1: error: no such file"],
        },
        // The answers file is named as a file, not as a checklist.
        Case {
            args: vec!["evaluate", small, &empty],
            stdin: "",
            code: 1,
            de: &["Fehler: das ist ein Ordner, keine Datei"],
            en: &["error: this is a folder, not a file"],
        },
    ];
    for c in &cases {
        check(c);
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_as_answers_file_is_refused_as_a_file_not_as_a_checklist() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.path().join("answers.toml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success());
    check(&Case {
        args: vec!["evaluate", "tests/fixtures/small.toml", &s(&fifo)],
        stdin: "",
        code: 1,
        de: &[
            "Fehler: das ist keine gewöhnliche Datei (eine Pipe oder ein Gerät); nennen Sie den Pfad einer Datei",
        ],
        en: &["error: this is not a regular file (a pipe or a device); give the path of a file"],
    });
    for lang in [DE, EN] {
        let r = run(
            lang,
            &["evaluate", "tests/fixtures/small.toml", &s(&fifo)],
            "",
        );
        assert!(
            !r.err.contains("checklist") && !r.err.contains("Checkliste"),
            "{}",
            r.err
        );
    }
}

/// A checklist check's message, its level word and the summary line follow the language; the located
/// excerpt with its caret is the same in both.
#[test]
fn checklist_diagnostics_speak_the_language() {
    let de = run(DE, &["check", "tests/broken/unknown-kind.toml"], "");
    assert!(
        de.err.contains(
            "tests/broken/unknown-kind.toml:30:8: Fehler: unbekannte Art `choice`; möglich sind yes_no, single, multi, text, number oder date\n   |\n30 | kind = \"choice\"\n   |        ^^^^^^^^\n"
        ),
        "{}",
        de.err
    );
    assert_german("check tests/broken/unknown-kind.toml", &de.err);
    let de = run(
        EN,
        &[
            "--lang",
            "de",
            "check",
            "tests/broken/condition-syntax.toml",
        ],
        "",
    );
    assert!(
        de.err.contains(
            "tests/broken/condition-syntax.toml:32:29: Fehler: in der Bedingung: die Bedingung endet zu früh: erwartet: `)`\n"
        ),
        "{}",
        de.err
    );
    assert_german(
        "--lang de check tests/broken/condition-syntax.toml",
        &de.err,
    );
    assert!(
        de.err
            .contains("Fehler: 1 Problem(e) in 1 Checklisten-Datei(en)")
    );
    let en = run(EN, &["check", "tests/broken/unknown-kind.toml"], "");
    assert!(
        en.err.contains(":30:8: error: unknown kind `choice`"),
        "{}",
        en.err
    );
}

#[test]
fn keygen_speaks_the_language_of_the_environment() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap_or_else(|e| panic!("{e}"));
    let (de_home, en_home) = (dir.path().join("de"), dir.path().join("en"));
    for (lang, home, created) in [
        (DE, &de_home, "Signaturschlüsselpaar angelegt (Schlüssel-ID"),
        (EN, &en_home, "created a signing key pair (key id"),
    ] {
        let r = run(
            lang,
            &["--home", &s(home), "keygen"],
            "Datenschutz ist Teamarbeit\n",
        );
        assert_eq!(r.code, 0, "{}", r.err);
        assert!(r.out.contains(created), "{}", r.out);
        if lang == DE {
            assert_german("keygen", &r.out);
        }
    }
    let home = s(&de_home);
    check(&Case {
        args: vec!["--home", &home, "keygen"],
        stdin: "",
        code: 1,
        de: &[
            "Fehler: Es gibt bereits einen Signaturschlüssel in",
            "keygen --force` ersetzt ihn",
        ],
        en: &[
            "error: a signing key already exists at",
            "keygen --force` to replace it",
        ],
    });
    let fresh = s(&dir.path().join("fresh"));
    check(&Case {
        args: vec!["--home", &fresh, "keygen"],
        stdin: "",
        code: 1,
        de: &["Fehler: kein Passwort angegeben: die Eingabe ist zu Ende"],
        en: &["error: no password given: the input ended"],
    });
    let blocked = s(&blocker);
    check(&Case {
        args: vec!["--home", &blocked, "keygen"],
        stdin: "",
        code: 1,
        de: &[
            "kann nicht angelegt werden: ein Teil des Pfads ist eine Datei, kein Ordner",
            "wählen Sie mit --home DIR einen anderen Ordner",
        ],
        en: &[
            "could not create the folder",
            "a part of the path is a file, not a folder",
        ],
    });
}

/// Arguments, exit code, German words, English words.
type Row<'a> = (Vec<String>, i32, Vec<&'a str>, Vec<&'a str>);

#[test]
fn verify_report_and_summary_speak_the_language_of_the_environment() {
    let f = signed(&standard_audit());
    let home = s(f.home.path());
    let lists = s(f.checklists.path());
    let result = s(&f.result);
    // A copy with one answer changed after signing: the signature no longer holds.
    let bad_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = bad_dir.path().join("bad.result.toml");
    let text = std::fs::read_to_string(&f.result).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&bad, format!("{text}# changed after signing\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(&f.signature, bad_dir.path().join("bad.result.toml.minisig"))
        .unwrap_or_else(|e| panic!("{e}"));
    let bad = s(&bad);
    let missing = s(&bad_dir.path().join("missing.result.toml"));
    let unsigned = bad_dir.path().join("unsigned.result.toml");
    std::fs::write(&unsigned, &text).unwrap_or_else(|e| panic!("{e}"));
    let unsigned = s(&unsigned);
    let nowhere = s(&bad_dir.path().join("no").join("such").join("report.md"));
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let empty = s(empty.path());
    let g = |args: &[&'static str]| -> Vec<&'static str> { args.to_vec() };
    let base = |rest: Vec<&str>| -> Vec<String> {
        let mut v = vec![
            "--home".to_string(),
            home.clone(),
            "--checklists".into(),
            lists.clone(),
        ];
        v.extend(rest.into_iter().map(String::from));
        v
    };
    let cases: Vec<Row<'_>> = vec![
        (
            base(vec!["verify", &result]),
            0,
            g(&["gültig, signiert von"]),
            g(&["valid, signed by"]),
        ),
        (
            base(vec!["verify", &bad]),
            1,
            g(&["UNGÜLTIG: Die Signatur passt nicht"]),
            g(&["INVALID: the signature does not match"]),
        ),
        (
            base(vec!["verify", &missing]),
            1,
            g(&[
                "UNGÜLTIG: die Ergebnisdatei",
                "kann nicht gelesen werden: nicht gefunden",
            ]),
            g(&["INVALID: cannot read the result", ": not found"]),
        ),
        (
            base(vec!["verify", &unsigned]),
            1,
            g(&[
                "die Signatur",
                "unsigned.result.toml.minisig kann nicht gelesen werden: nicht gefunden",
            ]),
            g(&[
                "cannot read the signature",
                "unsigned.result.toml.minisig: not found",
            ]),
        ),
        (base(vec!["report", &result]), 0, g(&["#"]), g(&["#"])),
        (
            base(vec!["report", &bad]),
            1,
            g(&[
                "Warnung:",
                "Die Signatur passt nicht",
                "der Bericht sagt das ganz oben",
            ]),
            g(&[
                "warning:",
                "the signature does not match",
                "the report says so at the top",
            ]),
        ),
        (
            base(vec!["report", &missing]),
            1,
            g(&[
                "Fehler:",
                "nicht gefunden; es gibt nichts, worüber berichtet werden könnte",
            ]),
            g(&["error:", "not found; there is nothing to report on"]),
        ),
        (
            base(vec!["report", &result, "--findings"]),
            2,
            g(&["Fehler: --findings gilt nur für --format csv"]),
            g(&["error: --findings applies to --format csv only"]),
        ),
        (
            base(vec!["report", &result, "-o", &nowhere]),
            1,
            g(&[
                "Fehler:",
                "report.md kann nicht geschrieben werden: nicht gefunden",
            ]),
            g(&["error: could not write", "report.md: not found"]),
        ),
        (base(vec!["summary", &result]), 0, g(&["#"]), g(&["#"])),
        (
            base(vec!["summary", &result, &missing]),
            1,
            g(&["Warnung: missing.result.toml: UNGÜLTIG: die Ergebnisdatei"]),
            g(&["warning: missing.result.toml: INVALID: cannot read the result"]),
        ),
        (
            base(vec!["summary", &empty]),
            1,
            g(&["Fehler: keine Ergebnisdateien (*.result.toml) in"]),
            g(&["error: no result files (*.result.toml) in"]),
        ),
        (
            base(vec!["summary", &result, "-o", &nowhere]),
            1,
            g(&[
                "Fehler:",
                "report.md kann nicht geschrieben werden: nicht gefunden",
            ]),
            g(&["error: could not write", "report.md: not found"]),
        ),
    ];
    for (args, code, de, en) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let case = Case {
            args: args.clone(),
            stdin: "",
            code: *code,
            de,
            en,
        };
        // The report and the overview are in the audit's language; only msgaudit's messages follow
        // the environment, so the leak check reads stderr alone for them.
        if args.contains(&"report") || args.contains(&"summary") {
            let de_run = run(DE, &args, "");
            assert_german(&format!("{args:?}"), &de_run.err);
            let en_run = run(EN, &args, "");
            for (lang, r, words) in [("de", &de_run, de), ("en", &en_run, en)] {
                assert_eq!(r.code, *code, "{lang} {args:?}: {}{}", r.out, r.err);
                let all = format!("{}{}", r.out, r.err);
                for w in words {
                    assert!(all.contains(w), "{lang} {args:?}: missing {w:?} in\n{all}");
                }
            }
        } else {
            check(&case);
        }
    }
}

/// Usage errors (clap's) in German too; `--help` stays English (README says so).
#[test]
fn usage_errors_speak_the_language_of_the_environment() {
    for (args, de, en) in [
        (
            &["frobnicate"][..],
            "Fehler: unbekannter Befehl „frobnicate“",
            "error: unrecognized subcommand 'frobnicate'",
        ),
        (
            &["chek"][..],
            "meinten Sie „checklist“ oder „check“?",
            "some similar subcommands exist: 'checklist', 'check'",
        ),
        (
            &["check", "--no-such-flag"][..],
            "Fehler: unbekannte Option „--no-such-flag“",
            "error: unexpected argument '--no-such-flag'",
        ),
        (
            &["evaluate", "only-one.toml"][..],
            "Fehler: es fehlt eine Angabe: <ANSWERS>",
            "error: the following required arguments were not provided",
        ),
        (
            &["completions", "tcsh"][..],
            "Fehler: „tcsh“ ist kein gültiger Wert für <SHELL>",
            "error: invalid value 'tcsh'",
        ),
    ] {
        let d = run(DE, args, "");
        assert_eq!(d.code, 2, "{args:?}: {}", d.err);
        assert!(d.err.contains(de), "{args:?}: {}", d.err);
        assert_german(&format!("{args:?}"), &d.err);
        let e = run(EN, args, "");
        assert_eq!(e.code, 2);
        assert!(e.err.contains(en), "{args:?}: {}", e.err);
    }
}

/// `LC_ALL` wins over `LANG`, `LC_MESSAGES` over `LANG`, and `--lang` over the environment.
#[test]
fn the_language_comes_from_lc_all_then_lc_messages_then_lang_and_lang_option_wins() {
    let missing = "no/such/dir/file.toml";
    let de = "Fehler: weder eine Datei noch ein Ordner ist dort";
    let en = "error: no such file or folder";
    for (env, args, want) in [
        (
            &[("LC_ALL", "de_DE.UTF-8"), ("LANG", "en_US.UTF-8")][..],
            &["check", missing][..],
            de,
        ),
        (
            &[("LC_ALL", "en_US.UTF-8"), ("LANG", "de_DE.UTF-8")][..],
            &["check", missing][..],
            en,
        ),
        (
            &[("LC_MESSAGES", "de_DE.UTF-8"), ("LANG", "en_US.UTF-8")][..],
            &["check", missing][..],
            de,
        ),
        (DE, &["--lang", "en", "check", missing][..], en),
        (EN, &["check", missing, "--lang", "de"][..], de),
    ] {
        let r = run(env, args, "");
        assert_eq!(r.code, 1);
        assert!(r.err.contains(want), "{env:?} {args:?}: {}", r.err);
    }
}

/// The front end's start: plain mode begins an audit in a home whose drafts folder cannot be made.
#[test]
fn front_end_start_errors_speak_the_language_of_the_environment() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap_or_else(|e| panic!("{e}"));
    let home = s(&blocker);
    check(&Case {
        args: vec!["--home", &home, "--plain"],
        // New audit, the first shipped checklist, organisation, scope, interview partners, auditor, audit date
        // (empty: today).
        stdin: "1\n1\nACME\nVertrieb\nMax\nErika\n\n",
        code: 1,
        de: &[
            "drafts kann nicht angelegt werden: ein Teil des Pfads ist eine Datei, kein Ordner",
            "wählen Sie mit --home DIR einen anderen Ordner",
        ],
        en: &[
            "could not create the folder",
            "a part of the path is a file, not a folder",
        ],
    });
}
