//! Every text plain mode prints, in German and English, in one table. Placeholders `{0}`, `{1}`, … are
//! filled by [`fill`]; the values put in are sanitised by the caller's output sink.

use crate::i18n::{evidence, vocab};
use crate::lang::Lang;

macro_rules! strings {
    ($($name:ident => ($de:expr, $en:expr $(,)?)),* $(,)?) => {
        /// A UI text; [`S::get`] gives it in a language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S {
            $($name),*
        }

        impl S {
            /// Every text, for tests over the whole table.
            pub const ALL: &'static [S] = &[$(S::$name),*];

            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$name, Lang::De) => $de, (S::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

strings! {
            Title => (
                "msgaudit – Prüfung im Klartextmodus",
                "msgaudit – audit in plain mode",
            ),
            StartMenu => (
                "1) Neue Prüfung beginnen  2) Entwurf fortsetzen  3) Abgezeichnete Ergebnisse",
                "1) Start a new audit  2) Resume a draft  3) Signed results",
            ),
            Choice => ("Auswahl", "Choice"),
            Checklists => (
                "Checklisten (Nummer oder Kennung eingeben):",
                "Checklists (enter the number or the id):",
            ),
            ChecklistBroken => (
                "  -) {0}: fehlerhaft, nicht wählbar: {1}",
                "  -) {0}: broken, cannot be chosen: {1}",
            ),
            NoChecklists => (
                "Es gibt keine nutzbare Checkliste; prüfen Sie die Dateien mit `msgaudit check`.",
                "There is no usable checklist; check the files with `msgaudit check`.",
            ),
            Drafts => (
                "Entwürfe (Nummer oder Prüfungskennung eingeben):",
                "Drafts (enter the number or the audit id):",
            ),
            NoDrafts => (
                "Es gibt keinen Entwurf, der fortgesetzt werden kann.",
                "There is no draft that can be resumed.",
            ),
            DraftLine => (
                "{0} / {1} – {2} {3}, {4} von {5} Pflichtfragen beantwortet, zuletzt geändert {6} (Kennung {7})",
                "{0} / {1} – {2} {3}, {4} of {5} required questions answered, last changed {6} (id {7})",
            ),
            DraftDamaged => (
                "  -) {0}: beschädigt, nicht wählbar: {1}",
                "  -) {0}: damaged, cannot be chosen: {1}",
            ),
            NotSelectable => (
                "„{0}“ kann nicht gewählt werden: {1}",
                "\"{0}\" cannot be chosen: {1}",
            ),
            NotANumberOf => (
                "„{0}“ ist keine der angebotenen Nummern ({1})",
                "\"{0}\" is not one of the numbers offered ({1})",
            ),
            Organisation => ("Organisation", "Organisation"),
            Unit => (
                "Bereich oder Umfang der Prüfung (Abteilung, Standort, Prozess)",
                "Unit or scope of the audit (department, site, process)",
            ),
            Interviewees => (
                "Gesprächspartner, Namen und Rollen",
                "Interview partners, names and roles",
            ),
            Auditor => ("Prüfer/in", "Auditor"),
            AuditDateDefault => ("leere Eingabe: {0}", "empty line: {0}"),
            Optional => ("optional", "optional"),
            RequiredEmpty => (
                "Diese Angabe ist nötig; bitte Text eingeben.",
                "This is required; please enter some text.",
            ),
            DraftStarted => (
                "Prüfung {0} begonnen; jede Antwort wird sofort im Entwurf gespeichert: {1}",
                "Audit {0} started; every answer is saved at once in the draft: {1}",
            ),
            Resumed => (
                "Entwurf {0} fortgesetzt: {1} von {2} Pflichtfragen beantwortet.",
                "Draft {0} resumed: {1} of {2} required questions answered.",
            ),
            ChecklistChanged => (
                "Hinweis: Die Checkliste wurde seit Beginn der Prüfung geändert.",
                "Note: the checklist has changed since the audit was started.",
            ),
            AnswerDropped => (
                "Hinweis: Antwort {0} passt nicht mehr und wurde verworfen: {1}",
                "Note: answer {0} no longer fits and was dropped: {1}",
            ),
            ChecklistMissing => (
                "die Checkliste {0} {1} ist nicht mehr vorhanden",
                "the checklist {0} {1} is no longer available",
            ),
            SectionHeader => ("Abschnitt {0}/{1}: {2}", "Section {0}/{1}: {2}"),
            QuestionHeader => (
                "Frage {0}/{1} · Abschnitt {2}/{3}: {4}",
                "Question {0}/{1} · section {2}/{3}: {4}",
            ),
            Yes => (vocab::YES.de, vocab::YES.en),
            No => (vocab::NO.de, vocab::NO.en),
            Unknown => (vocab::UNKNOWN.de, vocab::UNKNOWN.en),
            NotApplicable => (vocab::NOT_APPLICABLE.de, vocab::NOT_APPLICABLE.en),
            HintChoice => ("Eine Nummer eingeben.", "Enter one number."),
            HintMulti => (
                "Nummern durch Komma getrennt eingeben, 0 für keine.",
                "Enter numbers separated by commas, 0 for none.",
            ),
            HintText => ("Text eingeben (eine Zeile).", "Enter text (one line)."),
            HintNumber => ("Eine Zahl eingeben", "Enter a number"),
            HintMin => ("mindestens {0}", "at least {0}"),
            HintMax => ("höchstens {0}", "at most {0}"),
            HintDate => (
                "Ein Datum als TT.MM.JJJJ oder JJJJ-MM-TT eingeben.",
                "Enter a date as YYYY-MM-DD or DD.MM.YYYY.",
            ),
            Commands => (
                "Befehle: ? Hilfe, b zurück, n Notiz, e Beleg anhängen, r Begründung der letzten Änderung, s speichern und beenden",
                "Commands: ? help, b back, n note, e attach evidence, r reason for the last change, s save and quit",
            ),
            EvidenceList => (evidence::LIST.de, evidence::LIST.en),
            EvidenceNone => (evidence::NONE.de, evidence::NONE.en),
            EvidenceCount => ("Belege: {0} (e zeigt sie)", "Evidence: {0} (e lists them)"),
            EvidencePath => (
                "Datei anhängen (Pfad; -N entfernt Beleg N; leere Eingabe: zurück)",
                "Attach a file (path; -N removes evidence N; an empty line: back)",
            ),
            EvidenceCaption => (evidence::CAPTION.de, evidence::CAPTION.en),
            EvidenceAttached => (evidence::ATTACHED.de, evidence::ATTACHED.en),
            EvidenceRemoved => (evidence::REMOVED.de, evidence::REMOVED.en),
            EvidenceFailed => (evidence::FAILED.de, evidence::FAILED.en),
            EvidenceNoQuestion => (
                "--evidence {0}: diese Prüfung hat keine Frage {0}",
                "--evidence {0}: this audit has no question {0}",
            ),
            CurrentAnswer => (
                "Bisherige Antwort: {0} (leere Eingabe behält sie)",
                "Current answer: {0} (an empty line keeps it)",
            ),
            CurrentNote => ("Notiz: {0}", "Note: {0}"),
            SkipOptional => (
                "Optional: eine leere Eingabe überspringt die Frage.",
                "Optional: an empty line skips the question.",
            ),
            NotANumber => ("„{0}“ ist keine Zahl", "\"{0}\" is not a number"),
            NotWhole => (
                "„{0}“ ist keine ganze Zahl; hier wird gezählt",
                "\"{0}\" is not a whole number; this question counts",
            ),
            NotADate => (
                "„{0}“ ist kein Datum der Form TT.MM.JJJJ oder JJJJ-MM-TT",
                "\"{0}\" is not a date written as YYYY-MM-DD or DD.MM.YYYY",
            ),
            OptionOutOfRange => (
                "{0} ist keine der Nummern 1 bis {1}",
                "{0} is not one of the numbers 1 to {1}",
            ),
            NotAnOption => (
                "„{0}“ ist keine Nummer; bitte eine der Nummern 1 bis {1} eingeben",
                "\"{0}\" is not a number; enter one of the numbers 1 to {1}",
            ),
            StateAlone => (
                "„{0}“ kann nicht mit anderen Nummern kombiniert werden",
                "\"{0}\" cannot be combined with other numbers",
            ),
            UnknownCommand => (
                "unbekannter Befehl „{0}“; Befehle sind ? b n s",
                "unknown command \"{0}\"; the commands are ? b n s",
            ),
            BelowMin => (
                "{0} ist kleiner als das Minimum {1}",
                "{0} is below the minimum {1}",
            ),
            AboveMax => (
                "{0} ist größer als das Maximum {1}",
                "{0} is above the maximum {1}",
            ),
            NotAllowed => (
                "diese Antwort ist hier nicht möglich: {0}",
                "this answer is not possible here: {0}",
            ),
            OtherName => ("Bezeichnung für „{0}“", "Name for \"{0}\""),
            NotePrompt => (
                "Notiz (Beobachtung, Nachweis; leere Eingabe löscht die Notiz)",
                "Note (observation, evidence; an empty line removes the note)",
            ),
            NoteSaved => ("Notiz gespeichert.", "Note saved."),
            NoteCleared => ("Notiz gelöscht.", "Note removed."),
            ReasonPrompt => (
                "Begründung der letzten Änderung ({0}); leere Eingabe: keine",
                "Reason for the last change ({0}); an empty line: none",
            ),
            ReasonSaved => (
                "Begründung im Änderungsverlauf gespeichert.",
                "Reason saved in the change history.",
            ),
            ReasonNone => ("Keine Begründung gespeichert.", "No reason saved."),
            ReasonNothing => (
                "Es gibt noch keine Änderung, die sich begründen ließe.",
                "There is no change yet to give a reason for.",
            ),
            Help => ("Hilfe: {0}", "Help: {0}"),
            NoHelp => (
                "Zu dieser Frage gibt es keinen Hilfetext.",
                "There is no help text for this question.",
            ),
            Refs => ("Fundstellen: {0}", "References: {0}"),
            Knowledge => ("Wissen zu {0} (Stand {1}):", "About {0} (as of {1}):"),
            Sources => ("Quellen: {0}", "Sources: {0}"),
            AtFirst => (
                "Das ist bereits die erste Frage.",
                "This is already the first question.",
            ),
            Saved => (
                "Entwurf gespeichert: {0}\nFortsetzen mit: msgaudit --plain, dann 2 (Entwurf fortsetzen)",
                "Draft saved: {0}\nResume with: msgaudit --plain, then 2 (resume a draft)",
            ),
            EndOfInput => (
                "Ende der Eingabe. Entwurf gespeichert: {0}",
                "End of input. Draft saved: {0}",
            ),
            EndOfInputNothing => (
                "Ende der Eingabe; es wurde nichts gespeichert.",
                "End of input; nothing was saved.",
            ),
            Review => ("Übersicht", "Review"),
            Progress => (
                "Beantwortet: {0} von {1} Pflichtfragen ({2} Fragen sichtbar)",
                "Answered: {0} of {1} required questions ({2} questions visible)",
            ),
            OpenRequired => ("Offene Pflichtfragen ({0}):", "Open required questions ({0}):"),
            NoneOpen => (
                "Alle Pflichtfragen sind beantwortet.",
                "Every required question is answered.",
            ),
            Findings => ("Befunde ({0}):", "Findings ({0}):"),
            NoFindings => (vocab::NO_FINDINGS.de, vocab::NO_FINDINGS.en),
            Measure => ("Maßnahme: {0}", "Measure: {0}"),
            Dpia => ("DSFA-Vorprüfung: {0}", "DPIA screening: {0}"),
            DpiaCriteria => ("Erfüllte Kriterien: {0}", "Criteria met: {0}"),
            ReviewMenu => (
                "1) Abzeichnen  2) Zurück zu den Fragen  3) Speichern und beenden  4) Maßnahmenplan bearbeiten",
                "1) Sign off  2) Back to the questions  3) Save and quit  4) Edit the action plan",
            ),
            PlanMeasures => (
                "Maßnahmenplan (Nummer der Maßnahme eingeben, leere Eingabe: zurück zur Übersicht):",
                "Action plan (enter the number of a measure, an empty line: back to the review):",
            ),
            PlanNoMeasures => (
                "Das Audit hat keine Maßnahmen; der Maßnahmenplan ist leer.",
                "The audit has no measures; the action plan is empty.",
            ),
            PlanMeasure => ("Maßnahme", "Measure"),
            PlanStatusMenu => (
                "1) offen  2) in Bearbeitung  3) erledigt  4) Risiko akzeptiert",
                "1) open  2) in progress  3) done  4) accepted risk",
            ),
            PlanKeep => ("leer: „{0}“ behalten", "empty: keep “{0}”"),
            PlanKeepClear => (
                "leer: „{0}“ behalten, -: keine Angabe",
                "empty: keep “{0}”, -: none",
            ),
            PlanSaved => ("Gespeichert: {0} – {1}", "Saved: {0} – {1}"),
            SignOff => (vocab::SIGN_OFF.de, vocab::SIGN_OFF.en),
            NoKey => (
                "Es gibt noch keinen Signaturschlüssel (in {0}).",
                "There is no signing key yet (in {0}).",
            ),
            KeyMenu => (
                "1) Schlüsselpaar jetzt erstellen  2) Speichern und beenden",
                "1) Create the key pair now  2) Save and quit",
            ),
            NewPassword => (
                "Neues Passwort für den Signaturschlüssel",
                "New password for the signing key",
            ),
            RepeatPassword => ("Passwort wiederholen", "Repeat the password"),
            PasswordsDiffer => (
                "Die beiden Passwörter sind verschieden.",
                "The two passwords differ.",
            ),
            EmptyPassword => (
                "Das Passwort darf nicht leer sein.",
                "The password must not be empty.",
            ),
            KeyCreated => (
                "Schlüsselpaar erstellt (Kennung {0}).\nGeheimer Schlüssel: {1}\nÖffentlicher Schlüssel (für alle, die prüfen): {2}",
                "Key pair created (key id {0}).\nSecret key: {1}\nPublic key (give it to whoever verifies): {2}",
            ),
            NoKeyNoSignOff => (
                "Ohne Schlüssel kann nicht abgezeichnet werden.",
                "Without a key the audit cannot be signed off.",
            ),
            SignerName => ("Name der abzeichnenden Person", "Name of the person signing off"),
            SignerRole => ("Rolle (z. B. Datenschutzbeauftragte/r)", "Role (e.g. data protection officer)"),
            Statement => ("Erklärung: {0}", "Statement: {0}"),
            StatementKeep => (
                "Erklärung (leere Eingabe übernimmt die obige)",
                "Statement (an empty line takes the one above)",
            ),
            WarnOpen => ("Achtung: offen sind noch {0}.", "Warning: still open: {0}."),
            WarnFindings => ("Achtung: {0}.", "Warning: {0}."),
            ConfirmMenu => (
                "Jetzt endgültig abzeichnen? 1) Ja  2) Nein, zurück zur Übersicht",
                "Sign off now, for good? 1) Yes  2) No, back to the review",
            ),
            KeyPassword => (
                "Passwort des Signaturschlüssels",
                "Password of the signing key",
            ),
            SignFailed => ("Abzeichnen fehlgeschlagen: {0}", "Sign-off failed: {0}"),
            ResultWritten => ("Ergebnis: {0}", "Result: {0}"),
            SignatureWritten => ("Signatur: {0}", "Signature: {0}"),
            KeyId => ("Schlüsselkennung: {0}", "Key id: {0}"),
            VerifyHint => ("Prüfen mit: msgaudit verify {0}", "Verify with: msgaudit verify {0}"),
            DraftArchived => ("Entwurf archiviert: {0}", "Draft archived: {0}"),
            InputLine => ("Eingabezeile {0}: {1}", "input line {0}: {1}"),
            Answer => ("Antwort", "Answer"),
}

/// Placeholders `{0}`, `{1}`, … are filled by the one i18n mechanism.
pub use crate::i18n::fill;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_numbered_placeholders_only() {
        assert_eq!(fill("{1} and {0}", &["a", "b"]), "b and a");
        assert_eq!(fill("{x} {0} {5}", &["a"]), "{x} a {5}");
    }

    #[test]
    fn placeholders_agree_between_languages() {
        // Every placeholder a text uses in one language it uses in the other.
        for &s in S::ALL {
            for i in 0..8 {
                let p = format!("{{{i}}}");
                assert_eq!(
                    s.get(Lang::De).contains(&p),
                    s.get(Lang::En).contains(&p),
                    "{s:?} {p}"
                );
            }
        }
    }
}
