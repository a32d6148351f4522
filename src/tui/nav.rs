//! `update` for the outline panel and the help overlay.

use super::app::*;
use super::keymap::Action;

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
            a => {
                let page = self.page();
                Self::list_move(&mut self.outline_sel, rows.len(), a, page);
            }
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
