//! The fixed texts of the records-of-processing draft (Art. 30) and of the DPIA draft (Art. 35(7)) in
//! German and English; the HTML templates see them as `a.NAME`.

pub use crate::i18n::T;
use crate::i18n::vocab;
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
    DPIA_TITLE = "Datenschutz-Folgenabschätzung (Entwurf)", "Data protection impact assessment (draft)";
    DPIA_INTRO = "Gerüst einer Datenschutz-Folgenabschätzung nach Art. 35 Abs. 7 DSGVO, vorausgefüllt aus den Antworten, Befunden und erfüllten Kriterien der Prüfung. Es ersetzt die Folgenabschätzung nicht: Der Verantwortliche führt sie durch, der Datenschutzbeauftragte berät (Art. 35 Abs. 2 DSGVO). Was noch zu ergänzen ist, ist mit „offen – bitte ergänzen“ markiert.", "Skeleton of a data protection impact assessment under Art. 35(7) GDPR, prefilled from the audit's answers, findings and criteria met. It does not replace the assessment: the controller carries it out, the data protection officer advises (Art. 35(2) GDPR). What still has to be completed is marked “open – please complete”.";
    DPIA_BASIS = "Grundlage", "Basis";
    DPIA_RESULT_FILE = "Ergebnisdatei", "Result file";
    DPIA_SCREENING = vocab::DPIA_SCREENING.de, vocab::DPIA_SCREENING.en;
    DPIA_CRITERIA = "Erfüllte Kriterien (WP248 rev.01, DSK-Muss-Liste)", "Criteria met (WP248 rev.01, DSK list)";
    DPIA_FROM = "aus", "from";
    DPIA_PROVISIONAL_NOTE = "Die Prüfung ist unvollständig: Offene Pflichtfragen können das Ergebnis der DSFA-Vorprüfung noch ändern.", "The audit is incomplete: open required questions may still change the result of the DPIA screening.";
    DPIA_A = "1. Systematische Beschreibung der Verarbeitungsvorgänge und Zwecke (Art. 35 Abs. 7 lit. a DSGVO)", "1. Systematic description of the processing operations and purposes (Art. 35(7)(a) GDPR)";
    DPIA_A_INTRO = "Je gefundenem Messenger aus dem Entwurf für das Verzeichnis von Verarbeitungstätigkeiten. Ergänzen Sie Art, Umfang, Umstände und Datenflüsse sowie ggf. die berechtigten Interessen des Verantwortlichen.", "Per messenger found, from the draft for the records of processing activities. Add nature, scope, context and data flows and, where applicable, the controller's legitimate interests.";
    DPIA_A_TODO = "Art, Umfang, Umstände und Datenflüsse; berechtigte Interessen (Art. 35 Abs. 7 lit. a DSGVO)", "Nature, scope, context and data flows; legitimate interests (Art. 35(7)(a) GDPR)";
    DPIA_B = "2. Notwendigkeit und Verhältnismäßigkeit (Art. 35 Abs. 7 lit. b DSGVO)", "2. Necessity and proportionality (Art. 35(7)(b) GDPR)";
    DPIA_B_INTRO = "Je Prüfpunkt die einschlägigen Angaben der Prüfung; die Bewertung nimmt der Verantwortliche vor.", "For each point the audit's relevant information; the controller makes the assessment.";
    DPIA_B_PURPOSE = "Festgelegte, eindeutige und legitime Zwecke (Art. 5 Abs. 1 lit. b DSGVO)", "Specified, explicit and legitimate purposes (Art. 5(1)(b) GDPR)";
    DPIA_B_BASIS = "Rechtmäßigkeit: Erlaubnistatbestand je Zweck (Art. 6, ggf. Art. 9 Abs. 2 DSGVO)", "Lawfulness: legal basis per purpose (Art. 6, where applicable Art. 9(2) GDPR)";
    DPIA_B_MINIMISATION = "Datenminimierung: angemessen, erheblich und auf das Notwendige beschränkt (Art. 5 Abs. 1 lit. c DSGVO)", "Data minimisation: adequate, relevant and limited to what is necessary (Art. 5(1)(c) GDPR)";
    DPIA_B_STORAGE = "Speicherbegrenzung (Art. 5 Abs. 1 lit. e DSGVO)", "Storage limitation (Art. 5(1)(e) GDPR)";
    DPIA_B_INFORMATION = "Information der Betroffenen (Art. 12–14 DSGVO)", "Information of data subjects (Art. 12–14 GDPR)";
    DPIA_B_RIGHTS = "Betroffenenrechte: Auskunft, Berichtigung, Löschung, Einschränkung, Widerspruch, Übertragbarkeit (Art. 15–22 DSGVO)", "Data subject rights: access, rectification, erasure, restriction, objection, portability (Art. 15–22 GDPR)";
    DPIA_B_PROCESSORS = "Auftragsverarbeiter und weitere Empfänger (Art. 28 DSGVO)", "Processors and other recipients (Art. 28 GDPR)";
    DPIA_B_TRANSFERS = "Garantien bei Übermittlungen in Drittländer (Art. 44 ff. DSGVO)", "Safeguards for transfers to third countries (Art. 44 et seq. GDPR)";
    DPIA_ASSESSMENT = "Bewertung", "Assessment";
    DPIA_NOTHING_FROM_AUDIT = "Die Prüfung enthält dazu keine Angabe.", "The audit holds no information on this.";
    DPIA_C = "3. Risiken für die Rechte und Freiheiten der Betroffenen (Art. 35 Abs. 7 lit. c DSGVO)", "3. Risks to the rights and freedoms of data subjects (Art. 35(7)(c) GDPR)";
    DPIA_C_INTRO = "Risiko = Schwere des möglichen Schadens × Eintrittswahrscheinlichkeit, aus Sicht der Betroffenen (Erwägungsgründe 75 und 76 DSGVO), je vier Stufen: geringfügig, überschaubar, substanziell, groß; Ergebnis: geringes Risiko, Risiko oder hohes Risiko (DSK, Kurzpapier Nr. 18 „Risiko für die Rechte und Freiheiten natürlicher Personen“, Stand 26.04.2018). Je Befund ist die Risikoklasse aus seinem Schweregrad vorgeschlagen (low = geringes Risiko, medium = Risiko, high = hohes Risiko; docs/risk-scheme.md); Schwere und Eintrittswahrscheinlichkeit im konkreten Fall bewertet der Verantwortliche.", "Risk = severity of the possible damage × likelihood, from the data subjects' point of view (recitals 75 and 76 GDPR), four levels each: geringfügig (negligible), überschaubar (limited), substanziell (significant), groß (major); result: low risk, risk or high risk (DSK, Kurzpapier Nr. 18 “Risiko für die Rechte und Freiheiten natürlicher Personen”, as of 26 April 2018). For each finding the risk class is proposed from its severity (low = low risk, medium = risk, high = high risk; docs/risk-scheme.md); the controller rates severity and likelihood in the actual case.";
    DPIA_MATRIX = "Risikomatrix (Schwere × Eintrittswahrscheinlichkeit)", "Risk matrix (severity × likelihood)";
    DPIA_MATRIX_NOTE = "Die Zellgrenzen sind msgaudits Lesart der Abbildung im Kurzpapier Nr. 18 (docs/risk-scheme.md); gleichen Sie sie vor der Verwendung mit der aktuellen Fassung des Kurzpapiers ab.", "The cell boundaries are msgaudit's reading of the figure in Kurzpapier Nr. 18 (docs/risk-scheme.md); check them against the current version of the paper before use.";
    DPIA_SEVERITY_AXIS = "Schwere ↓ / Eintrittswahrscheinlichkeit →", "Severity ↓ / likelihood →";
    LEVEL_1 = "1 geringfügig", "1 geringfügig (negligible)";
    LEVEL_2 = "2 überschaubar", "2 überschaubar (limited)";
    LEVEL_3 = "3 substanziell", "3 substanziell (significant)";
    LEVEL_4 = "4 groß", "4 groß (major)";
    RISK_LOW = "geringes Risiko", "low risk";
    RISK_NORMAL = "Risiko", "risk";
    RISK_HIGH = "hohes Risiko", "high risk";
    DPIA_RISK = "Risiko", "Risk";
    DPIA_PROPOSED_CLASS = "Vorgeschlagene Risikoklasse", "Proposed risk class";
    DPIA_SEVERITY = "Schwere des Schadens", "Severity of damage";
    DPIA_LIKELIHOOD = "Eintrittswahrscheinlichkeit", "Likelihood";
    DPIA_CRITERION = "Kriterium", "Criterion";
    DPIA_CRITERION_RISK = "Erfülltes Kriterium: {0}", "Criterion met: {0}";
    DPIA_NO_RISKS = "Die Prüfung hat keine Befunde ergeben: Risiken sind vollständig vom Verantwortlichen zu ermitteln.", "The audit raised no findings: the controller has to identify every risk.";
    DPIA_RATE = "zu bewerten", "to be rated";
    DPIA_D = "4. Geplante Abhilfemaßnahmen (Art. 35 Abs. 7 lit. d DSGVO)", "4. Measures envisaged to address the risks (Art. 35(7)(d) GDPR)";
    DPIA_D_INTRO = "Die Maßnahmen der Befunde, nach Ursache zusammengefasst. Ergänzen Sie je Maßnahme Verantwortliche, Frist und Umsetzungsstand sowie weitere Garantien und Sicherheitsvorkehrungen.", "The findings' measures, grouped by root cause. For each measure, add who is responsible, the deadline and its status, and further safeguards and security measures.";
    DPIA_OWNER = "Verantwortlich, Frist, Stand", "Owner, deadline, status";
    DPIA_NO_MEASURES = "Keine Maßnahmen aus der Prüfung: Abhilfemaßnahmen sind vom Verantwortlichen festzulegen.", "No measures from the audit: the controller has to set the measures.";
    DPIA_E = "5. Ergebnis, Stellungnahme und Abzeichnung", "5. Result, opinion and sign-off";
    DPIA_E_RESIDUAL = "Restrisiko nach den Maßnahmen; bei hohem Restrisiko vorherige Konsultation der Aufsichtsbehörde (Art. 36 Abs. 1 DSGVO)", "Residual risk after the measures; with a high residual risk, prior consultation of the supervisory authority (Art. 36(1) GDPR)";
    DPIA_E_DPO = "Rat des Datenschutzbeauftragten (Art. 35 Abs. 2 DSGVO)", "Advice of the data protection officer (Art. 35(2) GDPR)";
    DPIA_E_VIEWS = "Standpunkt der Betroffenen oder ihrer Vertreter, soweit eingeholt (Art. 35 Abs. 9 DSGVO)", "Views of data subjects or their representatives, where sought (Art. 35(9) GDPR)";
    DPIA_E_REVIEW = "Abzeichnung durch den Verantwortlichen und Termin der Überprüfung (Art. 35 Abs. 11 DSGVO)", "Sign-off by the controller and date of review (Art. 35(11) GDPR)";
    DPIA_NOT_DUE = "Die DSFA-Vorprüfung dieser Prüfung ergibt „{0}“: Ein DSFA-Entwurf wird nur bei „erforderlich“ oder „in der Regel erforderlich“ geschrieben. Mit --force wird er dennoch geschrieben.", "The DPIA screening of this audit says “{0}”: a DPIA draft is written only when a DPIA is “required” or “required in most cases”. Use --force to write it anyway.";
    DPIA_FORMATS = "--dpia schreibt Markdown, HTML oder PDF (--format md, --format html oder --format pdf -o DATEI)", "--dpia writes Markdown, HTML or PDF (--format md, --format html or --format pdf -o FILE)";
    THE_DPIA = "der DSFA-Entwurf", "the DPIA draft";
    NOT_DUE_HEADER = "Hinweis: Die DSFA-Vorprüfung ergibt „{0}“; dieser Entwurf wurde mit --force geschrieben.", "Note: the DPIA screening says “{0}”; this draft was written with --force.";
}
