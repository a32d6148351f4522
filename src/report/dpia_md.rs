//! The DPIA draft as Markdown: the parts of Art. 35(7) GDPR in order, each ending with what is still open.
//! Every inserted text is escaped as in the reports.

use std::fmt::Write as _;

use super::art30_texts as ax;
use super::dpia::DpiaDraft;
use super::markdown::{cell, escape, table};
use super::md_art30::{entry_heading, entry_rows};
use crate::i18n::dates;

fn open(out: &mut String, what: &str, lang: crate::lang::Lang) {
    let _ = writeln!(
        out,
        "- [ ] {}: **{}**",
        escape(what),
        escape(ax::OPEN_FIELD.get(lang))
    );
}

/// The whole DPIA draft.
pub fn draft(d: &DpiaDraft) -> String {
    let lang = d.lang;
    let t = |x: ax::T| x.get(lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&d.title));
    if !d.valid {
        let _ = writeln!(out, "> **⚠ {}**\n", escape(&d.verification));
    }
    if d.forced {
        let _ = writeln!(
            out,
            "> **⚠ {}**\n",
            escape(&ax::NOT_DUE_HEADER.fill(lang, &[&d.verdict]))
        );
    }
    let _ = writeln!(out, "{}\n", escape(t(ax::DPIA_INTRO)));
    let unit = if d.unit.is_empty() {
        String::new()
    } else {
        format!(" · {}", d.unit)
    };
    let rows = vec![
        vec![
            super::texts::ORGANISATION.get(lang).to_string(),
            cell(&format!("{}{unit}", d.organisation)),
        ],
        vec![
            super::texts::AUDIT_DATE.get(lang).to_string(),
            cell(&dates::date(lang, d.audit_date)),
        ],
        vec![
            super::texts::CHECKLIST.get(lang).to_string(),
            cell(&d.checklist),
        ],
        vec![t(ax::DPIA_RESULT_FILE).to_string(), cell(&d.file)],
        vec![
            super::texts::VERIFICATION.get(lang).to_string(),
            cell(&d.verification),
        ],
        vec![t(ax::DPIA_SCREENING).to_string(), cell(&d.verdict)],
    ];
    table(
        &mut out,
        &[super::texts::FIELD.get(lang), super::texts::VALUE.get(lang)],
        &rows,
    );
    if d.provisional {
        let _ = writeln!(out, "> **⚠ {}**\n", escape(t(ax::DPIA_PROVISIONAL_NOTE)));
    }
    let _ = writeln!(out, "{}:\n", escape(t(ax::DPIA_CRITERIA)));
    if d.criteria.is_empty() {
        let _ = writeln!(out, "- {}", escape(super::texts::NONE.get(lang)));
    }
    for c in &d.criteria {
        if c.from.is_empty() {
            let _ = writeln!(out, "- {}", escape(&c.label));
        } else {
            let from: Vec<String> = c.from.iter().map(|x| escape(x)).collect();
            let _ = writeln!(
                out,
                "- {} ({} {})",
                escape(&c.label),
                t(ax::DPIA_FROM),
                from.join("; ")
            );
        }
    }
    out.push('\n');

    // (a) systematic description
    let _ = writeln!(out, "## {}\n", escape(t(ax::DPIA_A)));
    let _ = writeln!(out, "{}\n", escape(t(ax::DPIA_A_INTRO)));
    if d.description.is_empty() {
        let _ = writeln!(out, "{}\n", escape(t(ax::NO_ENTRIES)));
    }
    for e in &d.description {
        let _ = writeln!(out, "### {}\n", escape(&entry_heading(e, lang)));
        table(
            &mut out,
            &[t(ax::ART30_FIELD), t(ax::CONTENT), t(ax::SOURCE)],
            &entry_rows(e, lang),
        );
    }
    open(&mut out, t(ax::DPIA_A_TODO), lang);
    out.push('\n');

    // (b) necessity and proportionality
    let _ = writeln!(out, "## {}\n", escape(t(ax::DPIA_B)));
    let _ = writeln!(out, "{}\n", escape(t(ax::DPIA_B_INTRO)));
    for p in &d.necessity {
        let _ = writeln!(out, "### {}\n", escape(&p.title));
        if p.values.is_empty() {
            let _ = writeln!(out, "{}\n", escape(t(ax::DPIA_NOTHING_FROM_AUDIT)));
        } else {
            for v in &p.values {
                let _ = writeln!(out, "- {}", escape(v));
            }
            out.push('\n');
        }
        open(&mut out, t(ax::DPIA_ASSESSMENT), lang);
        out.push('\n');
    }

    // (c) risks
    let _ = writeln!(out, "## {}\n", escape(t(ax::DPIA_C)));
    let _ = writeln!(out, "{}\n", escape(t(ax::DPIA_C_INTRO)));
    let _ = writeln!(out, "### {}\n", escape(t(ax::DPIA_MATRIX)));
    let mut header = vec![t(ax::DPIA_SEVERITY_AXIS)];
    header.extend([ax::LEVEL_1, ax::LEVEL_2, ax::LEVEL_3, ax::LEVEL_4].map(t));
    let rows: Vec<Vec<String>> = d
        .matrix
        .iter()
        .map(|m| {
            let mut row = vec![format!("**{}**", escape(m.severity))];
            row.extend(m.cells.iter().map(|c| cell(c)));
            row
        })
        .collect();
    table(&mut out, &header, &rows);
    let _ = writeln!(out, "*{}*\n", escape(t(ax::DPIA_MATRIX_NOTE)));
    if d.risks.is_empty() {
        let _ = writeln!(out, "{}\n", escape(t(ax::DPIA_NO_RISKS)));
    } else {
        let rows: Vec<Vec<String>> = d
            .risks
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut risk = cell(&r.title);
                if !r.applies_to.is_empty() {
                    let _ = write!(
                        risk,
                        "<br>{}: {}",
                        super::texts::APPLIES_TO.get(lang),
                        cell(&r.applies_to.join("; "))
                    );
                }
                if let Some(c) = &r.criterion {
                    let _ = write!(risk, "<br>{}: {}", t(ax::DPIA_CRITERION), cell(c));
                }
                let rate = format!("*{}*", escape(t(ax::DPIA_RATE)));
                vec![
                    (i + 1).to_string(),
                    risk,
                    r.class.as_deref().map_or_else(|| rate.clone(), cell),
                    rate.clone(),
                    rate,
                    cell(&r.keys.join("; ")),
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                "#",
                t(ax::DPIA_RISK),
                t(ax::DPIA_PROPOSED_CLASS),
                t(ax::DPIA_SEVERITY),
                t(ax::DPIA_LIKELIHOOD),
                t(ax::SOURCE),
            ],
            &rows,
        );
    }
    open(&mut out, t(ax::DPIA_C), lang);
    out.push('\n');

    // (d) measures
    let _ = writeln!(out, "## {}\n", escape(t(ax::DPIA_D)));
    let _ = writeln!(out, "{}\n", escape(t(ax::DPIA_D_INTRO)));
    if d.measures.is_empty() {
        let _ = writeln!(out, "{}\n", escape(t(ax::DPIA_NO_MEASURES)));
    } else {
        let rows: Vec<Vec<String>> = d
            .measures
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let mut what = format!("**{}**<br>{}", cell(&g.title), cell(&g.measure));
                if !g.applies_to.is_empty() {
                    let _ = write!(
                        what,
                        "<br>{}: {}",
                        super::texts::APPLIES_TO.get(lang),
                        cell(&g.applies_to.join("; "))
                    );
                }
                if !g.covered.is_empty() {
                    let covered: Vec<String> = g.covered.iter().map(|c| cell(&c.title)).collect();
                    let _ = write!(
                        what,
                        "<br>{}: {}",
                        super::texts::ALSO_COVERS.get(lang),
                        covered.join("; ")
                    );
                }
                vec![
                    (i + 1).to_string(),
                    cell(&g.severity_label),
                    what,
                    format!("**{}**", escape(ax::OPEN_FIELD.get(lang))),
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                "#",
                super::texts::SEVERITY.get(lang),
                super::texts::MEASURE.get(lang),
                t(ax::DPIA_OWNER),
            ],
            &rows,
        );
    }

    // the end: result, opinion, approval
    let _ = writeln!(out, "## {}\n", escape(t(ax::DPIA_E)));
    for c in &d.closing {
        open(&mut out, c, lang);
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "*{} msgaudit {}*",
        super::texts::GENERATED_BY.get(lang),
        env!("CARGO_PKG_VERSION")
    );
    out
}
