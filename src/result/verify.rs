//! `msgaudit verify RESULT`: is this result file exactly what its signer signed, and are its findings and
//! summary what the engine derives from its answers? Also the verification state every report opens with.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::chain::{Link, Listing, verify_chain};
use super::keys::{candidate_keys, verify_with_any};
use super::supersedes::{self, Found, Superseded};
use crate::audit::result::ResultFile;
use crate::catalog::{self, Origin};
use crate::checklist::load::MAX_FILE_BYTES;
use crate::i18n::dates::{self, Zone};
use crate::i18n::{Lang, T};
use crate::store::Paths;

pub use super::reasons::{CommentField, FileRole, Note, Reason};

/// Where to find keys and checklists.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// An explicit public key file (`--pubkey`).
    pub pubkey: Option<PathBuf>,
    /// The user's folders: own key, trusted keys, own checklists.
    pub paths: Option<Paths>,
    /// Folders to look for the result's checklist in.
    pub checklist_dirs: Vec<(Origin, PathBuf)>,
    /// Where the result's evidence files are (`--evidence-dir`); default: `<result name>.evidence/`,
    /// then `evidence/` beside the result.
    pub evidence_dir: Option<PathBuf>,
}

/// The outcome for one result file.
#[derive(Debug, Clone)]
pub struct Verification {
    pub path: PathBuf,
    /// The parsed result, when the file could be read as one (also when it is not valid).
    pub result: Option<ResultFile>,
    pub state: State,
    /// Which key vouched for the result: set exactly when `state` is valid.
    pub vouched_by: Option<KeySource>,
    /// Remarks that do not make the result invalid (e.g. its checklist version is not available here).
    pub notes: Vec<Note>,
    /// The verified counter-signatures, in order (empty unless `state` is valid).
    pub chain: Vec<Link>,
    /// The SHA-256 of the result file's bytes, when it could be read.
    pub sha256: Option<String>,
    /// The results this one supersedes (`[supersedes]`), newest first (empty unless `state` is valid).
    pub supersedes: Vec<Superseded>,
    /// The result's evidence files and what was found of each (empty unless `state` is valid, and
    /// for results without evidence).
    pub evidence: Vec<crate::evidence::Checked>,
    /// The session re-created from the stored answers with the result's checklist, when it was here
    /// and the result valid so far (a report built next reuses it instead of re-creating it).
    pub session: Option<crate::audit::Session>,
}

/// Where the public key that verified a result came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// The user's own `msgaudit.pub`.
    Own(PathBuf),
    /// A `.pub` file in the trusted-keys folder.
    Trusted(PathBuf),
    /// The file named with `--pubkey`.
    Given(PathBuf),
}

impl KeySource {
    /// "own key", "trusted: trusted-keys/mueller.pub", "--pubkey FILE", in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            KeySource::Own(_) => T::new("eigener Schlüssel", "own key").get(lang).to_string(),
            KeySource::Trusted(file) => {
                // The folder's own name and the file: enough to tell which signer, short enough for one line.
                let short: PathBuf = [file.parent().and_then(Path::file_name), file.file_name()]
                    .into_iter()
                    .flatten()
                    .collect();
                T::new("vertrauenswürdig: {0}", "trusted: {0}").fill(lang, &[&shown(&short)])
            }
            KeySource::Given(file) => format!("--pubkey {}", shown(file)),
        }
    }
}

/// A path as printed: control, bidi and invisible characters escaped, never raw.
pub(super) fn shown(p: &Path) -> String {
    crate::text::escape_visible(&p.display().to_string()).into_owned()
}

/// A field of a result's trusted comment (see [`crate::signoff::trusted_comment`]).

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

    /// One line in `lang`: "valid, signed by … on …" or "INVALID: reason"; the time in the system's zone.
    pub fn line(&self, lang: Lang) -> String {
        self.line_in(lang, &Zone::System)
    }

    /// [`Verification::line`] with the time of signing in `zone`.
    pub fn line_in(&self, lang: Lang, zone: &Zone) -> String {
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
                let when = dates::time(lang, *signed_at, zone);
                let line = T::new(
                    "gültig, signiert von {0} am {1} mit Schlüssel {2}",
                    "valid, signed by {0} on {1} with key {2}",
                )
                .fill(lang, &[&who, &when, key_id]);
                match &self.vouched_by {
                    Some(source) => format!("{line} ({})", source.text(lang)),
                    None => line,
                }
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

pub(super) fn read_limited(path: &Path, file: FileRole) -> Result<Vec<u8>, Reason> {
    // One bounded reader: regular files only (a FIFO or device never hangs `verify`), size-limited.
    crate::store::read_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::store::ReadError::TooLarge { .. } => Reason::TooLarge {
            file,
            path: path.to_path_buf(),
        },
        crate::store::ReadError::Io { source, .. } => Reason::CannotRead {
            file,
            path: path.to_path_buf(),
            error: Some(source.kind()),
        },
        crate::store::ReadError::NotAFile { .. } => Reason::CannotRead {
            file,
            path: path.to_path_buf(),
            error: None,
        },
        crate::store::ReadError::NotUtf8 { .. } => Reason::NotText {
            file,
            path: path.to_path_buf(),
        },
    })
}

/// The signed trusted comment must be exactly the one sign-off writes for this result file: every
/// field (audit, checklist id@version, signer, time) is compared, the first that differs is named.
fn check_comment(signed: &str, result: &ResultFile) -> Result<(), Reason> {
    let Some(mut rest) = signed.strip_prefix(crate::signoff::COMMENT_KIND) else {
        return Err(Reason::Comment(CommentField::Kind));
    };
    let fields = crate::signoff::trusted_comment_fields(result);
    let last = fields.len() - 1;
    for (i, (name, value)) in fields.iter().enumerate() {
        let expected = format!("{name}:{value}");
        let after = rest.strip_prefix(expected.as_str());
        let ok = match after {
            Some(tail) if i == last => tail.is_empty(),
            Some(tail) => tail.starts_with(' '),
            None => false,
        };
        if !ok {
            return Err(match *name {
                "audit" => Reason::OtherAudit,
                "checklist" => Reason::Comment(CommentField::Checklist),
                "signer" => Reason::Comment(CommentField::Signer),
                _ => Reason::Comment(CommentField::SignedAt),
            });
        }
        // ok means `after` is Some and, before the last field, starts with the separating space.
        rest = after.map_or("", |t| t.strip_prefix(' ').unwrap_or(t));
    }
    Ok(())
}

/// Verify one result file.
pub fn verify(path: &Path, opts: &Options) -> Verification {
    verify_listed(path, opts, None)
}

/// Verify one result file, its counter-signatures looked up in `listing` (its folder, read by the
/// caller once for many results: `Batch`) instead of listing the folder now.
pub fn verify_listed(path: &Path, opts: &Options, listing: Option<&Listing>) -> Verification {
    let mut v = Verification {
        path: path.to_path_buf(),
        result: None,
        state: State::Invalid {
            reason: Reason::OtherAudit,
        },
        vouched_by: None,
        notes: Vec::new(),
        chain: Vec::new(),
        sha256: None,
        supersedes: Vec::new(),
        evidence: Vec::new(),
        session: None,
    };
    let invalid = |mut v: Verification, reason: Reason| {
        v.state = State::Invalid { reason };
        v
    };
    let bytes = match read_limited(path, FileRole::Result) {
        Ok(b) => b,
        Err(e) => return invalid(v, e),
    };
    v.sha256 = Some(supersedes::sha256_hex(&bytes));
    // Parse first only to show what we can of an invalid file; validity comes from the signature alone.
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|_| "the result is not UTF-8 text".to_string())
        .and_then(ResultFile::from_toml);
    let parse_error = match parsed {
        Ok(r) => {
            v.result = Some(r);
            None
        }
        Err(e) => Some(e),
    };
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
    let (source, verified) =
        match candidate_keys(&sig, opts).and_then(|keys| verify_with_any(&bytes, &sig, keys)) {
            Ok(x) => x,
            Err(e) => return invalid(v, e),
        };
    // The parsed result stays in `v` for whatever the checks find; they borrow it meanwhile.
    let Some(result) = v.result.take() else {
        return invalid(v, Reason::NotAResult(parse_error.unwrap_or_default()));
    };
    let signed = Signed {
        path,
        bytes: &bytes,
        sig: &sig,
        verified: &verified,
    };
    let checked = check_signed(&mut v, &result, &signed, opts, listing);
    let signer = (
        result.signoff.name.clone(),
        result.signoff.role.clone(),
        result.signoff.signed_at,
    );
    v.result = Some(result);
    if let Err(reason) = checked {
        return invalid(v, reason);
    }
    v.state = State::Valid {
        signer: signer.0,
        role: signer.1,
        signed_at: signer.2,
        key_id: verified.key_id,
    };
    v.vouched_by = Some(source);
    v
}

/// A result file whose sign-off signature verified: its path, its bytes and signature, and what the
/// signature says.
#[derive(Clone, Copy)]
struct Signed<'a> {
    path: &'a Path,
    bytes: &'a [u8],
    sig: &'a str,
    verified: &'a crate::sign::Verified,
}

/// Everything checked of a result whose signature verified: the signed comment, its history and plan,
/// its outcome re-derived, its counter-signatures, what it supersedes and its evidence. Remarks,
/// links and the re-created session are recorded in `v`; Err names the first thing that is wrong.
fn check_signed(
    v: &mut Verification,
    result: &ResultFile,
    signed: &Signed<'_>,
    opts: &Options,
    listing: Option<&Listing>,
) -> Result<(), Reason> {
    let Signed {
        path,
        bytes,
        sig,
        verified,
    } = *signed;
    if result.signoff.key_id != verified.key_id {
        return Err(Reason::KeyIdMismatch {
            named: result.signoff.key_id.clone(),
            signed: verified.key_id.clone(),
        });
    }
    check_comment(&verified.trusted_comment, result)?;
    // Needs no checklist: the history's values are compared with the stored answers as written.
    if let Err(e) = result.check_history() {
        return Err(Reason::History(e));
    }
    // The action plan names measures of the stored outcome (itself re-derived below when the
    // checklist is here).
    if let Err(e) = result.check_plan() {
        return Err(Reason::Plan(e));
    }
    let (found, others) = catalog::find(
        &opts.checklist_dirs,
        &result.checklist.id,
        &result.checklist.sha256,
    );
    match found {
        Some(c) => {
            let (mismatches, session) = result.rederive_keeping(c);
            if let Some(m) = mismatches.first() {
                return Err(Reason::Outcome(m.0.clone()));
            }
            v.session = session;
        }
        None => v.notes.push(Note::ChecklistUnavailable {
            id: result.checklist.id.clone(),
            version: result.checklist.version.clone(),
            sha256: result.checklist.sha256.clone(),
            known: others,
        }),
    }
    match verify_chain(path, bytes, sig.as_bytes(), opts, listing) {
        Ok(links) => v.chain = links,
        Err(e) => return Err(Reason::Chain(e)),
    }
    let results_dir = opts.paths.as_ref().map(Paths::results_dir);
    let links = supersedes::follow(path, result, results_dir.as_deref());
    for s in &links {
        match &s.found {
            Found::Mismatch { path, actual } => {
                return Err(Reason::Superseded {
                    file: s.link.file.clone(),
                    path: path.clone(),
                    expected: s.link.sha256.clone(),
                    actual: actual.clone(),
                });
            }
            Found::Missing => v.notes.push(Note::SupersededMissing {
                file: s.link.file.clone(),
            }),
            Found::Matches(_) => {}
        }
    }
    v.supersedes = links;
    // Every evidence file present is hashed (streamed); one changed file makes the result invalid,
    // a missing one is a remark: the result still says what was signed.
    let checked = crate::evidence::check(path, &result.evidence, opts.evidence_dir.as_deref());
    for c in &checked {
        match &c.found {
            crate::evidence::Found::Changed { path, size, sha256 } => {
                return Err(Reason::Evidence(Box::new(
                    super::reasons::EvidenceChanged {
                        file: c.entry.file.clone(),
                        question: c.entry.question.clone(),
                        path: path.clone(),
                        expected: c.entry.sha256.clone(),
                        actual: sha256.clone(),
                        sizes: (c.entry.size, *size),
                    },
                )));
            }
            crate::evidence::Found::Missing => v.notes.push(Note::EvidenceMissing {
                file: c.entry.file.clone(),
                question: c.entry.question.clone(),
            }),
            crate::evidence::Found::Unreadable { path, error } => {
                v.notes.push(Note::EvidenceUnreadable {
                    file: c.entry.file.clone(),
                    question: c.entry.question.clone(),
                    path: path.clone(),
                    error: *error,
                });
            }
            crate::evidence::Found::Matches(_) => {}
        }
    }
    v.evidence = checked;
    Ok(())
}

/// Verifying many result files in one run (`summary`, the results list): each folder is listed once
/// for the run, not once per result. The run sees a folder's names as they were when it first looked.
#[derive(Debug)]
pub struct Batch<'o> {
    opts: &'o Options,
    /// Per folder its listing; None when it could not be read (each result then reads it itself,
    /// and says why it cannot).
    listings: std::collections::HashMap<PathBuf, Option<Listing>>,
}

impl<'o> Batch<'o> {
    pub fn new(opts: &'o Options) -> Batch<'o> {
        Batch {
            opts,
            listings: std::collections::HashMap::new(),
        }
    }

    /// Verify `path` as `verify` does.
    pub fn verify(&mut self, path: &Path) -> Verification {
        let listing = self
            .listings
            .entry(Listing::folder_of(path))
            .or_insert_with_key(|dir| Listing::read(dir).ok());
        verify_listed(path, self.opts, listing.as_ref())
    }
}
