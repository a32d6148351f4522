//! Markdown reports, written for CommonMark/GFM (git hosting sites) and pandoc alike: pipe tables, every
//! inserted string escaped so that answers and notes can neither format, link nor break a table.

use std::fmt::Write as _;

use super::md_outcome;
use super::model::{AnswerRow, Report, SeverityCounts};
use super::summary::Overview;
use super::texts::{self as tx, T};
use super::trend;
use crate::checklist::Severity;
use crate::i18n::dates;
use crate::lang::Lang;

/// Escape text for running Markdown: every character that could start inline markup gets a backslash
/// (also pandoc's `$` math, `@` citations, `^`/`~` super- and subscript), characters that start a block
/// are escaped at the start of a line, HTML special characters become entities, and line breaks become
/// hard breaks. Control characters are gone already (the model sanitises every string).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (n, line) in s.split('\n').enumerate() {
        if n > 0 {
            out.push_str("\\\n");
        }
        let line = line.trim_end_matches('\r');
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        // Leading white space would make an indented code block; keep the text, drop the indent.
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        let chars: Vec<char> = body.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let at_start = i == 0;
            let after_digits = digits > 0 && i == digits;
            match c {
                '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '#' | '|' | '~' | '^' | '$'
                | '@' => {
                    out.push('\\');
                    out.push(c);
                }
                // `--` would become a dash with pandoc's smart typography (`--pubkey`).
                '-' if at_start
                    || chars.get(i + 1) == Some(&'-')
                    || (i > 0 && chars[i - 1] == '-') =>
                {
                    out.push('\\');
                    out.push(c);
                }
                '+' | '=' | ':' if at_start => {
                    out.push('\\');
                    out.push(c);
                }
                '.' | ')' if after_digits => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\t' => out.push(' '),
                c => out.push(c),
            }
        }
    }
    // A trailing hard break would escape nothing; drop it.
    while out.ends_with("\\\n") {
        out.truncate(out.len() - 2);
    }
    out
}

/// Escape text for one table cell: like `escape`, but on one line (line breaks become `<br>`, which GFM
/// and pandoc's pipe tables both accept).
pub fn cell(s: &str) -> String {
    let lines: Vec<String> = s
        .split('\n')
        .map(|l| escape(l.trim_end_matches('\r')))
        .collect();
    let joined = lines.join("<br>");
    if joined.trim().is_empty() {
        " ".to_string()
    } else {
        joined
    }
}

pub(super) fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    );
    for r in rows {
        let _ = writeln!(out, "| {} |", r.join(" | "));
    }
    out.push('\n');
}

fn t(x: T, lang: Lang) -> &'static str {
    x.get(lang)
}

fn counts_table(out: &mut String, c: &SeverityCounts, lang: Lang) {
    let mut rows: Vec<Vec<String>> = Severity::ALL
        .iter()
        .map(|s| vec![tx::severity(*s, lang).to_string(), c.get(*s).to_string()])
        .collect();
    rows.push(vec![
        format!("**{}**", t(tx::TOTAL, lang)),
        format!("**{}**", c.total()),
    ]);
    table(out, &[t(tx::SEVERITY, lang), t(tx::COUNT, lang)], &rows);
}

fn verification_block(out: &mut String, r: &Report) {
    let lang = r.lang;
    let v = &r.verification;
    if v.valid {
        let _ = writeln!(
            out,
            "> **{}: {}**  \n> {}\n",
            t(tx::VERIFICATION_STATE, lang),
            t(tx::VALID, lang),
            escape(&v.detail)
        );
    } else {
        let _ = writeln!(
            out,
            "> **{}: {}**\n>\n> **{}**\n>\n> {}: {}\n",
            t(tx::VERIFICATION_STATE, lang),
            t(tx::INVALID, lang),
            escape(t(tx::INVALID_WARNING, lang)),
            t(tx::REASON, lang),
            escape(v.reason.as_deref().unwrap_or_default())
        );
    }
    for n in &v.notes {
        let _ = writeln!(out, "{}: {}\n", t(tx::NOTE, lang), escape(n));
    }
    if !r.checklist_available {
        let _ = writeln!(
            out,
            "{}: {}\n",
            t(tx::NOTE, lang),
            escape(t(tx::NO_CHECKLIST, lang))
        );
    }
    if let Some(s) = &r.supersedes {
        let _ = write!(out, "> **{}**", escape(&s.text));
        if !s.file_check_text.is_empty() {
            let _ = write!(out, "  \n> {}", escape(&s.file_check_text));
        }
        out.push_str("\n\n");
    }
}

fn answer_cells(a: &AnswerRow) -> Vec<String> {
    vec![
        cell(&a.question),
        cell(&a.display),
        cell(a.note.as_deref().unwrap_or_default()),
    ]
}

/// The Markdown report of one result.
pub fn report(r: &Report) -> String {
    let lang = r.lang;
    let a = &r.audit;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {}\n",
        t(tx::REPORT_TITLE, lang),
        escape(&a.checklist.title)
    );
    verification_block(&mut out, r);
    md_outcome::management(&mut out, r);

    let _ = writeln!(out, "## {}\n", t(tx::DETAILS, lang));
    let rows = [
        (tx::ORGANISATION, a.organisation.clone()),
        (tx::UNIT, a.unit.clone()),
        (tx::INTERVIEWEES, a.interviewees.clone()),
        (tx::AUDITOR, a.auditor.clone()),
        (tx::AUDIT_DATE, dates::date(lang, a.audit_date)),
        (
            tx::CHECKLIST,
            format!(
                "{} ({} {} {})",
                a.checklist.title,
                a.checklist.id,
                t(tx::VERSION, lang),
                a.checklist.version
            ),
        ),
        (tx::AUDIT_ID, a.audit_id.clone()),
        (tx::STARTED, dates::time(lang, a.started, &r.zone)),
        (tx::FINISHED, dates::time(lang, a.finished, &r.zone)),
        (tx::TIME_ZONE, r.time_zone.clone()),
        (tx::LANGUAGE, a.lang.code().to_string()),
        (tx::FILE, r.file.clone()),
    ];
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(k, v)| vec![t(k, lang).to_string(), cell(&v)])
        .collect();
    table(&mut out, &[t(tx::FIELD, lang), t(tx::VALUE, lang)], &rows);

    let s = &r.summary;
    let _ = writeln!(out, "## {}\n", t(tx::EXECUTIVE_SUMMARY, lang));
    md_outcome::completeness_line(&mut out, r);
    md_outcome::dpia(&mut out, r);
    let _ = writeln!(out, "### {}\n", t(tx::FINDINGS_PER_SEVERITY, lang));
    counts_table(&mut out, &s.findings, lang);

    let _ = writeln!(out, "### {}\n", t(tx::MESSENGERS, lang));
    if r.messengers.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_MESSENGERS, lang));
    } else {
        let rows: Vec<Vec<String>> = r
            .messengers
            .iter()
            .map(|m| {
                let places: Vec<String> = m.places.iter().map(|p| cell(&p.title)).collect();
                vec![cell(&m.name), places.join("; ")]
            })
            .collect();
        table(
            &mut out,
            &[t(tx::MESSENGER, lang), t(tx::WHERE, lang)],
            &rows,
        );
    }

    md_outcome::knowledge(&mut out, r);
    md_outcome::contradictions(&mut out, r);
    md_outcome::findings(&mut out, r);
    md_outcome::open_points(&mut out, r);
    super::md_art30::section(&mut out, &r.art30, lang, 2);

    let _ = writeln!(out, "## {}\n", t(tx::ANSWERS, lang));
    if r.sections.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_ANSWERS, lang));
    }
    let header = [
        t(tx::QUESTION, lang),
        t(tx::ANSWER, lang),
        t(tx::ANSWER_NOTE, lang),
    ];
    for sec in &r.sections {
        let _ = writeln!(out, "### {}\n", escape(&sec.title));
        let rows: Vec<Vec<String>> = sec.answers.iter().map(answer_cells).collect();
        table(&mut out, &header, &rows);
    }
    if !r.hidden_answers.is_empty() {
        let _ = writeln!(out, "### {}\n", t(tx::HIDDEN_ANSWERS, lang));
        let _ = writeln!(out, "{}\n", escape(t(tx::HIDDEN_EXPLAINED, lang)));
        let rows: Vec<Vec<String>> = r
            .hidden_answers
            .iter()
            .flat_map(|s| {
                s.answers.iter().map(|a| {
                    let mut row = vec![cell(&s.title)];
                    row.extend(answer_cells(a));
                    row
                })
            })
            .collect();
        let mut header = header.to_vec();
        header.insert(0, t(tx::SECTION, lang));
        table(&mut out, &header, &rows);
    }

    super::md_plan::plan(&mut out, r);
    evidence(&mut out, r);
    history(&mut out, r);

    let so = &r.signoff;
    let _ = writeln!(out, "## {}\n", t(tx::SIGNOFF, lang));
    let rows = vec![
        vec![t(tx::SIGNER, lang).to_string(), cell(&so.name)],
        vec![t(tx::ROLE, lang).to_string(), cell(&so.role)],
        vec![t(tx::STATEMENT, lang).to_string(), cell(&so.statement)],
        vec![
            t(tx::SIGNED_AT, lang).to_string(),
            dates::time(lang, so.signed_at, &r.zone),
        ],
        vec![t(tx::KEY_ID, lang).to_string(), cell(&so.key_id)],
    ];
    table(&mut out, &[t(tx::FIELD, lang), t(tx::VALUE, lang)], &rows);
    let _ = writeln!(
        out,
        "*{} msgaudit {}*",
        t(tx::GENERATED_BY, lang),
        env!("CARGO_PKG_VERSION")
    );
    out
}

/// An audit's standing in the overview: latest, earlier, or superseded (by which file).
fn standing(a: &super::summary::AuditEntry, lang: Lang) -> String {
    match &a.superseded_by {
        Some(f) => format!(
            "**{}** ({} {})",
            cell(&a.standing_label),
            t(tx::SUPERSEDED_BY, lang),
            cell(f)
        ),
        None => cell(&a.standing_label),
    }
}

/// The Markdown overview across many results.
pub fn overview(o: &Overview) -> String {
    let lang = o.lang;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", t(tx::SUMMARY_TITLE, lang));
    let _ = writeln!(
        out,
        "> **{}: {} {} {}**\n",
        t(tx::AUDITS_VERIFIED, lang),
        o.audits.len(),
        t(tx::OF, lang),
        o.audits.len() + o.failed.len()
    );
    let _ = writeln!(out, "## {}\n", t(tx::FAILED, lang));
    if o.failed.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_FAILED, lang));
    } else {
        let _ = writeln!(out, "**{}**\n", escape(t(tx::FAILED_EXPLAINED, lang)));
        let rows: Vec<Vec<String>> = o
            .failed
            .iter()
            .map(|f| vec![cell(&f.file), cell(&f.reason)])
            .collect();
        table(&mut out, &[t(tx::FILE, lang), t(tx::REASON, lang)], &rows);
    }

    let _ = writeln!(out, "## {}\n", t(tx::AUDITS, lang));
    if o.audits.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_AUDITS, lang));
    } else {
        let rows: Vec<Vec<String>> = o
            .audits
            .iter()
            .map(|a| {
                vec![
                    cell(&a.organisation),
                    cell(&a.unit),
                    if a.complete {
                        cell(&a.completeness)
                    } else {
                        format!("**⚠ {}**", cell(&a.completeness))
                    },
                    cell(&a.dpia_verdict_label),
                    cell(&a.checklist),
                    dates::date_short(lang, a.audit_date),
                    cell(&a.signed_by),
                    dates::time_short(lang, a.signed_at, &o.zone),
                    standing(a, lang),
                    cell(&a.file),
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                t(tx::ORGANISATION, lang),
                t(tx::UNIT, lang),
                t(tx::COMPLETENESS, lang),
                t(tx::DPIA_SHORT, lang),
                t(tx::CHECKLIST, lang),
                t(tx::AUDIT_DATE, lang),
                t(tx::SIGNER, lang),
                t(tx::SIGNED_AT, lang),
                t(tx::STANDING, lang),
                t(tx::FILE, lang),
            ],
            &rows,
        );
    }

    let _ = writeln!(out, "## {}\n", t(tx::MESSENGERS, lang));
    if o.messengers.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_MESSENGERS, lang));
    } else {
        let rows: Vec<Vec<String>> = o
            .messengers
            .iter()
            .map(|m| {
                let uses: Vec<String> = m
                    .uses
                    .iter()
                    .map(|u| {
                        format!(
                            "**{}** ({})",
                            cell(&u.unit_label()),
                            u.places
                                .iter()
                                .map(|p| cell(p))
                                .collect::<Vec<_>>()
                                .join("; ")
                        )
                    })
                    .collect();
                vec![cell(&m.name), uses.join("<br>")]
            })
            .collect();
        table(
            &mut out,
            &[t(tx::MESSENGER, lang), t(tx::USED_IN, lang)],
            &rows,
        );
    }

    let _ = writeln!(out, "## {}\n", t(tx::PER_UNIT, lang));
    if o.units.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_AUDITS, lang));
    } else {
        let _ = writeln!(out, "{}\n", escape(t(tx::TREND_EXPLAINED, lang)));
        let mut header = vec![
            t(tx::UNIT, lang),
            t(tx::AUDITS, lang),
            t(tx::LATEST_AUDIT, lang),
        ];
        header.extend(Severity::ALL.iter().map(|s| tx::severity(*s, lang)));
        header.push(t(tx::TOTAL, lang));
        header.push(t(tx::PREVIOUS_AUDIT, lang));
        let rows: Vec<Vec<String>> = o
            .units
            .iter()
            .map(|u| {
                let date = dates::date_short(lang, u.latest_audit_date);
                let prev = u.previous.as_ref().map(|p| &p.findings);
                let mut r = vec![
                    cell(&u.label()),
                    u.audits.to_string(),
                    // Its counts cover only the answered part: marked, not hidden.
                    if u.complete {
                        date
                    } else {
                        format!("**⚠ {date}**")
                    },
                ];
                r.extend(
                    Severity::ALL
                        .iter()
                        .map(|s| trend::cell(u.findings.get(*s), prev.map(|p| p.get(*s)))),
                );
                r.push(trend::cell(
                    u.findings.total(),
                    prev.map(SeverityCounts::total),
                ));
                r.push(u.previous.as_ref().map_or_else(
                    || "–".to_string(),
                    |p| dates::date_short(lang, p.audit_date),
                ));
                r
            })
            .collect();
        table(&mut out, &header, &rows);
    }
    super::md_plan::overdue(&mut out, o);

    let _ = writeln!(out, "## {}\n", t(tx::DPIA_AUDITS, lang));
    if o.dpia.is_empty() {
        let _ = writeln!(out, "{}\n", t(tx::NO_DPIA_AUDITS, lang));
    } else {
        let rows: Vec<Vec<String>> = o
            .dpia
            .iter()
            .map(|d| {
                vec![
                    cell(&d.unit_label()),
                    format!("**{}**", cell(&d.verdict_label)),
                    cell(
                        &d.criteria
                            .iter()
                            .map(|c| c.label.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    cell(&d.file),
                ]
            })
            .collect();
        table(
            &mut out,
            &[
                t(tx::UNIT, lang),
                t(tx::DPIA_SHORT, lang),
                t(tx::DPIA_CRITERIA, lang),
                t(tx::FILE, lang),
            ],
            &rows,
        );
    }
    let _ = writeln!(
        out,
        "*{} msgaudit {}*",
        t(tx::GENERATED_BY, lang),
        env!("CARGO_PKG_VERSION")
    );
    out
}

/// The evidence files per question (only for results that have evidence).
fn evidence(out: &mut String, r: &Report) {
    if r.evidence.is_empty() {
        return;
    }
    let lang = r.lang;
    let _ = writeln!(out, "## {}\n", t(tx::EVIDENCE, lang));
    let _ = writeln!(out, "{}\n", escape(t(tx::EVIDENCE_EXPLAINED, lang)));
    let header = [
        t(tx::EVIDENCE_FILE, lang),
        t(tx::EVIDENCE_SIZE, lang),
        "SHA-256",
        t(tx::EVIDENCE_CAPTION, lang),
        t(tx::EVIDENCE_STATE, lang),
    ];
    for (_, rows) in crate::report::evidence::by_question(&r.evidence) {
        let _ = writeln!(out, "### {}\n", escape(&rows[0].question));
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|e| {
                vec![
                    cell(&e.name),
                    crate::evidence::size_text(e.size),
                    format!("`{}`", e.sha256),
                    cell(&e.caption),
                    e.state_text(lang).to_string(),
                ]
            })
            .collect();
        table(out, &header, &cells);
    }
}

/// The change history: one row per change, oldest first.
fn history(out: &mut String, r: &Report) {
    let lang = r.lang;
    let _ = writeln!(out, "## {}\n", t(tx::HISTORY, lang));
    if !r.history_recorded {
        let _ = writeln!(out, "{}\n", escape(t(tx::HISTORY_NONE, lang)));
        return;
    }
    let c = &r.history_counts;
    let _ = writeln!(
        out,
        "{} {}.\n",
        escape(t(tx::HISTORY_EXPLAINED, lang)),
        escape(&tx::HISTORY_SUMMARY.fill(
            lang,
            &[
                &c.changes.to_string(),
                &c.answers.to_string(),
                &c.corrections.to_string()
            ]
        ))
    );
    if r.history.is_empty() {
        return;
    }
    let header = [
        t(tx::HISTORY_WHEN, lang),
        t(tx::QUESTION, lang),
        t(tx::HISTORY_BEFORE, lang),
        t(tx::HISTORY_AFTER, lang),
        t(tx::HISTORY_BY, lang),
        t(tx::HISTORY_REASON, lang),
    ];
    let rows: Vec<Vec<String>> = r
        .history
        .iter()
        .map(|h| {
            let (before, after) = h.change_text(lang);
            vec![
                dates::time_short(lang, h.at, &r.zone),
                cell(&h.question),
                cell(&before),
                cell(&after),
                cell(&h.by),
                cell(&h.remark(lang)),
            ]
        })
        .collect();
    table(out, &header, &rows);
}
