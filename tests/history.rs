//! The answer history end to end: plain mode (the real binary) is killed with SIGKILL after every step of
//! a scripted audit — answers, a correction, its reason, a note — and every time the resumed draft's
//! history leads exactly to its answers; the signed result carries it and verifies; an edited history
//! entry re-signed with another key is caught (by the key, and with that key by the history check).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::history::{self, Inconsistency};
use msgaudit::audit::result::ResultFile;
use msgaudit::catalog::Origin;
use msgaudit::checklist;
use msgaudit::lang::Lang;
use msgaudit::result::verify::{self, Options, Reason, State};
use msgaudit::signoff::{self, Signer};
use msgaudit::store::journal::journal_path;
use msgaudit::store::{Paths, Workspace};

const PASSWORD: &str = "Datenschutz ist Teamarbeit";

fn fail(e: impl std::fmt::Display) -> ! {
    panic!("{e}")
}

/// Plain mode on `home` with `lines` as its input (stdin stays open, so it waits for more).
fn start(home: &Path, lines: &[&str]) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args([
            "--plain",
            "--lang",
            "en",
            "--checklists",
            "tests/fixtures",
            "--home",
        ])
        .arg(home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| fail(format!("cannot start msgaudit: {e}")));
    if let Some(out) = child.stdout.take() {
        std::thread::spawn(move || BufReader::new(out).lines().for_each(drop));
    }
    let stdin = child.stdin.as_mut().unwrap_or_else(|| fail("stdin"));
    for line in lines {
        writeln!(stdin, "{line}").unwrap_or_else(|e| fail(e));
    }
    stdin.flush().unwrap_or_else(|e| fail(e));
    child
}

fn drafts(home: &Path) -> PathBuf {
    home.join("data").join("drafts")
}

fn draft_file(home: &Path) -> Option<PathBuf> {
    std::fs::read_dir(drafts(home))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(".draft.toml"))
}

/// Wait until `done` holds for the saved draft and its journal's text, then kill -9.
fn kill_when(mut child: Child, home: &Path, what: &str, done: impl Fn(&Draft, &str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(path) = draft_file(home)
            && let Ok(d) = msgaudit::store::drafts::read(&path)
        {
            let journal = std::fs::read_to_string(journal_path(&path)).unwrap_or_default();
            if done(&d, &journal) {
                break;
            }
        }
        assert!(Instant::now() < deadline, "never saved: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap_or_else(|e| fail(e)); // SIGKILL on Unix: no chance to finish anything
    child.wait().unwrap_or_else(|e| fail(e));
}

/// The draft as the next run resumes it (the dead process's lock is free), with its history.
fn resumed(home: &Path) -> Draft {
    let paths = Paths::under_home(home).unwrap_or_else(|e| fail(e));
    let path = draft_file(home).unwrap_or_else(|| fail("no draft"));
    let id = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".draft.toml"))
        .unwrap_or_else(|| fail("draft name"))
        .to_string();
    let mut ws = Workspace::new(&paths);
    let d = ws.open(&id).unwrap_or_else(|e| fail(e));
    ws.release();
    d
}

fn value(v: Option<&toml::Value>) -> String {
    v.map_or_else(|| "-".into(), ToString::to_string)
}

fn answer_is(d: &Draft, key: &str, want: &str) -> bool {
    d.answers.get(key).is_some_and(|v| v.to_string() == want)
}

/// One step of the scripted audit: the lines typed, what it saves, and when that is on disk.
type Step<'a> = (Vec<&'a str>, &'a str, Box<dyn Fn(&Draft, &str) -> bool>);

#[test]
#[allow(clippy::too_many_lines)] // one scripted audit, step by step
fn history_survives_a_kill_after_every_step_and_signs_and_verifies() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let home = home.path();
    let resume = ["2", "1"];
    let steps: Vec<Step<'_>> = vec![
        (
            vec![
                "1",
                "small",
                "Muster GmbH",
                "Vertrieb",
                "",
                "Dr. Prüfer",
                "",
                "1,3",
                "Fax",
            ],
            "email.processes",
            Box::new(|d, _| d.answers.contains_key("email.processes")),
        ),
        (
            vec!["2"],
            "email.in_records",
            Box::new(|d, _| answer_is(d, "email.in_records", "false")),
        ),
        (
            vec!["300"],
            "email.staff",
            Box::new(|d, _| answer_is(d, "email.staff", "300")),
        ),
        // A correction: back to the number of employees, changed.
        (
            vec!["b", "250"],
            "email.staff corrected",
            Box::new(|d, _| answer_is(d, "email.staff", "250")),
        ),
        // Its reason, given afterwards with `r` (only the journal changes).
        (
            vec!["r", "Zählung der Personalabteilung"],
            "the reason",
            Box::new(|_, j| j.contains("Zählung der Personalabteilung")),
        ),
        // A note without an answer, then the answer.
        (
            vec!["n", "Fotos per WhatsApp"],
            "a note",
            Box::new(|d, _| {
                d.answers
                    .get("per_process[orders].messenger")
                    .is_some_and(|v| v.to_string().contains("Fotos per WhatsApp"))
            }),
        ),
        (
            vec!["1"],
            "per_process[orders].messenger",
            Box::new(|d, _| {
                d.answers
                    .get("per_process[orders].messenger")
                    .is_some_and(|v| v.get("value") == Some(&toml::Value::Boolean(true)))
            }),
        ),
    ];
    // (key, old, new) of every change, in order, as they must be recorded.
    let mut expected: Vec<(String, String, String)> = Vec::new();
    let mut previous = toml::Table::new();
    for (i, (lines, what, done)) in steps.iter().enumerate() {
        let input: Vec<&str> = if i == 0 {
            lines.clone()
        } else {
            resume.iter().chain(lines).copied().collect()
        };
        let child = start(home, &input);
        kill_when(child, home, what, done);
        let d = resumed(home);
        assert_eq!(
            history::check(&d.history, &d.answers),
            Ok(()),
            "after {what}: {:#?}",
            d.history
        );
        for c in history::diff(&previous, &d.answers, Timestamp::UNIX_EPOCH, "", |_| false) {
            expected.push((c.key, value(c.old.as_ref()), value(c.new.as_ref())));
        }
        previous = d.answers.clone();
        let got: Vec<(String, String, String)> = d
            .history
            .iter()
            .map(|c| (c.key.clone(), value(c.old.as_ref()), value(c.new.as_ref())))
            .collect();
        assert_eq!(got, expected, "after {what}");
        assert!(
            d.history.iter().all(|c| c.by == "Dr. Prüfer"),
            "{:#?}",
            d.history
        );
        if i >= 4 {
            let staff: Vec<_> = d
                .history
                .iter()
                .filter(|c| c.key == "email.staff")
                .collect();
            assert_eq!(staff.len(), 2);
            assert_eq!(
                staff[1].reason.as_deref(),
                Some("Zählung der Personalabteilung"),
                "after {what}"
            );
        }
    }
    let keys: Vec<&str> = expected.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        keys,
        [
            "email.processes",
            "email.in_records",
            "email.staff",
            "email.staff",
            "per_process[orders].messenger",
            "per_process[orders].messenger",
        ]
    );
    let journal = journal_path(&draft_file(home).unwrap_or_else(|| fail("draft")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&journal)
            .unwrap_or_else(|e| fail(e))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Sign the resumed draft off: the result carries the history and verifies.
    let paths = Paths::under_home(home).unwrap_or_else(|e| fail(e));
    msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap_or_else(|e| fail(e));
    let c = Arc::new(
        checklist::load(Path::new("tests/fixtures/small.toml"))
            .unwrap_or_else(|d| fail(format!("{d:?}"))),
    );
    let id = resumed(home).audit_id;
    let mut ws = Workspace::new(&paths);
    let d = ws.open(&id).unwrap_or_else(|e| fail(e));
    let (s, _) = d.restore(Arc::clone(&c));
    let signed = signoff::sign_off(
        &s,
        &d,
        &signer(),
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        Timestamp::now(),
    )
    .unwrap_or_else(|e| fail(e));
    let archived = ws.archive(&id).unwrap_or_else(|e| fail(e));
    assert!(!journal.exists(), "the journal moved with the draft");
    assert!(journal_path(&archived).is_file());
    let v = verify::verify(&signed.result, &options(&paths));
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    let r = v.result.unwrap_or_else(|| fail("parsed"));
    assert_eq!(r.format, 4);
    assert_eq!(r.history, d.history);
    let text = std::fs::read_to_string(&signed.result).unwrap_or_else(|e| fail(e));
    assert!(text.contains("[[history]]"), "{text}");
}

fn signer() -> Signer {
    Signer {
        name: "Dr. Petra Prüfer".into(),
        role: "DSB".into(),
        statement: signoff::default_statement(Lang::De).into(),
    }
}

fn options(paths: &Paths) -> Options {
    Options {
        evidence_dir: None,
        pubkey: None,
        checklist_dirs: vec![(Origin::Extra, PathBuf::from("tests/fixtures"))],
        paths: Some(paths.clone()),
    }
}

/// A result signed with the own key of a fresh home: two answers, one corrected with a reason.
fn signed_result() -> (tempfile::TempDir, Paths, PathBuf) {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let paths = Paths::under_home(home.path()).unwrap_or_else(|e| fail(e));
    msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap_or_else(|e| fail(e));
    let c = Arc::new(
        checklist::load(Path::new("tests/fixtures/small.toml"))
            .unwrap_or_else(|d| fail(format!("{d:?}"))),
    );
    let mut s = msgaudit::audit::Session::new(Arc::clone(&c));
    let meta = msgaudit::audit::Meta {
        organisation: "Muster GmbH".into(),
        auditor: "Dr. Prüfer".into(),
        ..msgaudit::audit::Meta::default()
    };
    let t0 = Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| fail(e));
    let mut d = Draft::new(&c, meta, t0);
    let steps: [(&str, toml::Value); 3] = [
        ("email.processes", toml::Value::Array(vec!["orders".into()])),
        ("email.staff", toml::Value::Integer(300)),
        ("email.staff", toml::Value::Integer(250)),
    ];
    for (n, (k, v)) in steps.iter().enumerate() {
        msgaudit::audit::values::apply(&mut s, k, v).unwrap_or_else(|e| fail(e.en));
        d.capture(
            &s,
            t0 + jiff::SignedDuration::from_secs(60 * i64::try_from(n).unwrap_or(0)),
        );
    }
    assert!(d.annotate_last("Zählung korrigiert"));
    let signed = signoff::sign_off(
        &s,
        &d,
        &signer(),
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        t0 + jiff::SignedDuration::from_secs(3600),
    )
    .unwrap_or_else(|e| fail(e));
    (home, paths, signed.result)
}

/// Replace the result at `path` by `text`, signed (as an attacker would) with the key in `keys`.
fn resign(path: &Path, text: &str, keys: &Path) {
    let mut r = ResultFile::from_toml(text).unwrap_or_else(|e| fail(e));
    let other = msgaudit::sign::PublicKey::from_file(&msgaudit::sign::public_key_path(keys))
        .unwrap_or_else(|e| fail(e));
    r.signoff.key_id = other.key_id();
    let text = r.to_toml().unwrap_or_else(|e| fail(e));
    let sig = msgaudit::sign::sign(
        text.as_bytes(),
        &msgaudit::sign::secret_key_path(keys),
        "ein anderes Passwort, lang genug",
        &signoff::trusted_comment(&r),
        "re-signed",
    )
    .unwrap_or_else(|e| fail(e));
    std::fs::write(path, text).unwrap_or_else(|e| fail(e));
    std::fs::write(verify::signature_path(path), sig).unwrap_or_else(|e| fail(e));
}

#[test]
fn an_edited_history_entry_re_signed_with_another_key_is_caught() {
    let (_home, paths, result) = signed_result();
    let opts = options(&paths);
    assert!(verify::verify(&result, &opts).is_valid());
    let original = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    let r = ResultFile::from_toml(&original).unwrap_or_else(|e| fail(e));
    assert_eq!(r.history.len(), 3);
    assert_eq!(r.history[2].reason.as_deref(), Some("Zählung korrigiert"));
    let attacker = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    msgaudit::sign::keygen(attacker.path(), "ein anderes Passwort, lang genug", false)
        .unwrap_or_else(|e| fail(e));
    let with_attacker_key = Options {
        pubkey: Some(msgaudit::sign::public_key_path(attacker.path())),
        ..opts.clone()
    };

    // 1. The first recorded staff count is changed (300 → 200): the correction no longer starts from it.
    let mut r1 = r.clone();
    r1.history[1].new = Some(toml::Value::Integer(200));
    resign(
        &result,
        &r1.to_toml().unwrap_or_else(|e| fail(e)),
        attacker.path(),
    );
    let v = verify::verify(&result, &opts);
    assert!(
        matches!(
            &v.state,
            State::Invalid {
                reason: Reason::UnknownKey { .. }
            }
        ),
        "not the trusted key: {}",
        v.line(Lang::En)
    );
    let v = verify::verify(&result, &with_attacker_key);
    assert_eq!(
        v.state,
        State::Invalid {
            reason: Reason::History(Inconsistency::Broken {
                index: 2,
                key: "email.staff".into()
            })
        },
        "{}",
        v.line(Lang::En)
    );
    assert!(
        v.line(Lang::De).contains("Änderungsverlauf"),
        "{}",
        v.line(Lang::De)
    );

    // 2. The last recorded value is changed: it no longer leads to the answer.
    let mut r2 = r.clone();
    r2.history[2].new = Some(toml::Value::Integer(20));
    resign(
        &result,
        &r2.to_toml().unwrap_or_else(|e| fail(e)),
        attacker.path(),
    );
    let v = verify::verify(&result, &with_attacker_key);
    assert_eq!(
        v.state,
        State::Invalid {
            reason: Reason::History(Inconsistency::Differs {
                key: "email.staff".into()
            })
        },
        "{}",
        v.line(Lang::En)
    );

    // 3. The history is removed: a format 3 result's answers then have no recorded change.
    let mut r3 = r.clone();
    r3.history.clear();
    resign(
        &result,
        &r3.to_toml().unwrap_or_else(|e| fail(e)),
        attacker.path(),
    );
    assert!(matches!(
        verify::verify(&result, &with_attacker_key).state,
        State::Invalid {
            reason: Reason::History(Inconsistency::Differs { .. })
        }
    ));

    // 4. A reason or a time is changed: nothing in the file contradicts it, so only the key tells
    // (the own key does not verify the new signature; the attacker's key, named explicitly, does).
    let mut r4 = r.clone();
    r4.history[2].reason = Some("nie gesagt".into());
    resign(
        &result,
        &r4.to_toml().unwrap_or_else(|e| fail(e)),
        attacker.path(),
    );
    assert!(!verify::verify(&result, &opts).is_valid());
    assert!(verify::verify(&result, &with_attacker_key).is_valid());
}

#[test]
fn a_format_2_result_without_history_still_verifies() {
    let (_home, paths, result) = signed_result();
    let text = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    let mut r = ResultFile::from_toml(&text).unwrap_or_else(|e| fail(e));
    let recorded = std::mem::take(&mut r.history);
    r.format = 2;
    let text = r.to_toml().unwrap_or_else(|e| fail(e));
    assert!(!text.contains("history"), "{text}");
    let sig = msgaudit::sign::sign(
        text.as_bytes(),
        &msgaudit::sign::secret_key_path(&paths.keys_dir()),
        PASSWORD,
        &signoff::trusted_comment(&r),
        "format 2",
    )
    .unwrap_or_else(|e| fail(e));
    std::fs::write(&result, &text).unwrap_or_else(|e| fail(e));
    std::fs::write(verify::signature_path(&result), sig).unwrap_or_else(|e| fail(e));
    let v = verify::verify(&result, &options(&paths));
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    // A format 2 result cannot carry a history (it came with format 3).
    r.history = recorded;
    let bad = r.to_toml().unwrap_or_else(|e| fail(e));
    assert!(ResultFile::from_toml(&bad).is_err());
}
