//! The checklists offered for a new audit: the shipped ones, those in `--checklists DIR`, and those in the
//! user's checklist folder. Loaded once at start; a broken file is listed with its first problem.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::checklist::{self, Checklist};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Shipped,
    Folder,
    User,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub source: Source,
    /// The loaded checklist, or the first diagnostic (one line) when it does not load.
    pub checklist: Result<Arc<Checklist>, String>,
}

/// The checklists that loaded.
pub fn loaded(entries: &[Entry]) -> Vec<Arc<Checklist>> {
    entries
        .iter()
        .filter_map(|e| e.checklist.as_ref().ok().cloned())
        .collect()
}

/// Load every checklist file of the given folders, in order; the same file is listed once.
pub fn discover(folders: &[(PathBuf, Source)]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for (dir, source) in folders {
        let Ok(files) = checklist::files_in(dir) else {
            continue;
        };
        for path in files {
            let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if out
                .iter()
                .any(|e| std::fs::canonicalize(&e.path).unwrap_or_else(|_| e.path.clone()) == canon)
            {
                continue;
            }
            let checklist = checklist::load(&path).map(Arc::new).map_err(|d| {
                d.first()
                    .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
                    .unwrap_or_default()
            });
            out.push(Entry {
                path,
                source: *source,
                checklist,
            });
        }
    }
    out
}

/// Find the checklist a draft was made with: same path first, else the same id.
pub fn find<'a>(entries: &'a [Entry], path: &Path, id: &str) -> Option<&'a Arc<Checklist>> {
    let ok = || entries.iter().filter_map(|e| e.checklist.as_ref().ok());
    ok().find(|c| c.path == path)
        .or_else(|| ok().find(|c| c.id == id))
}
