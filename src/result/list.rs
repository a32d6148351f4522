//! The signed results in the results folder, as the front ends list them: organisation, unit, date and
//! whether the signature holds. Listing checks signatures only (cheap: one read, one Ed25519 check per
//! file); the full verification, which re-derives the outcome with the checklist, runs when one is opened.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;

use super::verify::{self, Reason, State};
use crate::i18n::{Lang, T};
use crate::text::sanitize_line;

/// The name every result file ends with.
pub const RESULT_SUFFIX: &str = ".result.toml";

/// One result file as a list shows it. Texts from the file are sanitised for a terminal already.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub path: PathBuf,
    /// The file name, for a file that cannot be read as a result.
    pub file: String,
    pub organisation: String,
    pub unit: String,
    /// The audit date (or, for results without one, the day the audit was finished, UTC); None when the
    /// file is no readable result.
    pub date: Option<Date>,
    pub signed_at: Option<Timestamp>,
    pub check: Check,
    /// The SHA-256 of the file's bytes, when it could be read.
    pub sha256: Option<String>,
    /// The SHA-256 of the result this one supersedes (`[supersedes]`), when its signature holds.
    pub supersedes: Option<String>,
    /// The file name of a result in the same list, validly signed, that supersedes this one: this one
    /// is no longer the current audit of its unit (docs/amend.md). Set by `list`.
    pub superseded_by: Option<String>,
}

/// What listing found out about a result's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The signature is valid and vouches for this file; its outcome is checked when it is opened.
    Signed { signer: String, key_id: String },
    /// The signature does not hold (or the file cannot be read): the reason.
    Invalid(Reason),
}

impl Listed {
    /// The verification state on one short line: "signature valid · signed by …" or "INVALID: …",
    /// followed by " · superseded by FILE" for a result that a later one corrects.
    pub fn state_line(&self, lang: Lang) -> String {
        let state = self.signature_line(lang);
        match &self.superseded_by {
            Some(by) => format!(
                "{state} · {}",
                T::new("ersetzt durch {0}", "superseded by {0}").fill(lang, &[by])
            ),
            None => state,
        }
    }

    fn signature_line(&self, lang: Lang) -> String {
        match &self.check {
            Check::Signed { signer, .. } => T::new(
                "Signatur gültig · abgezeichnet von {0}",
                "signature valid · signed off by {0}",
            )
            .fill(lang, &[signer]),
            Check::Invalid(reason) => format!(
                "{}: {}",
                T::new("UNGÜLTIG", "INVALID").get(lang),
                sanitize_line(&reason.text(lang))
            ),
        }
    }

    pub fn is_signed(&self) -> bool {
        matches!(self.check, Check::Signed { .. })
    }

    /// "Organisation · unit", or the file name when the file is no readable result.
    /// The date as a list shows it, in `lang` (`01.12.2026` / `2026-12-01`); empty for an unreadable file.
    pub fn date_text(&self, lang: Lang) -> String {
        self.date
            .map(|d| crate::i18n::dates::date_short(lang, d))
            .unwrap_or_default()
    }

    /// The title as a list shows it: with „(ersetzt)“ / "(superseded)" for a result a later one corrects,
    /// so that the mark is seen even where the state line is cut.
    pub fn heading(&self, lang: Lang) -> String {
        match self.superseded_by {
            Some(_) => format!(
                "{} {}",
                self.title(),
                T::new("(ersetzt)", "(superseded)").get(lang)
            ),
            None => self.title(),
        }
    }

    pub fn title(&self) -> String {
        match (self.organisation.is_empty(), self.unit.is_empty()) {
            (true, true) => self.file.clone(),
            (false, true) => self.organisation.clone(),
            (true, false) => self.unit.clone(),
            (false, false) => format!("{} · {}", self.organisation, self.unit),
        }
    }
}

/// The `*.result.toml` files in `dir` (regular files only), unsorted. A missing folder has none.
pub fn result_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(entries
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(RESULT_SUFFIX))
        })
        .collect())
}

/// Check one result's signature (keys as in `opts`; no checklist is loaded, nothing is re-derived).
pub fn check(path: &Path, opts: &verify::Options) -> Listed {
    listed(path, verify::verify(path, &cheap(opts)))
}

/// The options a listing verifies with: no checklists (nothing is re-derived).
fn cheap(opts: &verify::Options) -> verify::Options {
    verify::Options {
        checklist_dirs: Vec::new(),
        ..opts.clone()
    }
}

/// The list entry of a result verified as `check` does.
fn listed(path: &Path, v: verify::Verification) -> Listed {
    let file = sanitize_line(
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
    .into_owned();
    let (organisation, unit, date, signed_at) = match &v.result {
        Some(r) => (
            sanitize_line(&r.meta.organisation).into_owned(),
            sanitize_line(&r.meta.unit).into_owned(),
            // The audit date the auditor gave; results without one: the day the audit was finished.
            Some(r.meta.audit_date.unwrap_or_else(|| {
                r.outcome
                    .as_ref()
                    .map_or_else(|| crate::audit::result::audit_date(r.finished), |o| o.date)
            })),
            Some(r.signoff.signed_at),
        ),
        None => (String::new(), String::new(), None, None),
    };
    let valid = matches!(v.state, State::Valid { .. });
    let supersedes = v
        .result
        .as_ref()
        .and_then(|r| r.supersedes.as_ref())
        .filter(|_| valid)
        .map(|s| s.sha256.to_ascii_lowercase());
    let check = match v.state {
        State::Valid { signer, key_id, .. } => Check::Signed {
            signer: sanitize_line(&signer).into_owned(),
            key_id,
        },
        State::Invalid { reason } => Check::Invalid(reason),
    };
    Listed {
        path: path.to_path_buf(),
        file,
        organisation,
        unit,
        date,
        signed_at,
        check,
        sha256: v.sha256.map(|h| h.to_ascii_lowercase()),
        supersedes,
        superseded_by: None,
    }
}

/// Mark every result that a validly signed result of the same list supersedes (matched by the SHA-256
/// that `[supersedes]` names, so a renamed copy is found and a changed one is not).
pub fn mark_superseded(list: &mut [Listed]) {
    let by: Vec<(String, String)> = list
        .iter()
        .filter_map(|l| l.supersedes.clone().map(|h| (h, l.file.clone())))
        .collect();
    for l in list.iter_mut() {
        l.superseded_by = l
            .sha256
            .as_ref()
            .and_then(|h| by.iter().find(|(s, _)| s == h))
            .map(|(_, file)| file.clone());
    }
}

/// Every result in `dir` with its signature checked, most recently signed first (unreadable files last,
/// by name).
pub fn list(dir: &Path, opts: &verify::Options) -> std::io::Result<Vec<Listed>> {
    let cheap = cheap(opts);
    // One listing of the folder for all its results' counter-signatures.
    let mut batch = verify::Batch::new(&cheap);
    let mut out: Vec<Listed> = result_files(dir)?
        .iter()
        .map(|p| listed(p, batch.verify(p)))
        .collect();
    mark_superseded(&mut out);
    out.sort_by(|a, b| {
        b.signed_at
            .cmp(&a.signed_at)
            .then_with(|| a.file.cmp(&b.file))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_missing_folder_has_no_results_and_other_files_are_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        assert!(result_files(&dir.path().join("none")).unwrap().is_empty());
        std::fs::write(dir.path().join("a.result.toml.minisig"), "x").unwrap();
        std::fs::write(dir.path().join("a.report.md"), "x").unwrap();
        std::fs::create_dir(dir.path().join("b.result.toml")).unwrap();
        std::fs::write(dir.path().join("c.result.toml"), "not a result").unwrap();
        let files = result_files(dir.path()).unwrap();
        assert_eq!(files, [dir.path().join("c.result.toml")]);
        // Not a result: listed by its file name, with the reason.
        let l = list(dir.path(), &verify::Options::default()).unwrap();
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].title(), "c.result.toml");
        assert!(!l[0].is_signed());
        assert!(
            l[0].state_line(Lang::En).starts_with("INVALID: "),
            "{:?}",
            l[0]
        );
        assert!(l[0].state_line(Lang::De).starts_with("UNGÜLTIG: "));
    }
}
