//! The terminal UI: `App` state, `update(msg) -> effects`, a pure view (one module per screen), the keymap
//! as data, UI strings in German and English. `run` owns the terminal: a blocking event read, a redraw only
//! after a change, and the terminal restored on quit, on error and on panic.

mod action;
pub mod app;
mod bindings;
pub mod disk;
mod effects;
pub mod evidence;
mod evidence_update;
mod fields;
pub mod fit;
pub mod help;
pub mod key_labels;
pub mod keymap;
pub mod merge;
pub mod merge_run;
mod nav;
pub mod outline;
pub mod persist;
pub mod plan;
mod plan_update;
mod question;
pub mod results;
mod results_update;
pub mod review;
mod review_update;
mod screens;
pub mod signoff;
mod signoff_update;
pub mod strings;
pub mod theme;
mod update;
pub mod view;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

pub use app::App;
pub use effects::{Files, dispatch, perform, step};
pub use persist::{DraftSummary, MemoryStore, Persistence};
pub use theme::Theme;
pub use update::{Effect, Msg, update};

use crate::catalog::{self, Origin};
use crate::lang::Lang;
use crate::store::Paths;

/// How the UI starts.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// Checklist folders in the order they are offered.
    pub folders: Vec<(Origin, PathBuf)>,
    pub theme: Theme,
    pub files: Files,
    /// Validated checklists kept between runs (`catalog::cache`); none: every start reads the files.
    pub cache: Option<catalog::ModelCache>,
}

impl Options {
    /// The shipped checklists, the user's checklist folder, then `--checklists DIR` (`catalog::dirs`);
    /// keys and results in the folders of `paths`; colours unless `NO_COLOR` is set.
    pub fn new(lang: Lang, paths: &Paths, checklists: Option<&Path>) -> Options {
        Options {
            lang,
            folders: catalog::dirs(Some(paths), checklists),
            theme: Theme::from_env(),
            files: Files::new(paths, checklists),
            cache: Some(catalog::ModelCache::of(paths)),
        }
    }
}

/// Load the checklists of `folders` as the catalog offers them (`catalog::load`).
pub fn load_catalog(folders: &[(Origin, PathBuf)]) -> Vec<catalog::Entry> {
    catalog::load(folders)
}

/// The message of a mouse event: a left click on an answer row of the question screen becomes
/// `Msg::ClickRow`, found in the layout the view draws (the view's geometry stays out of `update`).
pub fn mouse_msg(app: &App, m: ratatui::crossterm::event::MouseEvent) -> Msg {
    if m.kind == MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left) {
        let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
        let pos = ratatui::layout::Position::new(m.column, m.row);
        if app.screen == app::Screen::Question
            && let Some(i) = view::question::row_at(app, area, pos)
        {
            return Msg::ClickRow(i);
        }
    }
    Msg::Mouse(m)
}

/// Build the app as it starts: the checklists loaded, the drafts listed.
pub fn start(opts: &Options, store: &dyn Persistence) -> App {
    let entries = catalog::load_with(&opts.folders, opts.cache.as_ref());
    let known = catalog::usable(&entries);
    let drafts = store.list(&known, opts.lang);
    App::new(opts.lang, opts.theme, entries, drafts, store.durable())
}

/// Where the draft being edited is, for the panic message.
static DRAFT_AT: Mutex<Option<PathBuf>> = Mutex::new(None);

fn publish_draft_location(app: &App, store: &dyn Persistence) {
    let at = app
        .audit
        .as_ref()
        .and_then(|a| store.location(&a.draft.audit_id));
    if let Ok(mut g) = DRAFT_AT.lock() {
        *g = at;
    }
}

/// Put the terminal back: raw mode off, main screen, no mouse capture, no bracketed paste, cursor shown.
/// Safe to call more than once.
pub fn restore_terminal() -> io::Result<()> {
    let raw = disable_raw_mode();
    let mut out = io::stdout();
    execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    )?;
    raw
}

/// Restores the terminal when dropped (normal return, `?` error, or unwinding).
pub(crate) struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = restore_terminal();
    }
}

pub(crate) fn install_panic_hook(lang: Lang) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, so that the panic message lands on a usable terminal.
        let _ = restore_terminal();
        previous(info);
        let at = DRAFT_AT.try_lock().ok().and_then(|g| g.clone());
        if let Some(p) = at {
            eprintln!(
                "{}",
                crate::text::sanitize(&strings::panic_note(lang, &p.display().to_string()))
            );
        }
    }));
}

/// What the loop waits for: a terminal event (or the error reading one), or a signal to end.
pub(crate) enum Input {
    Event(io::Result<Event>),
    /// SIGTERM or SIGHUP (Unix only).
    #[cfg_attr(not(unix), allow(dead_code))]
    Signal,
    /// The checklists, loaded on a thread of their own while the start screen is already shown.
    Catalog(Vec<catalog::Entry>),
}

/// Read terminal events on a thread of their own, so that the loop can also be woken by a signal.
/// Still a blocking read: nothing happens until there is an event.
pub(crate) fn spawn_reader(tx: Sender<Input>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("msgaudit-input".into())
        .spawn(move || {
            loop {
                let e = event::read();
                let failed = e.is_err();
                if tx.send(Input::Event(e)).is_err() || failed {
                    break;
                }
            }
        })?;
    Ok(())
}

/// SIGTERM, SIGHUP (the terminal window closed), SIGINT and SIGQUIT (sent by another process: in raw mode
/// Ctrl-C and Ctrl-\\ are keys, not signals) reach the loop as `Input::Signal`: it saves the
/// position and returns, and the guard restores the terminal. Should the loop be stuck, this thread
/// restores the terminal and exits after a grace period (every confirmed answer is on disk already).
#[cfg(unix)]
pub(crate) fn watch_signals(tx: Sender<Input>) -> io::Result<()> {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("msgaudit-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = tx.send(Input::Signal);
                std::thread::sleep(std::time::Duration::from_secs(5));
                let _ = restore_terminal();
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// Run the TUI until the auditor quits. Drafts are saved through `store`.
pub fn run(opts: &Options, store: &mut dyn Persistence) -> io::Result<()> {
    // The start screen needs only the drafts: it is drawn first, and the checklists are loaded meanwhile
    // on a thread started before anything else (keys typed before they arrive wait for them, see
    // `event_loop`).
    let (tx, rx) = channel();
    spawn_loader(tx.clone(), opts.folders.clone(), opts.cache.clone())?;
    let mut app = App::new(
        opts.lang,
        opts.theme,
        Vec::new(),
        store.list(&[], opts.lang),
        store.durable(),
    );
    // The system's zone is looked up when a time is first shown, not at start.
    app.tz = crate::i18n::dates::Zone::System;
    install_panic_hook(opts.lang);
    #[cfg(unix)]
    watch_signals(tx.clone())?;
    let _guard = Guard;
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.hide_cursor()?;
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    spawn_reader(tx)?;
    event_loop(&mut terminal, &mut app, store, &opts.files, &rx)
}

/// Load the catalog on a thread of its own and send it into the loop.
fn spawn_loader(
    tx: Sender<Input>,
    folders: Vec<(Origin, PathBuf)>,
    cache: Option<catalog::ModelCache>,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("msgaudit-catalog".into())
        .spawn(move || {
            let _ = tx.send(Input::Catalog(catalog::load_with(&folders, cache.as_ref())));
        })?;
    Ok(())
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    store: &mut dyn Persistence,
    files: &Files,
    rx: &Receiver<Input>,
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    let mut redraw = true;
    // Keys and clicks that come before the catalog wait for it, in order: a quick Enter on "new audit"
    // must find the checklists to offer.
    let mut waiting: Option<Vec<Event>> = Some(Vec::new());
    let mut replay: std::collections::VecDeque<Event> = std::collections::VecDeque::new();
    loop {
        publish_draft_location(app, store);
        if redraw {
            terminal.draw(|f| view::view(app, f)).map_err(Into::into)?;
        }
        let input = match replay.pop_front() {
            Some(e) => Ok(Input::Event(Ok(e))),
            None => rx.recv(),
        };
        let event = match input {
            Ok(Input::Catalog(entries)) => {
                replay.extend(waiting.take().unwrap_or_default());
                redraw = true;
                let mut draw = |a: &App| {
                    let _ = terminal.draw(|f| view::view(a, f));
                };
                step(app, Msg::Catalog(entries), store, files, &mut draw);
                continue;
            }
            Ok(Input::Event(Ok(e))) if waiting.is_some() && !matches!(e, Event::Resize(..)) => {
                if let Some(w) = waiting.as_mut() {
                    w.push(e);
                }
                redraw = false;
                continue;
            }
            Ok(Input::Event(Ok(e))) => e,
            Ok(Input::Event(Err(e))) => {
                // The terminal is gone (e.g. hung up): keep the position, then report.
                step(app, Msg::Terminate, store, files, &mut |_| {});
                return Err(e);
            }
            Ok(Input::Signal) | Err(_) => {
                step(app, Msg::Terminate, store, files, &mut |_| {});
                return Ok(());
            }
        };
        let msg = match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => Msg::Key(k),
            Event::Paste(s) => Msg::Paste(s),
            Event::Mouse(m)
                if !matches!(m.kind, MouseEventKind::Moved | MouseEventKind::Drag(_)) =>
            {
                mouse_msg(app, m)
            }
            Event::Resize(w, h) => Msg::Resize(w, h),
            // Nothing changed: no redraw.
            _ => {
                redraw = false;
                continue;
            }
        };
        redraw = true;
        let mut draw = |a: &App| {
            let _ = terminal.draw(|f| view::view(a, f));
        };
        if step(app, msg, store, files, &mut draw) {
            return Ok(());
        }
    }
}
