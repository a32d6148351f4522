//! Counter-signatures: a chain of further minisign signatures over a signed result (auditor → DPO →
//! management). Link k signs a small statement file naming the result's and every earlier signature's
//! SHA-256, so a removed, reordered or replaced signature breaks the chain (docs/countersign.md).

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use super::keys::{candidate_keys, verify_with_any};
use super::verify::{FileRole, KeySource, Options, Reason, read_limited};
use crate::i18n::{Lang, T};

/// The first line of every statement.
pub const STATEMENT_KIND: &str = "msgaudit countersignature";

/// What a link's trusted comment starts with.
pub const COMMENT_KIND: &str = "msgaudit countersignature ";

/// The statement that counter-signature `index` signs: `NAME.result.toml.cs<index>`.
pub fn statement_path(result: &Path, index: usize) -> PathBuf {
    let mut name = result.as_os_str().to_os_string();
    name.push(format!(".cs{index}"));
    PathBuf::from(name)
}

/// The signature of counter-signature `index`: `NAME.result.toml.cs<index>.minisig`.
pub fn link_signature_path(result: &Path, index: usize) -> PathBuf {
    let mut name = statement_path(result, index).into_os_string();
    name.push(".minisig");
    PathBuf::from(name)
}

/// One verified counter-signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// 1 for the first counter-signature after the sign-off.
    pub index: usize,
    pub name: String,
    pub role: String,
    pub signed_at: Timestamp,
    pub key_id: String,
    pub vouched_by: KeySource,
}

/// What a counter-signature states, before it is written as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub index: usize,
    /// The result's file name (not its folder: the files may be moved together).
    pub result_name: String,
    pub result_sha256: String,
    /// File name and SHA-256 of every earlier signature file, the sign-off's first.
    pub signatures: Vec<(String, String)>,
    pub name: String,
    pub role: String,
    pub signed_at: Timestamp,
}

/// A name or role on one line, printable, single spaces (as the sign-off's trusted comment).
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Statement {
    /// The exact bytes the link's signature covers: one `key: value` line each, ending in a line break.
    pub fn to_text(&self) -> String {
        let mut lines = vec![
            format!("{STATEMENT_KIND} {}", self.index),
            format!("result: {} sha256:{}", self.result_name, self.result_sha256),
        ];
        lines.extend(
            self.signatures
                .iter()
                .map(|(file, sha)| format!("signature: {file} sha256:{sha}")),
        );
        lines.push(format!("name: {}", self.name));
        lines.push(format!("role: {}", self.role));
        lines.push(format!("signed: {}", self.signed_at));
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }

    /// The link's trusted comment: index, signer, role and time, so `minisign -V` shows them too.
    pub fn trusted_comment(&self) -> String {
        format!(
            "{COMMENT_KIND}{} of {} name:{} role:{} signed:{}",
            self.index, self.result_name, self.name, self.role, self.signed_at
        )
    }

    /// Reads back what [`Statement::to_text`] wrote; the caller compares the text again exactly.
    fn parse(text: &str) -> Option<Statement> {
        let mut lines = text.lines();
        let index = lines
            .next()?
            .strip_prefix(STATEMENT_KIND)?
            .strip_prefix(' ')?
            .parse()
            .ok()?;
        let (result_name, result_sha256) = split_hash(lines.next()?.strip_prefix("result: ")?)?;
        let mut signatures = Vec::new();
        let mut line = lines.next()?;
        while let Some(rest) = line.strip_prefix("signature: ") {
            signatures.push(split_hash(rest)?);
            line = lines.next()?;
        }
        let name = line.strip_prefix("name: ")?.to_string();
        let role = lines.next()?.strip_prefix("role: ")?.to_string();
        let signed_at = lines.next()?.strip_prefix("signed: ")?.parse().ok()?;
        Some(Statement {
            index,
            result_name,
            result_sha256,
            signatures,
            name,
            role,
            signed_at,
        })
    }
}

fn split_hash(s: &str) -> Option<(String, String)> {
    let (file, sha) = s.rsplit_once(" sha256:")?;
    Some((file.to_string(), sha.to_string()))
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What is wrong with a counter-signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainError {
    /// Counter-signature `index` is missing, but a later one is there (one was removed).
    Missing { index: usize, later: usize },
    /// The statement file is not one msgaudit writes.
    Statement { index: usize },
    /// The statement is numbered differently (files renamed, so reordered).
    Numbered { index: usize, found: usize },
    /// The statement names another result, or the result was changed.
    OtherResult { index: usize },
    /// The statement does not name exactly the signatures before it: one was removed, reordered or replaced.
    Earlier { index: usize },
    /// The signed comment does not match the statement.
    Comment { index: usize },
    /// Reading the files or checking the signature of counter-signature `index` failed.
    Link { index: usize, reason: Box<Reason> },
}

impl ChainError {
    /// The problem in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let prefix = |index: &usize| {
            T::new("Gegenzeichnung {0}", "counter-signature {0}").fill(lang, &[&index.to_string()])
        };
        let (index, text) = match self {
            ChainError::Missing { index, later } => (
                index,
                T::new(
                    "fehlt, aber Gegenzeichnung {0} ist vorhanden: eine Signatur der Kette wurde entfernt",
                    "is missing, but counter-signature {0} is there: a signature of the chain was removed",
                )
                .fill(lang, &[&later.to_string()]),
            ),
            ChainError::Statement { index } => (
                index,
                T::new(
                    "ihre Erklärung ist keine, die msgaudit schreibt",
                    "its statement is not one msgaudit writes",
                )
                .get(lang)
                .to_string(),
            ),
            ChainError::Numbered { index, found } => (
                index,
                T::new(
                    "ist als Gegenzeichnung {0} signiert: die Kette wurde umgeordnet",
                    "was signed as counter-signature {0}: the chain was reordered",
                )
                .fill(lang, &[&found.to_string()]),
            ),
            ChainError::OtherResult { index } => (
                index,
                T::new(
                    "nennt eine andere Ergebnisdatei oder die Ergebnisdatei wurde geändert",
                    "names another result, or the result was changed",
                )
                .get(lang)
                .to_string(),
            ),
            ChainError::Earlier { index } => (
                index,
                T::new(
                    "nennt nicht genau die Signaturen vor ihr: eine wurde entfernt, umgeordnet oder ersetzt",
                    "does not name exactly the signatures before it: one was removed, reordered or replaced",
                )
                .get(lang)
                .to_string(),
            ),
            ChainError::Comment { index } => (
                index,
                T::new(
                    "ihr vertrauenswürdiger Kommentar passt nicht zu ihrer Erklärung",
                    "its trusted comment does not match its statement",
                )
                .get(lang)
                .to_string(),
            ),
            ChainError::Link { index, reason } => (index, reason.text(lang)),
        };
        format!("{}: {text}", prefix(index))
    }
}

/// The file names of one folder, read once to verify many of its results: `summary` over a year's
/// folder and the results list look each result's counter-signatures up here instead of listing the
/// folder again for every result (which made verifying a folder quadratic in its size).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    names: std::collections::BTreeSet<String>,
}

impl Listing {
    /// The names in `dir` as they are now (names that are not UTF-8 cannot be a result's files).
    pub fn read(dir: &Path) -> std::io::Result<Listing> {
        Ok(Listing {
            names: std::fs::read_dir(dir)?
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .collect(),
        })
    }

    /// The folder a result's counter-signatures sit in.
    pub fn folder_of(result: &Path) -> PathBuf {
        match result.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// The names that start with `prefix`, in order.
    fn starting_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.names
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(move |n| n.starts_with(prefix))
            .map(String::as_str)
    }
}

/// The counter-signature numbers present beside `result` (from their `.minisig` files), ascending:
/// looked up in `listing` when the caller read the folder already, else the folder is read now.
fn present(result: &Path, listing: Option<&Listing>) -> Result<Vec<usize>, Reason> {
    let read;
    let listing = if let Some(l) = listing {
        l
    } else {
        let dir = Listing::folder_of(result);
        read = Listing::read(&dir).map_err(|e| Reason::CannotRead {
            file: FileRole::Signature,
            path: dir.clone(),
            error: Some(e.kind()),
        })?;
        &read
    };
    let prefix = format!("{}.cs", file_name(result));
    let mut found: Vec<usize> = listing
        .starting_with(&prefix)
        .filter_map(|name| {
            let number = name.strip_prefix(&prefix)?.strip_suffix(".minisig")?;
            let index: usize = number.parse().ok()?;
            // "cs01" is not ours: the number as written must be the number.
            (index >= 1 && index.to_string() == number).then_some(index)
        })
        .collect();
    found.sort_unstable();
    Ok(found)
}

/// Candidate keys for a link: `--pubkey` only when it carries the link's key id (it names the
/// sign-off's key), else the own key and the trusted keys.
fn link_keys(
    sig: &str,
    opts: &Options,
) -> Result<Vec<(KeySource, crate::sign::PublicKey)>, Reason> {
    if let Some(p) = &opts.pubkey {
        let fits = crate::sign::PublicKey::from_file(p)
            .ok()
            .zip(crate::sign::signature_key_id(sig).ok())
            .is_some_and(|(k, id)| k.key_id() == id);
        if !fits {
            let others = Options {
                pubkey: None,
                ..opts.clone()
            };
            return candidate_keys(sig, &others);
        }
    }
    candidate_keys(sig, opts)
}

fn read_text(path: &Path, file: FileRole) -> Result<String, Reason> {
    read_limited(path, file).and_then(|b| {
        String::from_utf8(b).map_err(|_| Reason::NotText {
            file,
            path: path.to_path_buf(),
        })
    })
}

/// Verifies every counter-signature of `result` in order, given the result's bytes and its
/// sign-off signature's bytes (already verified), and the listing of its folder if the caller has one.
/// Returns the links, or the first broken one.
pub fn verify_chain(
    result: &Path,
    result_bytes: &[u8],
    signoff_signature: &[u8],
    opts: &Options,
    listing: Option<&Listing>,
) -> Result<Vec<Link>, ChainError> {
    let present = present(result, listing).map_err(|reason| ChainError::Link {
        index: 1,
        reason: Box::new(reason),
    })?;
    let last = present.last().copied().unwrap_or(0);
    if let Some(index) = (1..=last).find(|i| !present.contains(i)) {
        return Err(ChainError::Missing { index, later: last });
    }
    if present.is_empty() {
        // Most results: no counter-signature, nothing to hash.
        return Ok(Vec::new());
    }
    let result_sha256 = sha256(result_bytes);
    let mut earlier = vec![(
        file_name(&super::signature_path(result)),
        sha256(signoff_signature),
    )];
    let mut links = Vec::new();
    for index in 1..=last {
        let link = |reason| ChainError::Link {
            index,
            reason: Box::new(reason),
        };
        let statement_file = statement_path(result, index);
        let sig_file = link_signature_path(result, index);
        let text = read_text(&statement_file, FileRole::Statement).map_err(link)?;
        let sig = read_text(&sig_file, FileRole::Signature).map_err(link)?;
        // The signature first: only signed statements are worth reading.
        let (source, verified) = link_keys(&sig, opts)
            .and_then(|keys| verify_with_any(text.as_bytes(), &sig, keys))
            .map_err(link)?;
        let Some(statement) = Statement::parse(&text).filter(|s| s.to_text() == text) else {
            return Err(ChainError::Statement { index });
        };
        if statement.index != index {
            return Err(ChainError::Numbered {
                index,
                found: statement.index,
            });
        }
        if statement.result_name != file_name(result) || statement.result_sha256 != result_sha256 {
            return Err(ChainError::OtherResult { index });
        }
        if statement.signatures != earlier {
            return Err(ChainError::Earlier { index });
        }
        if verified.trusted_comment != statement.trusted_comment() {
            return Err(ChainError::Comment { index });
        }
        earlier.push((file_name(&sig_file), sha256(sig.as_bytes())));
        links.push(Link {
            index,
            name: statement.name,
            role: statement.role,
            signed_at: statement.signed_at,
            key_id: verified.key_id,
            vouched_by: source,
        });
    }
    Ok(links)
}

/// The statement the next counter-signature of `result` signs, given the links verified so far.
pub fn next_statement(
    result: &Path,
    result_bytes: &[u8],
    links: usize,
    name: &str,
    role: &str,
    now: Timestamp,
) -> Result<Statement, Reason> {
    let mut signatures = Vec::new();
    let base = super::signature_path(result);
    let files =
        std::iter::once(base).chain((1..=links).map(|index| link_signature_path(result, index)));
    for file in files {
        let bytes = read_limited(&file, FileRole::Signature)?;
        signatures.push((file_name(&file), sha256(&bytes)));
    }
    Ok(Statement {
        index: links + 1,
        result_name: file_name(result),
        result_sha256: sha256(result_bytes),
        signatures,
        name: clean(name),
        role: clean(role),
        signed_at: now,
    })
}

/// One line per link: "counter-signature 1: Name (Role) on … with key … (source)".
pub fn link_line(link: &Link, lang: Lang, zone: &crate::i18n::dates::Zone) -> String {
    let who = if link.role.is_empty() {
        link.name.clone()
    } else {
        format!("{} ({})", link.name, link.role)
    };
    T::new(
        "Gegenzeichnung {0}: {1} am {2} mit Schlüssel {3} ({4})",
        "counter-signature {0}: {1} on {2} with key {3} ({4})",
    )
    .fill(
        lang,
        &[
            &link.index.to_string(),
            &who,
            &crate::i18n::dates::time(lang, link.signed_at, zone),
            &link.key_id,
            &link.vouched_by.text(lang),
        ],
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A folder's listing, read once, finds exactly the counter-signatures that listing the folder
    /// for the one result finds: its own numbers only (not another result's whose name it starts),
    /// numbers as written, and the gap left by a removed one.
    #[test]
    fn a_listing_read_once_finds_what_the_folder_shows_each_result() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "a.result.toml",
            "a.result.toml.minisig",
            "a.result.toml.cs1",
            "a.result.toml.cs1.minisig",
            "a.result.toml.cs3.minisig",
            "a.result.toml.cs10.minisig",
            "a.result.toml.cs02.minisig",
            "a.result.toml.cs4",
            "a.result.toml.bak.cs5.minisig",
            "a.result.toml2.cs2.minisig",
            "b.result.toml",
            "b.result.toml.cs2.minisig",
        ];
        for n in names {
            std::fs::write(dir.path().join(n), "").unwrap();
        }
        let listing = Listing::read(dir.path()).unwrap();
        for (result, want) in [
            ("a.result.toml", vec![1, 3, 10]),
            ("b.result.toml", vec![2]),
            ("c.result.toml", vec![]),
        ] {
            let path = dir.path().join(result);
            assert_eq!(present(&path, Some(&listing)).unwrap(), want, "{result}");
            assert_eq!(present(&path, None).unwrap(), want, "{result}");
        }
        assert_eq!(
            Listing::folder_of(Path::new("x.result.toml")),
            PathBuf::from(".")
        );
    }

    fn statement() -> Statement {
        Statement {
            index: 2,
            result_name: "acme.result.toml".into(),
            result_sha256: "ab".repeat(32),
            signatures: vec![
                ("acme.result.toml.minisig".into(), "cd".repeat(32)),
                ("acme.result.toml.cs1.minisig".into(), "ef".repeat(32)),
            ],
            name: "Erika Muster".into(),
            role: "Geschäftsführung".into(),
            signed_at: Timestamp::from_second(1_790_000_000).unwrap(),
        }
    }

    #[test]
    fn statement_round_trips_exactly() {
        let s = statement();
        let text = s.to_text();
        assert!(text.starts_with("msgaudit countersignature 2\nresult: acme.result.toml sha256:"));
        assert_eq!(Statement::parse(&text), Some(s));
        assert_eq!(Statement::parse(&text.replace("name: ", "nom: ")), None);
    }

    #[test]
    fn paths_follow_the_result() {
        let r = Path::new("dir/acme.result.toml");
        assert_eq!(statement_path(r, 3), Path::new("dir/acme.result.toml.cs3"));
        assert_eq!(
            link_signature_path(r, 3),
            Path::new("dir/acme.result.toml.cs3.minisig")
        );
    }

    #[test]
    fn names_and_roles_stay_on_one_line() {
        assert_eq!(clean(" DPO\n of  ACME\t"), "DPO of ACME");
    }
}
