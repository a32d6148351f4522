//! The earlier audit a new one starts from: the latest verified, not superseded result of the same
//! organisation and unit in the results folder, and its action plan. One lookup for both front ends.

use std::path::Path;

use jiff::Timestamp;

use super::list::result_files;
use super::supersedes::sha256_hex;
use super::verify::{self, Options};
use crate::audit::draft::Draft;
use crate::audit::plan::Previous;
use crate::audit::result::ResultFile;
use crate::checklist::load::MAX_FILE_BYTES;

/// Organisation and unit name the same audited unit (spaces around and case ignored).
fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The action plan of the latest result of `organisation` and `unit` in `dir` that verifies (with the
/// keys and checklists of `opts`) and that no other result there supersedes. None: there is none.
pub fn find(dir: &Path, organisation: &str, unit: &str, opts: &Options) -> Option<Previous> {
    let mut candidates: Vec<(std::path::PathBuf, String, ResultFile)> = result_files(dir)
        .ok()?
        .into_iter()
        .filter_map(|p| {
            let bytes = crate::store::read_bounded(&p, MAX_FILE_BYTES).ok()?;
            let r = ResultFile::from_toml(std::str::from_utf8(&bytes).ok()?).ok()?;
            (same(&r.meta.organisation, organisation) && same(&r.meta.unit, unit))
                .then(|| (p, sha256_hex(&bytes), r))
        })
        .collect();
    let superseded: Vec<String> = candidates
        .iter()
        .filter_map(|(_, _, r)| r.supersedes.as_ref().map(|s| s.sha256.to_lowercase()))
        .collect();
    candidates.retain(|(_, sha, _)| !superseded.contains(&sha.to_lowercase()));
    let day = |r: &ResultFile| r.meta.audit_date.unwrap_or_else(|| r.date());
    candidates.sort_by(|a, b| {
        (day(&b.2), b.2.signoff.signed_at).cmp(&(day(&a.2), a.2.signoff.signed_at))
    });
    candidates.into_iter().find_map(|(path, _, _)| {
        let v = verify::verify(&path, opts);
        if !v.is_valid() {
            return None;
        }
        let r = v.result?;
        let outcome = r.outcome.as_ref()?;
        let file = path.file_name()?.to_string_lossy().into_owned();
        Some(Previous::of(&r.audit_id, &file, day(&r), outcome, &r.plan))
    })
}

/// A new draft starts from the earlier audit's action plan, when there is one (a new audit of the
/// same organisation and unit). True when it did.
pub fn carry_over(draft: &mut Draft, opts: &Options, now: Timestamp) -> bool {
    let Some(dir) = opts.paths.as_ref().map(crate::store::Paths::results_dir) else {
        return false;
    };
    match find(&dir, &draft.meta.organisation, &draft.meta.unit, opts) {
        Some(p) => {
            draft.start_from(p, now);
            true
        }
        None => false,
    }
}
