//! CSV reports: UTF-8 with a byte order mark (so Excel reads umlauts right), a header row, RFC 4180
//! quoting, comma separated (`;` for German). Every row of a report starts with the file's verification
//! state and the audit's completeness (a `Vollständigkeit`/`Completeness` column), so that no row reads as
//! the whole truth of an incomplete audit, and ends with the audit's organisation, unit, date and messengers,
//! so that rows of many audits pivot together. Cells that a spreadsheet
//! would run as a formula (`=`, `+`, `-`, `@` first) get a leading apostrophe, numbers excepted.

use super::model::{AnswerRow, Report};
use super::summary::Overview;
use super::texts::{self as tx};
use crate::lang::Lang;

const BOM: &str = "\u{FEFF}";

/// Neutralise spreadsheet formulas (CSV injection): text starting with a formula character gets a `'`.
pub fn guard(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.trim().parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The field separator spreadsheets expect for the report's language: German Excel splits on `;` (the
/// comma is the decimal mark there) and would put a comma-separated file into one column.
fn delimiter(lang: Lang) -> u8 {
    match lang {
        Lang::De => b';',
        Lang::En => b',',
    }
}

fn write(header: &[&str], rows: &[Vec<String>], lang: Lang) -> Result<Vec<u8>, String> {
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(delimiter(lang))
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    let err = |e: ::csv::Error| format!("cannot write CSV: {e}");
    w.write_record(header).map_err(err)?;
    for r in rows {
        w.write_record(r.iter().map(|c| guard(c))).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| format!("cannot write CSV: {}", e.error()))
}

fn verification(r: &Report) -> String {
    r.verification.headline.clone()
}

/// The completeness on every row, like the verification state: "UNVOLLSTÄNDIG – 8 von 9 Pflichtfragen offen".
fn completeness(r: &Report) -> String {
    r.outcome.completeness.label.clone()
}

pub(super) fn state(a: &AnswerRow, lang: Lang) -> String {
    match a.state {
        "answered" => tx::ANSWERED.get(lang).to_string(),
        "unknown" => tx::UNKNOWN.get(lang).to_string(),
        "not_applicable" => tx::NOT_APPLICABLE.get(lang).to_string(),
        _ => tx::OPEN.get(lang).to_string(),
    }
}

/// The audit's organisation, unit, date (ISO 8601, which spreadsheets read as a date) and the messengers
/// found, appended to every row so that rows of several audits can be pivoted together.
fn audit_columns(r: &Report) -> [String; 4] {
    [
        r.audit.organisation.clone(),
        r.audit.unit.clone(),
        r.audit.audit_date.to_string(),
        r.outcome.management.messengers.join("; "),
    ]
}

/// Append the audit's columns to rows of `width` cells.
fn append_audit(r: &Report, rows: &mut [Vec<String>], width: usize) {
    let cols = audit_columns(r);
    for row in rows {
        debug_assert_eq!(row.len(), width, "a CSV row has the header's width");
        row.extend(cols.iter().cloned());
    }
}

fn audit_headers(lang: Lang) -> [&'static str; 4] {
    [
        tx::ORGANISATION.get(lang),
        tx::UNIT.get(lang),
        tx::AUDIT_DATE.get(lang),
        tx::MESSENGERS.get(lang),
    ]
}

/// One row per answer (hidden answers last, marked).
pub fn answers(r: &Report) -> Result<Vec<u8>, String> {
    let lang = r.lang;
    let mut header = vec![
        tx::VERIFICATION_STATE.get(lang),
        tx::COMPLETENESS.get(lang),
        tx::SECTION.get(lang),
        tx::QUESTION.get(lang),
        tx::ANSWER.get(lang),
        tx::ANSWER_NOTE.get(lang),
        tx::STATE.get(lang),
        tx::KEY.get(lang),
        tx::HIDDEN.get(lang),
        tx::CONTRADICTION_COLUMN.get(lang),
    ];
    let width = header.len();
    header.extend(audit_headers(lang));
    let v = verification(r);
    let c = completeness(r);
    let mut rows = Vec::new();
    let row = |section: &str, a: &AnswerRow, hidden: bool| {
        vec![
            v.clone(),
            c.clone(),
            section.to_string(),
            a.question.clone(),
            a.display.clone(),
            a.note.clone().unwrap_or_default(),
            state(a, lang),
            a.key.clone(),
            tx::yes_no(hidden, lang).to_string(),
            // Beside the answer it concerns, so that a filtered sheet still shows it.
            r.outcome
                .contradiction_hint(&a.key)
                .unwrap_or_default()
                .to_string(),
        ]
    };
    for s in &r.sections {
        for a in &s.answers {
            rows.push(row(&s.title, a, false));
        }
    }
    for s in &r.hidden_answers {
        for a in &s.answers {
            rows.push(row(&s.title, a, true));
        }
    }
    // Open required questions have no answer row of their own; list them, so the sheet shows every gap.
    for p in &r.outcome.open_points {
        if p.kind == crate::audit::outcome::OpenKind::Unanswered {
            rows.push(vec![
                v.clone(),
                c.clone(),
                p.place.clone(),
                p.question.clone(),
                String::new(),
                String::new(),
                tx::OPEN.get(lang).to_string(),
                p.key.clone(),
                tx::yes_no(false, lang).to_string(),
                String::new(),
            ]);
        }
    }
    append_audit(r, &mut rows, width);
    write(&header, &rows, lang)
}

/// One row per root-cause group, highest severity first, with the places it applies to and the findings
/// it also covers; no group at all gives one row saying "no findings" (… in the answered part), so that
/// a spreadsheet never shows an empty list for an incomplete audit.
pub fn findings(r: &Report) -> Result<Vec<u8>, String> {
    let lang = r.lang;
    let mut header = vec![
        tx::VERIFICATION_STATE.get(lang),
        tx::COMPLETENESS.get(lang),
        tx::SEVERITY.get(lang),
        tx::FINDING.get(lang),
        tx::MEASURE.get(lang),
        tx::APPLIES_TO.get(lang),
        tx::ALSO_COVERS.get(lang),
        tx::REFS.get(lang),
        tx::DPIA_CRITERION.get(lang),
        tx::KEY.get(lang),
        tx::PLAN_STATUS.get(lang),
        tx::PLAN_OWNER.get(lang),
        tx::PLAN_DUE.get(lang),
        tx::PLAN_JUSTIFICATION.get(lang),
    ];
    let width = header.len();
    header.extend(audit_headers(lang));
    let v = verification(r);
    let c = completeness(r);
    let o = &r.outcome;
    let mut rows: Vec<Vec<String>> = o
        .findings
        .iter()
        .map(|g| {
            let covered: Vec<String> = g
                .covered
                .iter()
                .map(|x| {
                    if x.applies_to.is_empty() {
                        x.title.clone()
                    } else {
                        format!("{} ({})", x.title, x.applies_to.join("; "))
                    }
                })
                .collect();
            // The measure's action plan (open without an entry).
            let p = r.plan.iter().find(|p| p.finding == g.id);
            let plan =
                |f: fn(&super::plan::PlanRow) -> &String| p.map(f).cloned().unwrap_or_default();
            vec![
                v.clone(),
                c.clone(),
                g.severity_label.clone(),
                g.title.clone(),
                g.measure.clone(),
                g.applies_to.join("; "),
                covered.join("; "),
                g.refs.join("; "),
                g.dpia_criterion
                    .as_ref()
                    .map(|c| c.label.clone())
                    .unwrap_or_default(),
                g.keys.join("; "),
                plan(|p| &p.status_label),
                plan(|p| &p.owner),
                plan(|p| &p.due_label),
                plan(|p| &p.justification),
            ]
        })
        .collect();
    if rows.is_empty() {
        let mut row = vec![v, c, String::new(), o.no_findings.clone()];
        row.resize(width, String::new());
        rows.push(row);
    }
    append_audit(r, &mut rows, width);
    write(&header, &rows, lang)
}

/// The trend of a unit's latest audit against the previous one, in words per severity and in total
/// („Hoch: gestiegen (vorher 0); …“); empty for other audits and for a unit audited once.
pub fn trend_words(o: &Overview, a: &super::summary::AuditEntry) -> String {
    use crate::checklist::Severity;
    let lang = o.lang;
    let Some(u) = o
        .units
        .iter()
        .find(|u| u.latest_file == a.file && a.standing == super::trend::Standing::Latest)
    else {
        return String::new();
    };
    let Some(p) = &u.previous else {
        return String::new();
    };
    let mut parts: Vec<String> = Severity::ALL
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                tx::severity(*s, lang),
                super::trend::words(u.findings.get(*s), Some(p.findings.get(*s)), lang)
            )
        })
        .collect();
    parts.push(format!(
        "{}: {}",
        tx::TOTAL.get(lang),
        super::trend::words(u.findings.total(), Some(p.findings.total()), lang)
    ));
    parts.join("; ")
}

/// The overdue measures of a unit's latest audit: „Keine Messenger-Richtlinie (fällig 31.03.2026,
/// Verantwortlich: …); …“; empty for other audits.
pub fn overdue_words(o: &Overview, a: &super::summary::AuditEntry) -> String {
    let lang = o.lang;
    o.units
        .iter()
        .find(|u| u.latest_file == a.file && a.standing == super::trend::Standing::Latest)
        .map(|u| {
            u.overdue
                .iter()
                .map(|m| {
                    let owner = if m.owner.is_empty() {
                        String::new()
                    } else {
                        format!(", {}: {}", tx::PLAN_OWNER.get(lang), m.owner)
                    };
                    format!(
                        "{} ({} {}{owner})",
                        m.title,
                        tx::PLAN_DUE.get(lang),
                        m.due_label
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

/// One row per file: verified audits with their counts, then the files that failed.
pub fn overview(o: &Overview) -> Result<Vec<u8>, String> {
    let lang = o.lang;
    let header = vec![
        tx::FILE.get(lang),
        tx::VERIFICATION_STATE.get(lang),
        tx::ORGANISATION.get(lang),
        tx::UNIT.get(lang),
        tx::AUDIT_ID.get(lang),
        tx::COMPLETENESS.get(lang),
        tx::severity(crate::checklist::Severity::High, lang),
        tx::severity(crate::checklist::Severity::Medium, lang),
        tx::severity(crate::checklist::Severity::Low, lang),
        tx::severity(crate::checklist::Severity::Info, lang),
        tx::DPIA_SHORT.get(lang),
        tx::MESSENGERS.get(lang),
        tx::STANDING.get(lang),
        tx::SUPERSEDED_BY.get(lang),
        tx::TREND.get(lang),
        tx::OVERDUE_MEASURES.get(lang),
    ];
    let width = header.len();
    let mut rows: Vec<Vec<String>> = o
        .audits
        .iter()
        .map(|a| {
            let mut row = vec![
                a.file.clone(),
                tx::VALID.get(lang).to_string(),
                a.organisation.clone(),
                a.unit.clone(),
                a.audit_id.clone(),
                a.completeness.clone(),
                a.findings.high.to_string(),
                a.findings.medium.to_string(),
                a.findings.low.to_string(),
                a.findings.info.to_string(),
                a.dpia_verdict_label.clone(),
                a.messengers.join("; "),
                a.standing_label.clone(),
                a.superseded_by.clone().unwrap_or_default(),
            ];
            row.push(trend_words(o, a));
            row.push(overdue_words(o, a));
            row
        })
        .collect();
    rows.extend(o.failed.iter().map(|f| {
        let mut r = vec![
            f.file.clone(),
            format!("{}: {}", tx::INVALID.get(lang), f.reason),
        ];
        r.resize(width, String::new());
        r
    }));
    write(&header, &rows, lang)
}
