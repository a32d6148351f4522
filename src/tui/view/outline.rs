//! The outline: every section repetition with its state (done / open / hidden) and the questions of the
//! current one; a side panel on wide terminals, an overlay on narrow ones. Enter jumps.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{block, centered, render_lines, scroll_for, scrollbar, truncate};
use crate::tui::app::App;
use crate::tui::strings::{self, S};

pub use crate::tui::outline::{Kind, ORow, current_row, rows};

/// The row the outline is scrolled to: the selected one while it has the focus, else the current one.
fn selected(app: &App, rs: &[ORow]) -> usize {
    if app.outline_focused {
        app.outline_sel
    } else {
        rs.iter().position(|r| r.current).unwrap_or(0)
    }
}

/// The lines of the rows `shown`, the first of which is row `first` of the outline. Only the rows in
/// view are rendered: at 10,000 questions the outline has hundreds of rows and a terminal shows forty.
fn lines(app: &App, shown: &[ORow], first: usize, width: usize) -> Vec<Line<'static>> {
    let Some(s) = app.session() else {
        return Vec::new();
    };
    let th = app.theme;
    let code = app.code();
    shown
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let i = first + i;
            let selected = app.outline_focused && i == app.outline_sel;
            match r.kind {
                Kind::Instance(info) => {
                    // A repeated section without any repetition yet has no label for `{item}`.
                    let item = s
                        .item_label(info.section, info.item, code)
                        .unwrap_or_else(|| app.t(S::NoItemsYet).to_string());
                    let title = s.checklist().sections[info.section]
                        .title
                        .render(code, Some(&item))
                        .into_owned();
                    let (mark, state, style) = if !info.visible {
                        ("–", app.t(S::StateHidden).to_string(), th.dim())
                    } else if info.required_open == 0 {
                        ("✓", app.t(S::StateDone).to_string(), th.chosen())
                    } else {
                        (
                            "○",
                            strings::open_count(app.lang, info.required_open),
                            th.text(),
                        )
                    };
                    let state_w = state.chars().count() + 1;
                    let t = truncate(
                        &format!("{mark} {title}"),
                        width.saturating_sub(state_w + 1),
                    );
                    let pad = width.saturating_sub(t.chars().count() + state_w);
                    let style = if selected { th.cursor() } else { style };
                    Line::from(vec![
                        Span::styled(t, style),
                        Span::raw(" ".repeat(pad)),
                        Span::styled(format!(" {state}"), th.dim()),
                    ])
                }
                Kind::Question(k) => {
                    let item = s.item_label(k.section, k.item, code);
                    let text = s
                        .question(k)
                        .text
                        .render(code, item.as_deref())
                        .into_owned();
                    let answered = s.answer(k).response.is_some();
                    let mark = if r.current {
                        "▸"
                    } else if answered {
                        "✓"
                    } else {
                        "·"
                    };
                    let style = if selected {
                        th.cursor()
                    } else if r.current {
                        th.accent()
                    } else {
                        th.text()
                    };
                    Line::from(Span::styled(
                        truncate(&format!("  {mark} {text}"), width),
                        style,
                    ))
                }
            }
        })
        .collect()
}

fn render_in(app: &App, area: Rect, buf: &mut Buffer) {
    let b = block(app, app.t(S::OutlineTitle), app.outline_focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let rs = rows(app);
    let h = inner.height as usize;
    let off = scroll_for(selected(app, &rs), rs.len(), h);
    let shown = &rs[off.min(rs.len())..(off + h).min(rs.len())];
    render_lines(&lines(app, shown, off, inner.width as usize), 0, inner, buf);
    scrollbar(app, inner.right(), inner, (off, h, rs.len()), buf);
}

pub fn render_panel(app: &App, area: Rect, buf: &mut Buffer) {
    render_in(app, area, buf);
}

pub fn render_overlay(app: &App, area: Rect, buf: &mut Buffer) {
    let popup = centered(
        area,
        area.width.saturating_sub(8),
        area.height.saturating_sub(2),
    );
    super::clear_popup(popup, area, buf);
    render_in(app, popup, buf);
}
