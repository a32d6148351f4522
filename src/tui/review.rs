//! The review's model, from the audit's `Outcome`: the management summary, the open points (Enter jumps),
//! findings grouped by root cause with where they apply, the DPIA screening verdict, the knowledge used and
//! the sign-off, as lines with what Enter on them does. State-side, so that
//! `update` moves between actionable lines without asking the view.

use ratatui::text::{Line, Span};

use super::app::App;
use super::fit::{truncate, wrap};
use super::strings::{self, S};
use crate::audit::result::audit_date;
use crate::audit::{Key, OpenKind, Outcome};
use crate::checklist::Severity;
use crate::i18n::vocab;

fn styled(text: impl Into<String>, style: ratatui::style::Style) -> Span<'static> {
    Span::styled(text.into(), style)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Question(Key),
    /// A grouped measure (its index in the outcome's findings): Enter edits its action plan.
    Measure(usize),
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
    (app.size.0 as usize)
        .saturating_sub(8)
        .clamp(10, usize::from(super::fit::READ_WIDTH))
}

/// The outcome of the audit as the review shows it: derived from the session when the review opens
/// (knowledge dates judged at the draft's last change). The review changes no answer, so it holds while
/// the review is open, and neither a keystroke nor a redraw derives it again.
pub fn outcome(app: &App) -> Option<Outcome> {
    let a = app.audit.as_ref()?;
    Some(Outcome::derive(
        &a.session,
        &a.draft.meta,
        audit_date(a.draft.updated),
    ))
}

/// The management summary: what the audit says, before any detail. Drawn fixed above the scrolling
/// review, so it stays in sight whatever is selected.
pub fn summary(app: &App) -> Vec<Line<'static>> {
    let Some(o) = app.review_outcome.as_ref() else {
        return Vec::new();
    };
    let th = app.theme;
    let w = width(app);
    let mut out = vec![Line::from(styled(
        vocab::MANAGEMENT_SUMMARY.get(app.lang),
        th.title(),
    ))];
    let [who, completeness, verdict, messengers] = crate::explain::summary_lines(
        app.lang,
        o,
        app.audit.as_ref().and_then(|a| a.draft.meta.audit_date),
    );
    out.push(Line::from(truncate(&format!("  {who}"), w)));
    let style = if o.completeness.complete {
        th.chosen()
    } else {
        th.error()
    };
    out.push(Line::from(styled(format!("  {completeness}"), style)));
    out.push(Line::from(format!("  {verdict}")));
    for l in wrap(&messengers, w.saturating_sub(2)) {
        out.push(Line::from(format!("  {l}")));
    }
    out
}

pub fn lines(app: &App) -> Vec<RLine> {
    let (Some(a), Some(o)) = (app.audit.as_ref(), app.review_outcome.as_ref()) else {
        return Vec::new();
    };
    let s = &a.session;
    let th = app.theme;
    let lang = app.lang;
    let w = width(app);
    let mut out = Vec::new();
    let text = |t: String| plain(Line::from(t));

    // Open points: unknown answers and open required questions, by their question text (Enter jumps).
    out.push(plain(Line::from(styled(
        format!("{} ({})", vocab::OPEN_POINTS.get(lang), o.open_points.len()),
        th.title(),
    ))));
    if !o.open_points.is_empty() {
        out.push(plain(Line::from(styled(
            format!(
                "  ○ {} · ? {}",
                vocab::OPEN_UNANSWERED.get(lang),
                vocab::OPEN_UNKNOWN.get(lang)
            ),
            th.dim(),
        ))));
    }
    if o.open_points.is_empty() {
        out.push(plain(Line::from(styled(
            format!("  {}", vocab::NO_OPEN_POINTS.get(lang)),
            th.chosen(),
        ))));
    }
    for p in &o.open_points {
        let mark = match p.kind {
            OpenKind::Unanswered => "○",
            OpenKind::Unknown => "?",
        };
        let line = format!("  {mark} {} › {}", p.place.title, p.question);
        out.push(RLine {
            line: Line::from(truncate(&line, w)),
            target: s.parse_key(&p.key).map(Target::Question),
        });
    }
    out.push(plain(Line::from("")));

    // Answers that contradict a dated fact of the knowledge base: a hint each (Enter jumps); the answer stands.
    if !o.contradictions.is_empty() {
        out.push(plain(Line::from(styled(
            format!(
                "{} ({})",
                vocab::CONTRADICTIONS.get(lang),
                o.contradictions.len()
            ),
            th.title(),
        ))));
        for c in &o.contradictions {
            let target = s.parse_key(&c.key).map(Target::Question);
            out.push(RLine {
                line: Line::from(truncate(
                    &format!("  ⚠ {} › {}", c.place.title, c.question),
                    w,
                )),
                target,
            });
            for l in wrap(&c.hint(lang), w.saturating_sub(6)) {
                out.push(plain(Line::from(styled(format!("      {l}"), th.error()))));
            }
        }
        out.push(plain(Line::from("")));
    }

    // Findings, one per root cause, with where they apply and what they cover.
    let summary: Vec<String> = Severity::ALL
        .iter()
        .filter(|sev| o.counts.get(**sev) > 0)
        .map(|sev| format!("{} {}", strings::severity(lang, *sev), o.counts.get(*sev)))
        .collect();
    let heading = if summary.is_empty() {
        app.t(S::Findings).to_string()
    } else {
        format!("{} ({})", app.t(S::Findings), summary.join(" · "))
    };
    out.push(plain(Line::from(styled(heading, th.title()))));
    if o.findings.is_empty() {
        out.push(plain(Line::from(styled(
            format!("  {}", vocab::no_findings(lang, o.completeness.complete)),
            th.dim(),
        ))));
    }
    let indent = |out: &mut Vec<RLine>, t: &str, style| {
        for l in wrap(t, w.saturating_sub(6)) {
            out.push(plain(Line::from(styled(format!("      {l}"), style))));
        }
    };
    for sev in Severity::ALL {
        let mut groups = o.groups_of(sev).peekable();
        if groups.peek().is_none() {
            continue;
        }
        out.push(plain(Line::from(styled(
            format!("  {}", strings::severity(lang, sev)),
            th.severity(sev),
        ))));
        for g in groups {
            let index = o.findings.iter().position(|x| x.id == g.id);
            for (i, l) in wrap(&g.title, w.saturating_sub(6)).into_iter().enumerate() {
                let prefix = if i == 0 { "    • " } else { "      " };
                out.push(RLine {
                    line: Line::from(vec![
                        Span::styled(prefix.to_string(), th.severity(sev)),
                        Span::styled(l, th.question()),
                    ]),
                    target: index.filter(|_| i == 0).map(Target::Measure),
                });
            }
            let at = g.applies_to();
            if !at.is_empty() {
                indent(
                    &mut out,
                    &format!("{}: {at}", vocab::APPLIES_TO.get(lang)),
                    th.accent(),
                );
            }
            indent(
                &mut out,
                &format!("{}: {}", app.t(S::Measure), g.measure),
                th.text(),
            );
            if !g.refs.is_empty() {
                indent(&mut out, &g.refs.join("; "), th.dim());
            }
            let entry = crate::audit::plan::entry_for(&a.draft.plan, &g.id);
            indent(
                &mut out,
                &format!("{}: {}", vocab::ACTION_PLAN.get(lang), entry.describe(lang)),
                if entry.overdue(app.today()) {
                    th.error()
                } else {
                    th.accent()
                },
            );
            for c in &g.covered {
                let at = c.applies_to();
                let t = if at.is_empty() {
                    format!("{}: {}", vocab::ALSO_COVERS.get(lang), c.title)
                } else {
                    format!(
                        "{}: {} ({} {at})",
                        vocab::ALSO_COVERS.get(lang),
                        c.title,
                        vocab::APPLIES_TO.get(lang)
                    )
                };
                indent(&mut out, &t, th.dim());
            }
        }
    }
    out.push(plain(Line::from("")));

    // The DPIA screening with the criteria met.
    out.push(plain(Line::from(vec![
        Span::styled(format!("{}: ", app.t(S::DpiaTitle)), th.title()),
        Span::styled(
            o.dpia.verdict.label(lang, o.dpia.provisional),
            th.question(),
        ),
    ])));
    for c in &o.dpia.criteria {
        out.push(text(format!(
            "  · {}",
            strings::criterion(lang, c.criterion)
        )));
    }
    out.push(plain(Line::from("")));

    // The knowledge base entries this audit showed, with their dates.
    if !o.knowledge.is_empty() {
        out.push(plain(Line::from(styled(
            vocab::KNOWLEDGE_USED.get(lang),
            th.title(),
        ))));
        for k in &o.knowledge {
            let line = format!(
                "  · {}: {} {}",
                k.name,
                vocab::AS_OF.get(lang),
                crate::i18n::dates::date(lang, k.as_of)
            );
            out.push(text(truncate(&line, w)));
            if k.stale {
                indent(
                    &mut out,
                    &format!("⚠ {}", vocab::KNOWLEDGE_STALE.get(lang)),
                    th.error(),
                );
            }
        }
        out.push(plain(Line::from("")));
    }

    let open_now = o
        .completeness
        .required
        .saturating_sub(o.completeness.answered);
    let (t, style) = match sign_off_blocker(app) {
        None if open_now > 0 => (
            format!(
                "[ {} ] — ⚠ {}",
                app.t(S::SignOff),
                strings::open_short(lang, open_now)
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
        line: Line::from(styled(t, style)),
        target: Some(Target::SignOff),
    });
    out
}
