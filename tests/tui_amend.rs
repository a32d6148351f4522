//! The results screen's amend action (update level, the runner's effects against a real home): `a` on an
//! opened result asks for the reason, refuses an empty one, and Enter starts a draft that amends the
//! result and opens it like a resumed draft; a result that does not verify is refused.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::lang::Lang;
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;
use msgaudit::tui::MemoryStore;
use msgaudit::tui::app::Screen;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

const PASSWORD: &str = "Datenschutz ist Teamarbeit";

fn sign(paths: &Paths) -> PathBuf {
    let c = Arc::new(
        msgaudit::checklist::load(Path::new("tests/fixtures/small.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    let mut s = Session::new(Arc::clone(&c));
    values::apply(
        &mut s,
        "email.processes",
        &toml::Value::Array(vec!["orders".into()]),
    )
    .unwrap();
    values::apply(&mut s, "email.in_records", &toml::Value::Boolean(false)).unwrap();
    let meta = Meta {
        organisation: "Muster GmbH".into(),
        unit: "Vertrieb".into(),
        auditor: "A. Prüfer".into(),
        lang: Lang::En,
        ..Meta::default()
    };
    let now = Timestamp::from_second(1_790_000_000).unwrap();
    let mut d = Draft::new(&c, meta, now);
    d.capture(&s, now);
    let signer = Signer {
        name: "Dr. Erika Muster".into(),
        role: "DSB".into(),
        statement: signoff::default_statement(Lang::En).into(),
    };
    signoff::sign_off(
        &s,
        &d,
        &signer,
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .result
}

/// From the start screen to the opened result (the only one).
fn open_result(app: &mut msgaudit::tui::App, store: &mut MemoryStore, h: &Home) {
    run_msgs(
        app,
        store,
        &h.files,
        [ch('G'), ch('k'), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(app.results.listed().len(), 1, "{:?}", app.results.list);
    run_msgs(app, store, &h.files, [key(KeyCode::Enter)]);
    let o = app.results.opened.as_ref().expect("opened");
    assert!(o.valid, "{:?}", o.lines);
}

#[test]
fn amend_asks_for_the_reason_and_opens_the_new_draft() {
    let h = home();
    msgaudit::sign::keygen(&h.paths.keys_dir(), PASSWORD, false).unwrap();
    let result = sign(&h.paths);
    let before = std::fs::read(&result).unwrap();
    let mut store = MemoryStore::default();
    let mut app = app_for("", Lang::En, &store);
    open_result(&mut app, &mut store, &h);

    // `a` opens the reason field; the hint bar and the prompt say what it is for.
    run_msgs(&mut app, &mut store, &h.files, [ch('a')]);
    assert!(app.results.opened.as_ref().unwrap().reason.is_some());
    let text = screen_text(&mut app, 100, 30);
    assert!(text.contains("Reason for the amendment"), "{text}");
    // Esc closes it again, the action row opens it too.
    run_msgs(&mut app, &mut store, &h.files, [key(KeyCode::Esc)]);
    assert!(app.results.opened.as_ref().unwrap().reason.is_none());
    assert_eq!(app.screen, Screen::Results);
    run_msgs(&mut app, &mut store, &h.files, [ch('a')]);

    // An empty reason is refused with the application layer's words; nothing is started.
    run_msgs(&mut app, &mut store, &h.files, [key(KeyCode::Enter)]);
    let o = app.results.opened.as_ref().unwrap();
    assert!(o.reason.is_some());
    let (m, is_error) = o.message.clone().unwrap();
    assert!(
        is_error && m.contains("a reason for the amendment is required"),
        "{m}"
    );
    assert!(store.drafts.is_empty());

    run_msgs(&mut app, &mut store, &h.files, typed("Unit corrected"));
    run_msgs(&mut app, &mut store, &h.files, [key(KeyCode::Enter)]);
    assert_eq!(
        app.screen,
        Screen::Question,
        "{:?}",
        app.results.opened.as_ref().map(|o| &o.message)
    );
    let a = app.audit.as_ref().unwrap();
    let amends = a.draft.amends.as_ref().unwrap();
    assert_eq!(amends.reason, "Unit corrected");
    assert_eq!(
        Some(amends.file.as_str()),
        result.file_name().and_then(|n| n.to_str())
    );
    assert_eq!(a.draft.meta.organisation, "Muster GmbH");
    assert_eq!(
        a.draft.answers.get("email.in_records"),
        Some(&toml::Value::Boolean(false))
    );
    // Saved (and held) like any draft; the signed result is untouched.
    assert!(store.drafts.contains_key(&a.draft.audit_id));
    assert_eq!(store.held.as_deref(), Some(a.draft.audit_id.as_str()));
    assert_eq!(std::fs::read(&result).unwrap(), before);
}

#[test]
fn a_result_that_does_not_verify_is_not_amended() {
    let h = home();
    msgaudit::sign::keygen(&h.paths.keys_dir(), PASSWORD, false).unwrap();
    let result = sign(&h.paths);
    let text = std::fs::read_to_string(&result).unwrap();
    std::fs::write(&result, text.replace("Vertrieb", "Einkauf")).unwrap();
    let mut store = MemoryStore::default();
    let mut app = app_for("", Lang::De, &store);
    run_msgs(
        &mut app,
        &mut store,
        &h.files,
        [ch('G'), ch('k'), key(KeyCode::Enter)],
    );
    run_msgs(&mut app, &mut store, &h.files, [key(KeyCode::Enter)]);
    assert!(!app.results.opened.as_ref().unwrap().valid);
    run_msgs(&mut app, &mut store, &h.files, [ch('a')]);
    let o = app.results.opened.as_ref().unwrap();
    assert!(o.reason.is_none());
    let (m, is_error) = o.message.clone().unwrap();
    assert!(
        is_error && m.contains("Nur ein gültig verifiziertes Ergebnis"),
        "{m}"
    );
    assert!(store.drafts.is_empty());
}
