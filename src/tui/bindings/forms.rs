//! The bindings of the forms: the audit details, a question's evidence, the sign-off, password fields, and a
//! text field on its own (the amendment's reason).

use super::{A, K, X, alt, b, c, ctrl, k};
use crate::tui::action::Binding;
use crate::tui::key_labels::KeyLabel;

/// The details, evidence, sign-off and password forms.
pub(super) const FORMS: &[Binding] = &[
    // The audit details form.
    b(
        X::Details,
        &[k(K::Tab), k(K::Down)],
        A::NextField,
        KeyLabel::NextField,
        Some("Tab/↓"),
    ),
    b(
        X::Details,
        &[k(K::BackTab), k(K::Up)],
        A::PrevField,
        KeyLabel::PrevField,
        None,
    ),
    b(
        X::Details,
        &[k(K::Enter)],
        A::Confirm,
        KeyLabel::Confirm,
        Some("Enter"),
    ),
    b(
        X::Details,
        &[k(K::Esc)],
        A::Back,
        KeyLabel::Back,
        Some("Esc"),
    ),
    b(
        X::PlanStatus,
        &[c(' '), k(K::Left), k(K::Right)],
        A::Toggle,
        KeyLabel::Status,
        Some("Space"),
    ),
    b(
        X::Details,
        &[ctrl('u')],
        A::ClearLine,
        KeyLabel::ClearLine,
        None,
    ),
    // The evidence form of a question.
    b(
        X::EvidencePath,
        &[k(K::Tab)],
        A::Complete,
        KeyLabel::Complete,
        Some("Tab"),
    ),
    b(
        X::Evidence,
        &[k(K::Tab), k(K::BackTab)],
        A::NextField,
        KeyLabel::NextField,
        Some("Tab"),
    ),
    b(X::Evidence, &[k(K::Up)], A::Up, KeyLabel::Move, Some("↑↓")),
    b(X::Evidence, &[k(K::Down)], A::Down, KeyLabel::Move, None),
    b(
        X::Evidence,
        &[k(K::F(8))],
        A::Remove,
        KeyLabel::Remove,
        Some("F8"),
    ),
    b(
        X::Evidence,
        &[k(K::Enter)],
        A::Confirm,
        KeyLabel::Confirm,
        Some("Enter"),
    ),
    b(
        X::Evidence,
        &[k(K::Esc)],
        A::Back,
        KeyLabel::Back,
        Some("Esc"),
    ),
    b(
        X::Evidence,
        &[ctrl('u')],
        A::ClearLine,
        KeyLabel::ClearLine,
        None,
    ),
    // The sign-off form.
    b(
        X::SignForm,
        &[k(K::Tab)],
        A::NextField,
        KeyLabel::NextField,
        Some("Tab"),
    ),
    b(
        X::SignForm,
        &[k(K::BackTab)],
        A::PrevField,
        KeyLabel::PrevField,
        None,
    ),
    b(X::SignForm, &[k(K::Up)], A::Up, KeyLabel::Move, None),
    b(X::SignForm, &[k(K::Down)], A::Down, KeyLabel::Move, None),
    b(
        X::SignForm,
        &[k(K::Enter)],
        A::Confirm,
        KeyLabel::Confirm,
        Some("Enter"),
    ),
    b(
        X::SignForm,
        &[alt(K::Enter), ctrl('j')],
        A::NewLine,
        KeyLabel::NewLine,
        Some("Alt+Enter"),
    ),
    b(
        X::SignForm,
        &[k(K::Esc)],
        A::Back,
        KeyLabel::Back,
        Some("Esc"),
    ),
    b(
        X::SignForm,
        &[ctrl('u')],
        A::ClearLine,
        KeyLabel::ClearLine,
        None,
    ),
    // Password fields.
    b(
        X::SecretPair,
        &[k(K::Tab), k(K::BackTab), k(K::Up), k(K::Down)],
        A::NextField,
        KeyLabel::NextField,
        Some("Tab"),
    ),
    b(
        X::Secret,
        &[k(K::Enter)],
        A::Confirm,
        KeyLabel::Confirm,
        Some("Enter"),
    ),
    b(
        X::Secret,
        &[k(K::Esc)],
        A::Back,
        KeyLabel::Back,
        Some("Esc"),
    ),
    b(
        X::Secret,
        &[ctrl('u')],
        A::ClearLine,
        KeyLabel::ClearLine,
        None,
    ),
];

/// A text field on its own.
pub(super) const TEXT_FIELD: &[Binding] = &[
    // A text field on its own (the amendment's reason).
    b(
        X::Field,
        &[k(K::Enter)],
        A::Confirm,
        KeyLabel::Confirm,
        Some("Enter"),
    ),
    b(X::Field, &[k(K::Esc)], A::Back, KeyLabel::Back, Some("Esc")),
    b(
        X::Field,
        &[ctrl('u')],
        A::ClearLine,
        KeyLabel::ClearLine,
        None,
    ),
];
