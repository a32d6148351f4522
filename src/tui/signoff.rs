//! The sign-off screen's state and keys: signer and statement, the warning about open questions and
//! findings, a confirmation, the key's password (or a new key), and the final screen. Also the offer to
//! continue a resumed draft whose checklist changed. The work itself (key derivation, writing the result,
//! archiving the draft, reports) happens in the runner through effects; nothing here touches a file.

use std::path::PathBuf;

use ratatui_textarea::TextArea;

use super::fields::{field_text, text_field};
use crate::audit::draft::SignOffForm;
use crate::sign::KeyInfo;
use crate::signoff::{Signed, Signer};

/// A password. Never printed: `Debug` shows stars, and the view shows only the mask; its memory is
/// overwritten with zeros when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(zeroize::Zeroizing<String>);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(zeroize::Zeroizing::new(s.into()))
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
    /// The new key's password, kept from its creation to the sign-off that follows (so it is typed
    /// twice, not three times); zeroised when dropped.
    pub kept: Option<Secret>,
    /// An effect is running (key derivation takes a moment): keys are ignored, the screen says so.
    pub busy: bool,
    /// Open required questions and findings when the screen opened (for the warning).
    pub open: usize,
    pub findings: usize,
    pub signed: Option<SignedOff>,
    pub done_sel: usize,
    pub reports: Option<Result<Vec<PathBuf>, String>>,
}

pub(super) fn secret_field() -> TextArea<'static> {
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
            kept: None,
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

    /// Name, role and statement as typed, to keep with the draft.
    pub fn form(&self) -> SignOffForm {
        SignOffForm {
            name: field_text(&self.fields[NAME]),
            role: field_text(&self.fields[ROLE]),
            statement: field_text(&self.fields[STATEMENT]),
        }
    }

    pub(super) fn signer(&self) -> Signer {
        Signer {
            name: self.name(),
            role: field_text(&self.fields[ROLE]).trim().to_string(),
            statement: field_text(&self.fields[STATEMENT]).trim().to_string(),
        }
    }

    pub(super) fn clear_passwords(&mut self) {
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
    pub dropped: Vec<(String, crate::i18n::Text)>,
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
