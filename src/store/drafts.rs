//! Drafts on disk: one TOML file per audit in the drafts folder, rewritten atomically after every change,
//! with its journal beside it (`store::journal`), listed for the start screen (damaged ones with the
//! reason, never touched), archived with the journal after sign-off.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::atomic::{WriteError, is_temp_name_of, write_atomic};
use super::bounded::{ReadError, read_text_bounded};
use super::journal::{JOURNAL_SUFFIX, journal_path};
use super::lock::{DraftLock, LockError, lock_path};
use super::paths::{Paths, PathsError, create_private_dir};
use crate::audit::draft::Draft;
use crate::checklist::load::MAX_FILE_BYTES;

pub const DRAFT_SUFFIX: &str = ".draft.toml";

/// The evidence folder of the draft at `draft_path` (`<id>.draft.toml` → `<id>.evidence`, beside it):
/// the copies of the files attached to its questions (`crate::evidence`).
pub fn evidence_folder(draft_path: &Path) -> PathBuf {
    let name = draft_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = name.strip_suffix(DRAFT_SUFFIX).unwrap_or(&name);
    draft_path.with_file_name(format!("{id}.evidence"))
}

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error(transparent)]
    Folder(#[from] PathsError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("cannot write the draft: {0}")]
    Serialize(#[from] toml::ser::Error),
    #[error("{path}: {reason}")]
    Damaged { path: PathBuf, reason: String },
    #[error("cannot archive {path}: {source}")]
    Archive {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One file in the drafts folder, as the start screen lists it.
#[derive(Debug, Clone)]
pub struct DraftEntry {
    pub path: PathBuf,
    /// The draft, or why it cannot be read (it is then left alone).
    pub draft: Result<Draft, String>,
}

/// The drafts folder.
#[derive(Debug, Clone)]
pub struct DraftStore {
    dir: PathBuf,
    archive: PathBuf,
}

impl DraftStore {
    pub fn new(paths: &Paths) -> Self {
        DraftStore {
            dir: paths.drafts_dir(),
            archive: paths.archive_dir(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the draft of `audit_id` lives.
    pub fn path_for(&self, audit_id: &str) -> PathBuf {
        self.dir.join(format!("{audit_id}{DRAFT_SUFFIX}"))
    }

    /// Write the draft atomically (a crash leaves the old or the new version, never a mix).
    pub fn save(&self, draft: &Draft) -> Result<PathBuf, DraftError> {
        create_private_dir(&self.dir)?;
        let path = self.path_for(&draft.audit_id);
        write_atomic(&path, with_absolute_checklist(draft).to_toml()?.as_bytes())?;
        Ok(path)
    }

    /// Every draft file, newest change first; damaged files are listed with the reason. Temp files
    /// that a killed save left are removed on the way, for drafts no process has open.
    pub fn list(&self) -> Vec<DraftEntry> {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        let mut stale: Vec<(&str, String)> = paths
            .iter()
            .filter_map(|p| p.file_name().and_then(|n| n.to_str()).and_then(temp_target))
            .collect();
        stale.sort_unstable();
        stale.dedup();
        for (target, draft) in stale {
            remove_stale_temps(&self.dir, target, &self.dir.join(draft));
        }
        let mut out: Vec<DraftEntry> = paths
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(DRAFT_SUFFIX))
            })
            .map(|path| DraftEntry {
                draft: read(&path),
                path,
            })
            .collect();
        out.sort_by_key(|e| {
            std::cmp::Reverse(e.draft.as_ref().map_or(Timestamp::MIN, |d| d.updated))
        });
        out
    }

    /// Open a draft for editing: take its lock (refused while another msgaudit has it), then read it.
    pub fn open(&self, path: &Path) -> Result<(Draft, DraftLock), DraftError> {
        let lock = DraftLock::acquire(path)?;
        // Held now, so no save of ours can be under way: what temp files are there are stale.
        if let (Some(dir), Some(target)) =
            (path.parent(), path.file_name().and_then(|n| n.to_str()))
        {
            remove_temps_held(dir, target);
            if let Some(journal) = journal_path(path).file_name().and_then(|n| n.to_str()) {
                remove_temps_held(dir, journal);
            }
        }
        let draft = read(path).map_err(|reason| DraftError::Damaged {
            path: path.to_path_buf(),
            reason,
        })?;
        Ok((draft, lock))
    }

    /// Move a signed-off draft into the archive folder (kept, not deleted) and remove its lock file.
    pub fn archive(&self, path: &Path, lock: DraftLock) -> Result<PathBuf, DraftError> {
        create_private_dir(&self.archive)?;
        let name = path
            .file_name()
            .map_or_else(|| PathBuf::from("draft.toml"), PathBuf::from);
        let target = self.archive.join(name);
        std::fs::rename(path, &target).map_err(|source| DraftError::Archive {
            path: path.to_path_buf(),
            source,
        })?;
        // The journal follows its draft. After the draft: a kill in between leaves the journal behind
        // in the drafts folder (never listed, its history already in the signed result), never a
        // draft without its journal. A journal that cannot be moved stays there the same way.
        let journal = journal_path(path);
        if journal.is_file() {
            let _ = std::fs::rename(&journal, journal_path(&target));
        }
        // So do the draft's evidence copies (the result has its own beside it).
        let evidence = evidence_folder(path);
        if evidence.is_dir() {
            let _ = std::fs::rename(&evidence, evidence_folder(&target));
        }
        drop(lock);
        // The draft is gone from the folder, so nobody can lock it through this file any more.
        let _ = std::fs::remove_file(lock_path(path));
        Ok(target)
    }
}

/// Read and parse one draft file; the error is a reason a person can act on.
pub fn read(path: &Path) -> Result<Draft, String> {
    // The bounded reader: a FIFO or device named *.draft.toml is refused at once, never waited on.
    let text = read_text_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::NotAFile { .. } => {
            "not a regular file (a folder, pipe or device); it is left alone".to_string()
        }
        ReadError::TooLarge { limit, .. } => {
            format!("the file is larger than {limit} bytes, more than a draft can be")
        }
        ReadError::NotUtf8 { .. } => "the file is not UTF-8 text".to_string(),
        ReadError::Io { source, .. } => format!("cannot read: {source}"),
    })?;
    Draft::from_toml(&text).map_err(|e| format!("damaged draft: {e}"))
}

/// Removes the temp files of `target` (the draft at `draft_path` or its journal) that a killed save
/// left. Only while the draft's lock is free: a process holding it may be writing one of them now.
fn remove_stale_temps(dir: &Path, target: &str, draft_path: &Path) {
    if let Ok(_lock) = DraftLock::acquire(draft_path) {
        remove_temps_held(dir, target);
    }
}

/// Removes the temp files of `target` in `dir`; the caller holds the draft's lock.
fn remove_temps_held(dir: &Path, target: &str) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for p in rd.filter_map(|e| e.ok().map(|e| e.path())) {
        if p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| is_temp_name_of(n, target))
        {
            // Best effort: a temp file that stays is never read, only clutter.
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The file (a draft or its journal) named by a temp file name of [`write_atomic`]
/// (`.<file>.<pid>-<n>.tmp`), with the file name of its draft.
fn temp_target(file_name: &str) -> Option<(&str, String)> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (target, _) = inner.rsplit_once('.')?;
    if !is_temp_name_of(file_name, target) {
        return None;
    }
    if target.ends_with(DRAFT_SUFFIX) {
        return Some((target, target.to_string()));
    }
    let stem = target.strip_suffix(JOURNAL_SUFFIX)?;
    Some((target, format!("{stem}{DRAFT_SUFFIX}")))
}

/// The draft as saved: its checklist path made absolute (canonical), so that resuming from another
/// working folder finds the checklist again. A path that does not resolve (e.g. a shipped one) stays.
fn with_absolute_checklist(draft: &Draft) -> std::borrow::Cow<'_, Draft> {
    match absolute_checklist_path(&draft.checklist.path) {
        Some(p) if p != draft.checklist.path => {
            let mut d = draft.clone();
            d.checklist.path = p;
            std::borrow::Cow::Owned(d)
        }
        _ => std::borrow::Cow::Borrowed(draft),
    }
}

/// `path` canonicalised, when it names an existing file. On Windows without the `\\?\` prefix
/// that canonicalize adds, which many tools and users do not expect.
fn absolute_checklist_path(path: &Path) -> Option<PathBuf> {
    if !path.is_file() {
        return None;
    }
    #[cfg(windows)]
    {
        std::path::absolute(path).ok()
    }
    #[cfg(not(windows))]
    {
        std::fs::canonicalize(path).ok()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::audit::{Meta, Session};
    use crate::checklist;
    use std::sync::Arc;

    fn fixture() -> Arc<crate::checklist::Checklist> {
        Arc::new(checklist::load(Path::new("tests/fixtures/small.toml")).unwrap())
    }

    #[test]
    fn temp_files_of_drafts_and_journals_name_their_draft() {
        assert_eq!(
            temp_target(".ab.draft.toml.12-3.tmp"),
            Some(("ab.draft.toml", "ab.draft.toml".to_string()))
        );
        assert_eq!(
            temp_target(".ab.draft.journal.12-3.tmp"),
            Some(("ab.draft.journal", "ab.draft.toml".to_string()))
        );
        assert_eq!(temp_target(".notes.txt.1-0.tmp"), None);
    }

    #[test]
    fn save_list_open_archive() {
        let home = tempfile::tempdir().unwrap();
        let paths = Paths::under_home(home.path()).unwrap();
        let store = DraftStore::new(&paths);
        let c = fixture();
        let mut s = Session::new(Arc::clone(&c));
        let k = s.parse_key("email.staff").unwrap();
        s.set(
            k,
            Some(crate::audit::Response::Value(crate::audit::Value::Number(
                12.0,
            ))),
        )
        .unwrap();
        let meta = Meta {
            organisation: "Muster GmbH".into(),
            ..Meta::default()
        };
        let mut d = Draft::new(&c, meta, Timestamp::UNIX_EPOCH);
        d.capture(&s, Timestamp::UNIX_EPOCH);
        let path = store.save(&d).unwrap();
        std::fs::write(store.dir().join("broken.draft.toml"), "format = [").unwrap();
        std::fs::write(store.dir().join("notes.txt"), "ignored").unwrap();
        let list = store.list();
        assert_eq!(list.len(), 2);
        // Listing reads the draft file alone; its history is in the journal, read on resume.
        let mut listed = d.clone();
        listed.history.clear();
        assert_eq!(list[0].draft.as_ref().unwrap(), &listed);
        assert!(
            list[1]
                .draft
                .as_ref()
                .unwrap_err()
                .starts_with("damaged draft")
        );
        let (back, lock) = store.open(&path).unwrap();
        assert!(matches!(
            store.open(&path),
            Err(DraftError::Lock(LockError::Busy { .. }))
        ));
        let (restored, resumed) = back.restore(c);
        assert!(!resumed.checklist_changed && resumed.dropped.is_empty());
        assert_eq!(restored.answer(k).value(), s.answer(k).value());
        let archived = store.archive(&path, lock).unwrap();
        assert!(archived.is_file() && !path.exists() && !lock_path(&path).exists());
        assert_eq!(
            store.list().len(),
            1,
            "only the damaged one is left, untouched"
        );
        assert_eq!(
            std::fs::read_to_string(store.dir().join("broken.draft.toml")).unwrap(),
            "format = ["
        );
    }
}
