//! The checklists that ship with msgaudit. Run from the source tree, they are read from its `checklists/`
//! folder; an installed binary carries them embedded and writes them once per version into the data folder,
//! so that includes and the knowledge base resolve like any other checklist files.

use std::path::{Path, PathBuf};

use crate::store::{Paths, create_private_dir, write_atomic};

/// Every shipped file, embedded at build time.
pub const FILES: &[(&str, &str)] = &[
    (
        "messenger-audit.toml",
        include_str!("../checklists/messenger-audit.toml"),
    ),
    (
        "messenger-audit.examples.toml",
        include_str!("../checklists/messenger-audit.examples.toml"),
    ),
    (
        "messenger-app-review.toml",
        include_str!("../checklists/messenger-app-review.toml"),
    ),
    (
        "messenger-app-review.examples.toml",
        include_str!("../checklists/messenger-app-review.examples.toml"),
    ),
    (
        "messengers.toml",
        include_str!("../checklists/messengers.toml"),
    ),
];

/// The shipped checklists folder of the source tree this binary was built from.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("checklists")
}

/// The shipped checklists for a user: the source tree's folder if it is there, else the embedded copies
/// in `<data>/shipped/<version>/` (written when missing or different). If they cannot be written, the
/// source path is returned and the caller finds no shipped checklists there.
pub fn dir_for(paths: &Paths) -> PathBuf {
    let src = dir();
    if src.is_dir() {
        return src;
    }
    let target = paths
        .data_dir()
        .join("shipped")
        .join(env!("CARGO_PKG_VERSION"));
    match extract(&target) {
        Ok(()) => target,
        Err(_) => src,
    }
}

/// Write the embedded files into `target`, leaving files that are already identical untouched.
pub fn extract(target: &Path) -> std::io::Result<()> {
    create_private_dir(target).map_err(std::io::Error::other)?;
    for (name, text) in FILES {
        let path = target.join(name);
        // Read through the bounded reader: a FIFO or device put there is replaced, never waited on.
        let on_disk = crate::store::read_bounded(&path, crate::store::bounded::MAX_DOCUMENT_BYTES);
        if on_disk.ok().as_deref() != Some(text.as_bytes()) {
            write_atomic(&path, text.as_bytes()).map_err(std::io::Error::other)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_the_checklists_folder_is_embedded() {
        let mut on_disk: Vec<String> = std::fs::read_dir(dir())
            .unwrap()
            .filter_map(std::result::Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn extracted_copies_load_and_hash_like_the_originals() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("shipped");
        extract(&target).unwrap();
        extract(&target).unwrap();
        let copy = crate::checklist::load(&target.join("messenger-audit.toml")).unwrap();
        let original = crate::checklist::load(&dir().join("messenger-audit.toml")).unwrap();
        assert_eq!(copy.sha256, original.sha256);
        assert!(copy.knowledge.is_some());
    }
}
