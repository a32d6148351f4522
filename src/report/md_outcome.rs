//! The Markdown sections of the outcome: the management summary that opens every report, the DPIA
//! screening with its sources, findings grouped by root cause, the points to clarify and the
//! knowledge-base entries used. Split from `markdown` to keep both files short; every text is escaped.

use std::fmt::Write as _;

use super::markdown::{cell, escape, table};
use super::model::Report;
use super::outcome::GroupInfo;
use super::texts::{self as tx, T};
use crate::i18n::dates;
use crate::lang::Lang;

fn t(x: T, lang: Lang) -> &'static str {
    x.get(lang)
}

/// "betrifft: Vertrieb, Anfragen; WhatsApp" or nothing for a finding outside repeated sections.
fn applies(g: &GroupInfo, lang: Lang) -> String {
    if g.applies_to.is_empty() {
        String::new()
    } else {
        let places: Vec<String> = g.applies_to.iter().map(|p| escape(p)).collect();
        format!("{}: {}", t(tx::APPLIES_TO, lang), places.join("; "))
    }
}

/// An incomplete audit says so first and plainly, in a warning line of its own.
pub(super) fn completeness_line(out: &mut String, r: &Report) {
    let c = &r.outcome.completeness;
    if !c.complete {
        let _ = writeln!(out, "> **⚠ {}**\n", escape(&c.label));
    }
}

/// The first section of the report, right after the verification state.
pub(super) fn management(out: &mut String, r: &Report) {
    let lang = r.lang;
    let o = &r.outcome;
    let m = &o.management;
    let _ = writeln!(out, "## {}\n", t(tx::MANAGEMENT_SUMMARY, lang));
    completeness_line(out, r);
    let messengers = if m.messengers.is_empty() {
        t(tx::NO_MESSENGERS_FOUND, lang).to_string()
    } else {
        m.messengers
            .iter()
            .map(|x| cell(x))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rows = vec![
        vec![t(tx::ORGANISATION, lang).to_string(), cell(&m.organisation)],
        vec![t(tx::UNIT, lang).to_string(), cell(&m.scope)],
        vec![
            t(tx::AUDIT_DATE, lang).to_string(),
            dates::date(lang, r.audit.audit_date),
        ],
        vec![
            t(tx::COMPLETENESS, lang).to_string(),
            format!("**{}**", cell(&o.completeness.label)),
        ],
        vec![
            t(tx::DPIA, lang).to_string(),
            format!("**{}**", cell(&o.dpia.label)),
        ],
        vec![t(tx::MESSENGERS_FOUND, lang).to_string(), messengers],
        vec![
            t(tx::FINDINGS, lang).to_string(),
            o.counts.total().to_string(),
        ],
        vec![
            t(tx::OPEN_POINTS, lang).to_string(),
            m.open_points.to_string(),
        ],
    ];
    let mut rows = rows;
    // Said up front, where management reads: an answer the knowledge base contradicts needs a second look.
    if !o.contradictions.is_empty() {
        rows.push(vec![
            t(tx::CONTRADICTIONS, lang).to_string(),
            o.contradictions.len().to_string(),
        ]);
    }
    table(out, &[t(tx::FIELD, lang), t(tx::VALUE, lang)], &rows);
    let _ = writeln!(out, "### {}\n", t(tx::TOP_MEASURES, lang));
    if m.top_measures.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&o.no_findings));
    } else {
        for (i, g) in m.top_measures.iter().enumerate() {
            let at = applies(g, lang);
            let _ = writeln!(
                out,
                "{}. **{}** – {}: {}{}",
                i + 1,
                escape(&g.severity_label),
                escape(&g.title),
                escape(&g.measure),
                if at.is_empty() {
                    String::new()
                } else {
                    format!(" ({at})")
                }
            );
        }
        out.push('\n');
    }
    for n in &o.notes {
        let _ = writeln!(out, "{}: {}\n", t(tx::NOTE, lang), escape(n));
    }
}

/// The DPIA screening: the verdict (marked provisional) and each criterion met with where it comes from.
pub(super) fn dpia(out: &mut String, r: &Report) {
    let lang = r.lang;
    let d = &r.outcome.dpia;
    let _ = writeln!(
        out,
        "- {}: {}",
        t(tx::COMPLETENESS, lang),
        escape(&r.outcome.completeness.label)
    );
    let _ = writeln!(out, "- {}: **{}**", t(tx::DPIA, lang), escape(&d.label));
    if d.criteria.is_empty() {
        let _ = writeln!(
            out,
            "- {}: {}\n",
            t(tx::DPIA_CRITERIA, lang),
            t(tx::NONE, lang)
        );
        return;
    }
    let _ = writeln!(out, "- {}:", t(tx::DPIA_CRITERIA, lang));
    for c in &d.criteria {
        let mut from: Vec<String> = c.findings.iter().map(|f| escape(f)).collect();
        from.extend(c.answers.iter().map(|a| escape(a)));
        let _ = writeln!(
            out,
            "  - {}{}",
            escape(&c.criterion.label),
            if from.is_empty() {
                String::new()
            } else {
                format!(" ({} {})", t(tx::FROM_FINDINGS, lang), from.join("; "))
            }
        );
    }
    out.push('\n');
}

/// One row per root-cause group, the places it applies to and the findings it also covers.
pub(super) fn findings(out: &mut String, r: &Report) {
    let lang = r.lang;
    let o = &r.outcome;
    let _ = writeln!(out, "## {}\n", t(tx::FINDINGS, lang));
    completeness_line(out, r);
    if o.findings.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&o.no_findings));
        return;
    }
    let rows: Vec<Vec<String>> = o
        .findings
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let mut title = cell(&g.title);
            let at = applies(g, lang);
            if !at.is_empty() {
                let _ = write!(title, "<br>{at}");
            }
            if !g.covered.is_empty() {
                let covered: Vec<String> = g
                    .covered
                    .iter()
                    .map(|c| {
                        let at = applies(c, lang);
                        if at.is_empty() {
                            cell(&c.title)
                        } else {
                            format!("{} ({at})", cell(&c.title))
                        }
                    })
                    .collect();
                let _ = write!(
                    title,
                    "<br>{}: {}",
                    t(tx::ALSO_COVERS, lang),
                    covered.join("; ")
                );
            }
            vec![
                (i + 1).to_string(),
                cell(&g.severity_label),
                title,
                cell(&g.measure),
                cell(&g.refs.join("; ")),
            ]
        })
        .collect();
    table(
        out,
        &[
            "#",
            t(tx::SEVERITY, lang),
            t(tx::FINDING, lang),
            t(tx::MEASURE, lang),
            t(tx::REFS, lang),
        ],
        &rows,
    );
}

/// Every unknown answer and open required question by its question text and place; the key small.
pub(super) fn open_points(out: &mut String, r: &Report) {
    let lang = r.lang;
    let o = &r.outcome;
    let _ = writeln!(out, "## {}\n", t(tx::OPEN_POINTS, lang));
    if o.open_points.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_OPEN_POINTS, lang));
        return;
    }
    let rows: Vec<Vec<String>> = o
        .open_points
        .iter()
        .map(|p| {
            vec![
                cell(&p.question),
                cell(&p.place),
                cell(&p.kind_label),
                format!("`{}`", p.key.replace('`', "'").replace('|', "\\|")),
            ]
        })
        .collect();
    table(
        out,
        &[
            t(tx::QUESTION, lang),
            t(tx::PLACE, lang),
            t(tx::STATE, lang),
            t(tx::KEY, lang),
        ],
        &rows,
    );
}

/// The knowledge-base entries used with their dates; stale ones flagged.
pub(super) fn knowledge(out: &mut String, r: &Report) {
    let lang = r.lang;
    let k = &r.outcome.knowledge;
    if k.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {}\n", t(tx::KNOWLEDGE_USED, lang));
    for e in k {
        let _ = writeln!(
            out,
            "- {} ({} {}){}",
            escape(&e.name),
            t(tx::AS_OF, lang),
            dates::date(lang, e.as_of),
            if e.stale {
                format!(" – **⚠ {}**", escape(t(tx::KNOWLEDGE_STALE, lang)))
            } else {
                String::new()
            }
        );
    }
    out.push('\n');
}

/// Answers that contradict the knowledge base, each as the review's hint, under their place.
pub(super) fn contradictions(out: &mut String, r: &Report) {
    let c = &r.outcome.contradictions;
    if c.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {}\n", t(tx::CONTRADICTIONS, r.lang));
    for x in c {
        let _ = writeln!(
            out,
            "- {} › {}  \n  {}",
            escape(&x.place),
            escape(&x.question),
            escape(&x.hint)
        );
    }
    out.push('\n');
}
