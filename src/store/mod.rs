//! Everything msgaudit keeps on disk at the lowest level: where its folders are, crash-safe
//! writes, and the lock that stops two msgaudit processes from editing the same draft.
//! On these pieces: the drafts folder with each draft's journal (its answer history) and the workspace,
//! the drafts this process holds with their lock.

pub mod atomic;
pub mod bounded;
pub mod drafts;
pub mod fsops;
pub mod journal;
pub mod lock;
pub mod paths;
mod texts;
pub mod workspace;

pub use atomic::{WriteError, append_synced, write_atomic, write_new};
pub use bounded::{ReadError, read_bounded, read_text_bounded};
pub use drafts::{DraftEntry, DraftError, DraftStore};
pub use lock::{DraftLock, LockError};
pub use paths::{Paths, PathsError, create_private_dir};
pub use workspace::Workspace;
