//! The view: a pure function of `App`, one module per screen. Every checklist text and every user input
//! passes through `text::sanitize*` before it reaches a buffer.

// Screen geometry is `u16` in ratatui and `usize` while lines are measured; every length cast back to
// `u16` is clamped to an area of the terminal (itself `u16`) first.
#![allow(clippy::cast_possible_truncation)]

pub mod changed;
pub mod details;
pub mod evidence;
pub mod field;
pub mod help;
pub mod merge;
pub mod outline;
pub mod plan;
pub mod question;
pub mod results;
pub mod review;
pub mod signoff;
pub mod start;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget, Wrap,
};

use super::app::{App, Overlay, Screen};
use super::keymap;
use super::strings::S;
use crate::text::sanitize_line;
use unicode_width::UnicodeWidthStr;

/// Draw the whole UI.
pub fn view(app: &App, frame: &mut Frame) {
    frame.render_widget(app, frame.area());
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < super::app::MIN_WIDTH || area.height < super::app::MIN_HEIGHT {
            too_small(self, area, buf);
            return;
        }
        let [body, bar] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        match self.screen {
            Screen::Start => start::render(self, body, buf),
            Screen::Pick => start::render_pick(self, body, buf),
            Screen::Details => details::render(self, body, buf),
            Screen::Question => question::render(self, body, buf),
            Screen::Review => review::render(self, body, buf),
            Screen::Changed => changed::render(self, body, buf),
            Screen::SignOff => signoff::render(self, body, buf),
            Screen::Results => results::render(self, body, buf),
            Screen::Plan => plan::render(self, body, buf),
            Screen::Evidence => evidence::render(self, body, buf),
        }
        bottom_line(self, bar, buf);
        match self.overlay {
            Some(Overlay::Help) => help::render(self, body, buf),
            Some(Overlay::ConfirmQuit) => confirm_quit(self, body, buf),
            None => {}
        }
    }
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let msg = app.t(S::TooSmall);
    let y = area.y + area.height / 2;
    let lines = wrap(msg, area.width.max(1) as usize);
    let top = y.saturating_sub(lines.len() as u16 / 2).max(area.y);
    for (i, l) in lines.iter().enumerate() {
        let row = top + i as u16;
        if row >= area.bottom() {
            break;
        }
        Line::from(l.as_str())
            .style(app.theme.error())
            .centered()
            .render(Rect::new(area.x, row, area.width, 1), buf);
    }
}

/// The status message if there is one, else a failed save, else the key hints of the active contexts.
fn bottom_line(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some((msg, is_error)) = &app.status {
        let style = if *is_error {
            app.theme.error()
        } else {
            app.theme.accent()
        };
        Line::from(Span::styled(format!(" {}", sanitize_line(msg)), style)).render(area, buf);
        return;
    }
    // A failed save stays in sight until a save succeeds: the auditor must know the draft is behind.
    if let Some(e) = &app.save_error {
        Line::from(Span::styled(
            format!(" ⚠ {}", sanitize_line(e)),
            app.theme.error(),
        ))
        .render(area, buf);
        return;
    }
    hint_line(app, area.width as usize).render(area, buf);
}

/// The key hints of the active contexts that fit in `width` columns, in the order of
/// `keymap::BAR_PRIORITY`: what does not fit is left out whole (never cut), the help key is always there,
/// last, since the help overlay lists every key.
pub fn hint_line(app: &App, width: usize) -> Line<'static> {
    hints(&app.contexts(), app.lang, app.theme, width)
}

/// The hint line of `contexts` (see [`hint_line`]); screens outside the app (the merge's review) draw
/// theirs with it.
pub fn hints(
    contexts: &[keymap::Ctx],
    lang: crate::lang::Lang,
    theme: super::theme::Theme,
    width: usize,
) -> Line<'static> {
    let mut hints: Vec<(&'static str, &'static keymap::Binding)> = keymap::active(contexts, lang)
        .into_iter()
        .filter_map(|b| b.bar.map(|keys| (keys, b)))
        .collect();
    // A stable sort: hints of equal rank keep their keymap order.
    hints.sort_by_key(|(_, b)| keymap::bar_rank(b.action));
    let cost =
        |(keys, b): &(&str, &keymap::Binding)| keys.width() + 1 + b.label.get(lang).width() + 2;
    let mut shown = vec![false; hints.len()];
    // One column of margin on the left; the last hint needs no gap after it.
    let mut used = 1;
    for (i, h) in hints.iter().enumerate() {
        let c = cost(h);
        if used + c - 2 <= width {
            shown[i] = true;
            used += c;
        }
    }
    // The help key (ranked first so that it always fits) goes to the end.
    let help_first = hints
        .first()
        .is_some_and(|(_, b)| b.action == keymap::Action::Help);
    if help_first {
        hints.rotate_left(1);
        shown.rotate_left(1);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (keys, b)) in hints.iter().enumerate() {
        if !shown[i] {
            continue;
        }
        spans.push(Span::styled(*keys, theme.key()));
        spans.push(Span::styled(
            format!(" {}  ", b.label.get(lang)),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

fn confirm_quit(app: &App, area: Rect, buf: &mut Buffer) {
    let popup = centered(area, 60, 9);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", app.t(S::ConfirmQuitTitle)),
            app.theme.title(),
        ))
        .border_style(app.theme.focus_border());
    let text = vec![
        Line::from(app.t(S::ConfirmQuitText)),
        Line::from(""),
        Line::from(Span::styled(app.t(S::ConfirmQuitKeys), app.theme.key())),
    ];
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .block(block)
        .render(popup, buf);
}

/// Clear the place of an overlay and one column on either side (within `area`): a frame of the screen
/// underneath that runs right beside the overlay's border would draw a second border ("┌┌ Hilfe").
pub fn clear_popup(popup: Rect, area: Rect, buf: &mut Buffer) {
    let x = popup.x.saturating_sub(1).max(area.x);
    let right = (popup.right() + 1).min(area.right());
    Clear.render(Rect::new(x, popup.y, right - x, popup.height), buf);
}

/// A rectangle of at most `w` x `h` in the middle of `area`.
pub use super::fit::{centered, truncate, truncate_words, wrap, wrap_lines};

/// Render `lines` into `area`, starting at line `offset`.
pub fn render_lines(lines: &[Line<'_>], offset: usize, area: Rect, buf: &mut Buffer) {
    for (i, l) in lines
        .iter()
        .skip(offset)
        .take(area.height as usize)
        .enumerate()
    {
        l.clone()
            .render(Rect::new(area.x, area.y + i as u16, area.width, 1), buf);
    }
}

/// The sign that a list does not fit: a scroll bar (▲ thumb ▼) in column `x` beside `rows`, drawn only
/// when `len` entries overflow the `shown` ones from `offset` on. Framed lists put it on their right border.
pub fn scrollbar(
    app: &App,
    x: u16,
    rows: Rect,
    (offset, shown, len): (usize, usize, usize),
    buf: &mut Buffer,
) {
    if len <= shown || rows.height < 2 || x >= buf.area.right() {
        return;
    }
    let column = Rect::new(x, rows.y, 1, rows.height);
    let mut state = ScrollbarState::new(len - shown + 1)
        .position(offset)
        .viewport_content_length(shown);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(Some("▲"))
        .end_symbol(Some("▼"))
        .track_symbol(Some("│"))
        .thumb_symbol("█")
        .style(app.theme.accent())
        .render(column, buf, &mut state);
}

/// The first line to show so that line `sel` is visible in a window of `height` lines.
pub fn scroll_for(sel: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let half = height / 2;
    sel.saturating_sub(half).min(len - height)
}

/// A titled block in the theme.
pub fn block<'a>(app: &App, title: &str, focused: bool) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(
            format!(" {} ", sanitize_line(title)),
            app.theme.title(),
        ))
        .border_style(if focused {
            app.theme.focus_border()
        } else {
            app.theme.border()
        })
}

pub fn styled(text: impl Into<String>, style: Style) -> Span<'static> {
    Span::styled(text.into(), style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_breaks_and_cuts_long_words() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("x\u{1b}[2Jy", 20), vec!["x\u{FFFD}[2Jy"]);
    }

    #[test]
    fn truncate_adds_ellipsis() {
        assert_eq!(truncate("Prüfung", 10), "Prüfung");
        assert_eq!(truncate("Prüfungsbericht", 6), "Prüfu…");
    }
}
