//! The question screen: position and progress, the wrapped question, the answer widget of its kind,
//! inline errors, the name of an `other` choice, the note; the outline beside it on wide terminals.

use crate::text::sanitize_line;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Widget};

use super::{block, render_lines, styled, truncate, wrap};
use crate::audit::{Key, Session};
use crate::checklist::{Kind, Question};
use crate::tui::app::{App, Focus, Row, is_chosen, rows};
use crate::tui::strings::{self, S};

/// Width of the outline side panel on wide terminals.
pub const OUTLINE_WIDTH: u16 = 42;

/// Where everything goes; shared by drawing and mouse hit-testing.
pub struct QLayout {
    pub header: Rect,
    pub outline: Option<Rect>,
    pub text: Rect,
    pub text_lines: Vec<Line<'static>>,
    pub answers: Rect,
    pub error: Rect,
    pub other: Rect,
    pub note: Rect,
}

/// The item label of a repetition ("WhatsApp"), for `{item}`.
pub fn item_label(s: &Session, key: Key, lang: &str) -> Option<String> {
    s.item_label(key.section, key.item, lang)
}

/// "Abschnitt 2/7 · Frage 5/23" for `key`.
pub fn position(app: &App, s: &Session, key: Key) -> String {
    let visible: Vec<_> = s.instances().into_iter().filter(|i| i.visible).collect();
    let sec = visible
        .iter()
        .position(|i| i.section == key.section && i.item == key.item)
        .map_or(0, |p| p + 1);
    let (q, qs) = s.position_in_section(key).unwrap_or((0, 0));
    strings::position(app.lang, sec, visible.len(), q, qs)
}

fn row_height(app: &App, q: &Question, row: Row) -> u16 {
    match row {
        Row::Field if q.kind == Kind::Text => (app.q.input.lines().len() as u16).clamp(2, 6) + 2,
        Row::Field => 3,
        _ => 1,
    }
}

fn first_row(heights: &[u16], cursor: usize, avail: u16) -> usize {
    let mut first = 0;
    while first < cursor && heights[first..=cursor].iter().sum::<u16>() > avail {
        first += 1;
    }
    first
}

pub fn layout(app: &App, area: Rect) -> Option<QLayout> {
    let s = app.session()?;
    let (key, q) = app.current()?;
    let (main, outline) = if app.wide() {
        let [m, o] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(OUTLINE_WIDTH)])
            .areas(area);
        (m, Some(o))
    } else {
        (area, None)
    };
    let [header, rest] = Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(main);
    let mut body = rest.inner(Margin::new(2, 1));
    body.width = body.width.min(crate::tui::fit::READ_WIDTH);
    let w = body.width as usize;
    let code = app.code();
    let item = item_label(s, key, code);

    // Question text (with the section intro before the first question of a repetition).
    let mut text_lines: Vec<Line<'static>> = Vec::new();
    let section = &s.checklist().sections[key.section];
    if s.position_in_section(key).is_some_and(|(p, _)| p == 1)
        && let Some(intro) = &section.intro
    {
        for l in wrap(&intro.render(code, item.as_deref()), w) {
            text_lines.push(Line::from(styled(l, app.theme.dim())));
        }
        text_lines.push(Line::from(""));
    }
    for l in wrap(&q.text.render(code, item.as_deref()), w) {
        text_lines.push(Line::from(styled(l, app.theme.question())));
    }
    if !q.required {
        text_lines.push(Line::from(styled(
            format!("({})", app.t(S::NotRequired)),
            app.theme.dim(),
        )));
    }
    // A question about the DPIA shows the screening's current verdict, so that the auditor never has to
    // remember it (and it cannot go stale when answers change).
    if let Some(line) = crate::explain::current_verdict(app.lang, s, key) {
        for l in wrap(&line, w) {
            text_lines.push(Line::from(styled(l, app.theme.accent())));
        }
    }
    // A measure the earlier audit of this unit raised here, with where it stands.
    if let Some(a) = app.audit.as_ref() {
        for line in crate::explain::earlier_measures(app.lang, &a.draft, s, key) {
            for l in wrap(&sanitize_line(&line), w) {
                text_lines.push(Line::from(styled(l, app.theme.accent())));
            }
        }
    }

    let note_text = crate::tui::app::App::note_text(app);
    let note_h: u16 = if app.q.focus == Focus::Note {
        5
    } else if app.q.focus == Focus::Reason {
        3
    } else if note_text.trim().is_empty() {
        1
    } else {
        (wrap(&note_text, w.saturating_sub(2)).len() as u16).clamp(1, 3) + 2
    };
    let other_h: u16 = if app.q.focus == Focus::Other || other_selected(app, s, key, q) {
        3
    } else {
        0
    };
    let error_h: u16 = u16::from(app.q.error.is_some());
    let rs = rows(q);
    let answers_need: u16 = rs.iter().map(|r| row_height(app, q, *r)).sum();
    let fixed = note_h + other_h + error_h + 2;
    let avail_text = body.height.saturating_sub(fixed + answers_need.min(5));
    let text_h = (text_lines.len() as u16).min(avail_text.max(1));
    let answers_h = answers_need.min(body.height.saturating_sub(text_h + fixed));
    let [text, _, answers, error, other, _, note] = Layout::vertical([
        Constraint::Length(text_h),
        Constraint::Length(1),
        Constraint::Length(answers_h.max(1)),
        Constraint::Length(error_h),
        Constraint::Length(other_h),
        Constraint::Fill(1),
        Constraint::Length(note_h),
    ])
    .areas(body);
    Some(QLayout {
        header,
        outline,
        text,
        text_lines,
        answers,
        error,
        other,
        note,
    })
}

fn other_selected(app: &App, s: &Session, key: Key, q: &Question) -> bool {
    let _ = app;
    let r = s.answer(key).response.as_ref();
    q.options
        .iter()
        .enumerate()
        .any(|(i, o)| o.other && is_chosen(Row::Opt(i), r))
}

/// The answer row at a screen position (for the mouse).
pub fn row_at(app: &App, full: Rect, pos: Position) -> Option<usize> {
    let body = Rect::new(full.x, full.y, full.width, full.height.saturating_sub(1));
    let l = layout(app, body)?;
    if !l.answers.contains(pos) {
        return None;
    }
    let (_, q) = app.current()?;
    let rs = rows(q);
    let heights: Vec<u16> = rs.iter().map(|r| row_height(app, q, *r)).collect();
    let first = first_row(&heights, app.q.cursor, l.answers.height);
    let mut y = l.answers.y;
    for (i, h) in heights.iter().enumerate().skip(first) {
        if pos.y >= y && pos.y < y + h {
            return Some(i);
        }
        y += h;
    }
    None
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (Some(s), Some((key, q)), Some(l)) = (app.session(), app.current(), layout(app, area))
    else {
        return;
    };
    let th = app.theme;
    let code = app.code();

    // Header: checklist and position, section title, progress gauge.
    let h = l.header.inner(Margin::new(2, 0));
    let pos = position(app, s, key);
    let title = truncate(
        s.checklist().title.get(code),
        (h.width as usize).saturating_sub(pos.chars().count() + 2),
    );
    Line::from(styled(title, th.dim())).render(Rect::new(h.x, h.y, h.width, 1), buf);
    Line::from(styled(pos, th.accent()))
        .right_aligned()
        .render(Rect::new(h.x, h.y, h.width, 1), buf);
    let item = item_label(s, key, code);
    let section_title = s.checklist().sections[key.section]
        .title
        .render(code, item.as_deref())
        .into_owned();
    Line::from(styled(
        truncate(&section_title, h.width as usize),
        th.title(),
    ))
    .render(Rect::new(h.x, h.y + 1, h.width, 1), buf);
    let p = s.progress();
    LineGauge::default()
        .ratio(p.ratio().clamp(0.0, 1.0))
        .label(strings::progress(app.lang, p.answered, p.required))
        .filled_symbol("━")
        .unfilled_symbol("─")
        .filled_style(th.gauge())
        .unfilled_style(th.dim())
        .render(Rect::new(h.x, h.y + 2, h.width, 1), buf);

    render_lines(&l.text_lines, 0, l.text, buf);
    render_answers(app, s, key, q, l.answers, buf);

    if let Some(e) = &app.q.error {
        Line::from(styled(
            format!("✗ {}", truncate(e, l.error.width as usize)),
            th.error(),
        ))
        .render(l.error, buf);
    }
    if l.other.height > 0 {
        let focused = app.q.focus == Focus::Other;
        let b = block(app, app.t(S::OtherName), focused);
        let inner = b.inner(l.other);
        b.render(l.other, buf);
        if focused {
            app.q.other.render(inner, buf);
        } else {
            let name = s.answer(key).other.clone().unwrap_or_default();
            Line::from(truncate(&name, inner.width as usize)).render(inner, buf);
        }
    }
    render_note(app, l.note, buf);

    if let Some(o) = l.outline {
        super::outline::render_panel(app, o, buf);
    } else if app.outline_focused {
        super::outline::render_overlay(app, area, buf);
    }
}

/// The field for the reason of the last change, titled with that change's question.
fn render_reason(app: &App, area: Rect, buf: &mut Buffer) {
    let subject = app
        .audit
        .as_ref()
        .and_then(|a| {
            let key = &a.draft.history.last()?.key;
            let s = &a.session;
            Some(match s.parse_key(key) {
                Some(k) => {
                    let label = s.item_label(k.section, k.item, app.code());
                    s.question(k)
                        .text
                        .render(app.code(), label.as_deref())
                        .into_owned()
                }
                None => key.clone(),
            })
        })
        .unwrap_or_default();
    let title = crate::i18n::fill(
        app.t(S::ReasonTitle),
        &[&crate::text::sanitize_line(&subject)],
    );
    let title = truncate(&title, area.width.saturating_sub(4) as usize);
    let b = block(app, &title, true);
    let inner = b.inner(area);
    b.render(area, buf);
    super::field::render(&app.q.reason, inner, buf);
}

fn render_note(app: &App, area: Rect, buf: &mut Buffer) {
    if app.q.focus == Focus::Reason {
        render_reason(app, area, buf);
        return;
    }
    let th = app.theme;
    let focused = app.q.focus == Focus::Note;
    let text = App::note_text(app);
    let evidence = evidence_mark(app);
    if !focused && text.trim().is_empty() {
        let multi = app.current().is_some_and(|(_, q)| q.kind == Kind::Multi);
        let hint = if multi {
            S::NoteEmptyMulti
        } else {
            S::NoteEmpty
        };
        Line::from(styled(format!("{}{evidence}", app.t(hint)), th.dim())).render(area, buf);
        return;
    }
    let b = block(app, &format!("{}{evidence}", app.t(S::Note)), focused);
    let inner = b.inner(area);
    b.render(area, buf);
    if focused {
        super::field::render(&app.q.note, inner, buf);
    } else {
        let lines: Vec<Line> = wrap(&text, inner.width as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        render_lines(&lines, 0, inner, buf);
    }
}

/// „ · Belege: 2 (a)“ when files are attached to the current question, else nothing.
fn evidence_mark(app: &App) -> String {
    let count = app.audit.as_ref().map_or(0, |a| {
        a.session.current().map_or(0, |k| {
            let key = a.session.key_string(k);
            crate::evidence::of_question(&a.draft.evidence, &key).count()
        })
    });
    if count == 0 {
        String::new()
    } else {
        format!(
            " · {}: {count} (a)",
            crate::i18n::vocab::EVIDENCE.get(app.lang)
        )
    }
}

fn field_title(app: &App, q: &Question) -> String {
    match q.kind {
        Kind::Number => match (q.min, q.max) {
            (Some(a), Some(b)) => format!(
                "{} {}–{}",
                app.t(S::Range),
                strings::num(a),
                strings::num(b)
            ),
            (Some(a), None) => format!("≥ {}", strings::num(a)),
            (None, Some(b)) => format!("≤ {}", strings::num(b)),
            (None, None) => "123".to_string(),
        },
        Kind::Date => match app.lang {
            crate::lang::Lang::De => "TT.MM.JJJJ".to_string(),
            crate::lang::Lang::En => "YYYY-MM-DD".to_string(),
        },
        _ => String::new(),
    }
}

fn render_answers(app: &App, s: &Session, key: Key, q: &Question, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let code = app.code();
    let item = item_label(s, key, code);
    let answer = s.answer(key);
    let r = answer.response.as_ref();
    let rs = rows(q);
    let heights: Vec<u16> = rs.iter().map(|row| row_height(app, q, *row)).collect();
    let first = first_row(&heights, app.q.cursor, area.height);
    let mut y = area.y;
    let answer_focus = app.q.focus == Focus::Answer && !app.outline_focused;
    let fits = heights[first..]
        .iter()
        .scan(0u16, |sum, h| {
            *sum += h;
            Some(*sum)
        })
        .take_while(|sum| *sum <= area.height)
        .count();
    // In the margin right of the answers: more rows than fit (a long option list at 80x24).
    super::scrollbar(app, area.right() + 1, area, (first, fits, rs.len()), buf);
    for (i, row) in rs.iter().enumerate().skip(first) {
        let h = heights[i];
        if y + h > area.bottom() {
            break;
        }
        let rect = Rect::new(area.x, y, area.width, h);
        y += h;
        let at_cursor = i == app.q.cursor && answer_focus;
        if *row == Row::Field {
            let b = Block::bordered()
                .title(styled(format!(" {} ", field_title(app, q)), th.dim()))
                .border_style(if at_cursor {
                    th.focus_border()
                } else {
                    th.border()
                });
            let inner = b.inner(rect);
            b.render(rect, buf);
            if at_cursor {
                super::field::render(&app.q.input, inner, buf);
            } else {
                let lines: Vec<Line> = app
                    .q
                    .input
                    .lines()
                    .iter()
                    .map(|l| Line::from(truncate(l, inner.width as usize)))
                    .collect();
                render_lines(&lines, 0, inner, buf);
            }
            continue;
        }
        let chosen = is_chosen(*row, r);
        let mark = match (row, q.kind) {
            (Row::Opt(_), Kind::Multi) => {
                if chosen {
                    "[x] "
                } else {
                    "[ ] "
                }
            }
            _ => {
                if chosen {
                    "(•) "
                } else {
                    "( ) "
                }
            }
        };
        let label = match row {
            Row::Yes => app.t(S::Yes).to_string(),
            Row::No => app.t(S::No).to_string(),
            Row::Opt(o) => {
                let opt = &q.options[*o];
                let mut l = opt.label.render(code, item.as_deref()).into_owned();
                if opt.other
                    && chosen
                    && let Some(name) = &answer.other
                {
                    l = format!("{l}: {name}");
                }
                l
            }
            Row::Unknown => app.t(S::Unknown).to_string(),
            Row::NotApplicable => app.t(S::NotApplicable).to_string(),
            Row::Field => String::new(),
        };
        let style = if at_cursor {
            th.cursor()
        } else if chosen {
            th.chosen()
        } else if matches!(row, Row::Unknown | Row::NotApplicable) {
            th.dim()
        } else {
            th.text()
        };
        let pointer = if at_cursor { "› " } else { "  " };
        Line::from(vec![
            Span::raw(pointer),
            Span::styled(
                truncate(
                    &format!("{mark}{label}"),
                    (area.width as usize).saturating_sub(2),
                ),
                style,
            ),
        ])
        .render(rect, buf);
    }
}
