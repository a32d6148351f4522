//! `msgaudit amend`: a draft started from a verified result carries its answers and the reason, and
//! once signed the new result supersedes the old one (`[supersedes]`, docs/amend.md) without changing
//! it — also on the same day. `verify` shows the chain and checks each superseded file's SHA-256.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::result::ResultFile;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::checklist::{self, Checklist};
use msgaudit::lang::Lang;
use msgaudit::sign;
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;

const PASSWORD: &str = "Vertrauen ist gut, Prüfung ist besser";

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e:?}"))
}

fn small() -> Arc<Checklist> {
    Arc::new(
        checklist::load(Path::new("tests/fixtures/small.toml")).unwrap_or_else(|d| panic!("{d:?}")),
    )
}

fn at(second: i64) -> Timestamp {
    ok(Timestamp::from_second(second))
}

fn signer() -> Signer {
    Signer {
        name: "Anna Prüfer".into(),
        role: "Auditorin".into(),
        statement: signoff::default_statement(Lang::De).into(),
    }
}

fn sign(s: &Session, d: &Draft, home: &Path, now: Timestamp) -> PathBuf {
    let paths = ok(Paths::under_home(home));
    ok(signoff::sign_off(
        s,
        d,
        &signer(),
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    ))
    .result
}

/// A home with a key and one signed result (`in_records` = no: one medium finding).
fn first(home: &Path, org: &str, unit: &str, in_records: bool, now: Timestamp) -> PathBuf {
    let paths = ok(Paths::under_home(home));
    if !sign::secret_key_path(&paths.keys_dir()).is_file() {
        ok(sign::keygen(&paths.keys_dir(), PASSWORD, false));
    }
    let c = small();
    let mut s = Session::new(Arc::clone(&c));
    ok(values::apply(
        &mut s,
        "email.processes",
        &toml::Value::Array(vec!["orders".into()]),
    ));
    ok(values::apply(
        &mut s,
        "email.in_records",
        &toml::Value::Boolean(in_records),
    ));
    let meta = Meta {
        organisation: org.into(),
        unit: unit.into(),
        auditor: "Anna Prüfer".into(),
        ..Meta::default()
    };
    let mut d = Draft::new(&c, meta, now);
    d.capture(&s, now);
    sign(&s, &d, home, now)
}

fn msgaudit(home: &Path, lang: &str, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = ok(Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("--home")
        .arg(home)
        .args(["--lang", lang, "--checklists", "tests/fixtures"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn());
    if let Some(mut input) = child.stdin.take() {
        // A refused command exits before it reads its input; the pipe it closed is no failure.
        if let Err(e) = input.write_all(stdin.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    let out = ok(child.wait_with_output());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn drafts(home: &Path) -> Vec<Draft> {
    let paths = ok(Paths::under_home(home));
    msgaudit::store::DraftStore::new(&paths)
        .list()
        .into_iter()
        .filter_map(|e| e.draft.ok())
        .collect()
}

/// `msgaudit amend RESULT --reason REASON`, then sign the draft it started with `in_records` changed.
fn amend_and_sign(
    home: &Path,
    result: &Path,
    reason: &str,
    in_records: bool,
    now: Timestamp,
) -> PathBuf {
    let before = drafts(home).len();
    let r = result.to_string_lossy().into_owned();
    let (code, out, err) = msgaudit(home, "en", &["amend", &r, "--reason", reason], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("started draft"), "{out}");
    let all = drafts(home);
    assert_eq!(all.len(), before + 1);
    let name = result.file_name().map(|n| n.to_string_lossy().into_owned());
    let d = all
        .into_iter()
        .find(|d| d.amends.as_ref().map(|a| a.file.clone()) == name)
        .unwrap_or_else(|| panic!("no draft amends {name:?}"));
    let (mut s, resumed) = d.restore(small());
    assert!(
        !resumed.checklist_changed && resumed.dropped.is_empty(),
        "{resumed:?}"
    );
    ok(values::apply(
        &mut s,
        "email.in_records",
        &toml::Value::Boolean(in_records),
    ));
    let new = sign(&s, &d, home, now);
    // The draft is signed: archive it as the front ends do, so that it is not listed any more.
    let paths = ok(Paths::under_home(home));
    let mut ws = msgaudit::store::Workspace::new(&paths);
    ok(ws.archive(&d.audit_id));
    new
}

fn parsed(p: &Path) -> ResultFile {
    ok(ResultFile::from_toml(&ok(std::fs::read_to_string(p))))
}

fn sha256(p: &Path) -> String {
    msgaudit::result::supersedes::sha256_hex(&ok(std::fs::read(p)))
}

#[test]
fn a_same_day_amendment_supersedes_the_result_and_leaves_it_unchanged() {
    let tmp = ok(tempfile::tempdir());
    let home = tmp.path();
    let a = first(home, "Müller KG", "Vertrieb", false, at(1_790_000_000));
    let a_bytes = ok(std::fs::read(&a));
    // The same day, an hour later.
    let b = amend_and_sign(
        home,
        &a,
        "Antwort zu Art. 30 korrigiert",
        true,
        at(1_790_003_600),
    );
    assert_ne!(a, b);
    assert_eq!(
        ok(std::fs::read(&a)),
        a_bytes,
        "the old file is never changed"
    );
    let old = parsed(&a);
    let new = parsed(&b);
    assert_eq!(new.format, msgaudit::audit::result::RESULT_FORMAT);
    assert_ne!(new.audit_id, old.audit_id);
    let s = new.supersedes.unwrap_or_else(|| panic!("no [supersedes]"));
    assert_eq!(s.audit_id, old.audit_id);
    assert_eq!(
        Some(s.file.as_str()),
        a.file_name().and_then(|n| n.to_str())
    );
    assert_eq!(s.sha256, sha256(&a));
    assert_eq!(s.reason, "Antwort zu Art. 30 korrigiert");
    assert_eq!(s.signed_at, old.signoff.signed_at);
    // Answers, notes and details came along; only the corrected answer differs.
    assert_eq!(new.meta, old.meta);
    assert_eq!(
        new.answers.get("email.processes"),
        old.answers.get("email.processes")
    );
    assert_eq!(
        new.answers.get("email.in_records"),
        Some(&toml::Value::Boolean(true))
    );
    let text = ok(std::fs::read_to_string(&b));
    assert!(text.contains("[supersedes]"), "{text}");

    let (code, out, err) = msgaudit(home, "en", &["verify", &b.to_string_lossy()], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(&format!(
            "supersedes {} (21 September 2026) — Antwort zu Art. 30 korrigiert",
            old.audit_id
        )),
        "{out}"
    );
    assert!(out.contains("SHA-256 matches"), "{out}");
    let (code, out, _) = msgaudit(home, "de", &["verify", &b.to_string_lossy()], "");
    assert_eq!(code, 0);
    assert!(
        out.contains(&format!(
            "ersetzt {} (21. September 2026) – Antwort",
            old.audit_id
        )),
        "{out}"
    );
    assert!(out.contains("SHA-256 stimmt"), "{out}");
}

#[test]
fn a_chain_of_three_results_verifies_and_a_changed_or_missing_link_is_said() {
    let tmp = ok(tempfile::tempdir());
    let home = tmp.path();
    let a = first(home, "Müller KG", "Vertrieb", false, at(1_790_000_000));
    let b = amend_and_sign(home, &a, "erste Korrektur", true, at(1_790_100_000));
    let c = amend_and_sign(home, &b, "zweite Korrektur", false, at(1_790_200_000));
    let (ida, idb) = (parsed(&a).audit_id, parsed(&b).audit_id);
    let cs = c.to_string_lossy().into_owned();
    let (code, out, err) = msgaudit(home, "en", &["verify", &cs], "");
    assert_eq!(code, 0, "{out}{err}");
    let first_link = out
        .find(&format!("supersedes {idb} ("))
        .unwrap_or_else(|| panic!("{out}"));
    let second_link = out
        .find(&format!("supersedes {ida} ("))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(first_link < second_link, "newest first: {out}");
    assert!(out.contains("— zweite Korrektur"), "{out}");
    assert!(out.contains("— erste Korrektur"), "{out}");
    for r in [&a, &b] {
        let (code, out, err) = msgaudit(home, "en", &["verify", &r.to_string_lossy()], "");
        assert_eq!(code, 0, "{out}{err}");
    }

    // The first result changed after it was superseded: the chain fails where it is named.
    let a_bytes = ok(std::fs::read(&a));
    let mut changed = a_bytes.clone();
    changed.extend_from_slice(b"\n# changed\n");
    ok(std::fs::write(&a, &changed));
    let (code, out, err) = msgaudit(home, "en", &["verify", &cs], "");
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("the superseded result"), "{err}");
    assert!(err.contains("was changed"), "{err}");
    let (code, _, err) = msgaudit(home, "de", &["verify", &cs], "");
    assert_eq!(code, 1);
    assert!(err.contains("wurde geändert"), "{err}");

    // Gone altogether: a note, not a failure.
    ok(std::fs::remove_file(&a));
    let (code, out, err) = msgaudit(home, "en", &["verify", &cs], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("not found"), "{out}");
    assert!(
        out.contains("note: the superseded result") && out.contains("was not checked"),
        "{out}"
    );
}

#[test]
fn a_superseded_result_is_marked_in_the_list_and_not_amended_again() {
    let tmp = ok(tempfile::tempdir());
    let home = tmp.path();
    let a = first(home, "Müller KG", "Vertrieb", false, at(1_790_000_000));
    let b = amend_and_sign(home, &a, "erste Korrektur", true, at(1_790_100_000));
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let paths = ok(Paths::under_home(home));
    let opts = msgaudit::result::Options {
        paths: Some(paths.clone()),
        ..msgaudit::result::Options::default()
    };
    let listed = ok(msgaudit::result::list(&paths.results_dir(), &opts));
    assert_eq!(listed.len(), 2);
    for l in &listed {
        if l.file == name(&a) {
            assert_eq!(l.superseded_by.as_deref(), Some(name(&b).as_str()));
            assert!(
                l.state_line(Lang::En)
                    .ends_with(&format!(" · superseded by {}", name(&b))),
                "{}",
                l.state_line(Lang::En)
            );
            assert!(
                l.state_line(Lang::De)
                    .contains(&format!("ersetzt durch {}", name(&b)))
            );
        } else {
            assert_eq!(l.superseded_by, None, "{l:?}");
        }
    }

    // Amending the superseded result again would fork the chain: the newest one is named instead.
    let r = a.to_string_lossy().into_owned();
    let before = drafts(home).len();
    let (code, out, err) = msgaudit(home, "en", &["amend", &r, "--reason", "again"], "");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!(
            "this result is superseded by {} already",
            name(&b)
        )),
        "{err}"
    );
    let (code, _, err) = msgaudit(home, "de", &["amend", &r, "--reason", "again"], "");
    assert_eq!(code, 1);
    assert!(err.contains("bereits durch"), "{err}");
    assert_eq!(drafts(home).len(), before);
    // A changed copy of the newer result supersedes nothing.
    let text = ok(std::fs::read_to_string(&b)).replace("Vertrieb", "Einkauf");
    ok(std::fs::write(&b, text));
    let listed = ok(msgaudit::result::list(&paths.results_dir(), &opts));
    assert!(
        listed.iter().all(|l| l.superseded_by.is_none()),
        "{listed:?}"
    );
}

#[test]
fn a_result_that_does_not_verify_is_not_amended() {
    let tmp = ok(tempfile::tempdir());
    let home = tmp.path();
    let a = first(home, "Müller KG", "Vertrieb", false, at(1_790_000_000));
    let text = ok(std::fs::read_to_string(&a)).replace("Vertrieb", "Einkauf");
    ok(std::fs::write(&a, text));
    let r = a.to_string_lossy().into_owned();
    let (code, out, err) = msgaudit(home, "en", &["amend", &r, "--reason", "x"], "");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("the result does not verify and is not amended"),
        "{err}"
    );
    let (code, _, err) = msgaudit(home, "de", &["amend", &r, "--reason", "x"], "");
    assert_eq!(code, 1);
    assert!(
        err.contains("lässt sich nicht prüfen und wird nicht geändert"),
        "{err}"
    );
    assert!(drafts(home).is_empty());
}

#[test]
fn an_amendment_needs_a_reason_and_is_started_once() {
    let tmp = ok(tempfile::tempdir());
    let home = tmp.path();
    let a = first(home, "Müller KG", "Vertrieb", false, at(1_790_000_000));
    let r = a.to_string_lossy().into_owned();
    // No --reason and nothing typed; a blank reason is none either.
    let (code, out, err) = msgaudit(home, "en", &["amend", &r], "");
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("a reason for the amendment is required"),
        "{err}"
    );
    let (code, _, err) = msgaudit(home, "de", &["amend", &r, "--reason", "  "], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("Ein Grund für die Änderung ist erforderlich"),
        "{err}"
    );
    assert!(drafts(home).is_empty());
    // The reason typed after the prompt (here: piped).
    let (code, out, err) = msgaudit(home, "en", &["amend", &r], "Unit name corrected\n");
    assert_eq!(code, 0, "{out}{err}");
    let d = drafts(home);
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].amends.as_ref().map(|a| a.reason.as_str()),
        Some("Unit name corrected")
    );
    // A second amendment of the same result names the draft under way.
    let (code, _, err) = msgaudit(home, "en", &["amend", &r, "--reason", "again"], "");
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "draft {} amends this result already",
            d[0].audit_id
        )),
        "{err}"
    );
    assert_eq!(drafts(home).len(), 1);
}

#[test]
fn a_format_2_result_still_verifies() {
    let tmp = ok(tempfile::tempdir());
    let home = tmp.path();
    let a = first(home, "Müller KG", "Vertrieb", false, at(1_790_000_000));
    let paths = ok(Paths::under_home(home));
    let text = ok(std::fs::read_to_string(&a));
    assert!(text.starts_with("format = 4\n"), "{text}");
    // Format 2 as msgaudit wrote it: no answer history (that came with format 3).
    let mut r = ok(ResultFile::from_toml(&text));
    r.format = 2;
    r.history.clear();
    let old = ok(r.to_toml());
    let r = ok(ResultFile::from_toml(&old));
    let sig = ok(sign::sign(
        old.as_bytes(),
        &sign::secret_key_path(&paths.keys_dir()),
        PASSWORD,
        &signoff::trusted_comment(&r),
        "format 2",
    ));
    let f2 = paths.results_dir().join("format2.result.toml");
    ok(std::fs::write(&f2, &old));
    ok(std::fs::write(msgaudit::result::signature_path(&f2), sig));
    let (code, out, err) = msgaudit(home, "en", &["verify", &f2.to_string_lossy()], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("valid, signed by Anna Prüfer"), "{out}");
}

#[test]
fn the_summary_of_two_years_shows_the_latest_with_its_trend_and_counts_a_superseded_result_once() {
    let tmp = ok(tempfile::tempdir());
    let home = tmp.path();
    // 2025: one medium finding (not in the records); 2026: the same, then amended to none.
    let y1 = first(home, "Müller KG", "Vertrieb", false, at(1_758_000_000));
    let y2 = first(home, "Müller KG", "Vertrieb", false, at(1_790_000_000));
    let amended = amend_and_sign(
        home,
        &y2,
        "Verzeichnis war doch vollständig",
        true,
        at(1_790_003_600),
    );
    let dir = ok(Paths::under_home(home)).results_dir();
    let d = dir.to_string_lossy().into_owned();
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };

    let (code, out, err) = msgaudit(home, "en", &["summary", &d, "--format", "json"], "");
    assert_eq!(code, 0, "{out}{err}");
    let j: serde_json::Value = ok(serde_json::from_str(&out));
    let units = j["units"].as_array().cloned().unwrap_or_default();
    assert_eq!(units.len(), 1, "{units:?}");
    let u = &units[0];
    assert_eq!(u["audits"], 2, "the superseded result is not counted: {u}");
    assert_eq!(u["latest_file"], name(&amended));
    assert_eq!(u["findings"]["medium"], 0);
    assert_eq!(u["previous"]["file"], name(&y1));
    assert_eq!(u["previous"]["findings"]["medium"], 1);
    assert_eq!(u["trend"]["medium"], "down");
    assert_eq!(u["trend"]["high"], "same");
    let standing = |file: &str| {
        j["audits"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["file"] == file).cloned())
            .unwrap_or_else(|| panic!("{file} not listed"))
    };
    assert_eq!(standing(&name(&y1))["standing"], "earlier");
    assert_eq!(standing(&name(&amended))["standing"], "latest");
    let old = standing(&name(&y2));
    assert_eq!(old["standing"], "superseded");
    assert_eq!(old["superseded_by"], name(&amended));
    assert_eq!(j["dpia"].as_array().map(Vec::len), Some(0));

    let (code, out, _) = msgaudit(home, "en", &["summary", &d], "");
    assert_eq!(code, 0);
    assert!(out.contains("# Overview across audits"), "{out}");
    assert!(out.contains("| 0 ↓ (1) |"), "{out}");
    assert!(out.contains("**superseded** (Superseded by"), "{out}");
    // In the language asked for, whatever language the audits were held in (here the default, German).
    let (code, out, _) = msgaudit(home, "de", &["summary", &d], "");
    assert_eq!(code, 0);
    assert!(out.contains("# Übersicht über mehrere Prüfungen"), "{out}");
    assert!(out.contains("**ersetzt** (Ersetzt durch"), "{out}");
    let (code, out, _) = msgaudit(home, "en", &["summary", &d, "--format", "csv"], "");
    assert_eq!(code, 0);
    assert!(out.contains("Medium: down (previously 1)"), "{out}");
    assert!(out.contains(",superseded,"), "{out}");
}

#[test]
fn every_report_states_what_a_result_supersedes() {
    let tmp = ok(tempfile::tempdir());
    let home = tmp.path();
    let a = first(home, "Müller KG", "Vertrieb", false, at(1_790_000_000));
    let b = amend_and_sign(home, &a, "Bereich <korrigiert>", true, at(1_790_003_600));
    let ida = parsed(&a).audit_id;
    let file = a
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bs = b.to_string_lossy().into_owned();
    let (code, out, err) = msgaudit(home, "de", &["report", &bs], "");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(&format!(
            "Ersetzt das Ergebnis {ida} ({file}) vom 21. September 2026 (Grund: Bereich &lt;korrigiert&gt;)"
        )),
        "{out}"
    );
    assert!(out.contains("ihre SHA-256 stimmt"), "{out}");
    let (code, out, _) = msgaudit(home, "en", &["report", &bs, "--format", "html"], "");
    assert_eq!(code, 0);
    assert!(
        out.contains(&format!(
            "Supersedes result {ida} ({file}) of 21 September 2026 (reason: Bereich &lt;korrigiert&gt;)"
        )),
        "{out}"
    );
    let (code, out, _) = msgaudit(home, "en", &["report", &bs, "--format", "json"], "");
    assert_eq!(code, 0);
    let j: serde_json::Value = ok(serde_json::from_str(&out));
    assert_eq!(j["supersedes"]["audit_id"], ida.as_str());
    assert_eq!(j["supersedes"]["sha256"], sha256(&a).as_str());
    assert_eq!(j["supersedes"]["reason"], "Bereich <korrigiert>");
    assert_eq!(j["supersedes"]["file_check"], "matches");
    ok(std::fs::remove_file(&a));
    let (_, out, _) = msgaudit(home, "en", &["report", &bs, "--format", "json"], "");
    let j: serde_json::Value = ok(serde_json::from_str(&out));
    assert_eq!(j["supersedes"]["file_check"], "missing");
}
