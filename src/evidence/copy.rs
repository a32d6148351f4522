//! Copying evidence files: streamed through SHA-256 into a synced temp file that is then renamed to
//! its stored name (a kill leaves only a temp file), and at sign-off the whole folder of an audit's
//! copies, checked against their hashes, into a temp folder renamed beside the result.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use super::{Evidence, EvidenceError, FOLDER_SUFFIX, is_plain_name};
use crate::store::fsops::Fs;

/// A file's size and SHA-256 (lower-case hex), found while reading it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashed {
    pub size: u64,
    pub sha256: String,
}

/// A reader that hashes what passes through it.
struct Hashing<R> {
    inner: R,
    hash: Sha256,
    size: u64,
    /// Reading the source failed (rather than writing the copy).
    failed: bool,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).inspect_err(|_| self.failed = true)?;
        self.hash.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
}

impl<R> Hashing<R> {
    fn new(inner: R) -> Self {
        Hashing {
            inner,
            hash: Sha256::new(),
            size: 0,
            failed: false,
        }
    }

    fn finish(self) -> Hashed {
        Hashed {
            size: self.size,
            sha256: hex::encode(self.hash.finalize()),
        }
    }
}

/// Open `path` for reading if it is a regular file (a pipe or device would block, a folder is no
/// evidence). Symbolic links are followed: the auditor chose the file they point to.
fn open_regular(path: &Path) -> Result<File, EvidenceError> {
    let read = |source| EvidenceError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read)?;
    if !meta.is_file() {
        return Err(EvidenceError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let file = File::open(path).map_err(read)?;
    // Checked again on the open file: the name could have been swapped for a FIFO in between.
    if !file.metadata().map_err(read)?.is_file() {
        return Err(EvidenceError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    Ok(file)
}

/// The size and SHA-256 of the file at `path`, read in pieces (a file of gigabytes is never held in
/// memory). Only regular files.
pub fn hash_file(path: &Path) -> Result<Hashed, EvidenceError> {
    let mut reader = Hashing::new(open_regular(path)?);
    io::copy(&mut reader, &mut io::sink()).map_err(|source| EvidenceError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(reader.finish())
}

/// A temp name in `dir` for the target `name`, in the form `store::atomic` uses (`.name.pid-n.tmp`).
fn temp_path(dir: &Path, name: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Copy `source` into `dir` as `name`, hashing it on the way: into a synced temp file, renamed to
/// `name` (which the caller made unique), then the folder is synced. On an error nothing is left
/// under `name`; a temp file may stay after a kill (removed by the next attach).
pub(super) fn store(
    fs: &dyn Fs,
    source: &Path,
    dir: &Path,
    name: &str,
) -> Result<Hashed, EvidenceError> {
    let temp = temp_path(dir, name);
    let target = dir.join(name);
    let write = |path: &Path, source| EvidenceError::Write {
        path: path.to_path_buf(),
        source,
    };
    let hashed = copy_hashed(fs, source, &temp)?;
    if target.exists() {
        let _ = fs.remove_file(&temp);
        return Err(EvidenceError::Exists { path: target });
    }
    if let Err(e) = fs.rename(&temp, &target) {
        let _ = fs.remove_file(&temp);
        return Err(write(&target, e));
    }
    if let Err(e) = fs.sync_dir(dir) {
        let _ = fs.remove_file(&target);
        return Err(write(dir, e));
    }
    Ok(hashed)
}

/// Copy `source` to the new file `dest` (0600, synced), hashing on the way. On an error `dest` is
/// removed (best effort); a failing read names the source, a failing write the copy.
fn copy_hashed(fs: &dyn Fs, source: &Path, dest: &Path) -> Result<Hashed, EvidenceError> {
    let mut reader = Hashing::new(open_regular(source)?);
    if let Err(e) = fs.create_new_from(dest, &mut reader) {
        let _ = fs.remove_file(dest);
        return Err(if reader.failed {
            EvidenceError::Read {
                path: source.to_path_buf(),
                source: e,
            }
        } else {
            EvidenceError::Write {
                path: dest.to_path_buf(),
                source: e,
            }
        });
    }
    Ok(reader.finish())
}

/// The names in `dir` (none when it cannot be read).
pub(super) fn names_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Remove the temp files a killed copy left in `dir`. The caller holds the draft's lock.
pub(super) fn remove_temps(dir: &Path) {
    for name in names_in(dir) {
        if name.starts_with('.') && name.ends_with(".tmp") {
            // Best effort: a temp file that stays is never read.
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
}

/// At sign-off: copy the evidence files named by `entries` from the draft's folder `from` into
/// `<stem>.evidence` in `results_dir` (`stem`: the result's name without `.result.toml`), each
/// checked against its recorded size and SHA-256 on the way. The copies go to a temp folder, synced,
/// which is then renamed, so the folder appears complete or not at all. None when there is no evidence.
/// The result is written after this, so a result is never seen without its evidence; the caller
/// removes the folder again if writing the result fails.
pub(crate) fn carry(
    fs: &dyn Fs,
    from: &Path,
    entries: &[Evidence],
    results_dir: &Path,
    stem: &str,
) -> Result<Option<PathBuf>, EvidenceError> {
    if entries.is_empty() {
        return Ok(None);
    }
    let target = results_dir.join(format!("{stem}{FOLDER_SUFFIX}"));
    if target.exists() {
        return Err(EvidenceError::Exists { path: target });
    }
    let temp = temp_path(results_dir, &format!("{stem}{FOLDER_SUFFIX}"));
    let write = |path: &Path, source| EvidenceError::Write {
        path: path.to_path_buf(),
        source,
    };
    fs.create_dir(&temp).map_err(|e| write(&temp, e))?;
    let filled = (|| {
        for e in entries {
            if !is_plain_name(&e.file) {
                return Err(EvidenceError::NotAFile {
                    path: from.join(&e.file),
                });
            }
            let got = copy_hashed(fs, &from.join(&e.file), &temp.join(&e.file))?;
            if got.sha256 != e.sha256 || got.size != e.size {
                return Err(EvidenceError::Changed {
                    file: e.file.clone(),
                    expected: e.sha256.clone(),
                    actual: got.sha256,
                });
            }
        }
        fs.sync_dir(&temp).map_err(|err| write(&temp, err))?;
        fs.rename(&temp, &target)
            .map_err(|err| write(&target, err))?;
        fs.sync_dir(results_dir)
            .map_err(|err| write(results_dir, err))
    })();
    match filled {
        Ok(()) => Ok(Some(target)),
        Err(e) => {
            // Best effort; what stays is settled by the next sign-off (it names this audit).
            for dir in [&temp, &target] {
                if dir.exists() {
                    let _ = fs.remove_dir_all(dir);
                }
            }
            Err(e)
        }
    }
}
