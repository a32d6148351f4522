//! The review: required questions still open (Enter jumps), findings grouped by severity with their
//! measures, the DPIA screening verdict, and the sign-off.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{block, render_lines, scroll_for, scrollbar};
use crate::tui::app::App;
use crate::tui::strings::S;

pub use crate::tui::review::{RLine, Target, lines, sign_off_blocker, summary};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let outer = area.inner(Margin::new(2, 1));
    let title = match &app.audit {
        Some(a) => format!(
            "{} · {} · {}",
            app.t(S::ReviewTitle),
            a.draft.meta.organisation,
            a.session.checklist().title.get(app.code())
        ),
        None => app.t(S::ReviewTitle).to_string(),
    };
    let b = block(app, &title, true);
    let mut inner = b.inner(outer).inner(Margin::new(1, 0));
    b.render(outer, buf);
    // The management summary stays on top; the details scroll below it.
    let head = summary(app);
    let fixed = (head.len() as u16 + 1).min(inner.height / 2);
    render_lines(
        &head,
        0,
        Rect {
            height: fixed,
            ..inner
        },
        buf,
    );
    inner.y += fixed;
    inner.height -= fixed;
    let ls = lines(app);
    let sel = app.review_sel.min(ls.len().saturating_sub(1));
    let rendered: Vec<Line> = ls
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == sel {
                let text: String = l.line.spans.iter().map(|s| s.content.as_ref()).collect();
                Line::from(Span::styled(text, app.theme.cursor()))
            } else {
                l.line.clone()
            }
        })
        .collect();
    let off = scroll_for(sel, rendered.len(), inner.height as usize);
    render_lines(&rendered, off, inner, buf);
    let h = inner.height as usize;
    scrollbar(app, inner.right() + 1, inner, (off, h, rendered.len()), buf);
}
