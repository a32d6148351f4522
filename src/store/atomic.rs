//! Crash-safe file writes. [`write_atomic`] replaces a file so that readers (and a restart after
//! kill -9 or power loss) see either the old or the new content, never a mix; [`write_new`] does
//! the same for files that are written once and must never replace an existing one, and
//! [`write_new_pair`] writes two such files that only count together (a result and its signature).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::fsops::{Fs, RealFs};

/// Errors while writing a file. The target is never left half-written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "could not write {path}: {source}; check that the folder exists, is writable and the disk is not full"
    )]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "{path} already exists and is never overwritten; choose another file name or move the existing file away"
    )]
    AlreadyExists { path: PathBuf },
    #[error("{path} is a folder, not a file; give the path of a file to write")]
    NotAFile { path: PathBuf },
}

impl WriteError {
    fn io(path: &Path, source: io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Atomically replaces (or creates) `path` with `bytes`: temp file in the same folder, fsync,
/// rename over the target, fsync of the folder. A kill at any point leaves the old or the new
/// content (and at most a stale `.…tmp` file beside it, never read by msgaudit).
/// On Unix the file is always 0600, even if an older version of it was readable by others.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_in(&RealFs, path, bytes)
}

/// [`write_atomic`] over the given file system (tests inject faults through it).
pub(crate) fn write_atomic_in(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    // A rename onto a folder fails late and differently per OS; refuse it up front, clearly.
    if path.is_dir() {
        return Err(WriteError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let dir = parent_dir(path)?;
    let mut temp = TempFile::create(fs, path, dir, bytes)?;
    fs.rename(&temp.path, path)
        .map_err(|e| WriteError::io(path, e))?;
    temp.disarm();
    fs.sync_dir(dir).map_err(|e| WriteError::io(dir, e))
}

/// Appends `bytes` to the existing file `path` and fsyncs it: the one write that is not a whole
/// file, for journals (one line per change, O(1) per change). A kill may leave the last line torn;
/// readers of a journal ignore a line that does not parse. Create the file with [`write_atomic`].
pub fn append_synced(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    append_synced_in(&RealFs, path, bytes)
}

/// [`append_synced`] over the given file system.
pub(crate) fn append_synced_in(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    fs.append_synced(path, bytes)
        .map_err(|e| WriteError::io(path, e))
}

/// Writes `bytes` to `path`, which must not exist yet (result files are written once and never
/// replaced). Fails with [`WriteError::AlreadyExists`] otherwise.
///
/// How: the content goes to a temp file in the same folder, is fsynced, and is then hard-linked
/// to `path`. `link` fails if the target exists, so it is an atomic "rename without replace"
/// that works the same on Linux, macOS and Windows (NTFS) with only safe std calls; `rename`
/// cannot be used because it silently replaces. The temp name is removed afterwards.
///
/// File systems without hard links (FAT/exFAT USB sticks) fall back to renaming the synced temp
/// file onto `path` after checking that `path` does not exist: the content still appears whole
/// or not at all, but two processes writing the same new name at the same moment could both
/// succeed there. Result files are safe from that: only the holder of a draft's lock signs it off,
/// and the audit id is part of the name.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_new_in(&RealFs, path, bytes)
}

/// [`write_new`] over the given file system.
pub(crate) fn write_new_in(fs: &dyn Fs, path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = parent_dir(path)?;
    refuse_existing(path)?;
    let mut temp = TempFile::create(fs, path, dir, bytes)?;
    link_new(fs, &mut temp, path)?;
    drop(temp);
    fs.sync_dir(dir).map_err(|e| WriteError::io(dir, e))
}

/// Writes two new files that only count together, both or neither: `companion` (a signature)
/// and `commit` (the result it signs). Both go to synced temp files first; then `companion` is
/// linked and `commit` last, so whoever sees `commit` sees `companion` complete beside it. On an
/// error the linked `companion` is removed again. A kill between the two links leaves
/// `companion` without `commit`: the caller recognises that orphan on its next run.
pub(crate) fn write_new_pair(
    fs: &dyn Fs,
    commit: (&Path, &[u8]),
    companion: (&Path, &[u8]),
) -> Result<(), WriteError> {
    let dir = parent_dir(commit.0)?;
    refuse_existing(commit.0)?;
    refuse_existing(companion.0)?;
    let mut companion_temp = TempFile::create(fs, companion.0, dir, companion.1)?;
    let mut commit_temp = TempFile::create(fs, commit.0, dir, commit.1)?;
    link_new(fs, &mut companion_temp, companion.0)?;
    if let Err(e) = link_new(fs, &mut commit_temp, commit.0) {
        // Best effort: we created the companion a moment ago; alone it is an orphan.
        let _ = fs.remove_file(companion.0);
        return Err(e);
    }
    drop((companion_temp, commit_temp));
    fs.sync_dir(dir).map_err(|e| WriteError::io(dir, e))
}

fn refuse_existing(path: &Path) -> Result<(), WriteError> {
    if path.exists() {
        // Checked early only for a clear message; the link is the real, race-free check.
        return Err(WriteError::AlreadyExists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Links `temp` to `path` (create-new), falling back to a checked rename without hard links.
fn link_new(fs: &dyn Fs, temp: &mut TempFile<'_>, path: &Path) -> Result<(), WriteError> {
    let exists = || WriteError::AlreadyExists {
        path: path.to_path_buf(),
    };
    match fs.hard_link(&temp.path, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists()),
        Err(_) if path.exists() => Err(exists()),
        Err(_) => {
            fs.rename(&temp.path, path)
                .map_err(|e| WriteError::io(path, e))?;
            temp.disarm();
            Ok(())
        }
    }
}

fn parent_dir(path: &Path) -> Result<&Path, WriteError> {
    if path.file_name().is_none() {
        return Err(WriteError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    // "result.toml" has the parent "": that means the current folder.
    Ok(match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    })
}

/// Whether `file_name` is one of the temp names [`TempFile`] gives for a target named `target`
/// (left behind only by a process that was killed while writing).
pub(crate) fn is_temp_name_of(file_name: &str, target: &str) -> bool {
    file_name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(target))
        .is_some_and(|rest| rest.starts_with('.') && rest.ends_with(".tmp"))
}

/// A uniquely named, fully written and synced temp file beside the target, removed on drop.
struct TempFile<'a> {
    fs: &'a dyn Fs,
    path: PathBuf,
    armed: bool,
}

impl<'a> TempFile<'a> {
    fn create(fs: &'a dyn Fs, target: &Path, dir: &Path, bytes: &[u8]) -> Result<Self, WriteError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        // pid + counter keep concurrent writers (threads and processes) apart; create_new makes
        // sure we never write into somebody else's file should a name be left over from a crash.
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
            match fs.create_new_synced(&path, bytes) {
                Ok(()) => {
                    return Ok(Self {
                        fs,
                        path,
                        armed: true,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    // Best effort: a partly written temp file of ours.
                    let _ = fs.remove_file(&path);
                    return Err(WriteError::io(target, e));
                }
            }
        }
    }

    /// The temp file was renamed away: nothing left to remove.
    fn disarm(&mut self) {
        self.armed = false;
    }
}

impl Drop for TempFile<'_> {
    fn drop(&mut self) {
        if self.armed {
            // Best effort: after a successful link the content lives on under the target's name.
            let _ = self.fs.remove_file(&self.path);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::fs;

    use super::*;
    use crate::store::fsops::fault::{Fault, FaultFs};

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn write_atomic_creates_and_replaces() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("draft.toml");
        write_atomic(&path, b"first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write_atomic(&path, b"second, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer");
        assert_eq!(names_in(tmp.path()), ["draft.toml"], "no temp files left");
    }

    #[test]
    fn failed_write_leaves_old_content_and_no_temp_file() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("draft.toml");
        write_atomic(&path, b"good").unwrap();
        let steps = {
            let fs = FaultFs::counting();
            write_atomic_in(&fs, &path, b"good").unwrap();
            fs.steps()
        };
        assert!(steps >= 3, "create, rename, sync");
        for at in 0..steps {
            let fs = FaultFs::new(at, Fault::Error);
            let err = write_atomic_in(&fs, &path, b"half of the new draft").unwrap_err();
            assert!(err.to_string().contains("no space left"), "{err}");
            let now = fs::read(&path).unwrap();
            // The last step (folder sync) fails after the rename: the new content is in place.
            assert!(
                now == b"good" || now == b"half of the new draft",
                "step {at}"
            );
            assert_eq!(names_in(tmp.path()), ["draft.toml"], "step {at}");
            write_atomic(&path, b"good").unwrap();
        }
    }

    /// A kill at any step of a draft save leaves the old or the new draft, complete, and the
    /// next save completes.
    #[test]
    fn a_kill_at_any_step_of_write_atomic_loses_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("d.draft.toml");
        for at in 0..4 {
            write_atomic(&path, b"old draft").unwrap();
            let fs = FaultFs::new(at, Fault::Kill);
            let _ = write_atomic_in(&fs, &path, b"new draft, longer");
            let now = fs::read(&path).unwrap();
            assert!(
                now == b"old draft" || now == b"new draft, longer",
                "step {at}: {now:?}"
            );
            write_atomic(&path, b"next save").unwrap();
            assert_eq!(fs::read(&path).unwrap(), b"next save");
        }
    }

    #[test]
    fn write_new_pair_is_both_or_neither() {
        let steps = {
            let tmp = tempfile::tempdir().unwrap();
            let fs = FaultFs::counting();
            let (a, b) = (tmp.path().join("r"), tmp.path().join("r.sig"));
            write_new_pair(&fs, (&a, b"result"), (&b, b"sig")).unwrap();
            assert_eq!(names_in(tmp.path()), ["r", "r.sig"]);
            fs.steps()
        };
        for fault in [Fault::Error, Fault::Kill] {
            for at in 0..steps {
                let tmp = tempfile::tempdir().unwrap();
                let (a, b) = (tmp.path().join("r"), tmp.path().join("r.sig"));
                let fs = FaultFs::new(at, fault);
                let ok = write_new_pair(&fs, (&a, b"result"), (&b, b"sig")).is_ok();
                if a.exists() {
                    // Seen the result: its companion is there and complete.
                    assert_eq!(fs::read(&a).unwrap(), b"result", "{fault:?} {at}");
                    assert_eq!(fs::read(&b).unwrap(), b"sig", "{fault:?} {at}");
                } else {
                    assert!(!ok, "{fault:?} {at}");
                }
                // Temp files may stay when their removal fails or the process dies (sign-off
                // clears its own on the next run); the two real names come and go together.
                let names: Vec<String> = names_in(tmp.path())
                    .into_iter()
                    .filter(|n| !n.ends_with(".tmp"))
                    .collect();
                {
                    assert!(
                        names.is_empty()
                            || names == ["r", "r.sig"]
                            // killed between the links: the orphan the caller clears up
                            || (fault == Fault::Kill && names == ["r.sig"]),
                        "{fault:?} {at}: {names:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn temp_names_are_recognised() {
        assert!(is_temp_name_of(".a.result.toml.12-3.tmp", "a.result.toml"));
        assert!(!is_temp_name_of(
            ".a.result.toml.minisig.12-3.tmp",
            "a.result.toml.x"
        ));
        assert!(!is_temp_name_of("a.result.toml", "a.result.toml"));
    }

    #[test]
    fn write_atomic_onto_a_folder_fails_and_keeps_it() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("dir");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), b"keep").unwrap();
        let err = write_atomic(&target, b"bad").unwrap_err();
        assert!(matches!(err, WriteError::NotAFile { .. }), "{err}");
        assert_eq!(fs::read(target.join("inside")).unwrap(), b"keep");
        assert_eq!(names_in(tmp.path()), ["dir"], "no temp files left");
    }

    #[test]
    fn write_new_refuses_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.result.toml");
        write_new(&path, b"signed once").unwrap();
        let err = write_new(&path, b"other").unwrap_err();
        assert!(matches!(err, WriteError::AlreadyExists { .. }), "{err}");
        assert!(err.to_string().contains("never overwritten"));
        assert_eq!(fs::read(&path).unwrap(), b"signed once");
        assert_eq!(
            names_in(tmp.path()),
            ["a.result.toml"],
            "no temp files left"
        );
    }

    #[test]
    fn write_new_in_missing_folder_fails_cleanly() {
        let tmp = tempfile::tempdir().unwrap();
        let err = write_new(&tmp.path().join("no/such/file"), b"x").unwrap_err();
        assert!(matches!(err, WriteError::Io { .. }), "{err}");
    }

    #[test]
    fn write_new_needs_a_file_name() {
        let err = write_new(Path::new("/"), b"x").unwrap_err();
        assert!(matches!(err, WriteError::NotAFile { .. }), "{err}");
    }

    #[test]
    fn concurrent_write_new_has_exactly_one_winner() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("race.toml");
        let wins: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8u8)
                .map(|i| {
                    let path = &path;
                    scope.spawn(move || write_new(path, &[i; 64]).is_ok())
                })
                .collect();
            handles
                .into_iter()
                .map(|h| usize::from(h.join().unwrap()))
                .sum()
        });
        assert_eq!(wins, 1);
        let content = fs::read(&path).unwrap();
        assert_eq!(content.len(), 64);
        assert!(
            content.iter().all(|&b| b == content[0]),
            "not a mix of writers"
        );
        assert_eq!(names_in(tmp.path()), ["race.toml"], "no temp files left");
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private_even_when_replacing_a_public_one() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let replaced = tmp.path().join("replaced");
        fs::write(&replaced, b"old").unwrap();
        fs::set_permissions(&replaced, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&replaced, b"new").unwrap();
        let created = tmp.path().join("created");
        write_new(&created, b"new").unwrap();
        for path in [replaced, created] {
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", path.display());
        }
    }
}
