//! Evidence files bound by hash (docs/evidence.md): attaching a file to a question copies it, streamed
//! and hashed, into the draft's evidence folder (0700, files 0600) and records it in the draft; sign-off
//! carries the folder beside the result; `verify` checks every copy that is present against its SHA-256.

mod check;
mod copy;
#[cfg(test)]
mod tests;

use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::audit::draft::Draft;
pub use crate::audit::evidence::{Evidence, is_plain_name, size_text, stored_name};
use crate::i18n::{Lang, T};
use crate::store::fsops::{Fs, RealFs};
use crate::store::{DraftError, Workspace};
pub use check::{Checked, Found, check, folders};
pub(crate) use copy::carry;
pub use copy::{Hashed, hash_file};

/// The ending of an evidence folder's name: `<audit id>.evidence` beside a draft,
/// `<result name>.evidence` beside a result.
pub const FOLDER_SUFFIX: &str = ".evidence";

pub use crate::store::drafts::evidence_folder as draft_folder;

/// The evidence folder of the result at `result_path` (`x.result.toml` → `x.evidence`, beside it).
pub fn result_folder(result_path: &Path) -> PathBuf {
    result_path.with_file_name(format!("{}{FOLDER_SUFFIX}", result_stem(result_path)))
}

/// A result's file name without `.result.toml` (or, for a file named otherwise, its last extension).
pub fn result_stem(result_path: &Path) -> String {
    let name = result_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.strip_suffix(".result.toml")
        .or_else(|| name.rsplit_once('.').map(|(s, _)| s))
        .unwrap_or(&name)
        .to_string()
}

/// Why evidence could not be attached, removed or carried to the result.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("{path} is not a regular file (a folder, pipe or device); choose a file")]
    NotAFile { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("this audit has no question {key}")]
    NoQuestion { key: String },
    #[error("there is no evidence file number {number} at this question")]
    NoSuchFile { number: usize },
    #[error(
        "the draft's copy of {file} was changed after it was attached (SHA-256 {actual}, attached with {expected}); remove it and attach the file again"
    )]
    Changed {
        file: String,
        expected: String,
        actual: String,
    },
    #[error("{path} exists already; move it away to sign off")]
    Exists { path: PathBuf },
    #[error(transparent)]
    Draft(#[from] DraftError),
}

impl EvidenceError {
    /// The error in `lang` (use `crate::explain::evidence`, which words a draft's errors too).
    pub fn text(&self, lang: Lang) -> String {
        let p = |p: &Path| crate::text::escape_visible(&p.display().to_string()).into_owned();
        match self {
            EvidenceError::NotAFile { path } => T::new(
                "{0} ist keine gewöhnliche Datei (ein Ordner, eine Pipe oder ein Gerät); wählen Sie eine Datei",
                "{0} is not a regular file (a folder, pipe or device); choose a file",
            )
            .fill(lang, &[&p(path)]),
            EvidenceError::Read { path, source } => {
                T::new("{0} kann nicht gelesen werden: {1}", "cannot read {0}: {1}")
                    .fill(lang, &[&p(path), &crate::i18n::io::error(lang, source)])
            }
            EvidenceError::Write { path, source } => T::new(
                "{0} kann nicht geschrieben werden: {1}; prüfen Sie, ob der Datenträger voll ist",
                "cannot write {0}: {1}; check that the disk is not full",
            )
            .fill(lang, &[&p(path), &crate::i18n::io::error(lang, source)]),
            EvidenceError::NoQuestion { key } => T::new(
                "diese Prüfung hat keine Frage {0}",
                "this audit has no question {0}",
            )
            .fill(lang, &[&crate::text::escape_visible(key)]),
            EvidenceError::NoSuchFile { number } => T::new(
                "an dieser Frage gibt es keinen Beleg Nummer {0}",
                "there is no evidence file number {0} at this question",
            )
            .fill(lang, &[&number.to_string()]),
            EvidenceError::Changed {
                file,
                expected,
                actual,
            } => T::new(
                "die Kopie von {0} im Entwurf wurde nach dem Anhängen geändert (SHA-256 {1}…, angehängt mit {2}…); entfernen Sie sie und hängen Sie die Datei erneut an",
                "the draft's copy of {0} was changed after it was attached (SHA-256 {1}…, attached with {2}…); remove it and attach the file again",
            )
            .fill(lang, &[file, &short_hash(actual), &short_hash(expected)]),
            EvidenceError::Exists { path } => T::new(
                "{0} gibt es schon; verschieben Sie es, um abzuzeichnen",
                "{0} exists already; move it away to sign off",
            )
            .fill(lang, &[&p(path)]),
            // The store words its own errors in `crate::explain::evidence`; this is the fallback.
            EvidenceError::Draft(e) => e.to_string(),
        }
    }
}

/// The first 16 hex digits of a hash, as messages show it.
pub fn short_hash(hash: &str) -> String {
    hash.chars().take(16).collect()
}

/// The evidence of the question with answer key `question`, with each entry's index in `draft.evidence`.
pub fn of_question<'a>(
    evidence: &'a [Evidence],
    question: &'a str,
) -> impl Iterator<Item = (usize, &'a Evidence)> + 'a {
    evidence
        .iter()
        .enumerate()
        .filter(move |(_, e)| e.question == question)
}

/// Attach the file at `source` to the question `question` (an answer key the caller has checked) of
/// the draft held in `ws`: the file is copied (streamed and hashed) into the draft's evidence folder
/// under a sanitised, unique name, then the draft is saved with the new entry. Both front ends attach
/// through this. On an error the draft is as before and no copy is left under a stored name.
pub fn attach(
    ws: &mut Workspace,
    draft: &mut Draft,
    question: &str,
    source: &Path,
    caption: &str,
    now: Timestamp,
) -> Result<Evidence, EvidenceError> {
    attach_in(&RealFs, ws, draft, question, source, caption, now)
}

pub(crate) fn attach_in(
    fs: &dyn Fs,
    ws: &mut Workspace,
    draft: &mut Draft,
    question: &str,
    source: &Path,
    caption: &str,
    now: Timestamp,
) -> Result<Evidence, EvidenceError> {
    // Hold the draft (and its lock) first: nothing else writes its evidence folder meanwhile.
    if ws.held() != Some(draft.audit_id.as_str()) {
        ws.save(draft)?;
    }
    let folder = draft_folder(&ws.path_for(&draft.audit_id));
    crate::store::create_private_dir(&folder).map_err(DraftError::from)?;
    copy::remove_temps(&folder);
    let original = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Names in the folder count as taken too: a copy whose draft save was interrupted stays unused.
    let present = copy::names_in(&folder);
    let taken = draft
        .evidence
        .iter()
        .map(|e| e.file.as_str())
        .chain(present.iter().map(String::as_str));
    let file = stored_name(&original, taken);
    let hashed = copy::store(fs, source, &folder, &file)?;
    let entry = Evidence {
        question: question.to_string(),
        name: crate::text::sanitize_line(&original).into_owned(),
        file: file.clone(),
        size: hashed.size,
        sha256: hashed.sha256,
        caption: crate::text::sanitize_line(caption.trim()).into_owned(),
        added: now,
    };
    draft.evidence.push(entry.clone());
    if let Err(e) = ws.save(draft) {
        draft.evidence.pop();
        // Best effort: unused, the copy only takes room.
        let _ = fs.remove_file(&folder.join(&file));
        return Err(e.into());
    }
    Ok(entry)
}

/// Remove the `number`th (1-based) evidence file of question `question` from the draft: the draft is
/// saved without it, then its copy is deleted. Returns the removed entry.
pub fn detach(
    ws: &mut Workspace,
    draft: &mut Draft,
    question: &str,
    number: usize,
) -> Result<Evidence, EvidenceError> {
    let index = of_question(&draft.evidence, question)
        .nth(number.wrapping_sub(1))
        .map(|(i, _)| i)
        .ok_or(EvidenceError::NoSuchFile { number })?;
    let entry = draft.evidence.remove(index);
    if let Err(e) = ws.save(draft) {
        draft.evidence.insert(index, entry);
        return Err(e.into());
    }
    let folder = draft_folder(&ws.path_for(&draft.audit_id));
    // Best effort: the draft no longer names it, so a copy left behind is never used.
    if is_plain_name(&entry.file) && RealFs.remove_file(&folder.join(&entry.file)).is_ok() {
        let _ = RealFs.sync_dir(&folder);
    }
    Ok(entry)
}

/// A path as typed: `~/` is the home folder (the shell does that for `--evidence`, a field does not).
pub fn expand_home(typed: &str) -> PathBuf {
    let t = typed.trim();
    if let Some(rest) = t.strip_prefix("~/").or_else(|| t.strip_prefix("~\\"))
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    PathBuf::from(t)
}

/// Complete a typed path at its last component: the names in its folder that start with what was
/// typed. Returns the longest common completion and the names that fit (folders end with `/`), at
/// most `limit` of them, sorted; hidden names only when a `.` was typed.
pub fn complete(typed: &str, limit: usize) -> (String, Vec<String>) {
    let (dir_part, prefix) = match typed.rfind(['/', std::path::MAIN_SEPARATOR]) {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let dir = if dir_part.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_part)
    };
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return (typed.to_string(), Vec::new());
    };
    let mut names: Vec<String> = rd
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = e.path().is_dir();
            Some(if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    let common = names
        .iter()
        .skip(1)
        .fold(names.first().cloned().unwrap_or_default(), |acc, n| {
            acc.chars()
                .zip(n.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        });
    let completed = if common.chars().count() > prefix.chars().count() {
        format!("{dir_part}{common}")
    } else {
        typed.to_string()
    };
    names.truncate(limit);
    (completed, names)
}
