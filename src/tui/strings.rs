//! Every string of the terminal UI, in German and English, in one place. Checklist texts come from the
//! checklist; everything the program itself says comes from here.

use crate::audit::{AnswerError, DpiaVerdict};
use crate::checklist::Severity;
use crate::lang::Lang;

/// A fixed UI string. `S::get(lang)` gives its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum S {
    AppName,
    TooSmall,
    // start
    NewAudit,
    ResumeHeading,
    NoDrafts,
    Quit,
    Damaged,
    ProgressUnknown,
    PickChecklist,
    NoChecklists,
    SourceShipped,
    SourceFolder,
    SourceUser,
    ChecklistBroken,
    // details
    DetailsTitle,
    Organisation,
    Unit,
    Interviewees,
    Auditor,
    RequiredMark,
    FieldRequired,
    DetailsHelp,
    // question
    Yes,
    No,
    Unknown,
    NotApplicable,
    Note,
    NoteEmpty,
    OtherName,
    NotRequired,
    EnterNumber,
    EnterDate,
    Range,
    // help
    HelpTitle,
    WhyItMatters,
    LegalRefs,
    KnowledgeFacts,
    AsOf,
    Sources,
    Keys,
    NoHelp,
    // outline
    OutlineTitle,
    StateDone,
    StateOpen,
    StateHidden,
    // review
    ReviewTitle,
    OpenRequired,
    NoneOpen,
    Findings,
    NoFindings,
    Measure,
    DpiaTitle,
    SignOff,
    SignOffBlocked,
    MetaMissing,
    SignOffLater,
    // quit
    ConfirmQuitTitle,
    ConfirmQuitText,
    ConfirmQuitKeys,
    // status
    SaveFailed,
    ResumeFailed,
    ChecklistChanged,
    AnswersDropped,
    // key labels (hint bar and help overlay)
    KMove,
    KSelect,
    KToggle,
    KConfirm,
    KBack,
    KNote,
    KHelp,
    KOutline,
    KReview,
    KDetails,
    KQuit,
    KNextField,
    KPrevField,
    KNewLine,
    KClose,
    KJump,
    KScroll,
    KYes,
    KNo,
    KTop,
    KBottom,
}

impl S {
    pub fn get(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            S::AppName => ("msgaudit", "msgaudit"),
            S::TooSmall => (
                "Terminal zu klein (benötigt 80x24)",
                "terminal too small (needs 80x24)",
            ),
            S::NewAudit => ("Neue Prüfung beginnen", "Start a new audit"),
            S::ResumeHeading => ("Entwurf fortsetzen", "Resume a draft"),
            S::NoDrafts => ("keine Entwürfe", "no drafts"),
            S::Quit => ("Beenden", "Quit"),
            S::Damaged => ("beschädigt", "damaged"),
            S::ProgressUnknown => ("Fortschritt unbekannt", "progress unknown"),
            S::PickChecklist => ("Checkliste wählen", "Pick a checklist"),
            S::NoChecklists => ("Keine Checklisten gefunden.", "No checklists found."),
            S::SourceShipped => ("mitgeliefert", "shipped"),
            S::SourceFolder => ("--checklists", "--checklists"),
            S::SourceUser => ("eigene", "user folder"),
            S::ChecklistBroken => (
                "fehlerhaft, mit `msgaudit check` prüfen",
                "invalid, run `msgaudit check`",
            ),
            S::DetailsTitle => ("Angaben zur Prüfung", "Audit details"),
            S::Organisation => ("Organisation", "Organisation"),
            S::Unit => ("Bereich / Umfang", "Unit / scope"),
            S::Interviewees => ("Gesprächspartner", "Interview partners"),
            S::Auditor => ("Prüfer/in", "Auditor"),
            S::RequiredMark => ("Pflichtfeld", "required"),
            S::FieldRequired => ("Bitte ausfüllen", "Please fill in"),
            S::DetailsHelp => (
                "Felder mit * sind Pflichtfelder. Enter am letzten Feld beginnt die Prüfung.",
                "Fields marked * are required. Enter on the last field starts the audit.",
            ),
            S::Yes => ("Ja", "Yes"),
            S::No => ("Nein", "No"),
            S::Unknown => ("Unbekannt", "Unknown"),
            S::NotApplicable => ("Nicht zutreffend", "Not applicable"),
            S::Note => ("Notiz", "Note"),
            S::NoteEmpty => ("Tab: Notiz hinzufügen", "Tab: add a note"),
            S::OtherName => ("Bezeichnung", "Name"),
            S::NotRequired => ("optional", "optional"),
            S::EnterNumber => ("Bitte eine Zahl eingeben", "Please enter a number"),
            S::EnterDate => (
                "Bitte ein Datum als JJJJ-MM-TT eingeben",
                "Please enter a date as YYYY-MM-DD",
            ),
            S::Range => ("Bereich", "Range"),
            S::HelpTitle => ("Hilfe", "Help"),
            S::WhyItMatters => ("Warum das wichtig ist", "Why it matters"),
            S::LegalRefs => ("Rechtsgrundlagen", "Legal references"),
            S::KnowledgeFacts => ("Wissensbasis", "Knowledge base"),
            S::AsOf => ("Stand", "As of"),
            S::Sources => ("Quellen", "Sources"),
            S::Keys => ("Tasten", "Keys"),
            S::NoHelp => ("Keine Hilfe zu dieser Frage.", "No help for this question."),
            S::OutlineTitle => ("Übersicht", "Outline"),
            S::StateDone => ("fertig", "done"),
            S::StateOpen => ("offen", "open"),
            S::StateHidden => ("ausgeblendet", "hidden"),
            S::ReviewTitle => ("Prüfergebnis", "Review"),
            S::OpenRequired => ("Offene Pflichtfragen", "Open required questions"),
            S::NoneOpen => (
                "Alle Pflichtfragen sind beantwortet.",
                "All required questions are answered.",
            ),
            S::Findings => ("Feststellungen", "Findings"),
            S::NoFindings => ("Keine Feststellungen.", "No findings."),
            S::Measure => ("Maßnahme", "Measure"),
            S::DpiaTitle => ("DSFA-Schwellwertanalyse", "DPIA screening"),
            S::SignOff => ("Abschließen und unterzeichnen", "Sign off"),
            S::SignOffBlocked => (
                "Erst alle Pflichtfragen beantworten",
                "Answer all required questions first",
            ),
            S::MetaMissing => (
                "Angaben zur Prüfung unvollständig (e)",
                "Audit details incomplete (e)",
            ),
            S::SignOffLater => (
                "Die Unterzeichnung folgt in einer späteren Version.",
                "Signing off comes in a later version.",
            ),
            S::ConfirmQuitTitle => ("Beenden?", "Quit?"),
            S::ConfirmQuitText => (
                "Die Antworten dieser Sitzung werden noch nicht dauerhaft gespeichert und gehen beim Beenden verloren.",
                "The answers of this session are not stored permanently yet and are lost when you quit.",
            ),
            S::ConfirmQuitKeys => (
                "j/Enter: beenden   n/Esc: weiter prüfen",
                "y/Enter: quit   n/Esc: keep auditing",
            ),
            S::SaveFailed => ("Speichern fehlgeschlagen", "Saving failed"),
            S::ResumeFailed => (
                "Entwurf kann nicht fortgesetzt werden",
                "Cannot resume the draft",
            ),
            S::ChecklistChanged => (
                "Die Checkliste hat sich seit dem Entwurf geändert.",
                "The checklist changed since the draft was saved.",
            ),
            S::AnswersDropped => ("Antworten verworfen", "answers dropped"),
            S::KMove => ("bewegen", "move"),
            S::KSelect => ("auswählen", "select"),
            S::KToggle => ("auswählen/umschalten", "select/toggle"),
            S::KConfirm => ("bestätigen, weiter", "confirm, next"),
            S::KBack => ("zurück", "back"),
            S::KNote => ("Notiz", "note"),
            S::KHelp => ("Hilfe", "help"),
            S::KOutline => ("Übersicht", "outline"),
            S::KReview => ("Ergebnis", "review"),
            S::KDetails => ("Angaben", "details"),
            S::KQuit => ("beenden", "quit"),
            S::KNextField => ("nächstes Feld", "next field"),
            S::KPrevField => ("voriges Feld", "previous field"),
            S::KNewLine => ("neue Zeile", "new line"),
            S::KClose => ("schließen", "close"),
            S::KJump => ("springen", "jump"),
            S::KScroll => ("blättern", "scroll"),
            S::KYes => ("ja", "yes"),
            S::KNo => ("nein", "no"),
            S::KTop => ("Anfang", "top"),
            S::KBottom => ("Ende", "end"),
        };
        match lang {
            Lang::De => de,
            Lang::En => en,
        }
    }
}

/// "Abschnitt 2/7 · Frage 5/23".
pub fn position(lang: Lang, sec: usize, secs: usize, q: usize, qs: usize) -> String {
    match lang {
        Lang::De => format!("Abschnitt {sec}/{secs} · Frage {q}/{qs}"),
        Lang::En => format!("Section {sec}/{secs} · Question {q}/{qs}"),
    }
}

/// "12/40 Pflichtfragen beantwortet".
pub fn progress(lang: Lang, answered: usize, required: usize) -> String {
    match lang {
        Lang::De => format!("{answered}/{required} Pflichtfragen beantwortet"),
        Lang::En => format!("{answered}/{required} required questions answered"),
    }
}

/// Short progress for the draft list.
pub fn progress_short(lang: Lang, answered: usize, required: usize) -> String {
    match lang {
        Lang::De => format!("{answered}/{required} beantwortet"),
        Lang::En => format!("{answered}/{required} answered"),
    }
}

pub fn last_change(lang: Lang, when: &str) -> String {
    match lang {
        Lang::De => format!("zuletzt {when}"),
        Lang::En => format!("last change {when}"),
    }
}

pub fn open_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::De => format!("{n} offen"),
        Lang::En => format!("{n} open"),
    }
}

pub fn severity(lang: Lang, s: Severity) -> &'static str {
    match (lang, s) {
        (Lang::De, Severity::High) => "Hoch",
        (Lang::De, Severity::Medium) => "Mittel",
        (Lang::De, Severity::Low) => "Niedrig",
        (Lang::De, Severity::Info) => "Hinweis",
        (Lang::En, Severity::High) => "High",
        (Lang::En, Severity::Medium) => "Medium",
        (Lang::En, Severity::Low) => "Low",
        (Lang::En, Severity::Info) => "Info",
    }
}

pub fn verdict(lang: Lang, v: DpiaVerdict) -> &'static str {
    match (lang, v) {
        (Lang::De, DpiaVerdict::NotIndicated) => "Keine DSFA angezeigt",
        (Lang::De, DpiaVerdict::Consider) => "DSFA erwägen (ein Kriterium erfüllt)",
        (Lang::De, DpiaVerdict::Recommended) => "DSFA empfohlen (zwei oder mehr Kriterien)",
        (Lang::De, DpiaVerdict::Required) => "DSFA erforderlich (DSK-Mussliste)",
        (Lang::En, DpiaVerdict::NotIndicated) => "No DPIA indicated",
        (Lang::En, DpiaVerdict::Consider) => "Consider a DPIA (one criterion met)",
        (Lang::En, DpiaVerdict::Recommended) => "DPIA recommended (two or more criteria)",
        (Lang::En, DpiaVerdict::Required) => "DPIA required (DSK must-list)",
    }
}

pub fn criterion(lang: Lang, c: crate::checklist::DpiaCriterion) -> &'static str {
    use crate::checklist::DpiaCriterion as C;
    let (de, en) = match c {
        C::EvaluationScoring => ("Bewertung oder Scoring", "Evaluation or scoring"),
        C::AutomatedDecision => ("Automatisierte Entscheidung", "Automated decision"),
        C::SystematicMonitoring => ("Systematische Überwachung", "Systematic monitoring"),
        C::SensitiveData => ("Sensible Daten", "Sensitive data"),
        C::LargeScale => ("Umfangreiche Verarbeitung", "Large scale"),
        C::MatchingDatasets => ("Abgleich von Datensätzen", "Matching datasets"),
        C::VulnerableSubjects => ("Schutzbedürftige Betroffene", "Vulnerable data subjects"),
        C::NewTechnology => ("Neue Technologie", "New technology"),
        C::PreventsRights => ("Hindert an Rechtsausübung", "Prevents exercising rights"),
        C::DskMustList => ("DSK-Mussliste", "DSK must-list"),
    };
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// An answer the engine refused, in words for the auditor.
pub fn answer_error(lang: Lang, e: &AnswerError) -> String {
    match (lang, e) {
        (Lang::De, AnswerError::BelowMin { min, .. }) => format!("Mindestens {}", num(*min)),
        (Lang::En, AnswerError::BelowMin { min, .. }) => format!("At least {}", num(*min)),
        (Lang::De, AnswerError::AboveMax { max, .. }) => format!("Höchstens {}", num(*max)),
        (Lang::En, AnswerError::AboveMax { max, .. }) => format!("At most {}", num(*max)),
        (_, AnswerError::NotFinite) => S::EnterNumber.get(lang).to_string(),
        // The remaining errors cannot come from the UI's own widgets; show the engine's words.
        (_, e) => e.to_string(),
    }
}

pub fn dropped(lang: Lang, n: usize) -> String {
    format!("{n} {}", S::AnswersDropped.get(lang))
}

/// A number as the auditor would write it (no trailing ".0").
pub fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_differ_where_they_should() {
        assert_eq!(
            S::TooSmall.get(Lang::En),
            "terminal too small (needs 80x24)"
        );
        assert_ne!(S::NewAudit.get(Lang::De), S::NewAudit.get(Lang::En));
        assert_eq!(
            position(Lang::De, 2, 7, 5, 23),
            "Abschnitt 2/7 · Frage 5/23"
        );
        assert_eq!(
            position(Lang::En, 2, 7, 5, 23),
            "Section 2/7 · Question 5/23"
        );
        assert_eq!(
            answer_error(
                Lang::De,
                &AnswerError::BelowMin {
                    value: -1.0,
                    min: 0.0
                }
            ),
            "Mindestens 0"
        );
    }
}
