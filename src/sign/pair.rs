//! Replacing the key pair both-or-neither: the new secret and public key are staged beside the old
//! ones and swapped in by two renames; whatever a kill or a full disk leaves in between is either
//! finished or undone by [`recover_pair`] before the keys are next used.

use std::fs;
use std::path::{Path, PathBuf};

use super::SignError;
use super::keys::{PUBLIC_KEY_FILE, SECRET_KEY_FILE, public_key_path, secret_key_path};
use crate::store::WriteError;
use crate::store::atomic::{is_temp_name_of, write_atomic_in};
use crate::store::fsops::{Fs, RealFs};

/// Removes temp files a killed keygen left in `keys_dir` (one may hold an encrypted secret key).
fn clear_stale_temps(fs: &dyn Fs, keys_dir: &Path) {
    let Ok(entries) = fs::read_dir(keys_dir) else {
        return; // nothing to clear, or a folder we cannot list: keygen reports that itself
    };
    let targets = [
        SECRET_KEY_FILE.to_string(),
        PUBLIC_KEY_FILE.to_string(),
        format!("{SECRET_KEY_FILE}.next"),
        format!("{PUBLIC_KEY_FILE}.next"),
    ];
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if targets.iter().any(|t| is_temp_name_of(&name, t)) {
            let _ = fs.remove_file(&entry.path()); // best effort: only tidiness is at stake
        }
    }
}

/// Where the next secret key waits while a pair is being replaced.
fn next_secret_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join(format!("{SECRET_KEY_FILE}.next"))
}

/// Where the next public key waits; alone (without the next secret key) it is the marker that
/// the secret key was already replaced and the public key must follow.
fn next_public_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join(format!("{PUBLIC_KEY_FILE}.next"))
}

/// Replaces the pair in `keys_dir` by the given one, both-or-neither across kills and full disks:
/// 1. `msgaudit.key.next`, then `msgaudit.pub.next` are written completely (each atomically);
/// 2. `msgaudit.key.next` is renamed onto `msgaudit.key` — from here on the new pair counts;
/// 3. `msgaudit.pub.next` is renamed onto `msgaudit.pub`.
///
/// A kill before step 2 leaves the old pair in place (plus `.next` files that [`recover_pair`]
/// removes); a kill after it leaves `msgaudit.pub.next` alone, which [`recover_pair`] finishes.
pub(super) fn install_pair(
    fs: &dyn Fs,
    keys_dir: &Path,
    secret: &[u8],
    public: &[u8],
) -> Result<(), SignError> {
    let (next_secret, next_public) = (next_secret_path(keys_dir), next_public_path(keys_dir));
    let staged = write_atomic_in(fs, &next_secret, secret)
        .and_then(|()| write_atomic_in(fs, &next_public, public));
    if let Err(e) = staged {
        // Best effort, public first (a lone next public key means "roll forward"); whatever
        // stays behind is cleared by recover_pair, and the old pair is untouched.
        let _ = fs.remove_file(&next_public);
        let _ = fs.remove_file(&next_secret);
        return Err(e.into());
    }
    let rename = |from: &Path, to: &Path| {
        fs.rename(from, to).map_err(|source| {
            SignError::Write(WriteError::Io {
                path: to.to_path_buf(),
                source,
            })
        })
    };
    if let Err(e) = rename(&next_secret, &secret_key_path(keys_dir)) {
        let _ = fs.remove_file(&next_public);
        let _ = fs.remove_file(&next_secret);
        return Err(e);
    }
    // The new secret key is in place; should this fail, recover_pair finishes it next time.
    rename(&next_public, &public_key_path(keys_dir))?;
    fs.sync_dir(keys_dir).map_err(|source| {
        SignError::Write(WriteError::Io {
            path: keys_dir.to_path_buf(),
            source,
        })
    })
}

/// Brings `keys_dir` back to one complete pair after an interrupted [`keygen`]: a lone
/// `msgaudit.pub.next` means the secret key was already replaced, so the public key follows;
/// any other `.next` file belongs to a replacement that never took effect and is removed.
/// Called before every keygen and sign-off.
pub fn recover_pair(keys_dir: &Path) -> Result<(), SignError> {
    recover_pair_in(&RealFs, keys_dir)
}

pub(crate) fn recover_pair_in(fs: &dyn Fs, keys_dir: &Path) -> Result<(), SignError> {
    let (next_secret, next_public) = (next_secret_path(keys_dir), next_public_path(keys_dir));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SignError::Write(WriteError::Io { path, source })
    };
    clear_stale_temps(fs, keys_dir);
    if next_secret.exists() {
        // Public first: removing the secret first could leave a lone public "roll forward" marker.
        if next_public.exists() {
            fs.remove_file(&next_public).map_err(io(&next_public))?;
        }
        fs.remove_file(&next_secret).map_err(io(&next_secret))?;
    } else if next_public.exists() {
        let public = public_key_path(keys_dir);
        fs.rename(&next_public, &public).map_err(io(&public))?;
    } else {
        return Ok(());
    }
    fs.sync_dir(keys_dir).map_err(io(keys_dir))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::store::fsops::fault::{Fault, FaultFs};

    fn pair_in(dir: &Path) -> (Vec<u8>, Vec<u8>) {
        (
            fs::read(secret_key_path(dir)).unwrap_or_default(),
            fs::read(public_key_path(dir)).unwrap_or_default(),
        )
    }

    /// An error or a kill at any step of replacing a pair leaves, once recovered, the old pair or
    /// the new pair — never the new secret key with the old public key — and keygen completes.
    #[test]
    fn replacing_a_pair_is_both_or_neither_at_every_step() {
        let old = (b"old secret".to_vec(), b"old public".to_vec());
        let new = (b"new secret".to_vec(), b"new public".to_vec());
        let setup = || {
            let tmp = tempfile::tempdir().unwrap();
            fs::write(secret_key_path(tmp.path()), &old.0).unwrap();
            fs::write(public_key_path(tmp.path()), &old.1).unwrap();
            tmp
        };
        let steps = {
            let tmp = setup();
            let fs = FaultFs::counting();
            install_pair(&fs, tmp.path(), &new.0, &new.1).unwrap();
            assert_eq!(pair_in(tmp.path()), new);
            fs.steps()
        };
        for fault in [Fault::Error, Fault::Kill] {
            for at in 0..steps {
                let tmp = setup();
                let fs = FaultFs::new(at, fault);
                let done = install_pair(&fs, tmp.path(), &new.0, &new.1).is_ok();
                recover_pair(tmp.path()).unwrap();
                let after = pair_in(tmp.path());
                assert!(after == old || after == new, "{fault:?} at {at}: {after:?}");
                if done {
                    assert_eq!(after, new, "{fault:?} at {at}");
                }
                let mut names: Vec<String> = fs::read_dir(tmp.path())
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
                names.sort();
                assert_eq!(
                    names,
                    [SECRET_KEY_FILE, PUBLIC_KEY_FILE],
                    "{fault:?} at {at}"
                );
                // The next run completes.
                install_pair(&RealFs, tmp.path(), &new.0, &new.1).unwrap();
                assert_eq!(pair_in(tmp.path()), new);
            }
        }
    }

    /// Recovery itself can be interrupted: from every state an interrupted swap leaves, an error
    /// or a kill at any step of recovering still ends, after the next recovery, in a whole pair.
    #[test]
    fn an_interrupted_recovery_is_finished_by_the_next_one() {
        // (secret, public, next secret, next public) as a swap can leave them.
        type State<'a> = (&'a [u8], &'a [u8], Option<&'a [u8]>, Option<&'a [u8]>);
        let old = (b"old secret".to_vec(), b"old public".to_vec());
        let new = (b"new secret".to_vec(), b"new public".to_vec());
        let states: [State<'_>; 3] = [
            (&old.0, &old.1, Some(&new.0), Some(&new.1)),
            (&old.0, &old.1, Some(&new.0), None),
            (&new.0, &old.1, None, Some(&new.1)),
        ];
        for (i, (secret, public, next_secret, next_public)) in states.into_iter().enumerate() {
            for fault in [Fault::Error, Fault::Kill] {
                for at in 0..4 {
                    let tmp = tempfile::tempdir().unwrap();
                    let dir = tmp.path();
                    fs::write(secret_key_path(dir), secret).unwrap();
                    fs::write(public_key_path(dir), public).unwrap();
                    if let Some(b) = next_secret {
                        fs::write(next_secret_path(dir), b).unwrap();
                    }
                    if let Some(b) = next_public {
                        fs::write(next_public_path(dir), b).unwrap();
                    }
                    let _ = recover_pair_in(&FaultFs::new(at, fault), dir);
                    recover_pair(dir).unwrap();
                    let after = pair_in(dir);
                    assert!(after == old || after == new, "state {i} {fault:?} at {at}");
                    assert!(!next_secret_path(dir).exists() && !next_public_path(dir).exists());
                }
            }
        }
    }
}
