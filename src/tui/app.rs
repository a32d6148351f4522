//! The application state and `update`: every input becomes a `Msg`, `update` changes the state and returns
//! the effects (saving, quitting) for the runner to carry out. No terminal and no file access here.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::keymap::{self, Action, Ctx};
use super::persist::DraftSummary;
use super::signoff::{
    Changed, KeyState, Secret, SignFailure, SignOffUi, SignRequest, SignStep, SignedOff,
};
use super::strings::{self, S};
use super::theme::Theme;
use crate::audit::draft::Draft;
use crate::audit::{AnswerError, Key, Meta, MetaField, Response, Session, Value, input, values};
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
    fn empty() -> QuestionUi {
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
    fn new(meta: &Meta, new_checklist: Option<Arc<Checklist>>) -> DetailsForm {
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

    // ---- the question screen -------------------------------------------------------------------------

    /// Rebuild the question UI when the current question changed.
    pub fn sync_question(&mut self) {
        let Some(s) = self.session() else { return };
        let key = s.current();
        if key == self.q.key {
            return;
        }
        let mut ui = QuestionUi::empty();
        ui.key = key;
        if let Some(k) = key {
            let q = s.question(k);
            let a = s.answer(k);
            let rs = rows(q);
            ui.cursor = rs
                .iter()
                .position(|r| is_chosen(*r, a.response.as_ref()))
                .unwrap_or(0);
            let current = match a.value() {
                Some(Value::Text(t)) => t.clone(),
                Some(Value::Number(n)) => strings::num(*n),
                Some(Value::Date(d)) => d.to_string(),
                _ => String::new(),
            };
            ui.input = text_field(&current, q.kind == Kind::Text);
            ui.note = text_field(a.note.as_deref().unwrap_or(""), true);
            ui.other = text_field(a.other.as_deref().unwrap_or(""), false);
        }
        self.q = ui;
    }

    pub(super) fn enter_questions(&mut self) {
        self.screen = Screen::Question;
        self.outline_focused = false;
        self.q.key = None;
        self.sync_question();
    }

    /// Record a response for the current question; the answer is confirmed, so the draft is saved.
    fn set_response(&mut self, r: Option<Response>) -> Result<Vec<Effect>, String> {
        let lang = self.lang;
        let Some(a) = self.audit.as_mut() else {
            return Ok(vec![]);
        };
        let Some(k) = a.session.current() else {
            return Ok(vec![]);
        };
        if a.session.answer(k).response == r {
            return Ok(vec![]);
        }
        a.session
            .set(k, r)
            .map_err(|e| strings::answer_error(lang, &e))?;
        self.unsaved = true;
        Ok(vec![Effect::SaveDraft])
    }

    /// Space on a row: choose it, or toggle it (a chosen single answer is cleared, a multi option flips).
    fn toggle_row(&mut self, row: Row) -> Vec<Effect> {
        let Some((k, q)) = self.current() else {
            return vec![];
        };
        let kind = q.kind;
        let current = self.session().and_then(|s| s.answer(k).response.clone());
        let chosen = is_chosen(row, current.as_ref());
        let new = match row {
            Row::Opt(i) if kind == Kind::Multi => {
                let mut cs = match &current {
                    Some(Response::Value(Value::Choices(cs))) => cs.clone(),
                    _ => Vec::new(),
                };
                if chosen {
                    cs.retain(|c| *c != i);
                } else {
                    cs.push(i);
                }
                // Clearing the last box is an answer too: "none of these" (the checklists rely on it).
                Some(Response::Value(Value::Choices(cs)))
            }
            _ if chosen => None,
            Row::Yes => Some(Response::Value(Value::Bool(true))),
            Row::No => Some(Response::Value(Value::Bool(false))),
            Row::Opt(i) => Some(Response::Value(Value::Choice(i))),
            Row::Unknown => Some(Response::Unknown),
            Row::NotApplicable => Some(Response::NotApplicable),
            Row::Field => return vec![],
        };
        self.apply_response(new)
    }

    fn apply_response(&mut self, r: Option<Response>) -> Vec<Effect> {
        match self.set_response(r) {
            Ok(e) => {
                self.q.error = None;
                e
            }
            Err(msg) => {
                self.q.error = Some(msg);
                vec![]
            }
        }
    }

    /// Parse the typed answer of a text / number / date question.
    fn field_response(&self, q: &Question) -> Result<Option<Response>, String> {
        let text = field_text(&self.q.input);
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let v = match q.kind {
            Kind::Text => Value::Text(text.trim_end().to_string()),
            Kind::Number => {
                let n = input::parse_number(q, t).map_err(|e| match e {
                    input::NumberError::NotANumber => self.t(S::EnterNumber).to_string(),
                    input::NumberError::BelowMin(min) => {
                        strings::answer_error(self.lang, &AnswerError::BelowMin { min, value: min })
                    }
                    input::NumberError::AboveMax(max) => {
                        strings::answer_error(self.lang, &AnswerError::AboveMax { max, value: max })
                    }
                })?;
                Value::Number(n)
            }
            Kind::Date => {
                Value::Date(values::parse_date(t).map_err(|_| self.t(S::EnterDate).to_string())?)
            }
            _ => return Ok(None),
        };
        Ok(Some(Response::Value(v)))
    }

    /// The selected `other` option of the current question that still needs a name, if any.
    fn other_selected(&self) -> bool {
        let Some((k, q)) = self.current() else {
            return false;
        };
        let Some(s) = self.session() else {
            return false;
        };
        let r = s.answer(k).response.as_ref();
        q.options
            .iter()
            .enumerate()
            .any(|(i, o)| o.other && is_chosen(Row::Opt(i), r))
    }

    /// Go to the next visible question, or to the review after the last one.
    fn advance(&mut self) {
        let moved = self.audit.as_mut().is_some_and(|a| a.session.go_next());
        if moved {
            self.sync_question();
        } else {
            self.open_review();
        }
    }

    pub(super) fn open_review(&mut self) {
        self.screen = Screen::Review;
        self.outline_focused = false;
        self.review_sel = super::review::lines(self)
            .iter()
            .position(|l| l.target.is_some())
            .unwrap_or(0);
    }

    fn confirm_answer(&mut self) -> Vec<Effect> {
        let Some((_, q)) = self.current() else {
            return vec![];
        };
        let q = q.clone();
        let Some(row) = rows(&q).get(self.q.cursor).copied() else {
            return vec![];
        };
        let mut effects = Vec::new();
        match row {
            Row::Field => match self.field_response(&q) {
                Ok(r) => {
                    // Do not clear a stored unknown / not applicable just because the field is empty.
                    let keep = r.is_none()
                        && self.current().is_some_and(|(k, _)| {
                            self.session().is_some_and(|s| {
                                matches!(
                                    s.answer(k).response,
                                    Some(Response::Unknown | Response::NotApplicable)
                                )
                            })
                        });
                    if !keep {
                        effects = self.apply_response(r);
                        if self.q.error.is_some() {
                            return effects;
                        }
                    }
                }
                Err(msg) => {
                    self.q.error = Some(msg);
                    return vec![];
                }
            },
            // Enter confirms a multiple choice as shown; with nothing ticked that is the answer "none".
            Row::Opt(_) if q.kind == Kind::Multi => {
                let open = self
                    .current()
                    .and_then(|(k, _)| self.session().map(|s| s.answer(k).response.is_none()))
                    .unwrap_or(false);
                if open {
                    effects =
                        self.apply_response(Some(Response::Value(Value::Choices(Vec::new()))));
                }
            }
            row => {
                let r = self
                    .current()
                    .and_then(|(k, _)| self.session().map(|s| s.answer(k).response.clone()))
                    .flatten();
                if !is_chosen(row, r.as_ref()) {
                    effects = self.toggle_row(row);
                }
            }
        }
        if self.other_selected() && field_text(&self.q.other).trim().is_empty() {
            self.q.focus = Focus::Other;
            return effects;
        }
        self.advance();
        effects
    }

    fn save_note(&mut self) -> Vec<Effect> {
        let note = field_text(&self.q.note);
        let note = note.trim_end();
        let Some(a) = self.audit.as_mut() else {
            return vec![];
        };
        let Some(k) = a.session.current() else {
            return vec![];
        };
        let new = (!note.trim().is_empty()).then(|| note.to_string());
        if a.session.answer(k).note == new {
            return vec![];
        }
        // The key is the session's own current question.
        let _ = a.session.set_note(k, new);
        self.unsaved = true;
        vec![Effect::SaveDraft]
    }

    fn save_other(&mut self) -> Vec<Effect> {
        let name = field_text(&self.q.other).trim().to_string();
        let Some(a) = self.audit.as_mut() else {
            return vec![];
        };
        let Some(k) = a.session.current() else {
            return vec![];
        };
        let new = (!name.is_empty()).then_some(name);
        if a.session.answer(k).other == new {
            return vec![];
        }
        let _ = a.session.set_other(k, new);
        self.unsaved = true;
        vec![Effect::SaveDraft]
    }

    fn go_back(&mut self) {
        let moved = self.audit.as_mut().is_some_and(|a| a.session.go_prev());
        if moved {
            self.sync_question();
        }
    }

    fn jump(&mut self, key: Key) {
        if let Some(a) = self.audit.as_mut() {
            // Keys come from the session's own lists, so they exist.
            let _ = a.session.go_to(key);
        }
        self.enter_questions();
    }

    fn question_action(&mut self, action: Action) -> Vec<Effect> {
        let Some((_, q)) = self.current() else {
            return vec![];
        };
        let n = rows(q).len();
        let on_field = self.current_row() == Some(Row::Field);
        match (self.q.focus, action) {
            (Focus::Note, Action::Confirm | Action::Back) => {
                self.q.focus = Focus::Answer;
                self.save_note()
            }
            (Focus::Note, Action::NewLine) => {
                self.q.note.insert_newline();
                vec![]
            }
            (Focus::Other, Action::Confirm) => {
                let e = self.save_other();
                self.q.focus = Focus::Answer;
                self.advance();
                e
            }
            (Focus::Other, Action::Back) => {
                self.q.focus = Focus::Answer;
                self.save_other()
            }
            (Focus::Other, Action::Note) => {
                let e = self.save_other();
                self.q.focus = Focus::Note;
                e
            }
            (Focus::Answer, Action::NewLine) if on_field => {
                if q.kind == Kind::Text {
                    self.q.input.insert_newline();
                }
                vec![]
            }
            (Focus::Answer, Action::Up) => {
                let at_top = self.q.input.cursor().0 == 0;
                if on_field && !at_top {
                    self.q.input.move_cursor(CursorMove::Up);
                } else {
                    self.q.cursor = self.q.cursor.saturating_sub(1);
                    self.q.error = None;
                }
                vec![]
            }
            (Focus::Answer, Action::Down) => {
                let last = self.q.input.lines().len().saturating_sub(1);
                if on_field && self.q.input.cursor().0 < last {
                    self.q.input.move_cursor(CursorMove::Down);
                } else if self.q.cursor + 1 < n {
                    self.q.cursor += 1;
                    self.q.error = None;
                }
                vec![]
            }
            (Focus::Answer, Action::Toggle) => match self.current_row() {
                Some(row) => self.toggle_row(row),
                None => vec![],
            },
            (Focus::Answer, Action::Confirm) => self.confirm_answer(),
            (Focus::Answer, Action::Back) => {
                self.go_back();
                vec![]
            }
            (Focus::Answer, Action::Note) => {
                self.q.focus = Focus::Note;
                vec![]
            }
            (_, Action::Outline) => {
                self.outline_focused = true;
                self.outline_sel = super::outline::current_row(self);
                vec![]
            }
            (Focus::Answer, Action::Review) => {
                self.open_review();
                vec![]
            }
            (Focus::Answer, Action::Details) => {
                self.open_details_edit();
                vec![]
            }
            _ => vec![],
        }
    }

    fn open_details_edit(&mut self) {
        if let Some(a) = &self.audit {
            self.details = DetailsForm::new(&a.draft.meta, None);
            self.screen = Screen::Details;
        }
    }

    // ---- other screens -------------------------------------------------------------------------------

    fn list_move(sel: &mut usize, len: usize, action: Action, page: usize) {
        let last = len.saturating_sub(1);
        *sel = match action {
            Action::Up => sel.saturating_sub(1),
            Action::Down => (*sel + 1).min(last),
            Action::PageUp => sel.saturating_sub(page),
            Action::PageDown => (*sel + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => *sel,
        };
    }

    fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(8)).max(1)
    }

    fn start_action(&mut self, action: Action) -> Vec<Effect> {
        let rows = self.start_rows();
        match action {
            Action::Confirm => match rows.get(self.start_sel) {
                Some(StartRow::New) => {
                    self.screen = Screen::Pick;
                    self.pick_sel = self
                        .catalog
                        .iter()
                        .position(|e| e.checklist.is_ok())
                        .unwrap_or(0);
                    vec![]
                }
                Some(StartRow::Draft(i)) => match &self.drafts[*i].damaged {
                    Some(reason) => {
                        self.status = Some((
                            format!("{}: {}", self.t(S::ResumeFailed), sanitize_line(reason)),
                            true,
                        ));
                        vec![]
                    }
                    None => vec![Effect::LoadDraft(self.drafts[*i].audit_id.clone())],
                },
                Some(StartRow::Quit) => self.quit(),
                None => vec![],
            },
            Action::Back => vec![],
            a => {
                let page = self.page();
                Self::list_move(&mut self.start_sel, rows.len(), a, page);
                vec![]
            }
        }
    }

    fn pick_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Confirm => {
                match self.catalog.get(self.pick_sel).map(|e| e.checklist.clone()) {
                    Some(Ok(c)) => {
                        self.details = DetailsForm::new(&Meta::default(), Some(c));
                        self.screen = Screen::Details;
                    }
                    Some(Err(diags)) => {
                        self.status =
                            Some((sanitize_line(&first_problem(&diags)).into_owned(), true));
                    }
                    None => {}
                }
                vec![]
            }
            Action::Back => {
                self.screen = Screen::Start;
                vec![]
            }
            a => {
                let page = self.page();
                Self::list_move(&mut self.pick_sel, self.catalog.len(), a, page);
                vec![]
            }
        }
    }

    fn details_action(&mut self, action: Action) -> Vec<Effect> {
        let n = self.details.fields.len();
        match action {
            Action::NextField => self.details.focus = (self.details.focus + 1) % n,
            Action::PrevField => self.details.focus = (self.details.focus + n - 1) % n,
            Action::Confirm if self.details.focus + 1 < n => self.details.focus += 1,
            Action::Confirm => return self.submit_details(),
            Action::Back => {
                self.screen = if self.details.new_checklist.is_some() {
                    Screen::Pick
                } else {
                    Screen::Question
                };
            }
            _ => {}
        }
        vec![]
    }

    fn submit_details(&mut self) -> Vec<Effect> {
        let meta = self.details.meta(self.lang);
        let missing = meta.missing();
        if let Some(first) = missing.first() {
            self.details.tried = true;
            self.details.focus = MetaField::ALL.iter().position(|f| f == first).unwrap_or(0);
            return vec![];
        }
        match self.details.new_checklist.take() {
            Some(c) => {
                let draft = Draft::new(&c, meta, Timestamp::now());
                let session = Session::new(c);
                self.audit = Some(Audit { session, draft });
            }
            None => {
                if let Some(a) = self.audit.as_mut() {
                    a.draft.meta = meta;
                }
            }
        }
        self.unsaved = true;
        self.enter_questions();
        vec![Effect::SaveDraft]
    }

    fn review_action(&mut self, action: Action) -> Vec<Effect> {
        let lines = super::review::lines(self);
        match action {
            Action::Confirm => match lines.get(self.review_sel).and_then(|l| l.target) {
                Some(super::review::Target::Question(k)) => {
                    self.jump(k);
                    vec![]
                }
                Some(super::review::Target::SignOff) => {
                    match super::review::sign_off_blocker(self) {
                        Some(s) => {
                            self.status = Some((self.t(s).to_string(), true));
                            vec![]
                        }
                        // Open required questions and findings do not block: the sign-off screen warns.
                        None => self.open_sign_off(),
                    }
                }
                None => vec![],
            },
            Action::Back => {
                self.enter_questions();
                vec![]
            }
            Action::Details => {
                self.open_details_edit();
                vec![]
            }
            // Up/Down go from one actionable line (an open question, sign-off) to the next, so the
            // cursor never sits invisibly on a blank or text line; paging still scrolls line by line.
            Action::Up | Action::Down => {
                let sel = self.review_sel;
                let next = if action == Action::Up {
                    lines
                        .iter()
                        .enumerate()
                        .rev()
                        .find(|(i, l)| *i < sel && l.target.is_some())
                } else {
                    lines
                        .iter()
                        .enumerate()
                        .find(|(i, l)| *i > sel && l.target.is_some())
                };
                match next {
                    Some((i, _)) => self.review_sel = i,
                    None => {
                        let page = self.page();
                        Self::list_move(&mut self.review_sel, lines.len(), action, page);
                    }
                }
                vec![]
            }
            a => {
                let page = self.page();
                Self::list_move(&mut self.review_sel, lines.len(), a, page);
                vec![]
            }
        }
    }

    fn outline_action(&mut self, action: Action) -> Vec<Effect> {
        let rows = super::outline::rows(self);
        match action {
            Action::Confirm => {
                if let Some(k) = rows.get(self.outline_sel).and_then(|r| r.target) {
                    self.jump(k);
                }
            }
            Action::Back => self.outline_focused = false,
            a => {
                let page = self.page();
                Self::list_move(&mut self.outline_sel, rows.len(), a, page);
            }
        }
        vec![]
    }

    pub(super) fn quit(&mut self) -> Vec<Effect> {
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

    fn help_action(&mut self, action: Action) {
        let total = super::help::lines(self).len();
        let page = self.page();
        let max = total.saturating_sub(page);
        match action {
            Action::Back => self.overlay = None,
            Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::Down => self.help_scroll = (self.help_scroll + 1).min(max),
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(page),
            Action::PageDown => self.help_scroll = (self.help_scroll + page).min(max),
            _ => {}
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
            let clean = if multi {
                sanitize(text).replace('\r', "")
            } else {
                sanitize_line(text).into_owned()
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
            vec![]
        }
        Msg::Saved(Err(e)) => {
            app.status = Some((
                format!("{}: {}", app.t(S::SaveFailed), sanitize_line(&e)),
                true,
            ));
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
        Msg::Terminate => app.quit_now(),
    };
    app.sync_question();
    effects
}
