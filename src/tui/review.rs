//! The review's model: open required questions (Enter jumps), findings by severity with their measures, the
//! DPIA screening verdict and the sign-off, as lines with what Enter on them does. State-side, so that
//! `update` moves between actionable lines without asking the view.

use ratatui::text::{Line, Span};

use super::app::App;
use super::fit::{truncate, wrap};
use super::strings::{self, S};
use crate::audit::Key;
use crate::checklist::Severity;

fn styled(text: impl Into<String>, style: ratatui::style::Style) -> Span<'static> {
    Span::styled(text.into(), style)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Question(Key),
    SignOff,
}

#[derive(Debug, Clone)]
pub struct RLine {
    pub line: Line<'static>,
    pub target: Option<Target>,
}

fn plain(line: Line<'static>) -> RLine {
    RLine { line, target: None }
}

/// Why signing off is not possible yet, if it is not. Open required questions do not block: the
/// sign-off screen warns, and the result records them.
pub fn sign_off_blocker(app: &App) -> Option<S> {
    let a = app.audit.as_ref()?;
    if !a.draft.meta.missing().is_empty() {
        return Some(S::MetaMissing);
    }
    None
}

/// Text width inside the review frame for the current terminal size.
fn width(app: &App) -> usize {
    (app.size.0 as usize).saturating_sub(8).max(10)
}

pub fn lines(app: &App) -> Vec<RLine> {
    let Some(a) = app.audit.as_ref() else {
        return Vec::new();
    };
    let s = &a.session;
    let th = app.theme;
    let code = app.code();
    let w = width(app);
    let mut out = Vec::new();

    let open: Vec<Key> = s.open_required().collect();
    out.push(plain(Line::from(styled(
        format!("{} ({})", app.t(S::OpenRequired), open.len()),
        th.title(),
    ))));
    if open.is_empty() {
        out.push(plain(Line::from(styled(
            format!("  {}", app.t(S::NoneOpen)),
            th.chosen(),
        ))));
    }
    for k in open {
        let item = s.item_label(k.section, k.item, code);
        let sec = s.checklist().sections[k.section]
            .title
            .render(code, item.as_deref())
            .into_owned();
        let q = s
            .question(k)
            .text
            .render(code, item.as_deref())
            .into_owned();
        out.push(RLine {
            line: Line::from(truncate(&format!("  ○ {sec} › {q}"), w)),
            target: Some(Target::Question(k)),
        });
    }
    out.push(plain(Line::from("")));

    let counts = s.severity_counts();
    let summary: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(sev, n)| format!("{} {n}", strings::severity(app.lang, *sev)))
        .collect();
    let heading = if summary.is_empty() {
        app.t(S::Findings).to_string()
    } else {
        format!("{} ({})", app.t(S::Findings), summary.join(" · "))
    };
    out.push(plain(Line::from(styled(heading, th.title()))));
    let findings: Vec<_> = s.findings().collect();
    if findings.is_empty() {
        out.push(plain(Line::from(styled(
            format!("  {}", app.t(S::NoFindings)),
            th.dim(),
        ))));
    }
    for sev in Severity::ALL {
        let group: Vec<_> = findings
            .iter()
            .filter(|f| f.finding.severity == sev)
            .collect();
        if group.is_empty() {
            continue;
        }
        out.push(plain(Line::from(styled(
            format!("  {}", strings::severity(app.lang, sev)),
            th.severity(sev),
        ))));
        for f in group {
            let item = s.item_label(f.section, f.item, code);
            let title = f.finding.title.render(code, item.as_deref()).into_owned();
            for (i, l) in wrap(&title, w.saturating_sub(6)).into_iter().enumerate() {
                let prefix = if i == 0 { "    • " } else { "      " };
                out.push(plain(Line::from(vec![
                    Span::styled(prefix.to_string(), th.severity(sev)),
                    Span::styled(l, th.question()),
                ])));
            }
            let measure = format!(
                "{}: {}",
                app.t(S::Measure),
                f.finding.measure.render(code, item.as_deref())
            );
            for l in wrap(&measure, w.saturating_sub(6)) {
                out.push(plain(Line::from(format!("      {l}"))));
            }
            if !f.finding.refs.is_empty() {
                let refs: Vec<&str> = f.finding.refs.iter().map(|r| r.get(code)).collect();
                for l in wrap(&refs.join("; "), w.saturating_sub(6)) {
                    out.push(plain(Line::from(styled(format!("      {l}"), th.dim()))));
                }
            }
        }
    }
    out.push(plain(Line::from("")));

    let dpia = s.dpia();
    out.push(plain(Line::from(vec![
        Span::styled(format!("{}: ", app.t(S::DpiaTitle)), th.title()),
        Span::styled(
            strings::verdict(app.lang, dpia.verdict).to_string(),
            th.question(),
        ),
    ])));
    for c in &dpia.criteria {
        out.push(plain(Line::from(format!(
            "  · {}",
            strings::criterion(app.lang, *c)
        ))));
    }
    out.push(plain(Line::from("")));

    let open_now = s.open_required().count();
    let (text, style) = match sign_off_blocker(app) {
        None if open_now > 0 => (
            format!(
                "[ {} ] — ⚠ {}",
                app.t(S::SignOff),
                strings::open_short(app.lang, open_now)
            ),
            th.text(),
        ),
        None => (format!("[ {} ]", app.t(S::SignOff)), th.chosen()),
        Some(why) => (
            format!("[ {} ] — {}", app.t(S::SignOff), app.t(why)),
            th.dim(),
        ),
    };
    out.push(RLine {
        line: Line::from(styled(text, style)),
        target: Some(Target::SignOff),
    });
    out
}
