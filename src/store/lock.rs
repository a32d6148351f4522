//! The lock that keeps a second msgaudit from opening a draft that is already open. It is an OS
//! advisory lock on `<draft>.lock`, so the OS frees it when its process dies (even by kill -9):
//! a lock left behind by a crash is simply taken over. The file records pid and host for messages.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Errors while locking a draft.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}", busy_message(.pid, .host))]
    Busy {
        /// The process holding the lock, if it could be read from the lock file.
        pid: Option<u32>,
        /// The machine it runs on (drafts may live on a shared drive or USB stick).
        host: Option<String>,
    },
    #[error(
        "could not lock the draft through {path}: {source}; check that the drafts folder is writable"
    )]
    Io { path: PathBuf, source: io::Error },
}

// Called from the `#[error]` attribute above, which hands over references to the fields.
#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)]
fn busy_message(pid: &Option<u32>, host: &Option<String>) -> String {
    let who = match (pid, host) {
        (Some(pid), Some(host)) => format!("another msgaudit (pid {pid} on {host})"),
        (Some(pid), None) => format!("another msgaudit (pid {pid})"),
        _ => "another msgaudit".to_string(),
    };
    format!("{who} has this draft open; close it there first, then open the draft again")
}

/// Holds the lock on one draft until dropped.
///
/// The lock file is deliberately left in place (emptied) on release: deleting it would let a
/// waiting process lock the deleted file while a third one locks a new file of the same name,
/// and both would think they own the draft. Code listing drafts should skip `*.lock` files.
#[derive(Debug)]
pub struct DraftLock {
    file: File,
    path: PathBuf,
}

impl DraftLock {
    /// Locks `draft_path` for this process, or fails with [`LockError::Busy`] if another live
    /// process (or another handle in this one) holds it. Never waits.
    pub fn acquire(draft_path: &Path) -> Result<Self, LockError> {
        let path = lock_path(draft_path);
        let io_err = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false); // the holder's pid is in there; we may need it for the message
        // Like every file beside the drafts: readable by the user only.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        // Opening read+write never blocks, not even on a FIFO; but only a regular file can be a lock
        // file (a FIFO would make reading the owner wait forever).
        let mut file = options.open(&path).map_err(io_err)?;
        if !file.metadata().map_err(io_err)?.is_file() {
            return Err(io_err(io::Error::other(
                "the lock file is not a regular file; remove it",
            )));
        }
        // Fully qualified: std's own `File::try_lock` needs Rust 1.89 and would shadow fs4's.
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => return Err(busy_from(&file)),
            Err(fs4::TryLockError::Error(e)) => return Err(io_err(e)),
        }
        record_owner(&mut file).map_err(io_err)?;
        Ok(Self { file, path })
    }

    /// The lock file's path (`<draft>.lock`).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        // Empty the file while we still hold the lock, so that a leftover never names a process
        // that has finished; closing the handle then releases the OS lock.
        let _ = self.file.set_len(0);
    }
}

/// `<draft>.lock`, beside the draft.
pub fn lock_path(draft_path: &Path) -> PathBuf {
    let mut name = OsString::from(draft_path.as_os_str());
    name.push(".lock");
    PathBuf::from(name)
}

fn record_owner(file: &mut File) -> io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    write!(file, "pid={}\nhost={}\n", std::process::id(), host_name())?;
    // Synced so that a second process reading right after sees the owner, not an empty file.
    file.sync_data()
}

fn busy_from(file: &File) -> LockError {
    let mut text = String::new();
    // Reading can fail (Windows locks are mandatory for other handles) or find the file still
    // empty (the holder has locked but not yet written): the message then goes without pid.
    // A few bytes are all an owner record needs; more would only be junk (bounded like every read).
    let _ = file.take(4096).read_to_string(&mut text);
    let (pid, host) = parse_owner(&text);
    LockError::Busy { pid, host }
}

fn parse_owner(text: &str) -> (Option<u32>, Option<String>) {
    let mut pid = None;
    let mut host = None;
    for line in text.lines() {
        match line.split_once('=') {
            Some(("pid", value)) => pid = value.trim().parse().ok(),
            Some(("host", value)) if !value.trim().is_empty() => {
                host = Some(value.trim().to_string());
            }
            _ => {}
        }
    }
    (pid, host)
}

/// The machine's name, for messages only, so a best effort without extra dependencies.
fn host_name() -> String {
    let from_env = ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|name| name.to_string_lossy().trim().to_string())
        .find(|name| !name.is_empty());
    let from_file = || {
        ["/proc/sys/kernel/hostname", "/etc/hostname"]
            .iter()
            // Bounded: a host name is short, and a FIFO put there must not hang opening a draft.
            .filter_map(|path| crate::store::read_text_bounded(Path::new(path), 4096).ok())
            .map(|name| name.trim().to_string())
            .find(|name| !name.is_empty())
    };
    from_env.or_else(from_file).map_or_else(
        || "unknown host".to_string(),
        |name| name.replace(['\n', '\r'], " "),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn second_handle_is_refused_with_our_pid() {
        let tmp = tempfile::tempdir().unwrap();
        let draft = tmp.path().join("a.draft.toml");
        let first = DraftLock::acquire(&draft).unwrap();
        assert_eq!(first.path(), tmp.path().join("a.draft.toml.lock"));
        let err = DraftLock::acquire(&draft).unwrap_err();
        match &err {
            LockError::Busy { pid, host } => {
                assert_eq!(*pid, Some(std::process::id()));
                assert!(host.is_some());
            }
            other @ LockError::Io { .. } => panic!("expected Busy, got {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.contains(&format!("another msgaudit (pid {}", std::process::id())),
            "{message}"
        );
        assert!(message.contains("has this draft open"), "{message}");
    }

    #[test]
    fn released_on_drop() {
        let tmp = tempfile::tempdir().unwrap();
        let draft = tmp.path().join("d.toml");
        drop(DraftLock::acquire(&draft).unwrap());
        let again = DraftLock::acquire(&draft).unwrap();
        drop(again);
        assert_eq!(
            std::fs::read(lock_path(&draft)).unwrap(),
            b"",
            "emptied on release"
        );
    }

    #[test]
    fn leftover_lock_file_without_a_lock_is_taken_over() {
        let tmp = tempfile::tempdir().unwrap();
        let draft = tmp.path().join("d.toml");
        // What a process killed with -9 leaves: the file with its pid, but no OS lock.
        std::fs::write(lock_path(&draft), "pid=999999\nhost=elsewhere\n").unwrap();
        let _lock = DraftLock::acquire(&draft).unwrap();
        let text = std::fs::read_to_string(lock_path(&draft)).unwrap();
        assert!(
            text.starts_with(&format!("pid={}\n", std::process::id())),
            "{text}"
        );
    }

    #[test]
    fn different_drafts_do_not_conflict() {
        let tmp = tempfile::tempdir().unwrap();
        let _a = DraftLock::acquire(&tmp.path().join("a.toml")).unwrap();
        let _b = DraftLock::acquire(&tmp.path().join("b.toml")).unwrap();
    }

    #[test]
    fn missing_folder_is_an_io_error_naming_the_lock_file() {
        let tmp = tempfile::tempdir().unwrap();
        let err = DraftLock::acquire(&tmp.path().join("nope/d.toml")).unwrap_err();
        assert!(matches!(err, LockError::Io { .. }), "{err:?}");
        assert!(err.to_string().contains("d.toml.lock"), "{err}");
    }

    #[test]
    fn owner_parsing_tolerates_junk() {
        assert_eq!(parse_owner(""), (None, None));
        assert_eq!(parse_owner("garbage\n=\npid=x"), (None, None));
        assert_eq!(
            parse_owner("pid=42\nhost=desk\n"),
            (Some(42), Some("desk".to_string()))
        );
    }

    #[test]
    fn busy_message_without_pid_still_says_what_to_do() {
        let message = busy_message(&None, &None);
        assert!(
            message.starts_with("another msgaudit has this draft open"),
            "{message}"
        );
    }
}
