//! `msgaudit verify RESULT`: is this result file exactly what its signer signed, and are its findings and
//! summary what the engine derives from its answers? Also the verification state every report opens with.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::audit::result::ResultFile;
use crate::catalog::{self, Origin};
use crate::checklist::load::MAX_FILE_BYTES;
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
    pub notes: Vec<String>,
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
        reason: String,
    },
}

impl Verification {
    pub fn is_valid(&self) -> bool {
        matches!(self.state, State::Valid { .. })
    }

    /// One line: "valid, signed by … on …" or "INVALID: reason".
    pub fn line(&self) -> String {
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
                format!("valid, signed by {who} on {when} with key {key_id}")
            }
            State::Invalid { reason } => format!("INVALID: {reason}"),
        }
    }
}

/// The signature file that belongs to a result.
pub fn signature_path(result: &Path) -> PathBuf {
    let mut name = result.as_os_str().to_os_string();
    name.push(".minisig");
    PathBuf::from(name)
}

fn read_limited(path: &Path, what: &str) -> Result<Vec<u8>, String> {
    crate::store::read_bounded(path, MAX_FILE_BYTES)
        .map_err(|e| format!("cannot read the {what}: {e}"))
}

fn find_key(sig: &str, opts: &Options) -> Result<PublicKey, String> {
    if let Some(p) = &opts.pubkey {
        return PublicKey::from_file(p).map_err(|e| e.to_string());
    }
    let key_id = sign::signature_key_id(sig).map_err(|e| e.to_string())?;
    let Some(paths) = &opts.paths else {
        return Err(format!(
            "the signature was made with key {key_id}; name its public key with --pubkey"
        ));
    };
    let own = sign::public_key_path(&paths.keys_dir());
    if let Ok(k) = PublicKey::from_file(&own)
        && k.key_id() == key_id
    {
        return Ok(k);
    }
    let trusted = paths.trusted_keys_dir();
    PublicKey::find_in_dir(&trusted, &key_id).map_err(|_| {
        format!(
            "the signature was made with key {key_id}, which is neither your own key nor in {}; \
             put the signer's .pub file there or name it with --pubkey",
            trusted.display()
        )
    })
}

/// Verify one result file.
pub fn verify(path: &Path, opts: &Options) -> Verification {
    let mut v = Verification {
        path: path.to_path_buf(),
        result: None,
        state: State::Invalid {
            reason: String::new(),
        },
        notes: Vec::new(),
    };
    let invalid = |mut v: Verification, reason: String| {
        v.state = State::Invalid { reason };
        v
    };
    let bytes = match read_limited(path, "result") {
        Ok(b) => b,
        Err(e) => return invalid(v, e),
    };
    // Parse first only to show what we can of an invalid file; validity comes from the signature alone.
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|_| "the result is not UTF-8 text".to_string())
        .and_then(ResultFile::from_toml);
    v.result = parsed.as_ref().ok().cloned();
    let sig_path = signature_path(path);
    let sig = match read_limited(&sig_path, "signature").and_then(|b| {
        String::from_utf8(b)
            .map_err(|_| format!("the signature {} is not text", sig_path.display()))
    }) {
        Ok(s) => s,
        Err(e) => {
            return invalid(
                v,
                format!("{e}; a result can only be verified with its .minisig file"),
            );
        }
    };
    let key = match find_key(&sig, opts) {
        Ok(k) => k,
        Err(e) => return invalid(v, e),
    };
    let verified = match sign::verify(&bytes, &sig, &key) {
        Ok(x) => x,
        Err(e) => return invalid(v, e.to_string()),
    };
    let result = match parsed {
        Ok(r) => r,
        Err(e) => {
            return invalid(
                v,
                format!("the signed file is not a valid msgaudit result: {e}"),
            );
        }
    };
    if result.signoff.key_id != verified.key_id {
        return invalid(
            v,
            format!(
                "the sign-off names key {} but the file was signed with key {}",
                result.signoff.key_id, verified.key_id
            ),
        );
    }
    if !verified
        .trusted_comment
        .contains(&format!("audit:{} ", result.audit_id))
    {
        return invalid(
            v,
            "the signature's trusted comment names a different audit".into(),
        );
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
                return invalid(v, format!("the stored outcome does not follow from the answers: {}", m.0));
            }
        }
        None => v.notes.push(format!(
            "checklist {}@{} (sha256 {}) is not available here{}; findings and summary were not re-derived",
            result.checklist.id,
            result.checklist.version,
            result.checklist.sha256.chars().take(12).collect::<String>(),
            if others.is_empty() { String::new() } else { format!(" (known versions: {})", others.join(", ")) }
        )),
    }
    v.state = State::Valid {
        signer: result.signoff.name.clone(),
        role: result.signoff.role.clone(),
        signed_at: result.signoff.signed_at,
        key_id: verified.key_id,
    };
    v
}
