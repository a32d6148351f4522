//! The keymap's table: every binding, per context, with the key text of the hint bar. `keymap` looks keys
//! up in it; the hint bar and the help overlay are drawn from it.

use ratatui::crossterm::event::KeyCode;

use super::action::{Action, Binding, Chord, Ctx, DIGITS};
pub(super) use super::action::{alt, c, ctrl, k};
use super::strings::S;
use crate::lang::Lang;

pub(super) const fn b(
    ctx: Ctx,
    keys: &'static [Chord],
    action: Action,
    label: S,
    bar: Option<&'static str>,
) -> Binding {
    Binding {
        ctx,
        keys,
        action,
        label,
        bar,
        lang: None,
    }
}

/// A binding of one language only.
pub(super) const fn bl(
    lang: Lang,
    ctx: Ctx,
    keys: &'static [Chord],
    action: Action,
    label: S,
) -> Binding {
    Binding {
        ctx,
        keys,
        action,
        label,
        bar: None,
        lang: Some(lang),
    }
}

use Action as A;
use Ctx as X;
use KeyCode as K;

/// The keymap. Lookup takes the first match in the active contexts, most specific context first.
pub const BINDINGS: &[Binding] = &[
    // Quit confirmation.
    b(
        X::Confirm,
        &[c('y'), c('j'), k(K::Enter)],
        A::Yes,
        S::KYes,
        Some("y/Enter"),
    ),
    b(
        X::Confirm,
        &[c('n'), k(K::Esc)],
        A::No,
        S::KNo,
        Some("n/Esc"),
    ),
    // Help overlay.
    b(X::Help, &[k(K::Up), c('k')], A::Up, S::KScroll, Some("↑↓")),
    b(X::Help, &[k(K::Down), c('j')], A::Down, S::KScroll, None),
    b(X::Help, &[k(K::PageUp)], A::PageUp, S::KScroll, None),
    b(
        X::Help,
        &[k(K::PageDown), c(' ')],
        A::PageDown,
        S::KScroll,
        None,
    ),
    b(
        X::Help,
        &[k(K::Esc), c('?'), k(K::F(1)), c('q')],
        A::Back,
        S::KClose,
        Some("Esc"),
    ),
    // Outline with the focus.
    b(X::Outline, &[k(K::Up), c('k')], A::Up, S::KMove, Some("↑↓")),
    b(X::Outline, &[k(K::Down), c('j')], A::Down, S::KMove, None),
    b(X::Outline, &[k(K::PageUp)], A::PageUp, S::KMove, None),
    b(X::Outline, &[k(K::PageDown)], A::PageDown, S::KMove, None),
    b(X::Outline, &[k(K::Home), c('g')], A::Top, S::KTop, None),
    b(
        X::Outline,
        &[k(K::End), c('G')],
        A::Bottom,
        S::KBottom,
        None,
    ),
    b(
        X::Outline,
        &[k(K::Enter), c(' ')],
        A::Confirm,
        S::KJump,
        Some("Enter"),
    ),
    b(
        X::Outline,
        &[k(K::Esc), k(K::Left), c('o'), ctrl('o')],
        A::Back,
        S::KClose,
        Some("Esc"),
    ),
    b(
        X::Outline,
        &[k(K::F(3)), ctrl('n')],
        A::NextOpen,
        S::KNextOpen,
        Some("F3"),
    ),
    // The note field.
    b(
        X::Note,
        &[k(K::Enter)],
        A::Confirm,
        S::KConfirm,
        Some("Enter"),
    ),
    b(
        X::Note,
        &[alt(K::Enter), ctrl('j')],
        A::NewLine,
        S::KNewLine,
        Some("Alt+Enter"),
    ),
    b(
        X::Note,
        &[k(K::Tab), k(K::Esc), k(K::BackTab)],
        A::Back,
        S::KBack,
        Some("Tab/Esc"),
    ),
    b(X::Note, &[ctrl('u')], A::ClearLine, S::KClearLine, None),
    // Typing an answer.
    b(
        X::Input,
        &[k(K::Enter)],
        A::Confirm,
        S::KConfirm,
        Some("Enter"),
    ),
    b(
        X::Input,
        &[alt(K::Enter), ctrl('j')],
        A::NewLine,
        S::KNewLine,
        None,
    ),
    b(X::Input, &[k(K::Up)], A::Up, S::KMove, None),
    b(X::Input, &[k(K::Down)], A::Down, S::KMove, None),
    b(X::Input, &[k(K::Tab)], A::Note, S::KNote, Some("Tab")),
    b(X::Input, &[k(K::Esc)], A::Back, S::KBack, Some("Esc")),
    b(
        X::Input,
        &[ctrl('o')],
        A::Outline,
        S::KOutline,
        Some("Ctrl+O"),
    ),
    b(X::Input, &[ctrl('r')], A::Review, S::KReview, None),
    b(X::Input, &[alt(K::Char('w'))], A::Reason, S::KReason, None),
    b(
        X::Input,
        &[k(K::F(3)), ctrl('n')],
        A::NextOpen,
        S::KNextOpen,
        Some("F3"),
    ),
    b(X::Input, &[ctrl('u')], A::ClearLine, S::KClearLine, None),
    b(X::Input, &[k(K::F(4))], A::Evidence, S::KEvidence, None),
    // The answer choices of a question.
    b(X::Choices, &[k(K::Up), c('k')], A::Up, S::KMove, Some("↑↓")),
    b(X::Choices, &[k(K::Down), c('j')], A::Down, S::KMove, None),
    b(X::Choices, &[c(' ')], A::Toggle, S::KToggle, Some("Space")),
    b(X::Choices, DIGITS, A::Choose, S::KChoose, Some("1–9")),
    // Answer letters. German "j" (ja) stays "down" (vi keys), so German has no letter for yes: 1 is "Ja".
    bl(Lang::En, X::Choices, &[c('y')], A::AnswerYes, S::Yes),
    bl(Lang::En, X::Choices, &[c('n')], A::AnswerNo, S::No),
    bl(Lang::De, X::Choices, &[c('n')], A::AnswerNo, S::No),
    b(X::Choices, &[c('u')], A::AnswerUnknown, S::Unknown, None),
    b(X::Choices, &[c('x')], A::AnswerNa, S::NotApplicable, None),
    b(
        X::Choices,
        &[k(K::Enter), k(K::Right)],
        A::Confirm,
        S::KConfirm,
        Some("Enter"),
    ),
    b(
        X::Choices,
        &[k(K::Esc), k(K::Left), k(K::Backspace)],
        A::Back,
        S::KBack,
        Some("Esc"),
    ),
    b(X::Choices, &[k(K::Tab)], A::Note, S::KNote, Some("Tab")),
    b(
        X::Choices,
        &[c('o'), ctrl('o')],
        A::Outline,
        S::KOutline,
        Some("o"),
    ),
    b(
        X::Choices,
        &[c('r'), ctrl('r')],
        A::Review,
        S::KReview,
        Some("r"),
    ),
    b(X::Choices, &[c('e')], A::Details, S::KDetails, None),
    // "a": anhängen / attach.
    b(
        X::Choices,
        &[c('a'), k(K::F(4))],
        A::Evidence,
        S::KEvidence,
        None,
    ),
    // "w": warum / why.
    b(
        X::Choices,
        &[c('w'), alt(K::Char('w'))],
        A::Reason,
        S::KReason,
        None,
    ),
    b(
        X::Choices,
        &[k(K::F(3)), ctrl('n')],
        A::NextOpen,
        S::KNextOpen,
        Some("F3"),
    ),
    // The audit details form.
    b(
        X::Details,
        &[k(K::Tab), k(K::Down)],
        A::NextField,
        S::KNextField,
        Some("Tab/↓"),
    ),
    b(
        X::Details,
        &[k(K::BackTab), k(K::Up)],
        A::PrevField,
        S::KPrevField,
        None,
    ),
    b(
        X::Details,
        &[k(K::Enter)],
        A::Confirm,
        S::KConfirm,
        Some("Enter"),
    ),
    b(X::Details, &[k(K::Esc)], A::Back, S::KBack, Some("Esc")),
    b(
        X::PlanStatus,
        &[c(' '), k(K::Left), k(K::Right)],
        A::Toggle,
        S::KStatus,
        Some("Space"),
    ),
    b(X::Details, &[ctrl('u')], A::ClearLine, S::KClearLine, None),
    // The evidence form of a question.
    b(
        X::EvidencePath,
        &[k(K::Tab)],
        A::Complete,
        S::KComplete,
        Some("Tab"),
    ),
    b(
        X::Evidence,
        &[k(K::Tab), k(K::BackTab)],
        A::NextField,
        S::KNextField,
        Some("Tab"),
    ),
    b(X::Evidence, &[k(K::Up)], A::Up, S::KMove, Some("↑↓")),
    b(X::Evidence, &[k(K::Down)], A::Down, S::KMove, None),
    b(
        X::Evidence,
        &[k(K::F(8))],
        A::Remove,
        S::KRemove,
        Some("F8"),
    ),
    b(
        X::Evidence,
        &[k(K::Enter)],
        A::Confirm,
        S::KConfirm,
        Some("Enter"),
    ),
    b(X::Evidence, &[k(K::Esc)], A::Back, S::KBack, Some("Esc")),
    b(X::Evidence, &[ctrl('u')], A::ClearLine, S::KClearLine, None),
    // The sign-off form.
    b(
        X::SignForm,
        &[k(K::Tab)],
        A::NextField,
        S::KNextField,
        Some("Tab"),
    ),
    b(
        X::SignForm,
        &[k(K::BackTab)],
        A::PrevField,
        S::KPrevField,
        None,
    ),
    b(X::SignForm, &[k(K::Up)], A::Up, S::KMove, None),
    b(X::SignForm, &[k(K::Down)], A::Down, S::KMove, None),
    b(
        X::SignForm,
        &[k(K::Enter)],
        A::Confirm,
        S::KConfirm,
        Some("Enter"),
    ),
    b(
        X::SignForm,
        &[alt(K::Enter), ctrl('j')],
        A::NewLine,
        S::KNewLine,
        Some("Alt+Enter"),
    ),
    b(X::SignForm, &[k(K::Esc)], A::Back, S::KBack, Some("Esc")),
    b(X::SignForm, &[ctrl('u')], A::ClearLine, S::KClearLine, None),
    // Password fields.
    b(
        X::SecretPair,
        &[k(K::Tab), k(K::BackTab), k(K::Up), k(K::Down)],
        A::NextField,
        S::KNextField,
        Some("Tab"),
    ),
    b(
        X::Secret,
        &[k(K::Enter)],
        A::Confirm,
        S::KConfirm,
        Some("Enter"),
    ),
    b(X::Secret, &[k(K::Esc)], A::Back, S::KBack, Some("Esc")),
    b(X::Secret, &[ctrl('u')], A::ClearLine, S::KClearLine, None),
    // Lists.
    b(X::List, &[k(K::Up), c('k')], A::Up, S::KMove, Some("↑↓")),
    b(X::List, &[k(K::Down), c('j')], A::Down, S::KMove, None),
    b(X::List, &[k(K::PageUp)], A::PageUp, S::KMove, None),
    b(X::List, &[k(K::PageDown)], A::PageDown, S::KMove, None),
    b(X::List, &[k(K::Home), c('g')], A::Top, S::KTop, None),
    b(X::List, &[k(K::End), c('G')], A::Bottom, S::KBottom, None),
    b(
        X::List,
        &[k(K::Enter), c(' '), k(K::Right)],
        A::Confirm,
        S::KSelect,
        Some("Enter"),
    ),
    b(
        X::List,
        &[k(K::Esc), k(K::Left), k(K::Backspace)],
        A::Back,
        S::KBack,
        Some("Esc"),
    ),
    b(X::Review, &[c('e')], A::Details, S::KDetails, None),
    b(
        X::Review,
        &[k(K::F(3)), ctrl('n')],
        A::NextOpen,
        S::KNextOpen,
        Some("F3"),
    ),
    b(X::Done, &[c('c')], A::Copy, S::KCopy, Some("c")),
    b(X::Result, &[c('a')], A::Amend, S::KAmend, Some("a")),
    // A text field on its own (the amendment's reason).
    b(
        X::Field,
        &[k(K::Enter)],
        A::Confirm,
        S::KConfirm,
        Some("Enter"),
    ),
    b(X::Field, &[k(K::Esc)], A::Back, S::KBack, Some("Esc")),
    b(X::Field, &[ctrl('u')], A::ClearLine, S::KClearLine, None),
    // Without a text field.
    b(X::Commands, &[c('?')], A::Help, S::KHelp, Some("?")),
    b(X::Commands, &[c('q')], A::Quit, S::KQuit, Some("q")),
    // Everywhere.
    // The review of a merge's conflicts.
    b(X::Merge, &[k(K::Up), c('k')], A::Up, S::KMove, Some("↑↓")),
    b(X::Merge, &[k(K::Down), c('j')], A::Down, S::KMove, None),
    b(X::Merge, DIGITS, A::Choose, S::KTakeValue, None),
    b(
        X::Merge,
        &[k(K::Enter), c(' ')],
        A::Confirm,
        S::KTakeValue,
        Some("Enter"),
    ),
    b(
        X::Merge,
        &[k(K::Esc), k(K::Left), k(K::Backspace)],
        A::Back,
        S::KPrevConflict,
        Some("Esc"),
    ),
    b(X::Merge, &[c('q')], A::Quit, S::KCancelMerge, Some("q")),
    b(
        X::MergeDone,
        &[k(K::Enter)],
        A::Confirm,
        S::KSaveMerged,
        Some("Enter"),
    ),
    b(
        X::MergeDone,
        &[k(K::Esc), k(K::Left), k(K::Backspace)],
        A::Back,
        S::KPrevConflict,
        Some("Esc"),
    ),
    b(X::MergeDone, &[c('q')], A::Quit, S::KCancelMerge, Some("q")),
    b(X::Global, &[k(K::F(1))], A::Help, S::KHelp, Some("F1")),
    b(X::Global, &[ctrl('c')], A::Quit, S::KQuit, Some("Ctrl+C")),
];
