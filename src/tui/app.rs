//! The application state: screens, the audit in progress, the forms and what the screens derive from them.
//! `update` (in `tui::update`) changes it; no terminal and no file access here.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui_textarea::TextArea;

pub(super) use super::fields::{field_text, text_field};
use super::keymap::Ctx;
use super::persist::DraftSummary;
use super::signoff::{Changed, SignOffUi, SignStep};
use super::strings::S;
use super::theme::Theme;
use crate::audit::draft::Draft;
use crate::audit::{FieldProblem, Key, Meta, MetaField, Session};
use crate::catalog;
use crate::checklist::{Checklist, Question};
use crate::i18n::dates::Zone;
use crate::lang::Lang;

/// Terminals narrower than this show the outline as an overlay instead of a side panel.
pub const WIDE: u16 = 120;
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

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
    /// The signed results: listed, one opened to read (`tui::results`).
    Results,
    /// The action plan of one grouped measure, opened from the review (`tui::plan`).
    Plan,
    /// The evidence files of one question, opened from the question screen (`tui::evidence`).
    Evidence,
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
    /// The reason for the last change (change history).
    Reason,
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
    pub fields: [TextArea<'static>; 5],
    pub focus: usize,
    /// The auditor tried to continue: show what is missing.
    pub tried: bool,
    /// The checklist of a new audit; None when editing the details of the running audit.
    pub new_checklist: Option<Arc<Checklist>>,
    /// Today (in the user's time zone) when the form opened: the default and the latest audit date.
    pub today: Date,
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
    /// The reason for the last change, while it is typed.
    pub reason: TextArea<'static>,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
// Independent flags of the running app (unsaved, durable store, …), not the states of one machine.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    /// Time zone for showing times (the system's, looked up when first shown; UTC in tests).
    pub tz: Zone,
    /// The current time (the system's; tests fix it).
    pub clock: fn() -> Timestamp,
    pub size: (u16, u16),
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub catalog: Vec<catalog::Entry>,
    pub drafts: Vec<DraftSummary>,
    pub audit: Option<Audit>,
    /// A one-off message in the bottom line (text, `is_error`), cleared by the next key.
    pub status: Option<(String, bool)>,
    /// The outcome the review shows, derived when it opens (`review::outcome`).
    pub review_outcome: Option<crate::audit::Outcome>,
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
    pub results: super::results::ResultsUi,
    /// The action-plan form while `Screen::Plan` is open.
    pub plan: Option<super::plan::PlanForm>,
    /// The evidence form while `Screen::Evidence` is open.
    pub evidence: Option<super::evidence::EvidenceForm>,
    /// What changed in the checklist of the draft being resumed (`Screen::Changed`).
    pub changed: Option<Changed>,
    /// A message on the start screen (e.g. why a draft cannot be opened), shown in full until the next key.
    pub start_notice: Option<String>,
}

/// The first problem of a checklist that does not load, on one line.
pub fn first_problem(diags: &[crate::checklist::Diagnostic], lang: Lang) -> String {
    diags.first().map(|d| d.headline(lang)).unwrap_or_default()
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
            reason: text_field("", false),
            error: None,
        }
    }
}

impl DetailsForm {
    pub(super) fn new(
        meta: &Meta,
        lang: Lang,
        today: Date,
        new_checklist: Option<Arc<Checklist>>,
    ) -> DetailsForm {
        DetailsForm {
            fields: MetaField::ALL.map(|f| text_field(&meta.text(f, lang, today), false)),
            focus: 0,
            tried: false,
            new_checklist,
            today,
        }
    }

    /// The details as typed, or each field's problem (`Meta::from_texts`, the rule plain mode uses too).
    pub fn meta(&self, lang: Lang) -> Result<Meta, Vec<(MetaField, FieldProblem)>> {
        Meta::from_texts(
            |f| {
                MetaField::ALL
                    .iter()
                    .position(|x| *x == f)
                    .map(|i| field_text(&self.fields[i]))
                    .unwrap_or_default()
            },
            lang,
            self.today,
        )
    }
}

/// A row of the start screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartRow {
    New,
    Draft(usize),
    /// The signed results.
    Results,
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
            tz: Zone::utc(),
            clock: Timestamp::now,
            size: (MIN_WIDTH, MIN_HEIGHT),
            screen: Screen::Start,
            overlay: None,
            catalog,
            drafts,
            audit: None,
            status: None,
            review_outcome: None,
            save_error: None,
            first_save_pending: false,
            durable,
            unsaved: false,
            start_sel: 0,
            pick_sel: 0,
            details: DetailsForm::new(&Meta::default(), lang, Date::default(), None),
            q: QuestionUi::empty(),
            outline_focused: false,
            outline_sel: 0,
            review_sel: 0,
            help_scroll: 0,
            sign: SignOffUi::new(),
            results: super::results::ResultsUi::default(),
            plan: None,
            evidence: None,
            changed: None,
            start_notice: None,
        }
    }

    /// The language code for checklist texts (the checklist falls back to its first language).
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// Today in the user's time zone.
    pub fn today(&self) -> Date {
        self.tz.today((self.clock)())
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
        v.push(StartRow::Results);
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
        use Ctx::{Confirm, Global, Help};
        match self.overlay {
            Some(Overlay::ConfirmQuit) => return vec![Confirm, Global],
            Some(Overlay::Help) => return vec![Help, Global],
            None => {}
        }
        self.screen_contexts()
    }

    /// The contexts of the screen itself, ignoring overlays.
    pub fn screen_contexts(&self) -> Vec<Ctx> {
        use Ctx::{
            Choices, Commands, Confirm, Details, Done, Global, Input, List, Note, Outline, Review,
            Secret, SecretPair, SignForm,
        };
        match self.screen {
            Screen::Start | Screen::Pick => vec![List, Commands, Global],
            Screen::Review => vec![Review, List, Commands, Global],
            Screen::Details => vec![Details, Global],
            Screen::Plan if self.plan.as_ref().is_some_and(|p| p.focus == 0) => {
                vec![Ctx::PlanStatus, Details, Global]
            }
            Screen::Plan => vec![Details, Global],
            Screen::Evidence if self.evidence.as_ref().is_some_and(|e| e.busy) => vec![Global],
            Screen::Evidence if self.evidence.as_ref().is_some_and(|e| e.focus == 0) => {
                vec![Ctx::EvidencePath, Ctx::Evidence, Global]
            }
            Screen::Evidence => vec![Ctx::Evidence, Global],
            Screen::Question if self.outline_focused => vec![Outline, Commands, Global],
            Screen::Question => match self.q.focus {
                Focus::Note | Focus::Reason => vec![Note, Global],
                Focus::Other => vec![Input, Global],
                Focus::Answer if self.current_row() == Some(Row::Field) => vec![Input, Global],
                Focus::Answer => vec![Choices, Commands, Global],
            },
            Screen::Changed => vec![Confirm, Global],
            Screen::Results if self.results.busy => vec![Global],
            Screen::Results => match &self.results.opened {
                Some(o) if o.reason.is_some() => vec![Ctx::Field, Global],
                Some(_) => vec![Ctx::Result, List, Commands, Global],
                None => vec![List, Commands, Global],
            },
            Screen::SignOff if self.sign.busy => vec![Global],
            Screen::SignOff => match self.sign.step {
                SignStep::Form => vec![SignForm, Global],
                SignStep::Confirm => vec![Confirm, Global],
                SignStep::NewKey => vec![SecretPair, Secret, Global],
                SignStep::Password => vec![Secret, Global],
                SignStep::Done => vec![Done, List, Commands, Global],
            },
        }
    }
}
