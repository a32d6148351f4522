//! The overview across results (`msgaudit summary --format pdf`) as blocks: the verified count, the files
//! that failed, the audits, messenger use, findings per unit with the trend and the DPIA audits, as the
//! Markdown overview has them.

use super::super::model::SeverityCounts;
use super::super::summary::Overview;
use super::super::texts::{self as tx, T};
use super::super::trend;
use super::blocks::{Block, Cell, Clean, Doc, Table, Tone};
use crate::checklist::Severity;
use crate::i18n::dates;
use crate::lang::Lang;

fn t(x: T, lang: Lang) -> &'static str {
    x.get(lang)
}

/// The document of the overview.
pub fn overview(o: &Overview, k: &Clean<'_>) -> Doc {
    let lang = o.lang;
    let mut b = vec![Block::Title(t(tx::SUMMARY_TITLE, lang).into())];
    let verified = format!(
        "{}: {} {} {}",
        t(tx::AUDITS_VERIFIED, lang),
        o.audits.len(),
        t(tx::OF, lang),
        o.audits.len() + o.failed.len()
    );
    let ok = o.failed.is_empty();
    b.push(Block::Callout {
        tone: if ok { Tone::Good } else { Tone::Bad },
        lines: vec![Cell::bold(verified.clone())],
    });

    b.push(Block::Heading(t(tx::FAILED, lang).into()));
    if ok {
        b.push(Block::Para(t(tx::NO_FAILED, lang).into()));
    } else {
        b.push(Block::Warning(t(tx::FAILED_EXPLAINED, lang).into()));
        let rows = o
            .failed
            .iter()
            .map(|f| vec![k.c(&f.file), k.c(&f.reason)])
            .collect();
        b.push(Block::Table(Table::new(
            &[1.0, 2.0],
            &[t(tx::FILE, lang), t(tx::REASON, lang)],
            rows,
        )));
    }

    b.push(Block::Heading(t(tx::AUDITS, lang).into()));
    if o.audits.is_empty() {
        b.push(Block::Para(t(tx::NO_AUDITS, lang).into()));
    } else {
        let rows = o
            .audits
            .iter()
            .map(|a| {
                let standing = match &a.superseded_by {
                    Some(f) => format!("{} ({} {f})", a.standing_label, t(tx::SUPERSEDED_BY, lang)),
                    None => a.standing_label.clone(),
                };
                vec![
                    k.c(&format!("{}\n{}", a.organisation, a.unit)),
                    Cell {
                        text: k.s(&a.completeness),
                        bold: !a.complete,
                    },
                    k.c(&a.dpia_verdict_label),
                    k.c(&a.checklist),
                    k.c(&dates::date_short(lang, a.audit_date)),
                    k.c(&format!(
                        "{}\n{}",
                        a.signed_by,
                        dates::time_short(lang, a.signed_at, &o.zone)
                    )),
                    k.c(&standing),
                    k.c(&a.file),
                ]
            })
            .collect();
        let mut table = Table::new(
            &[1.6, 1.2, 1.2, 1.4, 0.9, 1.3, 1.0, 1.8],
            &[
                t(tx::UNIT, lang),
                t(tx::COMPLETENESS, lang),
                t(tx::DPIA_SHORT, lang),
                t(tx::CHECKLIST, lang),
                t(tx::AUDIT_DATE, lang),
                t(tx::SIGNER, lang),
                t(tx::STANDING, lang),
                t(tx::FILE, lang),
            ],
            rows,
        );
        table.size = 7.5;
        b.push(Block::Table(table));
    }

    b.push(Block::Heading(t(tx::MESSENGERS, lang).into()));
    if o.messengers.is_empty() {
        b.push(Block::Para(t(tx::NO_MESSENGERS, lang).into()));
    } else {
        let rows = o
            .messengers
            .iter()
            .map(|m| {
                let uses: Vec<String> = m
                    .uses
                    .iter()
                    .map(|u| format!("{} ({})", u.unit_label(), u.places.join("; ")))
                    .collect();
                vec![k.c(&m.name), k.c(&uses.join("\n"))]
            })
            .collect();
        b.push(Block::Table(Table::new(
            &[1.0, 3.0],
            &[t(tx::MESSENGER, lang), t(tx::USED_IN, lang)],
            rows,
        )));
    }

    b.push(Block::Heading(t(tx::PER_UNIT, lang).into()));
    if o.units.is_empty() {
        b.push(Block::Para(t(tx::NO_AUDITS, lang).into()));
    } else {
        b.push(Block::Small(t(tx::TREND_EXPLAINED, lang).into()));
        let mut header = vec![
            t(tx::UNIT, lang),
            t(tx::AUDITS, lang),
            t(tx::LATEST_AUDIT, lang),
        ];
        header.extend(Severity::ALL.iter().map(|s| tx::severity(*s, lang)));
        header.push(t(tx::TOTAL, lang));
        header.push(t(tx::PREVIOUS_AUDIT, lang));
        let rows = o
            .units
            .iter()
            .map(|u| {
                let prev = u.previous.as_ref().map(|p| &p.findings);
                let mut r = vec![
                    k.c(&u.label()),
                    k.c(&u.audits.to_string()),
                    Cell {
                        text: dates::date_short(lang, u.latest_audit_date),
                        bold: !u.complete,
                    },
                ];
                r.extend(
                    Severity::ALL
                        .iter()
                        .map(|s| k.c(&trend::cell(u.findings.get(*s), prev.map(|p| p.get(*s))))),
                );
                r.push(k.c(&trend::cell(
                    u.findings.total(),
                    prev.map(SeverityCounts::total),
                )));
                r.push(k.c(&u.previous.as_ref().map_or_else(
                    || "–".to_string(),
                    |p| dates::date_short(lang, p.audit_date),
                )));
                r
            })
            .collect();
        let mut table = Table::new(
            &[2.0, 0.8, 1.1, 0.8, 0.8, 0.8, 0.8, 0.8, 1.1],
            &header,
            rows,
        );
        table.size = 7.5;
        b.push(Block::Table(table));
    }

    b.push(Block::Heading(t(tx::DPIA_AUDITS, lang).into()));
    if o.dpia.is_empty() {
        b.push(Block::Para(t(tx::NO_DPIA_AUDITS, lang).into()));
    } else {
        let rows = o
            .dpia
            .iter()
            .map(|d| {
                let crit: Vec<&str> = d.criteria.iter().map(|c| c.label.as_str()).collect();
                vec![
                    k.c(&d.unit_label()),
                    Cell::bold(k.s(&d.verdict_label)),
                    k.c(&crit.join("; ")),
                    k.c(&d.file),
                ]
            })
            .collect();
        b.push(Block::Table(Table::new(
            &[1.5, 1.2, 2.5, 1.8],
            &[
                t(tx::UNIT, lang),
                t(tx::DPIA_SHORT, lang),
                t(tx::DPIA_CRITERIA, lang),
                t(tx::FILE, lang),
            ],
            rows,
        )));
    }
    b.push(Block::Small(format!(
        "{} msgaudit {}",
        t(tx::GENERATED_BY, lang),
        env!("CARGO_PKG_VERSION")
    )));

    let mut orgs: Vec<&str> = o.audits.iter().map(|a| a.organisation.as_str()).collect();
    orgs.sort_unstable();
    orgs.dedup();
    Doc {
        title: t(tx::SUMMARY_TITLE, lang).into(),
        lang: lang.code().to_string(),
        id: format!(
            "msgaudit-summary:{}:{}",
            lang.code(),
            o.audits
                .iter()
                .map(|a| a.audit_id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
        header: k.s(&format!(
            "{} · {}",
            t(tx::SUMMARY_TITLE, lang),
            orgs.join(", ")
        )),
        confidential: t(tx::CONFIDENTIAL, lang).into(),
        verified: ok,
        state: verified,
        banner: (!ok).then(|| format!("{}: {}", t(tx::FAILED, lang), o.failed.len())),
        incomplete: None,
        page_of: t(tx::PAGE_OF, lang).into(),
        blocks: b,
    }
}
