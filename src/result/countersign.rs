//! `msgaudit countersign`: add the next link to a verified result's chain of signatures, signed with the
//! countersigner's own key. The result and every earlier signature are only read, never rewritten.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::chain::{self, link_signature_path, next_statement, statement_path};
use super::verify::{Options, Reason, verify};
use crate::i18n::{Lang, T};
use crate::sign::{self, PublicKey, SignError};
use crate::store::WriteError;
use crate::store::atomic::write_new_pair;
use crate::store::fsops::RealFs;

/// The counter-signature as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Countersigned {
    pub index: usize,
    pub statement: PathBuf,
    pub signature: PathBuf,
    pub key_id: String,
}

/// Why nothing was countersigned (no file was written).
#[derive(Debug)]
pub enum CountersignError {
    /// The name is empty.
    NoName,
    /// The result, or its chain so far, does not verify.
    Invalid(Reason),
    /// The countersigner has no key pair.
    NoKey {
        dir: PathBuf,
    },
    /// The countersigner's key made an earlier signature of this chain already.
    SameKey {
        key_id: String,
    },
    Sign(SignError),
    Write(WriteError),
}

impl CountersignError {
    /// The error in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            CountersignError::NoName => T::new(
                "Der Name ist leer; nennen Sie mit --name die Person, die gegenzeichnet",
                "the name is empty; name the person countersigning with --name",
            )
            .get(lang)
            .to_string(),
            CountersignError::Invalid(reason) => T::new(
                "nicht gegengezeichnet, denn das Ergebnis ist ungültig: {0}",
                "not countersigned, because the result is not valid: {0}",
            )
            .fill(lang, &[&reason.text(lang)]),
            CountersignError::NoKey { dir } => T::new(
                "Kein Signaturschlüssel in {0}; legen Sie einen mit `msgaudit keygen` an",
                "no signing key in {0}; create one with `msgaudit keygen`",
            )
            .fill(
                lang,
                &[&crate::text::escape_visible(&dir.display().to_string())],
            ),
            CountersignError::SameKey { key_id } => T::new(
                "Ihr Schlüssel {0} hat dieses Ergebnis bereits signiert; eine Gegenzeichnung kommt von einem anderen Schlüssel",
                "your key {0} has signed this result already; a counter-signature comes from another key",
            )
            .fill(lang, &[key_id]),
            CountersignError::Sign(e) => e.text(lang),
            CountersignError::Write(e) => e.text(lang),
        }
    }
}

/// Who countersigns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Countersigner<'a> {
    pub name: &'a str,
    pub role: &'a str,
    pub keys_dir: &'a Path,
    pub password: &'a str,
}

/// A result that may be countersigned by the key in `keys_dir`: every check that needs no password
/// passed (name given, result and chain verify, the key exists and has not signed this result yet), so
/// the password is asked only when signing can follow.
#[derive(Debug)]
pub struct Ready<'a> {
    result: &'a Path,
    links: usize,
    secret: PathBuf,
    public: PathBuf,
    public_key: PublicKey,
    key_id: String,
}

/// Verifies `result` with its chain, then signs and writes counter-signature k+1 (statement and
/// `.minisig`, both or neither). Refuses a result that does not verify.
pub fn countersign(
    result: &Path,
    opts: &Options,
    signer: &Countersigner<'_>,
    now: Timestamp,
) -> Result<Countersigned, CountersignError> {
    prepare(result, opts, signer.name, signer.keys_dir)?.sign(signer, now)
}

/// The checks before the password: the name, the result with its chain, the own key, and that this key
/// has not signed the result already.
pub fn prepare<'a>(
    result: &'a Path,
    opts: &Options,
    name: &str,
    keys_dir: &Path,
) -> Result<Ready<'a>, CountersignError> {
    if chain::clean(name).is_empty() {
        return Err(CountersignError::NoName);
    }
    let verification = verify(result, opts);
    if let super::State::Invalid { reason } = verification.state {
        return Err(CountersignError::Invalid(reason));
    }
    sign::recover_pair(keys_dir).map_err(CountersignError::Sign)?;
    let secret = sign::secret_key_path(keys_dir);
    let public = sign::public_key_path(keys_dir);
    if !secret.is_file() || !public.is_file() {
        return Err(CountersignError::NoKey {
            dir: keys_dir.to_path_buf(),
        });
    }
    let public_key = PublicKey::from_file(&public).map_err(CountersignError::Sign)?;
    let key_id = public_key.key_id();
    let earlier_keys = verification.result.iter().map(|r| &r.signoff.key_id);
    if earlier_keys
        .chain(verification.chain.iter().map(|l| &l.key_id))
        .any(|k| *k == key_id)
    {
        return Err(CountersignError::SameKey { key_id });
    }
    Ok(Ready {
        result,
        links: verification.chain.len(),
        secret,
        public,
        public_key,
        key_id,
    })
}

impl Ready<'_> {
    /// Sign and write the next link with the password now given. `signer.keys_dir` is the folder
    /// `prepare` looked in.
    pub fn sign(
        self,
        signer: &Countersigner<'_>,
        now: Timestamp,
    ) -> Result<Countersigned, CountersignError> {
        let Ready {
            result,
            links,
            secret,
            public,
            public_key,
            key_id,
        } = self;
        // The bytes read once more: exactly these are hashed into the statement.
        let bytes = super::verify::read_limited(result, super::FileRole::Result)
            .map_err(CountersignError::Invalid)?;
        let statement = next_statement(result, &bytes, links, signer.name, signer.role, now)
            .map_err(CountersignError::Invalid)?;
        let text = statement.to_text();
        let index = statement.index;
        let statement_file = statement_path(result, index);
        let signature_file = link_signature_path(result, index);
        let signature = sign::sign(
            text.as_bytes(),
            &secret,
            signer.password,
            &statement.trusted_comment(),
            &format!("counter-signature {index} (msgaudit)"),
        )
        .map_err(CountersignError::Sign)?;
        if sign::verify(text.as_bytes(), &signature, &public_key).is_err() {
            return Err(CountersignError::Sign(SignError::PairMismatch {
                secret,
                public,
            }));
        }
        // A statement without its `.minisig` is left from an interrupted countersign: unsigned, it is
        // no part of the chain (which counts from the `.minisig` files), so it makes way for the new one.
        if statement_file.is_file() && !signature_file.exists() {
            std::fs::remove_file(&statement_file).map_err(|e| {
                CountersignError::Write(WriteError::Io {
                    path: statement_file.clone(),
                    source: e,
                })
            })?;
        }
        // The signature last: a link counts from its `.minisig`, which then has its statement beside it.
        write_new_pair(
            &RealFs,
            (&signature_file, signature.as_bytes()),
            (&statement_file, text.as_bytes()),
        )
        .map_err(CountersignError::Write)?;
        Ok(Countersigned {
            index,
            statement: statement_file,
            signature: signature_file,
            key_id,
        })
    }
}
