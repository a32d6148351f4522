//! `Persistence` on the workspace (`store::Workspace`): atomic writes in the drafts folder, and the
//! draft's lock held while this process edits it (a second msgaudit cannot resume the same draft).

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use std::sync::Arc;

use super::persist::{DraftSummary, Persistence, checklist_of};
use crate::audit::draft::Draft;
use crate::audit::evidence::Evidence;
use crate::checklist::Checklist;
use crate::lang::Lang;
use crate::store::{Paths, Workspace};

pub struct DiskStore {
    ws: Workspace,
    /// The language of the messages of failed saves and loads.
    lang: Lang,
}

impl DiskStore {
    pub fn new(paths: &Paths) -> DiskStore {
        DiskStore {
            ws: Workspace::new(paths),
            lang: Lang::default(),
        }
    }

    /// Messages in `lang` (default English).
    #[must_use]
    pub fn with_lang(mut self, lang: Lang) -> DiskStore {
        self.lang = lang;
        self
    }
}

impl Persistence for DiskStore {
    fn save(&mut self, draft: &Draft) -> Result<(), String> {
        self.ws
            .save(draft)
            .map(|_| ())
            .map_err(|e| crate::explain::draft(self.lang, &e))
    }

    fn list(&self, known: &[Arc<Checklist>], lang: Lang) -> Vec<DraftSummary> {
        self.ws
            .list()
            .into_iter()
            .map(|e| match e.draft {
                Ok(d) => DraftSummary::of(&d, checklist_of(known, &d), lang.code()),
                Err(reason) => {
                    let name = e
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    DraftSummary::damaged(name, reason)
                }
            })
            .collect()
    }

    fn load(&mut self, audit_id: &str) -> Result<Draft, String> {
        self.ws
            .open(audit_id)
            .map_err(|e| crate::explain::draft(self.lang, &e))
    }

    fn archive(&mut self, audit_id: &str) -> Result<PathBuf, String> {
        self.ws
            .archive(audit_id)
            .map_err(|e| crate::explain::draft(self.lang, &e))
    }

    fn release(&mut self) {
        self.ws.release();
    }

    fn location(&self, audit_id: &str) -> Option<PathBuf> {
        Some(self.ws.path_for(audit_id))
    }

    fn attach(
        &mut self,
        draft: &mut Draft,
        question: &str,
        source: &Path,
        caption: &str,
        now: Timestamp,
    ) -> Result<Evidence, String> {
        crate::evidence::attach(&mut self.ws, draft, question, source, caption, now)
            .map_err(|e| crate::explain::evidence(self.lang, &e))
    }

    fn detach(
        &mut self,
        draft: &mut Draft,
        question: &str,
        number: usize,
    ) -> Result<Evidence, String> {
        crate::evidence::detach(&mut self.ws, draft, question, number)
            .map_err(|e| crate::explain::evidence(self.lang, &e))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::audit::Meta;

    #[test]
    fn saves_lists_loads_and_locks() {
        let home = tempfile::tempdir().unwrap();
        let paths = Paths::under_home(home.path()).unwrap();
        let c = Arc::new(
            crate::checklist::load(
                &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/small.toml"),
            )
            .unwrap(),
        );
        let meta = Meta {
            organisation: "Muster GmbH".into(),
            unit: "Vertrieb".into(),
            auditor: "A".into(),
            ..Meta::default()
        };
        let d = Draft::new(&c, meta, jiff::Timestamp::now());
        let mut a = DiskStore::new(&paths);
        a.save(&d).unwrap();
        let listed = a.list(std::slice::from_ref(&c), Lang::De);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].organisation, "Muster GmbH");
        assert!(listed[0].progress.is_some());
        // A second process cannot take the draft while the first holds it.
        let mut b = DiskStore::new(&paths);
        assert!(b.load(&d.audit_id).is_err());
        drop(a);
        assert_eq!(b.load(&d.audit_id).unwrap().audit_id, d.audit_id);
        // Archiving moves it out of the list and frees it.
        let archived = b.archive(&d.audit_id).unwrap();
        assert!(archived.is_file());
        assert!(b.list(std::slice::from_ref(&c), Lang::De).is_empty());
    }

    #[test]
    fn release_frees_the_lock_for_another_process() {
        let home = tempfile::tempdir().unwrap();
        let paths = Paths::under_home(home.path()).unwrap();
        let c = Arc::new(
            crate::checklist::load(
                &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/small.toml"),
            )
            .unwrap(),
        );
        let d = Draft::new(&c, Meta::default(), jiff::Timestamp::now());
        let mut a = DiskStore::new(&paths);
        a.save(&d).unwrap();
        let mut b = DiskStore::new(&paths);
        assert!(b.load(&d.audit_id).is_err());
        a.release();
        assert!(b.load(&d.audit_id).is_ok());
    }
}
