//! `update` fed with key messages: navigation, conditions and repeats, validation, saving, quitting,
//! resuming, review and sign-off.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use msgaudit::audit::{Response, Value};
use msgaudit::lang::Lang;
use msgaudit::tui::app::{Focus, Overlay, Screen};
use msgaudit::tui::view::{self, outline};
use msgaudit::tui::{DraftSummary, MemoryStore, Persistence};
use msgaudit::tui::{Effect, Msg};
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use tui_support::*;

fn small() -> (msgaudit::tui::App, MemoryStore) {
    let mut store = MemoryStore::default();
    let mut app = app_for("", Lang::En, &store);
    let i = app
        .catalog
        .iter()
        .position(|e| e.path.ends_with("small.toml"))
        .expect("small.toml in the catalog");
    begin(&mut app, &mut store, i);
    (app, store)
}

fn kinds(lang: Lang) -> (msgaudit::tui::App, MemoryStore) {
    let mut store = MemoryStore::default();
    let mut app = app_for("tui", lang, &store);
    begin(&mut app, &mut store, 0);
    (app, store)
}

#[test]
fn navigation_skips_hidden_questions_and_back_returns_to_the_previous_visible_one() {
    let (mut app, mut store) = small();
    assert_eq!(at(&app), "email.processes");
    // Enter with nothing ticked answers "none": the follow-up (when answered(processes)) appears.
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "email.in_records");
    assert_eq!(
        app.session().and_then(|s| s
            .parse_key("email.processes")
            .map(|k| s.answer(k).response.clone())),
        Some(Some(Response::Value(Value::Choices(vec![]))))
    );
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    assert_eq!(at(&app), "email.processes");
    // Ticking an option shows its repeated section at once.
    feed(&mut app, &mut store, [ch(' ')]);
    assert!(app.session().is_some_and(|s| {
        s.parse_key("per_process[orders].messenger")
            .is_some_and(|k| s.is_visible(k))
    }));
    // in_records: Yes; staff: left empty (optional); messenger for orders: No.
    feed(
        &mut app,
        &mut store,
        [
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(at(&app), "per_process[orders].messenger");
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Down), key(KeyCode::Enter)],
    );
    // `which` (when messenger == yes) and the closing section (when in_records is no/unknown) are hidden
    // and skipped: the audit is through.
    assert_eq!(app.screen, Screen::Review);
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    assert_eq!(at(&app), "per_process[orders].messenger");
    // Back returns to the previous visible question; on a choice, Left goes back as well (in a typing
    // field it moves the text cursor).
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    assert_eq!(at(&app), "email.staff");
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    assert_eq!(at(&app), "email.in_records");
    feed(&mut app, &mut store, [key(KeyCode::Left)]);
    assert_eq!(at(&app), "email.processes");
}

#[test]
fn repeated_sections_appear_when_their_options_are_selected() {
    let (mut app, mut store) = small();
    let repeats = |app: &msgaudit::tui::App| {
        outline::rows(app)
            .iter()
            .filter(|r| matches!(r.kind, outline::Kind::Instance(i) if i.section == 1 && i.visible))
            .count()
    };
    assert_eq!(repeats(&app), 0);
    // Orders and Support.
    feed(&mut app, &mut store, [ch(' '), ch('j'), ch(' ')]);
    assert_eq!(repeats(&app), 2);
    feed(&mut app, &mut store, [key(KeyCode::Enter)]); // -> in_records
    feed(&mut app, &mut store, [ch('j'), key(KeyCode::Enter)]); // "No" -> staff
    assert_eq!(at(&app), "email.staff");
    feed(&mut app, &mut store, [key(KeyCode::Enter)]); // staff is optional: skip
    assert_eq!(at(&app), "per_process[orders].messenger");
    // "Yes" shows the follow-up question of this repetition only.
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "per_process[orders].which");
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Esc), ch('j'), key(KeyCode::Enter)],
    );
    assert_eq!(
        at(&app),
        "per_process[support].messenger",
        "answering No hides `which` again"
    );
    // Unselecting an option removes its repetition.
    let s = app.session().expect("audit");
    let k = s.parse_key("email.processes").expect("key");
    app.audit
        .as_mut()
        .expect("audit")
        .session
        .go_to(k)
        .expect("go to");
    app.sync_question();
    feed(&mut app, &mut store, [ch(' ')]); // untick Orders
    assert_eq!(repeats(&app), 1);
}

#[test]
fn every_confirmed_answer_and_note_is_saved() {
    let (mut app, mut store) = small();
    let before = store.saves;
    feed(&mut app, &mut store, [ch(' ')]);
    assert_eq!(store.saves, before + 1, "choosing an option saves");
    let draft = store.drafts.values().next().expect("a draft");
    assert_eq!(
        draft
            .answers
            .get("email.processes")
            .map(std::string::ToString::to_string),
        Some("[\"orders\"]".to_string())
    );
    // The note: Tab, type, Enter.
    feed(&mut app, &mut store, [key(KeyCode::Tab)]);
    assert_eq!(app.q.focus, Focus::Note);
    feed(&mut app, &mut store, typed("per Telefon bestätigt"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(app.q.focus, Focus::Answer);
    let s = app.session().expect("audit");
    let k = s.current().expect("current");
    assert_eq!(s.answer(k).note.as_deref(), Some("per Telefon bestätigt"));
    let draft = store.drafts.values().next().expect("a draft");
    assert!(
        draft.answers["email.processes"]
            .to_string()
            .contains("per Telefon")
    );
    // The metadata is in the draft from the start.
    assert_eq!(draft.meta.organisation, "Muster GmbH");
}

#[test]
fn number_and_date_are_validated_inline() {
    let (mut app, mut store) = kinds(Lang::En);
    // uses_email: No -> provider hidden; messengers: skip; staff.
    feed(
        &mut app,
        &mut store,
        [ch('j'), key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    assert_eq!(at(&app), "basics.staff");
    feed(&mut app, &mut store, typed("abc"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.staff");
    assert_eq!(app.q.error.as_deref(), Some("Please enter a number"));
    // Typing clears the error; Ctrl-U clears the line as in readline.
    feed(&mut app, &mut store, [key(KeyCode::Backspace)]);
    assert_eq!(app.q.error, None);
    feed(&mut app, &mut store, [ctrl('u')]);
    assert_eq!(app.q.input.lines(), [""]);
    // The number of employees is whole (its bounds are): a fraction gets its own message.
    feed(&mut app, &mut store, typed("2,5"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(app.q.error.as_deref(), Some("Please enter a whole number"));
    feed(&mut app, &mut store, [ctrl('u')]);
    assert_eq!(app.q.input.lines(), [""]);
    // Out of range is refused with the limit.
    feed(&mut app, &mut store, typed("0"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(app.q.error.as_deref(), Some("At least 1"));
    feed(&mut app, &mut store, [key(KeyCode::Backspace)]);
    feed(&mut app, &mut store, typed("2,5"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.staff");
    assert_eq!(app.q.error.as_deref(), Some("Please enter a whole number"));
    feed(&mut app, &mut store, [ctrl('u')]);
    feed(&mut app, &mut store, typed("12"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.last_training");
    let s = app.session().expect("audit");
    let k = s.parse_key("basics.staff").expect("key");
    assert_eq!(s.answer(k).value(), Some(&Value::Number(12.0)));

    feed(&mut app, &mut store, typed("2025-13-01"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(
        app.q.error.as_deref(),
        Some("Please enter a date as YYYY-MM-DD or DD.MM.YYYY")
    );
    for _ in 0..10 {
        feed(&mut app, &mut store, [key(KeyCode::Backspace)]);
    }
    feed(&mut app, &mut store, typed("2025-01-31"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.remarks");
}

#[test]
fn text_answers_take_several_lines_and_pasted_escapes_are_neutralised() {
    let (mut app, mut store) = kinds(Lang::De);
    feed(
        &mut app,
        &mut store,
        [ch('j'), key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    feed(&mut app, &mut store, typed("7"));
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    assert_eq!(at(&app), "basics.remarks");
    feed(
        &mut app,
        &mut store,
        [Msg::Paste("Zeile 1\u{1b}[2J".into())],
    );
    feed(&mut app, &mut store, [alt(KeyCode::Enter)]);
    feed(&mut app, &mut store, typed("Zeile 2"));
    // A typed bidi override is dropped.
    feed(&mut app, &mut store, [ch('\u{202E}')]);
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    let s = app.session().expect("audit");
    let k = s.parse_key("basics.remarks").expect("key");
    assert_eq!(
        s.answer(k).value(),
        Some(&Value::Text("Zeile 1\u{FFFD}[2J\nZeile 2".into()))
    );
    assert_eq!(
        app.screen,
        Screen::Review,
        "the last question leads to the review"
    );
}

#[test]
fn unknown_and_not_applicable_where_allowed_and_other_gets_a_name() {
    let (mut app, mut store) = kinds(Lang::En);
    // uses_email: Yes -> provider.
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.provider");
    let rows = msgaudit::tui::app::rows(app.current().expect("q").1);
    assert_eq!(rows.len(), 5, "three options, unknown, not applicable");
    // "Other": Enter asks for its name, Enter again goes on.
    feed(
        &mut app,
        &mut store,
        [ch('j'), ch('j'), key(KeyCode::Enter)],
    );
    assert_eq!(app.q.focus, Focus::Other);
    feed(&mut app, &mut store, typed("Hoster XY"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.messengers");
    let s = app.session().expect("audit");
    let k = s.parse_key("basics.provider").expect("key");
    assert_eq!(s.answer(k).other.as_deref(), Some("Hoster XY"));
    // Back, choose Not applicable.
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Esc), ch('j'), ch('j'), ch(' ')],
    );
    let s = app.session().expect("audit");
    assert_eq!(s.answer(k).response, Some(Response::NotApplicable));
    // Space again clears it.
    feed(&mut app, &mut store, [ch(' ')]);
    let s = app.session().expect("audit");
    assert_eq!(s.answer(k).response, None);
}

#[test]
fn the_mouse_selects_options() {
    let (mut app, mut store) = kinds(Lang::En);
    let text = screen_text(&mut app, 100, 30);
    let y = text
        .lines()
        .position(|l| l.contains("( ) No"))
        .expect("the No row is drawn");
    let y = u16::try_from(y).unwrap();
    let click = msgaudit::tui::mouse_msg(
        &app,
        MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 8,
            row: y,
            modifiers: KeyModifiers::NONE,
        },
    );
    assert!(matches!(click, Msg::ClickRow(_)), "{click:?}");
    feed(&mut app, &mut store, [click]);
    let s = app.session().expect("audit");
    let k = s.parse_key("basics.uses_email").expect("key");
    assert_eq!(s.answer(k).value(), Some(&Value::Bool(false)));
}

#[test]
fn quitting_asks_while_answers_are_only_in_memory() {
    let (mut app, mut store) = small();
    // Nothing answered yet besides the details: the details count as unsaved in a memory store.
    feed(&mut app, &mut store, [ch(' ')]);
    assert!(feed(&mut app, &mut store, [ch('q')]).is_empty());
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    assert!(feed(&mut app, &mut store, [ch('n')]).is_empty());
    assert_eq!(app.overlay, None);
    assert_eq!(
        feed(&mut app, &mut store, [ctrl('c'), ch('y')]),
        vec![Effect::Quit]
    );
}

/// A store that keeps drafts "durably": quitting needs no confirmation once saved.
struct Durable(MemoryStore);

impl Persistence for Durable {
    fn save(&mut self, d: &msgaudit::audit::draft::Draft) -> Result<(), String> {
        self.0.save(d)
    }
    fn list(
        &self,
        known: &[std::sync::Arc<msgaudit::checklist::Checklist>],
        lang: Lang,
    ) -> Vec<DraftSummary> {
        self.0.list(known, lang)
    }
    fn load(&mut self, id: &str) -> Result<msgaudit::audit::draft::Draft, String> {
        self.0.load(id)
    }
    fn archive(&mut self, id: &str) -> Result<std::path::PathBuf, String> {
        self.0.archive(id)
    }
}

#[test]
fn with_a_durable_store_quit_is_immediate_and_a_failed_save_is_shown() {
    let mut store = Durable(MemoryStore::default());
    let entries =
        msgaudit::tui::load_catalog(&[(msgaudit::catalog::Origin::Extra, fixtures().join("tui"))]);
    let mut app = msgaudit::tui::App::new(
        Lang::En,
        msgaudit::tui::Theme::mono(),
        entries,
        vec![],
        true,
    );
    let run = |app: &mut msgaudit::tui::App, store: &mut Durable, m: Msg| {
        msgaudit::tui::dispatch(app, m, store)
    };
    run(&mut app, &mut store, key(KeyCode::Enter));
    run(&mut app, &mut store, key(KeyCode::Enter));
    for t in ["Org", "Unit", "", "Me", ""] {
        run(&mut app, &mut store, Msg::Paste(t.into()));
        run(&mut app, &mut store, key(KeyCode::Enter));
    }
    assert_eq!(app.screen, Screen::Question);
    run(&mut app, &mut store, ch(' '));
    assert!(!app.unsaved);
    store.0.fail_saves = Some("disk full".into());
    run(&mut app, &mut store, ch('j'));
    run(&mut app, &mut store, ch(' '));
    assert!(app.unsaved);
    assert_eq!(app.save_error.as_deref(), Some("Saving failed: disk full"));
    // The failure stays on screen at the next key (it used to vanish).
    run(&mut app, &mut store, ch('k'));
    assert!(screen_text(&mut app, 100, 30).contains("⚠ Saving failed: disk full"));
    // Unsaved answers after a failed save: quitting asks even though the store is durable.
    assert!(run(&mut app, &mut store, ch('q')).is_empty());
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    store.0.fail_saves = None;
    run(&mut app, &mut store, ch('n'));
    run(&mut app, &mut store, ch(' '));
    assert_eq!(app.save_error, None, "a successful save clears it");
    assert_eq!(run(&mut app, &mut store, ch('q')), vec![Effect::Quit]);
}

#[test]
fn details_require_organisation_unit_and_auditor() {
    let mut store = MemoryStore::default();
    let mut app = app_for("tui", Lang::De, &store);
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::Details);
    feed(&mut app, &mut store, [Msg::Paste("Muster GmbH".into())]);
    for _ in 0..5 {
        feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    }
    assert_eq!(app.screen, Screen::Details);
    assert!(app.details.tried);
    assert_eq!(
        app.details.focus, 1,
        "the first missing field gets the focus"
    );
    assert_eq!(store.saves, 0);
}

#[test]
fn the_audit_date_defaults_to_today_and_refuses_a_day_to_come() {
    let mut store = MemoryStore::default();
    let mut app = app_for("tui", Lang::De, &store);
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    for t in ["Org", "Unit", "", "Me"] {
        feed(
            &mut app,
            &mut store,
            [Msg::Paste(t.into()), key(KeyCode::Enter)],
        );
    }
    // The fixed clock of the test app: 1 December 2026.
    assert_eq!(app.details.fields[4].lines().join(""), "01.12.2026");
    let retype = |app: &mut msgaudit::tui::App, store: &mut MemoryStore, date: &str| {
        feed(app, store, [key(KeyCode::End)]);
        feed(app, store, (0..10).map(|_| key(KeyCode::Backspace)));
        feed(app, store, [Msg::Paste(date.into()), key(KeyCode::Enter)]);
    };
    retype(&mut app, &mut store, "02.12.2026");
    assert_eq!(app.screen, Screen::Details, "a day to come is refused");
    assert!(app.details.tried);
    assert_eq!(app.details.focus, 4);
    assert!(
        screen_text(&mut app, 100, 30).contains("Das Datum liegt in der Zukunft."),
        "{}",
        screen_text(&mut app, 100, 30)
    );
    retype(&mut app, &mut store, "28.11.2026");
    assert_eq!(app.screen, Screen::Question);
    let meta = &app.audit.as_ref().map(|a| a.draft.meta.clone());
    assert_eq!(
        meta.as_ref().and_then(|m| m.audit_date),
        Some(jiff::civil::date(2026, 11, 28))
    );
}

#[test]
fn a_draft_resumes_where_it_was_left_and_damaged_ones_do_not() {
    let (mut app, mut store) = small();
    feed(&mut app, &mut store, [ch(' '), key(KeyCode::Enter)]);
    assert_eq!(at(&app), "email.in_records");
    // Quitting saves the position.
    assert_eq!(
        feed(&mut app, &mut store, [ctrl('c'), ch('y')]),
        vec![Effect::Quit]
    );
    store.extra.push(DraftSummary::damaged(
        "broken.toml",
        "TOML parse error at line 3",
    ));

    let mut app = app_for("", Lang::En, &store);
    assert_eq!(app.drafts.len(), 2);
    let summary = &app.drafts[0];
    assert_eq!(summary.organisation, "Muster GmbH");
    assert_eq!(summary.checklist, "Small audit");
    let p = summary.progress.expect("progress");
    // processes answered; in_records and the repetition for Orders are required and open.
    assert_eq!((p.answered, p.required), (1, 3));
    // The damaged one: a message, nothing loaded.
    feed(
        &mut app,
        &mut store,
        [ch('j'), ch('j'), key(KeyCode::Enter)],
    );
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.1 && s.0.contains("TOML parse error"))
    );
    assert_eq!(app.screen, Screen::Start);
    feed(&mut app, &mut store, [ch('k'), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(at(&app), "email.in_records");
    assert!(!app.unsaved, "a resumed draft has nothing unsaved yet");
}

#[test]
fn review_lists_open_questions_jumps_and_offers_sign_off_when_complete() {
    let (mut app, mut store) = kinds(Lang::En);
    feed(&mut app, &mut store, [ch('r')]);
    assert_eq!(app.screen, Screen::Review);
    // The cursor starts on the first open required question; Enter jumps there.
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(at(&app), "basics.uses_email");
    // Sign-off is offered while required questions are open: the sign-off screen warns.
    let effects = feed(
        &mut app,
        &mut store,
        [ch('r'), ch('G'), key(KeyCode::Enter)],
    );
    assert_eq!(effects, vec![Effect::FindKey]);
    assert_eq!(app.screen, Screen::SignOff);
    assert!(app.sign.open > 0);
    let warning = view::signoff::warning(&app).expect("a warning");
    assert!(
        warning.contains("required questions are still open"),
        "{warning}"
    );
    assert!(warning.contains("You can sign anyway"), "{warning}");
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    assert_eq!(app.screen, Screen::Review);
    // Answer everything required: uses_email No, messengers Signal with a private account, staff 5.
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    let k = app
        .session()
        .and_then(|s| s.parse_key("basics.uses_email"))
        .expect("key");
    app.audit
        .as_mut()
        .expect("audit")
        .session
        .go_to(k)
        .expect("go");
    app.sync_question();
    feed(&mut app, &mut store, [ch('j'), key(KeyCode::Enter)]);
    feed(
        &mut app,
        &mut store,
        [ch('j'), ch(' '), key(KeyCode::Enter)],
    );
    feed(&mut app, &mut store, typed("5"));
    feed(
        &mut app,
        &mut store,
        [
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(at(&app), "review[signal].business_account");
    feed(&mut app, &mut store, [ch('j'), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Review);
    let s = app.session().expect("audit");
    assert_eq!(s.open_required().count(), 0);
    assert_eq!(s.findings().count(), 1);
    assert_eq!(
        feed(&mut app, &mut store, [ch('G'), key(KeyCode::Enter)]),
        vec![Effect::FindKey]
    );
    assert_eq!((app.sign.open, app.sign.findings), (0, 1));
    let warning = view::signoff::warning(&app).expect("findings warn too");
    assert!(warning.contains("The audit has 1 finding."), "{warning}");
}

#[test]
fn outline_jumps_to_a_visible_question() {
    let (mut app, mut store) = kinds(Lang::En);
    feed(&mut app, &mut store, [ch('o')]);
    assert!(app.outline_focused);
    // Rows: Basics, its questions (uses_email, messengers, staff, last_training, remarks: provider is
    // hidden), the hidden review section.
    let rows = outline::rows(&app);
    assert_eq!(rows.len(), 1 + 5 + 1);
    assert!(
        rows[6].target.is_none(),
        "a hidden section cannot be jumped to"
    );
    // The cursor starts on the current question (row 1).
    assert_eq!(app.outline_sel, 1);
    feed(
        &mut app,
        &mut store,
        [ch('j'), ch('j'), key(KeyCode::Enter)],
    );
    assert!(!app.outline_focused);
    assert_eq!(at(&app), "basics.staff");
}

#[test]
fn help_opens_with_question_mark_and_f1_and_lists_keys_from_the_keymap() {
    let (mut app, mut store) = kinds(Lang::En);
    feed(&mut app, &mut store, [ch('?')]);
    assert_eq!(app.overlay, Some(Overlay::Help));
    let text = screen_text(&mut app, 100, 30);
    assert!(text.contains("Why it matters"));
    assert!(text.contains("Art. 30 GDPR"));
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    assert_eq!(app.overlay, None);
    feed(&mut app, &mut store, [key(KeyCode::F(1))]);
    assert_eq!(app.overlay, Some(Overlay::Help));
    for b in msgaudit::tui::keymap::active(&app.screen_contexts(), app.lang) {
        let label = b.label.get(Lang::En);
        let lines = msgaudit::tui::view::help::lines(&app);
        assert!(
            lines.iter().any(|l| l.to_string().contains(label)),
            "help lacks {label}"
        );
    }
}

#[test]
fn up_and_down_on_the_review_move_between_open_questions_and_sign_off() {
    let (mut app, mut store) = kinds(Lang::En);
    feed(&mut app, &mut store, [ch('r')]);
    let lines = view::review::lines(&app);
    let targets: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.target.is_some())
        .map(|(i, _)| i)
        .collect();
    assert!(targets.len() >= 3, "open questions and sign-off");
    assert_eq!(app.review_sel, targets[0]);
    feed(&mut app, &mut store, [key(KeyCode::Down)]);
    assert_eq!(
        app.review_sel, targets[1],
        "the next actionable line, not the blank one below"
    );
    for _ in 0..targets.len() {
        feed(&mut app, &mut store, [key(KeyCode::Down)]);
    }
    assert_eq!(
        app.review_sel,
        *targets.last().unwrap_or(&0),
        "sign-off is reached with Down"
    );
    let effects = feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(effects, vec![Effect::FindKey]);
    assert_eq!(app.screen, Screen::SignOff);
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    feed(
        &mut app,
        &mut store,
        [ch('r'), key(KeyCode::Down), key(KeyCode::Up)],
    );
    assert_eq!(app.review_sel, targets[0]);
}

/// A question about the DPIA shows the screening's current verdict (it goes with the answers, never stale).
#[test]
fn a_dpia_question_shows_the_current_verdict() {
    let mut store = MemoryStore::default();
    let mut app = app_for("../outcome", Lang::En, &store);
    begin(&mut app, &mut store, 0);
    let a = app.audit.as_mut().expect("audit");
    for (k, v) in [
        ("org.in_records", toml::Value::Boolean(true)),
        ("org.staff", toml::Value::Integer(300)),
        (
            "org.messengers",
            toml::Value::Array(vec!["whatsapp".into()]),
        ),
    ] {
        msgaudit::audit::values::apply(&mut a.session, k, &v)
            .unwrap_or_else(|e| panic!("{k}: {e:?}"));
    }
    let k = a.session.parse_key("closing.why_no_dpia").expect("key");
    assert!(a.session.is_visible(k), "one criterion shows the question");
    a.session.go_to(k).expect("go to");
    app.sync_question();
    let text = screen_text(&mut app, 100, 30);
    assert!(
        text.contains("DPIA screening: DPIA to be considered (provisional)"),
        "{text}"
    );
}

/// Terminals paste line breaks as CR or CRLF: a pasted note keeps them as line breaks, never "�".
#[test]
fn a_pasted_note_keeps_its_line_breaks() {
    let (mut app, mut store) = small();
    feed(&mut app, &mut store, [key(KeyCode::Tab)]);
    assert_eq!(app.q.focus, Focus::Note);
    feed(
        &mut app,
        &mut store,
        [Msg::Paste("erste Zeile\rzweite Zeile\r\ndritte".into())],
    );
    assert_eq!(app.note_text(), "erste Zeile\nzweite Zeile\ndritte");
}

/// Ctrl-C in the note editor keeps the note being typed: it goes into the draft saved on quitting.
#[test]
fn quitting_from_the_note_editor_keeps_the_note() {
    let (mut app, mut store) = small();
    feed(&mut app, &mut store, [key(KeyCode::Tab)]);
    feed(&mut app, &mut store, typed("Nachweis folgt"));
    let effects = feed(&mut app, &mut store, [ctrl('c'), ch('y')]);
    assert!(effects.contains(&Effect::Quit), "{effects:?}");
    let s = app.session().expect("audit");
    let k = s.current().expect("current");
    assert_eq!(s.answer(k).note.as_deref(), Some("Nachweis folgt"));
    let saved = store.drafts.values().next().expect("a saved draft");
    assert!(
        saved
            .answers
            .values()
            .any(|v| v.to_string().contains("Nachweis folgt")),
        "{:?}",
        saved.answers
    );
}

/// A new audit in a data folder that cannot be written does not start: the start screen says why.
#[test]
fn a_new_audit_that_cannot_be_saved_does_not_start() {
    let mut store = MemoryStore {
        fail_saves: Some("read-only folder".into()),
        ..MemoryStore::default()
    };
    let mut app = app_for("tui", Lang::En, &store);
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    for t in ["Org", "Unit", "", "Me", ""] {
        feed(
            &mut app,
            &mut store,
            [Msg::Paste(t.into()), key(KeyCode::Enter)],
        );
    }
    assert_eq!(app.screen, Screen::Start);
    assert!(app.audit.is_none());
    assert_eq!(
        app.start_notice.as_deref(),
        Some("Saving failed: read-only folder")
    );
}

/// Ctrl-C quits from the help overlay too, as its hint says.
#[test]
fn ctrl_c_quits_from_the_help_overlay() {
    let (mut app, mut store) = small();
    feed(&mut app, &mut store, [ch('?')]);
    assert_eq!(app.overlay, Some(Overlay::Help));
    let effects = feed(&mut app, &mut store, [ctrl('c')]);
    assert!(
        effects.contains(&Effect::Quit) || app.overlay == Some(Overlay::ConfirmQuit),
        "{effects:?} {:?}",
        app.overlay
    );
}

#[test]
fn w_gives_the_last_change_a_reason_that_the_saved_draft_keeps() {
    let (mut app, mut store) = small();
    // Nothing changed yet: there is nothing to give a reason for.
    feed(&mut app, &mut store, [ch('w')]);
    assert_eq!(app.q.focus, Focus::Answer);
    assert!(app.status.is_some());
    // processes: Orders; in_records: No, then back and Yes (a correction).
    feed(&mut app, &mut store, [ch(' '), key(KeyCode::Enter)]);
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Down), key(KeyCode::Enter)],
    );
    feed(&mut app, &mut store, [key(KeyCode::Esc)]);
    assert_eq!(at(&app), "email.in_records");
    feed(
        &mut app,
        &mut store,
        [key(KeyCode::Up), key(KeyCode::Enter)],
    );
    feed(&mut app, &mut store, [key(KeyCode::Esc), ch('w')]);
    assert_eq!(app.q.focus, Focus::Reason);
    feed(
        &mut app,
        &mut store,
        "Beim Rückruf bestätigt".chars().map(ch),
    );
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(app.q.focus, Focus::Answer);
    let d = store.drafts.values().next().expect("saved");
    let last = d.history.last().expect("a history");
    assert_eq!(last.key, "email.in_records");
    assert_eq!(last.old, Some(toml::Value::Boolean(false)));
    assert_eq!(last.new, Some(toml::Value::Boolean(true)));
    assert_eq!(last.reason.as_deref(), Some("Beim Rückruf bestätigt"));
    // Esc leaves the field without changing the reason.
    feed(&mut app, &mut store, [ch('w'), ch('x'), key(KeyCode::Esc)]);
    let d = store.drafts.values().next().expect("saved");
    assert_eq!(
        d.history.last().and_then(|c| c.reason.as_deref()),
        Some("Beim Rückruf bestätigt")
    );
}

/// The outline draws only the rows in view: scrolled far down a long checklist, the window around the
/// selected row is shown (its section and those before and after it), the first rows are not.
#[test]
fn a_long_outline_shows_the_rows_around_the_selection() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::from(
        "format = 1\nid = \"long\"\nversion = \"1\"\nlanguages = [\"de\", \"en\"]\n\
         title = { de = \"Lang\", en = \"Long\" }\ndescription = { de = \"Viele.\", en = \"Many.\" }\n",
    );
    for sec in 0..40 {
        writeln!(
            s,
            "\n[[section]]\nid = \"s{sec}\"\ntitle = {{ de = \"Abschnitt {sec}\", en = \"Section {sec}\" }}"
        )
        .unwrap();
        for q in 0..2 {
            writeln!(
                s,
                "\n[[section.question]]\nid = \"q{q}\"\nkind = \"yes_no\"\n\
                 text = {{ de = \"Frage {sec}.{q}?\", en = \"Question {sec}.{q}?\" }}"
            )
            .unwrap();
        }
    }
    std::fs::write(dir.path().join("long.toml"), s).unwrap();
    let entries = msgaudit::tui::load_catalog(&[(
        msgaudit::catalog::Origin::Extra,
        dir.path().to_path_buf(),
    )]);
    let mut store = MemoryStore::default();
    let mut app = msgaudit::tui::App::new(
        Lang::En,
        msgaudit::tui::Theme::mono(),
        entries,
        vec![],
        false,
    );
    app.size = (120, 40);
    begin(&mut app, &mut store, 0);
    feed(&mut app, &mut store, [ch('o')]);
    // Rows: section 0 with its two questions, then sections 1 to 39: 42 rows, more than the panel holds.
    assert_eq!(outline::rows(&app).len(), 42);
    feed(&mut app, &mut store, std::iter::repeat_n(ch('j'), 35));
    assert_eq!(app.outline_sel, 36);
    let text = screen_text(&mut app, 120, 40);
    assert!(text.contains("Section 39 "), "{text}");
    assert!(text.contains("Section 20 "), "{text}");
    assert!(!text.contains("Section 1 "), "{text}");
    assert!(!text.contains("Question 0.1?"), "{text}");
    // Back at the top, the first rows are there again.
    feed(&mut app, &mut store, std::iter::repeat_n(ch('k'), 36));
    let text = screen_text(&mut app, 120, 40);
    assert!(text.contains("Question 0.1?"), "{text}");
    assert!(text.contains("Section 1 "), "{text}");
    assert!(!text.contains("Section 39 "), "{text}");
}
