//! Folder and write errors in German and English, worded where they are defined so that every layer
//! above (signing, verification, the front ends) can show them without reaching up.

use super::{PathsError, ReadError, WriteError};
use crate::i18n::{Lang, T, io};

fn p(path: &std::path::Path) -> String {
    path.display().to_string()
}

impl PathsError {
    /// The error as the user reads it, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use crate::store::paths::HOME_ENV;
        match self {
            PathsError::NoHomeDirectory => T::new(
                "Ihr Benutzerordner, in dem msgaudit seine Dateien ablegt, ist nicht zu finden; nennen Sie mit --home DIR oder {0} den Ordner, den msgaudit nutzen soll",
                "could not find your home folder to keep msgaudit's files in; pass --home DIR or set {0} to the folder msgaudit should use",
            )
            .fill(lang, &[HOME_ENV]),
            PathsError::BadHome { path, source } => T::new(
                "Der Ordner {0} kann nicht als Ordner für msgaudit dienen: {1}; nennen Sie mit --home DIR oder {2} einen vorhandenen, beschreibbaren Ordner",
                "the folder {0} cannot be used as msgaudit's home: {1}; pass an existing, writable folder with --home DIR or {2}",
            )
            .fill(lang, &[&p(path), &io::error(lang, source), HOME_ENV]),
            PathsError::CreateDir { path, source } => T::new(
                "Der Ordner {0} kann nicht angelegt werden: {1}; prüfen Sie, ob Sie dort schreiben dürfen, oder wählen Sie mit --home DIR einen anderen Ordner",
                "could not create the folder {0}: {1}; check that you may write there, or choose another folder with --home DIR",
            )
            .fill(lang, &[&p(path), &io::error(lang, source)]),
        }
    }
}

impl WriteError {
    /// The error as the user reads it, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            WriteError::Io { path, source } => T::new(
                "{0} kann nicht geschrieben werden: {1}; prüfen Sie, ob der Ordner existiert und beschreibbar ist und ob das Laufwerk Platz hat",
                "could not write {0}: {1}; check that the folder exists, is writable and the disk is not full",
            )
            .fill(lang, &[&p(path), &io::error(lang, source)]),
            WriteError::AlreadyExists { path } => T::new(
                "{0} existiert bereits und wird nie überschrieben; wählen Sie einen anderen Dateinamen oder verschieben Sie die vorhandene Datei",
                "{0} already exists and is never overwritten; choose another file name or move the existing file away",
            )
            .fill(lang, &[&p(path)]),
            WriteError::NotAFile { path } => T::new(
                "{0} ist ein Ordner, keine Datei; nennen Sie den Pfad einer Datei, die geschrieben werden soll",
                "{0} is a folder, not a file; give the path of a file to write",
            )
            .fill(lang, &[&p(path)]),
        }
    }
}

impl ReadError {
    /// The error as the user reads it, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ReadError::Io { path, source } => T::new(
                "{0} kann nicht gelesen werden: {1}",
                "cannot read {0}: {1}",
            )
            .fill(lang, &[&p(path), &io::error(lang, source)]),
            ReadError::NotAFile { path } => T::new(
                "{0} ist keine gewöhnliche Datei (ein Ordner, eine Pipe oder ein Gerät); nennen Sie den Pfad einer Datei",
                "{0} is not a regular file (a folder, pipe or device); give the path of a file",
            )
            .fill(lang, &[&p(path)]),
            ReadError::TooLarge { path, limit } => T::new(
                "{0} ist größer als {1} Bytes, mehr als eine solche Datei sein kann; ist es die richtige Datei?",
                "{0} is larger than {1} bytes, more than such a file can be; is it the right file?",
            )
            .fill(lang, &[&p(path), &limit.to_string()]),
            ReadError::NotUtf8 { path, offset } => T::new(
                "{0} ist kein UTF-8-Text (ungültiges Byte an Stelle {1})",
                "{0} is not UTF-8 text (invalid byte at offset {1})",
            )
            .fill(lang, &[&p(path), &offset.to_string()]),
        }
    }
}
