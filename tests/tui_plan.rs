//! The review's action plan in the TUI: Enter on a grouped measure opens its form, Space cycles the
//! status, Tab goes through owner, due date and justification, Enter on the last field sets it (the same
//! `Draft::set_plan` plain mode uses) and saves; an accepted risk without a justification is refused in
//! the form. A new audit of a unit with an earlier result starts from that result's plan and shows the
//! earlier measure at its question.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use msgaudit::audit::plan::{Entry, Status};
use msgaudit::lang::Lang;
use msgaudit::tui::app::Screen;
use msgaudit::tui::{MemoryStore, Msg};
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn small_index(app: &msgaudit::tui::App) -> usize {
    app.catalog
        .iter()
        .position(|e| e.path.ends_with("small.toml"))
        .expect("small.toml in the catalog")
}

/// Orders by e-mail, not in the records, a messenger: two measures; at the review.
fn answers() -> Vec<Msg> {
    let mut m = vec![
        ch(' '),
        key(KeyCode::Enter),
        key(KeyCode::Down),
        key(KeyCode::Enter),
        key(KeyCode::Enter),
        key(KeyCode::Enter),
    ];
    m.extend(typed("WhatsApp"));
    m.push(key(KeyCode::Enter));
    m.extend(typed("2025-06-01"));
    m.push(key(KeyCode::Enter));
    m
}

fn to_review(lang: Lang) -> (msgaudit::tui::App, MemoryStore) {
    let mut store = MemoryStore::default();
    let mut app = app_for("", lang, &store);
    let i = small_index(&app);
    begin(&mut app, &mut store, i);
    feed(&mut app, &mut store, answers());
    assert_eq!(app.screen, Screen::Review);
    (app, store)
}

/// Select the review's line of measure `n` (0-based) and press Enter.
fn open_measure(app: &mut msgaudit::tui::App, store: &mut MemoryStore, n: usize) {
    let lines = msgaudit::tui::view::review::lines(app);
    let i = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            matches!(
                l.target,
                Some(msgaudit::tui::view::review::Target::Measure(_))
            )
        })
        .nth(n)
        .map(|(i, _)| i)
        .expect("a measure line");
    app.review_sel = i;
    feed(app, store, [key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Plan);
}

#[test]
fn a_measure_gets_owner_due_date_and_status_in_the_review() {
    let (mut app, mut store) = to_review(Lang::En);
    open_measure(&mut app, &mut store, 0);
    let mut msgs = vec![ch(' '), key(KeyCode::Tab), Msg::Paste("Frau Schulz".into())];
    msgs.extend([key(KeyCode::Tab), Msg::Paste("31.03.2026".into())]);
    msgs.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    let before = store.saves;
    feed(&mut app, &mut store, msgs);
    assert_eq!(app.screen, Screen::Review);
    let d = &app.audit.as_ref().unwrap().draft;
    assert_eq!(
        d.plan,
        [Entry {
            finding: "messenger_used".into(),
            status: Status::InProgress,
            owner: "Frau Schulz".into(),
            due: Some(jiff::civil::date(2026, 3, 31)),
            justification: String::new(),
        }]
    );
    assert!(store.saves > before, "the plan is saved at once");
    let last = d.history.last().unwrap();
    assert_eq!(last.key, "plan:messenger_used");
    assert!(last.old.is_none());
    let text = screen_text(&mut app, 100, 40);
    assert!(
        text.contains("Action plan: in progress, due 2026-03-31 (owner: Frau Schulz)"),
        "{text}"
    );
    insta::assert_snapshot!("review_with_plan_en_100x40", text);
}

#[test]
fn an_accepted_risk_needs_a_justification_in_the_form() {
    let (mut app, mut store) = to_review(Lang::De);
    open_measure(&mut app, &mut store, 1);
    // Open → in progress → done → accepted risk, then Enter to the last field and Enter again.
    let mut msgs = vec![ch(' '), ch(' '), key(KeyCode::Right)];
    msgs.extend((0..4).map(|_| key(KeyCode::Enter)));
    feed(&mut app, &mut store, msgs);
    assert_eq!(app.screen, Screen::Plan, "refused");
    let form = app.plan.as_ref().unwrap();
    assert_eq!(form.status, Status::AcceptedRisk);
    assert_eq!(
        form.error.as_deref(),
        Some("Ein akzeptiertes Risiko braucht eine Begründung.")
    );
    assert!(app.audit.as_ref().unwrap().draft.plan.is_empty());
    insta::assert_snapshot!(
        "plan_form_refused_de_100x30",
        screen_text(&mut app, 100, 30)
    );
    feed(
        &mut app,
        &mut store,
        [
            Msg::Paste("Verzeichnis wird neu aufgebaut".into()),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(app.screen, Screen::Review);
    let plan = &app.audit.as_ref().unwrap().draft.plan;
    assert_eq!(plan[0].status, Status::AcceptedRisk);
    assert_eq!(plan[0].justification, "Verzeichnis wird neu aufgebaut");
    // Esc leaves the form without a change.
    open_measure(&mut app, &mut store, 1);
    feed(&mut app, &mut store, [ch(' '), key(KeyCode::Esc)]);
    assert_eq!(app.screen, Screen::Review);
    assert_eq!(
        app.audit.as_ref().unwrap().draft.plan[0].status,
        Status::AcceptedRisk
    );
}

#[test]
fn a_new_audit_of_the_unit_starts_from_the_earlier_plan() {
    let h = home();
    msgaudit::sign::keygen(&h.paths.keys_dir(), "Datenschutz ist Teamarbeit", false).unwrap();
    // The earlier audit, signed with a plan.
    let (mut app, mut store) = to_review(Lang::En);
    open_measure(&mut app, &mut store, 0);
    feed(
        &mut app,
        &mut store,
        [ch(' '), key(KeyCode::Tab), Msg::Paste("Frau Schulz".into())]
            .into_iter()
            .chain((0..3).map(|_| key(KeyCode::Enter))),
    );
    let a = app.audit.as_ref().unwrap();
    let signer = msgaudit::signoff::Signer {
        name: "A. Prüfer".into(),
        role: String::new(),
        statement: "Geprüft.".into(),
    };
    msgaudit::signoff::sign_off(
        &a.session,
        &a.draft,
        &signer,
        "Datenschutz ist Teamarbeit",
        &h.paths.keys_dir(),
        &h.paths.results_dir(),
        jiff::Timestamp::now(),
    )
    .unwrap();

    // The next audit, run as the terminal loop runs it (effects carried out against the home).
    let mut store = MemoryStore::default();
    let mut app = app_for("", Lang::En, &store);
    let i = small_index(&app);
    let mut msgs = vec![key(KeyCode::Enter)];
    msgs.push(key(KeyCode::Enter));
    app.pick_sel = i;
    run_msgs(&mut app, &mut store, &h.files, msgs);
    for text in ["Muster GmbH", "Vertrieb", "", "B. Prüferin", ""] {
        run_msgs(
            &mut app,
            &mut store,
            &h.files,
            [Msg::Paste(text.to_string()), key(KeyCode::Enter)],
        );
    }
    assert_eq!(app.screen, Screen::Question);
    let d = &app.audit.as_ref().unwrap().draft;
    assert!(d.previous_plan.is_some(), "started from the earlier plan");
    assert_eq!(d.plan.len(), 1);
    assert_eq!(d.plan[0].owner, "Frau Schulz");
    assert!(d.history.last().unwrap().carried);
    // At the question the messenger measure came from, the earlier measure is shown.
    run_msgs(
        &mut app,
        &mut store,
        &h.files,
        answers().into_iter().take(6),
    );
    assert_eq!(at(&app), "per_process[orders].which");
    let text = screen_text(&mut app, 100, 30);
    assert!(
        text.contains("Measure from the audit of") && text.contains("in progress"),
        "{text}"
    );
}
