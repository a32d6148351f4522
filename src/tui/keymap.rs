//! The keymap as data: one table from key chords to actions per context. `update` looks keys up here,
//! the hint bar and the help overlay are drawn from the same table, so they cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::strings::S;
use crate::lang::Lang;

pub use super::bindings::BINDINGS;
use super::bindings::DIGITS;

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
    pub label: S,
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
    Action::NextField,
    Action::Note,
    Action::Outline,
    Action::Review,
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
    fn applies(&self, ctx: Ctx, lang: Lang) -> bool {
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

/// The action of `key` in the active contexts (most specific first), if any.
pub fn lookup(contexts: &[Ctx], lang: Lang, key: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .filter(|b| b.applies(*ctx, lang))
            .find(|b| b.keys.iter().any(|ch| ch.matches(key)))
            .map(|b| b.action)
    })
}

/// The bindings active in `contexts`, without those shadowed by a more specific context.
pub fn active(contexts: &[Ctx], lang: Lang) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for ctx in contexts {
        for bnd in BINDINGS.iter().filter(|b| b.applies(*ctx, lang)) {
            let shadowed = out
                .iter()
                .any(|o| o.action == bnd.action || o.keys.iter().any(|k| bnd.keys.contains(k)));
            if !shadowed {
                out.push(bnd);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::bindings::{alt, c, ctrl};
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn specific_context_wins_and_shift_is_ignored_for_letters() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Ctx::Input, Ctx::Global], Lang::De, &q), None);
        assert_eq!(
            lookup(&[Ctx::Choices, Ctx::Commands, Ctx::Global], Lang::De, &q),
            Some(Action::Quit)
        );
        let big_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Ctx::List], Lang::En, &big_g), Some(Action::Bottom));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&[Ctx::Input, Ctx::Global], Lang::En, &ctrl_c),
            Some(Action::Quit)
        );
        // Plain 'c' is typing, not quitting.
        let plain_c = key(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Ctx::Input, Ctx::Global], Lang::En, &plain_c), None);
    }

    #[test]
    fn no_chord_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for bnd in &BINDINGS[i + 1..] {
                let same_lang = a.lang.is_none() || bnd.lang.is_none() || a.lang == bnd.lang;
                if a.ctx == bnd.ctx && same_lang {
                    for ch in a.keys {
                        assert!(
                            !bnd.keys.contains(ch),
                            "{:?} bound twice in {:?}",
                            ch,
                            a.ctx
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn answer_keys_follow_the_language_and_leave_navigation_alone() {
        let ctx = [Ctx::Choices, Ctx::Commands, Ctx::Global];
        let ch = |c: char| key(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(lookup(&ctx, Lang::En, &ch('y')), Some(Action::AnswerYes));
        assert_eq!(lookup(&ctx, Lang::De, &ch('y')), None);
        // German "j" (ja) would clash with moving down: it stays navigation.
        assert_eq!(lookup(&ctx, Lang::De, &ch('j')), Some(Action::Down));
        assert_eq!(lookup(&ctx, Lang::En, &ch('j')), Some(Action::Down));
        for lang in [Lang::De, Lang::En] {
            assert_eq!(lookup(&ctx, lang, &ch('n')), Some(Action::AnswerNo));
            assert_eq!(lookup(&ctx, lang, &ch('u')), Some(Action::AnswerUnknown));
            assert_eq!(lookup(&ctx, lang, &ch('x')), Some(Action::AnswerNa));
            assert_eq!(lookup(&ctx, lang, &ch('7')), Some(Action::Choose));
            // While typing, digits and letters are text.
            assert_eq!(lookup(&[Ctx::Input, Ctx::Global], lang, &ch('7')), None);
            assert_eq!(lookup(&[Ctx::Input, Ctx::Global], lang, &ch('n')), None);
        }
        let digits = BINDINGS
            .iter()
            .find(|b| b.action == Action::Choose)
            .map(|b| b.keys_label(Lang::De));
        assert_eq!(digits.as_deref(), Some("1–9"));
    }

    #[test]
    fn every_hinted_action_has_a_bar_rank_and_help_comes_first() {
        assert_eq!(bar_rank(Action::Help), 0);
        for b in BINDINGS.iter().filter(|b| b.bar.is_some()) {
            assert!(
                bar_rank(b.action) < BAR_PRIORITY.len(),
                "{:?} is hinted but has no rank",
                b.action
            );
        }
    }

    #[test]
    fn labels() {
        assert_eq!(ctrl('c').label(Lang::En), "Ctrl+C");
        assert_eq!(c(' ').label(Lang::De), "Leertaste");
        assert_eq!(alt(KeyCode::Enter).label(Lang::En), "Alt+Enter");
    }
}
