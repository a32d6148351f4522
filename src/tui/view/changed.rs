//! Resuming a draft whose checklist changed: which version it was and is, the answers that no longer
//! fit (key and reason), and the choice to continue with the new version or go back.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{block, render_lines, styled, wrap};
use crate::tui::app::App;
use crate::tui::strings::{self, S};

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let th = app.theme;
    let Some(c) = &app.changed else {
        return Vec::new();
    };
    let para = |text: &str, style| -> Vec<Line<'static>> {
        wrap(text, width)
            .into_iter()
            .map(|l| Line::from(styled(l, style)))
            .collect()
    };
    let mut out = Vec::new();
    out.extend(para(
        &strings::changed_text(app.lang, &c.checklist_id, &c.old_version, &c.new_version),
        th.question(),
    ));
    out.push(Line::from(""));
    out.extend(para(app.t(S::ChangedKeep), th.text()));
    out.push(Line::from(""));
    if c.dropped.is_empty() {
        out.extend(para(app.t(S::NoneDropped), th.chosen()));
    } else {
        out.extend(para(app.t(S::DroppedHeading), th.title()));
        for (key, reason) in &c.dropped {
            for (i, l) in wrap(
                &format!("{key}: {}", reason.get(app.lang)),
                width.saturating_sub(4),
            )
            .into_iter()
            .enumerate()
            {
                let prefix = if i == 0 { "  • " } else { "    " };
                out.push(Line::from(format!("{prefix}{l}")));
            }
        }
    }
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let outer = area.inner(Margin::new(2, 1));
    let b = block(app, app.t(S::ChangedTitle), true);
    let inner = b.inner(outer).inner(Margin::new(1, 0));
    b.render(outer, buf);
    let w = inner.width.min(crate::tui::fit::READ_WIDTH) as usize;
    let keys: Vec<Line> = wrap(app.t(S::ChangedKeys), w)
        .into_iter()
        .map(|l| Line::from(styled(l, th.key())))
        .collect();
    let room = (inner.height as usize).saturating_sub(keys.len() + 1);
    let mut ls = lines(app, w);
    if ls.len() > room {
        let hidden = ls.len() - room + 1;
        ls.truncate(room.saturating_sub(1));
        ls.push(Line::from(styled(
            strings::and_more(app.lang, hidden),
            th.dim(),
        )));
    }
    render_lines(&ls, 0, inner, buf);
    let y = inner.y + inner.height.saturating_sub(keys.len() as u16);
    render_lines(
        &keys,
        0,
        Rect::new(inner.x, y, inner.width, keys.len() as u16),
        buf,
    );
}
