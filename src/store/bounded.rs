//! The one way msgaudit reads a file it is given (checklists, drafts, results, signatures, keys):
//! regular files only — a FIFO or a device would hang or never end — and never more than a size
//! limit, counted while reading, because metadata can lie (/proc, devices, a file still growing).

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Checklists, drafts and result files: far above any real one, far below a memory problem.
pub const MAX_DOCUMENT_BYTES: u64 = 8 * 1024 * 1024;
/// Keys and `.minisig` signatures are a few hundred bytes; several signatures stay far below this.
pub const MAX_SMALL_FILE_BYTES: u64 = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path} is not a regular file (a folder, pipe or device); give the path of a file")]
    NotAFile { path: PathBuf },
    #[error(
        "{path} is larger than {limit} bytes, more than such a file can be; is it the right file?"
    )]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path} is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
}

impl ReadError {
    /// The file that could not be read.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::NotAFile { path }
            | Self::TooLarge { path, .. }
            | Self::NotUtf8 { path, .. } => path,
        }
    }

    /// Whether the file does not exist (callers often treat that case apart).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }
}

/// Reads the regular file at `path` (symlinks followed), at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Checked before opening: opening a FIFO for reading blocks until a writer appears.
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    // A file that says it is too large is refused unread; one that lies is stopped below.
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    let file = File::open(path).map_err(io)?;
    // Checked again on the open file, in case the path was swapped in between.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    // Room for the whole file (and the byte that tells it grew past the limit), so it is read in one
    // go rather than by doubling from 32 bytes: ten draft files at start-up were sixty reads.
    let room = meta.len().min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(bytes)
}

/// [`read_bounded`], and the bytes must be UTF-8.
pub fn read_text_bounded(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read_bounded(path, limit)?).map_err(|e| ReadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_small_files_and_refuses_large_ones_while_reading() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        let err = read_bounded(&path, 4).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 4, .. }), "{err}");
        assert_eq!(err.path(), path);
    }

    #[test]
    fn refuses_folders_and_reports_missing_files() {
        let tmp = tempfile::tempdir().unwrap();
        let err = read_bounded(tmp.path(), 10).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile { .. }), "{err}");
        let err = read_bounded(&tmp.path().join("none"), 10).unwrap_err();
        assert!(err.is_not_found(), "{err}");
    }

    #[test]
    fn locates_invalid_utf8() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        std::fs::write(&path, b"ab\xffcd").unwrap();
        let err = read_text_bounded(&path, 10).unwrap_err();
        assert!(matches!(err, ReadError::NotUtf8 { offset: 2, .. }), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_hanging() {
        let err = read_bounded(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile { .. }), "{err}");
        let err = read_bounded(Path::new("/dev/null"), 10).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile { .. }), "{err}");
    }
}
