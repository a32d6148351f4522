//! The texts of the signed-results list and an opened result, shared by the TUI's results screen and
//! plain mode.

use super::T;

pub const TITLE: T = T::new("Abgezeichnete Ergebnisse", "Signed results");
pub const CHECKING: T = T::new(
    "Die Signaturen werden geprüft …",
    "Checking the signatures …",
);
pub const NONE_YET: T = T::new(
    "Noch keine abgezeichneten Ergebnisse in {0}.",
    "No signed results yet in {0}.",
);
pub const VERIFYING: T = T::new("Wird verifiziert …", "Verifying …");
pub const CANNOT_LIST: T = T::new(
    "Der Ergebnisordner {0} kann nicht gelesen werden: {1}",
    "The results folder {0} cannot be read: {1}",
);
pub const VERIFY_AGAIN: T = T::new("Erneut verifizieren", "Verify again");
/// {0}: Markdown, HTML, CSV, JSON or XLSX.
pub const WRITE_FORMAT: T = T::new(
    "{0}-Bericht neben der Ergebnisdatei speichern",
    "Write the {0} report beside it",
);
pub const AMEND: T = T::new(
    "Ergebnis ändern (neuer Entwurf, ersetzt es nach dem Abzeichnen)",
    "Amend the result (a new draft that supersedes it once signed off)",
);
pub const AMEND_REASON: T = T::new(
    "Grund der Änderung (steht im neuen Ergebnis; Enter: Entwurf anlegen, Esc: abbrechen):",
    "Reason for the amendment (goes into the new result; Enter: start the draft, Esc: cancel):",
);
/// Plain mode's prompt for the reason of an amendment.
pub const AMEND_REASON_LINE: T = T::new(
    "Grund der Änderung (steht im neuen Ergebnis; leer: abbrechen)",
    "Reason for the amendment (goes into the new result; empty: cancel)",
);
pub const AMEND_NOT_VALID: T = T::new(
    "Nur ein gültig verifiziertes Ergebnis lässt sich ändern.",
    "Only a result that verifies can be amended.",
);
pub const AMEND_FAILED: T = T::new("Keine Änderung angelegt: {0}", "No amendment started: {0}");
pub const BACK_TO_LIST: T = T::new("Zurück zur Liste", "Back to the list");
pub const VERIFIED: T = T::new("Verifiziert: {0}", "Verified: {0}");
pub const WRITTEN: T = T::new("Geschrieben: {0}", "Written: {0}");
pub const NOT_WRITTEN: T = T::new(
    "Der Bericht kann nicht geschrieben werden: {0}",
    "The report cannot be written: {0}",
);
/// Plain mode: the prompt under the list.
pub const PICK_OR_BACK: T = T::new(
    "Nummer des Ergebnisses (leer: zurück)",
    "Number of the result (empty: back)",
);
