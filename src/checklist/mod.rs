//! Checklists: the TOML file format, loading with source spans, validation with compiler-style errors,
//! the condition language, includes and the messenger knowledge base. Pure: no terminal, no clock.

mod crossref;
pub mod diag;
pub mod expr;
pub mod knowledge;
pub mod load;
mod model;
mod raw;
mod validate;

use std::path::{Path, PathBuf};

pub use diag::{Diagnostic, FileProblem};
pub use model::*;
pub use validate::id_problem;

/// Load and validate the checklist at `path`: every problem of the file (and its includes) or the checklist.
pub fn load(path: &Path) -> Result<Checklist, Vec<Diagnostic>> {
    load::Loader::default().load(path)
}

/// Whether a file in a checklist folder is a checklist (not an examples file or a knowledge base).
pub fn is_checklist_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".toml") && !name.ends_with(".examples.toml") && !is_knowledge_file(path)
}

/// A knowledge base has no `id` and an `[[entry]]` list; checked cheaply by looking for its table header.
pub fn is_knowledge_file(path: &Path) -> bool {
    load::read_text(path) // bounded: a FIFO named *.toml in a folder must not hang `check DIR`
        .map(|t| {
            t.lines().any(|l| l.trim() == "[[entry]]")
                && !t.lines().any(|l| l.trim() == "[[section]]")
        })
        .unwrap_or(false)
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
