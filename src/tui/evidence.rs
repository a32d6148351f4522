//! The evidence form of one question (`a` or F4 on the question screen): the files attached to it, a
//! path field with Tab completion and a caption. Attaching and removing are effects the runner carries
//! out through `Persistence` (`crate::evidence` on disk, as plain mode does); this is state and `update`.

use ratatui_textarea::TextArea;

use super::app::{App, Screen};
use super::fields::{field_text, text_field};
use super::keymap::Action;
use super::update::Effect;
use crate::audit::evidence::Evidence;
use crate::i18n::evidence as tx;
use crate::text::sanitize_line;

/// How many completions the form lists under the path field.
pub const COMPLETIONS: usize = 6;

#[derive(Debug, Clone)]
pub struct EvidenceForm {
    /// The answer key of the question (`email.in_records`, `review[whatsapp].avv`).
    pub question: String,
    /// The question's text, as the question screen shows it.
    pub title: String,
    pub path: TextArea<'static>,
    pub caption: TextArea<'static>,
    /// 0: the path, 1: the caption.
    pub focus: usize,
    /// The attached file that F8 removes (an index among this question's files).
    pub selected: usize,
    /// The names that fit the typed path, after the last Tab.
    pub candidates: Vec<String>,
    /// What the last attach or remove did (false) or why it failed (true).
    pub message: Option<(String, bool)>,
    /// An attach or remove is under way.
    pub busy: bool,
}

/// What the runner reports back after an evidence effect.
#[derive(Debug, Clone)]
pub enum Done {
    Attached(Evidence),
    Removed(Evidence),
    /// The completion of the typed path: the completed text and the names that fit.
    Completed(String, Vec<String>),
}

impl EvidenceForm {
    pub fn new(question: &str, title: &str) -> EvidenceForm {
        EvidenceForm {
            question: question.to_string(),
            title: title.to_string(),
            path: text_field("", false),
            caption: text_field("", false),
            focus: 0,
            selected: 0,
            candidates: Vec::new(),
            message: None,
            busy: false,
        }
    }

    pub fn field_mut(&mut self) -> &mut TextArea<'static> {
        if self.focus == 0 {
            &mut self.path
        } else {
            &mut self.caption
        }
    }
}

impl App {
    /// The number of files attached to the form's question.
    fn evidence_count(&self) -> usize {
        match (self.audit.as_ref(), self.evidence.as_ref()) {
            (Some(a), Some(f)) => {
                crate::evidence::of_question(&a.draft.evidence, &f.question).count()
            }
            _ => 0,
        }
    }

    /// Open the form for the current question.
    pub(super) fn open_evidence(&mut self) {
        let Some(a) = self.audit.as_ref() else {
            return;
        };
        let Some(key) = a.session.current() else {
            return;
        };
        let question = a.session.key_string(key);
        let code = self.code();
        let item = super::view::question::item_label(&a.session, key, code);
        let title = self
            .current()
            .map(|(_, q)| q.text.render(code, item.as_deref()))
            .unwrap_or_default();
        self.evidence = Some(EvidenceForm::new(&question, &title));
        self.screen = Screen::Evidence;
    }

    pub(super) fn evidence_action(&mut self, action: Action) -> Vec<Effect> {
        let count = self.evidence_count();
        let lang = self.lang;
        let Some(form) = self.evidence.as_mut() else {
            self.screen = Screen::Question;
            return vec![];
        };
        if form.busy {
            return vec![];
        }
        match action {
            Action::Complete => {
                return vec![Effect::CompletePath(field_text(&form.path))];
            }
            Action::NextField | Action::PrevField => {
                form.focus = 1 - form.focus.min(1);
                form.candidates.clear();
            }
            Action::Up => form.selected = form.selected.saturating_sub(1),
            Action::Down => form.selected = (form.selected + 1).min(count.saturating_sub(1)),
            Action::Remove if count > 0 => {
                form.busy = true;
                return vec![Effect::DetachEvidence {
                    question: form.question.clone(),
                    number: form.selected.min(count - 1) + 1,
                }];
            }
            Action::Confirm if field_text(&form.path).trim().is_empty() => {
                form.focus = 0;
                form.message = Some((tx::NO_PATH.get(lang).to_string(), true));
            }
            Action::Confirm if form.focus == 0 => {
                form.focus = 1;
                form.candidates.clear();
            }
            Action::Confirm => {
                form.busy = true;
                return vec![Effect::AttachEvidence {
                    question: form.question.clone(),
                    path: field_text(&form.path).trim().to_string(),
                    caption: field_text(&form.caption).trim().to_string(),
                }];
            }
            Action::Back => {
                self.evidence = None;
                self.screen = Screen::Question;
            }
            _ => {}
        }
        vec![]
    }

    /// The runner's reply to an evidence effect.
    pub(super) fn evidence_done(&mut self, done: Result<Done, String>) -> Vec<Effect> {
        let lang = self.lang;
        let durable = self.durable;
        let Some(form) = self.evidence.as_mut() else {
            return vec![];
        };
        form.busy = false;
        let fill = crate::i18n::fill;
        match done {
            Ok(Done::Completed(text, names)) => {
                form.path = text_field(&sanitize_line(&text), false);
                form.path.move_cursor(ratatui_textarea::CursorMove::End);
                form.candidates = names;
                return vec![];
            }
            Ok(Done::Attached(e)) => {
                form.message = Some((
                    fill(
                        tx::ATTACHED.get(lang),
                        &[
                            &sanitize_line(&e.name),
                            &crate::evidence::size_text(e.size),
                            &crate::evidence::short_hash(&e.sha256),
                        ],
                    ),
                    false,
                ));
                form.path = text_field("", false);
                form.caption = text_field("", false);
                form.focus = 0;
                form.candidates.clear();
            }
            Ok(Done::Removed(e)) => {
                form.message = Some((
                    fill(tx::REMOVED.get(lang), &[&sanitize_line(&e.name)]),
                    false,
                ));
                form.selected = form.selected.saturating_sub(1);
            }
            Err(e) => {
                form.message = Some((fill(tx::FAILED.get(lang), &[&sanitize_line(&e)]), true));
                return vec![];
            }
        }
        // The store saved the draft with the change (and the answers as they were).
        if durable {
            self.unsaved = false;
        }
        vec![]
    }
}
