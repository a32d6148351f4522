//! The action-plan form of one measure: its title and measure, then status, owner, due date and
//! justification, the error of the last confirmation under them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::{block, styled, truncate};
use crate::audit::plan::Status;
use crate::i18n::vocab;
use crate::text::sanitize_line;
use crate::tui::app::App;
use crate::tui::strings::S;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(form) = app.plan.as_ref() else {
        return;
    };
    let th = app.theme;
    let lang = app.lang;
    let outer = area.inner(Margin::new(2, 1));
    let title = format!(
        "{} · {}",
        vocab::ACTION_PLAN.get(lang),
        sanitize_line(&form.title)
    );
    let b = block(app, &title, true);
    let inner = b.inner(outer).inner(Margin::new(1, 0));
    b.render(outer, buf);
    let read = inner.width.min(crate::tui::fit::READ_WIDTH) as usize;

    let mut head: Vec<Line> = super::wrap(
        &format!(
            "{}: {}",
            vocab::MEASURE.get(lang),
            sanitize_line(&form.measure)
        ),
        read,
    )
    .into_iter()
    .map(|l| Line::from(styled(l, th.text())))
    .collect();
    head.extend(
        super::wrap(app.t(S::PlanHelp), read)
            .into_iter()
            .map(|l| Line::from(styled(l, th.dim()))),
    );
    let head_h = u16::try_from(head.len() + 1).unwrap_or(u16::MAX);
    let areas = Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(2),
        Constraint::Fill(1),
    ])
    .split(inner);
    super::render_lines(&head, 0, areas[0], buf);

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
    // The status: every choice, the chosen one marked.
    let b = frame(0, vocab::PLAN_STATUS.get(lang));
    let status_area = b.inner(areas[1]);
    b.render(areas[1], buf);
    let choices: Vec<String> = Status::ALL
        .iter()
        .map(|s| {
            let mark = if *s == form.status { "●" } else { "○" };
            format!("{mark} {}", s.word().get(lang))
        })
        .collect();
    Line::from(truncate(&choices.join("   "), status_area.width as usize)).render(status_area, buf);

    let names = [
        vocab::PLAN_OWNER.get(lang).to_string(),
        format!(
            "{} ({})",
            vocab::PLAN_DUE.get(lang),
            crate::i18n::T::new("TT.MM.JJJJ", "YYYY-MM-DD").get(lang)
        ),
        if form.status == Status::AcceptedRisk {
            format!("{} *", vocab::PLAN_JUSTIFICATION.get(lang))
        } else {
            vocab::PLAN_JUSTIFICATION.get(lang).to_string()
        },
    ];
    for (i, name) in names.iter().enumerate() {
        let b = frame(i + 1, name);
        let field_area = b.inner(areas[i + 2]);
        b.render(areas[i + 2], buf);
        if form.focus == i + 1 {
            form.fields[i].render(field_area, buf);
        } else {
            let text = form.fields[i].lines().join(" ");
            Line::from(truncate(&text, field_area.width as usize)).render(field_area, buf);
        }
    }
    if let Some(e) = &form.error {
        Line::from(styled(truncate(e, read), th.error())).render(areas[5], buf);
    }
}
