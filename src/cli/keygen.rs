//! `msgaudit keygen [--force]`: create the password-protected signing key pair in the config folder.

use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::sign::{self, KeyInfo, SignError};
use crate::store::Paths;

/// Create the key pair; the caller has read the password (twice, on a terminal).
pub fn keygen(paths: &Paths, password: &str, force: bool) -> Result<KeyInfo, SignError> {
    sign::keygen(&paths.keys_dir(), password, force)
}

/// What `keygen` prints: the public key and where both files are.
pub fn describe(k: &KeyInfo, lang: Lang) -> String {
    tx::KEY_CREATED.fill(
        lang,
        &[
            &k.key_id,
            &k.secret_key_path.display().to_string(),
            &k.public_key_path.display().to_string(),
            &k.public_key,
        ],
    )
}
