//! Drafts on disk: one TOML file per audit in the drafts folder, rewritten atomically after every change,
//! listed for the start screen (damaged ones with the reason, never touched), archived after sign-off.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::atomic::{WriteError, write_atomic};
use super::lock::{DraftLock, LockError, lock_path};
use super::paths::{Paths, PathsError, create_private_dir};
use crate::audit::draft::Draft;
use crate::checklist::load::MAX_FILE_BYTES;

pub const DRAFT_SUFFIX: &str = ".draft.toml";

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
        write_atomic(&path, draft.to_toml()?.as_bytes())?;
        Ok(path)
    }

    /// Every draft file, newest change first; damaged files are listed with the reason.
    pub fn list(&self) -> Vec<DraftEntry> {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<DraftEntry> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
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
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("draft.toml"));
        let target = self.archive.join(name);
        std::fs::rename(path, &target).map_err(|source| DraftError::Archive {
            path: path.to_path_buf(),
            source,
        })?;
        drop(lock);
        // The draft is gone from the folder, so nobody can lock it through this file any more.
        let _ = std::fs::remove_file(lock_path(path));
        Ok(target)
    }
}

/// Read and parse one draft file; the error is a reason a person can act on.
pub fn read(path: &Path) -> Result<Draft, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} bytes, more than a draft can be",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())?;
    Draft::from_toml(&text).map_err(|e| format!("damaged draft: {e}"))
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
        assert_eq!(list[0].draft.as_ref().unwrap(), &d);
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
