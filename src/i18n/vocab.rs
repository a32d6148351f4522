//! The shared domain vocabulary: one German and one English word per concept (Befund/finding,
//! Abzeichnen/sign-off, DSFA-Vorprüfung/DPIA screening, …) used by the TUI, plain mode, every report and
//! the CLI. `tests/vocabulary.rs` checks that no front end uses another word for these concepts. A leaf: the
//! engine's types say which of these words is theirs (`Severity::word`, `DpiaVerdict::label`, …).

use super::T;
use crate::lang::Lang;

pub const FINDING: T = T::new("Befund", "Finding");
pub const FINDINGS: T = T::new("Befunde", "Findings");
pub const NO_FINDINGS: T = T::new("Keine Befunde.", "No findings.");
pub const MEASURE: T = T::new("Maßnahme", "Measure");
/// Files attached to a question, bound to the result by their SHA-256 (docs/evidence.md).
pub const EVIDENCE: T = T::new("Belege", "Evidence");
/// The state of one evidence file as verify found it.
pub const EVIDENCE_MATCHES: T = T::new("SHA-256 stimmt", "SHA-256 matches");
pub const EVIDENCE_MISSING: T = T::new("fehlt, nicht geprüft", "missing, not checked");
pub const EVIDENCE_CHANGED: T = T::new("GEÄNDERT", "CHANGED");
pub const EVIDENCE_UNREADABLE: T = T::new("nicht lesbar, nicht geprüft", "unreadable, not checked");
pub const EVIDENCE_UNCHECKED: T = T::new("nicht geprüft", "not checked");
/// The act of signing the result off (a button, a menu entry, a heading).
pub const SIGN_OFF: T = T::new("Abzeichnen", "Sign off");
/// The sign-off block of a result (who, when, with which key).
pub const SIGNOFF_BLOCK: T = T::new("Abzeichnung", "Sign-off");
pub const SIGNER: T = T::new("Abgezeichnet von", "Signed off by");
pub const DPIA: T = T::new("DSFA", "DPIA");
pub const DPIA_SCREENING: T = T::new("DSFA-Vorprüfung", "DPIA screening");
pub const CRITERIA_MET: T = T::new("Erfüllte Kriterien", "Criteria met");
/// The legal references of a question or finding (not the Art. 6 legal basis).
pub const REFS: T = T::new("Fundstellen", "References");
pub const YES: T = T::new("Ja", "Yes");
pub const NO: T = T::new("Nein", "No");
pub const UNKNOWN: T = T::new("Unbekannt", "Unknown");
pub const NOT_APPLICABLE: T = T::new("Nicht anwendbar", "Not applicable");
pub const OPEN_REQUIRED: T = T::new("Offene Pflichtfragen", "Open required questions");
/// Unknown answers and open required questions: what the auditor still has to clarify.
pub const OPEN_POINTS: T = T::new("Zu klären", "To clarify");

/// The record of every change of an answer or note (when, by whom, old → new, why).
pub const CHANGE_HISTORY: T = T::new("Änderungsverlauf", "Change history");
/// Why an answer was changed (a correction).
pub const CHANGE_REASON: T = T::new("Begründung", "Reason");

pub fn yes_no(b: bool) -> T {
    if b { YES } else { NO }
}

// ---- the engine's values: `Severity::word`, `DpiaVerdict::word`, `DpiaCriterion::word` pick these ---------

pub const SEVERITY_HIGH: T = T::new("Hoch", "High");
pub const SEVERITY_MEDIUM: T = T::new("Mittel", "Medium");
pub const SEVERITY_LOW: T = T::new("Niedrig", "Low");
pub const SEVERITY_INFO: T = T::new("Hinweis", "Info");

// The screening verdict as a phrase that completes "DSFA …" / "DPIA …".
pub const VERDICT_NOT_INDICATED: T = T::new("nicht angezeigt", "not indicated");
pub const VERDICT_CONSIDER: T = T::new("zu erwägen", "to be considered");
pub const VERDICT_REQUIRED_IN_MOST_CASES: T =
    T::new("in der Regel erforderlich", "required in most cases");
pub const VERDICT_REQUIRED: T = T::new("erforderlich", "required");

// What the verdict asks of the organisation, in one sentence.
pub const VERDICT_NOT_INDICATED_EXPLAINED: T = T::new(
    "Kein Kriterium der WP248-Liste ist erfüllt.",
    "No criterion of the WP248 list is met.",
);
pub const VERDICT_CONSIDER_EXPLAINED: T = T::new(
    "Ein Kriterium ist erfüllt: Dokumentieren Sie, warum keine DSFA erfolgt, oder führen Sie eine durch.",
    "One criterion is met: document why no DPIA is done, or carry one out.",
);
pub const VERDICT_REQUIRED_IN_MOST_CASES_EXPLAINED: T = T::new(
    "Zwei oder mehr Kriterien sind erfüllt: Nach WP248 rev.01 ist eine DSFA in der Regel erforderlich.",
    "Two or more criteria are met: under WP248 rev.01 a DPIA is required in most cases.",
);
pub const VERDICT_REQUIRED_EXPLAINED: T = T::new(
    "Die Verarbeitung steht auf der DSK-Liste (Art. 35 Abs. 4 DSGVO).",
    "The processing is on the DSK list (Art. 35(4) GDPR).",
);

pub const CRITERION_EVALUATION_SCORING: T =
    T::new("Bewertung oder Scoring", "Evaluation or scoring");
pub const CRITERION_AUTOMATED_DECISION: T = T::new(
    "Automatisierte Entscheidung mit Rechtswirkung",
    "Automated decision with legal effect",
);
pub const CRITERION_SYSTEMATIC_MONITORING: T =
    T::new("Systematische Überwachung", "Systematic monitoring");
pub const CRITERION_SENSITIVE_DATA: T = T::new(
    "Sensible oder höchstpersönliche Daten",
    "Sensitive or highly personal data",
);
pub const CRITERION_LARGE_SCALE: T = T::new(
    "Verarbeitung in großem Umfang",
    "Processing on a large scale",
);
pub const CRITERION_MATCHING_DATASETS: T = T::new(
    "Abgleich oder Zusammenführung von Datensätzen",
    "Matching or combining datasets",
);
pub const CRITERION_VULNERABLE_SUBJECTS: T =
    T::new("Schutzbedürftige Betroffene", "Vulnerable data subjects");
pub const CRITERION_NEW_TECHNOLOGY: T = T::new(
    "Innovative Nutzung neuer Technologien",
    "Innovative use of new technology",
);
pub const CRITERION_PREVENTS_RIGHTS: T = T::new(
    "Hindert Betroffene an der Ausübung ihrer Rechte",
    "Prevents data subjects from exercising rights",
);
pub const CRITERION_DSK_MUST_LIST: T = T::new(
    "Auf der DSK-Liste (DSFA stets erforderlich)",
    "On the DSK list (DPIA always required)",
);

/// "1 Befund" / "3 Befunde", "1 finding" / "3 findings".
pub fn findings_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::De, 1) => "1 Befund".to_string(),
        (Lang::De, n) => format!("{n} Befunde"),
        (Lang::En, 1) => "1 finding".to_string(),
        (Lang::En, n) => format!("{n} findings"),
    }
}

/// "1 Pflichtfrage" / "3 Pflichtfragen", "1 required question" / "3 required questions".
pub fn required_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::De, 1) => "1 Pflichtfrage".to_string(),
        (Lang::De, n) => format!("{n} Pflichtfragen"),
        (Lang::En, 1) => "1 required question".to_string(),
        (Lang::En, n) => format!("{n} required questions"),
    }
}

// ---- the outcome -------------------------------------------------------------------------------------------

pub const MANAGEMENT_SUMMARY: T = T::new("Zusammenfassung für die Leitung", "Management summary");
pub const COMPLETENESS: T = T::new("Vollständigkeit", "Completeness");
pub const PROVISIONAL: T = T::new("vorläufig", "provisional");
pub const APPLIES_TO: T = T::new("betrifft", "applies to");
pub const ALSO_COVERS: T = T::new("umfasst auch", "also covers");
pub const OPEN_UNKNOWN: T = T::new("Antwort „Unbekannt“", "answered “unknown”");
pub const OPEN_UNANSWERED: T = T::new("nicht beantwortet", "not answered");
pub const NO_OPEN_POINTS: T = T::new("Nichts zu klären.", "Nothing to clarify.");
pub const MESSENGERS_FOUND: T = T::new("Gefundene Messenger", "Messengers found");
pub const NO_MESSENGERS_FOUND: T = T::new("keine", "none");
pub const TOP_MEASURES: T = T::new("Wichtigste Maßnahmen", "Most important measures");
pub const KNOWLEDGE_USED: T = T::new("Verwendete Wissensbasis", "Knowledge base used");
pub const AS_OF: T = T::new("Stand", "as of");
pub const KNOWLEDGE_STALE: T = T::new(
    "älter als 12 Monate am Prüfungsdatum – auf aktuellen Stand prüfen",
    "older than 12 months at the audit's date – check before relying on it",
);
/// An answer that differs from a dated fact of the knowledge base (the auditor's answer stands).
pub const CONTRADICTION: T = T::new(
    "Widerspruch zur Wissensbasis",
    "contradicts the knowledge base",
);
pub const CONTRADICTIONS: T = T::new(
    "Widersprüche zur Wissensbasis",
    "Contradictions with the knowledge base",
);
/// `Contradiction::hint`: {0} the answer's label, {1} the entry's date, {2} the fact's label, {3} its value,
/// {4} "Quelle: …".
pub const CONTRADICTION_HINT: T = T::new(
    "Hinweis: Ihre Antwort „{0}“ widerspricht der Wissensbasis (Stand {1}): {2}: {3}. {4}",
    "Note: your answer “{0}” contradicts the knowledge base (as of {1}): {2}: {3}. {4}",
);
pub const SOURCE: T = T::new("Quelle", "Source");
pub const SOURCES: T = T::new("Quellen", "Sources");
pub const FROM_FINDINGS: T = T::new("aus", "from");

/// `Completeness::describe`: "Vollständig – 9 von 9 Pflichtfragen beantwortet" ({0} answered, {1} required).
pub const COMPLETE_OF: T = T::new(
    "Vollständig – {0} von {1} Pflichtfragen beantwortet",
    "Complete – {0} of {1} required questions answered",
);
/// "UNVOLLSTÄNDIG – 8 von 9 Pflichtfragen offen" ({0} open, {1} required).
pub const INCOMPLETE_OF: T = T::new(
    "UNVOLLSTÄNDIG – {0} von {1} Pflichtfragen offen",
    "INCOMPLETE – {0} of {1} required questions open",
);

/// "Keine Befunde." for a complete audit, "Keine Befunde im beantworteten Teil." otherwise: an incomplete
/// audit never claims to have no findings as a whole.
pub fn no_findings(lang: Lang, complete: bool) -> &'static str {
    if complete {
        NO_FINDINGS.get(lang)
    } else {
        T::new(
            "Keine Befunde im beantworteten Teil.",
            "No findings in the answered part.",
        )
        .get(lang)
    }
}

/// "3 zu klären" / "3 to clarify".
pub fn open_points_count(lang: Lang, n: usize) -> String {
    format!(
        "{n} {}",
        match lang {
            Lang::De => "zu klären",
            Lang::En => "to clarify",
        }
    )
}

/// The day the audit was held (the interviews), a field of the audit details; default: today.
pub const AUDIT_DATE: T = T::new("Prüfdatum", "Audit date");
