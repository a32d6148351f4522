//! Amending a signed result (`msgaudit amend`, the TUI's results screen): verify it, then start a draft
//! from its answers, notes and details that, once signed, supersedes it (docs/amend.md). The one rule
//! for both front ends and the CLI; the signed file itself is never touched.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use super::verify::{self, Options, Reason, State};
use crate::audit::draft::{ChecklistRef, Draft};
use crate::audit::result::Supersedes;
use crate::catalog;
use crate::checklist::Checklist;
use crate::i18n::{Lang, T};
use crate::store::{DraftEntry, DraftError, Paths, Workspace};

/// Why no amendment was started.
#[derive(Debug, thiserror::Error)]
pub enum AmendError {
    /// No reason given: an amendment always says why.
    #[error("the reason for the amendment is empty")]
    NoReason,
    /// The result does not verify: only a valid result can be amended.
    #[error("the result does not verify")]
    Invalid(Reason),
    /// A validly signed result in the results folder supersedes this one already: amending this one
    /// again would fork the chain; the newest result is the one to amend.
    #[error("result {by} supersedes this result already")]
    Superseded { by: String },
    /// A draft amending this very result exists already: it is continued, not started twice.
    #[error("draft {audit_id} amends this result already")]
    Pending { audit_id: String },
    #[error(transparent)]
    Save(#[from] DraftError),
}

impl AmendError {
    /// The error in `lang`; a failed save is worded by `explain::amend` (which knows the store's words).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AmendError::NoReason => T::new(
                "Ein Grund für die Änderung ist erforderlich (--reason TEXT): er steht im neuen Ergebnis",
                "a reason for the amendment is required (--reason TEXT): it goes into the new result",
            )
            .get(lang)
            .to_string(),
            AmendError::Invalid(reason) => T::new(
                "Das Ergebnis lässt sich nicht prüfen und wird nicht geändert: {0}",
                "the result does not verify and is not amended: {0}",
            )
            .fill(lang, &[&reason.text(lang)]),
            AmendError::Superseded { by } => T::new(
                "Dieses Ergebnis ist bereits durch {0} ersetzt; ändern Sie das neueste Ergebnis",
                "this result is superseded by {0} already; amend the newest result instead",
            )
            .fill(lang, &[by]),
            AmendError::Pending { audit_id } => T::new(
                "Der Entwurf {0} ändert dieses Ergebnis bereits; setzen Sie ihn fort (msgaudit, Startbildschirm)",
                "draft {0} amends this result already; continue it (msgaudit, start screen)",
            )
            .fill(lang, &[audit_id]),
            AmendError::Save(e) => T::new(
                "Der Entwurf kann nicht gespeichert werden: {0}",
                "cannot save the draft: {0}",
            )
            .fill(lang, &[&e.to_string()]),
        }
    }
}

/// A draft started from a signed result, not saved yet.
#[derive(Debug, Clone)]
pub struct Amendment {
    pub draft: Draft,
    /// The result's checklist as found now (the exact one, else one of the same id: the draft then
    /// resumes as a draft on a changed checklist does); None when no checklist of that id is known.
    pub checklist: Option<Arc<Checklist>>,
}

/// Verify `path` and build the draft that amends it. `drafts` are the drafts in the drafts folder: one
/// that amends the same bytes already is named instead of starting a second.
pub fn prepare(
    path: &Path,
    opts: &Options,
    reason: &str,
    drafts: &[DraftEntry],
    now: Timestamp,
) -> Result<Amendment, AmendError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AmendError::NoReason);
    }
    let v = verify::verify(path, opts);
    let (result, sha256) = match (v.state, v.result, v.sha256) {
        (State::Valid { .. }, Some(r), Some(h)) => (r, h),
        (State::Invalid { reason }, _, _) => return Err(AmendError::Invalid(reason)),
        // Valid always carries the parsed result and its hash (see `verify`).
        _ => return Err(AmendError::Invalid(Reason::OtherAudit)),
    };
    if let Some(by) = superseded_by(opts, &sha256) {
        return Err(AmendError::Superseded { by });
    }
    if let Some(d) = drafts
        .iter()
        .filter_map(|e| e.draft.as_ref().ok())
        .find(|d| {
            d.amends
                .as_ref()
                .is_some_and(|a| a.sha256.eq_ignore_ascii_case(&sha256))
        })
    {
        return Err(AmendError::Pending {
            audit_id: d.audit_id.clone(),
        });
    }
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let amends = Supersedes {
        audit_id: result.audit_id.clone(),
        file,
        sha256,
        signed_at: result.signoff.signed_at,
        reason: reason.to_string(),
    };
    let (exact, _) = catalog::find(
        &opts.checklist_dirs,
        &result.checklist.id,
        &result.checklist.sha256,
    );
    let checklist = exact.or_else(|| {
        let known = catalog::usable(&catalog::loaded(&opts.checklist_dirs));
        catalog::known_for_draft(&known, &result.checklist_ref())
    });
    let mut r = result.checklist_ref();
    r.path = checklist
        .as_ref()
        .map_or_else(PathBuf::new, |c| ChecklistRef::of(c).path);
    Ok(Amendment {
        draft: Draft::amending(&result, amends, r, now),
        checklist,
    })
}

/// The file name of a validly signed result in the results folder that supersedes the result with
/// this SHA-256 (signatures checked only, as the results list does).
fn superseded_by(opts: &Options, sha256: &str) -> Option<String> {
    let dir = opts.paths.as_ref()?.results_dir();
    let listed = super::list::list(&dir, opts).ok()?;
    listed
        .into_iter()
        .find(|l| {
            l.supersedes
                .as_deref()
                .is_some_and(|h| h.eq_ignore_ascii_case(sha256))
        })
        .map(|l| l.file)
}

/// Verify `path`, build the amending draft and save it in the drafts folder of `paths`; returns the
/// draft and where it is. Continued like any draft (start screen, `msgaudit --plain`).
pub fn start(
    path: &Path,
    opts: &Options,
    paths: &Paths,
    reason: &str,
    now: Timestamp,
) -> Result<(Draft, PathBuf), AmendError> {
    let mut ws = Workspace::new(paths);
    let a = prepare(path, opts, reason, &ws.list(), now)?;
    let saved = ws.save(&a.draft)?;
    ws.release();
    Ok((a.draft, saved))
}
