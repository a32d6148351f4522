//! HTML reports: one self-contained file (inline CSS and SVG, no script, no external request; a Content
//! Security Policy forbids both), printable on A4. Templates are embedded and share `base.html` (head,
//! styles, header, verification box, footer); minijinja escapes every value inserted into every template,
//! so no answer, note or checklist text can inject markup.

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Value, context};
use serde::Serialize;

use super::model::{Report, SeverityCounts};
use super::summary::Overview;
use super::texts as tx;
use crate::checklist::Severity;
use crate::i18n::dates;
use crate::lang::Lang;

const STYLE: &str = include_str!("templates/style.css");
const CHART: &str = include_str!("templates/chart.svg");
const BASE: &str = include_str!("templates/base.html");
const REPORT: &str = include_str!("templates/report.html");
const SUMMARY: &str = include_str!("templates/summary.html");
const DPIA: &str = include_str!("templates/dpia.html");

fn env() -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    // Escape in every template, whatever its name (the chart is an .svg include).
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    for (name, src) in [
        ("style.css", STYLE),
        ("chart.svg", CHART),
        ("base.html", BASE),
        ("report.html", REPORT),
        ("summary.html", SUMMARY),
        ("dpia.html", DPIA),
    ] {
        env.add_template(name, src)
            .map_err(|e| format!("report template {name}: {e}"))?;
    }
    Ok(env)
}

#[derive(Serialize)]
struct Bar {
    severity: &'static str,
    label: &'static str,
    count: usize,
    width: usize,
    y: usize,
}

#[derive(Serialize)]
struct Chart {
    width: usize,
    height: usize,
    bar_x: usize,
    bars: Vec<Bar>,
}

/// A horizontal bar per severity, scaled to the largest count.
fn chart(c: &SeverityCounts, lang: Lang) -> Chart {
    const BAR_X: usize = 80;
    const MAX_W: usize = 200;
    let max = Severity::ALL
        .iter()
        .map(|s| c.get(*s))
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = Severity::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = c.get(*s);
            Bar {
                severity: s.as_str(),
                label: tx::severity(*s, lang),
                count: n,
                // A zero still shows a sliver, so the row reads as a bar chart.
                width: (n * MAX_W / max).max(2),
                y: i * 24,
            }
        })
        .collect();
    Chart {
        width: BAR_X + MAX_W + 40,
        height: Severity::ALL.len() * 24 + 4,
        bar_x: BAR_X,
        bars,
    }
}

fn render(name: &str, ctx: minijinja::Value) -> Result<String, String> {
    let env = env()?;
    let t = env
        .get_template(name)
        .map_err(|e| format!("report template {name}: {e}"))?;
    t.render(ctx)
        .map_err(|e| format!("cannot render the {name} report: {e}"))
}

/// The HTML report of one result.
pub fn report(r: &Report) -> Result<String, String> {
    let lang = r.lang;
    let as_of: Vec<String> = r
        .outcome
        .knowledge
        .iter()
        .map(|k| dates::date(lang, k.as_of))
        .collect();
    // The change history as the template shows it: time, before, after, remark per row.
    let history: Vec<_> = r
        .history
        .iter()
        .map(|h| {
            let (before, after) = h.change_text(lang);
            context! {
                at => dates::time_short(lang, h.at, &r.zone),
                before => before,
                after => after,
                remark => h.remark(lang),
            }
        })
        .collect();
    let evidence: Vec<_> = r
        .evidence
        .iter()
        .map(|e| {
            context! {
                size => crate::evidence::size_text(e.size),
                state => e.state_text(lang),
            }
        })
        .collect();
    let c = &r.history_counts;
    let history_summary = tx::HISTORY_SUMMARY.fill(
        lang,
        &[
            &c.changes.to_string(),
            &c.answers.to_string(),
            &c.corrections.to_string(),
        ],
    );
    render(
        "report.html",
        context! {
            lang => lang.code(),
            valid => r.verification.valid,
            r => Value::from(Serde(r)),
            t => tx::all(lang),
            a => super::art30_texts::all(lang),
            chart => Value::from(Serde(chart(&r.summary.findings, lang))),
            times => context! {
                audit_date => dates::date(lang, r.audit.audit_date),
                started => dates::time(lang, r.audit.started, &r.zone),
                finished => dates::time(lang, r.audit.finished, &r.zone),
                signed_at => dates::time(lang, r.signoff.signed_at, &r.zone),
                as_of => as_of,
            },
            history => history,
            history_summary => history_summary,
            evidence => evidence,
            version => env!("CARGO_PKG_VERSION"),
        },
    )
}

/// The DPIA draft as one self-contained HTML file, like the reports.
pub fn dpia(d: &super::dpia::DpiaDraft) -> Result<String, String> {
    let lang = d.lang;
    render(
        "dpia.html",
        context! {
            lang => lang.code(),
            valid => d.valid,
            d => Value::from(Serde(d)),
            t => tx::all(lang),
            a => super::art30_texts::all(lang),
            audit_date => dates::date(lang, d.audit_date),
            not_due => super::art30_texts::NOT_DUE_HEADER.fill(lang, &[&d.verdict]),
            version => env!("CARGO_PKG_VERSION"),
        },
    )
}

/// The HTML overview across many results.
pub fn overview(o: &Overview) -> Result<String, String> {
    let mut total = SeverityCounts::default();
    for u in &o.units {
        total.add(&u.findings);
    }
    let severities: Vec<_> = Severity::ALL
        .iter()
        .map(|s| context! { id => s.as_str(), label => tx::severity(*s, o.lang) })
        .collect();
    let signed: Vec<String> = o
        .audits
        .iter()
        .map(|a| dates::time_short(o.lang, a.signed_at, &o.zone))
        .collect();
    let audit_dates: Vec<String> = o
        .audits
        .iter()
        .map(|a| dates::date_short(o.lang, a.audit_date))
        .collect();
    // Each unit's counts beside the previous audit's, with the trend arrow (`trend::cell`).
    let unit_rows: Vec<_> = o
        .units
        .iter()
        .map(|u| {
            let prev = u.previous.as_ref().map(|p| p.findings);
            let mut cells: Vec<String> = Severity::ALL
                .iter()
                .map(|s| super::trend::cell(u.findings.get(*s), prev.map(|p| p.get(*s))))
                .collect();
            cells.push(super::trend::cell(
                u.findings.total(),
                prev.map(|p| p.total()),
            ));
            context! {
                latest => dates::date_short(o.lang, u.latest_audit_date),
                previous => u.previous.as_ref().map_or_else(|| "–".to_string(), |p| dates::date_short(o.lang, p.audit_date)),
                cells => cells,
            }
        })
        .collect();
    let overdue: Vec<_> = o
        .units
        .iter()
        .flat_map(|u| {
            u.overdue.iter().map(move |m| {
                context! {
                    unit => u.label(),
                    title => m.title.clone(),
                    finding => m.finding.clone(),
                    status => m.status_label.clone(),
                    owner => m.owner.clone(),
                    due => m.due_label.clone(),
                }
            })
        })
        .collect();
    render(
        "summary.html",
        context! {
            overdue => overdue,
            overdue_as_of => tx::OVERDUE_AS_OF.fill(o.lang, &[&dates::date(o.lang, o.as_of)]),
            lang => o.lang.code(),
            unit_rows => unit_rows,
            // The overview counts verified files only; failed ones are listed and make the box a warning.
            valid => o.failed.is_empty(),
            audit_dates => audit_dates,
            o => Value::from(Serde(o)),
            t => tx::all(o.lang),
            chart => Value::from(Serde(chart(&total, o.lang))),
            severities => severities,
            signed => signed,
            version => env!("CARGO_PKG_VERSION"),
        },
    )
}
