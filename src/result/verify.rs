//! `msgaudit verify RESULT`: is this result file exactly what its signer signed, and are its findings and
//! summary what the engine derives from its answers? Also the verification state every report opens with.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::audit::result::ResultFile;
use crate::catalog::{self, Origin};
use crate::checklist::load::MAX_FILE_BYTES;
use crate::i18n::{Lang, T};
use crate::sign::{self, PublicKey};
use crate::store::Paths;

/// Where to find keys and checklists.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// An explicit public key file (`--pubkey`).
    pub pubkey: Option<PathBuf>,
    /// The user's folders: own key, trusted keys, own checklists.
    pub paths: Option<Paths>,
    /// Folders to look for the result's checklist in.
    pub checklist_dirs: Vec<(Origin, PathBuf)>,
}

/// The outcome for one result file.
#[derive(Debug, Clone)]
pub struct Verification {
    pub path: PathBuf,
    /// The parsed result, when the file could be read as one (also when it is not valid).
    pub result: Option<ResultFile>,
    pub state: State,
    /// Remarks that do not make the result invalid (e.g. its checklist version is not available here).
    pub notes: Vec<Note>,
}

/// Which of the two files of a signed result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Result,
    Signature,
}

impl FileRole {
    fn word(self) -> T {
        match self {
            FileRole::Result => T::new("die Ergebnisdatei", "the result"),
            FileRole::Signature => T::new("die Signatur", "the signature"),
        }
    }
}

/// Why a result is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    CannotRead {
        file: FileRole,
        path: PathBuf,
        error: String,
    },
    TooLarge {
        file: FileRole,
        path: PathBuf,
    },
    NotText {
        file: FileRole,
        path: PathBuf,
    },
    /// The public key named with `--pubkey`, or the key id in the signature, cannot be used.
    Key(String),
    /// The signature was made with a key that is neither the user's own nor a trusted one.
    UnknownKey {
        key_id: String,
        trusted_dir: Option<PathBuf>,
    },
    /// The signature does not hold for these bytes (the file was changed, or another key signed).
    Signature(String),
    NotAResult(String),
    KeyIdMismatch {
        named: String,
        signed: String,
    },
    OtherAudit,
    /// The stored outcome is not what the answers give.
    Outcome(String),
}

impl Reason {
    /// The reason in words, in `lang`. Texts from the signature library are quoted as they are.
    pub fn text(&self, lang: Lang) -> String {
        let path = |p: &Path| p.display().to_string();
        match self {
            Reason::CannotRead { file, path: p, error } => T::new(
                "{0} {1} kann nicht gelesen werden: {2}",
                "cannot read {0} {1}: {2}",
            )
            .fill(lang, &[file.word().get(lang), &path(p), error]),
            Reason::TooLarge { file, path: p } => T::new(
                "{0} {1} ist zu groß für eine msgaudit-Datei",
                "{0} {1} is too large to be a msgaudit file",
            )
            .fill(lang, &[file.word().get(lang), &path(p)]),
            Reason::NotText { file, path: p } => {
                let base = T::new("{0} {1} ist kein Text", "{0} {1} is not text")
                    .fill(lang, &[file.word().get(lang), &path(p)]);
                if *file == FileRole::Signature {
                    format!("{base}{}", NEEDS_SIG.get(lang))
                } else {
                    base
                }
            }
            Reason::Key(e) => e.clone(),
            Reason::UnknownKey {
                key_id,
                trusted_dir: None,
            } => T::new(
                "die Signatur wurde mit Schlüssel {0} erstellt; nennen Sie dessen öffentlichen Schlüssel mit --pubkey",
                "the signature was made with key {0}; name its public key with --pubkey",
            )
            .fill(lang, &[key_id]),
            Reason::UnknownKey {
                key_id,
                trusted_dir: Some(dir),
            } => T::new(
                "die Signatur wurde mit Schlüssel {0} erstellt, der weder Ihr eigener ist noch in {1} liegt; legen Sie die .pub-Datei der abzeichnenden Person dort ab oder nennen Sie sie mit --pubkey",
                "the signature was made with key {0}, which is neither your own key nor in {1}; put the signer's .pub file there or name it with --pubkey",
            )
            .fill(lang, &[key_id, &path(dir)]),
            Reason::Signature(e) => e.clone(),
            Reason::NotAResult(e) => T::new(
                "die signierte Datei ist kein gültiges msgaudit-Ergebnis: {0}",
                "the signed file is not a valid msgaudit result: {0}",
            )
            .fill(lang, &[e]),
            Reason::KeyIdMismatch { named, signed } => T::new(
                "die Abzeichnung nennt Schlüssel {0}, die Datei wurde aber mit Schlüssel {1} signiert",
                "the sign-off names key {0} but the file was signed with key {1}",
            )
            .fill(lang, &[named, signed]),
            Reason::OtherAudit => T::new(
                "der vertrauenswürdige Kommentar der Signatur nennt eine andere Prüfung",
                "the signature's trusted comment names a different audit",
            )
            .get(lang)
            .to_string(),
            Reason::Outcome(m) => T::new(
                "das gespeicherte Ergebnis folgt nicht aus den Antworten: {0}",
                "the stored outcome does not follow from the answers: {0}",
            )
            .fill(lang, &[m]),
        }
    }
}

const NEEDS_SIG: T = T::new(
    "; ein Ergebnis lässt sich nur mit seiner .minisig-Datei prüfen",
    "; a result can only be verified with its .minisig file",
);

/// A remark on a valid result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The checklist version the result names is not available, so the outcome was not re-derived.
    ChecklistUnavailable {
        id: String,
        version: String,
        sha256: String,
        known: Vec<String>,
    },
}

impl Note {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::ChecklistUnavailable {
                id,
                version,
                sha256,
                known,
            } => {
                // The hash is shown shortened; it may hold any characters in a hostile file.
                let short: String = sha256.chars().take(12).collect();
                let mut s = T::new(
                    "Checkliste {0}@{1} (sha256 {2}) ist hier nicht verfügbar",
                    "checklist {0}@{1} (sha256 {2}) is not available here",
                )
                .fill(lang, &[id, version, &short]);
                if !known.is_empty() {
                    s.push_str(
                        &T::new(" (bekannte Versionen: {0})", " (known versions: {0})")
                            .fill(lang, &[&known.join(", ")]),
                    );
                }
                s.push_str(
                    T::new(
                        "; Befunde und Zusammenfassung wurden nicht neu abgeleitet",
                        "; findings and summary were not re-derived",
                    )
                    .get(lang),
                );
                s
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Valid {
        signer: String,
        role: String,
        signed_at: Timestamp,
        key_id: String,
    },
    Invalid {
        reason: Reason,
    },
}

impl Verification {
    pub fn is_valid(&self) -> bool {
        matches!(self.state, State::Valid { .. })
    }

    /// How complete the signed audit is: the stored outcome's completeness (format 2), or what the
    /// summary of a format-1 result says. None when the file could not be read as a result.
    pub fn completeness(&self) -> Option<crate::audit::Completeness> {
        let r = self.result.as_ref()?;
        Some(match &r.outcome {
            Some(o) => o.completeness,
            None => crate::audit::Completeness {
                answered: r.summary.answered,
                required: r.summary.required,
                complete: r.summary.open_required.is_empty(),
            },
        })
    }

    /// One line in `lang`: "valid, signed by … on …" or "INVALID: reason".
    pub fn line(&self, lang: Lang) -> String {
        match &self.state {
            State::Valid {
                signer,
                role,
                signed_at,
                key_id,
            } => {
                let who = if role.is_empty() {
                    signer.clone()
                } else {
                    format!("{signer} ({role})")
                };
                let when = signed_at
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .strftime("%Y-%m-%d %H:%M UTC");
                T::new(
                    "gültig, signiert von {0} am {1} mit Schlüssel {2}",
                    "valid, signed by {0} on {1} with key {2}",
                )
                .fill(lang, &[&who, &when.to_string(), key_id])
            }
            State::Invalid { reason } => {
                format!(
                    "{}: {}",
                    T::new("UNGÜLTIG", "INVALID").get(lang),
                    reason.text(lang)
                )
            }
        }
    }
}

/// The signature file that belongs to a result.
pub fn signature_path(result: &Path) -> PathBuf {
    let mut name = result.as_os_str().to_os_string();
    name.push(".minisig");
    PathBuf::from(name)
}

fn read_limited(path: &Path, file: FileRole) -> Result<Vec<u8>, Reason> {
    // One bounded reader: regular files only (a FIFO or device never hangs `verify`), size-limited.
    crate::store::read_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::store::ReadError::TooLarge { .. } => Reason::TooLarge {
            file,
            path: path.to_path_buf(),
        },
        crate::store::ReadError::Io { source, .. } => Reason::CannotRead {
            file,
            path: path.to_path_buf(),
            error: source.to_string(),
        },
        other => Reason::CannotRead {
            file,
            path: path.to_path_buf(),
            error: other.to_string(),
        },
    })
}

fn find_key(sig: &str, opts: &Options) -> Result<PublicKey, Reason> {
    if let Some(p) = &opts.pubkey {
        return PublicKey::from_file(p).map_err(|e| Reason::Key(e.to_string()));
    }
    let key_id = sign::signature_key_id(sig).map_err(|e| Reason::Key(e.to_string()))?;
    let Some(paths) = &opts.paths else {
        return Err(Reason::UnknownKey {
            key_id,
            trusted_dir: None,
        });
    };
    let own = sign::public_key_path(&paths.keys_dir());
    if let Ok(k) = PublicKey::from_file(&own)
        && k.key_id() == key_id
    {
        return Ok(k);
    }
    let trusted = paths.trusted_keys_dir();
    PublicKey::find_in_dir(&trusted, &key_id).map_err(|_| Reason::UnknownKey {
        key_id,
        trusted_dir: Some(trusted),
    })
}

/// Verify one result file.
pub fn verify(path: &Path, opts: &Options) -> Verification {
    let mut v = Verification {
        path: path.to_path_buf(),
        result: None,
        state: State::Invalid {
            reason: Reason::OtherAudit,
        },
        notes: Vec::new(),
    };
    let invalid = |mut v: Verification, reason: Reason| {
        v.state = State::Invalid { reason };
        v
    };
    let bytes = match read_limited(path, FileRole::Result) {
        Ok(b) => b,
        Err(e) => return invalid(v, e),
    };
    // Parse first only to show what we can of an invalid file; validity comes from the signature alone.
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|_| "the result is not UTF-8 text".to_string())
        .and_then(ResultFile::from_toml);
    v.result = parsed.as_ref().ok().cloned();
    let sig_path = signature_path(path);
    let sig = match read_limited(&sig_path, FileRole::Signature).and_then(|b| {
        String::from_utf8(b).map_err(|_| Reason::NotText {
            file: FileRole::Signature,
            path: sig_path.clone(),
        })
    }) {
        Ok(s) => s,
        Err(e) => return invalid(v, e),
    };
    let key = match find_key(&sig, opts) {
        Ok(k) => k,
        Err(e) => return invalid(v, e),
    };
    let verified = match sign::verify(&bytes, &sig, &key) {
        Ok(x) => x,
        Err(e) => return invalid(v, Reason::Signature(e.to_string())),
    };
    let result = match parsed {
        Ok(r) => r,
        Err(e) => {
            return invalid(v, Reason::NotAResult(e));
        }
    };
    if result.signoff.key_id != verified.key_id {
        return invalid(
            v,
            Reason::KeyIdMismatch {
                named: result.signoff.key_id.clone(),
                signed: verified.key_id,
            },
        );
    }
    if !verified
        .trusted_comment
        .contains(&format!("audit:{} ", result.audit_id))
    {
        return invalid(v, Reason::OtherAudit);
    }
    let (found, others) = catalog::find(
        &opts.checklist_dirs,
        &result.checklist.id,
        &result.checklist.sha256,
    );
    match found {
        Some(c) => {
            let mismatches = result.rederive(c);
            if let Some(m) = mismatches.first() {
                return invalid(v, Reason::Outcome(m.0.clone()));
            }
        }
        None => v.notes.push(Note::ChecklistUnavailable {
            id: result.checklist.id.clone(),
            version: result.checklist.version.clone(),
            sha256: result.checklist.sha256.clone(),
            known: others,
        }),
    }
    v.state = State::Valid {
        signer: result.signoff.name.clone(),
        role: result.signoff.role.clone(),
        signed_at: result.signoff.signed_at,
        key_id: verified.key_id,
    };
    v
}
