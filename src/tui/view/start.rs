//! The start screen (new audit, resume a draft, the signed results, quit) and the checklist picker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{block, render_lines, scroll_for, scrollbar, styled, truncate_words, wrap_lines};
use crate::catalog::Origin;
use crate::i18n::results;
use crate::tui::app::{App, StartRow};
use crate::tui::strings::{self, S};

fn frame(app: &App, area: Rect, buf: &mut Buffer, title: &str) -> Rect {
    let outer = area.inner(ratatui::layout::Margin::new(2, 1));
    let b = block(app, title, true);
    let inner = b.inner(outer);
    b.render(outer, buf);
    inner.inner(ratatui::layout::Margin::new(1, 0))
}

fn marker(selected: bool) -> &'static str {
    if selected { "› " } else { "  " }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!(
        "{} · {}",
        app.t(S::AppName),
        match app.lang {
            crate::lang::Lang::De => "Datenschutzprüfung Messenger",
            crate::lang::Lang::En => "messenger data protection audit",
        }
    );
    let inner = frame(app, area, buf, &title);
    let w = inner.width as usize;
    let th = app.theme;
    let rows = app.start_rows();
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_line = 0;
    lines.push(Line::from(""));
    for (i, row) in rows.iter().enumerate() {
        let selected = i == app.start_sel;
        if selected {
            sel_line = lines.len();
        }
        let style = if selected { th.cursor() } else { th.text() };
        match row {
            StartRow::New => {
                lines.push(Line::from(styled(
                    format!("{}{}", marker(selected), app.t(S::NewAudit)),
                    style,
                )));
                lines.push(Line::from(""));
                lines.push(Line::from(styled(app.t(S::ResumeHeading), th.title())));
                if app.drafts.is_empty() {
                    lines.push(Line::from(styled(
                        format!("  {}", app.t(S::NoDrafts)),
                        th.dim(),
                    )));
                }
            }
            StartRow::Draft(d) => {
                let d = &app.drafts[*d];
                if let Some(reason) = &d.damaged {
                    let text = format!(
                        "{}⚠ {} — {}: {}",
                        marker(selected),
                        d.audit_id,
                        app.t(S::Damaged),
                        reason
                    );
                    let st = if selected { th.cursor() } else { th.dim() };
                    lines.push(Line::from(styled(truncate_words(&text, w), st)));
                } else {
                    let who = if d.unit.is_empty() {
                        d.organisation.clone()
                    } else {
                        format!("{} · {}", d.organisation, d.unit)
                    };
                    lines.push(Line::from(styled(
                        truncate_words(&format!("{}{}", marker(selected), who), w),
                        style,
                    )));
                    let progress = match d.progress {
                        Some(p) => strings::progress_short(app.lang, p.answered, p.required),
                        None => app.t(S::ProgressUnknown).to_string(),
                    };
                    let when = d
                        .updated
                        .map(|t| {
                            strings::last_change(
                                app.lang,
                                &crate::i18n::dates::time_short(app.lang, t, &app.tz),
                            )
                        })
                        .unwrap_or_default();
                    // Progress and time first: on a narrow screen the checklist's title is what is cut.
                    let facts = if when.is_empty() {
                        format!("    {progress} · {}", d.checklist)
                    } else {
                        format!("    {progress} · {when} · {}", d.checklist)
                    };
                    lines.push(Line::from(styled(truncate_words(&facts, w), th.dim())));
                }
            }
            StartRow::Results => {
                lines.push(Line::from(""));
                lines.push(Line::from(styled(
                    format!("{}{}", marker(selected), results::TITLE.get(app.lang)),
                    style,
                )));
            }
            StartRow::Quit => {
                lines.push(Line::from(""));
                lines.push(Line::from(styled(
                    format!("{}{}", marker(selected), app.t(S::Quit)),
                    style,
                )));
            }
        }
    }
    // A message (e.g. why a draft cannot be opened) in full below the list.
    let notice: Vec<Line> = app
        .start_notice
        .as_deref()
        .map(|n| {
            super::wrap(n, w)
                .into_iter()
                .map(|l| Line::from(styled(l, th.error())))
                .collect()
        })
        .unwrap_or_default();
    let [list, note] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(notice.len() as u16)])
            .areas(inner);
    let off = scroll_for(sel_line, lines.len(), list.height as usize);
    render_lines(&lines, off, list, buf);
    // On the frame's right border (the list has one column of margin before it).
    let h = list.height as usize;
    scrollbar(app, list.right() + 1, list, (off, h, lines.len()), buf);
    render_lines(&notice, 0, note, buf);
}

pub fn render_pick(app: &App, area: Rect, buf: &mut Buffer) {
    let inner = frame(app, area, buf, app.t(S::PickChecklist));
    let th = app.theme;
    let w = inner.width as usize;
    if app.catalog.is_empty() {
        Line::from(styled(app.t(S::NoChecklists), th.dim())).render(inner, buf);
        return;
    }
    // The description gets the room the list leaves (at least four lines), cut at a word if it needs more.
    let description = match app.catalog.get(app.pick_sel).map(|e| &e.checklist) {
        Some(Ok(c)) => c.description.get(app.code()).to_string(),
        _ => String::new(),
    };
    let read = w.min(usize::from(crate::tui::fit::READ_WIDTH));
    let desc_need = super::wrap(&description, read).len() as u16;
    let list_need = 1 + 2 * app.catalog.len() as u16;
    let desc_h = desc_need
        .min(inner.height.saturating_sub(list_need + 1))
        .max(desc_need.min(4));
    let [list, _, desc] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(desc_h),
    ])
    .areas(inner);
    let mut lines: Vec<Line> = vec![Line::from("")];
    let mut sel_line = 0;
    for (i, e) in app.catalog.iter().enumerate() {
        let selected = i == app.pick_sel;
        if selected {
            sel_line = lines.len();
        }
        let source = match e.origin {
            Origin::Shipped => app.t(S::SourceShipped),
            Origin::Extra => app.t(S::SourceFolder),
            Origin::User => app.t(S::SourceUser),
        };
        let file = e
            .path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Ok(c) = &e.checklist {
            let title = c.title.get(app.code());
            let style = if selected { th.cursor() } else { th.text() };
            lines.push(Line::from(styled(
                truncate_words(&format!("{}{}", marker(selected), title), w),
                style,
            )));
            lines.push(Line::from(styled(
                truncate_words(
                    &format!("    {} {} · {} · {}", c.id, c.version, file, source),
                    w,
                ),
                th.dim(),
            )));
        } else {
            let style = if selected { th.cursor() } else { th.dim() };
            lines.push(Line::from(styled(
                truncate_words(
                    &format!(
                        "{}⚠ {} — {}",
                        marker(selected),
                        file,
                        app.t(S::ChecklistBroken)
                    ),
                    w,
                ),
                style,
            )));
            lines.push(Line::from(styled(format!("    {source}"), th.dim())));
        }
    }
    let off = scroll_for(sel_line, lines.len(), list.height as usize);
    render_lines(&lines, off, list, buf);
    let h = list.height as usize;
    scrollbar(app, list.right() + 1, list, (off, h, lines.len()), buf);
    let read = desc.width.min(crate::tui::fit::READ_WIDTH) as usize;
    let text: Vec<Line> = wrap_lines(&description, read, desc.height as usize)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, th.dim())))
        .collect();
    render_lines(&text, 0, desc, buf);
}
