//! Every string of the terminal UI, in German and English, in one place. Checklist texts come from the
//! checklist; everything the program itself says comes from here.

use crate::audit::AnswerError;
use crate::checklist::Severity;
use crate::i18n::vocab;
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
    AuditDate,
    RequiredMark,
    FieldRequired,
    DetailsHelp,
    // action plan
    PlanHelp,
    // question
    Yes,
    No,
    Unknown,
    NotApplicable,
    Note,
    NoteEmpty,
    ReasonTitle,
    ReasonNothing,
    ReasonSaved,
    NoteEmptyMulti,
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
    MetaMissing,
    // sign-off
    SignOffHelp,
    SignerName,
    SignerRole,
    Statement,
    WarnTitle,
    WarnAllowed,
    NoKeyYet,
    KeyLooking,
    ConfirmSignTitle,
    ConfirmSignText,
    ConfirmSignKeys,
    NewKeyTitle,
    NewPassword,
    RepeatPassword,
    PasswordEmpty,
    PasswordsDiffer,
    PasswordTitle,
    Password,
    PasswordHidden,
    EnterSigns,
    Signing,
    CreatingKey,
    WritingReports,
    SignedTitle,
    SignedText,
    ResultFile,
    SignatureFile,
    KeyIdLabel,
    PublicKeyLabel,
    DraftArchived,
    ArchiveFailed,
    VerifyWith,
    WriteReports,
    ReportsWritten,
    ReportsFailed,
    BackToStart,
    // resume with a changed checklist
    ChangedTitle,
    ChangedKeep,
    DroppedHeading,
    NoneDropped,
    ChangedKeys,
    // quit
    ConfirmQuitTitle,
    ConfirmQuitText,
    ConfirmQuitKeys,
    // status
    SaveFailed,
    ResumeFailed,
    ChecklistChanged,
    AnswersDropped,
    MergeTitle,
    MergeConflictOf,
    MergeAllDecided,
    MergeSaveHint,
    MergeLastChanged,
    MergeChosen,
    NoneOpenLeft,
    KeyNotHere,
    NameMissing,
    EnterWhole,
    Copied,
    NoItemsYet,
    KeysIntro,
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
            S::AuditDate => (vocab::AUDIT_DATE.de, vocab::AUDIT_DATE.en),
            S::RequiredMark => ("Pflichtfeld", "required"),
            S::FieldRequired => ("Bitte ausfüllen", "Please fill in"),
            S::DetailsHelp => (
                "Felder mit * sind Pflichtfelder. Enter am letzten Feld beginnt die Prüfung.",
                "Fields marked * are required. Enter on the last field starts the audit.",
            ),
            S::Yes => (vocab::YES.de, vocab::YES.en),
            S::No => (vocab::NO.de, vocab::NO.en),
            S::Unknown => (vocab::UNKNOWN.de, vocab::UNKNOWN.en),
            S::NotApplicable => (vocab::NOT_APPLICABLE.de, vocab::NOT_APPLICABLE.en),
            S::Note => ("Notiz", "Note"),
            S::NoteEmpty => ("Tab: Notiz hinzufügen", "Tab: add a note"),
            S::ReasonTitle => (
                "Begründung der letzten Änderung: {0}",
                "Reason for the last change: {0}",
            ),
            S::ReasonNothing => (
                "Es gibt noch keine Änderung, die sich begründen ließe.",
                "There is no change yet to give a reason for.",
            ),
            S::ReasonSaved => (
                "Begründung im Änderungsverlauf gespeichert.",
                "Reason saved in the change history.",
            ),
            S::NoteEmptyMulti => (
                "Tab: Notiz hinzufügen · Enter ohne Auswahl: keine davon",
                "Tab: add a note · Enter with nothing ticked: none of these",
            ),
            S::OtherName => ("Bezeichnung", "Name"),
            S::NotRequired => ("optional", "optional"),
            S::EnterNumber => ("Bitte eine Zahl eingeben", "Please enter a number"),
            S::EnterDate => (
                "Bitte ein Datum als TT.MM.JJJJ oder JJJJ-MM-TT eingeben",
                "Please enter a date as YYYY-MM-DD or DD.MM.YYYY",
            ),
            S::Range => ("Bereich", "Range"),
            S::HelpTitle => ("Hilfe", "Help"),
            S::WhyItMatters => ("Warum das wichtig ist", "Why it matters"),
            S::LegalRefs => (vocab::REFS.de, vocab::REFS.en),
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
            S::OpenRequired => (vocab::OPEN_REQUIRED.de, vocab::OPEN_REQUIRED.en),
            S::NoneOpen => (
                "Alle Pflichtfragen sind beantwortet.",
                "All required questions are answered.",
            ),
            S::Findings => (vocab::FINDINGS.de, vocab::FINDINGS.en),
            S::NoFindings => (vocab::NO_FINDINGS.de, vocab::NO_FINDINGS.en),
            S::Measure => (vocab::MEASURE.de, vocab::MEASURE.en),
            S::DpiaTitle => (vocab::DPIA_SCREENING.de, vocab::DPIA_SCREENING.en),
            S::SignOff => (vocab::SIGN_OFF.de, vocab::SIGN_OFF.en),
            S::MetaMissing => (
                "Angaben zur Prüfung unvollständig (e)",
                "Audit details incomplete (e)",
            ),
            S::SignOffHelp => (
                "Der Name (*) ist Pflicht. Enter geht zum nächsten Feld; Enter in der Erklärung führt zur Bestätigung.",
                "The name (*) is required. Enter moves to the next field; Enter in the statement goes on to the confirmation.",
            ),
            S::SignerName => ("Name der abzeichnenden Person", "Name of the signer"),
            S::SignerRole => ("Funktion", "Role"),
            S::Statement => ("Erklärung", "Statement"),
            S::WarnTitle => ("Achtung", "Warning"),
            S::WarnAllowed => (
                "Sie können trotzdem abzeichnen; das Ergebnis hält diesen Stand fest.",
                "You can sign anyway; the result records this state.",
            ),
            S::NoKeyYet => (
                "Noch kein Signaturschlüssel: Nach der Bestätigung legen Sie einen an.",
                "No signing key yet: you create one after confirming.",
            ),
            S::KeyLooking => (
                "Signaturschlüssel wird gesucht …",
                "Looking for the signing key …",
            ),
            S::ConfirmSignTitle => ("Jetzt abzeichnen?", "Sign off now?"),
            S::ConfirmSignText => (
                "Die Ergebnisdatei wird einmal geschrieben und signiert und kann danach nicht mehr geändert werden. Der Entwurf wird archiviert.",
                "The result file is written once and signed; it cannot be changed afterwards. The draft is then archived.",
            ),
            S::ConfirmSignKeys => (
                "j/Enter: abzeichnen   n/Esc: zurück",
                "y/Enter: sign   n/Esc: back",
            ),
            S::NewKeyTitle => ("Signaturschlüssel anlegen", "Create a signing key"),
            S::NewPassword => ("Neues Passwort", "New password"),
            S::RepeatPassword => ("Passwort wiederholen", "Repeat the password"),
            S::PasswordEmpty => ("Bitte ein Passwort eingeben", "Please enter a password"),
            S::PasswordsDiffer => (
                "Die Passwörter stimmen nicht überein; bitte beide neu eingeben",
                "The passwords do not match; enter both again",
            ),
            S::PasswordTitle => (
                "Passwort des Signaturschlüssels",
                "Password of the signing key",
            ),
            S::Password => ("Passwort", "Password"),
            S::PasswordHidden => (
                "Die Eingabe wird nicht angezeigt.",
                "What you type is not shown.",
            ),
            S::EnterSigns => ("Enter zeichnet ab.", "Enter signs off."),
            S::Signing => (
                "Wird signiert … (das Entschlüsseln des Schlüssels dauert einen Moment)",
                "Signing … (unlocking the key takes a moment)",
            ),
            S::CreatingKey => ("Schlüssel wird angelegt …", "Creating the key …"),
            S::WritingReports => ("Berichte werden geschrieben …", "Writing the reports …"),
            S::SignedTitle => ("Abgezeichnet", "Signed off"),
            S::SignedText => (
                "Das Ergebnis ist signiert und gespeichert.",
                "The result is signed and saved.",
            ),
            S::ResultFile => ("Ergebnis", "Result"),
            S::SignatureFile => ("Signatur", "Signature"),
            S::KeyIdLabel => ("Schlüssel-ID", "Key id"),
            S::PublicKeyLabel => ("Öffentlicher Schlüssel", "Public key"),
            S::DraftArchived => ("Entwurf archiviert", "Draft archived"),
            S::ArchiveFailed => ("Entwurf nicht archiviert", "Draft not archived"),
            S::VerifyWith => ("Prüfen mit", "Check it with"),
            S::WriteReports => (
                "Berichte (Markdown, HTML und PDF) daneben schreiben",
                "Write the Markdown, HTML and PDF reports next to it",
            ),
            S::ReportsWritten => ("Berichte geschrieben", "Reports written"),
            S::ReportsFailed => ("Berichte nicht geschrieben", "Reports not written"),
            S::BackToStart => ("Zurück zum Startbildschirm", "Back to the start screen"),
            S::ChangedTitle => ("Checkliste geändert", "Checklist changed"),
            S::ChangedKeep => (
                "Mit der neuen Version fortsetzen: Alle Antworten, die noch passen, bleiben erhalten.",
                "Continue with the new version: every answer that still fits is kept.",
            ),
            S::DroppedHeading => (
                "Diese Antworten passen nicht mehr und werden verworfen:",
                "These answers no longer fit and are dropped:",
            ),
            S::NoneDropped => (
                "Alle Antworten passen weiterhin.",
                "Every answer still fits.",
            ),
            S::ChangedKeys => (
                "j/Enter: mit der neuen Version fortsetzen\nn/Esc: zurück (der Entwurf bleibt unverändert)",
                "y/Enter: continue with the new version\nn/Esc: back (the draft stays as it is)",
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
            S::PlanHelp => (
                "Status mit Leertaste oder ←/→ wählen; Fälligkeit als TT.MM.JJJJ; ein akzeptiertes Risiko braucht eine Begründung. Enter im letzten Feld übernimmt.",
                "Choose the status with Space or ←/→; the due date as YYYY-MM-DD or DD.MM.YYYY; an accepted risk needs a justification. Enter in the last field takes it.",
            ),
            S::MergeTitle => ("Entwürfe zusammenführen", "Merging drafts"),
            S::MergeConflictOf => ("Konflikt {0} von {1}", "Conflict {0} of {1}"),
            S::MergeAllDecided => (
                "alle {0} Konflikte sind entschieden",
                "all {0} conflicts are decided",
            ),
            S::MergeSaveHint => (
                "Enter speichert das Ergebnis als neuen Entwurf; die zusammengeführten Entwürfe bleiben, wie sie sind. Esc geht zurück zum letzten Konflikt, q bricht ab, ohne etwas zu speichern.",
                "Enter saves the outcome as a new draft; the drafts merged are left as they are. Esc goes back to the last conflict, q cancels without saving anything.",
            ),
            S::MergeLastChanged => ("zuletzt geändert von {0}, {1}", "last changed by {0}, {1}"),
            S::MergeChosen => ("gewählt", "chosen"),
            S::NoneOpenLeft => ("Keine Frage ist mehr offen.", "No question is open."),
            S::KeyNotHere => (
                "Diese Antwort bietet die Frage nicht an.",
                "This question does not offer that answer.",
            ),
            S::NameMissing => ("Bitte einen Namen eingeben", "Please enter a name"),
            S::EnterWhole => (
                "Bitte eine ganze Zahl eingeben",
                "Please enter a whole number",
            ),
            S::Copied => (
                "Befehl kopiert (sofern das Terminal die Zwischenablage per OSC 52 erlaubt).",
                "Command copied (if the terminal allows the clipboard through OSC 52).",
            ),
            S::NoItemsYet => ("(noch keine)", "(none yet)"),
            S::KeysIntro => (
                "Die untere Zeile zeigt die wichtigsten Tasten, hier stehen alle. Die Ziffern wählen die n-te Antwort, n, u und x antworten „Nein“, „Unbekannt“ und „Nicht anwendbar“; j bewegt nach unten, „Ja“ ist die 1.",
                "The bottom line shows the most important keys; all of them are listed here. The digits choose the nth answer; y, n, u and x answer \"Yes\", \"No\", \"Unknown\" and \"Not applicable\".",
            ),
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
    s.word().get(lang)
}

pub fn criterion(lang: Lang, c: crate::checklist::DpiaCriterion) -> &'static str {
    c.word().get(lang)
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

/// The warning about open required questions.
pub fn warn_open(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::De, 1) => "1 Pflichtfrage ist noch offen.".to_string(),
        (Lang::De, n) => format!("{n} Pflichtfragen sind noch offen."),
        (Lang::En, 1) => "1 required question is still open.".to_string(),
        (Lang::En, n) => format!("{n} required questions are still open."),
    }
}

/// The warning about findings.
pub fn warn_findings(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::De, n) => format!("Die Prüfung hat {}.", vocab::findings_count(lang, n)),
        (Lang::En, n) => format!("The audit has {}.", vocab::findings_count(lang, n)),
    }
}

/// The key that will sign.
pub fn key_line(lang: Lang, id: &str, public: &str) -> String {
    match lang {
        Lang::De => format!("Signaturschlüssel {id} (öffentlich: {public})"),
        Lang::En => format!("Signing key {id} (public: {public})"),
    }
}

/// Why a new key is needed, and where it goes.
pub fn new_key_text(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::De => format!(
            "Es gibt noch keinen Signaturschlüssel. Legen Sie jetzt einen an: Das Passwort schützt den geheimen Schlüssel, ohne es kann niemand damit abzeichnen. Gespeichert in {dir}"
        ),
        Lang::En => format!(
            "There is no signing key yet. Create one now: the password protects the secret key, nobody can sign with it without the password. Stored in {dir}"
        ),
    }
}

/// The signature file, next to the result.
pub fn signature_beside(lang: Lang, name: &str) -> String {
    match lang {
        Lang::De => format!("{name} (daneben)"),
        Lang::En => format!("{name} (next to it)"),
    }
}

/// A key was created on the sign-off screen.
pub fn key_created(lang: Lang, id: &str, public: &str) -> String {
    match lang {
        Lang::De => format!(
            "Schlüssel {id} angelegt. Den öffentlichen Schlüssel {public} erhält, wer Ihre Ergebnisse prüfen soll."
        ),
        Lang::En => format!(
            "Key {id} created. Give the public key {public} to whoever checks your results."
        ),
    }
}

/// The sign-off item of the review with open required questions.
pub fn open_short(lang: Lang, n: usize) -> String {
    match lang {
        Lang::De => format!("{n} Pflichtfragen offen"),
        Lang::En => format!("{n} required questions open"),
    }
}

/// The checklist of a resumed draft changed.
pub fn changed_text(lang: Lang, id: &str, old: &str, new: &str) -> String {
    match lang {
        Lang::De => format!(
            "Die Checkliste {id} hat sich geändert, seit dieser Entwurf begonnen wurde (Version {old}, jetzt {new})."
        ),
        Lang::En => format!(
            "The checklist {id} changed since this draft was started (version {old}, now {new})."
        ),
    }
}

pub fn and_more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::De => format!("… und {n} weitere"),
        Lang::En => format!("… and {n} more"),
    }
}

/// After a panic: where the answers are.
pub fn panic_note(lang: Lang, draft: &str) -> String {
    match lang {
        Lang::De => format!(
            "msgaudit ist abgestürzt. Alle bestätigten Antworten sind im Entwurf {draft} gespeichert; starten Sie msgaudit erneut, um fortzusetzen."
        ),
        Lang::En => format!(
            "msgaudit crashed. Every confirmed answer is saved in the draft {draft}; start msgaudit again to resume."
        ),
    }
}

/// A number as the auditor would write it (no trailing ".0"): the rule every front end shares.
pub fn num(n: f64) -> String {
    crate::audit::input::number(n)
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
