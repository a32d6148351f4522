//! `prefill`: a `multi` question the auditor has not set takes the options chosen at an earlier `multi`
//! question, in every repetition of its section, with the names typed for its `other` option. Once the
//! auditor sets it, earlier answers no longer change it (docs/checklist-format.md, "Carrying answers over").

use std::sync::Arc;

use super::answer::{Response, Value};
use super::layout::Key;
use super::session::Session;
use crate::checklist::Prefill;

impl Session {
    /// Bring every carried-over answer up to date; called after each change of an answer or name. Sources
    /// come before their targets, so one pass in checklist order also settles a chain of prefills.
    pub(super) fn carry(&mut self) {
        let checklist = Arc::clone(&self.checklist);
        for p in &checklist.prefills {
            let key = Key {
                section: p.target.section,
                item: None,
                question: p.target.question,
            };
            let Some(slot) = self.layout.slot(&key) else {
                continue;
            };
            let was_carried = self.carried[slot];
            if self.answers[slot].response.is_some() && !was_carried {
                continue; // the auditor's answer: never overwritten
            }
            let (choices, names) = self.carried_over(p);
            let other_chosen = checklist.sections[key.section].questions[key.question]
                .options
                .iter()
                .position(|o| o.other)
                .is_some_and(|o| choices.contains(&o));
            let response =
                (!choices.is_empty()).then_some(Response::Value(Value::Choices(choices)));
            self.carried[slot] = response.is_some();
            if was_carried || self.answers[slot].other.is_none() {
                self.answers[slot].other =
                    (other_chosen && !names.is_empty()).then(|| names.join(", "));
            }
            self.store(slot, key, response);
        }
    }

    /// The target's option indices chosen at the source in any visible repetition (sorted, each once),
    /// and the distinct names given there for the `other` option, in checklist order.
    fn carried_over(&self, p: &Prefill) -> (Vec<usize>, Vec<String>) {
        let section = &self.checklist.sections[p.source.section];
        let items: Vec<Option<usize>> = match section.for_each {
            Some(fe) => (0..self.checklist.sections[fe.section].questions[fe.question]
                .options
                .len())
                .map(Some)
                .collect(),
            None => vec![None],
        };
        let other = section.questions[p.source.question]
            .options
            .iter()
            .position(|o| o.other);
        let mut choices = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for item in items {
            let key = Key {
                section: p.source.section,
                item,
                question: p.source.question,
            };
            let Some(Value::Choices(chosen)) = self.active(key) else {
                continue;
            };
            if other.is_some_and(|o| chosen.contains(&o))
                && let Some(name) = self.answer(key).other.as_deref().map(str::trim)
                && !name.is_empty()
                && !names
                    .iter()
                    .any(|n| n.to_lowercase() == name.to_lowercase())
            {
                names.push(name.to_string());
            }
            choices.extend(chosen.iter().map(|&i| p.options[i]));
        }
        choices.sort_unstable();
        choices.dedup();
        (choices, names)
    }
}
