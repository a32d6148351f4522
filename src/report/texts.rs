//! The fixed texts of reports in German and English. Checklist and user texts come from the result file
//! and the checklist; only the frame around them is here.

use crate::audit::DpiaVerdict;
use crate::checklist::{DpiaCriterion, Severity};
use crate::lang::Lang;

/// A fixed text in both languages.
pub struct T {
    pub de: &'static str,
    pub en: &'static str,
}

impl T {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::De => self.de,
            Lang::En => self.en,
        }
    }
}

macro_rules! texts {
    ($($name:ident = $de:literal, $en:literal;)*) => {
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
    INVALID_WARNING = "Die Echtheit dieser Ergebnisdatei konnte nicht bestätigt werden. Ihr Inhalt kann nach der Unterzeichnung verändert worden sein; verlassen Sie sich nicht auf diesen Bericht.", "The authenticity of this result file could not be confirmed. Its content may have been changed after signing; do not rely on this report.";
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
    STARTED = "Begonnen", "Started";
    FINISHED = "Abgeschlossen", "Finished";
    LANGUAGE = "Sprache", "Language";
    FILE = "Datei", "File";
    EXECUTIVE_SUMMARY = "Zusammenfassung", "Executive summary";
    PROGRESS = "Beantwortete Pflichtfragen", "Required questions answered";
    OF = "von", "of";
    OPEN_REQUIRED = "Offene Pflichtfragen", "Open required questions";
    FINDINGS_PER_SEVERITY = "Befunde nach Schweregrad", "Findings per severity";
    SEVERITY = "Schweregrad", "Severity";
    COUNT = "Anzahl", "Count";
    TOTAL = "Gesamt", "Total";
    DPIA = "Datenschutz-Folgenabschätzung (Schwellwertanalyse)", "Data protection impact assessment (screening)";
    DPIA_SHORT = "DSFA", "DPIA";
    DPIA_CRITERIA = "Erfüllte Kriterien", "Criteria met";
    NONE = "keine", "none";
    MESSENGERS = "Messenger-Nutzung", "Messenger use";
    MESSENGER = "Messenger", "Messenger";
    WHERE = "Wo genutzt", "Where used";
    NO_MESSENGERS = "In den Antworten ist kein Messenger genannt.", "No messenger is named in the answers.";
    FINDINGS = "Befunde", "Findings";
    NO_FINDINGS = "Keine Befunde.", "No findings.";
    FINDING = "Befund", "Finding";
    MEASURE = "Maßnahme", "Measure";
    REFS = "Rechtsgrundlage", "Legal reference";
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
    SIGNOFF = "Freigabe", "Sign-off";
    SIGNER = "Unterzeichnet von", "Signed by";
    ROLE = "Funktion", "Role";
    STATEMENT = "Erklärung", "Statement";
    SIGNED_AT = "Zeitpunkt", "Signed at";
    KEY_ID = "Schlüssel-ID", "Key id";
    YES = "Ja", "Yes";
    NO = "Nein", "No";
    UNKNOWN = "unbekannt", "unknown";
    NOT_APPLICABLE = "nicht zutreffend", "not applicable";
    OPEN = "offen", "open";
    ANSWERED = "beantwortet", "answered";
    DPIA_CRITERION = "DSFA-Kriterium", "DPIA criterion";
    GENERATED_BY = "Erstellt mit", "Made with";
    VERIFICATION_STATE = "Prüfstatus", "Verification";
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
}

pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b { YES.get(lang) } else { NO.get(lang) }
}

pub fn severity(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::High => T {
            de: "hoch",
            en: "high",
        },
        Severity::Medium => T {
            de: "mittel",
            en: "medium",
        },
        Severity::Low => T {
            de: "niedrig",
            en: "low",
        },
        Severity::Info => T {
            de: "Hinweis",
            en: "info",
        },
    }
    .get(lang)
}

pub fn dpia_verdict(v: DpiaVerdict, lang: Lang) -> &'static str {
    match v {
        DpiaVerdict::NotIndicated => T {
            de: "nicht angezeigt",
            en: "not indicated",
        },
        DpiaVerdict::Consider => T {
            de: "zu erwägen",
            en: "to be considered",
        },
        DpiaVerdict::RequiredInMostCases => T {
            de: "empfohlen",
            en: "recommended",
        },
        DpiaVerdict::Required => T {
            de: "erforderlich",
            en: "required",
        },
    }
    .get(lang)
}

pub fn dpia_criterion(c: DpiaCriterion, lang: Lang) -> &'static str {
    match c {
        DpiaCriterion::EvaluationScoring => T {
            de: "Bewertung oder Scoring",
            en: "Evaluation or scoring",
        },
        DpiaCriterion::AutomatedDecision => T {
            de: "Automatisierte Entscheidung mit Rechtswirkung",
            en: "Automated decision with legal effect",
        },
        DpiaCriterion::SystematicMonitoring => T {
            de: "Systematische Überwachung",
            en: "Systematic monitoring",
        },
        DpiaCriterion::SensitiveData => T {
            de: "Sensible oder höchstpersönliche Daten",
            en: "Sensitive or highly personal data",
        },
        DpiaCriterion::LargeScale => T {
            de: "Verarbeitung in großem Umfang",
            en: "Processing on a large scale",
        },
        DpiaCriterion::MatchingDatasets => T {
            de: "Abgleich oder Zusammenführung von Datensätzen",
            en: "Matching or combining datasets",
        },
        DpiaCriterion::VulnerableSubjects => T {
            de: "Schutzbedürftige Betroffene",
            en: "Vulnerable data subjects",
        },
        DpiaCriterion::NewTechnology => T {
            de: "Innovative Nutzung neuer Technologien",
            en: "Innovative use of new technology",
        },
        DpiaCriterion::PreventsRights => T {
            de: "Hindert Betroffene an der Ausübung ihrer Rechte",
            en: "Prevents data subjects from exercising rights",
        },
        DpiaCriterion::DskMustList => T {
            de: "Auf der DSK-Liste (DSFA stets erforderlich)",
            en: "On the DSK list (DPIA always required)",
        },
    }
    .get(lang)
}

/// A time as reports show it: `2026-09-21 12:26 UTC`.
pub fn time(t: jiff::Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%d %H:%M UTC")
        .to_string()
}
