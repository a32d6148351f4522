//! `update` for the evidence form: Tab completes the path, Enter moves to the caption and asks the
//! runner to attach, F8 asks it to remove the selected file, Esc goes back to the question; the
//! runner's reply (`Msg::Evidence`) is said in the form.

use super::app::{App, Screen};
use super::evidence::{Done, EvidenceForm};
use super::fields::{field_text, text_field};
use super::keymap::Action;
use super::update::Effect;
use crate::i18n::evidence as tx;
use crate::text::sanitize_line;

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
        let item = a.session.item_label(key.section, key.item, code);
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
