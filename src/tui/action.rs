//! The keymap's vocabulary: actions, contexts, key chords and bindings (the table itself is in `bindings`,
//! looking keys up in `keymap`). A leaf, so that the table and the lookup can both name these types.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::key_labels::KeyLabel;
use crate::lang::Lang;

/// What a key means, independent of which key it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Toggle,
    Confirm,
    Back,
    Note,
    /// Give the last change of an answer a reason (change history).
    Reason,
    Help,
    Outline,
    Review,
    Details,
    Quit,
    NextField,
    PrevField,
    NewLine,
    Yes,
    No,
    /// A digit 1–9: choose the nth answer row (and confirm it, unless the question takes several).
    Choose,
    /// Answer letters: yes / no / unknown / not applicable, and confirm.
    AnswerYes,
    AnswerNo,
    AnswerUnknown,
    AnswerNa,
    /// The next question without a response after the current one (wrapping around).
    NextOpen,
    /// Delete from the cursor to the start of the line, as readline's Ctrl-U does.
    ClearLine,
    /// Copy the verify command to the terminal's clipboard (OSC 52).
    Copy,
    /// Start an amendment of the opened result (the results screen).
    Amend,
    /// Open the evidence files of the current question.
    Evidence,
    /// Complete the typed path (the evidence form's path field).
    Complete,
    /// Remove the selected evidence file.
    Remove,
}

/// Where a binding applies. `App::contexts` lists the active ones, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    /// Everywhere, even while typing.
    Global,
    /// Screens without a focused text field (single letters are free for commands).
    Commands,
    /// Moving in a list and choosing (start, checklist picker, review, outline).
    List,
    /// The question screen with the answer choices focused.
    Choices,
    /// The question screen while typing an answer (text, number, date, name of an `other` option).
    Input,
    /// The note field.
    Note,
    /// The audit details form.
    Details,
    /// The status row of the action-plan form (besides the form's keys).
    PlanStatus,
    /// The evidence form of a question.
    Evidence,
    /// The evidence form's path field (besides the form's keys).
    EvidencePath,
    /// The review screen (besides its list keys).
    Review,
    /// The help overlay.
    Help,
    /// The outline (panel or overlay) while it has the focus.
    Outline,
    /// A yes/no question: quitting, signing off, continuing with a changed checklist.
    Confirm,
    /// The sign-off form: signer's name, role, statement.
    SignForm,
    /// A masked password field.
    Secret,
    /// Two masked fields (a new password and its repetition).
    SecretPair,
    /// The final screen of the sign-off (besides its list keys).
    Done,
    /// A result opened on the results screen (besides its list keys).
    Result,
    /// One single-line text field on its own (the amendment's reason).
    Field,
    /// The review of a merge's conflicts (`msgaudit merge`): one conflict, its values to choose from.
    Merge,
    /// The end of that review: every conflict decided, the merged draft to save.
    MergeDone,
}

/// A key with modifiers. Shift is ignored for characters and Shift+Tab (the character already says it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    pub fn matches(&self, e: &KeyEvent) -> bool {
        let strip = |m: KeyModifiers| m.difference(KeyModifiers::SHIFT);
        let code_eq = match (self.code, e.code) {
            // Terminals disagree on whether an upper-case letter carries Shift; compare the letter.
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
            (a, b) => a == b,
        };
        code_eq && strip(self.mods) == strip(e.modifiers)
    }

    pub fn label(&self, lang: Lang) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift+Tab".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => match lang {
                Lang::De => "Leertaste".to_string(),
                Lang::En => "Space".to_string(),
            },
            KeyCode::Char(ch) => ch.to_string(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl+{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt+{base}")
        } else {
            base
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [Chord],
    pub action: Action,
    pub label: KeyLabel,
    /// Shown in the one-line hint bar, with this key text (None: only in the help overlay).
    pub bar: Option<&'static str>,
    /// Only in this language (answer letters: "j" is not "yes" in English); None: in every language.
    pub lang: Option<Lang>,
}

/// The hint bar's order and what it keeps when not every hint fits: the help key first (always shown, at
/// the end of the bar: the help overlay lists the rest), then the others in this order.
pub const BAR_PRIORITY: &[Action] = &[
    Action::Help,
    Action::Yes,
    Action::No,
    Action::Up,
    Action::Choose,
    Action::Confirm,
    Action::Back,
    Action::NextOpen,
    Action::Toggle,
    Action::Copy,
    Action::Amend,
    Action::NextField,
    Action::Complete,
    Action::Remove,
    Action::Note,
    Action::Outline,
    Action::Review,
    Action::Evidence,
    Action::NewLine,
    Action::Quit,
];

/// The rank of `action` in the hint bar (lower is shown first).
pub fn bar_rank(action: Action) -> usize {
    BAR_PRIORITY
        .iter()
        .position(|a| *a == action)
        .unwrap_or(BAR_PRIORITY.len())
}

impl Binding {
    pub(super) fn applies(&self, ctx: Ctx, lang: Lang) -> bool {
        self.ctx == ctx && self.lang.is_none_or(|l| l == lang)
    }

    /// The keys as the help overlay lists them; a run of digits is written "1–9".
    pub fn keys_label(&self, lang: Lang) -> String {
        if self.keys == DIGITS {
            return "1–9".to_string();
        }
        let keys: Vec<String> = self.keys.iter().map(|k| k.label(lang)).collect();
        keys.join(" / ")
    }
}

pub const DIGITS: &[Chord] = &[
    c('1'),
    c('2'),
    c('3'),
    c('4'),
    c('5'),
    c('6'),
    c('7'),
    c('8'),
    c('9'),
];

// Chord constructors, short because the binding table is written with them.
pub const fn k(code: KeyCode) -> Chord {
    Chord {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub const fn c(ch: char) -> Chord {
    k(KeyCode::Char(ch))
}

pub const fn ctrl(ch: char) -> Chord {
    Chord {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

pub const fn alt(code: KeyCode) -> Chord {
    Chord {
        code,
        mods: KeyModifiers::ALT,
    }
}
