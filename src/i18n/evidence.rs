//! The evidence texts both front ends say (plain mode's dialogue and the TUI's evidence form), so that
//! a file is "attached", "removed" or "not attached" in the same words everywhere.

use super::T;

pub const LIST: T = T::new("Belege zu dieser Frage:", "Evidence of this question:");
pub const NONE: T = T::new(
    "Zu dieser Frage ist noch kein Beleg angehängt.",
    "No evidence is attached to this question yet.",
);
pub const CAPTION: T = T::new(
    "Beschriftung (was die Datei belegt; leer: keine)",
    "Caption (what the file shows; empty: none)",
);
pub const ATTACHED: T = T::new(
    "Beleg angehängt: {0} ({1}, SHA-256 {2}…), kopiert in den Belegordner des Entwurfs.",
    "Evidence attached: {0} ({1}, SHA-256 {2}…), copied into the draft's evidence folder.",
);
pub const REMOVED: T = T::new("Beleg entfernt: {0}", "Evidence removed: {0}");
pub const FAILED: T = T::new("Beleg nicht angehängt: {0}", "Evidence not attached: {0}");

// The TUI's evidence form.
pub const NO_PATH: T = T::new(
    "Bitte den Pfad der Datei eingeben (Tab ergänzt).",
    "Type the path of the file (Tab completes it).",
);
pub const PATH: T = T::new("Datei (Pfad)", "File (path)");
pub const CAPTION_FIELD: T = T::new("Beschriftung (optional)", "Caption (optional)");
pub const FORM_HELP: T = T::new(
    "Die Datei wird in den Belegordner des Entwurfs kopiert; das Ergebnis nennt ihre Größe und SHA-256. Tab ergänzt den Pfad, Enter wechselt zur Beschriftung und hängt dort an, ↑/↓ wählt einen Beleg, F8 entfernt ihn.",
    "The file is copied into the draft's evidence folder; the result names its size and SHA-256. Tab completes the path, Enter moves to the caption and attaches from there, ↑/↓ selects a file, F8 removes it.",
);
pub const WORKING: T = T::new("Datei wird kopiert …", "Copying the file …");
