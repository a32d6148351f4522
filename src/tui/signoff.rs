//! The sign-off screen's state and keys: signer and statement, the warning about open questions and
//! findings, a confirmation, the key's password (or a new key), and the final screen. Also the offer to
//! continue a resumed draft whose checklist changed. The work itself (key derivation, writing the result,
//! archiving the draft, reports) happens in the runner through effects; nothing here touches a file.

use std::path::PathBuf;

use ratatui_textarea::{CursorMove, TextArea};

use super::app::{App, Effect, Screen, field_text, text_field};
use super::keymap::Action;
use super::strings::S;
use crate::audit::draft::Resumed;
use crate::sign::KeyInfo;
use crate::signoff::{Signed, Signer, default_statement};
use crate::text::sanitize_line;

/// A password. Never printed: `Debug` shows stars, and the view shows only the mask.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// What the sign-off screen hands the runner to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignRequest {
    /// The audit to sign (the runner checks it is the one running).
    pub audit_id: String,
    pub signer: Signer,
    pub password: Secret,
}

/// The signing key as the runner found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyState {
    /// The keys folder (where a new key goes).
    pub dir: PathBuf,
    /// The id of the existing key pair; None when there is none yet.
    pub key_id: Option<String>,
    /// The public key file.
    pub public: PathBuf,
}

/// A finished sign-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedOff {
    pub signed: Signed,
    /// The public key that verifies it.
    pub public_key: PathBuf,
    /// Where the draft was archived, or why it was not.
    pub archived: Result<PathBuf, String>,
}

/// Why signing did not happen; the screen decides what to offer next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignFailure {
    /// Ask for the password again.
    WrongPassword(String),
    /// The key is gone: offer to create one.
    NoKey(String),
    /// The signer's name is empty.
    NoName,
    /// Anything else (a folder not writable, …), with the message.
    Other(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignStep {
    /// Signer's name, role and statement, with the warning.
    Form,
    /// "Sign off now?"
    Confirm,
    /// No key yet: a new password twice.
    NewKey,
    /// The key's password.
    Password,
    /// Where the result went; reports; back to the start or quit.
    Done,
}

/// The sign-off form's fields.
pub const NAME: usize = 0;
pub const ROLE: usize = 1;
pub const STATEMENT: usize = 2;

/// Rows of the final screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoneRow {
    Reports,
    Start,
    Quit,
}

pub const DONE_ROWS: [DoneRow; 3] = [DoneRow::Reports, DoneRow::Start, DoneRow::Quit];

#[derive(Debug, Clone)]
pub struct SignOffUi {
    pub step: SignStep,
    /// Name, role, statement.
    pub fields: [TextArea<'static>; 3],
    pub focus: usize,
    /// The auditor tried to go on without a name.
    pub tried: bool,
    pub password: TextArea<'static>,
    /// The new key's password, twice.
    pub new_password: [TextArea<'static>; 2],
    pub new_focus: usize,
    /// The last failure, shown on the current step.
    pub error: Option<String>,
    /// None until the runner has looked.
    pub key: Option<KeyState>,
    /// The key created on this screen.
    pub created: Option<KeyInfo>,
    /// An effect is running (key derivation takes a moment): keys are ignored, the screen says so.
    pub busy: bool,
    /// Open required questions and findings when the screen opened (for the warning).
    pub open: usize,
    pub findings: usize,
    pub signed: Option<SignedOff>,
    pub done_sel: usize,
    pub reports: Option<Result<Vec<PathBuf>, String>>,
}

fn secret_field() -> TextArea<'static> {
    let mut t = text_field("", false);
    t.set_mask_char('•');
    t
}

impl SignOffUi {
    pub fn new() -> SignOffUi {
        SignOffUi {
            step: SignStep::Form,
            fields: [
                text_field("", false),
                text_field("", false),
                text_field("", true),
            ],
            focus: NAME,
            tried: false,
            password: secret_field(),
            new_password: [secret_field(), secret_field()],
            new_focus: 0,
            error: None,
            key: None,
            created: None,
            busy: false,
            open: 0,
            findings: 0,
            signed: None,
            done_sel: 0,
            reports: None,
        }
    }

    pub fn name(&self) -> String {
        field_text(&self.fields[NAME]).trim().to_string()
    }

    /// The field that takes typed characters on the current step.
    pub(super) fn typing_field(&mut self) -> Option<(&mut TextArea<'static>, bool)> {
        if self.busy {
            return None;
        }
        match self.step {
            SignStep::Form => Some((&mut self.fields[self.focus], self.focus == STATEMENT)),
            SignStep::NewKey => Some((&mut self.new_password[self.new_focus], false)),
            SignStep::Password => Some((&mut self.password, false)),
            SignStep::Confirm | SignStep::Done => None,
        }
    }

    fn clear_passwords(&mut self) {
        self.password = secret_field();
        self.new_password = [secret_field(), secret_field()];
        self.new_focus = 0;
    }
}

impl Default for SignOffUi {
    fn default() -> Self {
        SignOffUi::new()
    }
}

/// What changed in the checklist of a draft being resumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub checklist_id: String,
    pub old_version: String,
    pub new_version: String,
    /// Answer key and why it no longer fits.
    pub dropped: Vec<(String, String)>,
}

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
        ui.fields[NAME] = text_field(a.draft.meta.auditor.trim(), false);
        ui.fields[STATEMENT] = text_field(default_statement(self.lang), true);
        ui.fields[STATEMENT].move_cursor(CursorMove::Top);
        ui.open = a.session.open_required().count();
        // Root causes, as the review (which the sign-off is opened from) counts them.
        ui.findings = match &self.review_outcome {
            Some(o) => o.counts.total(),
            None => super::review::outcome(self).map_or(0, |o| o.counts.total()),
        };
        ui.key = self.sign.key.clone();
        self.sign = ui;
        self.screen = Screen::SignOff;
        vec![Effect::FindKey]
    }

    pub(super) fn sign_action(&mut self, action: Action) -> Vec<Effect> {
        if self.sign.busy {
            return vec![];
        }
        match self.sign.step {
            SignStep::Form => self.form_action(action),
            SignStep::Confirm => match action {
                Action::Yes => {
                    self.sign.error = None;
                    self.sign.step = match &self.sign.key {
                        Some(KeyState { key_id: None, .. }) => SignStep::NewKey,
                        _ => SignStep::Password,
                    };
                    vec![]
                }
                _ => {
                    self.sign.step = SignStep::Form;
                    vec![]
                }
            },
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
            Action::Back => self.open_review(),
            _ => {}
        }
        vec![]
    }

    fn new_key_action(&mut self, action: Action) -> Vec<Effect> {
        let ui = &mut self.sign;
        match action {
            Action::NextField | Action::PrevField => ui.new_focus = 1 - ui.new_focus,
            Action::Confirm if ui.new_focus == 0 => ui.new_focus = 1,
            Action::Confirm => {
                let first = field_text(&ui.new_password[0]);
                let second = field_text(&ui.new_password[1]);
                if first.is_empty() {
                    ui.error = Some(S::PasswordEmpty.get(self.lang).to_string());
                    ui.clear_passwords();
                } else if first != second {
                    ui.error = Some(S::PasswordsDiffer.get(self.lang).to_string());
                    ui.clear_passwords();
                } else {
                    ui.error = None;
                    ui.busy = true;
                    ui.clear_passwords();
                    return vec![Effect::CreateKey(Secret::new(first))];
                }
            }
            Action::Back => {
                ui.clear_passwords();
                ui.error = None;
                ui.step = SignStep::Form;
            }
            _ => {}
        }
        vec![]
    }

    fn password_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Confirm => {
                let password = field_text(&self.sign.password);
                if password.is_empty() {
                    self.sign.error = Some(self.t(S::PasswordEmpty).to_string());
                    return vec![];
                }
                let Some(a) = &self.audit else {
                    return vec![];
                };
                let ui = &mut self.sign;
                let request = SignRequest {
                    audit_id: a.draft.audit_id.clone(),
                    signer: Signer {
                        name: ui.name(),
                        role: field_text(&ui.fields[ROLE]).trim().to_string(),
                        statement: field_text(&ui.fields[STATEMENT]).trim().to_string(),
                    },
                    password: Secret::new(password),
                };
                ui.clear_passwords();
                ui.error = None;
                ui.busy = true;
                // The draft is saved first, so that the result and the draft agree to the last answer.
                vec![Effect::SaveDraft, Effect::SignOff(Box::new(request))]
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
                ui.step = SignStep::Password;
            }
            Err(e) => ui.error = Some(sanitize_line(&e).into_owned()),
        }
        vec![]
    }

    pub(super) fn signed_off(&mut self, r: Result<Box<SignedOff>, SignFailure>) -> Vec<Effect> {
        let ui = &mut self.sign;
        ui.busy = false;
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

/// The command that checks a result, with paths quoted when they need it.
pub fn verify_command(result: &std::path::Path, public: &std::path::Path) -> String {
    fn quote(p: &std::path::Path) -> String {
        let s = p.display().to_string();
        if s.chars()
            .all(|c| c.is_alphanumeric() || "/\\:._-+@".contains(c))
        {
            s
        } else {
            format!("\"{s}\"")
        }
    }
    format!(
        "msgaudit verify {} --pubkey {}",
        quote(result),
        quote(public)
    )
}
