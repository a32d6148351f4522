//! The outline's model: every section repetition with the questions of the current one, and where Enter on
//! a row goes. State-side, so that `update` moves through it without asking the view.

use crate::audit::{InstanceInfo, Key};
use crate::tui::app::App;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Instance(InstanceInfo),
    Question(Key),
}

#[derive(Debug, Clone, Copy)]
pub struct ORow {
    pub kind: Kind,
    /// Where Enter goes (None for a hidden section).
    pub target: Option<Key>,
    /// The row of the current question (or of its section).
    pub current: bool,
}

pub fn rows(app: &App) -> Vec<ORow> {
    let Some(s) = app.session() else {
        return Vec::new();
    };
    let cur = s.current();
    // The visible questions of one repetition (cost: the size of its section, not of the checklist).
    let visible_in = |section: usize, item: Option<usize>| {
        (0..s.checklist().sections[section].questions.len())
            .map(move |question| Key {
                section,
                item,
                question,
            })
            .filter(|k| s.is_visible(*k))
    };
    let mut out = Vec::new();
    for info in s.instances() {
        let target = if info.visible {
            visible_in(info.section, info.item).next()
        } else {
            None
        };
        out.push(ORow {
            kind: Kind::Instance(info),
            target,
            current: false,
        });
        if cur.is_some_and(|c| c.section == info.section && c.item == info.item) {
            for k in visible_in(info.section, info.item) {
                out.push(ORow {
                    kind: Kind::Question(k),
                    target: Some(k),
                    current: Some(k) == cur,
                });
            }
        }
    }
    out
}

/// The row of the current question.
pub fn current_row(app: &App) -> usize {
    rows(app).iter().position(|r| r.current).unwrap_or(0)
}
