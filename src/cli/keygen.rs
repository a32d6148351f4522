//! `msgaudit keygen [--force]`: create the password-protected signing key pair in the config folder.

use crate::sign::{self, KeyInfo};
use crate::store::Paths;

/// Create the key pair; the caller has read the password (twice, on a terminal).
pub fn keygen(paths: &Paths, password: &str, force: bool) -> Result<KeyInfo, String> {
    sign::keygen(&paths.keys_dir(), password, force).map_err(|e| e.to_string())
}

/// What `keygen` prints: the public key and where both files are.
pub fn describe(k: &KeyInfo) -> String {
    format!(
        "created a signing key pair (key id {})\n  secret key (keep it; password-protected): {}\n  public key (give it to whoever verifies your results): {}\n\n{}\n",
        k.key_id,
        k.secret_key_path.display(),
        k.public_key_path.display(),
        k.public_key
    )
}
