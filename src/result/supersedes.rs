//! The amendment chain of a result (`[supersedes]`, docs/amend.md): which earlier results it replaces,
//! link by link, and whether each superseded file found beside it (or in the results folder) still has
//! the SHA-256 the later result names. A missing file is a remark; a changed one fails verification.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::audit::result::{ResultFile, Supersedes};
use crate::checklist::load::MAX_FILE_BYTES;
use crate::i18n::dates::{self, Zone};
use crate::i18n::{Lang, T};

/// A chain longer than this is not followed further (a hostile folder could loop by hash collisions
/// of names; real chains are a handful of corrections).
const MAX_LINKS: usize = 64;

/// The SHA-256 of a file's bytes, in lower-case hex, as `[supersedes]` records it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// One link of the chain: the result named by `[supersedes]` and what was found of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    pub link: Supersedes,
    pub found: Found,
}

/// What was found of a superseded result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Found with exactly the named bytes.
    Matches(PathBuf),
    /// Not beside the result nor in the results folder (or the name is not a plain file name).
    Missing,
    /// A file of that name whose SHA-256 differs: it was changed after it was superseded.
    Mismatch { path: PathBuf, actual: String },
}

impl Superseded {
    /// "ersetzt a1b2c3d4 (1. Dezember 2026) – Grund" / "supersedes a1b2c3d4 (1 December 2026) — reason".
    pub fn line(&self, lang: Lang, zone: &Zone) -> String {
        let l = &self.link;
        let date = dates::date(lang, zone.today(l.signed_at));
        let base = T::new("ersetzt {0} ({1}) – {2}", "supersedes {0} ({1}) — {2}")
            .fill(lang, &[&l.audit_id, &date, &l.reason]);
        let state = match &self.found {
            Found::Matches(_) => T::new(
                "Datei {0} gefunden, SHA-256 stimmt",
                "file {0} found, SHA-256 matches",
            ),
            Found::Missing => T::new("Datei {0} nicht gefunden", "file {0} not found"),
            Found::Mismatch { .. } => T::new(
                "Datei {0} gefunden, SHA-256 stimmt NICHT",
                "file {0} found, SHA-256 does NOT match",
            ),
        }
        .fill(lang, &[&l.file]);
        format!("{base} [{state}]")
    }
}

/// The file name as a plain name in a folder, or None when it names a folder or leaves it.
fn plain_name(file: &str) -> Option<&str> {
    let p = Path::new(file);
    (p.file_name().is_some_and(|n| n == p.as_os_str()) && !file.contains(['/', '\\']))
        .then_some(file)
}

/// Follow `result`'s `[supersedes]` links from the file at `path`: each superseded file is looked for
/// beside the file that names it, then in `results_dir`. The chain goes on through files that match
/// (their bytes are the ones the later result names) and stops at a missing or changed one.
pub fn follow(path: &Path, result: &ResultFile, results_dir: Option<&Path>) -> Vec<Superseded> {
    let mut out: Vec<Superseded> = Vec::new();
    let mut at = path.to_path_buf();
    let mut next = result.supersedes.clone();
    while let Some(link) = next.take() {
        if out.len() >= MAX_LINKS || out.iter().any(|s| s.link.sha256 == link.sha256) {
            break;
        }
        let found = find(&at, &link, results_dir);
        if let Found::Matches(p) = &found {
            // Read again only to go on: the bytes were just hashed, a failure here ends the chain.
            next = crate::store::read_text_bounded(p, MAX_FILE_BYTES)
                .ok()
                .and_then(|t| ResultFile::from_toml(&t).ok())
                .and_then(|r| r.supersedes);
            at.clone_from(p);
        }
        out.push(Superseded { link, found });
    }
    out
}

/// Why verification fails at a changed superseded file (`Reason::Superseded`).
pub fn mismatch_text(file: &str, path: &Path, expected: &str, actual: &str, lang: Lang) -> String {
    let short = |h: &str| h.chars().take(16).collect::<String>();
    T::new(
        "das ersetzte Ergebnis {0} ({1}) wurde geändert: SHA-256 {2}…, dieses Ergebnis nennt {3}…",
        "the superseded result {0} ({1}) was changed: SHA-256 {2}…, this result names {3}…",
    )
    .fill(
        lang,
        &[
            file,
            &crate::text::escape_visible(&path.display().to_string()),
            &short(actual),
            &short(expected),
        ],
    )
}

/// The remark for a superseded file that is not found (`Note::SupersededMissing`).
pub fn missing_text(file: &str, lang: Lang) -> String {
    T::new(
        "das ersetzte Ergebnis {0} liegt weder neben dieser Datei noch im Ergebnisordner; seine SHA-256 wurde nicht geprüft",
        "the superseded result {0} is neither beside this file nor in the results folder; its SHA-256 was not checked",
    )
    .fill(lang, &[file])
}

fn find(beside: &Path, link: &Supersedes, results_dir: Option<&Path>) -> Found {
    let Some(name) = plain_name(&link.file) else {
        return Found::Missing;
    };
    let dirs = [
        beside.parent().map(Path::to_path_buf),
        results_dir.map(Path::to_path_buf),
    ];
    for dir in dirs.into_iter().flatten() {
        let p = dir.join(name);
        // Not there, or a folder, a pipe or an unreadable file of that name: not the superseded
        // result; the next folder is tried.
        if let Ok(bytes) = crate::store::read_bounded(&p, MAX_FILE_BYTES) {
            let actual = sha256_hex(&bytes);
            return if actual.eq_ignore_ascii_case(&link.sha256) {
                Found::Matches(p)
            } else {
                Found::Mismatch { path: p, actual }
            };
        }
    }
    Found::Missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_file_name_is_looked_up() {
        assert_eq!(
            plain_name("a-2026-01-01-x.result.toml"),
            Some("a-2026-01-01-x.result.toml")
        );
        assert_eq!(plain_name("../a.result.toml"), None);
        assert_eq!(plain_name("/etc/passwd"), None);
        assert_eq!(plain_name("sub\\a.result.toml"), None);
        assert_eq!(plain_name(".."), None);
        assert_eq!(plain_name(""), None);
    }
}
