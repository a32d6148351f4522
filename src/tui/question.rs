//! The question screen's part of `update`: answering (choices, fields, notes, "other" names), moving
//! between questions, and opening the review.

use ratatui_textarea::CursorMove;

use super::app::{
    App, DetailsForm, Focus, QuestionUi, Row, Screen, field_text, is_chosen, rows, text_field,
};
use super::keymap::Action;
use super::strings::{self, S};
use super::update::Effect;
use crate::audit::{AnswerError, Key, Response, Value, input};
use crate::checklist::{Kind, Question};

impl App {
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
    pub(super) fn set_response(&mut self, r: Option<Response>) -> Result<Vec<Effect>, String> {
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
    pub(super) fn toggle_row(&mut self, row: Row) -> Vec<Effect> {
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

    pub(super) fn apply_response(&mut self, r: Option<Response>) -> Vec<Effect> {
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
    pub(super) fn field_response(&self, q: &Question) -> Result<Option<Response>, String> {
        let text = field_text(&self.q.input);
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let v = match q.kind {
            Kind::Text => Value::Text(text.trim_end().to_string()),
            Kind::Number => {
                let n = input::parse_number(q, t).map_err(|e| match e {
                    input::NumberError::NotWhole => self.t(S::EnterWhole).to_string(),
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
                Value::Date(input::parse_date(t).map_err(|_| self.t(S::EnterDate).to_string())?)
            }
            _ => return Ok(None),
        };
        Ok(Some(Response::Value(v)))
    }

    /// The selected `other` option of the current question that still needs a name, if any.
    pub(super) fn other_selected(&self) -> bool {
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
    pub(super) fn advance(&mut self) {
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
        self.review_outcome = super::review::outcome(self);
        self.review_sel = super::review::lines(self)
            .iter()
            .position(|l| l.target.is_some())
            .unwrap_or(0);
    }

    pub(super) fn confirm_answer(&mut self) -> Vec<Effect> {
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

    pub(super) fn save_note(&mut self) -> Vec<Effect> {
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

    /// Open the field for the reason of the last change (the one the change history ends with).
    fn open_reason(&mut self) {
        let last = self.audit.as_ref().and_then(|a| a.draft.history.last());
        match last {
            None => self.status = Some((self.t(S::ReasonNothing).to_string(), false)),
            Some(c) => {
                self.q.reason = text_field(c.reason.as_deref().unwrap_or(""), false);
                self.q.focus = Focus::Reason;
            }
        }
    }

    /// The reason typed goes on the last change; the next save appends it to the journal.
    fn save_reason(&mut self) -> Vec<Effect> {
        let text = field_text(&self.q.reason);
        let Some(a) = self.audit.as_mut() else {
            return vec![];
        };
        if !a.draft.annotate_last(&text) {
            return vec![];
        }
        self.unsaved = true;
        self.status = Some((self.t(S::ReasonSaved).to_string(), false));
        vec![Effect::SaveDraft]
    }

    pub(super) fn save_other(&mut self) -> Vec<Effect> {
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

    pub(super) fn go_back(&mut self) {
        let moved = self.audit.as_mut().is_some_and(|a| a.session.go_prev());
        if moved {
            self.sync_question();
        }
    }

    pub(super) fn jump(&mut self, key: Key) {
        if let Some(a) = self.audit.as_mut() {
            // Keys come from the session's own lists, so they exist.
            let _ = a.session.go_to(key);
        }
        self.enter_questions();
    }

    pub(super) fn question_action(&mut self, action: Action) -> Vec<Effect> {
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
            (Focus::Reason, Action::Confirm) => {
                self.q.focus = Focus::Answer;
                self.save_reason()
            }
            (Focus::Reason, Action::Back) => {
                self.q.focus = Focus::Answer;
                vec![]
            }
            (Focus::Answer, Action::Evidence) => {
                self.open_evidence();
                vec![]
            }
            (Focus::Answer, Action::Reason) => {
                self.open_reason();
                vec![]
            }
            (Focus::Note, Action::NewLine) => {
                self.q.note.insert_newline();
                vec![]
            }
            // A chosen "other" option needs its name (plain mode asks until it gets one, too).
            (Focus::Other, Action::Confirm) if field_text(&self.q.other).trim().is_empty() => {
                self.q.error = Some(self.t(S::NameMissing).to_string());
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
            (Focus::Answer, Action::AnswerYes) => self.answer_row(Row::Yes),
            (Focus::Answer, Action::AnswerNo) => self.answer_row(Row::No),
            (Focus::Answer, Action::AnswerUnknown) => self.answer_row(Row::Unknown),
            (Focus::Answer, Action::AnswerNa) => self.answer_row(Row::NotApplicable),
            (_, Action::NextOpen) => self.go_next_open(),
            _ => vec![],
        }
    }

    /// A digit: the nth row that can be picked (the input field does not count).
    pub(super) fn choose_nth(&mut self, n: usize) -> Vec<Effect> {
        let Some((_, q)) = self.current() else {
            return vec![];
        };
        if let Some(row) = n
            .checked_sub(1)
            .and_then(|i| input::choice_rows(q).get(i).copied())
        {
            self.answer_row(row)
        } else {
            self.q.error = Some(self.t(S::KeyNotHere).to_string());
            vec![]
        }
    }

    /// Pick `row` by its key: an option of a multiple choice flips, anything else is chosen and confirmed
    /// as Enter on that row would.
    pub(super) fn answer_row(&mut self, row: Row) -> Vec<Effect> {
        let Some((_, q)) = self.current() else {
            return vec![];
        };
        let multi = q.kind == Kind::Multi;
        let Some(i) = rows(q).iter().position(|r| *r == row) else {
            self.q.error = Some(self.t(S::KeyNotHere).to_string());
            return vec![];
        };
        self.q.cursor = i;
        self.q.error = None;
        if multi && matches!(row, Row::Opt(_)) {
            self.toggle_row(row)
        } else {
            self.confirm_answer()
        }
    }

    pub(super) fn open_details_edit(&mut self) {
        if let Some(a) = &self.audit {
            self.details = DetailsForm::new(&a.draft.meta, self.lang, self.today(), None);
            self.screen = Screen::Details;
        }
    }
}
