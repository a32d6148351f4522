//! The records-of-processing draft (Art. 30) in the PDF, its own section as in the Markdown and HTML
//! reports (`md_art30.rs`): per messenger found a table field | content with its source | open
//! mark, every open field marked in bold.

use super::super::art30::{Art30Entry, Art30Info};
use super::super::art30_texts as ax;
use super::super::md_art30::entry_heading;
use super::blocks::{Block, Cell, Clean, Table};
use crate::lang::Lang;

/// The rows of one entry: field (with its provision), content (with its source), open mark.
fn rows(e: &Art30Entry, lang: Lang, k: &Clean<'_>) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for f in &e.fields {
        let name = format!("{} ({})", f.label, f.reference);
        let mut first = true;
        let mut label = || {
            if std::mem::take(&mut first) {
                k.c(&name)
            } else {
                Cell::plain(String::new())
            }
        };
        for v in &f.values {
            let text = match &v.note {
                Some(n) => format!("{} ({}: {})", v.text, ax::NOTE.get(lang), n),
                None => v.text.clone(),
            };
            let source = format!("{}: {} ({})", ax::SOURCE.get(lang), v.source_text, v.key);
            rows.push(vec![
                label(),
                k.c(&format!("{text}\n{source}")),
                Cell::plain(String::new()),
            ]);
        }
        if f.open {
            rows.push(vec![
                label(),
                Cell::plain(String::new()),
                Cell::bold(ax::OPEN_FIELD.get(lang).into()),
            ]);
        }
    }
    rows
}

/// The section „Entwurf für das Verzeichnis …“ with one subheading and table per messenger.
pub(super) fn section(b: &mut Vec<Block>, a: &Art30Info, lang: Lang, k: &Clean<'_>) {
    b.push(Block::Heading(ax::ART30_TITLE.get(lang).into()));
    b.push(Block::Para(k.s(&a.note)));
    if a.entries.is_empty() {
        b.push(Block::Para(ax::NO_ENTRIES.get(lang).into()));
    }
    for e in &a.entries {
        entry(b, e, lang, k);
    }
}

/// One messenger's entry: its subheading and table (also the DPIA draft's description, part (a)).
pub(super) fn entry(b: &mut Vec<Block>, e: &Art30Entry, lang: Lang, k: &Clean<'_>) {
    b.push(Block::Subheading(k.s(&entry_heading(e, lang))));
    b.push(Block::Table(Table::new(
        &[1.6, 3.0, 1.1],
        &[
            ax::ART30_FIELD.get(lang),
            ax::CONTENT.get(lang),
            super::super::texts::OPEN.get(lang),
        ],
        rows(e, lang, k),
    )));
}
