//! The drafts this process works on, each held with its lock: the one way both front ends start, save,
//! resume, archive and let go of a draft, so that a second msgaudit can never edit the same draft and a
//! lock is never forgotten or taken twice. Saving also journals the draft's answer history (after the
//! draft, so that a kill in between is recovered from the draft on resume).

use std::path::PathBuf;

use super::drafts::{DraftEntry, DraftError, DraftStore};
use super::fsops::RealFs;
use super::journal::{self, Written, journal_path};
use super::lock::DraftLock;
use super::paths::{Paths, create_private_dir};
use crate::audit::draft::Draft;
use crate::audit::history;

/// The drafts folder and the one draft this process holds (with its OS lock).
#[derive(Debug)]
pub struct Workspace {
    store: DraftStore,
    held: Option<Held>,
}

/// The draft this process holds: its audit, its lock, how much of its history is journalled.
#[derive(Debug)]
struct Held {
    audit_id: String,
    lock: DraftLock,
    written: Written,
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
        self.held.as_ref().map(|h| h.audit_id.as_str())
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
        self.held = Some(Held {
            audit_id: audit_id.to_string(),
            lock,
            // A new audit: its journal is created by the first save.
            written: Written::fresh(),
        });
        Ok(())
    }

    /// Save `draft` atomically, holding its lock, then append the changes of its history that are not
    /// in its journal yet (and fsync); returns where the draft is.
    pub fn save(&mut self, draft: &Draft) -> Result<PathBuf, DraftError> {
        self.hold(&draft.audit_id)?;
        let path = self.store.save(draft)?;
        if let Some(held) = self.held.as_mut() {
            journal::sync(
                &RealFs,
                &journal_path(&path),
                &draft.history,
                &mut held.written,
            )?;
        }
        Ok(path)
    }

    /// Open the draft of `audit_id` to resume it: its lock is taken (refused while another msgaudit has
    /// it), then it is read with the history from its journal. An answer of the draft that the journal
    /// does not lead to (a kill between saving the draft and its journal line, a torn line, a draft
    /// older than journals) is added as a recovered change at the draft's last save; the journal is
    /// then written anew, compacted, by the next save. A draft that cannot be read leaves the lock free.
    pub fn open(&mut self, audit_id: &str) -> Result<Draft, DraftError> {
        self.held = None;
        let path = self.store.path_for(audit_id);
        let (mut draft, lock) = self.store.open(&path)?;
        let rewrite = with_journal(&mut draft, &path)?;
        self.held = Some(Held {
            audit_id: audit_id.to_string(),
            lock,
            written: Written::resumed(&draft.history, rewrite),
        });
        Ok(draft)
    }

    /// The draft was signed off: move it into the archive (kept, not deleted) and give up its lock.
    pub fn archive(&mut self, audit_id: &str) -> Result<PathBuf, DraftError> {
        let path = self.store.path_for(audit_id);
        let lock = match self.held.take() {
            Some(h) if h.audit_id == audit_id => h.lock,
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
        // The dropped answers are changes like any other: journalled with the moved draft.
        self.save(after)?;
        Ok(kept)
    }

    /// Save `draft` as a new draft file at `path` outside the drafts folder (a merged draft written with
    /// `-o`), with its journal beside it; an existing file is never overwritten.
    pub fn save_new_file(path: &std::path::Path, draft: &Draft) -> Result<(), DraftError> {
        super::atomic::write_new(path, draft.to_toml()?.as_bytes())?;
        journal::sync(
            &RealFs,
            &journal_path(path),
            &draft.history,
            &mut Written::fresh(),
        )?;
        Ok(())
    }

    /// The draft is not edited after all (e.g. its changed checklist was declined): give up its lock
    /// without writing anything.
    pub fn release(&mut self) {
        self.held = None;
    }
}

/// Read the draft file at `path` with the history of its journal, without taking its lock and without
/// writing anything (a draft to merge, possibly on a USB stick); what the journal lacks is recovered as
/// on resume.
pub fn read_with_history(path: &std::path::Path) -> Result<Draft, DraftError> {
    let mut draft = super::drafts::read(path).map_err(|reason| DraftError::Damaged {
        path: path.to_path_buf(),
        reason,
    })?;
    with_journal(&mut draft, path)?;
    Ok(draft)
}

/// Give `draft` (read from `path`) the history of its journal. An answer the journal does not lead to
/// is added as a recovered change at the draft's last save. True when the journal should be written
/// anew (it is untidy, or changes were recovered).
fn with_journal(draft: &mut Draft, path: &std::path::Path) -> Result<bool, DraftError> {
    let (mut changes, read) =
        journal::read(&journal_path(path)).map_err(|reason| DraftError::Damaged {
            path: journal_path(path),
            reason,
        })?;
    let mut recovered = history::diff(
        &history::replay(&changes),
        &draft.answers,
        draft.updated,
        &draft.meta.auditor,
        |_| false,
    );
    for c in &mut recovered {
        c.recovered = true;
    }
    let rewrite = read.untidy || !recovered.is_empty();
    changes.extend(recovered);
    draft.history = changes;
    Ok(rewrite)
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

    #[test]
    fn the_history_is_journalled_beside_the_draft_resumed_and_archived_with_it() {
        let home = tempfile::tempdir().unwrap();
        let paths = Paths::under_home(home.path()).unwrap();
        let mut d = draft();
        d.meta.auditor = "Erika Muster".into();
        let c = Arc::new(
            crate::checklist::load(
                &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.toml"),
            )
            .unwrap(),
        );
        let mut s = crate::audit::Session::new(Arc::clone(&c));
        let mut ws = Workspace::new(&paths);
        let t = jiff::Timestamp::from_second(1_790_000_000).unwrap();
        for (n, staff) in [(0, 12), (1, 14)] {
            crate::audit::values::apply(&mut s, "email.staff", &toml::Value::Integer(staff))
                .unwrap();
            d.capture(&s, t + jiff::SignedDuration::from_secs(n));
            ws.save(&d).unwrap();
        }
        assert!(d.annotate_last("Zahl aus der Personalabteilung"));
        ws.save(&d).unwrap();
        let journal = journal_path(&ws.path_for(&d.audit_id));
        assert_eq!(
            std::fs::read_to_string(&journal).unwrap().lines().count(),
            3
        );
        ws.release();
        let back = ws.open(&d.audit_id).unwrap();
        assert_eq!(back.history, d.history);
        assert_eq!(back.history[1].by, "Erika Muster");
        let archived = ws.archive(&d.audit_id).unwrap();
        assert!(!journal.exists());
        assert!(journal_path(&archived).is_file());
    }

    #[test]
    fn a_draft_without_journal_line_for_an_answer_resumes_with_it_recovered() {
        let home = tempfile::tempdir().unwrap();
        let paths = Paths::under_home(home.path()).unwrap();
        let mut d = draft();
        d.answers
            .insert("email.staff".into(), toml::Value::Integer(3));
        let mut ws = Workspace::new(&paths);
        // As a draft made before journals, or killed between the draft's save and its journal line.
        ws.save(&d).unwrap();
        ws.release();
        let back = ws.open(&d.audit_id).unwrap();
        assert_eq!(back.history.len(), 1);
        let c = &back.history[0];
        assert!(c.recovered && c.key == "email.staff" && c.at == d.updated);
        ws.save(&back).unwrap();
        let journal = journal_path(&ws.path_for(&d.audit_id));
        assert_eq!(std::fs::read_to_string(journal).unwrap().lines().count(), 1);
    }
}
