//! The fixed texts of reports in German and English. Checklist and user texts come from the result file
//! and the checklist; only the frame around them is here.

use crate::audit::DpiaVerdict;
use crate::checklist::{DpiaCriterion, Severity};
pub use crate::i18n::T;
use crate::i18n::vocab;
use crate::lang::Lang;

macro_rules! texts {
    ($($name:ident = $de:expr, $en:expr;)*) => {
        $(pub const $name: T = T { de: $de, en: $en };)*
        /// Every fixed text by name, for the HTML templates (`t.NAME`).
        pub fn all(lang: Lang) -> std::collections::BTreeMap<&'static str, &'static str> {
            let mut m = std::collections::BTreeMap::new();
            $(m.insert(stringify!($name), $name.get(lang));)*
            m
        }
    };
}

texts! {
    REPORT_TITLE = "Prüfbericht", "Audit report";
    SUMMARY_TITLE = "Übersicht über mehrere Prüfungen", "Overview across audits";
    VERIFICATION = "Prüfung der Signatur", "Signature check";
    VALID = "GÜLTIG", "VALID";
    INVALID = "NICHT VERIFIZIERT", "NOT VERIFIED";
    VALID_SIGNED_BY = "Die Ergebnisdatei ist unverändert und signiert von", "The result file is unchanged and signed by";
    ON = "am", "on";
    WITH_KEY = "mit Schlüssel", "with key";
    INVALID_WARNING = "Die Echtheit dieser Ergebnisdatei konnte nicht bestätigt werden. Ihr Inhalt kann nach dem Abzeichnen verändert worden sein; verlassen Sie sich nicht auf diesen Bericht.", "The authenticity of this result file could not be confirmed. Its content may have been changed after signing; do not rely on this report.";
    REASON = "Grund", "Reason";
    NOTE = "Hinweis", "Note";
    ANSWER_NOTE = "Notiz", "Note";
    NO_CHECKLIST = "Die Checkliste dieser Prüfung ist hier nicht verfügbar: Fragen erscheinen als Antwortschlüssel, Antworten als gespeicherte Rohwerte, und die Messenger-Nutzung ist anhand der bekannten Messenger-Kennungen ermittelt.", "The checklist of this audit is not available here: questions appear as answer keys, answers as their stored raw values, and messenger use was found by known messenger ids.";
    DETAILS = "Angaben zur Prüfung", "Audit details";
    FIELD = "Angabe", "Field";
    VALUE = "Wert", "Value";
    ORGANISATION = "Organisation", "Organisation";
    UNIT = "Bereich", "Unit";
    INTERVIEWEES = "Gesprächspartner", "Interviewees";
    AUDITOR = "Prüfer/in", "Auditor";
    CHECKLIST = "Checkliste", "Checklist";
    VERSION = "Version", "version";
    AUDIT_ID = "Prüfungs-ID", "Audit id";
    SUPERSEDES = "Ersetzt das Ergebnis {0} ({1}) vom {2} (Grund: {3})", "Supersedes result {0} ({1}) of {2} (reason: {3})";
    SUPERSEDED_MATCHES = "Die ersetzte Datei liegt vor, ihre SHA-256 stimmt.", "The superseded file is present; its SHA-256 matches.";
    SUPERSEDED_MISSING = "Die ersetzte Datei liegt hier nicht vor; ihre SHA-256 wurde nicht geprüft.", "The superseded file is not here; its SHA-256 was not checked.";
    SUPERSEDED_CHANGED = "Die ersetzte Datei wurde nach dem Ersetzen geändert.", "The superseded file was changed after it was superseded.";
    STARTED = "Begonnen", "Started";
    FINISHED = "Abgeschlossen", "Finished";
    LANGUAGE = "Sprache", "Language";
    FILE = "Datei", "File";
    EXECUTIVE_SUMMARY = "Zusammenfassung", "Executive summary";
    PROGRESS = "Beantwortete Pflichtfragen", "Required questions answered";
    OF = "von", "of";
    OPEN_REQUIRED = vocab::OPEN_REQUIRED.de, vocab::OPEN_REQUIRED.en;
    FINDINGS_PER_SEVERITY = "Befunde nach Schweregrad", "Findings per severity";
    SEVERITY = "Schweregrad", "Severity";
    COUNT = "Anzahl", "Count";
    TOTAL = "Gesamt", "Total";
    DPIA = vocab::DPIA_SCREENING.de, vocab::DPIA_SCREENING.en;
    DPIA_SHORT = vocab::DPIA.de, vocab::DPIA.en;
    DPIA_CRITERIA = vocab::CRITERIA_MET.de, vocab::CRITERIA_MET.en;
    NONE = "keine", "none";
    MESSENGERS = "Messenger-Nutzung", "Messenger use";
    MESSENGER = "Messenger", "Messenger";
    WHERE = "Wo genutzt", "Where used";
    NO_MESSENGERS = "In den Antworten ist kein Messenger genannt.", "No messenger is named in the answers.";
    FINDINGS = vocab::FINDINGS.de, vocab::FINDINGS.en;
    NO_FINDINGS = vocab::NO_FINDINGS.de, vocab::NO_FINDINGS.en;
    FINDING = vocab::FINDING.de, vocab::FINDING.en;
    MEASURE = vocab::MEASURE.de, vocab::MEASURE.en;
    REFS = vocab::REFS.de, vocab::REFS.en;
    SECTION = "Abschnitt", "Section";
    ANSWERS = "Antworten", "Answers";
    NO_ANSWERS = "Keine Antworten.", "No answers.";
    QUESTION = "Frage", "Question";
    ANSWER = "Antwort", "Answer";
    KEY = "Schlüssel", "Key";
    STATE = "Status", "State";
    OTHER = "Sonstiges", "Other";
    HIDDEN_ANSWERS = "Antworten auf ausgeblendete Fragen", "Answers to hidden questions";
    HIDDEN_EXPLAINED = "Diese Fragen wurden durch spätere Antworten ausgeblendet; ihre Antworten sind nur dokumentiert und fließen nicht in das Ergebnis ein.", "These questions were hidden by later answers; their answers are kept for the record and do not count towards the outcome.";
    HIDDEN = "ausgeblendet", "hidden";
    SIGNOFF = vocab::SIGNOFF_BLOCK.de, vocab::SIGNOFF_BLOCK.en;
    SIGNER = vocab::SIGNER.de, vocab::SIGNER.en;
    ROLE = "Funktion", "Role";
    STATEMENT = "Erklärung", "Statement";
    SIGNED_AT = "Zeitpunkt", "Signed at";
    KEY_ID = "Schlüssel-ID", "Key id";
    YES = vocab::YES.de, vocab::YES.en;
    NO = vocab::NO.de, vocab::NO.en;
    UNKNOWN = vocab::UNKNOWN.de, vocab::UNKNOWN.en;
    NOT_APPLICABLE = vocab::NOT_APPLICABLE.de, vocab::NOT_APPLICABLE.en;
    OPEN = "offen", "open";
    ANSWERED = "beantwortet", "answered";
    DPIA_CRITERION = "DSFA-Kriterium", "DPIA criterion";
    GENERATED_BY = "Erstellt mit", "Made with";
    VERIFICATION_STATE = "Prüfstatus", "Verification";
    CONFIDENTIAL = "Vertraulich", "Confidential";
    PAGE_OF = "Seite {0} von {1}", "Page {0} of {1}";
    AUDITS = "Prüfungen", "Audits";
    AUDITS_VERIFIED = "Verifizierte Prüfungen", "Verified audits";
    FAILED = "Dateien, die die Prüfung nicht bestanden haben", "Files that failed verification";
    FAILED_EXPLAINED = "Diese Dateien sind in der Übersicht nicht berücksichtigt, weil ihre Echtheit nicht bestätigt werden konnte.", "These files are left out of the overview because their authenticity could not be confirmed.";
    NO_FAILED = "Alle Dateien wurden erfolgreich verifiziert.", "All files verified successfully.";
    PER_UNIT = "Befunde je Bereich", "Findings per unit";
    DPIA_AUDITS = "Prüfungen mit empfohlener oder erforderlicher DSFA", "Audits that recommend or require a DPIA";
    NO_DPIA_AUDITS = "Keine Prüfung empfiehlt oder verlangt eine DSFA.", "No audit recommends or requires a DPIA.";
    USED_IN = "Genutzt in", "Used in";
    NO_AUDITS = "Keine verifizierte Prüfung.", "No verified audit.";
    CHART_TITLE = "Befunde nach Schweregrad", "Findings per severity";
    AUDIT_DATE = vocab::AUDIT_DATE.de, vocab::AUDIT_DATE.en;
    TIME_ZONE = "Zeitzone", "Time zone";
    COMPLETENESS = vocab::COMPLETENESS.de, vocab::COMPLETENESS.en;
    MANAGEMENT_SUMMARY = vocab::MANAGEMENT_SUMMARY.de, vocab::MANAGEMENT_SUMMARY.en;
    MESSENGERS_FOUND = vocab::MESSENGERS_FOUND.de, vocab::MESSENGERS_FOUND.en;
    NO_MESSENGERS_FOUND = vocab::NO_MESSENGERS_FOUND.de, vocab::NO_MESSENGERS_FOUND.en;
    TOP_MEASURES = vocab::TOP_MEASURES.de, vocab::TOP_MEASURES.en;
    OPEN_POINTS = vocab::OPEN_POINTS.de, vocab::OPEN_POINTS.en;
    NO_OPEN_POINTS = vocab::NO_OPEN_POINTS.de, vocab::NO_OPEN_POINTS.en;
    APPLIES_TO = vocab::APPLIES_TO.de, vocab::APPLIES_TO.en;
    ALSO_COVERS = vocab::ALSO_COVERS.de, vocab::ALSO_COVERS.en;
    KNOWLEDGE_USED = vocab::KNOWLEDGE_USED.de, vocab::KNOWLEDGE_USED.en;
    AS_OF = vocab::AS_OF.de, vocab::AS_OF.en;
    KNOWLEDGE_STALE = vocab::KNOWLEDGE_STALE.de, vocab::KNOWLEDGE_STALE.en;
    CONTRADICTIONS = vocab::CONTRADICTIONS.de, vocab::CONTRADICTIONS.en;
    CONTRADICTION_COLUMN = "Widerspruch zur Wissensbasis", "Contradiction with the knowledge base";
    FROM_FINDINGS = vocab::FROM_FINDINGS.de, vocab::FROM_FINDINGS.en;
    PROVISIONAL = vocab::PROVISIONAL.de, vocab::PROVISIONAL.en;
    PLACE = "Ort", "Place";
    HISTORY = vocab::CHANGE_HISTORY.de, vocab::CHANGE_HISTORY.en;
    HISTORY_REASON = vocab::CHANGE_REASON.de, vocab::CHANGE_REASON.en;
    HISTORY_WHEN = "Wann", "When";
    HISTORY_BY = "Von", "By";
    HISTORY_BEFORE = "Vorher", "Before";
    HISTORY_AFTER = "Nachher", "After";
    HISTORY_NONE = "Dieses Ergebnis enthält keinen Änderungsverlauf (es stammt aus der Zeit vor Ergebnisformat 3).", "This result holds no change history (it predates result format 3).";
    HISTORY_EXPLAINED = "Jede Änderung einer Antwort oder Notiz, in der Reihenfolge der Eingabe; er ist Teil der signierten Ergebnisdatei.", "Every change of an answer or note, in the order it was made; it is part of the signed result file.";
    HISTORY_SUMMARY = "{0} Änderungen an {1} Antworten, davon {2} Korrekturen", "{0} changes to {1} answers, {2} of them corrections";
    HISTORY_CARRIED = "übernommen", "carried over";
    HISTORY_RECOVERED = "nachgetragen aus dem Entwurf", "recovered from the draft";
    HISTORY_NO_ANSWER = "(keine)", "(none)";
    SHEET_SUMMARY = "Zusammenfassung", "Summary";
    FINDING_ID = "Befund-ID", "Finding id";
    INCOMPLETE_AUDITS = "davon unvollständig", "of them incomplete";
    STANDING = "Stand", "Standing";
    STANDING_LATEST = "neueste", "latest";
    STANDING_EARLIER = "frühere", "earlier";
    STANDING_SUPERSEDED = "ersetzt", "superseded";
    SUPERSEDED_BY = "Ersetzt durch", "Superseded by";
    LATEST_AUDIT = "Neueste Prüfung", "Latest audit";
    PREVIOUS_AUDIT = "Vorige Prüfung", "Previous audit";
    TREND = "Trend", "Trend";
    TREND_UP = "gestiegen", "up";
    TREND_DOWN = "gesunken", "down";
    TREND_SAME = "gleich", "same";
    TREND_EXPLAINED = "Je Bereich zählt die neueste Prüfung; in Klammern die Zahl der vorigen Prüfung (↑ mehr, ↓ weniger, → gleich). Ersetzte Ergebnisse werden nicht gezählt.", "Per unit the latest audit counts; in brackets the previous audit's number (↑ more, ↓ fewer, → the same). Superseded results are not counted.";
    ANSWERS_READ = "Antworten", "Answers";
    EVIDENCE = "Belege", "Evidence";
    EVIDENCE_EXPLAINED = "Dateien, die den Fragen angehängt wurden; das Ergebnis nennt Größe und SHA-256 jeder Datei, die Kopien liegen im Belegordner neben der Ergebnisdatei.", "Files attached to the questions; the result names each file's size and SHA-256, the copies are in the evidence folder beside the result file.";
    EVIDENCE_NONE = "Dieser Prüfung sind keine Belege angehängt.", "No evidence is attached to this audit.";
    EVIDENCE_FILE = "Datei", "File";
    EVIDENCE_SIZE = "Größe", "Size";
    EVIDENCE_CAPTION = "Beschriftung", "Caption";
    EVIDENCE_STATE = "Prüfung", "Check";
    PREDATES_OUTCOME = "Diese Prüfung stammt aus der Zeit vor der Gesamtbewertung (Ergebnisformat 1): Vollständigkeit, offene Punkte und gruppierte Befunde sind aus den gespeicherten Antworten nachträglich ermittelt.", "This audit predates the outcome (result format 1): completeness, open points and grouped findings were worked out afterwards from the stored answers.";
    OUTCOME_IN_AUDIT_LANG = "Texte aus der Checkliste (Fragen, Befunde, Abschnitte) stehen in der Sprache der Prüfung, weil die Checkliste hier nicht verfügbar ist.", "Texts from the checklist (questions, findings, sections) are in the audit's language because the checklist is not available here.";
}

pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    vocab::yes_no(b).get(lang)
}

pub fn severity(s: Severity, lang: Lang) -> &'static str {
    s.word().get(lang)
}

pub fn dpia_verdict(v: DpiaVerdict, lang: Lang) -> &'static str {
    v.word().get(lang)
}

pub fn dpia_criterion(c: DpiaCriterion, lang: Lang) -> &'static str {
    c.word().get(lang)
}
