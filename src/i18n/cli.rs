//! What the non-interactive commands print: results, warnings and errors of `check`, `evaluate`,
//! `keygen`, `verify`, `countersign`, `report`, `summary`, `completions` and `man`, in German and English.

use super::T;

pub const ERROR: T = T::new("Fehler", "error");
pub const WARNING: T = T::new("Warnung", "warning");
pub const NOTE: T = T::new("Hinweis", "note");

pub const EVIDENCE_CHECKED: T = T::new(
    "Belege: {0} von {1} Dateien geprüft, SHA-256 stimmt",
    "evidence: {0} of {1} files checked, SHA-256 matches",
);

pub const CHECK_OK: T = T::new(
    "ok: {0} Checklisten-Datei(en) gültig, {1} Beispiel(e) bestanden",
    "ok: {0} checklist file(s) valid, {1} example(s) passed",
);
pub const CHECK_FAILED: T = T::new(
    "{0} Problem(e) in {1} Checklisten-Datei(en)",
    "{0} problem(s) in {1} checklist file(s)",
);

pub const KEY_EXISTS: T = T::new(
    "Es gibt bereits einen Signaturschlüssel in {0}; `msgaudit keygen --force` ersetzt ihn",
    "a signing key already exists at {0}; run `msgaudit keygen --force` to replace it",
);
pub const KEY_CREATED: T = T::new(
    "Signaturschlüsselpaar angelegt (Schlüssel-ID {0})\n  geheimer Schlüssel (aufbewahren; passwortgeschützt): {1}\n  öffentlicher Schlüssel (für alle, die Ihre Ergebnisse prüfen): {2}\n\n{3}\n",
    "created a signing key pair (key id {0})\n  secret key (keep it; password-protected): {1}\n  public key (give it to whoever verifies your results): {2}\n\n{3}\n",
);
pub const NEW_PASSWORD: T = T::new(
    "Neues Passwort für den Signaturschlüssel: ",
    "New password for the signing key: ",
);
pub const REPEAT_PASSWORD: T = T::new("Passwort wiederholen: ", "Repeat the password: ");
pub const PASSWORDS_DIFFER: T = T::new(
    "Die beiden Passwörter sind verschieden.",
    "The two passwords differ.",
);
pub const NO_PASSWORD: T = T::new(
    "kein Passwort angegeben: die Eingabe ist zu Ende",
    "no password given: the input ended",
);
pub const CANNOT_READ_PASSWORD: T = T::new(
    "Das Passwort kann nicht gelesen werden: {0}",
    "cannot read the password: {0}",
);

pub const CANNOT_WRITE: T = T::new(
    "{0} kann nicht geschrieben werden: {1}",
    "cannot write {0}: {1}",
);
pub const THE_EVALUATION: T = T::new("die Auswertung", "the evaluation");
pub const THE_REPORT: T = T::new("der Bericht", "the report");
pub const THE_OVERVIEW: T = T::new("die Übersicht", "the overview");
pub const THE_VERIFICATION: T = T::new("das Prüfergebnis", "the verification");
pub const THE_KEY: T = T::new("die Schlüsselbeschreibung", "the key's description");
pub const THE_COMPLETIONS: T = T::new("das Vervollständigungsskript", "the completion script");
pub const THE_MAN_PAGE: T = T::new("die Handbuchseite", "the manual page");
pub const STANDARD_OUTPUT: T = T::new("die Standardausgabe", "standard output");

pub const FINDINGS_CSV_ONLY: T = T::new(
    "--findings gilt nur für --format csv",
    "--findings applies to --format csv only",
);
pub const BINARY_NEEDS_OUTPUT: T = T::new(
    "--format {0} schreibt eine Binärdatei: Geben Sie sie mit -o DATEI an",
    "--format {0} writes a binary file: name it with -o FILE",
);
pub const FINDINGS_REPORT_ONLY: T = T::new(
    "--findings gilt nur für `msgaudit report`",
    "--findings applies to `msgaudit report` only",
);
pub const REPORT_NOT_VERIFIED: T = T::new(
    "{0}: {1}; der Bericht sagt das ganz oben",
    "{0}: {1}; the report says so at the top",
);
pub const NOTHING_TO_REPORT: T = T::new(
    "{0}: {1}; es gibt nichts, worüber berichtet werden könnte",
    "{0}: {1}; there is nothing to report on",
);
pub const NO_RESULT_FILES: T = T::new(
    "keine Ergebnisdateien (*.result.toml) in {0}; nennen Sie Ergebnisdateien oder den Ordner, der sie enthält",
    "no result files (*.result.toml) in {0}; name result files or the folder that holds them",
);
pub const CANNOT_READ_FOLDER: T = T::new(
    "Der Ordner {0} kann nicht gelesen werden: {1}",
    "cannot read the folder {0}: {1}",
);
pub const SUMMARY_FAILED_FILE: T = T::new("{0}: UNGÜLTIG: {1}", "{0}: INVALID: {1}");
pub const TUI_FAILED: T = T::new(
    "Die Terminal-Oberfläche ist fehlgeschlagen: {0}",
    "the terminal UI failed: {0}",
);

pub const PASSWORD: T = T::new(
    "Passwort des Signaturschlüssels: ",
    "Password of the signing key: ",
);
pub const COUNTERSIGNED: T = T::new(
    "Gegenzeichnung {0} mit Schlüssel {1} geschrieben\n  Erklärung: {2}\n  Signatur: {3}\n",
    "wrote counter-signature {0} with key {1}\n  statement: {2}\n  signature: {3}\n",
);
pub const THE_COUNTERSIGNATURE: T = T::new(
    "die Beschreibung der Gegenzeichnung",
    "the counter-signature's description",
);
pub const AMEND_REASON: T = T::new(
    "Grund der Änderung (steht im neuen Ergebnis): ",
    "Reason for the amendment (goes into the new result): ",
);
pub const AMEND_STARTED: T = T::new(
    "Entwurf {0} angelegt: er ändert {1} (Grund: {2})\n  Entwurf: {3}\n  Setzen Sie ihn mit `msgaudit` (Startbildschirm) oder `msgaudit --plain` fort; abgezeichnet ersetzt das neue Ergebnis das alte, das unverändert bleibt.\n",
    "started draft {0}: it amends {1} (reason: {2})\n  draft: {3}\n  Continue it with `msgaudit` (start screen) or `msgaudit --plain`; once signed off, the new result supersedes the old one, which stays as it is.\n",
);
pub const THE_AMENDMENT: T = T::new(
    "die Beschreibung der Änderung",
    "the amendment's description",
);

pub const THE_MOVE: T = T::new("den Plan des Umzugs", "the plan of the move");
/// `msgaudit move`: {0} audit id, {1} checklist id, {2} the draft's version, {3} the target version.
pub const MOVE_HEADING: T = T::new(
    "Entwurf {0}: Checkliste {1}, Fassung {2} → {3}\n",
    "Draft {0}: checklist {1}, version {2} → {3}\n",
);
pub const MOVE_SAME: T = T::new(
    "Der Entwurf {0} gehört schon zu dieser Fassung ({1}); es gibt nichts umzuziehen.\n",
    "The draft {0} belongs to this version ({1}) already; there is nothing to move.\n",
);
pub const MOVE_KEPT: T = T::new(
    "  übernommen: {0} Antworten (mit ihren Notizen)\n",
    "  carried over: {0} answers (with their notes)\n",
);
pub const MOVE_DROPPED: T = T::new(
    "  entfallen: {0} Antworten (sie bleiben in der vorigen Fassung des Entwurfs erhalten)\n",
    "  dropped: {0} answers (they stay in the earlier version of the draft)\n",
);
pub const MOVE_NEW: T = T::new("  neue Fragen: {0}\n", "  new questions: {0}\n");
pub const MOVE_NEW_UNKNOWN: T = T::new(
    "  neue Fragen: nicht feststellbar, weil die bisherige Fassung der Checkliste nicht mehr vorliegt; offen bleiben {0} Pflichtfragen\n",
    "  new questions: cannot be told, because the draft's version of the checklist is no longer at hand; {0} required questions stay open\n",
);
pub const MOVE_OPEN: T = T::new(
    "  danach offen: {0} Pflichtfragen\n",
    "  open afterwards: {0} required questions\n",
);
pub const MOVE_DRY_RUN: T = T::new(
    "Nichts geändert. Mit --yes wird der Entwurf umgezogen.\n",
    "Nothing changed. With --yes the draft is moved.\n",
);
pub const MOVE_DONE: T = T::new(
    "Entwurf umgezogen: {0}\n  die vorige Fassung des Entwurfs liegt in {1}\n",
    "Draft moved: {0}\n  the earlier version of the draft is kept in {1}\n",
);
pub const MOVE_OTHER_CHECKLIST: T = T::new(
    "{0} ist die Checkliste {1}, der Entwurf gehört zur Checkliste {2}; ein Entwurf zieht nur in eine andere Fassung seiner eigenen Checkliste um",
    "{0} is the checklist {1}, the draft belongs to the checklist {2}; a draft moves only to another version of its own checklist",
);
pub const MOVE_NO_SUCH_CHECKLIST: T = T::new(
    "keine Checkliste „{0}“: weder eine Datei noch eine Checklisten-ID in den Checklisten-Ordnern",
    "no checklist \"{0}\": neither a file nor a checklist id in the checklist folders",
);
pub const MOVE_WHICH_VERSION: T = T::new(
    "mehrere andere Fassungen der Checkliste liegen vor: {0}; wählen Sie eine mit --to DATEI",
    "several other versions of the checklist are at hand: {0}; choose one with --to FILE",
);
pub const MOVE_NO_SUCH_DRAFT: T = T::new(
    "kein Entwurf „{0}“ im Entwurfsordner {1}; der Startbildschirm zeigt die Kennungen der Entwürfe",
    "no draft \"{0}\" in the drafts folder {1}; the start screen shows the drafts' ids",
);

#[cfg(test)]
mod tests {
    use super::super::placeholders;
    use super::*;

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for t in [
            CHECK_OK,
            CHECK_FAILED,
            KEY_EXISTS,
            KEY_CREATED,
            CANNOT_READ_PASSWORD,
            CANNOT_WRITE,
            REPORT_NOT_VERIFIED,
            NOTHING_TO_REPORT,
            NO_RESULT_FILES,
            CANNOT_READ_FOLDER,
            SUMMARY_FAILED_FILE,
            TUI_FAILED,
            COUNTERSIGNED,
            MOVE_HEADING,
            MOVE_SAME,
            MOVE_KEPT,
            MOVE_DROPPED,
            MOVE_NEW,
            MOVE_NEW_UNKNOWN,
            MOVE_OPEN,
            MOVE_DONE,
            MOVE_OTHER_CHECKLIST,
            MOVE_NO_SUCH_CHECKLIST,
            MOVE_NO_SUCH_DRAFT,
            MOVE_WHICH_VERSION,
            AMEND_STARTED,
        ] {
            assert_eq!(placeholders(t.de), placeholders(t.en), "{t:?}");
        }
    }
}
