//! The help overlay: on the question screen why the question matters, its legal references and, in a
//! repetition for a messenger with a knowledge-base entry, that messenger's dated facts; then every key of
//! the current screen, straight from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::Widget;

use super::{block, render_lines, scrollbar};
use crate::tui::app::{App, Overlay};
use crate::tui::strings::S;

fn popup(area: Rect) -> Rect {
    crate::tui::help::popup(area)
}

pub use crate::tui::help::lines;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if app.overlay != Some(Overlay::Help) {
        return;
    }
    let p = popup(area);
    super::clear_popup(p, area, buf);
    let b = block(app, app.t(S::HelpTitle), true);
    let inner = b.inner(p).inner(Margin::new(1, 0));
    b.render(p, buf);
    let ls = lines(app);
    let h = inner.height as usize;
    let off = app.help_scroll.min(ls.len().saturating_sub(h));
    render_lines(&ls, off, inner, buf);
    scrollbar(app, inner.right() + 1, inner, (off, h, ls.len()), buf);
}
