//! What the TUI needs from draft storage: save, list, load. The real store (atomic writes, locking, the
//! data folder) implements `Persistence`; `MemoryStore` is the in-memory stand-in for tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use crate::audit::Progress;
use crate::audit::draft::Draft;
use crate::audit::evidence::Evidence;
use crate::checklist::Checklist;
use crate::lang::Lang;

/// One draft as the start screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSummary {
    /// What `Persistence::load` takes.
    pub audit_id: String,
    pub organisation: String,
    pub unit: String,
    /// The checklist's title (or its id when the checklist cannot be loaded).
    pub checklist: String,
    /// None when the checklist could not be loaded to compute it.
    pub progress: Option<Progress>,
    pub updated: Option<Timestamp>,
    /// Why the draft cannot be resumed (unreadable, damaged, locked by another msgaudit), if so.
    pub damaged: Option<String>,
}

impl DraftSummary {
    /// Summarise a readable draft; `checklist` (the one it was made with, if it can be loaded) gives the
    /// title and progress.
    pub fn of(draft: &Draft, checklist: Option<Arc<Checklist>>, lang: &str) -> DraftSummary {
        // The draft stores its progress at every save: listing needs no session and no checklist (a draft of
        // a changed checklist shows the progress it was saved with; resuming recomputes it). Until the
        // catalog is loaded, or when its checklist is not there, the draft shows its checklist's id.
        let title = checklist.map_or_else(
            || draft.checklist.id.clone(),
            |c| c.title.get(lang).to_string(),
        );
        let progress = Some(Progress {
            visible: 0,
            required: draft.required,
            answered: draft.answered,
        });
        DraftSummary {
            audit_id: draft.audit_id.clone(),
            organisation: draft.meta.organisation.clone(),
            unit: draft.meta.unit.clone(),
            checklist: title,
            progress,
            updated: Some(draft.updated),
            damaged: None,
        }
    }

    /// A draft file that cannot be read, with the reason.
    pub fn damaged(audit_id: impl Into<String>, reason: impl Into<String>) -> DraftSummary {
        DraftSummary {
            audit_id: audit_id.into(),
            organisation: String::new(),
            unit: String::new(),
            checklist: String::new(),
            progress: None,
            updated: None,
            damaged: Some(reason.into()),
        }
    }
}

/// The checklist a draft was made with, among `known` (`catalog::for_draft`), to show its title and progress.
pub fn checklist_of(known: &[Arc<Checklist>], d: &Draft) -> Option<Arc<Checklist>> {
    // Only among the loaded checklists: the start screen lists drafts before the catalog is loaded, and a
    // draft's own checklist file is read when it is resumed, not to list it.
    crate::catalog::known_for_draft(known, &d.checklist)
}

/// Draft storage as the TUI uses it.
pub trait Persistence {
    /// Store the draft durably (replacing the previous version of the same `audit_id`).
    fn save(&mut self, draft: &Draft) -> Result<(), String>;
    /// The drafts to offer on the start screen, most recent first. `known` are the checklists the UI
    /// loaded (to compute progress: `DraftSummary::of`), `lang` the UI language for their titles.
    fn list(&self, known: &[Arc<Checklist>], lang: Lang) -> Vec<DraftSummary>;
    /// Read one draft to resume it (and take whatever lock the store needs).
    fn load(&mut self, audit_id: &str) -> Result<Draft, String>;
    /// The draft was signed off: move it out of the list into the archive (kept, not deleted) and
    /// give up its lock. Returns where it went.
    fn archive(&mut self, audit_id: &str) -> Result<PathBuf, String>;
    /// The loaded draft is not edited after all (e.g. its changed checklist was declined): give up its
    /// lock without writing anything.
    fn release(&mut self) {}
    /// Where the draft of `audit_id` is kept, to tell the auditor (e.g. after a crash).
    fn location(&self, _audit_id: &str) -> Option<PathBuf> {
        None
    }
    /// Whether a successful `save` survives the program. When false, quitting asks for confirmation.
    fn durable(&self) -> bool {
        true
    }
    /// Attach the file at `source` to the question `question` of `draft` and save the draft with it
    /// (`crate::evidence::attach` on disk). A store without a place for files refuses.
    fn attach(
        &mut self,
        _draft: &mut Draft,
        _question: &str,
        _source: &Path,
        _caption: &str,
        _now: Timestamp,
    ) -> Result<Evidence, String> {
        Err("this draft store keeps no evidence files".into())
    }
    /// Remove the `number`th (1-based) evidence file of `question` and save the draft without it.
    fn detach(
        &mut self,
        _draft: &mut Draft,
        _question: &str,
        _number: usize,
    ) -> Result<Evidence, String> {
        Err("this draft store keeps no evidence files".into())
    }
}

/// Keeps drafts in memory: for tests, and until the real store is plugged in.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    pub drafts: BTreeMap<String, Draft>,
    /// Extra summaries to list (e.g. damaged drafts in tests).
    pub extra: Vec<DraftSummary>,
    /// When set, `save` fails with this message.
    pub fail_saves: Option<String>,
    pub saves: usize,
    /// Drafts archived after sign-off.
    pub archived: BTreeMap<String, Draft>,
    /// Whether a loaded draft is held (released by `release` and `archive`).
    pub held: Option<String>,
}

impl Persistence for MemoryStore {
    fn save(&mut self, draft: &Draft) -> Result<(), String> {
        if let Some(msg) = &self.fail_saves {
            return Err(msg.clone());
        }
        self.saves += 1;
        self.drafts.insert(draft.audit_id.clone(), draft.clone());
        Ok(())
    }

    fn list(&self, known: &[Arc<Checklist>], lang: Lang) -> Vec<DraftSummary> {
        let mut out: Vec<DraftSummary> = self
            .drafts
            .values()
            .map(|d| DraftSummary::of(d, checklist_of(known, d), lang.code()))
            .collect();
        out.sort_by_key(|s| std::cmp::Reverse(s.updated));
        out.extend(self.extra.iter().cloned());
        out
    }

    fn load(&mut self, audit_id: &str) -> Result<Draft, String> {
        let d = self
            .drafts
            .get(audit_id)
            .cloned()
            .ok_or_else(|| format!("no draft {audit_id}"))?;
        self.held = Some(audit_id.to_string());
        Ok(d)
    }

    fn archive(&mut self, audit_id: &str) -> Result<PathBuf, String> {
        let d = self
            .drafts
            .remove(audit_id)
            .ok_or_else(|| format!("no draft {audit_id}"))?;
        self.archived.insert(audit_id.to_string(), d);
        self.held = None;
        Ok(PathBuf::from(format!("archive/{audit_id}.draft.toml")))
    }

    fn release(&mut self) {
        self.held = None;
    }

    fn durable(&self) -> bool {
        false
    }

    /// Hashes the file and records it; nothing is copied.
    fn attach(
        &mut self,
        draft: &mut Draft,
        question: &str,
        source: &Path,
        caption: &str,
        now: Timestamp,
    ) -> Result<Evidence, String> {
        let hashed = crate::evidence::hash_file(source).map_err(|e| e.text(Lang::En))?;
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file =
            crate::evidence::stored_name(&name, draft.evidence.iter().map(|e| e.file.as_str()));
        let e = Evidence {
            question: question.to_string(),
            name,
            file,
            size: hashed.size,
            sha256: hashed.sha256,
            caption: caption.trim().to_string(),
            added: now,
        };
        draft.evidence.push(e.clone());
        self.save(draft)?;
        Ok(e)
    }

    fn detach(
        &mut self,
        draft: &mut Draft,
        question: &str,
        number: usize,
    ) -> Result<Evidence, String> {
        let i = crate::evidence::of_question(&draft.evidence, question)
            .nth(number.wrapping_sub(1))
            .map(|(i, _)| i)
            .ok_or_else(|| format!("no evidence file {number}"))?;
        let e = draft.evidence.remove(i);
        self.save(draft)?;
        Ok(e)
    }
}
