//! The fixed texts of the records-of-processing draft (Art. 30) and of the DPIA draft (Art. 35(7)) in
//! German and English; the HTML templates see them as `a.NAME`.

pub use crate::i18n::T;
use crate::lang::Lang;

macro_rules! texts {
    ($($name:ident = $de:expr, $en:expr;)*) => {
        $(pub const $name: T = T { de: $de, en: $en };)*
        /// Every fixed text by name, for the HTML templates (`a.NAME`).
        pub fn all(lang: Lang) -> std::collections::BTreeMap<&'static str, &'static str> {
            let mut m = std::collections::BTreeMap::new();
            $(m.insert(stringify!($name), $name.get(lang));)*
            m
        }
    };
}

texts! {
    ART30_TITLE = "Entwurf für das Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)", "Draft for the records of processing activities (Art. 30 GDPR)";
    ART30_SHEET = "Verzeichnis (Art. 30)", "Records (Art. 30)";
    DRAFT_NOTE = "Entwurf je gefundenem Messenger, vorausgefüllt aus den Antworten dieser Prüfung und den datierten Angaben der Wissensbasis. Jede Angabe nennt ihre Quelle; offene Felder sind markiert. Der Verantwortliche prüft und ergänzt den Entwurf, bevor er ihn in sein Verzeichnis übernimmt.", "A draft per messenger found, prefilled from this audit's answers and the dated facts of the knowledge base. Every value names its source; open fields are marked. The controller reviews and completes the draft before taking it into the records.";
    NOT_PREFILLED = "Die Checkliste dieser Prüfung ist hier nicht verfügbar: Der Entwurf kann nicht aus den Antworten vorausgefüllt werden, alle Felder sind offen.", "The checklist of this audit is not available here: the draft cannot be prefilled from the answers, every field is open.";
    NO_ENTRIES = "Kein Messenger gefunden: kein Eintrag.", "No messenger found: no entry.";
    OPEN_FIELD = "offen – bitte ergänzen", "open – please complete";
    OPEN_FIELDS = "offene Felder", "open fields";
    FROM_ANSWER = "Antwort auf „{0}“", "answer to “{0}”";
    FROM_KNOWLEDGE = "Wissensbasis: {0}, {1} (Stand {2})", "knowledge base: {0}, {1} (as of {2})";
    FROM_AUDIT = "Angaben zur Prüfung", "audit details";
    ENTRY = "Eintrag", "Entry";
    MESSENGER = "Messenger", "Messenger";
    ART30_FIELD = "Feld", "Field";
    CONTENT = "Inhalt", "Content";
    SOURCE = "Quelle", "Source";
    REFERENCE = "Norm", "Provision";
    KEY = "Schlüssel", "Key";
    NOTE = "Notiz", "Note";
    UNKNOWN_ANSWER = "Antwort „Unbekannt“", "answer “unknown”";
    REVIEW_SECTION = "aus der Prüfung", "from the review";
}
