//! `update` for the outline panel and the help overlay, and the jump to the next open question that the
//! question screen, the outline and the review share.

use super::app::App;
use super::keymap::Action;
use super::strings::S;
use super::update::Effect;
use crate::audit::{Key, Session};

/// The first visible question without a response after `from`, wrapping around to the start; `from`
/// itself only when it is the one open question left.
pub fn next_open(s: &Session, from: Option<Key>) -> Option<Key> {
    let keys: Vec<Key> = s.visible().collect();
    let at = from.and_then(|f| keys.iter().position(|k| *k == f));
    let start = at.map_or(0, |p| p + 1);
    keys[start..]
        .iter()
        .chain(&keys[..start])
        .copied()
        .find(|k| s.answer(*k).response.is_none())
}

impl App {
    pub(super) fn outline_action(&mut self, action: Action) -> Vec<Effect> {
        let rows = super::outline::rows(self);
        match action {
            Action::Confirm => {
                if let Some(k) = rows.get(self.outline_sel).and_then(|r| r.target) {
                    self.jump(k);
                }
            }
            Action::Back => self.outline_focused = false,
            Action::NextOpen => return self.go_next_open(),
            a => {
                let page = self.page();
                Self::list_move(&mut self.outline_sel, rows.len(), a, page);
            }
        }
        vec![]
    }

    /// Go to the next open question (from the current one), or say that none is left.
    pub(super) fn go_next_open(&mut self) -> Vec<Effect> {
        let target = self.session().and_then(|s| next_open(s, s.current()));
        match target {
            Some(k) => self.jump(k),
            None => self.status = Some((self.t(S::NoneOpenLeft).to_string(), false)),
        }
        vec![]
    }

    pub(super) fn help_action(&mut self, action: Action) {
        let total = super::help::lines(self).len();
        let page = self.page();
        let max = total.saturating_sub(page);
        match action {
            Action::Back => self.overlay = None,
            Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::Down => self.help_scroll = (self.help_scroll + 1).min(max),
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(page),
            Action::PageDown => self.help_scroll = (self.help_scroll + page).min(max),
            _ => {}
        }
    }
}
