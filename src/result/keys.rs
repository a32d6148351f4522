//! Which key vouches for a result: the `--pubkey` file alone, else the own key and every trusted key with
//! the signature's key id; the first of them that verifies the signature.

use super::verify::{KeySource, Options, Reason};
use crate::i18n::Lang;
use crate::sign::{self, PublicKey};

/// A signing error in German and English (the error itself is not `Clone`, a `Reason` is).
fn both(e: &sign::SignError) -> [String; 2] {
    [Lang::De, Lang::En].map(|l| e.text(l))
}

/// Every public key that may have made `sig`, with where it comes from: the `--pubkey` file alone,
/// else the own key and every trusted key with the signature's key id.
pub(super) fn candidate_keys(
    sig: &str,
    opts: &Options,
) -> Result<Vec<(KeySource, PublicKey)>, Reason> {
    if let Some(p) = &opts.pubkey {
        let key = PublicKey::from_file(p).map_err(|e| Reason::Key(both(&e)))?;
        return Ok(vec![(KeySource::Given(p.clone()), key)]);
    }
    let key_id = sign::signature_key_id(sig).map_err(|e| Reason::Key(both(&e)))?;
    let Some(paths) = &opts.paths else {
        return Err(Reason::UnknownKey {
            key_id,
            trusted_dir: None,
        });
    };
    let mut found = Vec::new();
    let own = sign::public_key_path(&paths.keys_dir());
    if let Ok(k) = PublicKey::from_file(&own)
        && k.key_id() == key_id
    {
        found.push((KeySource::Own(own), k));
    }
    let trusted = paths.trusted_keys_dir();
    if let Ok(keys) = PublicKey::all_in_dir(&trusted, &key_id) {
        found.extend(keys.into_iter().map(|(p, k)| (KeySource::Trusted(p), k)));
    }
    if found.is_empty() {
        return Err(Reason::UnknownKey {
            key_id,
            trusted_dir: Some(trusted),
        });
    }
    Ok(found)
}

/// The first candidate key that verifies the signature. A key id is only a hint (8 bytes its
/// creator chose), so a second key with the same id must not make a genuine result fail.
pub(super) fn verify_with_any(
    bytes: &[u8],
    sig: &str,
    keys: Vec<(KeySource, PublicKey)>,
) -> Result<(KeySource, sign::Verified), Reason> {
    let mut tried = Vec::new();
    let mut last = None;
    for (source, key) in keys {
        match sign::verify(bytes, sig, &key) {
            Ok(v) => return Ok((source, v)),
            // Anything else than a mismatch is about the signature itself, the same for every key.
            Err(e @ sign::SignError::BadSignature) => {
                tried.push(source);
                last = Some(e);
            }
            Err(e) => return Err(Reason::Signature(both(&e))),
        }
    }
    match (tried.len(), last) {
        (1, Some(e)) => Err(Reason::Signature(both(&e))),
        _ => Err(Reason::NoKeyVerifies {
            key_id: sign::signature_key_id(sig).unwrap_or_default(),
            tried: tried
                .into_iter()
                .map(|s| match s {
                    KeySource::Own(p) | KeySource::Trusted(p) | KeySource::Given(p) => p,
                })
                .collect(),
        }),
    }
}
