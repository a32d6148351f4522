//! Crash-safe file writes. [`write_atomic`] replaces a file so that readers (and a restart after
//! kill -9 or power loss) see either the old or the new content, never a mix; [`write_new`] does
//! the same for files that are written once and must never replace an existing one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
/// rename over the target, fsync of the folder (done by the `atomic-write-file` crate).
/// On Unix the file is always 0600, even if an older version of it was readable by others.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    replace_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the content produced by `fill`; if `fill` fails, nothing is replaced.
fn replace_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    // atomic-write-file (0.3.1) leaves its temp file behind when the final rename fails; a
    // folder in the way is the one rename failure we can foresee, so refuse it up front.
    if path.is_dir() {
        return Err(WriteError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    #[cfg_attr(not(unix), allow(unused_mut))] // only Unix has a file mode to set
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        // Don't inherit a looser mode from the file being replaced: it holds personal data.
        options.preserve_mode(false).mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| WriteError::io(path, e))?;
    fill(&mut file).map_err(|e| WriteError::io(path, e))?;
    // commit() fsyncs the temp file, renames it and fsyncs the folder. On any error before this
    // point, dropping `file` removes the temp file and leaves the target untouched.
    file.commit().map_err(|e| WriteError::io(path, e))
}

/// Writes `bytes` to `path`, which must not exist yet (result files are written once and never
/// replaced). Fails with [`WriteError::AlreadyExists`] otherwise.
///
/// How: the content goes to a temp file in the same folder, is fsynced, and is then hard-linked
/// to `path`. `link` fails if the target exists, so it is an atomic "rename without replace"
/// that works the same on Linux, macOS and Windows (NTFS) with only safe std calls; `rename`
/// cannot be used because it silently replaces. The temp name is removed afterwards.
///
/// File systems without hard links (FAT/exFAT USB sticks) fall back to creating `path` with
/// create-new semantics and writing it directly; a partial file is removed on error, but a
/// crash in the middle of that write can leave a truncated file behind. That is acceptable for
/// result files because they are signed: a truncated one fails verification, and nothing is
/// ever overwritten.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = parent_dir(path)?;
    if path.exists() {
        // Checked early only for a clear message; the link below is the real, race-free check.
        return Err(WriteError::AlreadyExists {
            path: path.to_path_buf(),
        });
    }
    let temp = TempFile::create(path, dir)?;
    write_and_sync(&temp.file, bytes).map_err(|e| WriteError::io(&temp.path, e))?;
    match fs::hard_link(&temp.path, path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(WriteError::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        Err(_) => {
            drop(temp);
            return write_new_in_place(path, bytes);
        }
    }
    drop(temp);
    sync_dir(dir).map_err(|e| WriteError::io(dir, e))
}

/// Fallback for file systems without hard links: create-new plus direct write.
fn write_new_in_place(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let file = private_options()
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => WriteError::AlreadyExists {
                path: path.to_path_buf(),
            },
            _ => WriteError::io(path, e),
        })?;
    if let Err(e) = write_and_sync(&file, bytes) {
        drop(file);
        // Best effort: we created this file a moment ago, so removing it loses nothing.
        let _ = fs::remove_file(path);
        return Err(WriteError::io(path, e));
    }
    Ok(())
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

fn write_and_sync(mut file: &File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

/// Options for a new file that only the user may read (0600 on Unix).
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options
}

/// Makes a finished rename/link durable. Windows has no way to fsync a folder through std and
/// NTFS journals the metadata change itself, so there it is a no-op.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// A uniquely named temp file beside the target, removed on drop.
struct TempFile {
    path: PathBuf,
    file: File,
}

impl TempFile {
    fn create(target: &Path, dir: &Path) -> Result<Self, WriteError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        // pid + counter keep concurrent writers (threads and processes) apart; create_new makes
        // sure we never write into somebody else's file should a name be left over from a crash.
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
            match private_options().create_new(true).open(&path) {
                Ok(file) => return Ok(Self { path, file }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(WriteError::io(target, e)),
            }
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        // Best effort: after a successful link the content lives on under the target's name.
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

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
        let err = replace_with(&path, |file| {
            file.write_all(b"half of the new dra")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"good");
        assert_eq!(names_in(tmp.path()), ["draft.toml"]);
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
