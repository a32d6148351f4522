//! Detached signatures: making the `.minisig` text for exact bytes, and checking it strictly,
//! so that any change to the signed bytes or to the signed parts of the signature is caught.

use std::io::Cursor;
use std::path::Path;

use super::keys::{PublicKey, load_secret_key};
use super::{SignError, key_id_hex};

/// What a valid signature tells about the signed data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The id of the key that made the signature (as minisign prints it).
    pub key_id: String,
    /// The signed comment (for results: audit id, checklist id@version and the signer).
    pub trusted_comment: String,
}

/// Signs `data` with the secret key at `secret_key_path`, unlocked with `password`, and returns
/// the content of the detached `.minisig` file. The trusted comment is covered by the signature;
/// the untrusted one is not (minisign's format), so nothing that matters belongs there.
pub fn sign(
    data: &[u8],
    secret_key_path: &Path,
    password: &str,
    trusted_comment: &str,
    untrusted_comment: &str,
) -> Result<String, SignError> {
    check_comment("trusted", trusted_comment)?;
    check_comment("untrusted", untrusted_comment)?;
    let secret_key = load_secret_key(secret_key_path, password)?;
    sign_with_key(data, &secret_key, trusted_comment, untrusted_comment)
}

/// [`sign`] with an unlocked key and checked comments.
pub(super) fn sign_with_key(
    data: &[u8],
    secret_key: &minisign::SecretKey,
    trusted_comment: &str,
    untrusted_comment: &str,
) -> Result<String, SignError> {
    let crypto = |e: minisign::PError| SignError::Crypto {
        reason: e.to_string(),
    };
    // Passing the public key makes the crate check the fresh signature before we return it.
    let public_key = minisign::PublicKey::from_secret_key(secret_key).map_err(crypto)?;
    let signature = minisign::sign(
        Some(&public_key),
        secret_key,
        Cursor::new(data),
        Some(trusted_comment),
        Some(untrusted_comment),
    )
    .map_err(crypto)?;
    Ok(signature.into_string())
}

/// Checks that `signature_text` (a `.minisig` file's content) is a valid signature of exactly
/// `data` by `public_key`.
pub fn verify(
    data: &[u8],
    signature_text: &str,
    public_key: &PublicKey,
) -> Result<Verified, SignError> {
    let signature = parse_signature(signature_text)?;
    let signature_key_id = key_id_hex(signature.keynum());
    if signature_key_id != public_key.key_id() {
        return Err(SignError::KeyMismatch {
            signature_key_id,
            public_key_id: public_key.key_id(),
        });
    }
    // quiet: the crate would print to stderr; output: it would copy the data to stdout.
    minisign::verify(
        &public_key.inner,
        &signature,
        Cursor::new(data),
        true,
        false,
        false,
    )
    .map_err(|_| SignError::BadSignature)?;
    let trusted_comment = signature
        .trusted_comment()
        .map_err(|e| malformed(&e.to_string()))?;
    Ok(Verified {
        key_id: signature_key_id,
        trusted_comment,
    })
}

/// The id of the key that made a signature, to pick the public key before verifying.
pub fn signature_key_id(signature_text: &str) -> Result<String, SignError> {
    let signature = parse_signature(signature_text)?;
    Ok(key_id_hex(signature.keynum()))
}

fn malformed(reason: &str) -> SignError {
    SignError::MalformedSignature {
        reason: reason.to_string(),
    }
}

/// Parses a `.minisig` text and insists that it is exactly what minisign writes. The crate alone
/// is lenient (it trims whitespace, ignores unused base64 bits and extra lines), which would let
/// some changed bytes of a signature file still verify.
fn parse_signature(text: &str) -> Result<minisign::SignatureBox, SignError> {
    if text.trim().is_empty() {
        return Err(malformed("the file is empty"));
    }
    let signature =
        minisign::SignatureBox::from_string(text).map_err(|e| malformed(&e.to_string()))?;
    if !signature.is_prehashed() {
        return Err(malformed(
            "it is a legacy signature; sign again with a current minisign or msgaudit",
        ));
    }
    // Cannot panic: from_string always fills the trusted comment and global signature that
    // to_string expects.
    if signature.to_string() != text {
        return Err(malformed(
            "its lines are not exactly as minisign writes them (changed characters, spaces or line endings)",
        ));
    }
    Ok(signature)
}

/// Comments must stay on their line of the `.minisig` file. minisign also trims the trusted
/// comment when verifying, so surrounding spaces would make a valid signature fail later.
fn check_comment(which: &'static str, comment: &str) -> Result<(), SignError> {
    let reason = if comment.chars().any(char::is_control) {
        Some("contains a line break or another control character")
    } else if which == "trusted" && comment.trim() != comment {
        Some("starts or ends with spaces")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(SignError::InvalidComment { which, reason }),
        None => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::sync::OnceLock;

    use super::super::test_support::{PASSWORD, fixture};
    use super::*;

    const TRUSTED: &str = "audit 7f3a checklist messenger@1.2.0 signed by Erika Muster (DPO)";

    /// A result-like payload and its signature, made once (unlocking the key is slow).
    fn signed() -> &'static (Vec<u8>, String) {
        static SIGNED: OnceLock<(Vec<u8>, String)> = OnceLock::new();
        SIGNED.get_or_init(|| {
            let line = b"[audit]\norg = \"ACME\"\nfindings = 3\n";
            let data: Vec<u8> = line.iter().copied().cycle().take(700).collect();
            let key = &fixture().key;
            let signature = sign(
                &data,
                &key.secret_key_path,
                PASSWORD,
                TRUSTED,
                "msgaudit result",
            )
            .unwrap();
            (data, signature)
        })
    }

    fn public_key() -> PublicKey {
        PublicKey::from_file(&fixture().key.public_key_path).unwrap()
    }

    #[test]
    fn round_trip() {
        let (data, signature) = signed();
        let verified = verify(data, signature, &public_key()).unwrap();
        assert_eq!(verified.key_id, fixture().key.key_id);
        assert_eq!(verified.trusted_comment, TRUSTED);
        assert_eq!(signature_key_id(signature).unwrap(), fixture().key.key_id);
        assert!(signature.starts_with("untrusted comment: msgaudit result\n"));
    }

    /// A public key of another, unencrypted key pair (no slow key derivation needed).
    fn other_public_key() -> PublicKey {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        PublicKey { inner: pair.pk }
    }

    #[test]
    fn empty_data_can_be_signed_and_verified() {
        let key = &fixture().key;
        let signature = sign(b"", &key.secret_key_path, PASSWORD, "", "").unwrap();
        assert!(verify(b"", &signature, &public_key()).is_ok());
        assert!(verify(b"x", &signature, &public_key()).is_err());
    }

    #[test]
    fn wrong_password_is_refused() {
        let key = &fixture().key;
        let err = sign(b"x", &key.secret_key_path, "wrong", TRUSTED, "").unwrap_err();
        assert!(matches!(err, SignError::WrongPassword { .. }), "{err}");
    }

    #[test]
    fn comments_that_would_break_the_file_are_refused() {
        let path = &fixture().key.secret_key_path;
        for (trusted, untrusted) in [
            ("two\nlines", ""),
            ("carriage\rreturn", ""),
            (" padded", ""),
            ("padded ", ""),
            ("fine", "two\nlines"),
        ] {
            let err = sign(b"x", path, PASSWORD, trusted, untrusted).unwrap_err();
            assert!(matches!(err, SignError::InvalidComment { .. }), "{err}");
        }
    }

    #[test]
    fn any_changed_byte_of_the_data_fails() {
        let (data, signature) = signed();
        let key = public_key();
        for position in 0..data.len() {
            for mask in [0x01, 0x80] {
                let mut tampered = data.clone();
                tampered[position] ^= mask;
                let err = verify(&tampered, signature, &key).unwrap_err();
                assert!(
                    matches!(err, SignError::BadSignature),
                    "at {position}: {err}"
                );
            }
        }
        assert!(
            verify(&data[..data.len() - 1], signature, &key).is_err(),
            "truncated"
        );
        let mut longer = data.clone();
        longer.push(b'\n');
        assert!(verify(&longer, signature, &key).is_err(), "extended");
    }

    /// The untrusted comment's text is, by minisign's design, not covered by the signature;
    /// every other byte of the signature file is.
    #[test]
    fn any_changed_byte_of_the_signed_parts_of_the_signature_fails() {
        let (data, signature) = signed();
        let key = public_key();
        let unsigned_start = "untrusted comment: ".len();
        let unsigned_end = signature.find('\n').unwrap();
        for position in (0..signature.len()).filter(|p| !(unsigned_start..unsigned_end).contains(p))
        {
            for mask in [0x01, 0x02, 0x20, 0x40] {
                let mut tampered = signature.clone().into_bytes();
                tampered[position] ^= mask;
                // Flips that make invalid UTF-8 cannot even be read as a signature file.
                let Ok(tampered) = String::from_utf8(tampered) else {
                    continue;
                };
                assert!(
                    verify(data, &tampered, &key).is_err(),
                    "flip {mask:#04x} at {position} still verified: {tampered:?}"
                );
            }
        }
    }

    #[test]
    fn wrong_public_key_fails() {
        let (data, signature) = signed();
        let err = verify(data, signature, &other_public_key()).unwrap_err();
        assert!(matches!(err, SignError::KeyMismatch { .. }), "{err}");
        assert!(err.to_string().contains(&fixture().key.key_id), "{err}");
    }

    #[test]
    fn same_key_id_but_different_key_fails() {
        // Forge a public key that claims the signer's key id but holds another key.
        let (data, signature) = signed();
        let mut bytes = other_public_key().inner.to_bytes();
        bytes[2..10].copy_from_slice(public_key().inner.keynum());
        let forged = PublicKey {
            inner: minisign::PublicKey::from_bytes(&bytes).unwrap(),
        };
        assert_eq!(forged.key_id(), fixture().key.key_id);
        let err = verify(data, signature, &forged).unwrap_err();
        assert!(matches!(err, SignError::BadSignature), "{err}");
    }

    #[test]
    fn malformed_signatures_give_clean_errors() {
        let (data, signature) = signed();
        let key = public_key();
        let mut inputs: Vec<String> = vec![
            String::new(),
            "\n\n\n\n".to_string(),
            "garbage".to_string(),
            "untrusted comment: x\nnot base64\ntrusted comment: y\nnot base64\n".to_string(),
            signature.replace('\n', "\r\n"),
            format!("{signature}extra line\n"),
        ];
        inputs.extend((0..signature.len()).map(|end| signature[..end].to_string()));
        for input in inputs {
            let err = verify(data, &input, &key).expect_err(&format!("accepted {input:?}"));
            assert!(
                matches!(err, SignError::MalformedSignature { .. }),
                "{input:?}: {err}"
            );
            assert!(signature_key_id(&input).is_err());
        }
    }
}
