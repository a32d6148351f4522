//! The terminal UI: `App` state, `update(msg) -> effects`, a pure view (one module per screen), the keymap
//! as data, UI strings in German and English. `run` owns the terminal: a blocking event read, a redraw only
//! after a change, and the terminal restored on quit, on error and on panic.

mod action;
pub mod app;
mod bindings;
pub mod disk;
pub mod evidence;
mod evidence_update;
mod fields;
pub mod fit;
pub mod help;
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

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

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

pub use app::App;
pub use persist::{DraftSummary, MemoryStore, Persistence};
pub use theme::Theme;
pub use update::{Effect, Msg, update};

use crate::catalog::{self, Origin};
use crate::checklist::Checklist;
use crate::lang::Lang;
use crate::result::verify;
use crate::sign::{self, PublicKey, SignError};
use crate::signoff::SignOffError;
use crate::store::Paths;
use signoff::{KeyState, SignFailure, SignedOff};

/// Where sign-off finds the signing key and puts results, and how reports verify them.
#[derive(Debug, Clone)]
pub struct Files {
    pub keys_dir: PathBuf,
    pub results_dir: PathBuf,
    pub verify: verify::Options,
}

impl Files {
    pub fn new(paths: &Paths, checklists: Option<&Path>) -> Files {
        Files {
            keys_dir: paths.keys_dir(),
            results_dir: paths.results_dir(),
            verify: verify::Options {
                evidence_dir: None,
                pubkey: None,
                paths: Some(paths.clone()),
                checklist_dirs: catalog::dirs(Some(paths), checklists),
            },
        }
    }
}

/// How the UI starts.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// Checklist folders in the order they are offered.
    pub folders: Vec<(Origin, PathBuf)>,
    pub theme: Theme,
    pub files: Files,
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
    let entries = load_catalog(&opts.folders);
    let known = catalog::usable(&entries);
    let drafts = store.list(&known, opts.lang);
    App::new(opts.lang, opts.theme, entries, drafts, store.durable())
}

/// Find and load the checklist a draft was made with (`catalog::for_draft`).
fn checklist_for(app: &App, draft: &crate::audit::draft::Draft) -> Result<Arc<Checklist>, String> {
    catalog::for_draft(&catalog::usable(&app.catalog), &draft.checklist)
        .map(|m| m.checklist)
        .map_err(|e| crate::explain::no_checklist(app.lang, &e))
}

/// Load a draft (taking its lock) with the checklist it was made with; the lock is let go again when
/// either fails.
fn load_draft(app: &App, store: &mut dyn Persistence, id: &str) -> Msg {
    let loaded = store
        .load(id)
        .and_then(|d| checklist_for(app, &d).map(|c| Box::new((d, c))));
    if loaded.is_err() {
        store.release();
    }
    Msg::DraftLoaded(loaded)
}

/// Feed `msg` to `update` and carry out the effects on draft storage (saving, loading, listing),
/// feeding their results back. Returns the other effects (`Quit`, and the sign-off's effects that
/// `perform` carries out).
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
                Effect::LoadDraft(id) => queue.push_back(load_draft(app, store, &id)),
                Effect::AttachEvidence {
                    question,
                    path,
                    caption,
                } => {
                    if let Some(a) = app.audit.as_mut() {
                        let now = Timestamp::now();
                        // The draft is saved with the new entry: it takes the answers as they are now.
                        a.draft.capture(&a.session, now);
                        let source = crate::evidence::expand_home(&path);
                        let r = store.attach(&mut a.draft, &question, &source, &caption, now);
                        queue.push_back(Msg::Evidence(r.map(evidence::Done::Attached)));
                    }
                }
                Effect::DetachEvidence { question, number } => {
                    if let Some(a) = app.audit.as_mut() {
                        a.draft.capture(&a.session, Timestamp::now());
                        let r = store.detach(&mut a.draft, &question, number);
                        queue.push_back(Msg::Evidence(r.map(evidence::Done::Removed)));
                    }
                }
                Effect::CompletePath(typed) => {
                    let (text, names) = crate::evidence::complete(&typed, evidence::COMPLETIONS);
                    queue.push_back(Msg::Evidence(Ok(evidence::Done::Completed(text, names))));
                }
                // An amendment: saved (taking its lock), then opened as any draft is resumed, so a
                // changed checklist is offered the same way.
                Effect::StartDraft(id) => {
                    let draft = app.results.amendment.take().filter(|d| d.audit_id == id);
                    queue.push_back(match draft.map(|d| store.save(&d)) {
                        Some(Ok(())) => load_draft(app, store, &id),
                        Some(Err(e)) => Msg::Results(results::Reply::Amended(Err(e))),
                        None => Msg::Results(results::Reply::Amended(Err(crate::i18n::T::new(
                            "Die Änderung {0} ist nicht mehr vorbereitet",
                            "the amendment {0} is no longer prepared",
                        )
                        .fill(app.lang, &[&id])))),
                    });
                }
                Effect::CloseDraft => store.release(),
                Effect::ListDrafts => {
                    let known = catalog::usable(&app.catalog);
                    queue.push_back(Msg::Drafts(store.list(&known, app.lang)));
                }
                e => outer.push(e),
            }
        }
    }
    outer
}

/// Carry out an effect on keys, results or reports; the message with its outcome.
pub fn perform(
    effect: Effect,
    app: &App,
    store: &mut dyn Persistence,
    files: &Files,
) -> Option<Msg> {
    match effect {
        Effect::FindKey => {
            let secret = sign::secret_key_path(&files.keys_dir);
            let public = sign::public_key_path(&files.keys_dir);
            let key_id = secret.is_file().then(|| {
                PublicKey::from_file(&public).map_or_else(|_| "?".to_string(), |k| k.key_id())
            });
            Some(Msg::KeyFound(KeyState {
                dir: files.keys_dir.clone(),
                key_id,
                public,
            }))
        }
        Effect::CreateKey(password) => Some(Msg::KeyCreated(
            sign::keygen(&files.keys_dir, password.expose(), false)
                .map_err(|e| crate::explain::sign(app.lang, &e)),
        )),
        Effect::SignOff(req) => {
            let Some(a) = app
                .audit
                .as_ref()
                .filter(|a| a.draft.audit_id == req.audit_id)
            else {
                return Some(Msg::SignedOff(Err(SignFailure::Other(format!(
                    "the audit {} is not open any more",
                    req.audit_id
                )))));
            };
            let evidence = store
                .location(&req.audit_id)
                .map(|p| crate::evidence::draft_folder(&p));
            let r = crate::signoff::sign_off_with(
                &a.session,
                &a.draft,
                &req.signer,
                req.password.expose(),
                &crate::signoff::Dirs {
                    keys: &files.keys_dir,
                    results: &files.results_dir,
                    evidence: evidence.as_deref(),
                },
                Timestamp::now(),
            );
            Some(Msg::SignedOff(match r {
                Ok(signed) => Ok(Box::new(SignedOff {
                    signed,
                    public_key: sign::public_key_path(&files.keys_dir),
                    archived: store.archive(&req.audit_id),
                })),
                Err(SignOffError::Sign(e @ SignError::WrongPassword { .. })) => Err(
                    SignFailure::WrongPassword(crate::explain::sign(app.lang, &e)),
                ),
                Err(e @ SignOffError::NoKey { .. }) => {
                    Err(SignFailure::NoKey(crate::explain::signoff(app.lang, &e)))
                }
                Err(SignOffError::NoName) => Err(SignFailure::NoName),
                Err(e) => Err(SignFailure::Other(crate::explain::signoff(app.lang, &e))),
            }))
        }
        Effect::WriteReports(result) => Some(Msg::ReportsWritten(
            crate::report::write_beside(&result, &files.verify, Some(app.lang))
                .map_err(|e| crate::explain::report(app.lang, &e)),
        )),
        Effect::Copy(text) => {
            copy_osc52(&text);
            None
        }
        Effect::Results(req) => Some(Msg::Results(results_effect(req, files, app.lang))),
        Effect::FindPreviousPlan => app.audit.as_ref().map(|a| {
            let m = &a.draft.meta;
            let found = crate::result::previous::find(
                &files.results_dir,
                &m.organisation,
                &m.unit,
                &files.verify,
            );
            Msg::PreviousPlan(found.map(Box::new))
        }),
        Effect::SaveDraft
        | Effect::AttachEvidence { .. }
        | Effect::DetachEvidence { .. }
        | Effect::CompletePath(_)
        | Effect::StartDraft(_)
        | Effect::LoadDraft(_)
        | Effect::CloseDraft
        | Effect::ListDrafts
        | Effect::Quit => None,
    }
}

/// OSC 52: ask the terminal to put `text` on its clipboard (base64 with ct-codecs, already a dependency).
/// A terminal that does not allow it ignores the sequence; the status line says so.
fn copy_osc52(text: &str) {
    use ct_codecs::{Base64, Encoder};
    use std::io::Write;
    if let Ok(b64) = Base64::encode_to_string(text) {
        let mut out = io::stdout();
        let _ = write!(out, "\x1b]52;c;{b64}\x07");
        let _ = out.flush();
    }
}

/// Carry out a request of the results screen: listing checks signatures only, opening and verifying
/// verify fully (`result::list`, `report::build_file`).
fn results_effect(req: results::Request, files: &Files, lang: Lang) -> results::Reply {
    use results::{Reply, Request};
    let report = |p: &Path| {
        let opts = crate::report::Options {
            verify: files.verify.clone(),
            lang: Some(lang),
            ui_lang: lang,
            ..crate::report::Options::default()
        };
        crate::report::build_file(p, &opts)
            .map(Box::new)
            .map_err(|e| crate::explain::report(lang, &e))
    };
    match req {
        Request::List => Reply::Listed(
            files.results_dir.clone(),
            crate::result::list(&files.results_dir, &files.verify).map_err(|e| {
                crate::i18n::results::CANNOT_LIST.fill(
                    lang,
                    &[
                        &files.results_dir.display().to_string(),
                        &crate::i18n::io::error(lang, &e),
                    ],
                )
            }),
        ),
        Request::Open(p) => {
            let r = report(&p);
            Reply::Opened(p, r)
        }
        Request::Verify(p) => {
            let r = report(&p);
            Reply::Verified(p, r)
        }
        Request::Amend(p, reason) => {
            let drafts = files
                .verify
                .paths
                .as_ref()
                .map(|paths| crate::store::DraftStore::new(paths).list())
                .unwrap_or_default();
            Reply::Amended(
                crate::result::amend::prepare(
                    &p,
                    &files.verify,
                    &reason,
                    &drafts,
                    Timestamp::now(),
                )
                .map(|a| Box::new(a.draft))
                .map_err(|e| crate::explain::amend(lang, &e)),
            )
        }
        Request::Write(p, format) => Reply::Written(
            crate::report::write_formats_beside(&p, &files.verify, Some(lang), &[format])
                .map_err(|e| crate::explain::report(lang, &e)),
        ),
    }
}

/// One input, all the way: `dispatch`, then `perform` for the effects it returns, their results fed
/// back, until nothing is left. `redraw` is called before a slow effect (key derivation), so that the
/// screen says what is going on. Returns true when the UI should end.
pub fn step(
    app: &mut App,
    msg: Msg,
    store: &mut dyn Persistence,
    files: &Files,
    redraw: &mut dyn FnMut(&App),
) -> bool {
    let mut queue = VecDeque::from([msg]);
    while let Some(msg) = queue.pop_front() {
        for effect in dispatch(app, msg, store) {
            if effect == Effect::Quit {
                return true;
            }
            if effect.is_slow() {
                redraw(app);
            }
            if let Some(m) = perform(effect, app, store, files) {
                queue.push_back(m);
            }
        }
    }
    false
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
    // (keys typed before they arrive wait for them, see `event_loop`).
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
    let (tx, rx) = channel();
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
    spawn_loader(tx.clone(), opts.folders.clone())?;
    spawn_reader(tx)?;
    event_loop(&mut terminal, &mut app, store, &opts.files, &rx)
}

/// Load the catalog on a thread of its own and send it into the loop.
fn spawn_loader(tx: Sender<Input>, folders: Vec<(Origin, PathBuf)>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("msgaudit-catalog".into())
        .spawn(move || {
            let _ = tx.send(Input::Catalog(load_catalog(&folders)));
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
