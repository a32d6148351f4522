//! The results screen: the signed results (organisation, unit, date, signature state) with a scroll
//! indicator, and one result opened read-only with its actions (verify again, write a report beside it).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{block, render_lines, scroll_for, styled, truncate, wrap};
use crate::i18n::results as res;
use crate::report::reading::Kind;
use crate::tui::app::App;
use crate::tui::results::{ACTS, Opened, text_width};

/// The framed area, titled, with "first–last / total" at the bottom when the lines do not fit.
fn frame(app: &App, area: Rect, buf: &mut Buffer, title: &str, scroll: Option<String>) -> Rect {
    let outer = area.inner(Margin::new(2, 1));
    let mut b = block(app, title, true);
    if let Some(s) = scroll {
        b = b.title_bottom(Line::from(styled(format!(" {s} "), app.theme.dim())).right_aligned());
    }
    let inner = b.inner(outer).inner(Margin::new(1, 0));
    b.render(outer, buf);
    inner
}

/// "3–10 / 42" when `len` items do not fit `shown` at `first`; None when all fit.
pub fn indicator(first: usize, shown: usize, len: usize) -> Option<String> {
    (len > shown).then(|| {
        let last = (first + shown).min(len);
        format!("{}–{last} / {len}", first + 1)
    })
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match &app.results.opened {
        Some(o) => opened(app, o, area, buf),
        None => list(app, area, buf),
    }
}

fn list(app: &App, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let ui = &app.results;
    let title = res::TITLE.get(app.lang);
    // The frame's inner height, to know the window before drawing the frame with its indicator.
    let height = area.height.saturating_sub(4) as usize;
    let items = ui.listed();
    // Two lines per result.
    let per_page = (height / 2).max(1);
    let first = scroll_for(ui.sel, items.len(), per_page);
    let inner = frame(
        app,
        area,
        buf,
        title,
        indicator(first, per_page, items.len()),
    );
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    match &ui.list {
        None => lines.push(Line::from(styled(res::CHECKING.get(app.lang), th.accent()))),
        Some(Err(e)) => {
            for l in wrap(&format!("✗ {e}"), w) {
                lines.push(Line::from(styled(l, th.error())));
            }
        }
        Some(Ok(items)) if items.is_empty() => {
            let dir = app_dir(app);
            for l in wrap(&res::NONE_YET.fill(app.lang, &[&dir]), w) {
                lines.push(Line::from(styled(l, th.dim())));
            }
        }
        Some(Ok(items)) => {
            for (i, r) in items.iter().enumerate().skip(first).take(per_page) {
                let selected = i == ui.sel;
                let marker = if selected { "› " } else { "  " };
                let style = if selected { th.cursor() } else { th.text() };
                lines.push(Line::from(styled(
                    truncate(&format!("{marker}{}", r.heading(app.lang)), w),
                    style,
                )));
                let date = r.date_text(app.lang);
                let (mark, st) = if r.is_signed() {
                    ("✓", th.dim())
                } else {
                    ("✗", th.error())
                };
                lines.push(Line::from(styled(
                    truncate(
                        &format!("    {date} · {mark} {}", r.state_line(app.lang)),
                        w,
                    ),
                    st,
                )));
            }
        }
    }
    if ui.busy && ui.list.is_some() {
        lines.push(Line::from(""));
        lines.push(Line::from(styled(
            res::VERIFYING.get(app.lang),
            th.accent(),
        )));
    }
    render_lines(&lines, 0, inner, buf);
}

/// The results folder as the empty list names it.
fn app_dir(app: &App) -> String {
    app.results
        .dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_default()
}

fn opened(app: &App, o: &Opened, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let lang = app.lang;
    let width = text_width(area.width);
    let mut body: Vec<Line> = Vec::new();
    match &o.lines {
        Ok(ls) => {
            for l in ls {
                let style = match l.kind {
                    Kind::Heading => th.title(),
                    Kind::Text => th.text(),
                    Kind::Dim => th.dim(),
                    Kind::Warn => th.error(),
                    Kind::Good => th.chosen(),
                };
                let pad = " ".repeat(l.indent);
                for part in wrap(&l.text, width.saturating_sub(l.indent).max(1)) {
                    body.push(Line::from(styled(format!("{pad}{part}"), style)));
                }
            }
        }
        Err(e) => {
            for l in wrap(&format!("✗ {e}"), width) {
                body.push(Line::from(styled(l, th.error())));
            }
        }
    }
    let mut foot: Vec<Line> = Vec::new();
    if app.results.busy {
        foot.push(Line::from(styled(res::VERIFYING.get(lang), th.accent())));
    } else if let Some((m, err)) = &o.message {
        for l in wrap(m, width) {
            foot.push(Line::from(styled(
                l,
                if *err { th.error() } else { th.accent() },
            )));
        }
    }
    for (i, a) in ACTS.iter().enumerate() {
        let selected = i == o.act;
        let marker = if selected { "› " } else { "  " };
        foot.push(Line::from(styled(
            truncate(&format!("{marker}{}", a.label(lang)), width),
            if selected { th.cursor() } else { th.text() },
        )));
    }
    if o.reason.is_some() {
        for l in wrap(res::AMEND_REASON.get(lang), width) {
            foot.push(Line::from(styled(l, th.accent())));
        }
    }
    // The reason's field goes under the actions (one line).
    let field_rows = usize::from(o.reason.is_some());
    // Frame (2 rows of margin, 2 of border), a blank line, then the actions.
    let height = (area.height as usize)
        .saturating_sub(4)
        .saturating_sub(foot.len() + 1 + field_rows);
    let first = o.scroll.min(body.len().saturating_sub(height));
    let name = o
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = format!("{} · {}", res::TITLE.get(lang), name);
    // Up and down choose the action; the page keys scroll, as the indicator says.
    let scroll = indicator(first, height, body.len()).map(|s| format!("PgUp/PgDn · {s}"));
    let inner = frame(app, area, buf, &title, scroll);
    let [body_a, _, foot_a, field_a] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(foot.len() as u16),
        Constraint::Length(field_rows as u16),
    ])
    .areas(inner);
    render_lines(&body, first, body_a, buf);
    render_lines(&foot, 0, foot_a, buf);
    if let Some(t) = &o.reason {
        super::field::render(t, field_a, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_indicator_shows_the_window_only_when_it_overflows() {
        assert_eq!(indicator(0, 10, 5), None);
        assert_eq!(indicator(0, 10, 10), None);
        assert_eq!(indicator(0, 10, 42).as_deref(), Some("1–10 / 42"));
        assert_eq!(indicator(38, 10, 42).as_deref(), Some("39–42 / 42"));
    }
}
