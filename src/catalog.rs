//! Which checklists msgaudit knows: the shipped ones, the user's own folder and `--checklists DIR`.
//! Used to offer checklists for a new audit and to find the exact checklist version a result names.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::checklist::{self, Checklist, Diagnostic};
use crate::store::Paths;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Shipped,
    User,
    Extra,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub origin: Origin,
    pub path: PathBuf,
    pub checklist: Result<Arc<Checklist>, Vec<Diagnostic>>,
}

/// The folders to look in, in order: shipped, the user's checklists folder, the extra folder.
pub fn dirs(paths: Option<&Paths>, extra: Option<&Path>) -> Vec<(Origin, PathBuf)> {
    let shipped = paths.map_or_else(crate::shipped::dir, crate::shipped::dir_for);
    let mut out = vec![(Origin::Shipped, shipped)];
    if let Some(p) = paths {
        out.push((Origin::User, p.checklists_dir()));
    }
    if let Some(e) = extra {
        out.push((Origin::Extra, e.to_path_buf()));
    }
    out
}

/// Load every checklist in the folders; folders that do not exist are skipped (the user folder often doesn't).
pub fn load_all(dirs: &[(Origin, PathBuf)]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (origin, dir) in dirs {
        let mut found: Vec<Entry> = checklist::files_in(dir)
            .unwrap_or_default()
            .into_iter()
            .map(|path| Entry {
                origin: *origin,
                checklist: checklist::load(&path).map(Arc::new),
                path,
            })
            .collect();
        // A checklist that others include is a part of them: list the whole audits first.
        let parts: Vec<PathBuf> = found
            .iter()
            .filter_map(|e| e.checklist.as_ref().ok())
            .flat_map(|c| {
                c.includes
                    .iter()
                    .filter_map(|p| std::fs::canonicalize(p).ok())
            })
            .collect();
        found.sort_by_key(|e| {
            let is_part = std::fs::canonicalize(&e.path).is_ok_and(|p| parts.contains(&p));
            (is_part, e.path.clone())
        });
        out.extend(found);
    }
    out
}

/// The checklist with this id whose hash matches, and the versions of that id that are known otherwise.
pub fn find(
    dirs: &[(Origin, PathBuf)],
    id: &str,
    sha256: &str,
) -> (Option<Arc<Checklist>>, Vec<String>) {
    let mut others = Vec::new();
    for e in load_all(dirs) {
        if let Ok(c) = e.checklist
            && c.id == id
        {
            if c.sha256 == sha256 {
                return (Some(c), others);
            }
            others.push(c.version.clone());
        }
    }
    (None, others)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_audits_come_before_the_checklists_they_include() {
        let entries = load_all(&[(Origin::Shipped, PathBuf::from("checklists"))]);
        let names: Vec<String> = entries
            .iter()
            .filter_map(|e| e.path.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, ["messenger-audit.toml", "messenger-app-review.toml"]);
        assert!(entries.iter().all(|e| e.checklist.is_ok()));
    }
}
