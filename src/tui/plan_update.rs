//! `update` for the action-plan form: Tab/↑/↓ between status and fields, Space or ←/→ change the
//! status, Enter on the last field sets the entry through `Draft::set_plan` (as plain mode does) and
//! saves, Esc goes back to the review unchanged.

use super::app::{App, Screen};
use super::keymap::Action;
use super::plan::{PlanForm, ROWS};
use super::update::Effect;
use crate::audit::plan;

impl App {
    /// Open the form for measure `i` of the review's outcome.
    pub(super) fn open_plan(&mut self, i: usize) {
        let (Some(a), Some(o)) = (self.audit.as_ref(), self.review_outcome.as_ref()) else {
            return;
        };
        let Some(g) = plan::measures(o).nth(i) else {
            return;
        };
        let entry = plan::entry_for(&a.draft.plan, &g.id);
        self.plan = Some(PlanForm::new(&entry, &g.title, &g.measure, self.lang));
        self.screen = Screen::Plan;
    }

    pub(super) fn plan_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(form) = self.plan.as_mut() else {
            self.screen = Screen::Review;
            return vec![];
        };
        match action {
            Action::NextField => form.focus = (form.focus + 1) % ROWS,
            Action::PrevField => form.focus = (form.focus + ROWS - 1) % ROWS,
            Action::Toggle => {
                form.status = form.status.next();
                form.error = None;
            }
            Action::Confirm if form.focus + 1 < ROWS => form.focus += 1,
            Action::Confirm => return self.submit_plan(),
            Action::Back => {
                self.plan = None;
                self.screen = Screen::Review;
            }
            _ => {}
        }
        vec![]
    }

    fn submit_plan(&mut self) -> Vec<Effect> {
        let now = (self.clock)();
        let lang = self.lang;
        let (Some(form), Some(a), Some(o)) = (
            self.plan.as_mut(),
            self.audit.as_mut(),
            self.review_outcome.as_ref(),
        ) else {
            return vec![];
        };
        match form.entry().and_then(|e| a.draft.set_plan(e, o, now)) {
            Ok(changed) => {
                self.plan = None;
                self.screen = Screen::Review;
                if changed {
                    self.unsaved = true;
                    vec![Effect::SaveDraft]
                } else {
                    vec![]
                }
            }
            Err(e) => {
                form.error = Some(e.text(lang));
                vec![]
            }
        }
    }
}
