//! What a key does, as the hint bar and the help overlay name it (German and English): the labels of
//! the keymap's bindings (`bindings`). The other UI texts are in `strings`.

use crate::i18n::vocab;
use crate::lang::Lang;

/// The label of a binding. `KeyLabel::get(lang)` gives its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyLabel {
    Status,
    Move,
    Select,
    Toggle,
    Confirm,
    Back,
    Note,
    Reason,
    Help,
    Outline,
    Review,
    Details,
    Quit,
    NextField,
    PrevField,
    NewLine,
    Close,
    Jump,
    Scroll,
    Yes,
    No,
    Top,
    Bottom,
    Choose,
    NextOpen,
    ClearLine,
    Copy,
    Amend,
    Evidence,
    Complete,
    Remove,
    TakeValue,
    PrevConflict,
    SaveMerged,
    CancelMerge,
    /// The answer letters name the answer they give.
    AnswerYes,
    AnswerNo,
    AnswerUnknown,
    AnswerNa,
}

impl KeyLabel {
    pub fn get(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            KeyLabel::Status => ("Status ändern", "change status"),
            KeyLabel::Move => ("bewegen", "move"),
            KeyLabel::Select => ("auswählen", "select"),
            KeyLabel::Toggle => ("auswählen/umschalten", "select/toggle"),
            KeyLabel::Confirm => ("bestätigen, weiter", "confirm, next"),
            KeyLabel::Back => ("zurück", "back"),
            KeyLabel::Note => ("Notiz", "note"),
            KeyLabel::Reason => (
                "Begründung der letzten Änderung (Änderungsverlauf)",
                "reason for the last change (change history)",
            ),
            KeyLabel::Help => ("Hilfe", "help"),
            KeyLabel::Outline => ("Übersicht", "outline"),
            KeyLabel::Review => ("Ergebnis", "review"),
            KeyLabel::Details => ("Angaben", "details"),
            KeyLabel::Quit => ("beenden", "quit"),
            KeyLabel::NextField => ("nächstes Feld", "next field"),
            KeyLabel::PrevField => ("voriges Feld", "previous field"),
            KeyLabel::NewLine => ("neue Zeile", "new line"),
            KeyLabel::Close => ("schließen", "close"),
            KeyLabel::Jump => ("springen", "jump"),
            KeyLabel::Scroll => ("blättern", "scroll"),
            KeyLabel::Yes => ("ja", "yes"),
            KeyLabel::No => ("nein", "no"),
            KeyLabel::Top => ("Anfang", "top"),
            KeyLabel::Bottom => ("Ende", "end"),
            KeyLabel::Choose => ("Antwort wählen", "choose answer"),
            KeyLabel::NextOpen => ("nächste offene Frage", "next open question"),
            KeyLabel::ClearLine => ("Zeile löschen", "clear line"),
            KeyLabel::Copy => ("Befehl kopieren", "copy command"),
            KeyLabel::Amend => ("Ergebnis ändern", "amend result"),
            KeyLabel::Evidence => ("Belege", "evidence"),
            KeyLabel::Complete => ("Pfad ergänzen", "complete path"),
            KeyLabel::Remove => ("Beleg entfernen", "remove evidence"),
            KeyLabel::TakeValue => ("diesen Wert übernehmen", "take this value"),
            KeyLabel::PrevConflict => ("voriger Konflikt", "previous conflict"),
            KeyLabel::SaveMerged => ("Entwurf speichern", "save the draft"),
            KeyLabel::CancelMerge => ("abbrechen", "cancel"),
            KeyLabel::AnswerYes => (vocab::YES.de, vocab::YES.en),
            KeyLabel::AnswerNo => (vocab::NO.de, vocab::NO.en),
            KeyLabel::AnswerUnknown => (vocab::UNKNOWN.de, vocab::UNKNOWN.en),
            KeyLabel::AnswerNa => (vocab::NOT_APPLICABLE.de, vocab::NOT_APPLICABLE.en),
        };
        match lang {
            Lang::De => de,
            Lang::En => en,
        }
    }
}
