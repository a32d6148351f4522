//! Checking a signed result's evidence: each file the result lists is looked for in the evidence
//! folders (`--evidence-dir`, else `<result name>.evidence/` and then `evidence/` beside the result)
//! and hashed, streamed. A changed file makes the result invalid; a missing one is a remark.

use std::path::{Path, PathBuf};

use super::{Evidence, EvidenceError, hash_file, is_plain_name, result_folder};

/// What was found of one evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Present with exactly the recorded size and SHA-256.
    Matches(PathBuf),
    /// In none of the folders (or the result names it with a path, which is never followed).
    Missing,
    /// Present with other bytes: changed after the result was signed.
    Changed {
        path: PathBuf,
        size: u64,
        sha256: String,
    },
    /// Present but not readable as a file (a folder, a pipe, no permission): not checked.
    Unreadable {
        path: PathBuf,
        /// What the system said; None: not a regular file.
        error: Option<std::io::ErrorKind>,
    },
}

/// One evidence file of a result and what was found of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub entry: Evidence,
    pub found: Found,
}

/// The folders a result's evidence is looked for in, in order: `explicit` alone when given, else
/// `<result name>.evidence/` and `evidence/` beside the result.
pub fn folders(result: &Path, explicit: Option<&Path>) -> Vec<PathBuf> {
    match explicit {
        Some(dir) => vec![dir.to_path_buf()],
        None => vec![result_folder(result), result.with_file_name("evidence")],
    }
}

/// Check every evidence file of the result at `result` (its `entries`): the first of [`folders`]
/// that has the file is where it is checked.
pub fn check(result: &Path, entries: &[Evidence], explicit: Option<&Path>) -> Vec<Checked> {
    let dirs = folders(result, explicit);
    entries
        .iter()
        .map(|e| Checked {
            entry: e.clone(),
            found: find(&dirs, e),
        })
        .collect()
}

fn find(dirs: &[PathBuf], e: &Evidence) -> Found {
    if !is_plain_name(&e.file) {
        return Found::Missing;
    }
    let Some(path) = dirs
        .iter()
        .map(|d| d.join(&e.file))
        .find(|p| std::fs::symlink_metadata(p).is_ok())
    else {
        return Found::Missing;
    };
    match hash_file(&path) {
        Ok(h) if h.sha256 == e.sha256 && h.size == e.size => Found::Matches(path),
        Ok(h) => Found::Changed {
            path,
            size: h.size,
            sha256: h.sha256,
        },
        Err(err) => Found::Unreadable {
            error: match &err {
                EvidenceError::Read { source, .. } => Some(source.kind()),
                _ => None,
            },
            path,
        },
    }
}
