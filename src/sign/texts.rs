//! Signing errors in German and English. Here rather than in `explain`, so that verification (which
//! sits below `explain`) can word a signing failure itself.

use super::SignError;
use crate::i18n::{Lang, T, io};

fn p(path: &std::path::Path) -> String {
    path.display().to_string()
}

impl SignError {
    /// The error as the user reads it, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SignError::WrongPassword { path } => T::new(
                "Falsches Passwort für den geheimen Schlüssel {0}; geben Sie das Passwort ein, das bei `msgaudit keygen` gewählt wurde",
                "wrong password for the secret key {0}; enter the password chosen at `msgaudit keygen`",
            )
            .fill(lang, &[&path.display().to_string()]),
            SignError::EmptyPassword => T::new(
                "Der geheime Schlüssel muss durch ein Passwort geschützt sein; geben Sie ein Passwort ein",
                "the secret key must be protected by a password; enter a non-empty password",
            )
            .get(lang)
            .to_string(),
            SignError::KeyExists { path } => T::new(
                "Es gibt bereits einen Signaturschlüssel in {0}; `msgaudit keygen --force` ersetzt ihn (mit dem alten Schlüssel signierte Ergebnisse lassen sich dann nur mit dem alten öffentlichen Schlüssel prüfen)",
                "a signing key already exists at {0}; run `msgaudit keygen --force` to replace it (results signed with the old key can then only be checked with the old public key)",
            )
            .fill(lang, &[&path.display().to_string()]),
            SignError::PairMismatch { secret, public } => T::new(
                "Der geheime Schlüssel {0} gehört nicht zum öffentlichen Schlüssel {1} (wurde `msgaudit keygen` unterbrochen?); es wurde nichts signiert. Legen Sie mit `msgaudit keygen --force` ein neues Paar an",
                "the secret key {0} does not belong to the public key {1} (was a `msgaudit keygen` interrupted?); nothing was signed. Create a new pair with `msgaudit keygen --force`",
            )
            .fill(lang, &[&secret.display().to_string(), &public.display().to_string()]),
            SignError::BadSignature => T::new(
                "Die Signatur passt nicht: Die Datei oder ihre Signatur wurde nach dem Signieren verändert",
                "the signature does not match: the file or its signature was changed after signing",
            )
            .get(lang)
            .to_string(),
            SignError::ReadKey { path, source } => T::new(
                "{0} kann nicht gelesen werden: {1}; legen Sie mit `msgaudit keygen` ein Schlüsselpaar an oder prüfen Sie den Pfad",
                "could not read {0}: {1}; create a key pair with `msgaudit keygen` or check the path",
            )
            .fill(lang, &[&p(path), &io::error(lang, source)]),
            // The reasons below are the signature library's own words, quoted as they are.
            SignError::MalformedSecretKey { path, reason } => T::new(
                "{0} ist kein verwendbarer geheimer minisign-Schlüssel ({1}); nehmen Sie die von `msgaudit keygen` geschriebene msgaudit.key oder legen Sie ein neues Paar an",
                "{0} is not a usable minisign secret key ({1}); use the msgaudit.key written by `msgaudit keygen`, or create a new pair",
            )
            .fill(lang, &[&p(path), reason]),
            SignError::MalformedPublicKey { origin, reason } => T::new(
                "{0} ist kein öffentlicher minisign-Schlüssel ({1}); nehmen Sie die .pub-Datei der abzeichnenden Person (zwei Zeilen: Kommentar, Schlüssel)",
                "{0} is not a minisign public key ({1}); use the signer's .pub file (two lines: comment, key)",
            )
            .fill(lang, &[origin, reason]),
            SignError::MalformedSignature { reason } => T::new(
                "Die Signatur ist keine gültige minisign-Signatur ({0}); sie ist vielleicht beschädigt, holen Sie die ursprüngliche .minisig-Datei noch einmal",
                "the signature is not a valid minisign signature ({0}); it may be damaged, get the original .minisig file again",
            )
            .fill(lang, &[reason]),
            SignError::InvalidComment { which, reason } => {
                let which = match *which {
                    "trusted" => T::new("vertrauenswürdige", "trusted"),
                    _ => T::new("nicht vertrauenswürdige", "untrusted"),
                };
                let reason = match *reason {
                    "starts or ends with spaces" => {
                        T::new("beginnt oder endet mit Leerzeichen", "starts or ends with spaces")
                    }
                    _ => T::new(
                        "enthält einen Zeilenumbruch oder ein anderes Steuerzeichen",
                        "contains a line break or another control character",
                    ),
                };
                T::new(
                    "Der {0} Kommentar {1}; ändern Sie den Kommentar und signieren Sie erneut",
                    "the {0} comment {1}; change the comment and sign again",
                )
                .fill(lang, &[which.get(lang), reason.get(lang)])
            }
            SignError::KeyMismatch {
                signature_key_id,
                public_key_id,
            } => T::new(
                "Die Signatur wurde mit Schlüssel {0} erstellt, der angegebene öffentliche Schlüssel ist aber {1}; prüfen Sie mit dem öffentlichen Schlüssel der abzeichnenden Person",
                "the signature was made with key {0}, but the public key given is {1}; verify with the signer's public key",
            )
            .fill(lang, &[signature_key_id, public_key_id]),
            SignError::KeyNotFound {
                key_id,
                dir,
                unreadable,
            } => {
                let note = match unreadable {
                    0 => String::new(),
                    1 => T::new(
                        " (1 .pub-Datei dort ist nicht lesbar)",
                        " (1 .pub file there could not be read)",
                    )
                    .get(lang)
                    .to_string(),
                    n => T::new(
                        " ({0} .pub-Dateien dort sind nicht lesbar)",
                        " ({0} .pub files there could not be read)",
                    )
                    .fill(lang, &[&n.to_string()]),
                };
                T::new(
                    "Kein öffentlicher Schlüssel mit der Kennung {0} in {1}{2}; legen Sie die .pub-Datei der abzeichnenden Person dort ab oder nennen Sie sie ausdrücklich",
                    "no public key with id {0} in {1}{2}; put the signer's .pub file there or name it explicitly",
                )
                .fill(lang, &[key_id, &p(dir), &note])
            }
            SignError::Crypto { reason } => T::new(
                "Signieren fehlgeschlagen: {0}; versuchen Sie es noch einmal und melden Sie einen Fehler, wenn es weiter fehlschlägt",
                "signing failed: {0}; try again, and report a bug if it keeps failing",
            )
            .fill(lang, &[reason]),
            SignError::Read(e) => e.text(lang),
            SignError::Folder(e) => e.text(lang),
            SignError::Write(e) => e.text(lang),
        }
    }
}
