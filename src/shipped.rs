//! Where the checklists that ship with msgaudit are found.

use std::path::PathBuf;

/// The shipped checklists folder of this source tree.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("checklists")
}
