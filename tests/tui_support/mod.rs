//! Shared helpers of the TUI tests: build an app over a fixture, feed keys, render to a `TestBackend`; and
//! in `pty`, the harness that runs the real binary in a pseudo-terminal (the end-to-end tests).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod pty;

use std::path::PathBuf;

use msgaudit::catalog::Origin;
use msgaudit::lang::Lang;
use msgaudit::tui::app::{App, Screen};
use msgaudit::tui::{Effect, Msg};
use msgaudit::tui::{MemoryStore, Persistence, Theme, dispatch, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// An app whose catalog is exactly the checklists of `dir` (under tests/fixtures).
pub fn app_for(dir: &str, lang: Lang, store: &MemoryStore) -> App {
    let entries = msgaudit::tui::load_catalog(&[(Origin::Extra, fixtures().join(dir))]);
    assert!(!entries.is_empty(), "no checklists in tests/fixtures/{dir}");
    let drafts = store.list(&msgaudit::catalog::usable(&entries), lang);
    let mut app = App::new(lang, Theme::mono(), entries, drafts, store.durable());
    app.size = (100, 30);
    // A fixed "now" (1 Dec 2026, 18:48 UTC): the audit date defaults to today.
    app.clock = || jiff::Timestamp::from_second(1_796_150_900).unwrap_or_else(|e| panic!("{e}"));
    app
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn alt(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::ALT))
}

/// Feed messages; collect the effects that leave the loop (Quit, `SignOff`).
pub fn feed(
    app: &mut App,
    store: &mut dyn Persistence,
    msgs: impl IntoIterator<Item = Msg>,
) -> Vec<Effect> {
    let mut out = Vec::new();
    for m in msgs {
        out.extend(dispatch(app, m, store));
    }
    out
}

pub fn typed(s: &str) -> Vec<Msg> {
    s.chars().map(ch).collect()
}

/// From the start screen: new audit with the `index`-th checklist, details filled in, at the first question.
pub fn begin(app: &mut App, store: &mut dyn Persistence, index: usize) {
    assert_eq!(app.screen, Screen::Start);
    feed(app, store, [key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Pick);
    app.pick_sel = index;
    feed(app, store, [key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Details);
    for (i, text) in [
        "Muster GmbH",
        "Vertrieb",
        "M. Muster (Leitung)",
        "A. Prüfer",
    ]
    .into_iter()
    .enumerate()
    {
        assert_eq!(app.details.focus, i);
        feed(
            app,
            store,
            [Msg::Paste(text.to_string()), key(KeyCode::Enter)],
        );
    }
    // The audit date is filled in with today.
    assert_eq!(app.details.focus, 4);
    feed(app, store, [key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Question, "details were not accepted");
}

/// The key of the current question as `section.question` text.
pub fn at(app: &App) -> String {
    let s = app.session().expect("an audit is running");
    s.current().map(|k| s.key_string(k)).unwrap_or_default()
}

pub fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.size = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| view::view(app, f)).expect("draw");
    t
}

pub fn screen_text(app: &mut App, w: u16, h: u16) -> String {
    render(app, w, h).backend().to_string()
}

/// A home folder for sign-off: keys, results, and the verify options of reports.
pub struct Home {
    pub dir: tempfile::TempDir,
    pub paths: msgaudit::store::Paths,
    pub files: msgaudit::tui::Files,
}

pub fn home() -> Home {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = msgaudit::store::Paths::under_home(dir.path()).expect("paths");
    let files = msgaudit::tui::Files::new(&paths, Some(&fixtures()));
    Home { dir, paths, files }
}

/// Feed messages the way the terminal loop does (`step`: the sign-off's effects are carried out against
/// `files`). Returns true when the UI ended.
pub fn run_msgs(
    app: &mut App,
    store: &mut dyn Persistence,
    files: &msgaudit::tui::Files,
    msgs: impl IntoIterator<Item = Msg>,
) -> bool {
    let mut ended = false;
    for m in msgs {
        ended |= msgaudit::tui::step(app, m, store, files, &mut |_| {});
    }
    ended
}
