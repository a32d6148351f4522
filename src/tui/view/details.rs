//! The audit details form: organisation, unit, interview partners, auditor, audit date.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::{block, styled, truncate};
use crate::audit::{FieldProblem, MetaField};
use crate::tui::app::App;
use crate::tui::strings::S;

fn label(f: MetaField) -> S {
    match f {
        MetaField::Organisation => S::Organisation,
        MetaField::Unit => S::Unit,
        MetaField::Interviewees => S::Interviewees,
        MetaField::Auditor => S::Auditor,
        MetaField::AuditDate => S::AuditDate,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = app.theme;
    let outer = area.inner(Margin::new(2, 1));
    let checklist_title = app
        .details
        .new_checklist
        .as_ref()
        .or(app.audit.as_ref().map(|a| a.session.checklist()))
        .map(|c| c.title.get(app.code()).to_string())
        .unwrap_or_default();
    let title = format!("{} · {}", app.t(S::DetailsTitle), checklist_title);
    let b = block(app, &title, true);
    let inner = b.inner(outer).inner(Margin::new(1, 0));
    b.render(outer, buf);

    let mut constraints = vec![Constraint::Length(3)];
    constraints.extend(MetaField::ALL.iter().map(|_| Constraint::Length(3)));
    constraints.push(Constraint::Fill(1));
    let areas = Layout::vertical(constraints).split(inner);

    let read = inner.width.min(crate::tui::fit::READ_WIDTH);
    let help: Vec<Line> = super::wrap(app.t(S::DetailsHelp), read as usize)
        .into_iter()
        .map(|l| Line::from(styled(l, th.dim())))
        .collect();
    super::render_lines(&help, 0, areas[0], buf);

    let problems = app.details.meta(app.lang).err().unwrap_or_default();
    for (i, f) in MetaField::ALL.iter().enumerate() {
        let focused = i == app.details.focus;
        let mut name = app.t(label(*f)).to_string();
        if f.required() {
            name.push_str(" *");
        }
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
        let problem = problems.iter().find(|(p, _)| p == f).map(|(_, p)| match p {
            FieldProblem::Missing => app.t(S::FieldRequired),
            FieldProblem::Date(e) => e.text().get(app.lang),
        });
        if let Some(problem) = problem.filter(|_| app.details.tried) {
            b = b.title_bottom(
                Line::from(styled(format!(" {problem} "), th.error())).right_aligned(),
            );
        }
        let field_area = areas[i + 1];
        let inner = b.inner(field_area);
        b.render(field_area, buf);
        if focused {
            app.details.fields[i].render(inner, buf);
        } else {
            let text = app.details.fields[i].lines().join(" ");
            Line::from(truncate(&text, inner.width as usize)).render(inner, buf);
        }
    }
}
