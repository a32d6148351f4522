//! Sign-off: turn a finished session into its result file, sign the exact bytes with the auditor's key,
//! and write both next to each other, once. Shared by the TUI and plain mode.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::audit::Session;
use crate::audit::draft::Draft;
use crate::audit::result::{ResultFile, SignOff};
use crate::sign::{self, PublicKey, SignError};
use crate::store::atomic::write_new_pair;
use crate::store::fsops::{Fs, RealFs};
use crate::store::{PathsError, WriteError, create_private_dir};

mod settle;
#[cfg(test)]
mod tests;

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
    /// The folder of the result's evidence copies, when it has evidence (`<result name>.evidence`).
    pub evidence: Option<PathBuf>,
}

/// The folders a sign-off works with.
#[derive(Debug, Clone, Copy)]
pub struct Dirs<'a> {
    /// The signing key pair.
    pub keys: &'a Path,
    /// Where the result goes.
    pub results: &'a Path,
    /// The draft's evidence folder (`crate::evidence::draft_folder`); needed when it has evidence.
    pub evidence: Option<&'a Path>,
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
    #[error(
        "this audit was signed off before: {path} ({reason}); it is left as it is. Move it away \
         to sign off again, or start an amendment of the signed result"
    )]
    SignedBefore { path: PathBuf, reason: String },
    #[error(transparent)]
    Evidence(#[from] crate::evidence::EvidenceError),
    #[error("this audit has evidence files, but their folder was not given to sign-off")]
    NoEvidenceFolder,
    #[error("cannot tidy up {path} from an interrupted sign-off: {source}")]
    Tidy {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The default sign-off statement in the audit's language.
pub fn default_statement(lang: crate::lang::Lang) -> &'static str {
    match lang {
        crate::lang::Lang::De => {
            "Ich bestätige, dass die Antworten dieser Prüfung nach bestem Wissen erhoben wurden und den \
             Stand zum Zeitpunkt des Abzeichnens wiedergeben."
        }
        crate::lang::Lang::En => {
            "I confirm that the answers of this audit were collected to the best of my knowledge and \
             reflect the state at the time of signing."
        }
    }
}

/// `<organisation>-<date>-<audit id>.result.toml`, with the organisation reduced to safe file-name characters.
/// The date is the audit's (the day it was held, as the auditor gave it), else the day of signing (UTC).
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
    let date = draft
        .meta
        .audit_date
        .unwrap_or_else(|| now.to_zoned(jiff::tz::TimeZone::UTC).date());
    format!("{slug}-{date}-{}.result.toml", draft.audit_id)
}

/// What a result's trusted comment starts with, before its fields.
pub const COMMENT_KIND: &str = "msgaudit result ";

/// The fields of a result's trusted comment, in order, as `name:value`: the audit, the checklist,
/// the signer and the time of signing. `verify` compares each of them with the result file.
pub fn trusted_comment_fields(result: &ResultFile) -> [(&'static str, String); 4] {
    // Single line and printable: minisign keeps the trusted comment on one line of the .minisig.
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    [
        ("audit", result.audit_id.clone()),
        (
            "checklist",
            format!(
                "{}@{}",
                clean(&result.checklist.id),
                clean(&result.checklist.version)
            ),
        ),
        ("signer", clean(&result.signoff.name)),
        ("signed", result.signoff.signed_at.to_string()),
    ]
}

/// The signature's trusted comment: names the audit, the checklist and the signer (single line, printable).
pub fn trusted_comment(result: &ResultFile) -> String {
    let fields: Vec<String> = trusted_comment_fields(result)
        .iter()
        .map(|(name, value)| format!("{name}:{value}"))
        .collect();
    format!("{COMMENT_KIND}{}", fields.join(" "))
}

/// Build, sign and write the result of `session`. Nothing is written unless signing succeeded
/// and the fresh signature verifies with the public key beside the secret key.
///
/// Both-or-neither: the signature and the result are written as a pair, the result last (see
/// [`crate::store::atomic`]). An earlier sign-off of the same audit that was interrupted is
/// recognised first: a complete, valid pair of this audit means the audit is signed already and
/// its paths are returned (so the caller archives the draft); a result without its signature, a
/// signature without its result and leftover temp files are removed and written anew.
pub fn sign_off(
    session: &Session,
    draft: &Draft,
    signer: &Signer,
    password: &str,
    keys_dir: &Path,
    results_dir: &Path,
    now: Timestamp,
) -> Result<Signed, SignOffError> {
    let dirs = Dirs {
        keys: keys_dir,
        results: results_dir,
        evidence: None,
    };
    sign_off_with(session, draft, signer, password, &dirs, now)
}

/// [`sign_off`] with the draft's evidence folder: the evidence copies are carried, checked against
/// their SHA-256, to `<result name>.evidence` beside the result before the result is written (and
/// removed again if writing it fails), so a result is never seen without its evidence.
pub fn sign_off_with(
    session: &Session,
    draft: &Draft,
    signer: &Signer,
    password: &str,
    dirs: &Dirs<'_>,
    now: Timestamp,
) -> Result<Signed, SignOffError> {
    if !draft.evidence.is_empty() && dirs.evidence.is_none() {
        return Err(SignOffError::NoEvidenceFolder);
    }
    let mut prepared = prepare(session, draft, signer, password, dirs.keys, now)?;
    prepared.evidence_from = dirs.evidence.map(Path::to_path_buf);
    commit(&RealFs, &prepared, dirs.results)
}

/// A result signed in memory, not written yet.
struct Prepared {
    name: String,
    audit_id: String,
    bytes: String,
    signature: String,
    public_key: PublicKey,
    /// The answers as signed, to tell an earlier signed result of the same state from one of
    /// an audit that was changed afterwards.
    answers: (toml::Table, toml::Table),
    /// The evidence as signed, and the draft's folder its copies are in.
    evidence: Vec<crate::audit::evidence::Evidence>,
    evidence_from: Option<PathBuf>,
}

fn prepare(
    session: &Session,
    draft: &Draft,
    signer: &Signer,
    password: &str,
    keys_dir: &Path,
    now: Timestamp,
) -> Result<Prepared, SignOffError> {
    if signer.name.trim().is_empty() {
        return Err(SignOffError::NoName);
    }
    // A keygen interrupted half-way is finished (or undone) before the pair is used.
    sign::recover_pair(keys_dir)?;
    let secret = sign::secret_key_path(keys_dir);
    let public = sign::public_key_path(keys_dir);
    if !secret.is_file() || !public.is_file() {
        return Err(SignOffError::NoKey {
            dir: keys_dir.to_path_buf(),
        });
    }
    let public_key = PublicKey::from_file(&public)?;
    let key_id = public_key.key_id();
    let signoff = SignOff {
        name: signer.name.trim().to_string(),
        role: signer.role.trim().to_string(),
        statement: signer.statement.trim().to_string(),
        signed_at: now,
        key_id,
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
    // The result names this public key; a secret key of another pair would sign results that
    // never verify, so that is found out here, before anything is written.
    if sign::verify(bytes.as_bytes(), &signature, &public_key).is_err() {
        return Err(SignOffError::Sign(SignError::PairMismatch {
            secret,
            public,
        }));
    }
    Ok(Prepared {
        name,
        audit_id: result.audit_id,
        bytes,
        signature,
        public_key,
        answers: (result.answers, result.hidden_answers),
        evidence: result.evidence,
        evidence_from: None,
    })
}

fn commit(fs: &dyn Fs, prepared: &Prepared, results_dir: &Path) -> Result<Signed, SignOffError> {
    create_private_dir(results_dir)?;
    let key_id = prepared.public_key.key_id();
    let has_evidence = !prepared.evidence.is_empty();
    if let Some((result, signature)) = settle::earlier(fs, prepared, results_dir)? {
        let evidence = has_evidence.then(|| crate::evidence::result_folder(&result));
        return Ok(Signed {
            result,
            signature,
            key_id,
            evidence,
        });
    }
    let result_path = results_dir.join(&prepared.name);
    let sig_path = results_dir.join(format!("{}.minisig", prepared.name));
    // Evidence first, the pair last: whoever sees the result sees its evidence complete beside it.
    let evidence = match &prepared.evidence_from {
        Some(from) => crate::evidence::carry(
            fs,
            from,
            &prepared.evidence,
            results_dir,
            &crate::evidence::result_stem(&result_path),
        )?,
        None => None,
    };
    if let Err(e) = write_new_pair(
        fs,
        (&result_path, prepared.bytes.as_bytes()),
        (&sig_path, prepared.signature.as_bytes()),
    ) {
        if let Some(dir) = &evidence {
            // Best effort: alone it is an orphan, which the next sign-off removes.
            let _ = fs.remove_dir_all(dir);
        }
        return Err(e.into());
    }
    Ok(Signed {
        result: result_path,
        signature: sig_path,
        key_id,
        evidence,
    })
}
