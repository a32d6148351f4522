//! HTML reports: one self-contained file (inline CSS and SVG, no script, no external request; a Content
//! Security Policy forbids both), printable on A4. Templates are embedded; minijinja escapes every value
//! inserted into every template, so no answer, note or checklist text can inject markup.

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Value, context};
use serde::Serialize;

use super::model::{Report, SeverityCounts};
use super::summary::Overview;
use super::texts as tx;
use crate::checklist::Severity;
use crate::lang::Lang;

const STYLE: &str = include_str!("templates/style.css");
const CHART: &str = include_str!("templates/chart.svg");
const REPORT: &str = include_str!("templates/report.html");
const SUMMARY: &str = include_str!("templates/summary.html");

fn env() -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    // Escape in every template, whatever its name (the chart is an .svg include).
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    for (name, src) in [
        ("style.css", STYLE),
        ("chart.svg", CHART),
        ("report.html", REPORT),
        ("summary.html", SUMMARY),
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
    render(
        "report.html",
        context! {
            r => Value::from(Serde(r)),
            t => tx::all(r.lang),
            chart => Value::from(Serde(chart(&r.summary.findings, r.lang))),
            times => context! {
                started => tx::time(r.audit.started),
                finished => tx::time(r.audit.finished),
                signed_at => tx::time(r.signoff.signed_at),
            },
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
    let signed: Vec<String> = o.audits.iter().map(|a| tx::time(a.signed_at)).collect();
    render(
        "summary.html",
        context! {
            o => Value::from(Serde(o)),
            t => tx::all(o.lang),
            chart => Value::from(Serde(chart(&total, o.lang))),
            severities => severities,
            signed => signed,
            version => env!("CARGO_PKG_VERSION"),
        },
    )
}
