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

fn lines(app: &App, width: usize) -> (Vec<Line<'static>>, usize) {
    let Some(s) = app.session() else {
        return (Vec::new(), 0);
    };
    let th = app.theme;
    let code = app.code();
    let rs = rows(app);
    let sel = if app.outline_focused {
        app.outline_sel
    } else {
        rs.iter().position(|r| r.current).unwrap_or(0)
    };
    let out = rs
        .iter()
        .enumerate()
        .map(|(i, r)| {
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
        .collect();
    (out, sel)
}

fn render_in(app: &App, area: Rect, buf: &mut Buffer) {
    let b = block(app, app.t(S::OutlineTitle), app.outline_focused);
    let inner = b.inner(area);
    b.render(area, buf);
    let (ls, sel) = lines(app, inner.width as usize);
    let off = scroll_for(sel, ls.len(), inner.height as usize);
    render_lines(&ls, off, inner, buf);
    let h = inner.height as usize;
    scrollbar(app, inner.right(), inner, (off, h, ls.len()), buf);
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
