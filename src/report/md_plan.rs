//! The Markdown report's action plan (one row per grouped measure) and the overview's overdue
//! measures per unit.

use std::fmt::Write as _;

use super::markdown::{cell, escape, table};
use super::model::Report;
use super::summary::Overview;
use super::texts::{self as tx, T};
use crate::i18n::dates;
use crate::lang::Lang;

fn t(x: T, lang: Lang) -> &'static str {
    x.get(lang)
}

/// The measures of the units' latest audits that are overdue at the overview's reference date.
pub(super) fn overdue(out: &mut String, o: &Overview) {
    let lang = o.lang;
    let _ = writeln!(out, "## {}\n", t(tx::OVERDUE_MEASURES, lang));
    let rows: Vec<Vec<String>> = o
        .units
        .iter()
        .flat_map(|u| {
            u.overdue.iter().map(|m| {
                vec![
                    cell(&u.label()),
                    format!("{} ({})", cell(&m.title), cell(&m.finding)),
                    cell(&m.status_label),
                    cell(&m.owner),
                    format!("**{}**", cell(&m.due_label)),
                ]
            })
        })
        .collect();
    if rows.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_OVERDUE, lang));
        return;
    }
    let _ = writeln!(
        out,
        "{}\n",
        escape(&tx::OVERDUE_AS_OF.fill(lang, &[&dates::date(lang, o.as_of)]))
    );
    let header = [
        t(tx::UNIT, lang),
        t(tx::MEASURE, lang),
        t(tx::PLAN_STATUS, lang),
        t(tx::PLAN_OWNER, lang),
        t(tx::PLAN_DUE, lang),
    ];
    table(out, &header, &rows);
}

/// The action plan: one row per grouped measure.
pub(super) fn plan(out: &mut String, r: &Report) {
    let lang = r.lang;
    let _ = writeln!(out, "## {}\n", t(tx::ACTION_PLAN, lang));
    if let Some(p) = &r.previous_plan {
        let _ = writeln!(out, "{}\n", escape(&p.text));
    }
    if r.plan.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::PLAN_NONE, lang));
        return;
    }
    let _ = writeln!(out, "{}\n", escape(t(tx::PLAN_EXPLAINED, lang)));
    let mut header = vec![
        t(tx::MEASURE, lang),
        t(tx::SEVERITY, lang),
        t(tx::PLAN_STATUS, lang),
        t(tx::PLAN_OWNER, lang),
        t(tx::PLAN_DUE, lang),
        t(tx::PLAN_JUSTIFICATION, lang),
    ];
    let earlier = r.previous_plan.is_some();
    if earlier {
        header.push(t(tx::PLAN_EARLIER, lang));
    }
    let rows: Vec<Vec<String>> = r
        .plan
        .iter()
        .map(|p| {
            let mut row = vec![
                format!("{} ({})", cell(&p.title), cell(&p.finding)),
                cell(&p.severity_label),
                cell(&p.status_label),
                cell(&p.owner),
                cell(&p.due_label),
                cell(&p.justification),
            ];
            if earlier {
                row.push(cell(p.earlier.as_deref().unwrap_or_default()));
            }
            row
        })
        .collect();
    table(out, &header, &rows);
}
