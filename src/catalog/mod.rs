//! Which checklists msgaudit knows: the shipped ones, the user's own folder and `--checklists DIR`.
//! One policy for both front ends and the commands: which checklists to offer (each folder and each
//! identical checklist once), which checklist a draft or a result belongs to.

pub mod cache;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use cache::ModelCache;

use crate::audit::draft::ChecklistRef;
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

/// Load every checklist in the folders, each once: a folder named twice (say, `--checklists` pointing at
/// the shipped folder) is read once, and a checklist with the same id and bytes as one listed before it
/// (a copy of a shipped file) is not offered again. Folders that do not exist are skipped (the user
/// folder often doesn't).
pub fn load(folders: &[(Origin, PathBuf)]) -> Vec<Entry> {
    load_with(folders, None)
}

/// [`load`], taking each checklist from `cache` while the files it was read from are unchanged, and
/// keeping there every checklist loaded from its files.
pub fn load_with(folders: &[(Origin, PathBuf)], cache: Option<&ModelCache>) -> Vec<Entry> {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut dirs = Vec::new();
    for (origin, dir) in folders {
        let canon = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        if !seen.contains(&canon) {
            seen.push(canon);
            dirs.push((*origin, dir.clone()));
        }
    }
    let mut out: Vec<Entry> = Vec::new();
    for e in load_all_with(&dirs, cache) {
        let copy = e.checklist.as_ref().is_ok_and(|c| {
            out.iter().any(|o| {
                o.checklist
                    .as_ref()
                    .is_ok_and(|k| k.id == c.id && k.sha256 == c.sha256)
            })
        });
        if !copy {
            out.push(e);
        }
    }
    out
}

/// Load every checklist in the folders as they are, in folder order (no de-duplication: `load` is what
/// front ends offer).
pub fn load_all(dirs: &[(Origin, PathBuf)]) -> Vec<Entry> {
    load_all_with(dirs, None)
}

fn load_all_with(dirs: &[(Origin, PathBuf)], cache: Option<&ModelCache>) -> Vec<Entry> {
    let listed: Vec<(Origin, Vec<PathBuf>)> = dirs
        .iter()
        .map(|(origin, dir)| (*origin, checklist::files_in(dir).unwrap_or_default()))
        .collect();
    let all: Vec<PathBuf> = listed.iter().flat_map(|(_, p)| p.iter().cloned()).collect();
    let mut loaded = load_each_cached(&all, cache).into_iter();
    let mut out = Vec::new();
    for (origin, paths) in listed {
        let mut found: Vec<Entry> = paths
            .into_iter()
            .zip(loaded.by_ref())
            .map(|(path, c)| Entry {
                origin,
                checklist: c.map(Arc::new),
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

/// `checklist::load_each`, with what `cache` holds unchanged taken from there.
fn load_each_cached(
    paths: &[PathBuf],
    cache: Option<&ModelCache>,
) -> Vec<Result<Checklist, Vec<Diagnostic>>> {
    let Some(cache) = cache else {
        return checklist::load_each(paths);
    };
    let mut seen = cache::Seen::default();
    let mut found: Vec<Option<Checklist>> =
        paths.iter().map(|p| cache.get_in(p, &mut seen)).collect();
    let missing: Vec<PathBuf> = paths
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(p, _)| p.clone())
        .collect();
    // One batch: a checklist that another includes is parsed and checked once, not again on its own.
    let mut fresh = checklist::load_each(&missing).into_iter();
    found
        .iter_mut()
        .map(|f| {
            if let Some(c) = f.take() {
                return Ok(c);
            }
            // `load_each` gives one result per path it was given, so this is the one of `f`'s path.
            let loaded = fresh.next().unwrap_or_else(|| Err(Vec::new()));
            if let Ok(c) = &loaded {
                cache.put(c);
            }
            loaded
        })
        .collect()
}

/// The checklists of the catalog that loaded.
pub fn usable(entries: &[Entry]) -> Vec<Arc<Checklist>> {
    entries
        .iter()
        .filter_map(|e| e.checklist.as_ref().ok().cloned())
        .collect()
}

/// The checklist a draft belongs to, as both front ends resume it.
#[derive(Debug, Clone)]
pub struct DraftChecklist {
    pub checklist: Arc<Checklist>,
    /// The checklist is not the exact version the draft was made with (same id, other bytes): resuming
    /// says so and, once the auditor agrees, the draft adopts it (`Draft::adopt`).
    pub changed: bool,
}

/// Why no checklist fits a draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoChecklist {
    #[error(
        "the checklist {id} {version} is not available (not in the checklist folders, nor at {path})"
    )]
    Missing {
        id: String,
        version: String,
        path: String,
    },
    #[error("the checklist file {path} has an error: {}", problem.en)]
    Broken {
        path: String,
        problem: crate::i18n::Text,
    },
}

/// The checklist a draft was made with among `known` only (nothing is read): the same bytes (id and
/// hash); else, changed, the same file, or the same id. Listing drafts needs no more.
pub fn known_for_draft(known: &[Arc<Checklist>], r: &ChecklistRef) -> Option<Arc<Checklist>> {
    known
        .iter()
        .find(|c| c.id == r.id && c.sha256 == r.sha256)
        .or_else(|| known.iter().find(|c| c.id == r.id && c.path == r.path))
        .or_else(|| known.iter().find(|c| c.id == r.id))
        .cloned()
}

/// The checklist a draft was made with, among `known` (`known_for_draft`); else the file the draft names,
/// if it still has the draft's id.
pub fn for_draft(
    known: &[Arc<Checklist>],
    r: &ChecklistRef,
) -> Result<DraftChecklist, NoChecklist> {
    let checklist = if let Some(c) = known_for_draft(known, r) {
        c
    } else {
        let missing = || NoChecklist::Missing {
            id: r.id.clone(),
            version: r.version.clone(),
            path: r.path.display().to_string(),
        };
        if r.path.as_os_str().is_empty() || !r.path.is_file() {
            return Err(missing());
        }
        match checklist::load(&r.path) {
            Ok(c) if c.id == r.id => Arc::new(c),
            Ok(_) => return Err(missing()),
            Err(d) => {
                return Err(NoChecklist::Broken {
                    path: r.path.display().to_string(),
                    problem: d.first().map(Diagnostic::text).unwrap_or_default(),
                });
            }
        }
    };
    let changed = checklist.sha256 != r.sha256;
    Ok(DraftChecklist { checklist, changed })
}

/// What the files of the folders look like: every `.toml` file's path, size and modification time.
/// Equal fingerprints mean the folders hold the same checklists (as far as a cache needs to know).
type Fingerprint = Vec<(PathBuf, u64, Option<std::time::SystemTime>)>;

fn fingerprint(dirs: &[(Origin, PathBuf)]) -> Fingerprint {
    let mut out = Vec::new();
    for (_, dir) in dirs {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml")
                && let Ok(m) = e.metadata()
            {
                out.push((p, m.len(), m.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

type Cached = (Vec<(Origin, PathBuf)>, Fingerprint, Arc<Vec<Entry>>);

/// The checklist cache [`loaded`] reads and fills; set once by the command line from its paths. Unset (a
/// library user, most tests), every process validates its checklists from their files.
static MODEL_CACHE: std::sync::OnceLock<ModelCache> = std::sync::OnceLock::new();

/// Let [`loaded`] keep validated checklists in `cache` between runs. The first call wins: one process has
/// one data folder.
pub fn keep_models_in(cache: ModelCache) {
    // A second call (a test running the CLI twice in one process) names the same folder or is ignored.
    let _ = MODEL_CACHE.set(cache);
}

/// The catalog of `dirs`, loaded once per process while the files stay the same: verifying or
/// reporting a thousand results reads and validates each checklist once, not once per result.
pub fn loaded(dirs: &[(Origin, PathBuf)]) -> Arc<Vec<Entry>> {
    static CACHE: crate::memo::Memo<Cached> = crate::memo::Memo::new();
    let print = fingerprint(dirs);
    let mut cache = CACHE.lock();
    if let Some((_, _, entries)) = cache.iter().find(|(d, f, _)| d == dirs && *f == print) {
        return Arc::clone(entries);
    }
    let entries = Arc::new(load_with(dirs, MODEL_CACHE.get()));
    cache.retain(|(d, _, _)| d != dirs);
    cache.push((dirs.to_vec(), print, Arc::clone(&entries)));
    entries
}

/// The checklist with this id whose hash matches, and the versions of that id that are known otherwise.
pub fn find(
    dirs: &[(Origin, PathBuf)],
    id: &str,
    sha256: &str,
) -> (Option<Arc<Checklist>>, Vec<String>) {
    let mut others = Vec::new();
    for e in loaded(dirs).iter() {
        if let Ok(c) = &e.checklist
            && c.id == id
        {
            if c.sha256 == sha256 {
                return (Some(Arc::clone(c)), others);
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

    /// `msgaudit --plain --checklists checklists` listed every shipped checklist twice.
    #[test]
    fn a_folder_or_a_checklist_named_twice_is_offered_once() {
        let shipped = PathBuf::from("checklists");
        let twice = load(&[
            (Origin::Shipped, shipped.clone()),
            (Origin::Extra, shipped.clone()),
        ]);
        assert_eq!(twice.len(), 2, "{twice:?}");
        // A copy of the shipped files in another folder (an installed binary's extracted copy).
        let copy = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for e in std::fs::read_dir(&shipped).unwrap_or_else(|e| panic!("{e}")) {
            let p = e.unwrap_or_else(|e| panic!("{e}")).path();
            if let Some(name) = p.file_name() {
                std::fs::copy(&p, copy.path().join(name)).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let both = load(&[
            (Origin::Shipped, shipped),
            (Origin::Extra, copy.path().to_path_buf()),
        ]);
        assert_eq!(both.len(), 2, "{both:?}");
        assert!(both.iter().all(|e| e.origin == Origin::Shipped));
    }

    #[test]
    fn the_catalog_is_loaded_once_while_its_files_stay_the_same() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let src =
            std::fs::read_to_string("tests/fixtures/small.toml").unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("small.toml");
        std::fs::write(&file, &src).unwrap_or_else(|e| panic!("{e}"));
        let dirs = [(Origin::Extra, dir.path().to_path_buf())];
        let first = loaded(&dirs);
        assert!(Arc::ptr_eq(&first, &loaded(&dirs)), "loaded once");
        // A changed file (here: a different size) is loaded again.
        std::fs::write(&file, src.replacen("1.0.0", "1.0.10", 1)).unwrap_or_else(|e| panic!("{e}"));
        let again = loaded(&dirs);
        assert!(!Arc::ptr_eq(&first, &again));
        let versions: Vec<String> = again
            .iter()
            .filter_map(|e| e.checklist.as_ref().ok().map(|c| c.version.clone()))
            .collect();
        assert_eq!(versions, ["1.0.10"]);
    }
}
