//! The keymap's table: every binding, per context, with the key text of the hint bar. `keymap` looks keys
//! up in it; the hint bar and the help overlay are drawn from it. The table is kept in parts by what the
//! user is doing (answering, forms, lists); `all` gives them in the one order lookup tries them.

use ratatui::crossterm::event::KeyCode;

use super::action::{Action, Binding, Chord, Ctx};
pub(super) use super::action::{alt, c, ctrl, k};
use super::key_labels::KeyLabel;
use crate::lang::Lang;

pub(super) const fn b(
    ctx: Ctx,
    keys: &'static [Chord],
    action: Action,
    label: KeyLabel,
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
    label: KeyLabel,
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

mod answering;
mod forms;
mod lists;

/// The parts of the table, in the order lookup tries them (within a context, the first match wins).
const PARTS: &[&[Binding]] = &[
    answering::ANSWERING,
    forms::FORMS,
    lists::LISTS,
    forms::TEXT_FIELD,
    lists::ELSEWHERE,
];

/// Every binding, in the order lookup tries them.
pub fn all() -> impl Iterator<Item = &'static Binding> + Clone {
    PARTS.iter().flat_map(|part| part.iter())
}
