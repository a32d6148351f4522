//! Snapshots of every screen and every answer kind, in German and English, at 80x24 and 120x40, and the
//! "terminal too small" message. Rendered on ratatui's `TestBackend`.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use msgaudit::lang::Lang;
use msgaudit::tui::Msg;
use msgaudit::tui::app::{App, Overlay, Screen};
use msgaudit::tui::signoff::{Changed, KeyState, SignFailure, SignStep, SignedOff};
use msgaudit::tui::{DraftSummary, MemoryStore, Theme};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [Lang; 2] = [Lang::De, Lang::En];

/// The app at the first question of the TUI test checklist.
fn kinds(lang: Lang) -> (App, MemoryStore) {
    let mut store = MemoryStore::default();
    let mut app = app_for("tui", lang, &store);
    begin(&mut app, &mut store, 0);
    (app, store)
}

/// Go to a question by key.
fn goto(app: &mut App, key: &str) {
    let k = app
        .session()
        .and_then(|s| s.parse_key(key))
        .unwrap_or_else(|| panic!("no question {key}"));
    app.audit
        .as_mut()
        .expect("audit")
        .session
        .go_to(k)
        .expect("go to");
    app.sync_question();
    assert_eq!(at(app), key);
}

const KEYS: &str = "/home/dpo/.config/msgaudit/keys";
const RESULTS: &str = "/home/dpo/.local/share/msgaudit/results";
const KEY_ID: &str = "A1B2C3D4E5F60718";

/// The sign-off form of an audit with open required questions (the warning), with or without a key.
fn signoff(lang: Lang, with_key: bool) -> App {
    let (mut app, mut store) = kinds(lang);
    // One finding: WhatsApp with a private account.
    goto(&mut app, "basics.messengers");
    feed(&mut app, &mut store, [ch(' '), key(KeyCode::Enter)]);
    goto(&mut app, "review[whatsapp].business_account");
    feed(&mut app, &mut store, [ch('j'), key(KeyCode::Enter)]);
    feed(
        &mut app,
        &mut store,
        [ch('r'), ch('G'), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::SignOff);
    feed(
        &mut app,
        &mut store,
        [Msg::KeyFound(KeyState {
            dir: KEYS.into(),
            key_id: with_key.then(|| KEY_ID.to_string()),
            public: format!("{KEYS}/msgaudit.pub").into(),
        })],
    );
    app
}

/// Every screen state to snapshot, by name.
fn scenario(name: &str, lang: Lang) -> App {
    match name {
        "start" => {
            let mut store = MemoryStore::default();
            let (mut app, mut s2) = kinds(lang);
            feed(&mut app, &mut s2, [ch(' ')]);
            store.drafts = s2.drafts;
            for d in store.drafts.values_mut() {
                // A fixed time, so that the snapshot does not change.
                d.updated = "2025-06-02T09:30:00Z".parse().expect("timestamp");
            }
            store.extra.push(DraftSummary::damaged(
                "3f9a0c21",
                "expected `=`, found newline at line 7",
            ));
            app_for("tui", lang, &store)
        }
        "pick" => {
            let store = MemoryStore::default();
            let mut app = app_for("", lang, &store);
            let mut s = store.clone();
            feed(&mut app, &mut s, [key(KeyCode::Enter)]);
            app
        }
        "details" => {
            let mut store = MemoryStore::default();
            let mut app = app_for("tui", lang, &store);
            feed(
                &mut app,
                &mut store,
                [key(KeyCode::Enter), key(KeyCode::Enter)],
            );
            feed(&mut app, &mut store, [Msg::Paste("Muster GmbH".into())]);
            for _ in 0..5 {
                feed(&mut app, &mut store, [key(KeyCode::Enter)]);
            }
            app
        }
        "yes_no" => {
            let (mut app, mut store) = kinds(lang);
            feed(&mut app, &mut store, [ch(' ')]);
            app
        }
        "single_other" => {
            let (mut app, mut store) = kinds(lang);
            feed(&mut app, &mut store, [key(KeyCode::Enter)]);
            feed(
                &mut app,
                &mut store,
                [ch('j'), ch('j'), key(KeyCode::Enter)],
            );
            feed(&mut app, &mut store, typed("Hoster XY"));
            app
        }
        "multi" => {
            let (mut app, mut store) = kinds(lang);
            goto(&mut app, "basics.messengers");
            feed(&mut app, &mut store, [ch(' '), ch('j'), ch('j'), ch(' ')]);
            app
        }
        "number_error" => {
            let (mut app, mut store) = kinds(lang);
            goto(&mut app, "basics.staff");
            feed(&mut app, &mut store, typed("0"));
            feed(&mut app, &mut store, [key(KeyCode::Enter)]);
            app
        }
        "date_error" => {
            let (mut app, mut store) = kinds(lang);
            goto(&mut app, "basics.last_training");
            feed(&mut app, &mut store, typed("31.13.2025"));
            feed(&mut app, &mut store, [key(KeyCode::Enter)]);
            app
        }
        "text" => {
            let (mut app, mut store) = kinds(lang);
            goto(&mut app, "basics.remarks");
            feed(
                &mut app,
                &mut store,
                typed("Vertrieb nutzt private Handys."),
            );
            feed(&mut app, &mut store, [alt(KeyCode::Enter)]);
            feed(&mut app, &mut store, typed("Keine Richtlinie."));
            app
        }
        "note" => {
            let (mut app, mut store) = kinds(lang);
            feed(&mut app, &mut store, [ch(' '), key(KeyCode::Tab)]);
            feed(&mut app, &mut store, typed("laut Leitung, Nachweis folgt"));
            app
        }
        "help_knowledge" => {
            let (mut app, mut store) = kinds(lang);
            goto(&mut app, "basics.messengers");
            feed(&mut app, &mut store, [ch('j'), ch(' ')]);
            goto(&mut app, "review[signal].business_account");
            feed(&mut app, &mut store, [ch('?')]);
            assert_eq!(app.overlay, Some(Overlay::Help));
            app
        }
        "long_options" => {
            // The shipped audit's first question has 13 options: more than fit at 80x24.
            let mut store = MemoryStore::default();
            let mut app = app_for("../../checklists", lang, &store);
            let i = app
                .catalog
                .iter()
                .position(|e| {
                    e.checklist
                        .as_ref()
                        .is_ok_and(|c| c.id == "messenger-audit")
                })
                .expect("the shipped audit");
            begin(&mut app, &mut store, i);
            assert_eq!(at(&app), "email.processes");
            feed(&mut app, &mut store, [ch('2')]);
            app
        }
        "help_keys" => {
            let mut store = MemoryStore::default();
            let mut app = app_for("tui", lang, &store);
            feed(&mut app, &mut store, [ch('?')]);
            app
        }
        "outline" => {
            let (mut app, mut store) = kinds(lang);
            goto(&mut app, "basics.messengers");
            feed(&mut app, &mut store, [ch(' '), ch('j'), ch(' ')]);
            feed(&mut app, &mut store, [ch('o'), ch('j')]);
            app
        }
        "review" => {
            let (mut app, mut store) = kinds(lang);
            feed(
                &mut app,
                &mut store,
                [key(KeyCode::Enter), ch('j'), key(KeyCode::Enter)],
            );
            feed(
                &mut app,
                &mut store,
                [ch(' '), ch('j'), ch(' '), key(KeyCode::Enter)],
            );
            goto(&mut app, "review[whatsapp].business_account");
            feed(&mut app, &mut store, [ch('j'), key(KeyCode::Enter)]);
            feed(&mut app, &mut store, [ch('r')]);
            app
        }
        "review_unknown" => {
            // "Unknown" is a point to clarify, listed by its question text like an open question.
            let mut app = scenario("review", lang);
            if let Some(a) = app.audit.as_mut() {
                for key in ["basics.staff", "review[signal].business_account"] {
                    let k = a.session.parse_key(key).unwrap_or_else(|| panic!("{key}"));
                    a.session
                        .set(k, Some(msgaudit::audit::Response::Unknown))
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            }
            app
        }
        "confirm_quit" => {
            let (mut app, mut store) = kinds(lang);
            feed(&mut app, &mut store, [ch(' '), ch('q')]);
            assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
            app
        }
        "signoff_form" => signoff(lang, true),
        "signoff_confirm" => {
            let mut app = signoff(lang, true);
            let mut store = MemoryStore::default();
            feed(
                &mut app,
                &mut store,
                [key(KeyCode::Enter), key(KeyCode::Tab)],
            );
            feed(&mut app, &mut store, typed("Datenschutzbeauftragte"));
            feed(&mut app, &mut store, [key(KeyCode::Enter)]);
            assert_eq!(app.sign.step, SignStep::Confirm);
            app
        }
        "signoff_new_key" => {
            let mut app = signoff(lang, false);
            let mut store = MemoryStore::default();
            feed(
                &mut app,
                &mut store,
                [
                    key(KeyCode::Enter),
                    key(KeyCode::Enter),
                    key(KeyCode::Enter),
                    ch('y'),
                ],
            );
            assert_eq!(app.sign.step, SignStep::NewKey);
            feed(&mut app, &mut store, typed("geheim"));
            feed(&mut app, &mut store, [key(KeyCode::Enter)]);
            feed(&mut app, &mut store, typed("geheim"));
            app
        }
        "signoff_password" => {
            let mut app = signoff(lang, false);
            let mut store = MemoryStore::default();
            feed(
                &mut app,
                &mut store,
                [
                    key(KeyCode::Enter),
                    key(KeyCode::Enter),
                    key(KeyCode::Enter),
                    ch('y'),
                ],
            );
            feed(
                &mut app,
                &mut store,
                [Msg::KeyCreated(Ok(msgaudit::sign::KeyInfo {
                    secret_key_path: format!("{KEYS}/msgaudit.key").into(),
                    public_key_path: format!("{KEYS}/msgaudit.pub").into(),
                    key_id: KEY_ID.into(),
                    public_key: "RWQ…".into(),
                }))],
            );
            assert_eq!(app.sign.step, SignStep::Password);
            feed(
                &mut app,
                &mut store,
                [Msg::SignedOff(Err(SignFailure::WrongPassword(format!(
                    "wrong password for the secret key {KEYS}/msgaudit.key; enter the password chosen at `msgaudit keygen`"
                ))))],
            );
            feed(&mut app, &mut store, typed("hunter2"));
            app
        }
        "signoff_done" => {
            let mut app = signoff(lang, true);
            let mut store = MemoryStore::default();
            let result = format!("{RESULTS}/muster-gmbh-2025-06-02-1a2b3c4d.result.toml");
            feed(
                &mut app,
                &mut store,
                [Msg::SignedOff(Ok(Box::new(SignedOff {
                    signed: msgaudit::signoff::Signed {
                        evidence: None,
                        result: result.clone().into(),
                        signature: format!("{result}.minisig").into(),
                        key_id: KEY_ID.into(),
                    },
                    public_key: format!("{KEYS}/msgaudit.pub").into(),
                    archived: Ok(
                        "/home/dpo/.local/share/msgaudit/archive/1a2b3c4d.draft.toml".into(),
                    ),
                })))],
            );
            feed(
                &mut app,
                &mut store,
                [Msg::ReportsWritten(Ok(vec![
                    format!("{RESULTS}/muster-gmbh-2025-06-02-1a2b3c4d.report.md").into(),
                    format!("{RESULTS}/muster-gmbh-2025-06-02-1a2b3c4d.report.html").into(),
                    format!("{RESULTS}/muster-gmbh-2025-06-02-1a2b3c4d.report.pdf").into(),
                ]))],
            );
            assert_eq!(app.sign.step, SignStep::Done);
            app
        }
        "changed" => {
            let (mut app, _) = kinds(lang);
            app.changed = Some(Changed {
                checklist_id: "tui".into(),
                old_version: "1.0.0".into(),
                new_version: "1.1.0".into(),
                dropped: vec![
                    // The reasons as the snapshots have always shown them, in both languages.
                    (
                        "basics.staff".into(),
                        same("the checklist has no question basics.staff"),
                    ),
                    (
                        "basics.messengers".into(),
                        same("option \"threema\" does not exist"),
                    ),
                ],
            });
            app.screen = Screen::Changed;
            app
        }
        other => panic!("no scenario {other}"),
    }
}

fn same(s: &str) -> msgaudit::i18n::Text {
    msgaudit::i18n::Text::new(s, s)
}

const SCENARIOS: &[&str] = &[
    "start",
    "pick",
    "details",
    "yes_no",
    "single_other",
    "multi",
    "number_error",
    "date_error",
    "text",
    "note",
    "help_knowledge",
    "help_keys",
    "long_options",
    "outline",
    "review",
    "review_unknown",
    "confirm_quit",
    "signoff_form",
    "signoff_confirm",
    "signoff_new_key",
    "signoff_password",
    "signoff_done",
    "changed",
];

#[test]
fn every_screen_in_both_languages_and_sizes() {
    for name in SCENARIOS {
        for lang in LANGS {
            for (w, h) in SIZES {
                let mut app = scenario(name, lang);
                // The review shows the audit's date (of the draft's last change): fixed for the snapshot.
                if let Some(a) = app.audit.as_mut() {
                    a.draft.updated = jiff::Timestamp::from_second(1_790_000_000)
                        .unwrap_or_else(|e| panic!("{e}"));
                }
                // The review derives its outcome when it opens: open it again with the fixed date (and
                // the answers a scenario set directly).
                if app.screen == Screen::Review {
                    let mut store = MemoryStore::default();
                    feed(&mut app, &mut store, [key(KeyCode::Esc), ch('r')]);
                    assert_eq!(app.screen, Screen::Review);
                }
                let text = screen_text(&mut app, w, h);
                insta::assert_snapshot!(format!("{name}_{lang}_{w}x{h}"), text);
            }
        }
    }
}

#[test]
fn too_small() {
    for lang in LANGS {
        for (w, h) in [(79, 24), (80, 23)] {
            let mut app = scenario("yes_no", lang);
            let text = screen_text(&mut app, w, h);
            insta::assert_snapshot!(format!("too_small_{lang}_{w}x{h}"), text);
        }
    }
}

#[test]
fn no_color_means_no_colour_at_all() {
    let (mut app, _) = kinds(Lang::En);
    let has_colour = |app: &mut App| {
        let t = render(app, 120, 40);
        t.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
    };
    app.theme = Theme::mono();
    assert!(!has_colour(&mut app), "NO_COLOR output uses colour");
    app.theme = Theme { color: true };
    assert!(has_colour(&mut app), "the colour theme uses no colour");
}

#[test]
fn checklist_text_cannot_reach_the_terminal_raw() {
    // A checklist whose texts carry an escape sequence and a bidi override.
    let dir = tempfile::tempdir().expect("tempdir");
    let src = std::fs::read_to_string(fixtures().join("small.toml")).expect("fixture");
    let evil = src.replace(
        "Which processes use e-mail?",
        "Which \\u001b]0;pwned\\u0007 processes \\u202e use e-mail?",
    );
    assert_ne!(src, evil);
    std::fs::write(dir.path().join("evil.toml"), evil).expect("write");
    let entries = msgaudit::tui::load_catalog(&[(
        msgaudit::catalog::Origin::Extra,
        dir.path().to_path_buf(),
    )]);
    assert!(
        entries[0].checklist.is_ok(),
        "{:?}",
        entries[0].checklist.as_ref().err()
    );
    let mut store = MemoryStore::default();
    let mut app = App::new(Lang::En, Theme::mono(), entries, vec![], false);
    begin(&mut app, &mut store, 0);
    let t = render(&mut app, 100, 30);
    let text = t.backend().to_string();
    assert!(text.contains("Which"), "{text}");
    for cell in t.backend().buffer().content() {
        for c in cell.symbol().chars() {
            assert!(
                !c.is_control() && !('\u{202A}'..='\u{202E}').contains(&c),
                "unsafe character {c:?} in the buffer"
            );
        }
    }
}
