//! The application state and `update`: every input becomes a `Msg`, `update` changes the state and returns
//! the effects (saving, quitting) for the runner to carry out. No terminal and no file access here.

use std::sync::Arc;

use jiff::tz::TimeZone;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::keymap::{self, Action, Ctx};
use super::persist::DraftSummary;
use super::signoff::{
    Changed, KeyState, Secret, SignFailure, SignOffUi, SignRequest, SignStep, SignedOff,
};
use super::strings::S;
use super::theme::Theme;
use crate::audit::draft::Draft;
use crate::audit::{Key, Meta, MetaField, Session};
use crate::catalog;
use crate::checklist::{Checklist, Kind, Question};
use crate::lang::Lang;
use crate::text::{sanitize, sanitize_line};

/// Terminals narrower than this show the outline as an overlay instead of a side panel.
pub const WIDE: u16 = 120;
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Everything that can happen to the app.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// A mouse event that is not a click on an answer row (scrolling).
    Mouse(MouseEvent),
    /// A left click on answer row `i` of the question screen (the loop finds the row in the drawn layout:
    /// `tui::mouse_msg`).
    ClickRow(usize),
    Resize(u16, u16),
    /// Result of `Effect::SaveDraft`.
    Saved(Result<(), String>),
    /// Result of `Effect::LoadDraft`: the draft with the checklist to restore it with.
    DraftLoaded(Result<Box<(Draft, Arc<Checklist>)>, String>),
    /// Result of `Effect::ListDrafts`.
    Drafts(Vec<DraftSummary>),
    /// Result of `Effect::FindKey`.
    KeyFound(KeyState),
    /// Result of `Effect::CreateKey`.
    KeyCreated(Result<crate::sign::KeyInfo, String>),
    /// Result of `Effect::SignOff`.
    SignedOff(Result<Box<SignedOff>, SignFailure>),
    /// Result of `Effect::WriteReports`: the files written.
    ReportsWritten(Result<Vec<std::path::PathBuf>, String>),
    /// SIGTERM, SIGHUP, or the terminal went away: save the position and leave at once.
    Terminate,
}

/// What `update` asks the runner to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Capture the session into the draft and store it.
    SaveDraft,
    /// Load a draft (by audit id) and the checklist it was made with.
    LoadDraft(String),
    /// Give up the draft taken by `LoadDraft` without editing it (its lock is released).
    CloseDraft,
    /// List the drafts again (for the start screen).
    ListDrafts,
    /// Look for the signing key: whether one exists, and where keys live.
    FindKey,
    /// Create the signing key pair, protected by this password.
    CreateKey(Secret),
    /// Sign the running audit (whose draft was just saved), write the result, archive the draft.
    SignOff(Box<SignRequest>),
    /// Write the Markdown and HTML reports next to this result file.
    WriteReports(std::path::PathBuf),
    Quit,
}

impl Effect {
    /// Effects that take a noticeable time (key derivation, reports): the screen is drawn before them.
    pub fn is_slow(&self) -> bool {
        matches!(
            self,
            Effect::CreateKey(_) | Effect::SignOff(_) | Effect::WriteReports(_)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Pick,
    Details,
    Question,
    Review,
    /// The checklist of a resumed draft changed: continue with the new version or go back.
    Changed,
    /// Sign-off: signer, statement, confirmation, key, password, and the final screen.
    SignOff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
}

/// Where the keyboard goes on the question screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Answer,
    Note,
    /// The name of a selected `other` option.
    Other,
}

/// A row of the answer widget: the one answer-row type of `audit::input`.
pub use crate::audit::input::{Row, is_chosen, rows};

/// The audit in progress.
#[derive(Debug, Clone)]
pub struct Audit {
    pub session: Session,
    pub draft: Draft,
}

/// The audit details form.
#[derive(Debug, Clone)]
pub struct DetailsForm {
    pub fields: [TextArea<'static>; 4],
    pub focus: usize,
    /// The auditor tried to continue: show what is missing.
    pub tried: bool,
    /// The checklist of a new audit; None when editing the details of the running audit.
    pub new_checklist: Option<Arc<Checklist>>,
}

/// UI state of the question screen, rebuilt when the current question changes.
#[derive(Debug, Clone)]
pub struct QuestionUi {
    pub key: Option<Key>,
    pub cursor: usize,
    pub focus: Focus,
    pub input: TextArea<'static>,
    pub note: TextArea<'static>,
    pub other: TextArea<'static>,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    /// Time zone for showing times (the system's; UTC in tests).
    pub tz: TimeZone,
    pub size: (u16, u16),
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub catalog: Vec<catalog::Entry>,
    pub drafts: Vec<DraftSummary>,
    pub audit: Option<Audit>,
    /// A one-off message in the bottom line (text, is_error), cleared by the next key.
    pub status: Option<(String, bool)>,
    /// The last save failed: shown in the bottom line until a save succeeds, never cleared by a key.
    pub save_error: Option<String>,
    /// A new audit whose first save has not succeeded yet: if it fails, the audit does not start.
    pub first_save_pending: bool,
    /// Saves survive the program (else quitting with answers asks first).
    pub durable: bool,
    /// Answers given that are not durably saved.
    pub unsaved: bool,
    pub start_sel: usize,
    pub pick_sel: usize,
    pub details: DetailsForm,
    pub q: QuestionUi,
    pub outline_focused: bool,
    pub outline_sel: usize,
    pub review_sel: usize,
    pub help_scroll: usize,
    pub sign: SignOffUi,
    /// What changed in the checklist of the draft being resumed (`Screen::Changed`).
    pub changed: Option<Changed>,
    /// A message on the start screen (e.g. why a draft cannot be opened), shown in full until the next key.
    pub start_notice: Option<String>,
}

pub(super) fn text_field(text: &str, multi_line: bool) -> TextArea<'static> {
    let lines: Vec<String> = if multi_line {
        text.lines()
            .map(|l| sanitize_line(l).into_owned())
            .collect()
    } else {
        vec![sanitize_line(text).into_owned()]
    };
    let mut t = TextArea::new(lines);
    t.set_cursor_line_style(ratatui::style::Style::new());
    if multi_line {
        t.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

/// The first problem of a checklist that does not load, on one line.
pub fn first_problem(diags: &[crate::checklist::Diagnostic]) -> String {
    diags
        .first()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .unwrap_or_default()
}

pub(super) fn field_text(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}

impl QuestionUi {
    pub(super) fn empty() -> QuestionUi {
        QuestionUi {
            key: None,
            cursor: 0,
            focus: Focus::Answer,
            input: text_field("", false),
            note: text_field("", true),
            other: text_field("", false),
            error: None,
        }
    }
}

impl DetailsForm {
    pub(super) fn new(meta: &Meta, new_checklist: Option<Arc<Checklist>>) -> DetailsForm {
        DetailsForm {
            fields: MetaField::ALL.map(|f| text_field(meta.get(f), false)),
            focus: 0,
            tried: false,
            new_checklist,
        }
    }

    pub fn meta(&self, lang: Lang) -> Meta {
        let mut m = Meta {
            lang,
            ..Meta::default()
        };
        for (f, t) in MetaField::ALL.iter().zip(&self.fields) {
            m.set(*f, field_text(t).trim().to_string());
        }
        m
    }
}

/// A row of the start screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartRow {
    New,
    Draft(usize),
    Quit,
}

impl App {
    pub fn new(
        lang: Lang,
        theme: Theme,
        catalog: Vec<catalog::Entry>,
        drafts: Vec<DraftSummary>,
        durable: bool,
    ) -> App {
        App {
            lang,
            theme,
            tz: TimeZone::UTC,
            size: (MIN_WIDTH, MIN_HEIGHT),
            screen: Screen::Start,
            overlay: None,
            catalog,
            drafts,
            audit: None,
            status: None,
            save_error: None,
            first_save_pending: false,
            durable,
            unsaved: false,
            start_sel: 0,
            pick_sel: 0,
            details: DetailsForm::new(&Meta::default(), None),
            q: QuestionUi::empty(),
            outline_focused: false,
            outline_sel: 0,
            review_sel: 0,
            help_scroll: 0,
            sign: SignOffUi::new(),
            changed: None,
            start_notice: None,
        }
    }

    /// The language code for checklist texts (the checklist falls back to its first language).
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn t(&self, s: S) -> &'static str {
        s.get(self.lang)
    }

    pub fn session(&self) -> Option<&Session> {
        self.audit.as_ref().map(|a| &a.session)
    }

    pub fn wide(&self) -> bool {
        self.size.0 >= WIDE
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    pub fn start_rows(&self) -> Vec<StartRow> {
        let mut v = vec![StartRow::New];
        v.extend((0..self.drafts.len()).map(StartRow::Draft));
        v.push(StartRow::Quit);
        v
    }

    /// The current question and its answer rows.
    pub fn current(&self) -> Option<(Key, &Question)> {
        let s = self.session()?;
        let k = s.current()?;
        Some((k, s.question(k)))
    }

    /// The note as currently typed (the stored note unless being edited).
    pub fn note_text(&self) -> String {
        field_text(&self.q.note)
    }

    pub fn current_row(&self) -> Option<Row> {
        let (_, q) = self.current()?;
        rows(q).get(self.q.cursor).copied()
    }

    /// The active keymap contexts, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        use Ctx::*;
        match self.overlay {
            Some(Overlay::ConfirmQuit) => return vec![Confirm, Global],
            Some(Overlay::Help) => return vec![Help, Global],
            None => {}
        }
        self.screen_contexts()
    }

    /// The contexts of the screen itself, ignoring overlays.
    pub fn screen_contexts(&self) -> Vec<Ctx> {
        use Ctx::*;
        match self.screen {
            Screen::Start | Screen::Pick => vec![List, Commands, Global],
            Screen::Review => vec![Review, List, Commands, Global],
            Screen::Details => vec![Details, Global],
            Screen::Question if self.outline_focused => vec![Outline, Commands, Global],
            Screen::Question => match self.q.focus {
                Focus::Note => vec![Note, Global],
                Focus::Other => vec![Input, Global],
                Focus::Answer if self.current_row() == Some(Row::Field) => vec![Input, Global],
                Focus::Answer => vec![Choices, Commands, Global],
            },
            Screen::Changed => vec![Confirm, Global],
            Screen::SignOff if self.sign.busy => vec![Global],
            Screen::SignOff => match self.sign.step {
                SignStep::Form => vec![SignForm, Global],
                SignStep::Confirm => vec![Confirm, Global],
                SignStep::NewKey => vec![SecretPair, Secret, Global],
                SignStep::Password => vec![Secret, Global],
                SignStep::Done => vec![List, Commands, Global],
            },
        }
    }

    /// The text field that takes typed characters, if any.
    fn typing_field(&mut self) -> Option<(&mut TextArea<'static>, bool)> {
        if self.overlay.is_some() {
            return None;
        }
        match self.screen {
            Screen::Details => Some((&mut self.details.fields[self.details.focus], false)),
            Screen::SignOff => self.sign.typing_field(),
            Screen::Question if !self.outline_focused => {
                let multi = self.current().is_some_and(|(_, q)| q.kind == Kind::Text);
                let on_field = self.current_row() == Some(Row::Field);
                match self.q.focus {
                    Focus::Note => Some((&mut self.q.note, true)),
                    Focus::Other => Some((&mut self.q.other, false)),
                    Focus::Answer if on_field => Some((&mut self.q.input, multi)),
                    Focus::Answer => None,
                }
            }
            _ => None,
        }
    }

    /// Whatever is being typed into the note field goes into the session before the app ends (Ctrl-C, q,
    /// SIGTERM): nothing typed is lost. The next `SaveDraft` writes it.
    fn keep_typed(&mut self) {
        if self.screen == Screen::Question && self.q.focus == Focus::Note {
            let _ = self.save_note();
        }
    }

    pub(super) fn quit(&mut self) -> Vec<Effect> {
        self.keep_typed();
        // With a durable store `unsaved` clears on every successful save, so this asks only when the
        // store is in memory or the last save failed.
        if self.unsaved {
            self.overlay = Some(Overlay::ConfirmQuit);
            vec![]
        } else {
            self.quit_now()
        }
    }

    /// Save the position (answers are saved already) and quit. A draft whose changed checklist the
    /// auditor has not accepted yet is left as it is on disk.
    pub(super) fn quit_now(&self) -> Vec<Effect> {
        if self.audit.is_some() && self.screen != Screen::Changed {
            vec![Effect::SaveDraft, Effect::Quit]
        } else {
            vec![Effect::Quit]
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return vec![];
        }
        self.status = None;
        self.start_notice = None;
        let contexts = self.contexts();
        let Some(action) = keymap::lookup(&contexts, &key) else {
            // A typed character that could steer the terminal (bidi overrides, controls) is dropped.
            if let ratatui::crossterm::event::KeyCode::Char(ch) = key.code
                && matches!(
                    sanitize(ch.encode_utf8(&mut [0; 4])),
                    std::borrow::Cow::Owned(_)
                )
            {
                return vec![];
            }
            if let Some((field, _)) = self.typing_field() {
                field.input(key);
                if self.screen == Screen::Question {
                    self.q.error = None;
                }
            }
            return vec![];
        };
        match self.overlay {
            Some(Overlay::ConfirmQuit) => {
                return match action {
                    Action::Yes => self.quit_now(),
                    _ => {
                        self.overlay = None;
                        vec![]
                    }
                };
            }
            // Ctrl-C and q quit from the help overlay too, as its hint says.
            Some(Overlay::Help) if action == Action::Quit => return self.quit(),
            Some(Overlay::Help) => {
                self.help_action(action);
                return vec![];
            }
            None => {}
        }
        match action {
            Action::Quit => return self.quit(),
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                self.help_scroll = 0;
                return vec![];
            }
            _ => {}
        }
        match self.screen {
            Screen::Start => self.start_action(action),
            Screen::Pick => self.pick_action(action),
            Screen::Details => self.details_action(action),
            Screen::Question if self.outline_focused => self.outline_action(action),
            Screen::Question => self.question_action(action),
            Screen::Review => self.review_action(action),
            Screen::Changed => self.changed_action(action),
            Screen::SignOff => self.sign_action(action),
        }
    }

    fn on_click_row(&mut self, i: usize) -> Vec<Effect> {
        if self.overlay.is_some() || self.screen != Screen::Question || self.too_small() {
            return vec![];
        }
        self.outline_focused = false;
        self.q.focus = Focus::Answer;
        self.q.cursor = i;
        match self.current_row() {
            Some(Row::Field) | None => vec![],
            Some(row) => self.toggle_row(row),
        }
    }

    fn on_mouse(&mut self, m: MouseEvent) -> Vec<Effect> {
        if self.overlay.is_some() || self.screen != Screen::Question || self.too_small() {
            return vec![];
        }
        match m.kind {
            MouseEventKind::ScrollDown if !self.outline_focused => {
                self.question_action(Action::Down)
            }
            MouseEventKind::ScrollUp if !self.outline_focused => self.question_action(Action::Up),
            _ => vec![],
        }
    }

    fn on_paste(&mut self, text: &str) {
        if let Some((field, multi)) = self.typing_field() {
            // Terminals paste line breaks as CR (xterm, VTE, Windows Terminal, tmux) or CRLF: they are line
            // breaks in a multi-line field and spaces in a single-line one, never a replacement character.
            let normal = text.replace("\r\n", "\n").replace('\r', "\n");
            let clean = if multi {
                sanitize(&normal).into_owned()
            } else {
                sanitize_line(&normal.replace('\n', " ")).into_owned()
            };
            field.insert_str(clean);
        }
    }
}

/// The one place the state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = match msg {
        Msg::Key(k) => app.on_key(k),
        Msg::Paste(t) => {
            app.on_paste(&t);
            vec![]
        }
        Msg::Mouse(m) => app.on_mouse(m),
        Msg::ClickRow(i) => app.on_click_row(i),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            vec![]
        }
        Msg::Saved(Ok(())) => {
            if app.durable {
                app.unsaved = false;
            }
            app.save_error = None;
            app.first_save_pending = false;
            vec![]
        }
        Msg::Saved(Err(e)) => {
            let message = format!("{}: {}", app.t(S::SaveFailed), sanitize_line(&e));
            if std::mem::take(&mut app.first_save_pending) {
                // A new audit that cannot be saved does not start (plain mode refuses the same way):
                // nothing typed after this could be kept.
                app.audit = None;
                app.screen = Screen::Start;
                app.start_notice = Some(message);
                return vec![];
            }
            app.save_error = Some(message);
            vec![]
        }
        Msg::DraftLoaded(Err(e)) => {
            // In full on the start screen (a lock's message names the other process and what to do).
            app.start_notice = Some(format!("{}: {}", app.t(S::ResumeFailed), sanitize_line(&e)));
            vec![]
        }
        Msg::DraftLoaded(Ok(loaded)) => {
            let (draft, checklist) = *loaded;
            let (session, resumed) = draft.restore(Arc::clone(&checklist));
            let changed = resumed.checklist_changed || !resumed.dropped.is_empty();
            app.audit = Some(Audit { session, draft });
            app.unsaved = false;
            if changed {
                app.offer_changed(resumed);
            } else {
                app.enter_questions();
            }
            vec![]
        }
        Msg::Drafts(list) => {
            app.drafts = list;
            app.start_sel = app.start_sel.min(app.start_rows().len().saturating_sub(1));
            vec![]
        }
        Msg::KeyFound(k) => {
            app.sign.key = Some(k);
            vec![]
        }
        Msg::KeyCreated(r) => app.key_created(r),
        Msg::SignedOff(r) => app.signed_off(r),
        Msg::ReportsWritten(r) => {
            app.sign.busy = false;
            app.sign.reports = Some(r.map_err(|e| sanitize_line(&e).into_owned()));
            vec![]
        }
        // Every confirmed answer is saved already: save the position and leave without asking.
        Msg::Terminate => {
            app.keep_typed();
            app.quit_now()
        }
    };
    app.sync_question();
    effects
}
