//! Messages and `update`: every input becomes a `Msg` (keys through the keymap, mouse, paste, the results
//! of effects), `update` changes the state and returns the `Effect`s for the runner to carry out.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui_textarea::TextArea;

use super::app::{App, Audit, Focus, Overlay, Row, Screen};
use super::keymap::{self, Action};
use super::persist::DraftSummary;
use super::signoff::{KeyState, Secret, SignFailure, SignRequest, SignedOff};
use super::strings::S;
use crate::audit::draft::Draft;
use crate::checklist::{Checklist, Kind};
use crate::text::{sanitize, sanitize_line};

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
    /// The checklists, loaded after the first frame (`tui::run`): the drafts are listed again with them.
    Catalog(Vec<crate::catalog::Entry>),
    /// Result of `Effect::FindKey`.
    KeyFound(KeyState),
    /// Result of `Effect::CreateKey`.
    KeyCreated(Result<crate::sign::KeyInfo, String>),
    /// Result of `Effect::SignOff`.
    SignedOff(Result<Box<SignedOff>, SignFailure>),
    /// Result of `Effect::WriteReports`: the files written.
    ReportsWritten(Result<Vec<std::path::PathBuf>, String>),
    /// Result of `Effect::Results`.
    Results(super::results::Reply),
    /// Result of `Effect::FindPreviousPlan`: the earlier audit's action plan of the new audit's unit.
    PreviousPlan(Option<Box<crate::audit::plan::Previous>>),
    /// Result of `Effect::AttachEvidence`, `Effect::DetachEvidence` and `Effect::CompletePath`.
    Evidence(Result<super::evidence::Done, String>),
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
    /// Write the Markdown, HTML and PDF reports next to this result file.
    WriteReports(std::path::PathBuf),
    /// Put this text on the terminal's clipboard (OSC 52; terminals that do not allow it ignore it).
    Copy(String),
    /// List, open, verify a signed result or write its report (the results screen).
    Results(super::results::Request),
    /// Save the amendment prepared on the results screen (`ResultsUi::amendment`, of this audit id) and
    /// open it as a resumed draft.
    StartDraft(String),
    /// Look for the earlier audit of the new audit's organisation and unit (`result::previous`).
    FindPreviousPlan,
    /// Copy the file at the typed `path` (`~/` is the home folder) into the draft's evidence folder
    /// as evidence of `question`, and save the draft with it.
    AttachEvidence {
        question: String,
        path: String,
        caption: String,
    },
    /// Remove the `number`th (1-based) evidence file of `question` and save the draft.
    DetachEvidence {
        question: String,
        number: usize,
    },
    /// Complete the typed path at its last component (`crate::evidence::complete`).
    CompletePath(String),
    Quit,
}

impl Effect {
    /// Effects that take a noticeable time (key derivation, reports): the screen is drawn before them.
    pub fn is_slow(&self) -> bool {
        matches!(
            self,
            Effect::CreateKey(_)
                | Effect::SignOff(_)
                | Effect::WriteReports(_)
                | Effect::Results(_)
        )
    }
}

impl App {
    /// The text field that takes typed characters, if any.
    pub(super) fn typing_field(&mut self) -> Option<(&mut TextArea<'static>, bool)> {
        if self.overlay.is_some() {
            return None;
        }
        match self.screen {
            Screen::Details => Some((&mut self.details.fields[self.details.focus], false)),
            Screen::Plan => self
                .plan
                .as_mut()
                .and_then(super::plan::PlanForm::field_mut)
                .map(|f| (f, false)),
            Screen::Evidence => self
                .evidence
                .as_mut()
                .filter(|e| !e.busy)
                .map(|e| (e.field_mut(), false)),
            Screen::SignOff => self.sign.typing_field(),
            Screen::Results => self
                .results
                .opened
                .as_mut()
                .and_then(|o| o.reason.as_mut())
                .map(|f| (f, false)),
            Screen::Question if !self.outline_focused => {
                let multi = self.current().is_some_and(|(_, q)| q.kind == Kind::Text);
                let on_field = self.current_row() == Some(Row::Field);
                match self.q.focus {
                    Focus::Note => Some((&mut self.q.note, true)),
                    Focus::Reason => Some((&mut self.q.reason, false)),
                    Focus::Other => Some((&mut self.q.other, false)),
                    Focus::Answer if on_field => Some((&mut self.q.input, multi)),
                    Focus::Answer => None,
                }
            }
            _ => None,
        }
    }

    /// Whatever is being typed into the note field goes into the session (a sign-off form into the draft) before the app ends (Ctrl-C, q,
    /// SIGTERM): nothing typed is lost. The next `SaveDraft` writes it.
    pub(super) fn keep_typed(&mut self) {
        if self.screen == Screen::Question && self.q.focus == Focus::Note {
            let _ = self.save_note();
        }
        self.keep_sign_off_form();
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

    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return vec![];
        }
        self.status = None;
        self.start_notice = None;
        let contexts = self.contexts();
        let Some(action) = keymap::lookup(&contexts, self.lang, &key) else {
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
                return if action == Action::Yes {
                    self.quit_now()
                } else {
                    self.overlay = None;
                    vec![]
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
            // Readline's Ctrl-U in every text field: delete from the cursor to the start of the line.
            Action::ClearLine => {
                if let Some((field, _)) = self.typing_field() {
                    field.delete_line_by_head();
                }
                return vec![];
            }
            // The digit says which row: the keymap binds only 1–9 to `Choose`.
            Action::Choose => {
                let n = match key.code {
                    ratatui::crossterm::event::KeyCode::Char(c) => c.to_digit(10).unwrap_or(0),
                    _ => 0,
                };
                return self.choose_nth(n as usize);
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
            Screen::Results => self.results_action(action),
            Screen::Plan => self.plan_action(action),
            Screen::Evidence => self.evidence_action(action),
        }
    }

    pub(super) fn on_click_row(&mut self, i: usize) -> Vec<Effect> {
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

    pub(super) fn on_mouse(&mut self, m: MouseEvent) -> Vec<Effect> {
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

    pub(super) fn on_paste(&mut self, text: &str) {
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
        Msg::Catalog(entries) => {
            app.catalog = entries;
            vec![Effect::ListDrafts]
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
        Msg::Results(r) => app.results_reply(r),
        Msg::PreviousPlan(p) => app.previous_plan(p.map(|p| *p)),
        Msg::Evidence(r) => app.evidence_done(r),
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
