//! The Markdown diff: the verification of both files first, then what changed, every string from the
//! files escaped with the reports' helpers so that answers and notes can neither format nor break a table.

use std::fmt::Write as _;

use super::texts as dt;
use super::{AnswerSide, Diff, FindingChange, QuestionInfo, Side};
use crate::i18n::T;
use crate::lang::Lang;
use crate::report::markdown::{cell, escape, table};
use crate::report::texts as tx;

fn t(x: T, lang: Lang) -> &'static str {
    x.get(lang)
}

fn verification(out: &mut String, label: &str, s: &Side, lang: Lang) {
    let v = &s.verification;
    let state = if v.valid { tx::VALID } else { tx::INVALID };
    let _ = writeln!(
        out,
        "> **{} ({label}, {}): {}**  ",
        t(tx::VERIFICATION_STATE, lang),
        escape(&s.file),
        t(state, lang)
    );
    let detail = if v.valid {
        escape(&v.detail)
    } else {
        format!(
            "{}: {}",
            t(tx::REASON, lang),
            escape(v.reason.as_deref().unwrap_or_default())
        )
    };
    let _ = writeln!(out, "> {detail}\n");
    for n in &v.notes {
        let _ = writeln!(out, "{}: {}\n", t(tx::NOTE, lang), escape(n));
    }
}

fn header(out: &mut String, d: &Diff) {
    let lang = d.lang;
    let _ = writeln!(
        out,
        "# {}: {}\n",
        t(dt::TITLE, lang),
        escape(&d.new.checklist.title)
    );
    if !d.verified {
        let _ = writeln!(out, "> **⚠ {}**\n", escape(t(dt::NOT_BOTH_VERIFIED, lang)));
    }
    verification(out, t(dt::BEFORE, lang), &d.old, lang);
    verification(out, t(dt::AFTER, lang), &d.new, lang);
    let checklist = |s: &Side| {
        cell(&format!(
            "{} ({} {} {})",
            s.checklist.title,
            s.checklist.id,
            t(tx::VERSION, lang),
            s.checklist.version
        ))
    };
    let rows = vec![
        vec![
            t(tx::ORGANISATION, lang).to_string(),
            cell(&d.old.organisation),
            cell(&d.new.organisation),
        ],
        vec![
            t(tx::UNIT, lang).to_string(),
            cell(&d.old.unit),
            cell(&d.new.unit),
        ],
        vec![
            t(tx::FINISHED, lang).to_string(),
            crate::i18n::dates::time(d.lang, d.old.finished, &crate::i18n::dates::Zone::System),
            crate::i18n::dates::time(d.lang, d.new.finished, &crate::i18n::dates::Zone::System),
        ],
        vec![
            t(tx::COMPLETENESS, lang).to_string(),
            cell(&d.old.completeness.label),
            cell(&d.new.completeness.label),
        ],
        vec![
            t(tx::DPIA, lang).to_string(),
            cell(&d.dpia.old.label),
            cell(&d.dpia.new.label),
        ],
        vec![
            t(tx::CHECKLIST, lang).to_string(),
            checklist(&d.old),
            checklist(&d.new),
        ],
        vec![
            t(tx::AUDIT_ID, lang).to_string(),
            cell(&d.old.audit_id),
            cell(&d.new.audit_id),
        ],
        vec![
            t(tx::FILE, lang).to_string(),
            cell(&d.old.file),
            cell(&d.new.file),
        ],
    ];
    table(
        out,
        &[t(tx::FIELD, lang), t(dt::BEFORE, lang), t(dt::AFTER, lang)],
        &rows,
    );
    let _ = writeln!(out, "## {}\n", t(dt::OVERVIEW, lang));
    if d.changed {
        let _ = writeln!(out, "{}\n", escape(&dt::overview(d)));
    } else {
        let _ = writeln!(out, "**{}**\n", escape(t(dt::NOTHING_CHANGED, lang)));
    }
}

fn questions(out: &mut String, d: &Diff) {
    let lang = d.lang;
    let c = &d.checklist;
    let _ = writeln!(out, "## {}\n", t(tx::CHECKLIST, lang));
    if !c.changed {
        let _ = writeln!(out, "{}\n", t(dt::CHECKLIST_SAME, lang));
        return;
    }
    let _ = writeln!(out, "{}\n", escape(t(dt::CHECKLIST_CHANGED, lang)));
    if c.other_checklist {
        let _ = writeln!(out, "**{}**\n", escape(t(dt::OTHER_CHECKLIST, lang)));
    }
    if !c.compared {
        let _ = writeln!(
            out,
            "{}: {}\n",
            t(tx::NOTE, lang),
            escape(t(dt::NOT_COMPARED, lang))
        );
        return;
    }
    let q_table = |out: &mut String, title: T, explained: T, qs: &[QuestionInfo]| {
        if qs.is_empty() {
            return;
        }
        let _ = writeln!(out, "### {}\n", t(title, lang));
        let _ = writeln!(out, "{}\n", escape(t(explained, lang)));
        let rows: Vec<Vec<String>> = qs
            .iter()
            .map(|q| vec![cell(&q.question), cell(&q.section), cell(&q.key)])
            .collect();
        table(
            out,
            &[
                t(tx::QUESTION, lang),
                t(tx::SECTION, lang),
                t(tx::KEY, lang),
            ],
            &rows,
        );
    };
    if !c.moved.is_empty() {
        let _ = writeln!(out, "### {}\n", t(dt::MOVED_QUESTIONS, lang));
        let _ = writeln!(out, "{}\n", escape(t(dt::MOVED_EXPLAINED, lang)));
        let rows: Vec<Vec<String>> = c
            .moved
            .iter()
            .map(|m| {
                vec![
                    cell(&m.question),
                    format!("{} ({})", cell(&m.from), cell(&m.old_key)),
                    format!("{} ({})", cell(&m.to), cell(&m.new_key)),
                ]
            })
            .collect();
        table(
            out,
            &[t(tx::QUESTION, lang), t(dt::FROM, lang), t(dt::TO, lang)],
            &rows,
        );
    }
    q_table(
        out,
        dt::REMOVED_QUESTIONS,
        dt::REMOVED_EXPLAINED,
        &c.removed,
    );
    q_table(out, dt::ADDED_QUESTIONS, dt::ADDED_EXPLAINED, &c.added);
}

fn dpia(out: &mut String, d: &Diff) {
    let lang = d.lang;
    let p = &d.dpia;
    let _ = writeln!(out, "## {}\n", t(tx::DPIA, lang));
    if !p.changed {
        let _ = writeln!(
            out,
            "{}: **{}**\n",
            t(dt::DPIA_UNCHANGED, lang),
            escape(&p.new.label)
        );
        return;
    }
    let _ = writeln!(
        out,
        "**{}** → **{}**\n",
        escape(&p.old.label),
        escape(&p.new.label)
    );
    for (title, list) in [
        (dt::CRITERIA_ADDED, &p.criteria_added),
        (dt::CRITERIA_REMOVED, &p.criteria_removed),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}:\n", t(title, lang));
        for c in list {
            let from: Vec<String> = c
                .findings
                .iter()
                .chain(&c.answers)
                .map(|x| escape(x))
                .collect();
            if from.is_empty() {
                let _ = writeln!(out, "- {}", escape(&c.criterion.label));
            } else {
                let _ = writeln!(
                    out,
                    "- {} ({} {})",
                    escape(&c.criterion.label),
                    t(tx::FROM_FINDINGS, lang),
                    from.join("; ")
                );
            }
        }
        out.push('\n');
    }
}

fn finding_cells(f: &FindingChange, lang: Lang, still_open: bool) -> Vec<String> {
    let mut what = cell(&f.title);
    if !f.applies_to.is_empty() {
        let _ = write!(
            what,
            "<br>{}: {}",
            t(tx::APPLIES_TO, lang),
            f.applies_to
                .iter()
                .map(|p| cell(p))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    if let Some(by) = &f.covered_by {
        let _ = write!(what, "<br>{}: {}", t(dt::COVERED_BY, lang), cell(by));
    }
    let mut row = vec![cell(&f.severity_label), what, cell(&f.measure)];
    if still_open {
        let mut change: Vec<String> = Vec::new();
        if let Some(s) = f.old_severity {
            change.push(format!(
                "{}: {}",
                t(dt::SEVERITY_WAS, lang),
                tx::severity(s, lang)
            ));
        }
        if !f.places_added.is_empty() {
            let p: Vec<String> = f.places_added.iter().map(|x| cell(x)).collect();
            change.push(format!("{}: {}", t(dt::NOW_ALSO, lang), p.join("; ")));
        }
        if !f.places_removed.is_empty() {
            let p: Vec<String> = f.places_removed.iter().map(|x| cell(x)).collect();
            change.push(format!("{}: {}", t(dt::NO_LONGER, lang), p.join("; ")));
        }
        if change.is_empty() {
            change.push(t(dt::UNCHANGED, lang).to_string());
        }
        row.push(change.join("<br>"));
    }
    row
}

fn findings(out: &mut String, d: &Diff) {
    let lang = d.lang;
    let _ = writeln!(out, "## {}\n", t(tx::FINDINGS, lang));
    let f = &d.findings;
    for (title, none, list, still_open) in [
        (dt::NEW_FINDINGS, dt::NONE_NEW, &f.new, false),
        (dt::RESOLVED_FINDINGS, dt::NONE_RESOLVED, &f.resolved, false),
        (
            dt::STILL_OPEN_FINDINGS,
            dt::NONE_STILL_OPEN,
            &f.still_open,
            true,
        ),
    ] {
        let _ = writeln!(out, "### {}\n", t(title, lang));
        if list.is_empty() {
            let _ = writeln!(out, "{}\n", t(none, lang));
            continue;
        }
        let mut header = vec![
            t(tx::SEVERITY, lang),
            t(tx::FINDING, lang),
            t(tx::MEASURE, lang),
        ];
        if still_open {
            header.push(t(dt::CHANGE, lang));
        }
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|x| finding_cells(x, lang, still_open))
            .collect();
        table(out, &header, &rows);
    }
}

fn open_points(out: &mut String, d: &Diff) {
    let lang = d.lang;
    let _ = writeln!(out, "## {}\n", t(tx::OPEN_POINTS, lang));
    // A clarified point shows what it was: "answered “unknown”" or "not answered".
    for (title, empty, list, state) in [
        (
            dt::NEW_OPEN_POINTS,
            dt::NONE_NEW_OPEN,
            &d.open_points.new,
            tx::STATE,
        ),
        (
            dt::CLARIFIED,
            dt::NONE_CLARIFIED,
            &d.open_points.clarified,
            dt::BEFORE,
        ),
    ] {
        let _ = writeln!(out, "### {}\n", t(title, lang));
        if list.is_empty() {
            let _ = writeln!(out, "{}\n", t(empty, lang));
            continue;
        }
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|p| vec![cell(&p.question), cell(&p.place), cell(&p.kind_label)])
            .collect();
        table(
            out,
            &[t(tx::QUESTION, lang), t(tx::PLACE, lang), t(state, lang)],
            &rows,
        );
    }
}

fn messengers(out: &mut String, d: &Diff) {
    let lang = d.lang;
    let m = &d.messengers;
    let _ = writeln!(out, "## {}\n", t(tx::MESSENGERS, lang));
    if m.added.is_empty() && m.dropped.is_empty() {
        let _ = writeln!(out, "{}\n", t(dt::NO_MESSENGER_CHANGE, lang));
        return;
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (kind, list) in [
        (dt::MESSENGER_ADDED, &m.added),
        (dt::MESSENGER_DROPPED, &m.dropped),
    ] {
        for x in list {
            let places: Vec<String> = x.places.iter().map(|p| cell(p)).collect();
            rows.push(vec![
                cell(&x.name),
                t(kind, lang).to_string(),
                places.join("; "),
            ]);
        }
    }
    table(
        out,
        &[
            t(tx::MESSENGER, lang),
            t(dt::CHANGE, lang),
            t(tx::WHERE, lang),
        ],
        &rows,
    );
}

fn answer_cell(a: Option<&AnswerSide>, lang: Lang) -> String {
    match a {
        None => t(dt::NO_ANSWER, lang).to_string(),
        Some(a) => match &a.note {
            Some(n) if !n.trim().is_empty() => format!(
                "{}<br>*{}: {}*",
                cell(&a.display),
                t(tx::ANSWER_NOTE, lang),
                cell(n)
            ),
            _ => cell(&a.display),
        },
    }
}

fn answers(out: &mut String, d: &Diff) {
    let lang = d.lang;
    let _ = writeln!(out, "## {}\n", t(dt::CHANGED_ANSWERS, lang));
    if d.answers.is_empty() {
        let _ = writeln!(out, "{}\n", t(dt::NO_CHANGED_ANSWERS, lang));
        return;
    }
    let rows: Vec<Vec<String>> = d
        .answers
        .iter()
        .map(|a| {
            let mut q = cell(&a.question);
            if let Some(k) = &a.old_key {
                let _ = write!(q, "<br>{} {}", t(dt::MOVED_FROM, lang), cell(k));
            }
            vec![
                cell(&a.section),
                q,
                t(dt::kind(a.kind), lang).to_string(),
                answer_cell(a.old.as_ref(), lang),
                answer_cell(a.new.as_ref(), lang),
            ]
        })
        .collect();
    table(
        out,
        &[
            t(tx::SECTION, lang),
            t(tx::QUESTION, lang),
            t(dt::CHANGE, lang),
            t(dt::BEFORE, lang),
            t(dt::AFTER, lang),
        ],
        &rows,
    );
}

/// The Markdown diff of two results.
pub fn diff(d: &Diff) -> String {
    let mut out = String::new();
    header(&mut out, d);
    questions(&mut out, d);
    dpia(&mut out, d);
    findings(&mut out, d);
    open_points(&mut out, d);
    messengers(&mut out, d);
    answers(&mut out, d);
    let _ = writeln!(
        out,
        "*{} msgaudit {}*",
        t(tx::GENERATED_BY, d.lang),
        env!("CARGO_PKG_VERSION")
    );
    out
}
