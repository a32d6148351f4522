//! The handful of file-system steps that msgaudit's crash-safe writes are made of, behind one trait,
//! so that tests can inject an error or a "kill" at every single step and check that the next run
//! completes. Release code only ever uses [`RealFs`]; the faulty implementation exists in tests only.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

/// The steps of a crash-safe write. Every write in `store::atomic`, sign-off and keygen goes
/// through these, so every point at which a process can die or a disk can fill up is a step here.
pub trait Fs {
    /// Creates `path`, which must not exist (0600 on Unix), writes `bytes` and fsyncs the file.
    /// On error a partly written file may remain; the caller removes it.
    fn create_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// A second name for `from`; fails with `AlreadyExists` if `to` exists.
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Renames `from` to `to`, replacing `to`.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove_file(&self, path: &Path) -> io::Result<()>;
    /// Makes finished renames and links in `dir` durable.
    fn sync_dir(&self, dir: &Path) -> io::Result<()>;
    /// Appends `bytes` to the existing regular file `path` and fsyncs it (a journal's new lines).
    fn append_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Creates `path`, which must not exist (0600 on Unix), copies everything `src` yields into it
    /// in pieces (never all of it in memory) and fsyncs the file; returns the number of bytes.
    /// On error a partly written file may remain; the caller removes it.
    fn create_new_from(&self, path: &Path, src: &mut dyn Read) -> io::Result<u64>;
    /// Creates the folder `path`, which must not exist (0700 on Unix); its parent must exist.
    fn create_dir(&self, path: &Path) -> io::Result<()>;
    /// Removes the folder `path` and everything in it.
    fn remove_dir_all(&self, path: &Path) -> io::Result<()>;
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl Fs for RealFs {
    fn create_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = private_options().create_new(true).open(path)?;
        file.write_all(bytes)?;
        file.sync_all()
    }

    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::hard_link(from, to)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }

    /// Windows has no way to fsync a folder through std and NTFS journals the metadata change
    /// itself, so there it is a no-op.
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            fs::File::open(dir)?.sync_all()
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(())
        }
    }

    fn append_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        // Never creates: the file was made by an atomic write (0600, folder synced), so appending
        // needs no fsync of the folder.
        let mut file = OpenOptions::new().append(true).open(path)?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a regular file",
            ));
        }
        file.write_all(bytes)?;
        file.sync_data()
    }

    fn create_new_from(&self, path: &Path, src: &mut dyn Read) -> io::Result<u64> {
        let mut file = private_options().create_new(true).open(path)?;
        // io::copy moves 8 KB at a time: a file of gigabytes never sits in memory.
        let n = io::copy(src, &mut file)?;
        file.sync_all()?;
        Ok(n)
    }

    fn create_dir(&self, path: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt as _;
            fs::DirBuilder::new().mode(0o700).create(path)
        }
        #[cfg(not(unix))]
        {
            fs::DirBuilder::new().create(path)
        }
    }

    fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        fs::remove_dir_all(path)
    }
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

#[cfg(test)]
pub(crate) mod fault {
    //! A file system that fails at one chosen step, either with an error (the disk is full) or
    //! with a simulated kill: from that step on nothing reaches the disk any more, not even the
    //! clean-up the code attempts afterwards, so the disk is left exactly as a kill -9 leaves it.

    use std::cell::Cell;
    use std::io;
    use std::path::Path;

    use super::{Fs, RealFs, private_options};

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Fault {
        /// The step fails (ENOSPC); later steps work again, so clean-up runs.
        Error,
        /// The process dies during the step: a file being written gets half its bytes, unsynced.
        Kill,
    }

    pub struct FaultFs {
        fail_at: Option<usize>,
        fault: Fault,
        step: Cell<usize>,
        killed: Cell<bool>,
    }

    impl FaultFs {
        pub fn new(fail_at: usize, fault: Fault) -> Self {
            Self {
                fail_at: Some(fail_at),
                fault,
                step: Cell::new(0),
                killed: Cell::new(false),
            }
        }

        /// Never fails; counts the steps of a clean run.
        pub fn counting() -> Self {
            Self {
                fail_at: None,
                fault: Fault::Error,
                step: Cell::new(0),
                killed: Cell::new(false),
            }
        }

        pub fn steps(&self) -> usize {
            self.step.get()
        }

        /// `Ok`: do the real step; `Err`: fail it. `partial` runs for a kill in the middle of the step.
        fn enter(&self, partial: impl FnOnce()) -> io::Result<()> {
            if self.killed.get() {
                return Err(io::Error::other("killed"));
            }
            let n = self.step.get();
            self.step.set(n + 1);
            if self.fail_at != Some(n) {
                return Ok(());
            }
            match self.fault {
                Fault::Error => Err(io::Error::other("injected: no space left on device")),
                Fault::Kill => {
                    partial();
                    self.killed.set(true);
                    Err(io::Error::other("killed"))
                }
            }
        }
    }

    impl Fs for FaultFs {
        fn create_new_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
            self.enter(|| {
                use std::io::Write as _;
                if let Ok(mut file) = private_options().create_new(true).open(path) {
                    let _ = file.write_all(&bytes[..bytes.len() / 2]);
                }
            })?;
            RealFs.create_new_synced(path, bytes)
        }

        fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.enter(|| {})?;
            RealFs.hard_link(from, to)
        }

        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.enter(|| {})?;
            RealFs.rename(from, to)
        }

        fn remove_file(&self, path: &Path) -> io::Result<()> {
            self.enter(|| {})?;
            RealFs.remove_file(path)
        }

        fn sync_dir(&self, dir: &Path) -> io::Result<()> {
            self.enter(|| {})?;
            RealFs.sync_dir(dir)
        }

        fn append_synced(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
            self.enter(|| {
                use std::io::Write as _;
                // Half the line reaches the disk: the torn last line a kill leaves.
                if let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(path) {
                    let _ = file.write_all(&bytes[..bytes.len() / 2]);
                }
            })?;
            RealFs.append_synced(path, bytes)
        }

        fn create_new_from(&self, path: &Path, src: &mut dyn io::Read) -> io::Result<u64> {
            self.enter(|| {
                // Part of the file reaches the disk, unsynced: what a kill while copying leaves.
                if let Ok(mut file) = private_options().create_new(true).open(path) {
                    let mut part = [0u8; 16];
                    if let Ok(n) = src.read(&mut part) {
                        use std::io::Write as _;
                        let _ = file.write_all(&part[..n / 2]);
                    }
                }
            })?;
            RealFs.create_new_from(path, src)
        }

        fn create_dir(&self, path: &Path) -> io::Result<()> {
            self.enter(|| {})?;
            RealFs.create_dir(path)
        }

        fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
            self.enter(|| {})?;
            RealFs.remove_dir_all(path)
        }
    }
}
