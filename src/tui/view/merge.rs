//! The merge's review of conflicts, drawn: „Konflikt 2 von 3“, what is asked, each value with the drafts
//! holding it, its note and who changed it last; at the end every decision and how to save. Pure.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::super::app::{MIN_HEIGHT, MIN_WIDTH};
use super::super::merge::Review;
use super::super::strings::S;
use crate::i18n::{dates, fill};
use crate::text::sanitize_line;

impl Widget for &Review {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Paragraph::new(S::TooSmall.get(lang))
                .style(self.theme.error())
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let [body, bar] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        // One column of margin on either side; running text at most READ_WIDTH wide.
        let width = body
            .width
            .saturating_sub(2)
            .min(super::super::fit::READ_WIDTH);
        let body = Rect::new(body.x + 1, body.y, width, body.height);
        let lines = if self.done() {
            decided(self)
        } else {
            conflict(self)
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(body, buf);
        let contexts = self.contexts();
        // Ctrl+C and F1 of the global context are not hinted: q cancels, and there is no help here.
        super::hints(&contexts[..1], lang, self.theme, bar.width as usize).render(bar, buf);
    }
}

fn title(r: &Review, what: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{} · ", S::MergeTitle.get(r.lang)), r.theme.title()),
        Span::styled(what, r.theme.title()),
    ])
}

/// The conflict shown, with its values.
fn conflict(r: &Review) -> Vec<Line<'static>> {
    let lang = r.lang;
    let Some(c) = r.current() else {
        return Vec::new();
    };
    let mut out = vec![
        title(
            r,
            fill(
                S::MergeConflictOf.get(lang),
                &[&(r.at + 1).to_string(), &r.conflicts.len().to_string()],
            ),
        ),
        Line::raw(""),
        Line::styled(
            sanitize_line(c.asked.get(lang)).into_owned(),
            r.theme.question(),
        ),
        Line::styled(sanitize_line(c.subject.key()).into_owned(), r.theme.dim()),
        Line::raw(""),
    ];
    for (i, x) in c.candidates.iter().enumerate() {
        let focused = i == r.cursor;
        let marker = if focused { "›" } else { " " };
        let who: Vec<&str> = x.parts.iter().map(|p| r.names[*p].as_str()).collect();
        let style = if focused {
            r.theme.cursor()
        } else {
            r.theme.text()
        };
        let mut head = vec![
            Span::styled(format!("{marker} {}  ", i + 1), style),
            Span::styled(sanitize_line(&who.join(", ")).into_owned(), style),
        ];
        if r.picks[r.at] == Some(i) {
            head.push(Span::styled(
                format!("  ({})", S::MergeChosen.get(lang)),
                r.theme.accent(),
            ));
        }
        out.push(Line::from(head));
        out.push(Line::styled(
            format!("     {}", sanitize_line(x.shown.get(lang))),
            r.theme.chosen(),
        ));
        if let Some(note) = &x.note {
            out.push(Line::styled(
                format!("     {}: {}", S::Note.get(lang), sanitize_line(note)),
                r.theme.text(),
            ));
        }
        if let Some((by, at)) = &x.last {
            out.push(Line::styled(
                format!(
                    "     {}",
                    fill(
                        S::MergeLastChanged.get(lang),
                        &[&sanitize_line(by), &dates::time(lang, *at, &r.tz)],
                    )
                ),
                r.theme.dim(),
            ));
        }
        out.push(Line::raw(""));
    }
    out
}

/// Every decision, and how to save.
fn decided(r: &Review) -> Vec<Line<'static>> {
    let lang = r.lang;
    let mut out = vec![
        title(
            r,
            fill(
                S::MergeAllDecided.get(lang),
                &[&r.conflicts.len().to_string()],
            ),
        ),
        Line::raw(""),
    ];
    for (c, pick) in r.conflicts.iter().zip(&r.picks) {
        let Some(x) = pick.and_then(|i| c.candidates.get(i)) else {
            continue;
        };
        let who: Vec<&str> = x.parts.iter().map(|p| r.names[*p].as_str()).collect();
        out.push(Line::styled(
            sanitize_line(c.asked.get(lang)).into_owned(),
            r.theme.text(),
        ));
        out.push(Line::from(vec![
            Span::styled(
                format!("  {}", sanitize_line(x.shown.get(lang))),
                r.theme.chosen(),
            ),
            Span::styled(
                format!("  ({})", sanitize_line(&who.join(", "))),
                r.theme.dim(),
            ),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(S::MergeSaveHint.get(lang), r.theme.text()));
    out
}
