//! Checklists: the TOML file format, loading with source spans, validation with compiler-style errors,
//! the condition language, includes and the messenger knowledge base. Pure: no terminal, no clock.

pub mod art30;
mod crossref;
pub mod diag;
pub mod expr;
pub mod files;
mod ids;
pub mod knowledge;
pub mod load;
mod model;
mod parse;
mod raw;
pub mod sheet;
mod toml_text;
mod validate;

use std::path::{Path, PathBuf};

pub use art30::Art30Field;
pub use diag::{Diagnostic, FileProblem};
pub use ids::id_problem;
pub use model::*;

/// Load and validate the checklist at `path`: every problem of the file (and its includes) or the checklist.
pub fn load(path: &Path) -> Result<Checklist, Vec<Diagnostic>> {
    load::Loader::default().load(path)
}

/// Load several checklists as `load` would, each file parsed and checked once for the whole batch: a
/// checklist that another one includes is checked on its own while that one loads, and not again.
pub fn load_each(paths: &[PathBuf]) -> Vec<Result<Checklist, Vec<Diagnostic>>> {
    let memo = load::Memo::default();
    paths
        .iter()
        .map(|p| load::Loader::with_memo(&memo).load_shared(p))
        .collect()
}

/// Whether a file in a checklist folder is a checklist (not an examples file or a knowledge base).
pub fn is_checklist_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".toml") && !name.ends_with(".examples.toml") && !is_knowledge_file(path)
}

/// A knowledge base has no `id` and an `[[entry]]` list; a checklist has `[[section]]`s. The first of the
/// two table headers decides, so only the head of the file is read (the catalog asks this of every file in
/// every folder at start-up). Not a regular file, unreadable or not UTF-8: not a knowledge base (loading it as
/// a checklist then says what is wrong).
pub fn is_knowledge_file(path: &Path) -> bool {
    use std::io::BufRead;
    // Checked before opening: opening a FIFO for reading blocks until a writer appears.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let head = std::io::Read::take(file, crate::store::bounded::MAX_DOCUMENT_BYTES);
    for line in std::io::BufReader::new(head).lines() {
        let Ok(line) = line else { return false };
        match line.trim() {
            "[[entry]]" => return true,
            "[[section]]" => return false,
            _ => {}
        }
    }
    false
}

/// The checklist files in a folder, sorted by name (not recursive).
pub fn files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_checklist_file(p))
        .collect();
    out.sort();
    Ok(out)
}

/// The examples file beside a checklist, `NAME.examples.toml`, if there is one.
pub fn examples_path(checklist: &Path) -> Option<PathBuf> {
    let stem = checklist.file_name()?.to_str()?.strip_suffix(".toml")?;
    let p = checklist.with_file_name(format!("{stem}.examples.toml"));
    p.is_file().then_some(p)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The batch shares its standalone checks; every result must be what a load of its own gives.
    #[test]
    fn a_batch_loads_each_checklist_as_a_load_of_its_own_would() {
        let mut paths = files_in(Path::new("checklists")).unwrap();
        paths.extend(files_in(Path::new("tests/fixtures")).unwrap());
        paths.extend(files_in(Path::new("tests/broken")).unwrap());
        assert!(paths.len() > 5, "{paths:?}");
        // Both orders: the included checklist before and after the one that includes it.
        for order in [paths.clone(), paths.iter().rev().cloned().collect()] {
            for (path, batch) in order.iter().zip(load_each(&order)) {
                match (load(path), batch) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!((&a.path, &a.sha256, &a.id), (&b.path, &b.sha256, &b.id));
                        assert_eq!(a.includes, b.includes, "{}", path.display());
                        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", path.display());
                    }
                    (Err(a), Err(b)) => assert_eq!(
                        a.iter()
                            .map(std::string::ToString::to_string)
                            .collect::<Vec<_>>(),
                        b.iter()
                            .map(std::string::ToString::to_string)
                            .collect::<Vec<_>>(),
                        "{}",
                        path.display()
                    ),
                    (a, b) => panic!("{}: {:?} vs {:?}", path.display(), a.is_ok(), b.is_ok()),
                }
            }
        }
    }

    #[test]
    fn a_knowledge_base_is_told_by_its_first_table_header() {
        let tmp = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = tmp.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let kb = write(
            "kb.toml",
            "format = 1\n# [[section]] in a comment\n[[entry]]\nid = \"a\"\n",
        );
        let cl = write(
            "cl.toml",
            "id = \"c\"\n[[section]]\nid = \"s\"\n[[entry]]\n",
        );
        let neither = write("n.toml", "id = \"c\"\n");
        let binary = write("b.toml", "\u{0}\n");
        std::fs::write(tmp.path().join("bad.toml"), [0xff, b'\n', b'[']).unwrap();
        assert!(is_knowledge_file(&kb));
        assert!(!is_knowledge_file(&cl));
        assert!(!is_knowledge_file(&neither));
        assert!(!is_knowledge_file(&binary));
        assert!(!is_knowledge_file(&tmp.path().join("bad.toml")));
        assert!(!is_knowledge_file(tmp.path()), "a folder");
        assert!(!is_knowledge_file(&tmp.path().join("missing.toml")));
        assert!(is_knowledge_file(Path::new("checklists/messengers.toml")));
        assert!(!is_knowledge_file(Path::new(
            "checklists/messenger-audit.toml"
        )));
    }
}
