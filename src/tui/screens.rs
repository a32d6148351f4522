//! `update` for the start screen, the checklist picker and the audit details form.

use super::app::{App, Audit, DetailsForm, Screen, StartRow, first_problem};
use super::keymap::Action;
use super::strings::S;
use super::update::Effect;
use crate::audit::draft::Draft;
use crate::audit::{Meta, MetaField, Session};
use crate::text::sanitize_line;

impl App {
    // ---- other screens -------------------------------------------------------------------------------

    pub(super) fn list_move(sel: &mut usize, len: usize, action: Action, page: usize) {
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

    pub(super) fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(8)).max(1)
    }

    pub(super) fn start_action(&mut self, action: Action) -> Vec<Effect> {
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
                Some(StartRow::Results) => self.open_results(),
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

    pub(super) fn pick_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Confirm => {
                match self.catalog.get(self.pick_sel).map(|e| e.checklist.clone()) {
                    Some(Ok(c)) => {
                        self.details =
                            DetailsForm::new(&Meta::default(), self.lang, self.today(), Some(c));
                        self.screen = Screen::Details;
                    }
                    Some(Err(diags)) => {
                        self.status = Some((
                            sanitize_line(&first_problem(&diags, self.lang)).into_owned(),
                            true,
                        ));
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

    pub(super) fn details_action(&mut self, action: Action) -> Vec<Effect> {
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

    pub(super) fn submit_details(&mut self) -> Vec<Effect> {
        let meta = match self.details.meta(self.lang) {
            Ok(meta) => meta,
            Err(problems) => {
                self.details.tried = true;
                let first = problems.first().map(|(f, _)| *f);
                self.details.focus = MetaField::ALL
                    .iter()
                    .position(|f| Some(*f) == first)
                    .unwrap_or(0);
                return vec![];
            }
        };
        match self.details.new_checklist.take() {
            Some(c) => {
                let draft = Draft::new(&c, meta, (self.clock)());
                let session = Session::new(c);
                self.audit = Some(Audit { session, draft });
                self.first_save_pending = true;
            }
            None => {
                if let Some(a) = self.audit.as_mut() {
                    a.draft.meta = meta;
                }
            }
        }
        self.unsaved = true;
        self.enter_questions();
        if self.first_save_pending {
            vec![Effect::SaveDraft, Effect::FindPreviousPlan]
        } else {
            vec![Effect::SaveDraft]
        }
    }

    /// A new audit starts from the earlier audit's action plan of its unit, if there is one and the
    /// draft has none yet.
    pub(super) fn previous_plan(&mut self, p: Option<crate::audit::plan::Previous>) -> Vec<Effect> {
        let now = (self.clock)();
        let lang = self.lang;
        match (self.audit.as_mut(), p) {
            (Some(a), Some(p)) if a.draft.previous_plan.is_none() && a.draft.plan.is_empty() => {
                self.status = Some((crate::explain::carried_over(lang, &p), false));
                a.draft.start_from(p, now);
                self.unsaved = true;
                vec![Effect::SaveDraft]
            }
            _ => vec![],
        }
    }
}
