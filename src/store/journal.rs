//! A draft's journal, `<audit id>.draft.journal` beside it: its answer history as JSON lines, one per
//! change, appended and fsynced after each save of the draft (O(1) per change), read back on resume.
//! A torn last line (a kill while appending) and lines that do not parse are skipped.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{WriteError, append_synced_in, write_atomic_in};
use super::bounded::{ReadError, read_bounded};
use super::fsops::Fs;
use crate::audit::history::Change;

pub const JOURNAL_SUFFIX: &str = ".draft.journal";

/// Larger than a draft may be: a long audit with many corrections (a line is some 200 bytes).
const MAX_JOURNAL_BYTES: u64 = 64 * 1024 * 1024;

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Line {
    Change(Change),
    /// The reason for the change on the line before (given after the change was saved).
    Reason(String),
}

/// The journal of the draft at `draft_path` (`X.draft.toml` → `X.draft.journal`).
pub fn journal_path(draft_path: &Path) -> PathBuf {
    let name = draft_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(super::drafts::DRAFT_SUFFIX)
        .unwrap_or(name);
    draft_path.with_file_name(format!("{stem}{JOURNAL_SUFFIX}"))
}

/// What reading a journal found besides the changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Read {
    /// Lines skipped because they do not parse (a torn last line after a kill, or damage).
    pub skipped: usize,
    /// Whether the file holds anything else than one change per line (reason lines, skipped lines),
    /// so that it is worth writing it anew, compacted.
    pub untidy: bool,
}

/// The history in the journal at `path`; a missing journal is an empty history. Reasons are put on
/// the change they belong to. The error is a reason a person can act on.
pub fn read(path: &Path) -> Result<(Vec<Change>, Read), String> {
    let bytes = match read_bounded(path, MAX_JOURNAL_BYTES) {
        Ok(b) => b,
        Err(ReadError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Vec::new(), Read::default()));
        }
        Err(ReadError::NotAFile { .. }) => {
            return Err(format!(
                "{}: not a regular file (a folder, pipe or device); move it away to resume the draft",
                path.display()
            ));
        }
        Err(e) => return Err(e.to_string()),
    };
    Ok(parse(&bytes))
}

fn parse(bytes: &[u8]) -> (Vec<Change>, Read) {
    let mut history: Vec<Change> = Vec::new();
    let mut info = Read::default();
    for raw in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        match serde_json::from_slice::<Line>(raw) {
            Ok(Line::Change(c)) => history.push(c),
            Ok(Line::Reason(r)) => {
                info.untidy = true;
                if let Some(last) = history.last_mut() {
                    last.reason = Some(r);
                }
            }
            Err(_) => {
                info.skipped += 1;
                info.untidy = true;
            }
        }
    }
    (history, info)
}

/// The journal's lines, appended to `out`.
fn encode(lines: impl IntoIterator<Item = Line>, out: &mut String) {
    for line in lines {
        // A Change is strings, times and TOML values of answers (no map with non-string keys),
        // which JSON always represents; a failure here would be a bug, and it loses just that line.
        if let Ok(json) = serde_json::to_string(&line) {
            out.push_str(&json);
            out.push('\n');
        }
    }
}

/// How much of the draft's history this process has in the journal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Number of changes in the journal.
    changes: usize,
    /// The reason of the last of them, as journalled.
    last_reason: Option<String>,
    /// The journal must be written anew before anything is appended: it does not exist yet, holds a
    /// torn line, or an append failed half-way.
    rewrite: bool,
}

impl Written {
    /// A journal still to be created (a new audit).
    pub fn fresh() -> Written {
        Written {
            rewrite: true,
            ..Written::default()
        }
    }

    /// A journal as read on resume: `history` is what it holds (plus any recovered changes, which
    /// force a rewrite, as an untidy file does).
    pub fn resumed(history: &[Change], rewrite: bool) -> Written {
        Written {
            changes: history.len(),
            last_reason: history.last().and_then(|c| c.reason.clone()),
            rewrite,
        }
    }
}

/// Bring the journal at `path` up to `history`: append what is new (a reason given to the last change,
/// then each new change), or write it anew, compacted, when `written` says so.
pub(crate) fn sync(
    fs: &dyn Fs,
    path: &Path,
    history: &[Change],
    written: &mut Written,
) -> Result<(), WriteError> {
    let mut text = String::new();
    if written.rewrite || history.len() < written.changes {
        encode(history.iter().cloned().map(Line::Change), &mut text);
        write_atomic_in(fs, path, text.as_bytes())?;
    } else {
        let earlier = written.changes.checked_sub(1).and_then(|i| history.get(i));
        let reason = earlier
            .filter(|c| c.reason != written.last_reason)
            .and_then(|c| c.reason.clone())
            .map(Line::Reason);
        let new = history[written.changes..].iter().cloned().map(Line::Change);
        encode(reason.into_iter().chain(new), &mut text);
        if text.is_empty() {
            return Ok(());
        }
        if let Err(e) = append_synced_in(fs, path, text.as_bytes()) {
            // Part of a line may be on disk: the next save writes the journal anew.
            written.rewrite = true;
            return Err(e);
        }
    }
    *written = Written::resumed(history, false);
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::store::fsops::RealFs;
    use crate::store::fsops::fault::{Fault, FaultFs};
    use jiff::Timestamp;

    fn change(key: &str, new: i64) -> Change {
        Change {
            at: Timestamp::UNIX_EPOCH,
            by: "Erika Muster".into(),
            key: key.into(),
            old: None,
            new: Some(toml::Value::Integer(new)),
            reason: None,
            carried: false,
            recovered: false,
        }
    }

    #[test]
    fn the_path_is_beside_the_draft() {
        assert_eq!(
            journal_path(Path::new("/d/ab12.draft.toml")),
            PathBuf::from("/d/ab12.draft.journal")
        );
    }

    #[test]
    fn each_save_appends_only_the_new_lines_and_reasons_land_on_their_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.draft.journal");
        let mut w = Written::fresh();
        let mut h = vec![change("a", 1)];
        sync(&RealFs, &path, &h, &mut w).unwrap();
        let first = std::fs::read(&path).unwrap();
        h.push(change("a", 2));
        h[1].reason = Some("Tippfehler\nkorrigiert".into());
        h.push(change("b", 3));
        sync(&RealFs, &path, &h, &mut w).unwrap();
        let second = std::fs::read(&path).unwrap();
        assert!(second.starts_with(&first), "appended, not rewritten");
        assert_eq!(String::from_utf8_lossy(&second).lines().count(), 3);
        // A reason given afterwards to the last change is one more line.
        h[2].reason = Some("nachgereicht".into());
        sync(&RealFs, &path, &h, &mut w).unwrap();
        let third = std::fs::read(&path).unwrap();
        assert!(third.starts_with(&second));
        let (back, info) = read(&path).unwrap();
        assert_eq!(back, h);
        assert!(info.untidy && info.skipped == 0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_kill_while_appending_leaves_a_torn_line_that_is_skipped_and_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.draft.journal");
        let mut w = Written::fresh();
        let mut h = vec![change("a", 1)];
        sync(&RealFs, &path, &h, &mut w).unwrap();
        h.push(change("b", 2));
        let killed = FaultFs::new(0, Fault::Kill);
        assert!(sync(&killed, &path, &h, &mut w).is_err());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.ends_with('\n'), "torn: {text}");
        let (back, info) = read(&path).unwrap();
        assert_eq!(back, h[..1]);
        assert_eq!(info.skipped, 1);
        // The next process resumes: the untidy file is written anew, then appended to again.
        let mut w = Written::resumed(&back, info.untidy);
        sync(&RealFs, &path, &h, &mut w).unwrap();
        let (back, info) = read(&path).unwrap();
        assert_eq!((back, info), (h, Read::default()));
    }

    #[test]
    fn a_missing_journal_is_an_empty_history_and_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read(&dir.path().join("none.draft.journal")).unwrap(),
            (Vec::new(), Read::default())
        );
        assert!(read(dir.path()).is_err());
    }
}
