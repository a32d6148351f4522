//! The action plan section of the PDF: where the earlier audit's plan stood, then one table row per
//! grouped measure, as the Markdown and HTML reports have it (`md_plan.rs`).

use super::super::model::Report;
use super::super::texts as tx;
use super::blocks::{Block, Clean, Table};

pub(super) fn section(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    b.push(Block::Heading(tx::ACTION_PLAN.get(lang).into()));
    if let Some(p) = &r.previous_plan {
        b.push(Block::Para(k.s(&p.text)));
    }
    if r.plan.is_empty() {
        b.push(Block::Para(tx::PLAN_NONE.get(lang).into()));
        return;
    }
    b.push(Block::Para(tx::PLAN_EXPLAINED.get(lang).into()));
    let mut header = vec![
        tx::MEASURE.get(lang),
        tx::SEVERITY.get(lang),
        tx::PLAN_STATUS.get(lang),
        tx::PLAN_OWNER.get(lang),
        tx::PLAN_DUE.get(lang),
        tx::PLAN_JUSTIFICATION.get(lang),
    ];
    let mut widths = vec![2.6, 1.0, 1.1, 1.2, 1.0, 1.8];
    let earlier = r.previous_plan.is_some();
    if earlier {
        header.push(tx::PLAN_EARLIER.get(lang));
        widths.push(1.2);
    }
    let rows = r
        .plan
        .iter()
        .map(|p| {
            let mut row = vec![
                k.c(&format!("{} ({})", p.title, p.finding)),
                k.c(&p.severity_label),
                k.c(&p.status_label),
                k.c(&p.owner),
                k.c(&p.due_label),
                k.c(&p.justification),
            ];
            if earlier {
                row.push(k.c(p.earlier.as_deref().unwrap_or_default()));
            }
            row
        })
        .collect();
    b.push(Block::Table(Table::new(&widths, &header, rows)));
}
