//! What an interrupted sign-off of the same audit left in the results folder, and settling it
//! before signing off again: a valid pair means "already signed", anything half-written goes.

use std::path::{Path, PathBuf};

use super::{Prepared, SignOffError};
use crate::audit::result::ResultFile;
use crate::sign;
use crate::store::bounded::{MAX_DOCUMENT_BYTES, MAX_SMALL_FILE_BYTES};
use crate::store::fsops::Fs;
use crate::store::read_bounded;

/// Looks at every file of this audit in `results_dir` (any date, any organisation name):
/// - a result with a signature that verifies with the signer's key and holds the same answers:
///   the audit is signed already; its paths are returned;
/// - a result with a signature that does not verify, or whose answers differ: an error, the
///   files are left alone (they are not ours to judge);
/// - a result without signature, a signature without result, a temp file: removed, they are
///   what a kill or a full disk left of an earlier attempt.
///
/// The caller holds the draft's lock, so no other process is signing off this audit now.
pub(super) fn earlier(
    fs: &dyn Fs,
    prepared: &Prepared,
    results_dir: &Path,
) -> Result<Option<(PathBuf, PathBuf)>, SignOffError> {
    let result_suffix = format!("-{}.result.toml", prepared.audit_id);
    let sig_suffix = format!("{result_suffix}.minisig");
    let mut names: Vec<String> = std::fs::read_dir(results_dir)
        .map_err(|source| SignOffError::Tidy {
            path: results_dir.to_path_buf(),
            source,
        })?
        .filter_map(std::result::Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let has = |name: &str| names.iter().any(|n| n == name);
    // Evidence folders of this audit: `<stem>.evidence` without its `<stem>.result.toml` (a kill or
    // failure after carrying the evidence, before the result), and temp folders of a carry.
    let evidence_suffix = format!("-{}{}", prepared.audit_id, crate::evidence::FOLDER_SUFFIX);
    let mut remove_dirs: Vec<String> = names
        .iter()
        .filter(|n| {
            let orphan = n
                .strip_suffix(crate::evidence::FOLDER_SUFFIX)
                .is_some_and(|stem| {
                    n.ends_with(&evidence_suffix) && !has(&format!("{stem}.result.toml"))
                });
            let temp = n.starts_with('.')
                && n.ends_with(".tmp")
                && n.contains(&format!("{evidence_suffix}."));
            (orphan || temp) && results_dir.join(n).is_dir()
        })
        .cloned()
        .collect();
    remove_dirs.sort();
    let mut remove = Vec::new();
    let mut found = None;
    for name in &names {
        if name.starts_with('.') {
            // `.…-<id>.result.toml.<pid>-<n>.tmp` and the same for its `.minisig`.
            if name.ends_with(".tmp") && name.contains(&format!("{result_suffix}.")) {
                remove.push(name.clone());
            }
        } else if name.ends_with(&result_suffix) {
            if !has(&format!("{name}.minisig")) {
                remove.push(name.clone());
            } else if found.is_none() {
                found = judge(prepared, &results_dir.join(name))?;
            }
        } else if let Some(result) = name.strip_suffix(".minisig")
            && name.ends_with(&sig_suffix)
            && !has(result)
        {
            remove.push(name.clone());
        }
    }
    if !remove.is_empty() || !remove_dirs.is_empty() {
        for name in &remove_dirs {
            let path = results_dir.join(name);
            fs.remove_dir_all(&path)
                .map_err(|source| SignOffError::Tidy { path, source })?;
        }
        for name in &remove {
            let path = results_dir.join(name);
            fs.remove_file(&path)
                .map_err(|source| SignOffError::Tidy { path, source })?;
        }
        fs.sync_dir(results_dir)
            .map_err(|source| SignOffError::Tidy {
                path: results_dir.to_path_buf(),
                source,
            })?;
    }
    Ok(found)
}

/// A complete pair of (by its name) this audit: `Some` if it is this very sign-off already done,
/// `None` if it belongs to another audit after all, an error if it stands in the way.
fn judge(
    prepared: &Prepared,
    result_path: &Path,
) -> Result<Option<(PathBuf, PathBuf)>, SignOffError> {
    let sig_path = PathBuf::from(format!("{}.minisig", result_path.display()));
    let signed_before = |reason: String| SignOffError::SignedBefore {
        path: result_path.to_path_buf(),
        reason,
    };
    let bytes =
        read_bounded(result_path, MAX_DOCUMENT_BYTES).map_err(|e| signed_before(e.to_string()))?;
    let signature =
        read_bounded(&sig_path, MAX_SMALL_FILE_BYTES).map_err(|e| signed_before(e.to_string()))?;
    let signature = String::from_utf8_lossy(&signature);
    sign::verify(&bytes, &signature, &prepared.public_key)
        .map_err(|e| signed_before(format!("its signature is not valid with this key: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    let earlier = ResultFile::from_toml(&text).map_err(signed_before)?;
    if earlier.audit_id != prepared.audit_id {
        return Ok(None);
    }
    if (earlier.answers, earlier.hidden_answers) != prepared.answers {
        return Err(signed_before(
            "the answers were changed after it was signed".to_string(),
        ));
    }
    Ok(Some((result_path.to_path_buf(), sig_path)))
}
