//! The drafts this process works on, each held with its lock: the one way both front ends start, save,
//! resume, archive and let go of a draft, so that a second msgaudit can never edit the same draft and a
//! lock is never forgotten or taken twice.

use std::path::PathBuf;

use super::drafts::{DraftEntry, DraftError, DraftStore};
use super::lock::DraftLock;
use super::paths::{Paths, create_private_dir};
use crate::audit::draft::Draft;

/// The drafts folder and the one draft this process holds (with its OS lock).
#[derive(Debug)]
pub struct Workspace {
    store: DraftStore,
    held: Option<(String, DraftLock)>,
}

impl Workspace {
    pub fn new(paths: &Paths) -> Workspace {
        Workspace {
            store: DraftStore::new(paths),
            held: None,
        }
    }

    /// Where the draft of `audit_id` is kept.
    pub fn path_for(&self, audit_id: &str) -> PathBuf {
        self.store.path_for(audit_id)
    }

    /// Every draft in the folder, newest first; damaged ones with the reason.
    pub fn list(&self) -> Vec<DraftEntry> {
        self.store.list()
    }

    /// The audit whose draft this process holds.
    pub fn held(&self) -> Option<&str> {
        self.held.as_ref().map(|(id, _)| id.as_str())
    }

    /// Take the lock of `audit_id`'s draft unless this process holds it already (a new audit takes it
    /// before its first save; a held draft of another audit is let go first).
    fn hold(&mut self, audit_id: &str) -> Result<(), DraftError> {
        if self.held().is_some_and(|id| id == audit_id) {
            return Ok(());
        }
        self.held = None;
        create_private_dir(self.store.dir())?;
        let lock = DraftLock::acquire(&self.store.path_for(audit_id))?;
        self.held = Some((audit_id.to_string(), lock));
        Ok(())
    }

    /// Save `draft` atomically, holding its lock; returns where it is.
    pub fn save(&mut self, draft: &Draft) -> Result<PathBuf, DraftError> {
        self.hold(&draft.audit_id)?;
        self.store.save(draft)
    }

    /// Open the draft of `audit_id` to resume it: its lock is taken (refused while another msgaudit has
    /// it), then it is read. A draft that cannot be read leaves the lock free again.
    pub fn open(&mut self, audit_id: &str) -> Result<Draft, DraftError> {
        self.held = None;
        let (draft, lock) = self.store.open(&self.store.path_for(audit_id))?;
        self.held = Some((audit_id.to_string(), lock));
        Ok(draft)
    }

    /// The draft was signed off: move it into the archive (kept, not deleted) and give up its lock.
    pub fn archive(&mut self, audit_id: &str) -> Result<PathBuf, DraftError> {
        let path = self.store.path_for(audit_id);
        let lock = match self.held.take() {
            Some((id, lock)) if id == audit_id => lock,
            other => {
                self.held = other;
                DraftLock::acquire(&path)?
            }
        };
        self.store.archive(&path, lock)
    }

    /// Save `after`, the draft of `before` moved to another checklist version, keeping `before` as it
    /// was beside it (`ID.draft.before-VERSION.toml`, not listed as a draft), so that answers the move
    /// dropped are never lost. Returns where the earlier draft is kept.
    pub fn save_moved(&mut self, before: &Draft, after: &Draft) -> Result<PathBuf, DraftError> {
        self.hold(&before.audit_id)?;
        let version: String = before
            .checklist
            .version
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let kept = self
            .store
            .dir()
            .join(format!("{}.draft.before-{version}.toml", before.audit_id));
        super::atomic::write_atomic(&kept, before.to_toml()?.as_bytes())?;
        self.store.save(after)?;
        Ok(kept)
    }

    /// The draft is not edited after all (e.g. its changed checklist was declined): give up its lock
    /// without writing anything.
    pub fn release(&mut self) {
        self.held = None;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use std::sync::Arc;

    use super::*;
    use crate::audit::Meta;

    fn draft() -> Draft {
        let c = Arc::new(
            crate::checklist::load(
                &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.toml"),
            )
            .unwrap(),
        );
        Draft::new(&c, Meta::default(), jiff::Timestamp::now())
    }

    #[test]
    fn a_held_draft_is_refused_to_a_second_workspace_until_released() {
        let home = tempfile::tempdir().unwrap();
        let paths = Paths::under_home(home.path()).unwrap();
        let d = draft();
        let mut a = Workspace::new(&paths);
        a.save(&d).unwrap();
        assert_eq!(a.held(), Some(d.audit_id.as_str()));
        let mut b = Workspace::new(&paths);
        assert!(matches!(b.open(&d.audit_id), Err(DraftError::Lock(_))));
        assert!(matches!(b.save(&d), Err(DraftError::Lock(_))));
        a.release();
        assert_eq!(b.open(&d.audit_id).unwrap().audit_id, d.audit_id);
        let archived = b.archive(&d.audit_id).unwrap();
        assert!(archived.is_file());
        assert!(b.list().is_empty());
        assert_eq!(b.held(), None);
    }
}
