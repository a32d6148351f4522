//! The DPIA draft as PDF (`--dpia --format pdf`): the parts of Art. 35(7) GDPR in the order of the
//! Markdown draft (`dpia_md.rs`), each ending with what is still open, on pages with the report's running
//! header and footer and its verification state.

use super::super::art30_texts as ax;
use super::super::dpia::DpiaDraft;
use super::super::texts as tx;
use super::blocks::{Block, Cell, Clean, Doc, Table};
use std::fmt::Write as _;

use crate::i18n::dates;
use crate::lang::Lang;

/// „Feld: offen – bitte ergänzen“, as a list item.
fn open(b: &mut Vec<Block>, what: &str, lang: Lang, k: &Clean<'_>) {
    b.push(Block::Items {
        numbered: false,
        items: vec![k.s(&format!("{what}: {}", ax::OPEN_FIELD.get(lang)))],
    });
}

/// The whole DPIA draft as a PDF document.
pub(super) fn draft(d: &DpiaDraft, k: &Clean<'_>) -> Doc {
    let lang = d.lang;
    let t = |x: ax::T| x.get(lang);
    let mut b = Vec::new();
    b.push(Block::Title(k.s(&d.title)));
    if !d.valid {
        b.push(Block::Warning(k.s(&d.verification)));
    }
    if d.forced {
        b.push(Block::Warning(
            k.s(&ax::NOT_DUE_HEADER.fill(lang, &[&d.verdict])),
        ));
    }
    b.push(Block::Para(t(ax::DPIA_INTRO).into()));
    let unit = if d.unit.is_empty() {
        String::new()
    } else {
        format!(" · {}", d.unit)
    };
    let kv = |key: &str, v: &str| vec![Cell::bold(key.to_string()), k.c(v)];
    let rows = vec![
        kv(
            tx::ORGANISATION.get(lang),
            &format!("{}{unit}", d.organisation),
        ),
        kv(tx::AUDIT_DATE.get(lang), &dates::date(lang, d.audit_date)),
        kv(tx::CHECKLIST.get(lang), &d.checklist),
        kv(t(ax::DPIA_RESULT_FILE), &d.file),
        kv(tx::VERIFICATION.get(lang), &d.verification),
        kv(t(ax::DPIA_SCREENING), &d.verdict),
    ];
    b.push(Block::Table(Table::new(
        &[1.2, 3.0],
        &[tx::FIELD.get(lang), tx::VALUE.get(lang)],
        rows,
    )));
    if d.provisional {
        b.push(Block::Warning(t(ax::DPIA_PROVISIONAL_NOTE).into()));
    }
    b.push(Block::Para(format!("{}:", t(ax::DPIA_CRITERIA))));
    let criteria = if d.criteria.is_empty() {
        vec![tx::NONE.get(lang).to_string()]
    } else {
        d.criteria
            .iter()
            .map(|c| {
                if c.from.is_empty() {
                    k.s(&c.label)
                } else {
                    k.s(&format!(
                        "{} ({} {})",
                        c.label,
                        t(ax::DPIA_FROM),
                        c.from.join("; ")
                    ))
                }
            })
            .collect()
    };
    b.push(Block::Items {
        numbered: false,
        items: criteria,
    });

    // (a) systematic description
    b.push(Block::Heading(t(ax::DPIA_A).into()));
    b.push(Block::Para(t(ax::DPIA_A_INTRO).into()));
    if d.description.is_empty() {
        b.push(Block::Para(t(ax::NO_ENTRIES).into()));
    }
    for e in &d.description {
        super::art30::entry(&mut b, e, lang, k);
    }
    open(&mut b, t(ax::DPIA_A_TODO), lang, k);

    // (b) necessity and proportionality
    b.push(Block::Heading(t(ax::DPIA_B).into()));
    b.push(Block::Para(t(ax::DPIA_B_INTRO).into()));
    for p in &d.necessity {
        b.push(Block::Subheading(k.s(&p.title)));
        if p.values.is_empty() {
            b.push(Block::Para(t(ax::DPIA_NOTHING_FROM_AUDIT).into()));
        } else {
            b.push(Block::Items {
                numbered: false,
                items: p.values.iter().map(|v| k.s(v)).collect(),
            });
        }
        open(&mut b, t(ax::DPIA_ASSESSMENT), lang, k);
    }

    // (c) risks
    b.push(Block::Heading(t(ax::DPIA_C).into()));
    b.push(Block::Para(t(ax::DPIA_C_INTRO).into()));
    b.push(Block::Subheading(t(ax::DPIA_MATRIX).into()));
    let mut header = vec![t(ax::DPIA_SEVERITY_AXIS)];
    header.extend([ax::LEVEL_1, ax::LEVEL_2, ax::LEVEL_3, ax::LEVEL_4].map(t));
    let rows = d
        .matrix
        .iter()
        .map(|m| {
            let mut row = vec![Cell::bold(m.severity.to_string())];
            row.extend(m.cells.iter().map(|c| Cell::plain((*c).to_string())));
            row
        })
        .collect();
    b.push(Block::Table(Table::new(
        &[1.4, 1.0, 1.0, 1.0, 1.0],
        &header,
        rows,
    )));
    b.push(Block::Small(t(ax::DPIA_MATRIX_NOTE).into()));
    if d.risks.is_empty() {
        b.push(Block::Para(t(ax::DPIA_NO_RISKS).into()));
    } else {
        let rate = t(ax::DPIA_RATE);
        let rows = d
            .risks
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut risk = r.title.clone();
                if !r.applies_to.is_empty() {
                    let _ = write!(
                        risk,
                        "\n{}: {}",
                        tx::APPLIES_TO.get(lang),
                        r.applies_to.join("; ")
                    );
                }
                if let Some(c) = &r.criterion {
                    let _ = write!(risk, "\n{}: {c}", t(ax::DPIA_CRITERION));
                }
                vec![
                    Cell::plain((i + 1).to_string()),
                    k.c(&risk),
                    k.c(r.class.as_deref().unwrap_or(rate)),
                    Cell::plain(rate.into()),
                    Cell::plain(rate.into()),
                    k.c(&r.keys.join("; ")),
                ]
            })
            .collect();
        b.push(Block::Table(Table::new(
            &[0.3, 2.6, 1.0, 1.0, 1.0, 1.6],
            &[
                "#",
                t(ax::DPIA_RISK),
                t(ax::DPIA_PROPOSED_CLASS),
                t(ax::DPIA_SEVERITY),
                t(ax::DPIA_LIKELIHOOD),
                t(ax::SOURCE),
            ],
            rows,
        )));
    }
    open(&mut b, t(ax::DPIA_C), lang, k);

    // (d) measures
    b.push(Block::Heading(t(ax::DPIA_D).into()));
    b.push(Block::Para(t(ax::DPIA_D_INTRO).into()));
    if d.measures.is_empty() {
        b.push(Block::Para(t(ax::DPIA_NO_MEASURES).into()));
    } else {
        let rows = d
            .measures
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let mut what = format!("{}\n{}", g.title, g.measure);
                if !g.applies_to.is_empty() {
                    let _ = write!(
                        what,
                        "\n{}: {}",
                        tx::APPLIES_TO.get(lang),
                        g.applies_to.join("; ")
                    );
                }
                if !g.covered.is_empty() {
                    let covered: Vec<&str> = g.covered.iter().map(|c| c.title.as_str()).collect();
                    let _ = write!(
                        what,
                        "\n{}: {}",
                        tx::ALSO_COVERS.get(lang),
                        covered.join("; ")
                    );
                }
                vec![
                    Cell::plain((i + 1).to_string()),
                    k.c(&g.severity_label),
                    k.c(&what),
                    Cell::bold(ax::OPEN_FIELD.get(lang).into()),
                ]
            })
            .collect();
        b.push(Block::Table(Table::new(
            &[0.3, 1.0, 3.6, 1.4],
            &[
                "#",
                tx::SEVERITY.get(lang),
                tx::MEASURE.get(lang),
                t(ax::DPIA_OWNER),
            ],
            rows,
        )));
    }

    // the end: result, opinion, approval
    b.push(Block::Heading(t(ax::DPIA_E).into()));
    for c in &d.closing {
        open(&mut b, c, lang, k);
    }
    b.push(Block::Small(format!(
        "{} msgaudit {}",
        tx::GENERATED_BY.get(lang),
        env!("CARGO_PKG_VERSION")
    )));

    let valid = d.valid;
    Doc {
        title: k.s(&d.title),
        lang: lang.code().to_string(),
        id: format!("msgaudit-dpia:{}:{}", d.file, lang.code()),
        header: k.s(&format!(
            "{}{unit} · {} {}",
            d.organisation,
            tx::AUDIT_DATE.get(lang),
            dates::date(lang, d.audit_date)
        )),
        confidential: tx::CONFIDENTIAL.get(lang).into(),
        verified: valid,
        state: format!(
            "{}: {}",
            tx::VERIFICATION_STATE.get(lang),
            (if valid { tx::VALID } else { tx::INVALID }).get(lang)
        ),
        banner: (!valid).then(|| tx::INVALID.get(lang).to_string()),
        incomplete: d
            .provisional
            .then(|| ax::DPIA_PROVISIONAL_NOTE.get(lang).to_string()),
        page_of: tx::PAGE_OF.get(lang).into(),
        blocks: b,
    }
}
