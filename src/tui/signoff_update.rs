//! The sign-off screens' part of `update`: the form, the key, signing and the final screen, as methods on
//! the app (state in `signoff`, effects carried out by the runner).

use super::app::{App, Screen, field_text, text_field};
use super::keymap::Action;
use super::signoff::{
    Changed, DONE_ROWS, DoneRow, KeyState, NAME, ROLE, STATEMENT, Secret, SignFailure, SignOffUi,
    SignRequest, SignStep, SignedOff, verify_command,
};
use super::strings::S;
use super::update::Effect;
use crate::audit::draft::Resumed;
use crate::sign::KeyInfo;
use crate::signoff::default_statement;
use crate::text::sanitize_line;
use ratatui_textarea::CursorMove;
use std::path::PathBuf;

impl App {
    // ---- resume with a changed checklist -------------------------------------------------------------

    /// The draft just loaded does not fit its checklist exactly any more: say so before going on.
    pub(super) fn offer_changed(&mut self, resumed: Resumed) {
        let Some(a) = &self.audit else { return };
        let c = a.session.checklist();
        self.changed = Some(Changed {
            checklist_id: c.id.clone(),
            old_version: a.draft.checklist.version.clone(),
            new_version: c.version.clone(),
            dropped: resumed.dropped,
        });
        self.screen = Screen::Changed;
    }

    pub(super) fn changed_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Yes => {
                self.changed = None;
                if let Some(a) = self.audit.as_mut() {
                    // From now on the draft belongs to the new version; the answers that fit are kept.
                    let c = std::sync::Arc::clone(a.session.checklist());
                    a.draft.adopt(&c);
                }
                self.unsaved = true;
                self.enter_questions();
                vec![Effect::SaveDraft]
            }
            Action::No => {
                // Nothing is saved: the draft on disk keeps every answer, for the old version.
                self.changed = None;
                self.audit = None;
                self.screen = Screen::Start;
                vec![Effect::CloseDraft]
            }
            _ => vec![],
        }
    }

    // ---- sign-off ------------------------------------------------------------------------------------

    /// From the review: the sign-off form, name prefilled with the auditor, the default statement.
    pub(super) fn open_sign_off(&mut self) -> Vec<Effect> {
        let Some(a) = &self.audit else {
            return vec![];
        };
        let mut ui = SignOffUi::new();
        if let Some(f) = &a.draft.signoff_form {
            // What was typed before Ctrl-C, q or SIGTERM, as it was.
            ui.fields[NAME] = text_field(&f.name, false);
            ui.fields[ROLE] = text_field(&f.role, false);
            ui.fields[STATEMENT] = text_field(&f.statement, true);
        } else {
            ui.fields[NAME] = text_field(a.draft.meta.auditor.trim(), false);
            ui.fields[STATEMENT] = text_field(default_statement(self.lang), true);
            ui.fields[STATEMENT].move_cursor(CursorMove::Top);
        }
        ui.open = a.session.open_required().count();
        // Root causes, as the review (which the sign-off is opened from) counts them.
        ui.findings = match &self.review_outcome {
            Some(o) => o.counts.total(),
            None => super::review::outcome(self).map_or(0, |o| o.counts.total()),
        };
        ui.key.clone_from(&self.sign.key);
        self.sign = ui;
        self.screen = Screen::SignOff;
        vec![Effect::FindKey]
    }

    /// A sign-off form left before signing (Ctrl-C, q, SIGTERM, or back to the review) is kept with the
    /// draft (name, role, statement; never a password), so that it is there again when the sign-off opens.
    pub(super) fn keep_sign_off_form(&mut self) {
        if self.screen != Screen::SignOff || self.sign.step == SignStep::Done {
            return;
        }
        let form = self.sign.form();
        if let Some(a) = self.audit.as_mut() {
            a.draft.signoff_form = Some(form);
        }
    }

    pub(super) fn sign_action(&mut self, action: Action) -> Vec<Effect> {
        if self.sign.busy {
            return vec![];
        }
        match self.sign.step {
            SignStep::Form => self.form_action(action),
            SignStep::Confirm => {
                if action == Action::Yes {
                    self.sign.error = None;
                    self.sign.step = match &self.sign.key {
                        Some(KeyState { key_id: None, .. }) => SignStep::NewKey,
                        _ => SignStep::Password,
                    };
                    vec![]
                } else {
                    self.sign.step = SignStep::Form;
                    vec![]
                }
            }
            SignStep::NewKey => self.new_key_action(action),
            SignStep::Password => self.password_action(action),
            SignStep::Done => self.done_action(action),
        }
    }

    fn form_action(&mut self, action: Action) -> Vec<Effect> {
        let n = self.sign.fields.len();
        let ui = &mut self.sign;
        let f = ui.focus;
        match action {
            Action::NextField => ui.focus = (f + 1) % n,
            Action::PrevField => ui.focus = (f + n - 1) % n,
            Action::Up if f == STATEMENT && ui.fields[f].cursor().0 > 0 => {
                ui.fields[f].move_cursor(CursorMove::Up);
            }
            Action::Up => ui.focus = f.saturating_sub(1),
            Action::Down
                if f == STATEMENT && ui.fields[f].cursor().0 + 1 < ui.fields[f].lines().len() =>
            {
                ui.fields[f].move_cursor(CursorMove::Down);
            }
            Action::Down => ui.focus = (f + 1).min(n - 1),
            Action::NewLine if f == STATEMENT => ui.fields[f].insert_newline(),
            Action::Confirm if f + 1 < n => ui.focus += 1,
            Action::Confirm => {
                if ui.name().is_empty() {
                    ui.tried = true;
                    ui.focus = NAME;
                } else {
                    ui.step = SignStep::Confirm;
                }
            }
            Action::Back => {
                self.keep_sign_off_form();
                self.open_review();
            }
            _ => {}
        }
        vec![]
    }

    /// The rule for a new key's password (`sign::check_new_password`), with the signer's and the
    /// organisation's names as words it must not lean on; the reason in the UI language.
    fn weak_password(&self, password: &str) -> Option<String> {
        let org = self
            .audit
            .as_ref()
            .map(|a| a.draft.meta.organisation.clone())
            .unwrap_or_default();
        let name = self.sign.name();
        let context: Vec<&str> = org
            .split_whitespace()
            .chain(name.split_whitespace())
            .collect();
        crate::sign::check_new_password(password, &context)
            .err()
            .map(|w| w.text(self.lang))
    }

    fn new_key_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::NextField | Action::PrevField => {
                self.sign.new_focus = 1 - self.sign.new_focus;
            }
            Action::Confirm => {
                let first = Secret::new(field_text(&self.sign.new_password[0]));
                // Said as soon as the first field is confirmed, not after typing it twice.
                if let Some(why) = self.weak_password(first.expose()) {
                    self.sign.error = Some(why);
                    self.sign.clear_passwords();
                    return vec![];
                }
                let ui = &mut self.sign;
                if ui.new_focus == 0 {
                    ui.error = None;
                    ui.new_focus = 1;
                    return vec![];
                }
                let second = Secret::new(field_text(&ui.new_password[1]));
                ui.clear_passwords();
                if first == second {
                    ui.error = None;
                    ui.busy = true;
                    ui.kept = Some(first.clone());
                    return vec![Effect::CreateKey(first)];
                }
                ui.error = Some(S::PasswordsDiffer.get(self.lang).to_string());
            }
            Action::Back => {
                let ui = &mut self.sign;
                ui.clear_passwords();
                ui.error = None;
                ui.step = SignStep::Form;
            }
            _ => {}
        }
        vec![]
    }

    /// Sign with `password`: the draft is saved first, so that the result and the draft agree to the
    /// last answer.
    fn sign_with(&mut self, password: Secret) -> Vec<Effect> {
        let Some(a) = &self.audit else {
            return vec![];
        };
        let ui = &mut self.sign;
        let request = SignRequest {
            audit_id: a.draft.audit_id.clone(),
            signer: ui.signer(),
            password,
        };
        ui.clear_passwords();
        ui.error = None;
        ui.busy = true;
        vec![Effect::SaveDraft, Effect::SignOff(Box::new(request))]
    }

    fn password_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Confirm => {
                let password = Secret::new(field_text(&self.sign.password));
                if password.expose().is_empty() {
                    self.sign.error = Some(self.t(S::PasswordEmpty).to_string());
                    return vec![];
                }
                self.sign_with(password)
            }
            Action::Back => {
                self.sign.clear_passwords();
                self.sign.error = None;
                self.sign.step = SignStep::Form;
                vec![]
            }
            _ => vec![],
        }
    }

    fn done_action(&mut self, action: Action) -> Vec<Effect> {
        let last = DONE_ROWS.len() - 1;
        let ui = &mut self.sign;
        match action {
            Action::Up => ui.done_sel = ui.done_sel.saturating_sub(1),
            Action::Down => ui.done_sel = (ui.done_sel + 1).min(last),
            Action::Top => ui.done_sel = 0,
            Action::Bottom => ui.done_sel = last,
            Action::Copy => {
                let cmd = ui
                    .signed
                    .as_ref()
                    .map(|s| verify_command(&s.signed.result, &s.public_key));
                if let Some(cmd) = cmd {
                    self.status = Some((self.t(S::Copied).to_string(), false));
                    return vec![Effect::Copy(cmd)];
                }
            }
            // Esc leaves the final screen for the start screen, like the menu's second row.
            Action::Back => {
                self.sign = SignOffUi::new();
                self.screen = Screen::Start;
                self.start_sel = 0;
                return vec![Effect::ListDrafts];
            }
            Action::Confirm => match DONE_ROWS[ui.done_sel.min(last)] {
                DoneRow::Reports => {
                    if let Some(s) = &ui.signed {
                        ui.busy = true;
                        return vec![Effect::WriteReports(s.signed.result.clone())];
                    }
                }
                DoneRow::Start => {
                    self.sign = SignOffUi::new();
                    self.screen = Screen::Start;
                    self.start_sel = 0;
                    return vec![Effect::ListDrafts];
                }
                DoneRow::Quit => return self.quit(),
            },
            _ => {}
        }
        vec![]
    }

    pub(super) fn key_created(&mut self, r: Result<KeyInfo, String>) -> Vec<Effect> {
        let ui = &mut self.sign;
        ui.busy = false;
        match r {
            Ok(info) => {
                ui.key = Some(KeyState {
                    dir: info
                        .secret_key_path
                        .parent()
                        .map(PathBuf::from)
                        .unwrap_or_default(),
                    key_id: Some(info.key_id.clone()),
                    public: info.public_key_path.clone(),
                });
                ui.created = Some(info);
                ui.error = None;
                // Signed with the password just chosen: it is not asked a third time (the new-key
                // screen says "signing" meanwhile).
                if let Some(password) = ui.kept.take() {
                    return self.sign_with(password);
                }
                ui.step = SignStep::Password;
            }
            Err(e) => {
                ui.kept = None;
                ui.error = Some(sanitize_line(&e).into_owned());
            }
        }
        vec![]
    }

    pub(super) fn signed_off(&mut self, r: Result<Box<SignedOff>, SignFailure>) -> Vec<Effect> {
        let ui = &mut self.sign;
        ui.busy = false;
        // Signing right after the key was created failed: the key exists now, so another try asks
        // for its password.
        if ui.step == SignStep::NewKey && ui.created.is_some() {
            ui.step = SignStep::Password;
        }
        match r {
            Ok(done) => {
                ui.signed = Some(*done);
                ui.step = SignStep::Done;
                ui.done_sel = 0;
                ui.error = None;
                // The audit is over: its draft is archived, nothing is saved any more.
                self.audit = None;
                self.unsaved = false;
            }
            Err(SignFailure::WrongPassword(e)) => {
                ui.error = Some(sanitize_line(&e).into_owned());
                ui.step = SignStep::Password;
            }
            Err(SignFailure::NoKey(e)) => {
                ui.error = Some(sanitize_line(&e).into_owned());
                if let Some(k) = ui.key.as_mut() {
                    k.key_id = None;
                }
                ui.created = None;
                ui.step = SignStep::NewKey;
            }
            Err(SignFailure::NoName) => {
                ui.tried = true;
                ui.focus = NAME;
                ui.step = SignStep::Form;
            }
            Err(SignFailure::Other(e)) => {
                ui.error = Some(sanitize_line(&e).into_owned());
            }
        }
        vec![]
    }
}
