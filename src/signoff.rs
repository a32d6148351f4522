//! Sign-off: turn a finished session into its result file, sign the exact bytes with the auditor's key,
//! and write both next to each other, once. Shared by the TUI and plain mode.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::audit::Session;
use crate::audit::draft::Draft;
use crate::audit::result::{ResultFile, SignOff};
use crate::sign::{self, PublicKey, SignError};
use crate::store::{PathsError, WriteError, create_private_dir, write_new};

/// Who signs, and what they declare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub name: String,
    pub role: String,
    pub statement: String,
}

/// Where a signed result went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub result: PathBuf,
    pub signature: PathBuf,
    pub key_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SignOffError {
    #[error("the signer's name is empty; enter the name of the person signing off")]
    NoName,
    #[error(
        "no signing key in {dir}; create one with `msgaudit keygen` (or from the sign-off screen)"
    )]
    NoKey { dir: PathBuf },
    #[error(transparent)]
    Sign(#[from] SignError),
    #[error(transparent)]
    Folder(#[from] PathsError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot write the result: {0}")]
    Serialize(#[from] toml::ser::Error),
}

/// The default sign-off statement in the audit's language.
pub fn default_statement(lang: crate::lang::Lang) -> &'static str {
    match lang {
        crate::lang::Lang::De => {
            "Ich bestätige, dass die Antworten dieser Prüfung nach bestem Wissen erhoben wurden und den \
             Stand zum Zeitpunkt der Unterzeichnung wiedergeben."
        }
        crate::lang::Lang::En => {
            "I confirm that the answers of this audit were collected to the best of my knowledge and \
             reflect the state at the time of signing."
        }
    }
}

/// `<organisation>-<date>-<audit id>.result.toml`, with the organisation reduced to safe file-name characters.
pub fn result_file_name(draft: &Draft, now: Timestamp) -> String {
    let mut slug = String::new();
    for c in draft.meta.organisation.trim().chars() {
        let c = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "-",
        };
        slug.push_str(c);
    }
    let slug: String = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "audit".to_string()
    } else {
        slug.chars().take(48).collect()
    };
    let date = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    format!("{slug}-{date}-{}.result.toml", draft.audit_id)
}

/// The signature's trusted comment: names the audit, the checklist and the signer (single line, printable).
pub fn trusted_comment(result: &ResultFile) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "msgaudit result audit:{} checklist:{}@{} signer:{} signed:{}",
        result.audit_id,
        clean(&result.checklist.id),
        clean(&result.checklist.version),
        clean(&result.signoff.name),
        result.signoff.signed_at
    )
}

/// Build, sign and write the result of `session`. Nothing is written unless signing succeeded.
pub fn sign_off(
    session: &Session,
    draft: &Draft,
    signer: &Signer,
    password: &str,
    keys_dir: &Path,
    results_dir: &Path,
    now: Timestamp,
) -> Result<Signed, SignOffError> {
    if signer.name.trim().is_empty() {
        return Err(SignOffError::NoName);
    }
    let secret = sign::secret_key_path(keys_dir);
    let public = sign::public_key_path(keys_dir);
    if !secret.is_file() || !public.is_file() {
        return Err(SignOffError::NoKey {
            dir: keys_dir.to_path_buf(),
        });
    }
    let key_id = PublicKey::from_file(&public)?.key_id();
    let signoff = SignOff {
        name: signer.name.trim().to_string(),
        role: signer.role.trim().to_string(),
        statement: signer.statement.trim().to_string(),
        signed_at: now,
        key_id: key_id.clone(),
    };
    let result = ResultFile::build(session, draft, signoff, now);
    let bytes = result.to_toml()?;
    let name = result_file_name(draft, now);
    let signature = sign::sign(
        bytes.as_bytes(),
        &secret,
        password,
        &trusted_comment(&result),
        &format!("signature of {name} (msgaudit)"),
    )?;
    create_private_dir(results_dir)?;
    let result_path = results_dir.join(&name);
    let sig_path = results_dir.join(format!("{name}.minisig"));
    write_new(&result_path, bytes.as_bytes())?;
    write_new(&sig_path, signature.as_bytes())?;
    Ok(Signed {
        result: result_path,
        signature: sig_path,
        key_id,
    })
}
