//! The terminal UI: `App` state, `update(msg) -> effects`, a pure view (one module per screen), the keymap
//! as data, UI strings in German and English. `run` owns the terminal: a blocking event read, a redraw only
//! after a change, and the terminal restored on quit, on error and on panic.

pub mod app;
pub mod catalog;
pub mod disk;
pub mod keymap;
pub mod persist;
pub mod strings;
pub mod theme;
pub mod view;

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
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

pub use app::{App, Effect, Msg, update};
pub use catalog::Source;
pub use persist::{DraftSummary, MemoryStore, Persistence};
pub use theme::Theme;

use crate::checklist::{self, Checklist};
use crate::lang::Lang;

/// How the UI starts.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// Checklist folders in the order they are offered.
    pub folders: Vec<(PathBuf, Source)>,
    pub theme: Theme,
}

impl Options {
    /// The shipped checklists, then `--checklists DIR`, then the user's checklist folder
    /// (`store::Paths::checklists_dir`); colours unless NO_COLOR is set.
    pub fn new(lang: Lang, user_dir: Option<PathBuf>, checklists: Option<PathBuf>) -> Options {
        let mut folders = vec![(crate::shipped::dir(), Source::Shipped)];
        if let Some(d) = checklists {
            folders.push((d, Source::Folder));
        }
        if let Some(d) = user_dir {
            folders.push((d, Source::User));
        }
        Options {
            lang,
            folders,
            theme: Theme::from_env(),
        }
    }
}

/// Build the app as it starts: the checklists loaded, the drafts listed.
pub fn start(opts: &Options, store: &dyn Persistence) -> App {
    let entries = catalog::discover(&opts.folders);
    let known = catalog::loaded(&entries);
    let drafts = store.list(&known, opts.lang);
    App::new(opts.lang, opts.theme, entries, drafts, store.durable())
}

/// Find and load the checklist a draft was made with.
fn checklist_for(app: &App, draft: &crate::audit::draft::Draft) -> Result<Arc<Checklist>, String> {
    if let Some(c) = catalog::find(&app.catalog, &draft.checklist.path, &draft.checklist.id) {
        return Ok(Arc::clone(c));
    }
    checklist::load(&draft.checklist.path)
        .map(Arc::new)
        .map_err(|d| {
            d.first()
                .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
                .unwrap_or_default()
        })
}

/// Feed `msg` to `update` and carry out the effects it asks for (saving, loading), feeding their results
/// back. Returns the effects that end the loop or leave the TUI (`Quit`, `SignOff`).
pub fn dispatch(app: &mut App, msg: Msg, store: &mut dyn Persistence) -> Vec<Effect> {
    let mut queue = VecDeque::from([msg]);
    let mut outer = Vec::new();
    while let Some(msg) = queue.pop_front() {
        for effect in update(app, msg) {
            match effect {
                Effect::SaveDraft => {
                    if let Some(a) = app.audit.as_mut() {
                        a.draft.capture(&a.session, Timestamp::now());
                        queue.push_back(Msg::Saved(store.save(&a.draft)));
                    }
                }
                Effect::LoadDraft(id) => {
                    let loaded = store
                        .load(&id)
                        .and_then(|d| checklist_for(app, &d).map(|c| Box::new((d, c))));
                    queue.push_back(Msg::DraftLoaded(loaded));
                }
                e @ (Effect::Quit | Effect::SignOff) => outer.push(e),
            }
        }
    }
    outer
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
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first, so that the panic message lands on a usable terminal.
        let _ = restore_terminal();
        previous(info);
    }));
}

/// Run the TUI until the auditor quits. Drafts are saved through `store`.
pub fn run(opts: Options, store: &mut dyn Persistence) -> io::Result<()> {
    let mut app = start(&opts, store);
    app.tz = jiff::tz::TimeZone::system();
    install_panic_hook();
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
    event_loop(&mut terminal, &mut app, store)
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    store: &mut dyn Persistence,
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    let mut redraw = true;
    loop {
        if redraw {
            terminal.draw(|f| view::view(app, f)).map_err(Into::into)?;
        }
        let msg = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => Msg::Key(k),
            Event::Paste(s) => Msg::Paste(s),
            Event::Mouse(m)
                if !matches!(m.kind, MouseEventKind::Moved | MouseEventKind::Drag(_)) =>
            {
                Msg::Mouse(m)
            }
            Event::Resize(w, h) => Msg::Resize(w, h),
            // Nothing changed: no redraw.
            _ => {
                redraw = false;
                continue;
            }
        };
        redraw = true;
        for effect in dispatch(app, msg, store) {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::SignOff => {
                    app.status = Some((strings::S::SignOffLater.get(app.lang).to_string(), false));
                }
                _ => {}
            }
        }
    }
}
