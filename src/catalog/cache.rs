//! Validated checklists kept in the data folder (`cache/checklists/`), so that start-up does not parse
//! and validate the same TOML files again. An entry stands for a new load only while every file that load
//! read still holds the bytes it read (SHA-256) at the same place, and only for the build of msgaudit that
//! wrote it; anything else — a changed, moved or unreadable file, another build, a damaged entry — is a
//! miss: the checklist is loaded from its files and the entry written anew. A cache never changes a
//! result: what `get` returns is what the load returned.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::checklist::files::MAX_FILE_BYTES;
use crate::checklist::{Checklist, SourceFile};
use crate::store::bounded::read_bounded;
use crate::store::fsops::{Fs, RealFs};

/// The first bytes of an entry; the last one is the layout of what follows.
const MAGIC: &[u8; 8] = b"msgaudc\x02";

/// The part of an entry read before the checklist is decoded.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    /// Which msgaudit wrote the entry (`build_id`); another build's model may be laid out differently.
    build: String,
    /// The checklist's path as the catalog gave it (the loaded model names its includes from it).
    path: PathBuf,
    /// Every file the load read, where it resolved to, and its bytes' hash.
    read: Vec<(SourceFile, PathBuf)>,
    /// CRC-32 of the encoded checklist that follows: a damaged entry is never decoded. Damage, not
    /// forgery, is what it guards against (whoever can write the cache can write a matching checksum of
    /// any kind), so the cheap checksum does; the files' own hashes above stay SHA-256.
    body: u32,
}

/// What one batch of lookups found of each file an entry names: where it resolves to and its bytes'
/// hash (None: it could not be read). A file that several checklists read (an include, a knowledge base)
/// is then read and hashed once per batch, not once per checklist.
#[derive(Debug, Default)]
pub struct Seen(HashMap<PathBuf, Option<(PathBuf, [u8; 32])>>);

impl Seen {
    fn file(&mut self, path: &Path) -> Option<&(PathBuf, [u8; 32])> {
        self.0
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let resolved = std::fs::canonicalize(path).ok()?;
                let bytes = read_bounded(path, MAX_FILE_BYTES).ok()?;
                Some((resolved, Sha256::digest(&bytes).into()))
            })
            .as_ref()
    }
}

/// The cache in one folder.
#[derive(Debug, Clone)]
pub struct ModelCache {
    dir: PathBuf,
    build: Option<String>,
}

/// This build of msgaudit: its version and its executable's size and modification time, so that a
/// rebuilt binary (whose model may differ) never reads an entry of the one before. Looked up once per
/// process: the command line and the TUI each make a cache, and the running code is the same throughout.
fn build_id() -> Option<String> {
    static BUILD: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    BUILD.get_or_init(read_build_id).clone()
}

fn read_build_id() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_nanos()
    ))
}

impl ModelCache {
    /// The cache of this user's data folder (`Paths::checklist_cache_dir`).
    pub fn of(paths: &crate::store::Paths) -> ModelCache {
        ModelCache::at(paths.checklist_cache_dir())
    }

    /// The cache in `dir` (created on the first write).
    pub fn at(dir: PathBuf) -> ModelCache {
        ModelCache {
            dir,
            build: build_id(),
        }
    }

    /// The entry file of the checklist at `path`.
    fn entry(&self, path: &Path) -> Option<PathBuf> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let mut h = Sha256::new();
        h.update(path.as_os_str().as_encoded_bytes());
        h.update([0]);
        h.update(canonical.as_os_str().as_encoded_bytes());
        let key = hex::encode(h.finalize());
        Some(self.dir.join(format!("{}.bin", &key[..40])))
    }

    /// The checklist at `path` as its last load gave it, if none of the files it read has changed since.
    pub fn get(&self, path: &Path) -> Option<Checklist> {
        self.get_in(path, &mut Seen::default())
    }

    /// [`ModelCache::get`] within a batch of lookups that reads each file once (`seen`).
    pub fn get_in(&self, path: &Path, seen: &mut Seen) -> Option<Checklist> {
        let build = self.build.as_deref()?;
        let bytes = read_bounded(&self.entry(path)?, 4 * MAX_FILE_BYTES).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (header, body) = postcard::take_from_bytes::<Header>(rest).ok()?;
        if header.build != build || header.path != path {
            return None;
        }
        for (file, resolved) in &header.read {
            let (now_at, now_hash) = seen.file(&file.path)?;
            if now_at != resolved || *now_hash != file.sha256 {
                return None;
            }
        }
        if crc32fast::hash(body) != header.body {
            return None;
        }
        let checklist: Checklist = postcard::from_bytes(body).ok()?;
        (checklist.path == path && checklist.read.len() == header.read.len()).then_some(checklist)
    }

    /// Keep `checklist` for later loads of its path. Best effort: a cache that cannot be written only
    /// means the next start loads the files again.
    pub fn put(&self, checklist: &Checklist) {
        self.put_in(&RealFs, checklist);
    }

    fn put_in(&self, fs: &dyn Fs, checklist: &Checklist) -> Option<()> {
        let build = self.build.clone()?;
        let entry = self.entry(&checklist.path)?;
        let body = postcard::to_stdvec(checklist).ok()?;
        let mut read = Vec::new();
        for file in &checklist.read {
            read.push((file.clone(), std::fs::canonicalize(&file.path).ok()?));
        }
        let header = Header {
            build,
            path: checklist.path.clone(),
            read,
            body: crc32fast::hash(&body),
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend(postcard::to_stdvec(&header).ok()?);
        bytes.extend(body);
        if !self.dir.is_dir() {
            crate::store::create_private_dir(&self.dir).ok()?;
        }
        crate::store::atomic::write_atomic_in(fs, &entry, &bytes).ok()
    }
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
