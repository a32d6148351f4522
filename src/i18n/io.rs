//! What went wrong with a file, in words: one text per `std::io::ErrorKind` in German and English, so that
//! no message shows the operating system's English ("No such file or directory") after a German lead-in.

use std::io;

use super::{Lang, T};

/// The kind of an I/O error as a short phrase (no capital, no full stop: it follows a colon).
pub fn kind(kind: io::ErrorKind) -> T {
    use io::ErrorKind as K;
    match kind {
        K::NotFound => T::new("nicht gefunden", "not found"),
        K::PermissionDenied => T::new(
            "keine Berechtigung (msgaudit darf hier nicht lesen oder schreiben)",
            "permission denied (msgaudit may not read or write there)",
        ),
        K::AlreadyExists => T::new("existiert bereits", "already exists"),
        K::NotADirectory => T::new(
            "ein Teil des Pfads ist eine Datei, kein Ordner",
            "a part of the path is a file, not a folder",
        ),
        K::IsADirectory => T::new("ist ein Ordner, keine Datei", "is a folder, not a file"),
        K::DirectoryNotEmpty => T::new("der Ordner ist nicht leer", "the folder is not empty"),
        K::ReadOnlyFilesystem => T::new(
            "das Laufwerk ist schreibgeschützt",
            "the drive is read-only",
        ),
        K::StorageFull => T::new(
            "auf dem Laufwerk ist kein Platz mehr",
            "no space left on the drive",
        ),
        K::FileTooLarge => T::new("die Datei ist zu groß", "the file is too large"),
        K::InvalidFilename => T::new("ungültiger Dateiname", "invalid file name"),
        K::InvalidData => T::new("ungültige Daten", "invalid data"),
        K::InvalidInput => T::new("ungültige Eingabe", "invalid input"),
        K::UnexpectedEof => T::new("die Datei endet unerwartet", "the file ends unexpectedly"),
        K::BrokenPipe => T::new("die Ausgabe wurde geschlossen", "the output was closed"),
        K::Interrupted => T::new("unterbrochen", "interrupted"),
        K::TimedOut => T::new("Zeitüberschreitung", "timed out"),
        K::WouldBlock | K::ResourceBusy | K::ExecutableFileBusy => T::new(
            "wird gerade von einem anderen Programm benutzt",
            "in use by another program",
        ),
        K::Unsupported => T::new(
            "wird von diesem System nicht unterstützt",
            "not supported on this system",
        ),
        K::OutOfMemory => T::new("kein Arbeitsspeicher mehr", "out of memory"),
        K::CrossesDevices => T::new(
            "Verschieben zwischen Laufwerken ist nicht möglich",
            "cannot move between drives",
        ),
        K::TooManyLinks => T::new("zu viele Verknüpfungen", "too many links"),
        K::StaleNetworkFileHandle | K::NetworkDown | K::NetworkUnreachable | K::HostUnreachable => {
            T::new(
                "das Netzlaufwerk ist nicht erreichbar",
                "the network drive cannot be reached",
            )
        }
        _ => T::new("Ein-/Ausgabefehler", "input/output error"),
    }
}

/// An I/O error in words: the text of its kind, and for kinds without a text of their own the
/// operating system's error number (which a search or an administrator can look up).
pub fn error(lang: Lang, e: &io::Error) -> String {
    let text = kind(e.kind());
    match e.raw_os_error() {
        Some(n) if text == kind(io::ErrorKind::Other) => {
            format!(
                "{} ({})",
                text.get(lang),
                T::new("Systemfehler {0}", "OS error {0}").fill(lang, &[&n.to_string()])
            )
        }
        _ => text.get(lang).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_reads_in_both_languages_without_the_os_text() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(error(Lang::De, &e), "nicht gefunden");
        assert_eq!(error(Lang::En, &e), "not found");
        let os = io::Error::from_raw_os_error(2);
        assert_eq!(error(Lang::De, &os), "nicht gefunden");
    }

    #[test]
    fn an_unnamed_kind_keeps_its_os_number() {
        let e = io::Error::other("boom");
        assert_eq!(error(Lang::De, &e), "Ein-/Ausgabefehler");
        // An OS error number no system uses maps to no kind; its number is kept.
        let e = io::Error::from_raw_os_error(9999);
        assert_eq!(
            error(Lang::De, &e),
            "Ein-/Ausgabefehler (Systemfehler 9999)"
        );
        assert_eq!(error(Lang::En, &e), "input/output error (OS error 9999)");
    }
}
