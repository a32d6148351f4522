//! The bindings of lists (start screen, picker, results), of the screens without a text field, of the
//! review of a merge's conflicts, and those that hold everywhere.

use super::{A, K, X, b, c, ctrl, k};
use crate::tui::action::{Binding, DIGITS};
use crate::tui::key_labels::KeyLabel;

/// Lists.
pub(super) const LISTS: &[Binding] = &[
    // Lists.
    b(
        X::List,
        &[k(K::Up), c('k')],
        A::Up,
        KeyLabel::Move,
        Some("↑↓"),
    ),
    b(
        X::List,
        &[k(K::Down), c('j')],
        A::Down,
        KeyLabel::Move,
        None,
    ),
    b(X::List, &[k(K::PageUp)], A::PageUp, KeyLabel::Move, None),
    b(
        X::List,
        &[k(K::PageDown)],
        A::PageDown,
        KeyLabel::Move,
        None,
    ),
    b(X::List, &[k(K::Home), c('g')], A::Top, KeyLabel::Top, None),
    b(
        X::List,
        &[k(K::End), c('G')],
        A::Bottom,
        KeyLabel::Bottom,
        None,
    ),
    b(
        X::List,
        &[k(K::Enter), c(' '), k(K::Right)],
        A::Confirm,
        KeyLabel::Select,
        Some("Enter"),
    ),
    b(
        X::List,
        &[k(K::Esc), k(K::Left), k(K::Backspace)],
        A::Back,
        KeyLabel::Back,
        Some("Esc"),
    ),
    b(X::Review, &[c('e')], A::Details, KeyLabel::Details, None),
    b(
        X::Review,
        &[k(K::F(3)), ctrl('n')],
        A::NextOpen,
        KeyLabel::NextOpen,
        Some("F3"),
    ),
    b(X::Done, &[c('c')], A::Copy, KeyLabel::Copy, Some("c")),
    b(X::Result, &[c('a')], A::Amend, KeyLabel::Amend, Some("a")),
];

/// Screens without a text field, the merge review, everywhere.
pub(super) const ELSEWHERE: &[Binding] = &[
    // Without a text field.
    b(X::Commands, &[c('?')], A::Help, KeyLabel::Help, Some("?")),
    b(X::Commands, &[c('q')], A::Quit, KeyLabel::Quit, Some("q")),
    // Everywhere.
    // The review of a merge's conflicts.
    b(
        X::Merge,
        &[k(K::Up), c('k')],
        A::Up,
        KeyLabel::Move,
        Some("↑↓"),
    ),
    b(
        X::Merge,
        &[k(K::Down), c('j')],
        A::Down,
        KeyLabel::Move,
        None,
    ),
    b(X::Merge, DIGITS, A::Choose, KeyLabel::TakeValue, None),
    b(
        X::Merge,
        &[k(K::Enter), c(' ')],
        A::Confirm,
        KeyLabel::TakeValue,
        Some("Enter"),
    ),
    b(
        X::Merge,
        &[k(K::Esc), k(K::Left), k(K::Backspace)],
        A::Back,
        KeyLabel::PrevConflict,
        Some("Esc"),
    ),
    b(
        X::Merge,
        &[c('q')],
        A::Quit,
        KeyLabel::CancelMerge,
        Some("q"),
    ),
    b(
        X::MergeDone,
        &[k(K::Enter)],
        A::Confirm,
        KeyLabel::SaveMerged,
        Some("Enter"),
    ),
    b(
        X::MergeDone,
        &[k(K::Esc), k(K::Left), k(K::Backspace)],
        A::Back,
        KeyLabel::PrevConflict,
        Some("Esc"),
    ),
    b(
        X::MergeDone,
        &[c('q')],
        A::Quit,
        KeyLabel::CancelMerge,
        Some("q"),
    ),
    b(
        X::Global,
        &[k(K::F(1))],
        A::Help,
        KeyLabel::Help,
        Some("F1"),
    ),
    b(
        X::Global,
        &[ctrl('c')],
        A::Quit,
        KeyLabel::Quit,
        Some("Ctrl+C"),
    ),
];
