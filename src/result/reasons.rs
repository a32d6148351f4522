//! Why a result file does not verify, and what verify notes without failing: typed reasons and notes
//! with their words in German and English, named so that reports, the TUI and the CLI say them alike.

use std::path::{Path, PathBuf};

use super::chain::ChainError;
use super::supersedes;
use crate::i18n::{Lang, T};

use super::verify::shown;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentField {
    /// The comment is not a msgaudit result's comment at all.
    Kind,
    Checklist,
    Signer,
    SignedAt,
}

impl CommentField {
    fn word(self) -> T {
        match self {
            CommentField::Kind => T::new("die Art der Datei", "the kind of file"),
            CommentField::Checklist => T::new("eine andere Checkliste", "a different checklist"),
            CommentField::Signer => T::new("eine andere abzeichnende Person", "a different signer"),
            CommentField::SignedAt => T::new(
                "einen anderen Zeitpunkt der Abzeichnung",
                "a different time of signing",
            ),
        }
    }
}

/// Which of the two files of a signed result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Result,
    Signature,
    /// A counter-signature's statement (`NAME.result.toml.cs<k>`).
    Statement,
}

impl FileRole {
    fn word(self) -> T {
        match self {
            FileRole::Result => T::new("die Ergebnisdatei", "the result"),
            FileRole::Signature => T::new("die Signatur", "the signature"),
            FileRole::Statement => T::new(
                "die Erklärung der Gegenzeichnung",
                "the counter-signature's statement",
            ),
        }
    }
}

/// Why a result is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    CannotRead {
        file: FileRole,
        path: PathBuf,
        /// What the system said; None: not a regular file (a folder, pipe or device).
        error: Option<std::io::ErrorKind>,
    },
    TooLarge {
        file: FileRole,
        path: PathBuf,
    },
    NotText {
        file: FileRole,
        path: PathBuf,
    },
    /// The public key named with `--pubkey`, or the key id in the signature, cannot be used
    /// (the signing error in German and English, as `SignError::text` words it).
    Key([String; 2]),
    /// The signature was made with a key that is neither the user's own nor a trusted one.
    UnknownKey {
        key_id: String,
        trusted_dir: Option<PathBuf>,
    },
    /// The signature does not hold for these bytes (the file was changed, or another key signed);
    /// German and English as for `Key`.
    Signature([String; 2]),
    /// Several keys carry the signature's key id, and none of them verifies it.
    NoKeyVerifies {
        key_id: String,
        tried: Vec<PathBuf>,
    },
    NotAResult(String),
    KeyIdMismatch {
        named: String,
        signed: String,
    },
    OtherAudit,
    /// The trusted comment names something else than the result file (or is not a result's comment).
    Comment(CommentField),
    /// The stored outcome is not what the answers give.
    Outcome(String),
    /// A counter-signature is missing, out of order or does not hold.
    Chain(ChainError),
    /// A superseded result (`[supersedes]`) was found with other bytes than the ones this result names.
    Superseded {
        file: String,
        path: PathBuf,
        expected: String,
        actual: String,
    },
    /// The answer history (`[[history]]`) does not lead to the stored answers.
    History(crate::audit::history::Inconsistency),
    /// The action plan (`[[plan]]`) does not fit the result.
    Plan(crate::audit::plan::PlanProblem),
    /// An evidence file (`[[evidence]]`) was found with other bytes than the result names.
    Evidence(Box<EvidenceChanged>),
}

/// A changed evidence file: which, of which question, where, and its recorded and found hash and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceChanged {
    pub file: String,
    pub question: String,
    pub path: PathBuf,
    pub expected: String,
    pub actual: String,
    /// The recorded size and the size found.
    pub sizes: (u64, u64),
}

impl Reason {
    /// The reason in words, in `lang`. Texts from the signature library are quoted as they are.
    pub fn text(&self, lang: Lang) -> String {
        let path = |p: &Path| shown(p);
        match self {
            Reason::CannotRead { file, path: p, error } => T::new(
                "{0} {1} kann nicht gelesen werden: {2}",
                "cannot read {0} {1}: {2}",
            )
            .fill(
                lang,
                &[
                    file.word().get(lang),
                    &path(p),
                    match error {
                        Some(kind) => crate::i18n::io::kind(*kind),
                        None => T::new(
                            "keine gewöhnliche Datei (ein Ordner, eine Pipe oder ein Gerät)",
                            "not a regular file (a folder, pipe or device)",
                        ),
                    }
                    .get(lang),
                ],
            ),
            Reason::TooLarge { file, path: p } => T::new(
                "{0} {1} ist zu groß für eine msgaudit-Datei",
                "{0} {1} is too large to be a msgaudit file",
            )
            .fill(lang, &[file.word().get(lang), &path(p)]),
            Reason::NotText { file, path: p } => {
                let base = T::new("{0} {1} ist kein Text", "{0} {1} is not text")
                    .fill(lang, &[file.word().get(lang), &path(p)]);
                if *file == FileRole::Signature {
                    format!("{base}{}", NEEDS_SIG.get(lang))
                } else {
                    base
                }
            }
            Reason::Key(e) | Reason::Signature(e) => e[usize::from(lang == Lang::En)].clone(),
            Reason::UnknownKey {
                key_id,
                trusted_dir: None,
            } => T::new(
                "die Signatur wurde mit Schlüssel {0} erstellt; nennen Sie dessen öffentlichen Schlüssel mit --pubkey",
                "the signature was made with key {0}; name its public key with --pubkey",
            )
            .fill(lang, &[key_id]),
            Reason::UnknownKey {
                key_id,
                trusted_dir: Some(dir),
            } => T::new(
                "die Signatur wurde mit Schlüssel {0} erstellt, der weder Ihr eigener ist noch in {1} liegt; legen Sie die .pub-Datei der abzeichnenden Person dort ab oder nennen Sie sie mit --pubkey",
                "the signature was made with key {0}, which is neither your own key nor in {1}; put the signer's .pub file there or name it with --pubkey",
            )
            .fill(lang, &[key_id, &path(dir)]),
            Reason::NoKeyVerifies { key_id, tried } => T::new(
                "keiner der {0} Schlüssel mit der Kennung {1} ({2}) bestätigt die Signatur: die Datei wurde nach dem Signieren geändert, oder ein anderer Schlüssel mit derselben Kennung hat signiert",
                "none of the {0} keys with id {1} ({2}) verifies the signature: the file was changed after signing, or another key with the same id signed it",
            )
            .fill(
                lang,
                &[
                    &tried.len().to_string(),
                    key_id,
                    &tried.iter().map(|p| path(p)).collect::<Vec<_>>().join(", "),
                ],
            ),
            Reason::NotAResult(e) => T::new(
                "die signierte Datei ist kein gültiges msgaudit-Ergebnis: {0}",
                "the signed file is not a valid msgaudit result: {0}",
            )
            .fill(lang, &[e]),
            Reason::KeyIdMismatch { named, signed } => T::new(
                "die Abzeichnung nennt Schlüssel {0}, die Datei wurde aber mit Schlüssel {1} signiert",
                "the sign-off names key {0} but the file was signed with key {1}",
            )
            .fill(lang, &[named, signed]),
            Reason::OtherAudit => T::new(
                "der vertrauenswürdige Kommentar der Signatur nennt eine andere Prüfung",
                "the signature's trusted comment names a different audit",
            )
            .get(lang)
            .to_string(),
            Reason::Comment(CommentField::Kind) => T::new(
                "der vertrauenswürdige Kommentar der Signatur ist nicht der eines msgaudit-Ergebnisses",
                "the signature's trusted comment is not that of a msgaudit result",
            )
            .get(lang)
            .to_string(),
            Reason::Comment(field) => T::new(
                "der vertrauenswürdige Kommentar der Signatur nennt {0} als die Ergebnisdatei",
                "the signature's trusted comment names {0} than the result file",
            )
            .fill(lang, &[field.word().get(lang)]),
            Reason::Outcome(m) => T::new(
                "das gespeicherte Ergebnis folgt nicht aus den Antworten: {0}",
                "the stored outcome does not follow from the answers: {0}",
            )
            .fill(lang, &[m]),
            Reason::Chain(e) => e.text(lang),
            Reason::Superseded {
                file,
                path: p,
                expected,
                actual,
            } => supersedes::mismatch_text(file, p, expected, actual, lang),
            Reason::History(e) => e.text(lang),
            Reason::Plan(e) => e.text(lang),
            Reason::Evidence(e) => T::new(
                "der Beleg {0} zur Frage {1} ({2}) wurde nach dem Abzeichnen geändert: SHA-256 {3}…, {4} Bytes; das Ergebnis nennt {5}…, {6} Bytes",
                "the evidence file {0} of question {1} ({2}) was changed after signing: SHA-256 {3}…, {4} bytes; the result names {5}…, {6} bytes",
            )
            .fill(
                lang,
                &[
                    &crate::text::escape_visible(&e.file),
                    &crate::text::escape_visible(&e.question),
                    &path(&e.path),
                    &crate::evidence::short_hash(&e.actual),
                    &e.sizes.1.to_string(),
                    &crate::evidence::short_hash(&e.expected),
                    &e.sizes.0.to_string(),
                ],
            ),
        }
    }
}

const NEEDS_SIG: T = T::new(
    "; ein Ergebnis lässt sich nur mit seiner .minisig-Datei prüfen",
    "; a result can only be verified with its .minisig file",
);

/// A remark on a valid result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The checklist version the result names is not available, so the outcome was not re-derived.
    ChecklistUnavailable {
        id: String,
        version: String,
        sha256: String,
        known: Vec<String>,
    },
    /// A result this one supersedes is not found, so its SHA-256 was not checked.
    SupersededMissing { file: String },
    /// An evidence file the result lists is in none of the evidence folders: not checked. The result
    /// stays valid (it says what was signed); the file itself cannot be vouched for.
    EvidenceMissing { file: String, question: String },
    /// An evidence file is there but cannot be read as a file: not checked.
    EvidenceUnreadable {
        file: String,
        question: String,
        path: PathBuf,
        /// What the system said; None: not a regular file.
        error: Option<std::io::ErrorKind>,
    },
}

impl Note {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::ChecklistUnavailable {
                id,
                version,
                sha256,
                known,
            } => {
                // The hash is shown shortened; it may hold any characters in a hostile file.
                let short: String = sha256.chars().take(12).collect();
                let mut s = T::new(
                    "Checkliste {0}@{1} (sha256 {2}) ist hier nicht verfügbar",
                    "checklist {0}@{1} (sha256 {2}) is not available here",
                )
                .fill(lang, &[id, version, &short]);
                if !known.is_empty() {
                    s.push_str(
                        &T::new(" (bekannte Versionen: {0})", " (known versions: {0})")
                            .fill(lang, &[&known.join(", ")]),
                    );
                }
                s.push_str(
                    T::new(
                        "; Befunde und Zusammenfassung wurden nicht neu abgeleitet",
                        "; findings and summary were not re-derived",
                    )
                    .get(lang),
                );
                s
            }
            Note::SupersededMissing { file } => supersedes::missing_text(file, lang),
            Note::EvidenceMissing { file, question } => T::new(
                "der Beleg {0} zur Frage {1} fehlt (in keinem Belegordner gefunden) und wurde nicht geprüft; das Ergebnis selbst bleibt gültig",
                "the evidence file {0} of question {1} is missing (found in no evidence folder) and was not checked; the result itself stays valid",
            )
            .fill(
                lang,
                &[
                    &crate::text::escape_visible(file),
                    &crate::text::escape_visible(question),
                ],
            ),
            Note::EvidenceUnreadable {
                file,
                question,
                path: p,
                error,
            } => T::new(
                "der Beleg {0} zur Frage {1} ({2}) kann nicht gelesen werden ({3}) und wurde nicht geprüft",
                "the evidence file {0} of question {1} ({2}) cannot be read ({3}) and was not checked",
            )
            .fill(
                lang,
                &[
                    &crate::text::escape_visible(file),
                    &crate::text::escape_visible(question),
                    &shown(p),
                    match error {
                        Some(kind) => crate::i18n::io::kind(*kind),
                        None => T::new(
                            "keine gewöhnliche Datei",
                            "not a regular file",
                        ),
                    }
                    .get(lang),
                ],
            ),
        }
    }
}
