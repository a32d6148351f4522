//! The sign-off screen: the form (signer, role, statement) with the warning about open questions and
//! findings, the confirmation, a new key's password twice, the key's password, and the final screen.
//! Passwords are drawn only as their mask.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use super::{block, centered, render_lines, styled, truncate, wrap};
use crate::tui::app::App;
use crate::tui::signoff::{DONE_ROWS, DoneRow, KeyState, NAME, ROLE, STATEMENT, SignStep};
use crate::tui::strings::{self, S};

/// The framed area of the screen, titled.
fn frame(app: &App, area: Rect, buf: &mut Buffer, title: &str) -> Rect {
    let outer = area.inner(Margin::new(2, 1));
    let b = block(app, title, true);
    let inner = b.inner(outer).inner(Margin::new(1, 0));
    b.render(outer, buf);
    inner
}

/// A paragraph wrapped to `width`, at most the reading width.
fn para(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    wrap(text, width.min(crate::tui::fit::READ_WIDTH) as usize)
        .into_iter()
        .map(|l| Line::from(styled(l, style)))
        .collect()
}

fn path(p: &std::path::Path) -> String {
    p.display().to_string()
}

/// The warning about open required questions and findings, if there is anything to warn about.
pub fn warning(app: &App) -> Option<String> {
    let ui = &app.sign;
    if ui.open == 0 && ui.findings == 0 {
        return None;
    }
    let mut parts = vec![format!("⚠ {}:", app.t(S::WarnTitle))];
    if ui.open > 0 {
        parts.push(strings::warn_open(app.lang, ui.open));
    }
    if ui.findings > 0 {
        parts.push(strings::warn_findings(app.lang, ui.findings));
    }
    parts.push(app.t(S::WarnAllowed).to_string());
    Some(parts.join(" "))
}

fn key_text(app: &App) -> String {
    match &app.sign.key {
        None => app.t(S::KeyLooking).to_string(),
        Some(KeyState {
            key_id: Some(id),
            public,
            ..
        }) => strings::key_line(app.lang, id, &path(public)),
        Some(KeyState { key_id: None, .. }) => app.t(S::NoKeyYet).to_string(),
    }
}

fn field_block<'a>(app: &App, name: &str, focused: bool, error: Option<&str>) -> Block<'a> {
    let th = app.theme;
    let mut b = Block::bordered()
        .title(styled(
            format!(" {name} "),
            if focused { th.title() } else { th.text() },
        ))
        .border_style(if focused {
            th.focus_border()
        } else {
            th.border()
        });
    if let Some(e) = error {
        b = b.title_bottom(Line::from(styled(format!(" {e} "), th.error())).right_aligned());
    }
    b
}

/// A text field in a frame; the focused one is the live text area, the others show their text.
fn field(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    (name, focused, error): (String, bool, Option<&str>),
    t: &TextArea<'static>,
    multi_line: bool,
) {
    let b = field_block(app, &name, focused, error);
    let inner = b.inner(area);
    b.render(area, buf);
    if focused {
        super::field::render(t, inner, buf);
    } else if t.mask_char().is_some() {
        let n = t.lines().join("").chars().count();
        Line::from("•".repeat(n.min(inner.width as usize))).render(inner, buf);
    } else if multi_line {
        let lines: Vec<Line> = wrap(&t.lines().join("\n"), inner.width as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        render_lines(&lines, 0, inner, buf);
    } else {
        Line::from(truncate(&t.lines().join(" "), inner.width as usize)).render(inner, buf);
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match app.sign.step {
        SignStep::Form | SignStep::Confirm => {
            form(app, area, buf);
            if app.sign.step == SignStep::Confirm {
                confirm(app, area, buf);
            }
        }
        SignStep::NewKey => new_key(app, area, buf),
        SignStep::Password => password(app, area, buf),
        SignStep::Done => done(app, area, buf),
    }
}

fn form(app: &App, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let title = match &app.audit {
        Some(a) => format!("{} · {}", app.t(S::SignOff), a.draft.meta.organisation),
        None => app.t(S::SignOff).to_string(),
    };
    let inner = frame(app, area, buf, &title);
    let w = inner.width;
    let help = para(app.t(S::SignOffHelp), w, th.dim());
    let warn = warning(app)
        .map(|t| para(&t, w, th.error()))
        .unwrap_or_default();
    let key = para(&key_text(app), w, th.dim());
    let [help_a, warn_a, name_a, role_a, stmt_a, key_a] = Layout::vertical([
        Constraint::Length(help.len() as u16),
        Constraint::Length(if warn.is_empty() {
            0
        } else {
            warn.len() as u16 + 1
        }),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(key.len() as u16),
    ])
    .areas(inner);
    render_lines(&help, 0, help_a, buf);
    render_lines(&warn, 0, warn_a, buf);
    let ui = &app.sign;
    let focus = |i: usize| ui.step == SignStep::Form && ui.focus == i;
    let missing = (ui.tried && ui.name().is_empty()).then(|| app.t(S::FieldRequired));
    field(
        app,
        name_a,
        buf,
        (format!("{} *", app.t(S::SignerName)), focus(NAME), missing),
        &ui.fields[NAME],
        false,
    );
    field(
        app,
        role_a,
        buf,
        (
            format!("{} ({})", app.t(S::SignerRole), app.t(S::NotRequired)),
            focus(ROLE),
            None,
        ),
        &ui.fields[ROLE],
        false,
    );
    field(
        app,
        stmt_a,
        buf,
        (app.t(S::Statement).to_string(), focus(STATEMENT), None),
        &ui.fields[STATEMENT],
        true,
    );
    render_lines(&key, 0, key_a, buf);
}

fn confirm(app: &App, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let popup = centered(area, 64, 14);
    Clear.render(popup, buf);
    let b = Block::bordered()
        .title(Span::styled(
            format!(" {} ", app.t(S::ConfirmSignTitle)),
            th.title(),
        ))
        .border_style(th.focus_border());
    let mut text = vec![Line::from(app.t(S::ConfirmSignText)), Line::from("")];
    if let Some(w) = warning(app) {
        text.push(Line::from(Span::styled(w, th.error())));
        text.push(Line::from(""));
    }
    text.push(Line::from(Span::styled(
        app.t(S::ConfirmSignKeys),
        th.key(),
    )));
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .block(b)
        .render(popup, buf);
}

/// A line saying what runs, or the last error, below the fields.
fn state_lines(app: &App, busy: S, w: u16) -> Vec<Line<'static>> {
    let th = app.theme;
    if app.sign.busy {
        para(app.t(busy), w, th.accent())
    } else if let Some(e) = &app.sign.error {
        para(&format!("✗ {e}"), w, th.error())
    } else {
        Vec::new()
    }
}

fn new_key(app: &App, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let inner = frame(app, area, buf, app.t(S::NewKeyTitle));
    let w = inner.width;
    let dir = app
        .sign
        .key
        .as_ref()
        .map(|k| path(&k.dir))
        .unwrap_or_default();
    let mut text = para(&strings::new_key_text(app.lang, &dir), w, th.text());
    // Created: signing follows at once with the same password.
    let busy = match &app.sign.created {
        Some(k) => {
            text.push(Line::from(""));
            text.extend(para(
                &strings::key_created(app.lang, &k.key_id, &path(&k.public_key_path)),
                w,
                th.accent(),
            ));
            S::Signing
        }
        None => S::CreatingKey,
    };
    let state = state_lines(app, busy, w);
    let [text_a, first_a, second_a, state_a, help_a] = Layout::vertical([
        Constraint::Length(text.len() as u16 + 1),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(state.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    render_lines(&text, 0, text_a, buf);
    let ui = &app.sign;
    let focus = |i: usize| !ui.busy && ui.new_focus == i;
    let fw = w.min(50);
    field(
        app,
        Rect::new(first_a.x, first_a.y, fw, first_a.height),
        buf,
        (app.t(S::NewPassword).to_string(), focus(0), None),
        &ui.new_password[0],
        false,
    );
    field(
        app,
        Rect::new(second_a.x, second_a.y, fw, second_a.height),
        buf,
        (app.t(S::RepeatPassword).to_string(), focus(1), None),
        &ui.new_password[1],
        false,
    );
    render_lines(&state, 0, state_a, buf);
    render_lines(&para(app.t(S::PasswordHidden), w, th.dim()), 0, help_a, buf);
}

fn password(app: &App, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let inner = frame(app, area, buf, app.t(S::PasswordTitle));
    let w = inner.width;
    let mut top: Vec<Line> = Vec::new();
    if let Some(k) = &app.sign.created {
        top.extend(para(
            &strings::key_created(app.lang, &k.key_id, &path(&k.public_key_path)),
            w,
            th.accent(),
        ));
        top.push(Line::from(""));
    }
    top.extend(para(&key_text(app), w, th.dim()));
    let state = state_lines(app, S::Signing, w);
    let [top_a, field_a, state_a, help_a] = Layout::vertical([
        Constraint::Length(top.len() as u16 + 1),
        Constraint::Length(3),
        Constraint::Length(state.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    render_lines(&top, 0, top_a, buf);
    field(
        app,
        Rect::new(field_a.x, field_a.y, w.min(50), field_a.height),
        buf,
        (app.t(S::Password).to_string(), !app.sign.busy, None),
        &app.sign.password,
        false,
    );
    render_lines(&state, 0, state_a, buf);
    let help = format!("{} {}", app.t(S::PasswordHidden), app.t(S::EnterSigns));
    render_lines(&para(&help, w, th.dim()), 0, help_a, buf);
}

pub use crate::tui::signoff::verify_command;

/// Report file names that differ only in their extension as one line, the first in full and the others
/// by extension; otherwise one line each.
fn report_names(names: &[String]) -> Vec<String> {
    let stem = |n: &str| n.rfind('.').map(|i| n[..i].to_string());
    let first = names.first().and_then(|n| stem(n));
    let same = first.is_some() && names.iter().all(|n| stem(n) == first);
    match (same, first) {
        (true, Some(stem)) if names.len() > 1 => {
            let mut line = names[0].clone();
            for n in &names[1..] {
                line.push_str(" · ");
                line.push_str(&n[stem.len()..]);
            }
            vec![line]
        }
        _ => names.to_vec(),
    }
}

fn done(app: &App, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let inner = frame(app, area, buf, app.t(S::SignedTitle));
    let w = inner.width;
    let Some(s) = &app.sign.signed else {
        return;
    };
    let mut lines: Vec<Line> = para(app.t(S::SignedText), w, th.chosen());
    lines.push(Line::from(""));
    let labelled = |label: S, value: String, style: Style| -> Vec<Line<'static>> {
        para(&format!("{}: {value}", app.t(label)), w, style)
    };
    let file_name = |p: &std::path::Path| {
        p.file_name()
            .map_or_else(|| path(p), |n| n.to_string_lossy().into_owned())
    };
    lines.extend(labelled(S::ResultFile, path(&s.signed.result), th.text()));
    lines.extend(labelled(
        S::SignatureFile,
        strings::signature_beside(app.lang, &file_name(&s.signed.signature)),
        th.text(),
    ));
    lines.extend(para(
        &strings::key_line(app.lang, &s.signed.key_id, &path(&s.public_key)),
        w,
        th.text(),
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(styled(
        format!("{}:", app.t(S::VerifyWith)),
        th.title(),
    )));
    // On one line, so that a terminal selects it whole; when it is wider than the screen, `c` copies it.
    lines.push(Line::from(styled(
        truncate(&verify_command(&s.signed.result, &s.public_key), w as usize),
        th.key(),
    )));
    match &app.sign.reports {
        _ if app.sign.busy => {
            lines.push(Line::from(""));
            lines.extend(para(app.t(S::WritingReports), w, th.accent()));
        }
        Some(Ok(files)) => {
            lines.push(Line::from(""));
            lines.push(Line::from(styled(
                format!("{}:", app.t(S::ReportsWritten)),
                th.title(),
            )));
            // One line when they share a name (`NAME.report.md · .html · .pdf`), so that the archived
            // draft below still fits on a small screen.
            let names: Vec<String> = files.iter().map(|f| file_name(f)).collect();
            for line in report_names(&names) {
                lines.extend(para(&format!("  {line}"), w, th.text()));
            }
        }
        Some(Err(e)) => {
            lines.push(Line::from(""));
            lines.extend(para(
                &format!("✗ {}: {e}", app.t(S::ReportsFailed)),
                w,
                th.error(),
            ));
        }
        None => {}
    }
    // Last: the least important when the screen is short.
    lines.push(Line::from(""));
    match &s.archived {
        Ok(p) => lines.extend(labelled(S::DraftArchived, path(p), th.dim())),
        Err(e) => lines.extend(labelled(S::ArchiveFailed, e.clone(), th.error())),
    }
    let menu: Vec<Line> = DONE_ROWS
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let selected = i == app.sign.done_sel;
            let label = match row {
                DoneRow::Reports => app.t(S::WriteReports),
                DoneRow::Start => app.t(S::BackToStart),
                DoneRow::Quit => app.t(S::Quit),
            };
            let marker = if selected { "› " } else { "  " };
            Line::from(styled(
                truncate(&format!("{marker}{label}"), w as usize),
                if selected { th.cursor() } else { th.text() },
            ))
        })
        .collect();
    let [info_a, _, menu_a] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(menu.len() as u16),
    ])
    .areas(inner);
    // When the paths do not fit, drop the blank lines first.
    if lines.len() > info_a.height as usize {
        lines.retain(|l| l.width() > 0);
    }
    render_lines(&lines, 0, info_a, buf);
    render_lines(&menu, 0, menu_a, buf);
}

#[cfg(test)]
mod tests {
    use super::report_names;

    #[test]
    fn report_names_of_one_result_share_a_line() {
        let n = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(
            report_names(&n(&["a.report.md", "a.report.html", "a.report.pdf"])),
            ["a.report.md · .html · .pdf"]
        );
        assert_eq!(report_names(&n(&["a.report.md", "b.report.html"])).len(), 2);
        assert_eq!(report_names(&n(&["a.report.md"])), ["a.report.md"]);
        assert!(report_names(&[]).is_empty());
    }
}
