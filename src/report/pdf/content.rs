//! The report model → blocks for the PDF: a cover with the verification state and the management summary,
//! then the same sections in the same order as the Markdown and HTML reports. Every text passes `Clean`
//! (no control characters, only characters the embedded font has) on its way in.

use super::super::model::{AnswerRow, Report};
use super::super::outcome::GroupInfo;
use super::super::texts::{self as tx, T};
use super::blocks::{Block, Cell, Clean, Doc, Table, Tone};
use crate::checklist::Severity;
use crate::i18n::dates;
use crate::lang::Lang;

fn t(x: T, lang: Lang) -> &'static str {
    x.get(lang)
}

fn kv(k: &str, v: String) -> Vec<Cell> {
    vec![Cell::bold(k.to_string()), Cell::plain(v)]
}

fn applies(g: &GroupInfo, lang: Lang) -> String {
    if g.applies_to.is_empty() {
        String::new()
    } else {
        format!("{}: {}", t(tx::APPLIES_TO, lang), g.applies_to.join("; "))
    }
}

/// The document of one result's report.
pub fn report(r: &Report, k: &Clean<'_>) -> Doc {
    let lang = r.lang;
    let a = &r.audit;
    let o = &r.outcome;
    let mut b = Vec::new();
    b.push(Block::Title(k.s(&format!(
        "{}: {}",
        t(tx::REPORT_TITLE, lang),
        a.checklist.title
    ))));
    let mut sub = vec![a.organisation.clone()];
    if !a.unit.is_empty() {
        sub.push(a.unit.clone());
    }
    sub.push(format!(
        "{} {}",
        t(tx::AUDIT_DATE, lang),
        dates::date(lang, a.audit_date)
    ));
    b.push(Block::Subtitle(k.s(&sub.join(" · "))));
    verification(&mut b, r, k);
    management(&mut b, r, k);
    b.push(Block::PageBreak);

    b.push(Block::Heading(t(tx::DETAILS, lang).into()));
    let details = [
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
    let rows = details
        .into_iter()
        .map(|(key, v)| kv(t(key, lang), k.s(&v)))
        .collect();
    b.push(Block::Table(Table::new(
        &[1.0, 3.0],
        &[t(tx::FIELD, lang), t(tx::VALUE, lang)],
        rows,
    )));

    b.push(Block::Heading(t(tx::EXECUTIVE_SUMMARY, lang).into()));
    incomplete(&mut b, r, k);
    dpia(&mut b, r, k);
    b.push(Block::Subheading(t(tx::FINDINGS_PER_SEVERITY, lang).into()));
    let c = &r.summary.findings;
    let mut rows: Vec<Vec<Cell>> = Severity::ALL
        .iter()
        .map(|s| {
            vec![
                Cell::plain(tx::severity(*s, lang).into()),
                Cell::plain(c.get(*s).to_string()),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::bold(t(tx::TOTAL, lang).into()),
        Cell::bold(c.total().to_string()),
    ]);
    b.push(Block::Table(Table::new(
        &[3.0, 1.0],
        &[t(tx::SEVERITY, lang), t(tx::COUNT, lang)],
        rows,
    )));

    b.push(Block::Subheading(t(tx::MESSENGERS, lang).into()));
    if r.messengers.is_empty() {
        b.push(Block::Para(t(tx::NO_MESSENGERS, lang).into()));
    } else {
        let rows = r
            .messengers
            .iter()
            .map(|m| {
                let places: Vec<&str> = m.places.iter().map(|p| p.title.as_str()).collect();
                vec![k.c(&m.name), k.c(&places.join("; "))]
            })
            .collect();
        b.push(Block::Table(Table::new(
            &[1.0, 3.0],
            &[t(tx::MESSENGER, lang), t(tx::WHERE, lang)],
            rows,
        )));
    }
    knowledge(&mut b, r, k);
    contradictions(&mut b, r, k);
    findings(&mut b, r, k);
    open_points(&mut b, r, k);
    super::art30::section(&mut b, &r.art30, lang, k);
    answers(&mut b, r, k);
    super::plan::section(&mut b, r, k);
    super::history::section(&mut b, r, k);
    signoff(&mut b, r, k);

    let valid = r.verification.valid;
    Doc {
        title: k.s(&format!(
            "{}: {} – {}",
            t(tx::REPORT_TITLE, lang),
            a.checklist.title,
            a.organisation
        )),
        lang: lang.code().to_string(),
        id: format!("msgaudit-report:{}:{}:{}", a.audit_id, r.file, lang.code()),
        header: k.s(&format!(
            "{} · {} {}",
            a.organisation,
            t(tx::AUDIT_DATE, lang),
            dates::date(lang, a.audit_date)
        )),
        confidential: t(tx::CONFIDENTIAL, lang).into(),
        verified: valid,
        state: format!(
            "{}: {}",
            t(tx::VERIFICATION_STATE, lang),
            t(if valid { tx::VALID } else { tx::INVALID }, lang)
        ),
        banner: (!valid).then(|| t(tx::INVALID, lang).to_string()),
        incomplete: (!o.completeness.complete).then(|| k.s(&o.completeness.label)),
        page_of: t(tx::PAGE_OF, lang).into(),
        blocks: b,
    }
}

fn verification(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    let v = &r.verification;
    let mut lines = Vec::new();
    let tone = if v.valid {
        lines.push(Cell::bold(format!(
            "{}: {}",
            t(tx::VERIFICATION_STATE, lang),
            t(tx::VALID, lang)
        )));
        lines.push(k.c(&v.detail));
        Tone::Good
    } else {
        lines.push(Cell::bold(format!(
            "{}: {}",
            t(tx::VERIFICATION_STATE, lang),
            t(tx::INVALID, lang)
        )));
        lines.push(Cell::bold(t(tx::INVALID_WARNING, lang).into()));
        lines.push(k.c(&format!(
            "{}: {}",
            t(tx::REASON, lang),
            v.reason.as_deref().unwrap_or_default()
        )));
        Tone::Bad
    };
    for n in &v.notes {
        lines.push(k.c(&format!("{}: {n}", t(tx::NOTE, lang))));
    }
    if !r.checklist_available {
        lines.push(k.c(&format!(
            "{}: {}",
            t(tx::NOTE, lang),
            t(tx::NO_CHECKLIST, lang)
        )));
    }
    if let Some(s) = &r.supersedes {
        lines.push(Cell::bold(k.s(&s.text)));
        if !s.file_check_text.is_empty() {
            lines.push(k.c(&s.file_check_text));
        }
    }
    b.push(Block::Callout { tone, lines });
}

fn incomplete(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let c = &r.outcome.completeness;
    if !c.complete {
        b.push(Block::Callout {
            tone: Tone::Caution,
            lines: vec![Cell::bold(k.s(&c.label))],
        });
    }
}

/// The cover's management summary (the first section of every report).
fn management(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    let o = &r.outcome;
    let m = &o.management;
    b.push(Block::Heading(t(tx::MANAGEMENT_SUMMARY, lang).into()));
    incomplete(b, r, k);
    let messengers = if m.messengers.is_empty() {
        t(tx::NO_MESSENGERS_FOUND, lang).to_string()
    } else {
        m.messengers.join("; ")
    };
    let mut rows = vec![
        kv(t(tx::ORGANISATION, lang), k.s(&m.organisation)),
        kv(t(tx::UNIT, lang), k.s(&m.scope)),
        kv(
            t(tx::AUDIT_DATE, lang),
            dates::date(lang, r.audit.audit_date),
        ),
        vec![
            Cell::bold(t(tx::COMPLETENESS, lang).into()),
            Cell::bold(k.s(&o.completeness.label)),
        ],
        vec![
            Cell::bold(t(tx::DPIA, lang).into()),
            Cell::bold(k.s(&o.dpia.label)),
        ],
        kv(t(tx::MESSENGERS_FOUND, lang), k.s(&messengers)),
        kv(t(tx::FINDINGS, lang), o.counts.total().to_string()),
        kv(t(tx::OPEN_POINTS, lang), m.open_points.to_string()),
    ];
    if !o.contradictions.is_empty() {
        rows.push(kv(
            t(tx::CONTRADICTIONS, lang),
            o.contradictions.len().to_string(),
        ));
    }
    b.push(Block::Table(Table::new(
        &[1.0, 2.2],
        &[t(tx::FIELD, lang), t(tx::VALUE, lang)],
        rows,
    )));
    b.push(Block::Subheading(t(tx::TOP_MEASURES, lang).into()));
    if m.top_measures.is_empty() {
        b.push(Block::Para(k.s(&o.no_findings)));
    } else {
        let items = m
            .top_measures
            .iter()
            .map(|g| {
                let at = applies(g, lang);
                k.s(&format!(
                    "{} – {}: {}{}",
                    g.severity_label,
                    g.title,
                    g.measure,
                    if at.is_empty() {
                        String::new()
                    } else {
                        format!(" ({at})")
                    }
                ))
            })
            .collect();
        b.push(Block::Items {
            numbered: true,
            items,
        });
    }
    for n in &o.notes {
        b.push(Block::Small(k.s(&format!("{}: {n}", t(tx::NOTE, lang)))));
    }
}

fn dpia(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    let d = &r.outcome.dpia;
    let mut items = vec![
        k.s(&format!(
            "{}: {}",
            t(tx::COMPLETENESS, lang),
            r.outcome.completeness.label
        )),
        k.s(&format!("{}: {}", t(tx::DPIA, lang), d.label)),
    ];
    if d.criteria.is_empty() {
        items.push(format!(
            "{}: {}",
            t(tx::DPIA_CRITERIA, lang),
            t(tx::NONE, lang)
        ));
    } else {
        let crit: Vec<String> = d
            .criteria
            .iter()
            .map(|c| {
                let mut from = c.findings.clone();
                from.extend(c.answers.iter().cloned());
                if from.is_empty() {
                    c.criterion.label.clone()
                } else {
                    format!(
                        "{} ({} {})",
                        c.criterion.label,
                        t(tx::FROM_FINDINGS, lang),
                        from.join("; ")
                    )
                }
            })
            .collect();
        items.push(k.s(&format!(
            "{}:\n{}",
            t(tx::DPIA_CRITERIA, lang),
            crit.iter()
                .map(|c| format!("– {c}"))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    b.push(Block::Items {
        numbered: false,
        items,
    });
}

fn knowledge(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    let kb = &r.outcome.knowledge;
    if kb.is_empty() {
        return;
    }
    b.push(Block::Subheading(t(tx::KNOWLEDGE_USED, lang).into()));
    let items = kb
        .iter()
        .map(|e| {
            k.s(&format!(
                "{} ({} {}){}",
                e.name,
                t(tx::AS_OF, lang),
                dates::date(lang, e.as_of),
                if e.stale {
                    format!(" – {}", t(tx::KNOWLEDGE_STALE, lang))
                } else {
                    String::new()
                }
            ))
        })
        .collect();
    b.push(Block::Items {
        numbered: false,
        items,
    });
}

fn contradictions(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let c = &r.outcome.contradictions;
    if c.is_empty() {
        return;
    }
    b.push(Block::Subheading(t(tx::CONTRADICTIONS, r.lang).into()));
    let items = c
        .iter()
        .map(|x| k.s(&format!("{} › {}\n{}", x.place, x.question, x.hint)))
        .collect();
    b.push(Block::Items {
        numbered: false,
        items,
    });
}

fn findings(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    let o = &r.outcome;
    b.push(Block::Heading(t(tx::FINDINGS, lang).into()));
    incomplete(b, r, k);
    if o.findings.is_empty() {
        b.push(Block::Para(k.s(&o.no_findings)));
        return;
    }
    let rows = o
        .findings
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let mut title = g.title.clone();
            let at = applies(g, lang);
            if !at.is_empty() {
                title.push('\n');
                title.push_str(&at);
            }
            if !g.covered.is_empty() {
                let covered: Vec<String> = g
                    .covered
                    .iter()
                    .map(|c| {
                        let at = applies(c, lang);
                        if at.is_empty() {
                            c.title.clone()
                        } else {
                            format!("{} ({at})", c.title)
                        }
                    })
                    .collect();
                title.push('\n');
                title.push_str(t(tx::ALSO_COVERS, lang));
                title.push_str(": ");
                title.push_str(&covered.join("; "));
            }
            let high = g.severity == Severity::High;
            vec![
                Cell::plain((i + 1).to_string()),
                Cell {
                    text: k.s(&g.severity_label),
                    bold: high,
                },
                k.c(&title),
                k.c(&g.measure),
                k.c(&g.refs.join("; ")),
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        &[0.35, 1.25, 3.0, 3.0, 1.5],
        &[
            "#",
            t(tx::SEVERITY, lang),
            t(tx::FINDING, lang),
            t(tx::MEASURE, lang),
            t(tx::REFS, lang),
        ],
        rows,
    )));
}

fn open_points(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    let o = &r.outcome;
    b.push(Block::Heading(t(tx::OPEN_POINTS, lang).into()));
    if o.open_points.is_empty() {
        b.push(Block::Para(t(tx::NO_OPEN_POINTS, lang).into()));
        return;
    }
    let rows = o
        .open_points
        .iter()
        .map(|p| {
            vec![
                k.c(&p.question),
                k.c(&p.place),
                k.c(&p.kind_label),
                k.c(&p.key),
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        &[3.0, 1.6, 1.0, 1.6],
        &[
            t(tx::QUESTION, lang),
            t(tx::PLACE, lang),
            t(tx::STATE, lang),
            t(tx::KEY, lang),
        ],
        rows,
    )));
}

fn answer_cells(a: &AnswerRow, k: &Clean<'_>) -> Vec<Cell> {
    vec![
        k.c(&a.question),
        k.c(&a.display),
        k.c(a.note.as_deref().unwrap_or_default()),
    ]
}

fn answers(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    b.push(Block::Heading(t(tx::ANSWERS, lang).into()));
    if r.sections.is_empty() {
        b.push(Block::Para(t(tx::NO_ANSWERS, lang).into()));
    }
    let header = [
        t(tx::QUESTION, lang),
        t(tx::ANSWER, lang),
        t(tx::ANSWER_NOTE, lang),
    ];
    for sec in &r.sections {
        b.push(Block::Subheading(k.s(&sec.title)));
        let rows = sec.answers.iter().map(|a| answer_cells(a, k)).collect();
        b.push(Block::Table(Table::new(&[3.0, 2.0, 2.0], &header, rows)));
    }
    if !r.hidden_answers.is_empty() {
        b.push(Block::Subheading(t(tx::HIDDEN_ANSWERS, lang).into()));
        b.push(Block::Small(t(tx::HIDDEN_EXPLAINED, lang).into()));
        let rows = r
            .hidden_answers
            .iter()
            .flat_map(|s| {
                s.answers.iter().map(|a| {
                    let mut row = vec![k.c(&s.title)];
                    row.extend(answer_cells(a, k));
                    row
                })
            })
            .collect();
        let mut h = header.to_vec();
        h.insert(0, t(tx::SECTION, lang));
        b.push(Block::Table(Table::new(&[1.5, 3.0, 2.0, 2.0], &h, rows)));
    }
}

fn signoff(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    let so = &r.signoff;
    b.push(Block::Heading(t(tx::SIGNOFF, lang).into()));
    let rows = vec![
        kv(t(tx::SIGNER, lang), k.s(&so.name)),
        kv(t(tx::ROLE, lang), k.s(&so.role)),
        kv(t(tx::STATEMENT, lang), k.s(&so.statement)),
        kv(
            t(tx::SIGNED_AT, lang),
            dates::time(lang, so.signed_at, &r.zone),
        ),
        kv(t(tx::KEY_ID, lang), k.s(&so.key_id)),
    ];
    b.push(Block::Table(Table::new(
        &[1.0, 3.0],
        &[t(tx::FIELD, lang), t(tx::VALUE, lang)],
        rows,
    )));
    if !r.verification.valid {
        b.push(Block::Warning(t(tx::INVALID_WARNING, lang).into()));
    }
    b.push(Block::Small(format!(
        "{} msgaudit {}",
        t(tx::GENERATED_BY, lang),
        env!("CARGO_PKG_VERSION")
    )));
}
