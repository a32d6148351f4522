//! The evidence form of one question: the files attached to it (the selected one marked), the path
//! field with the names that fit it, the caption field, and what the last attach or remove did.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::{block, styled, truncate};
use crate::i18n::{evidence as tx, vocab};
use crate::text::sanitize_line;
use crate::tui::app::App;

/// The lines listing the question's files: „› 1) name (size) – caption“, or that there are none.
pub fn file_lines(app: &App) -> Vec<String> {
    let (Some(a), Some(form)) = (app.audit.as_ref(), app.evidence.as_ref()) else {
        return Vec::new();
    };
    let files: Vec<String> = crate::evidence::of_question(&a.draft.evidence, &form.question)
        .enumerate()
        .map(|(n, (_, e))| {
            let mark = if n == form.selected { "›" } else { " " };
            let caption = if e.caption.is_empty() {
                String::new()
            } else {
                format!(" – {}", sanitize_line(&e.caption))
            };
            format!(
                "{mark} {}) {} ({}, SHA-256 {}…){caption}",
                n + 1,
                sanitize_line(&e.name),
                crate::evidence::size_text(e.size),
                crate::evidence::short_hash(&e.sha256)
            )
        })
        .collect();
    if files.is_empty() {
        vec![tx::NONE.get(app.lang).to_string()]
    } else {
        files
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(form) = app.evidence.as_ref() else {
        return;
    };
    let th = app.theme;
    let lang = app.lang;
    let outer = area.inner(Margin::new(2, 1));
    let title = format!(
        "{} · {}",
        vocab::EVIDENCE.get(lang),
        sanitize_line(&form.title)
    );
    let b = block(app, &title, true);
    let inner = b.inner(outer).inner(Margin::new(1, 0));
    b.render(outer, buf);
    let read = inner.width.min(crate::tui::fit::READ_WIDTH) as usize;

    let help: Vec<Line> = super::wrap(tx::FORM_HELP.get(lang), read)
        .into_iter()
        .map(|l| Line::from(styled(l, th.dim())))
        .collect();
    let files = file_lines(app);
    let help_h = u16::try_from(help.len() + 1).unwrap_or(u16::MAX);
    // The list takes what it needs, at most a third of the form; the fields keep their rows.
    let list_h = u16::try_from(files.len() + 1)
        .unwrap_or(u16::MAX)
        .min((inner.height / 3).max(2));
    let cand_h =
        u16::try_from(form.candidates.len().min(crate::tui::evidence::COMPLETIONS)).unwrap_or(0);
    let areas = Layout::vertical([
        Constraint::Length(help_h),
        Constraint::Length(list_h),
        Constraint::Length(3),
        Constraint::Length(cand_h),
        Constraint::Length(3),
        Constraint::Length(2),
        Constraint::Fill(1),
    ])
    .split(inner);
    super::render_lines(&help, 0, areas[0], buf);

    let heading = Line::from(styled(tx::LIST.get(lang), th.text()));
    let mut list = vec![heading];
    list.extend(
        files
            .iter()
            .map(|l| Line::from(styled(truncate(l, read), th.text()))),
    );
    // Keep the selected file in sight when the list is longer than its rows.
    let skip = form
        .selected
        .saturating_sub(usize::from(list_h.saturating_sub(2)));
    super::render_lines(&list, skip, areas[1], buf);

    let frame = |i: usize, name: &str| {
        let focused = i == form.focus;
        Block::bordered()
            .title(styled(
                format!(" {name} "),
                if focused { th.title() } else { th.text() },
            ))
            .border_style(if focused {
                th.focus_border()
            } else {
                th.border()
            })
    };
    for (i, (name, field, at)) in [
        (tx::PATH.get(lang), &form.path, areas[2]),
        (tx::CAPTION_FIELD.get(lang), &form.caption, areas[4]),
    ]
    .into_iter()
    .enumerate()
    {
        let b = frame(i, name);
        let field_area = b.inner(at);
        b.render(at, buf);
        if form.focus == i && !form.busy {
            field.render(field_area, buf);
        } else {
            let text = sanitize_line(&field.lines().join(" ")).into_owned();
            Line::from(truncate(&text, field_area.width as usize)).render(field_area, buf);
        }
    }
    let cands: Vec<Line> = form
        .candidates
        .iter()
        .map(|c| {
            Line::from(styled(
                truncate(&format!("  {}", sanitize_line(c)), read),
                th.dim(),
            ))
        })
        .collect();
    super::render_lines(&cands, 0, areas[3], buf);

    let message = if form.busy {
        Some((tx::WORKING.get(lang).to_string(), false))
    } else {
        form.message.clone()
    };
    if let Some((m, is_error)) = message {
        let style = if is_error { th.error() } else { th.text() };
        let lines: Vec<Line> = super::wrap(&m, read)
            .into_iter()
            .map(|l| Line::from(styled(l, style)))
            .collect();
        super::render_lines(&lines, 0, areas[5], buf);
    }
}
