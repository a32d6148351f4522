//! The change history section of the PDF: the summary line and one table row per change, oldest first,
//! as the Markdown and HTML reports have it.

use super::super::model::Report;
use super::super::texts as tx;
use super::blocks::{Block, Clean, Table};
use crate::i18n::dates;

pub(super) fn section(b: &mut Vec<Block>, r: &Report, k: &Clean<'_>) {
    let lang = r.lang;
    b.push(Block::Heading(tx::HISTORY.get(lang).into()));
    if !r.history_recorded {
        b.push(Block::Para(tx::HISTORY_NONE.get(lang).into()));
        return;
    }
    let c = &r.history_counts;
    b.push(Block::Para(format!(
        "{} {}.",
        tx::HISTORY_EXPLAINED.get(lang),
        tx::HISTORY_SUMMARY.fill(
            lang,
            &[
                &c.changes.to_string(),
                &c.answers.to_string(),
                &c.corrections.to_string()
            ]
        )
    )));
    if r.history.is_empty() {
        return;
    }
    let rows = r
        .history
        .iter()
        .map(|h| {
            let (before, after) = h.change_text(lang);
            vec![
                k.c(&dates::time_short(lang, h.at, &r.zone)),
                k.c(&h.question),
                k.c(&before),
                k.c(&after),
                k.c(&h.by),
                k.c(&h.remark(lang)),
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        &[1.3, 2.4, 1.5, 1.5, 1.1, 1.5],
        &[
            tx::HISTORY_WHEN.get(lang),
            tx::QUESTION.get(lang),
            tx::HISTORY_BEFORE.get(lang),
            tx::HISTORY_AFTER.get(lang),
            tx::HISTORY_BY.get(lang),
            tx::HISTORY_REASON.get(lang),
        ],
        rows,
    )));
}
