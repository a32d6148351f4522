//! Key pairs: creating them (`msgaudit keygen`), reading public keys from the places a verifier
//! finds them, and unlocking the secret key with a password given by the caller.

use std::fs;
use std::path::{Path, PathBuf};

use ct_codecs::{Base64, Decoder};

use super::pair::{install_pair, recover_pair_in};
use super::{SignError, key_id_hex};
use crate::store::bounded::{MAX_SMALL_FILE_BYTES, ReadError, read_text_bounded};
use crate::store::create_private_dir;
use crate::store::fsops::{Fs, RealFs};

/// File name of the password-protected secret key in the keys folder.
pub const SECRET_KEY_FILE: &str = "msgaudit.key";
/// File name of the public key in the keys folder.
pub const PUBLIC_KEY_FILE: &str = "msgaudit.pub";

/// The comment line minisign itself writes above an encrypted secret key.
const SECRET_KEY_COMMENT: &str = "minisign encrypted secret key";
const COMMENT_PREFIX: &str = "untrusted comment: ";

/// Where the secret key lives in `keys_dir`.
pub fn secret_key_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join(SECRET_KEY_FILE)
}

/// Where the public key lives in `keys_dir`.
pub fn public_key_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join(PUBLIC_KEY_FILE)
}

/// What `keygen` created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub secret_key_path: PathBuf,
    pub public_key_path: PathBuf,
    /// The key id as minisign prints it (16 hex digits).
    pub key_id: String,
    /// The public key as one base64 line, as `minisign -P` takes it.
    pub public_key: String,
}

/// Creates a key pair in `keys_dir` (created 0700 if missing): `msgaudit.key`, encrypted with
/// `password`, 0600, and `msgaudit.pub`, both in minisign's file formats. Existing keys are only
/// replaced when `force` is set; the new pair replaces the old one both-or-neither (see
/// [`super::recover_pair`]).
pub fn keygen(keys_dir: &Path, password: &str, force: bool) -> Result<KeyInfo, SignError> {
    keygen_in(&RealFs, keys_dir, password, force)
}

pub(crate) fn keygen_in(
    fs: &dyn Fs,
    keys_dir: &Path,
    password: &str,
    force: bool,
) -> Result<KeyInfo, SignError> {
    if password.is_empty() {
        return Err(SignError::EmptyPassword);
    }
    create_private_dir(keys_dir)?;
    recover_pair_in(fs, keys_dir)?;
    let secret_key_path = secret_key_path(keys_dir);
    let public_key_path = public_key_path(keys_dir);
    if !force {
        refuse_existing(&[&secret_key_path, &public_key_path])?;
    }
    // Some(password): with None the crate would prompt on the terminal by itself.
    let pair =
        minisign::KeyPair::generate_encrypted_keypair(Some(password.to_owned())).map_err(crypto)?;
    let public_key = PublicKey { inner: pair.pk };
    let secret_text = pair
        .sk
        .to_box(Some(SECRET_KEY_COMMENT))
        .map_err(crypto)?
        .into_string();
    install_pair(
        fs,
        keys_dir,
        secret_text.as_bytes(),
        public_key.to_file_content().as_bytes(),
    )?;
    Ok(KeyInfo {
        secret_key_path,
        public_key_path,
        key_id: public_key.key_id(),
        public_key: public_key.to_base64(),
    })
}

fn refuse_existing(paths: &[&Path]) -> Result<(), SignError> {
    match paths.iter().find(|path| path.exists()) {
        Some(path) => Err(SignError::KeyExists {
            path: path.to_path_buf(),
        }),
        None => Ok(()),
    }
}

#[allow(clippy::needless_pass_by_value)] // the shape `map_err` takes
fn crypto(error: minisign::PError) -> SignError {
    SignError::Crypto {
        reason: error.to_string(),
    }
}

/// A public key that signatures are checked against.
#[derive(Debug, Clone)]
pub struct PublicKey {
    pub(super) inner: minisign::PublicKey,
}

impl PublicKey {
    /// Reads a minisign `.pub` file (an untrusted comment line, then the base64 key line).
    pub fn from_file(path: &Path) -> Result<Self, SignError> {
        let text = read_text(path)?;
        Self::from_file_content(&text, &path.display().to_string())
    }

    /// Parses the content of a `.pub` file; `origin` names it in error messages.
    pub fn from_file_content(text: &str, origin: &str) -> Result<Self, SignError> {
        let malformed = |reason: &str| SignError::MalformedPublicKey {
            origin: origin.to_string(),
            reason: reason.to_string(),
        };
        let mut lines = text.lines();
        match lines.next() {
            Some(line) if line.starts_with(COMMENT_PREFIX) => {}
            Some(_) => return Err(malformed("the first line is not an untrusted comment")),
            None => return Err(malformed("the file is empty")),
        }
        let key_line = lines
            .next()
            .ok_or_else(|| malformed("the key line is missing"))?;
        Self::parse_base64(key_line, origin)
    }

    /// Parses a public key given as its base64 line (as printed by `msgaudit keygen`).
    pub fn from_base64(line: &str) -> Result<Self, SignError> {
        Self::parse_base64(line, "the given key")
    }

    fn parse_base64(line: &str, origin: &str) -> Result<Self, SignError> {
        let malformed = |reason: String| SignError::MalformedPublicKey {
            origin: origin.to_string(),
            reason,
        };
        let line = line.trim();
        let inner = minisign::PublicKey::from_base64(line).map_err(|e| malformed(e.to_string()))?;
        let key = Self { inner };
        // The crate accepts any algorithm tag and non-canonical base64; minisign does not.
        if !key.inner.to_bytes().starts_with(b"Ed") {
            return Err(malformed("not an Ed25519 minisign key".to_string()));
        }
        if key.to_base64() != line {
            return Err(malformed("the base64 key is damaged".to_string()));
        }
        Ok(key)
    }

    /// Finds the key with `key_id` (as minisign prints it; case does not matter) among the
    /// `.pub` files in `dir`, e.g. a folder of trusted signers' keys. Should several files hold
    /// keys with this id, the first by file name is returned; see [`Self::all_in_dir`].
    pub fn find_in_dir(dir: &Path, key_id: &str) -> Result<Self, SignError> {
        let found = Self::all_in_dir(dir, key_id)?;
        // all_in_dir answers an empty list with KeyNotFound, so there is a first one.
        found
            .into_iter()
            .next()
            .map(|(_, key)| key)
            .ok_or_else(|| SignError::KeyNotFound {
                key_id: key_id.to_string(),
                dir: dir.to_path_buf(),
                unreadable: 0,
            })
    }

    /// Every key with `key_id` among the `.pub` files in `dir`, sorted by file name, each with
    /// its file. Key ids are 8 random bytes chosen by the key's creator, so two different keys
    /// can carry the same id (by chance or on purpose): a verifier must try each of them.
    pub fn all_in_dir(dir: &Path, key_id: &str) -> Result<Vec<(PathBuf, Self)>, SignError> {
        let read_dir_error = |source| SignError::ReadKey {
            path: dir.to_path_buf(),
            source,
        };
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(read_dir_error)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "pub"))
            .collect();
        files.sort(); // the same answer on every run
        let mut unreadable = 0;
        let mut found = Vec::new();
        for path in files {
            match Self::from_file(&path) {
                Ok(key) if key.key_id().eq_ignore_ascii_case(key_id.trim()) => {
                    found.push((path, key));
                }
                Ok(_) => {}
                // One broken file must not hide the right key in another one.
                Err(_) => unreadable += 1,
            }
        }
        if found.is_empty() {
            return Err(SignError::KeyNotFound {
                key_id: key_id.to_string(),
                dir: dir.to_path_buf(),
                unreadable,
            });
        }
        Ok(found)
    }

    /// The key id as minisign prints it (16 hex digits).
    pub fn key_id(&self) -> String {
        key_id_hex(self.inner.keynum())
    }

    /// The key as one base64 line.
    pub fn to_base64(&self) -> String {
        self.inner.to_base64()
    }

    /// The content of a minisign `.pub` file for this key.
    pub fn to_file_content(&self) -> String {
        format!(
            "{COMMENT_PREFIX}minisign public key {}\n{}\n",
            self.key_id(),
            self.to_base64()
        )
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        // minisign's own comparison ignores the key id; a different id is a different key to us.
        self.inner.to_bytes() == other.inner.to_bytes()
    }
}

impl Eq for PublicKey {}

fn read_text(path: &Path) -> Result<String, SignError> {
    // Keys are a few hundred bytes; the bounded reader refuses pipes, devices and huge files.
    read_text_bounded(path, MAX_SMALL_FILE_BYTES).map_err(|e| match e {
        ReadError::Io { source, .. } => SignError::ReadKey {
            path: path.to_path_buf(),
            source,
        },
        other => SignError::Read(other),
    })
}

/// Layout of a decoded minisign secret key: algorithm tags, KDF salt and limits, then the
/// (encrypted) key id, key and checksum.
const SECRET_KEY_BYTES: usize = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;
const OPSLIMIT_AT: usize = 38;
const MEMLIMIT_AT: usize = 46;
/// The limits `minisign -G` itself uses (libsodium's "sensitive" scrypt settings). Larger values
/// only come from a damaged file and would make the key derivation take minutes or gigabytes.
const MAX_OPSLIMIT: u64 = 1 << 25;
const MAX_MEMLIMIT: u64 = 1 << 30;

/// Reads and decrypts the secret key at `path` with `password`.
pub(super) fn load_secret_key(
    path: &Path,
    password: &str,
) -> Result<minisign::SecretKey, SignError> {
    let text = read_text(path)?;
    check_secret_key_text(&text).map_err(|reason| SignError::MalformedSecretKey {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    })?;
    // Some(password): with None the crate would prompt on the terminal by itself.
    minisign::SecretKey::from_box(text.into(), Some(password.to_owned())).map_err(|e| {
        match e.kind() {
            // After the checks above, a failed checksum can only mean a wrong password.
            minisign::ErrorKind::Verify => SignError::WrongPassword {
                path: path.to_path_buf(),
            },
            _ => SignError::MalformedSecretKey {
                path: path.to_path_buf(),
                reason: e.to_string(),
            },
        }
    })
}

/// Checks the structure of a secret key file before minisign derives a key from it.
fn check_secret_key_text(text: &str) -> Result<(), &'static str> {
    let mut lines = text.lines();
    match lines.next() {
        Some(line) if line.starts_with(COMMENT_PREFIX) => {}
        Some(_) => return Err("the first line is not an untrusted comment"),
        None => return Err("the file is empty"),
    }
    let encoded = lines.next().ok_or("the key line is missing")?;
    let bytes = Base64::decode_to_vec(encoded.trim(), None).map_err(|_| "the key is not base64")?;
    if bytes.len() != SECRET_KEY_BYTES {
        return Err("the key has the wrong length");
    }
    match &bytes[..4] {
        b"EdSc" => {}
        [b'E', b'd', 0, 0] => return Err("the key is not password-protected"),
        _ => return Err("unknown key or encryption algorithm"),
    }
    let limit_at = |at: usize| {
        let mut le = [0u8; 8];
        le.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(le)
    };
    if limit_at(OPSLIMIT_AT) > MAX_OPSLIMIT || limit_at(MEMLIMIT_AT) > MAX_MEMLIMIT {
        return Err("its password settings are out of range; the file is damaged");
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::test_support::{PASSWORD, fixture};
    use super::*;

    #[test]
    fn keygen_writes_both_files_in_minisign_format() {
        let key = &fixture().key;
        assert_eq!(key.key_id.len(), 16);
        assert!(key.key_id.chars().all(|c| c.is_ascii_hexdigit()));
        let public_text = fs::read_to_string(&key.public_key_path).unwrap();
        assert_eq!(
            public_text,
            format!(
                "untrusted comment: minisign public key {}\n{}\n",
                key.key_id, key.public_key
            )
        );
        let secret_text = fs::read_to_string(&key.secret_key_path).unwrap();
        assert!(secret_text.starts_with("untrusted comment: minisign encrypted secret key\n"));
        assert!(check_secret_key_text(&secret_text).is_ok());
        let loaded = PublicKey::from_file(&key.public_key_path).unwrap();
        assert_eq!(loaded.key_id(), key.key_id);
        assert_eq!(loaded, PublicKey::from_base64(&key.public_key).unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn secret_key_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let key = &fixture().key;
        let mode = fs::metadata(&key.secret_key_path)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn keygen_refuses_to_overwrite_without_force() {
        let key = &fixture().key;
        let keys_dir = key.secret_key_path.parent().unwrap();
        let before = fs::read(&key.secret_key_path).unwrap();
        let err = keygen(keys_dir, PASSWORD, false).unwrap_err();
        assert!(matches!(err, SignError::KeyExists { .. }), "{err}");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(fs::read(&key.secret_key_path).unwrap(), before);
    }

    #[test]
    fn keygen_with_force_replaces_and_creates_missing_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let keys_dir = tmp.path().join("config/keys");
        fs::create_dir_all(&keys_dir).unwrap();
        fs::write(secret_key_path(&keys_dir), "old secret").unwrap();
        fs::write(public_key_path(&keys_dir), "old public").unwrap();
        let key = keygen(&keys_dir, "pw", true).unwrap();
        let on_disk = PublicKey::from_file(&key.public_key_path).unwrap();
        assert_eq!(on_disk.key_id(), key.key_id);
        let secret_text = fs::read_to_string(&key.secret_key_path).unwrap();
        assert!(check_secret_key_text(&secret_text).is_ok());
    }

    #[test]
    fn keygen_rejects_empty_password() {
        let tmp = tempfile::tempdir().unwrap();
        let err = keygen(tmp.path(), "", false).unwrap_err();
        assert!(matches!(err, SignError::EmptyPassword));
        assert!(!secret_key_path(tmp.path()).exists());
    }

    fn damaged_versions(good: &str) -> Vec<String> {
        let mut versions = vec![
            String::new(),
            "\n".to_string(),
            "garbage".to_string(),
            "untrusted comment: only a comment\n".to_string(),
            "untrusted comment: x\n!!!not base64!!!\n".to_string(),
            "\u{0}\u{1}\u{2}binary".to_string(),
        ];
        // Every truncation point.
        versions.extend((0..good.len()).map(|end| good[..end].to_string()));
        versions
    }

    #[test]
    fn damaged_public_keys_give_clean_errors() {
        let good = fs::read_to_string(&fixture().key.public_key_path).unwrap();
        for text in damaged_versions(&good) {
            let result = PublicKey::from_file_content(&text, "test.pub");
            // A cut right after the key line still holds a complete key.
            if text.trim_end() == good.trim_end() {
                assert!(result.is_ok());
                continue;
            }
            let err = result.expect_err(&format!("accepted {text:?}"));
            assert!(matches!(err, SignError::MalformedPublicKey { .. }), "{err}");
            assert!(err.to_string().contains("test.pub"), "{err}");
        }
        assert!(PublicKey::from_base64("").is_err());
        assert!(PublicKey::from_base64("RWQ").is_err());
    }

    #[test]
    fn keys_of_other_algorithms_are_refused() {
        // Valid base64 of the right length, but the algorithm tag is not "Ed".
        let err = PublicKey::from_base64(&"A".repeat(56)).unwrap_err();
        assert!(err.to_string().contains("not an Ed25519"), "{err}");
    }

    #[test]
    fn damaged_secret_keys_give_clean_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let good = fs::read_to_string(&fixture().key.secret_key_path).unwrap();
        let path = tmp.path().join("damaged.key");
        for text in damaged_versions(&good) {
            if text.trim_end() == good.trim_end() {
                continue;
            }
            fs::write(&path, &text).unwrap();
            let err = load_secret_key(&path, PASSWORD).expect_err(&format!("accepted {text:?}"));
            assert!(
                matches!(err, SignError::MalformedSecretKey { .. }),
                "{text:?}: {err}"
            );
        }
    }

    #[test]
    fn absurd_kdf_limits_are_refused_before_deriving() {
        use ct_codecs::Encoder;
        let good = fs::read_to_string(&fixture().key.secret_key_path).unwrap();
        let encoded = good.lines().nth(1).unwrap();
        let mut bytes = Base64::decode_to_vec(encoded, None).unwrap();
        bytes[OPSLIMIT_AT..OPSLIMIT_AT + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        let damaged = format!(
            "untrusted comment: x\n{}\n",
            Base64::encode_to_string(&bytes).unwrap()
        );
        assert!(check_secret_key_text(&damaged).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_as_key_is_refused_unread() {
        let err = PublicKey::from_file(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn missing_key_file_names_keygen() {
        let tmp = tempfile::tempdir().unwrap();
        let err = load_secret_key(&tmp.path().join("none.key"), PASSWORD).unwrap_err();
        assert!(matches!(err, SignError::ReadKey { .. }));
        assert!(err.to_string().contains("msgaudit keygen"), "{err}");
    }

    #[test]
    fn finds_key_by_id_among_trusted_keys() {
        let key = &fixture().key;
        let trusted = tempfile::tempdir().unwrap();
        fs::write(trusted.path().join("broken.pub"), "garbage").unwrap();
        fs::write(trusted.path().join("notes.txt"), "ignored").unwrap();
        fs::copy(&key.public_key_path, trusted.path().join("dpo.pub")).unwrap();
        let found = PublicKey::find_in_dir(trusted.path(), &key.key_id.to_lowercase()).unwrap();
        assert_eq!(found.key_id(), key.key_id);

        let err = PublicKey::find_in_dir(trusted.path(), "0000000000000000").unwrap_err();
        assert!(
            matches!(err, SignError::KeyNotFound { unreadable: 1, .. }),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("1 .pub file there could not be read"),
            "{err}"
        );
    }
}
