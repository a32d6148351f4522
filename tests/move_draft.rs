//! `msgaudit move`: a draft moves to another version of its checklist only with `--yes`; first the plan
//! says which answers carry over, which are dropped (kept in the earlier draft beside it) and which
//! questions are new, in German and English. A locked draft, an unknown draft and another checklist's
//! id are refused without changing a file.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::checklist;
use msgaudit::lang::Lang;
use msgaudit::store::{DraftLock, DraftStore, Paths};

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e:?}"))
}

fn v1_text() -> String {
    ok(std::fs::read_to_string("tests/fixtures/small.toml"))
}

/// 1.1: the staff count is capped at 100 (an answer of 300 no longer fits), and a question is new.
fn v2_text() -> String {
    let staff = "text = { de = \"Wie viele Beschäftigte?\", en = \"How many employees?\" }\n";
    let v2 = v1_text()
        .replace("version = \"1.0.0\"", "version = \"1.1.0\"")
        .replace(
            staff,
            &format!(
                "max = 100\n{staff}\n[[section.question]]\nid = \"channels\"\nkind = \"text\"\n\
                 text = {{ de = \"Welche Kanäle?\", en = \"Which channels?\" }}\n"
            ),
        );
    assert_ne!(v2, v1_text(), "the fixture changed: adapt this test");
    v2
}

struct Setup {
    home: tempfile::TempDir,
    checklists: tempfile::TempDir,
    draft: PathBuf,
    audit_id: String,
}

/// A draft of 1.0 with three answers, saved in a fresh home; the checklist folder holds `files`.
fn setup(files: &[(&str, String)]) -> Setup {
    let home = ok(tempfile::tempdir());
    let checklists = ok(tempfile::tempdir());
    let v1_path = checklists.path().join("small.toml");
    ok(std::fs::write(&v1_path, v1_text()));
    let v1 = Arc::new(ok(checklist::load(&v1_path).map_err(|d| format!("{d:?}"))));
    let mut s = Session::new(Arc::clone(&v1));
    ok(values::apply(
        &mut s,
        "email.processes",
        &toml::Value::Array(vec!["orders".into()]),
    ));
    ok(values::apply(
        &mut s,
        "email.in_records",
        &toml::Value::Boolean(true),
    ));
    ok(values::apply(
        &mut s,
        "email.staff",
        &toml::Value::Integer(300),
    ));
    let now = ok(Timestamp::from_second(1_790_000_000));
    let meta = Meta {
        organisation: "Bäckerei Müller".into(),
        unit: "Vertrieb".into(),
        interviewees: String::new(),
        auditor: "Dr. Prüfer".into(),
        audit_date: None,
        lang: Lang::De,
    };
    let mut d = Draft::new(&v1, meta, now);
    d.capture(&s, now);
    let paths = ok(Paths::under_home(home.path()));
    let draft = ok(DraftStore::new(&paths).save(&d));
    ok(std::fs::remove_file(&v1_path));
    for (name, text) in files {
        ok(std::fs::write(checklists.path().join(name), text));
    }
    Setup {
        home,
        checklists,
        draft,
        audit_id: d.audit_id,
    }
}

fn run(s: &Setup, lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = ok(Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args(["--lang", lang, "--home"])
        .arg(s.home.path())
        .arg("--checklists")
        .arg(s.checklists.path())
        .arg("move")
        .args(args)
        .output());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn kept_beside(s: &Setup) -> PathBuf {
    s.draft
        .with_file_name(format!("{}.draft.before-1.0.0.toml", s.audit_id))
}

#[test]
fn without_yes_the_plan_is_shown_and_nothing_changes() {
    // Both versions at hand: new questions can be told from unanswered ones.
    let s = setup(&[("small-1.0.toml", v1_text()), ("small.toml", v2_text())]);
    let before = ok(std::fs::read(&s.draft));
    let (code, out, err) = run(&s, "en", &[&s.audit_id]);
    assert_eq!(code, 0, "{out}{err}");
    for line in [
        "checklist small, version 1.0.0 → 1.1.0",
        "carried over: 2 answers",
        "dropped: 1 answers",
        "- email.staff:",
        "new questions: 1",
        "- email.channels: Which channels?",
        "Nothing changed. With --yes the draft is moved.",
    ] {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
    assert_eq!(
        ok(std::fs::read(&s.draft)),
        before,
        "the draft is unchanged"
    );
    assert!(!kept_beside(&s).exists());
}

#[test]
fn with_yes_the_draft_moves_and_the_earlier_one_is_kept() {
    let s = setup(&[("small.toml", v2_text())]);
    // The file name works as well as the id.
    let name = s.draft.to_string_lossy().into_owned();
    let (code, out, err) = run(&s, "de", &[&name, "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Fassung 1.0.0 → 1.1.0"), "{out}");
    assert!(out.contains("übernommen: 2 Antworten"), "{out}");
    // Only 1.1 is at hand: which questions are new cannot be told, and the plan says so.
    assert!(out.contains("neue Fragen: nicht feststellbar"), "{out}");
    assert!(out.contains("Entwurf umgezogen"), "{out}");
    let moved = ok(Draft::from_toml(&ok(std::fs::read_to_string(&s.draft))));
    assert_eq!(moved.checklist.version, "1.1.0");
    assert!(moved.answers.contains_key("email.processes"));
    assert!(!moved.answers.contains_key("email.staff"));
    let earlier = ok(Draft::from_toml(&ok(std::fs::read_to_string(kept_beside(
        &s,
    )))));
    assert_eq!(earlier.checklist.version, "1.0.0");
    assert!(
        earlier.answers.contains_key("email.staff"),
        "nothing is lost"
    );
    // The kept file is no draft of its own on the start screen.
    let paths = ok(Paths::under_home(s.home.path()));
    assert_eq!(DraftStore::new(&paths).list().len(), 1);
    // Moved once, there is nothing left to move.
    let (code, out, _) = run(&s, "en", &[&s.audit_id, "--yes"]);
    assert_eq!(code, 0);
    assert!(out.contains("there is nothing to move"), "{out}");
}

#[test]
fn refusals_change_no_file() {
    let s = setup(&[("small.toml", v2_text())]);
    let before = ok(std::fs::read(&s.draft));
    let (code, _, err) = run(&s, "en", &["deadbeef", "--yes"]);
    assert_ne!(code, 0, "{err}");
    assert!(
        err.contains("no draft \"deadbeef\" in the drafts folder"),
        "{err}"
    );

    let other = s.checklists.path().join("other.toml");
    ok(std::fs::write(
        &other,
        v2_text().replace("id = \"small\"", "id = \"other\""),
    ));
    let (code, _, err) = run(
        &s,
        "de",
        &[&s.audit_id, "--to", &other.to_string_lossy(), "--yes"],
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("ein Entwurf zieht nur in eine andere Fassung seiner eigenen Checkliste um"),
        "{err}"
    );

    let (code, _, err) = run(&s, "en", &[&s.audit_id, "--to", "nosuch", "--yes"]);
    assert_ne!(code, 0);
    assert!(err.contains("no checklist \"nosuch\""), "{err}");

    // Another msgaudit holds the draft: refused, the lock's message said.
    let lock = ok(DraftLock::acquire(Path::new(&s.draft)));
    let (code, _, err) = run(&s, "en", &[&s.audit_id, "--yes"]);
    assert_ne!(code, 0, "{err}");
    drop(lock);
    assert_eq!(ok(std::fs::read(&s.draft)), before);
    assert!(!kept_beside(&s).exists());
}
