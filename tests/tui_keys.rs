//! The answer keys and the layout fixes of the TUI, through `update` and the `TestBackend`: digits and
//! letters answer, "next open question" jumps from the question screen, the outline and the review, the
//! hint bar is never cut, and overlays, outlines and lists read cleanly.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use msgaudit::audit::{Response, Value};
use msgaudit::lang::Lang;
use msgaudit::tui::app::{Focus, Screen};
use msgaudit::tui::{App, MemoryStore};
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn kinds(lang: Lang) -> (App, MemoryStore) {
    let mut store = MemoryStore::default();
    let mut app = app_for("tui", lang, &store);
    begin(&mut app, &mut store, 0);
    (app, store)
}

fn response(app: &App, key: &str) -> Option<Response> {
    let s = app.session().expect("audit");
    let k = s.parse_key(key).expect("key");
    s.answer(k).response.clone()
}

fn bar(app: &mut App, w: u16, h: u16) -> String {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    (0..w)
        .map(|x| buf[(x, h - 1)].symbol().to_string())
        .collect()
}

#[test]
fn digits_choose_the_nth_answer_and_confirm_a_single_choice() {
    let (mut app, mut store) = kinds(Lang::De);
    assert_eq!(at(&app), "basics.uses_email");
    // 1 = Ja, confirmed: on to the provider (shown because of the yes).
    feed(&mut app, &mut store, [ch('1')]);
    assert_eq!(
        response(&app, "basics.uses_email"),
        Some(Response::Value(Value::Bool(true)))
    );
    assert_eq!(at(&app), "basics.provider");
    // 2 = Cloud-Anbieter.
    feed(&mut app, &mut store, [ch('2')]);
    assert_eq!(
        response(&app, "basics.provider"),
        Some(Response::Value(Value::Choice(1)))
    );
    assert_eq!(at(&app), "basics.messengers");
    // A multiple choice: digits tick and untick, Enter confirms.
    feed(&mut app, &mut store, [ch('1'), ch('3'), ch('3'), ch('2')]);
    assert_eq!(at(&app), "basics.messengers");
    assert_eq!(
        response(&app, "basics.messengers"),
        Some(Response::Value(Value::Choices(vec![0, 1])))
    );
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.staff");
    // In the number field a digit is typed, not chosen.
    feed(&mut app, &mut store, typed("12"));
    assert_eq!(app.q.input.lines(), ["12"]);
    // A digit beyond the rows says so and changes nothing.
    feed(&mut app, &mut store, [key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert_eq!(at(&app), "basics.provider");
    feed(&mut app, &mut store, [ch('9')]);
    assert_eq!(at(&app), "basics.provider");
    assert_eq!(
        app.q.error.as_deref(),
        Some("Diese Antwort bietet die Frage nicht an.")
    );
}

#[test]
fn answer_letters_follow_the_language() {
    let (mut app, mut store) = kinds(Lang::En);
    feed(&mut app, &mut store, [ch('y')]);
    assert_eq!(
        response(&app, "basics.uses_email"),
        Some(Response::Value(Value::Bool(true)))
    );
    // x = not applicable, offered by the provider question.
    assert_eq!(at(&app), "basics.provider");
    feed(&mut app, &mut store, [ch('x')]);
    assert_eq!(
        response(&app, "basics.provider"),
        Some(Response::NotApplicable)
    );
    // x: the messengers question offers no "not applicable"; u is "unknown" there.
    feed(&mut app, &mut store, [ch('x')]);
    assert_eq!(at(&app), "basics.messengers");
    assert_eq!(
        app.q.error.as_deref(),
        Some("This question does not offer that answer.")
    );
    feed(&mut app, &mut store, [ch('u')]);
    assert_eq!(response(&app, "basics.messengers"), Some(Response::Unknown));
    assert_eq!(at(&app), "basics.staff");

    // German: n is "Nein"; j still moves down (no answer given).
    let (mut app, mut store) = kinds(Lang::De);
    feed(&mut app, &mut store, [ch('j')]);
    assert_eq!(app.q.cursor, 1);
    assert_eq!(response(&app, "basics.uses_email"), None);
    feed(&mut app, &mut store, [ch('n')]);
    assert_eq!(
        response(&app, "basics.uses_email"),
        Some(Response::Value(Value::Bool(false)))
    );
    assert_eq!(at(&app), "basics.messengers");
}

#[test]
fn next_open_question_from_questions_outline_and_review() {
    let (mut app, mut store) = kinds(Lang::En);
    // uses_email: no (provider hidden); messengers: WhatsApp, Signal.
    feed(&mut app, &mut store, [ch('n'), ch('1'), ch('2')]);
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.staff");
    feed(&mut app, &mut store, [ctrl('r')]);
    assert_eq!(app.screen, Screen::Review);
    // From the review: the next open question after the current one (staff itself is open, so the
    // next after it: last_training).
    feed(&mut app, &mut store, [key(KeyCode::F(3))]);
    assert_eq!(app.screen, Screen::Question);
    assert_eq!(at(&app), "basics.last_training");
    // From a question: F3 skips the answered, wraps at the end.
    feed(&mut app, &mut store, [key(KeyCode::F(3))]);
    assert_eq!(at(&app), "basics.remarks");
    feed(&mut app, &mut store, [ctrl('n')]);
    assert_eq!(at(&app), "review[whatsapp].business_account");
    feed(&mut app, &mut store, [ch('y')]);
    assert_eq!(at(&app), "review[signal].business_account");
    feed(&mut app, &mut store, [key(KeyCode::F(3))]);
    assert_eq!(
        at(&app),
        "basics.staff",
        "wraps around to the first open one"
    );
    // From the outline (Ctrl+N as well).
    feed(&mut app, &mut store, [key(KeyCode::Tab)]);
    assert_eq!(app.q.focus, Focus::Note);
    feed(&mut app, &mut store, [key(KeyCode::Esc), ctrl('o')]);
    assert!(app.outline_focused);
    feed(&mut app, &mut store, [ctrl('n')]);
    assert!(!app.outline_focused);
    assert_eq!(at(&app), "basics.last_training");
}

#[test]
fn nothing_open_says_so() {
    let mut store = MemoryStore::default();
    let mut app = app_for("tui", Lang::De, &store);
    begin(&mut app, &mut store, 0);
    // Nein (provider hidden), no messenger, 12 employees, a date, a remark: every question answered.
    feed(&mut app, &mut store, [ch('n'), key(KeyCode::Enter)]);
    feed(&mut app, &mut store, typed("12"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    feed(&mut app, &mut store, typed("2025-01-31"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    feed(&mut app, &mut store, typed("keine"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Review);
    feed(&mut app, &mut store, [key(KeyCode::F(3))]);
    assert_eq!(app.screen, Screen::Review);
    assert_eq!(
        app.status.as_ref().map(|(t, _)| t.as_str()),
        Some("Keine Frage ist mehr offen.")
    );
}

#[test]
fn an_other_option_needs_a_name() {
    let (mut app, mut store) = kinds(Lang::De);
    feed(&mut app, &mut store, [ch('1'), ch('3')]);
    assert_eq!(at(&app), "basics.provider");
    assert_eq!(app.q.focus, Focus::Other);
    feed(&mut app, &mut store, typed("   "));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.provider");
    assert_eq!(app.q.focus, Focus::Other);
    assert_eq!(app.q.error.as_deref(), Some("Bitte einen Namen eingeben"));
    feed(&mut app, &mut store, [ctrl('u')]);
    assert_eq!(app.q.other.lines(), [""]);
    feed(&mut app, &mut store, typed("Hoster XY"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(at(&app), "basics.messengers");
    let s = app.session().expect("audit");
    let k = s.parse_key("basics.provider").expect("key");
    assert_eq!(s.answer(k).other.as_deref(), Some("Hoster XY"));
}

#[test]
fn ctrl_u_clears_the_line_in_notes_and_forms() {
    let (mut app, mut store) = kinds(Lang::En);
    feed(&mut app, &mut store, [key(KeyCode::Tab)]);
    feed(&mut app, &mut store, typed("first"));
    feed(&mut app, &mut store, [alt(KeyCode::Enter)]);
    feed(&mut app, &mut store, typed("second line"));
    feed(&mut app, &mut store, [ctrl('u')]);
    assert_eq!(app.q.note.lines(), ["first", ""]);
    feed(&mut app, &mut store, [key(KeyCode::Esc), ch('e')]);
    assert_eq!(app.screen, Screen::Details);
    feed(&mut app, &mut store, [ctrl('u')]);
    assert_eq!(app.details.fields[0].lines(), [""]);
}

#[test]
fn the_hint_bar_is_never_cut_and_always_names_help() {
    for lang in [Lang::De, Lang::En] {
        let (mut app, mut store) = kinds(lang);
        let screens: Vec<Vec<msgaudit::tui::Msg>> = vec![
            vec![],
            vec![key(KeyCode::Tab)],
            vec![key(KeyCode::Esc), ch('o')],
            vec![key(KeyCode::Esc), ch('n'), key(KeyCode::Enter)],
            vec![ctrl('r')],
        ];
        let help = if lang == Lang::De { "Hilfe" } else { "help" };
        for msgs in screens {
            feed(&mut app, &mut store, msgs);
            for w in [80, 100, 120] {
                let line = bar(&mut app, w, 24);
                // Only whole hints: the help key comes last, so the bar ends in its full label.
                assert!(line.trim_end().ends_with(help), "{line:?}");
                assert!(line.contains("? ") || line.contains("F1 "), "{line:?}");
            }
        }
    }
}

#[test]
fn overlays_have_one_border_and_outlines_no_placeholders() {
    for lang in [Lang::De, Lang::En] {
        let mut store = MemoryStore::default();
        let mut app = app_for("tui", lang, &store);
        feed(&mut app, &mut store, [ch('?')]);
        let text = screen_text(&mut app, 80, 24);
        assert!(!text.contains("┌┌") && !text.contains("┐┐"), "{text}");

        // A repeated section with no repetition yet: no raw "{item}" in the outline.
        let (mut app, mut store) = kinds(lang);
        feed(&mut app, &mut store, [ch('o')]);
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen_text(&mut app, w, h);
            assert!(!text.contains("{item}"), "{text}");
            let none = if lang == Lang::De {
                "(noch keine)"
            } else {
                "(none yet)"
            };
            assert!(text.contains(none), "{text}");
        }
    }
}

#[test]
fn text_keeps_a_reading_width_on_wide_terminals() {
    let (mut app, _) = kinds(Lang::En);
    let t = render(&mut app, 200, 50);
    let buf = t.backend().buffer();
    // The question text and answers stay within 100 columns of the margin (the outline is further right).
    for y in 3..40 {
        let row: String = (0..150).map(|x| buf[(x, y)].symbol().to_string()).collect();
        assert!(row[..].chars().skip(103).all(|c| c == ' '), "{row:?}");
    }
}
