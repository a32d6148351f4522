//! Signing result files in the standard minisign format: key pair creation, detached signatures
//! and their verification, so that both `msgaudit verify` and the plain `minisign -V` tool can
//! check a result offline. Passwords are always passed in; the minisign crate never prompts.

mod keys;
mod pair;
mod signature;
pub mod strength;
mod texts;

use std::io;
use std::path::PathBuf;

use crate::store::{PathsError, WriteError};

pub use keys::{
    KeyInfo, PUBLIC_KEY_FILE, PublicKey, SECRET_KEY_FILE, keygen, public_key_path, secret_key_path,
};
pub use pair::recover_pair;
pub use signature::{Verified, sign, signature_key_id, verify};
pub use strength::{WeakPassword, check_new_password};

/// Errors from key handling, signing and verification.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error(
        "a signing key already exists at {path}; run `msgaudit keygen --force` to replace it \
         (results signed with the old key can then only be checked with the old public key)"
    )]
    KeyExists { path: PathBuf },
    #[error("the secret key must be protected by a password; enter a non-empty password")]
    EmptyPassword,
    #[error(
        "wrong password for the secret key {path}; enter the password chosen at `msgaudit keygen`"
    )]
    WrongPassword { path: PathBuf },
    #[error(
        "could not read {path}: {source}; create a key pair with `msgaudit keygen` or check the path"
    )]
    ReadKey { path: PathBuf, source: io::Error },
    #[error(
        "{path} is not a usable minisign secret key ({reason}); use the msgaudit.key written by `msgaudit keygen`, or create a new pair"
    )]
    MalformedSecretKey { path: PathBuf, reason: String },
    #[error(
        "{origin} is not a minisign public key ({reason}); use the signer's .pub file (two lines: comment, key)"
    )]
    MalformedPublicKey { origin: String, reason: String },
    #[error(
        "the signature is not a valid minisign signature ({reason}); it may be damaged, get the original .minisig file again"
    )]
    MalformedSignature { reason: String },
    #[error("the {which} comment {reason}; change the comment and sign again")]
    InvalidComment {
        which: &'static str,
        reason: &'static str,
    },
    #[error(
        "the signature was made with key {signature_key_id}, but the public key given is \
         {public_key_id}; verify with the signer's public key"
    )]
    KeyMismatch {
        signature_key_id: String,
        public_key_id: String,
    },
    #[error(
        "the secret key {secret} does not belong to the public key {public} (was a `msgaudit keygen` \
         interrupted?); nothing was signed. Create a new pair with `msgaudit keygen --force`"
    )]
    PairMismatch { secret: PathBuf, public: PathBuf },
    #[error("the signature does not match: the file or its signature was changed after signing")]
    BadSignature,
    #[error(
        "no public key with id {key_id} in {dir}{}; put the signer's .pub file there or name it explicitly",
        unreadable_note(*.unreadable)
    )]
    KeyNotFound {
        key_id: String,
        dir: PathBuf,
        /// `.pub` files in the folder that could not be read or parsed.
        unreadable: usize,
    },
    #[error("signing failed: {reason}; try again, and report a bug if it keeps failing")]
    Crypto { reason: String },
    #[error(transparent)]
    Read(#[from] crate::store::ReadError),
    #[error(transparent)]
    Folder(#[from] PathsError),
    #[error(transparent)]
    Write(#[from] WriteError),
}

fn unreadable_note(unreadable: usize) -> String {
    match unreadable {
        0 => String::new(),
        1 => " (1 .pub file there could not be read)".to_string(),
        n => format!(" ({n} .pub files there could not be read)"),
    }
}

/// Key ids as minisign prints them: the 8 id bytes as a little-endian u64, 16 upper-case hex digits.
fn key_id_hex(keynum: &[u8]) -> String {
    keynum.iter().rev().fold(String::new(), |mut out, byte| {
        use std::fmt::Write as _;
        let _ = write!(out, "{byte:02X}"); // writing to a String cannot fail
        out
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) mod test_support {
    use std::sync::OnceLock;

    use super::*;

    pub const PASSWORD: &str = "correct horse battery staple";

    /// One key pair for all tests in this process: deriving the key (scrypt) is the slow part.
    pub struct Fixture {
        _dir: tempfile::TempDir,
        pub key: KeyInfo,
    }

    pub fn fixture() -> &'static Fixture {
        static FIXTURE: OnceLock<Fixture> = OnceLock::new();
        FIXTURE.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let key = keygen(dir.path(), PASSWORD, false).unwrap();
            Fixture { _dir: dir, key }
        })
    }

    #[test]
    fn key_id_is_little_endian_hex() {
        assert_eq!(
            key_id_hex(&[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xAB]),
            "AB07060504030201"
        );
    }
}
