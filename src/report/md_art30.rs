//! The Markdown section of the records-of-processing draft (Art. 30): one table per messenger found, a
//! row per value with its source, every open field marked. Every text is escaped.

use std::fmt::Write as _;

use super::art30::{Art30Entry, Art30Info};
use super::art30_texts as ax;
use super::markdown::{cell, escape, table};
use crate::lang::Lang;

/// The heading of an entry: „Eintrag: WhatsApp (3 offene Felder)“.
pub fn entry_heading(e: &Art30Entry, lang: Lang) -> String {
    format!(
        "{}: {} ({} {})",
        ax::ENTRY.get(lang),
        e.messenger,
        e.open,
        ax::OPEN_FIELDS.get(lang)
    )
}

/// The rows of one entry: field, content, source.
pub(super) fn entry_rows(e: &Art30Entry, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for f in &e.fields {
        let name = format!("{} ({})", cell(&f.label), cell(&f.reference));
        let mut first = true;
        let mut label = || {
            if std::mem::take(&mut first) {
                name.clone()
            } else {
                " ".to_string()
            }
        };
        for v in &f.values {
            let text = match &v.note {
                Some(n) => format!("{} ({}: {})", cell(&v.text), ax::NOTE.get(lang), cell(n)),
                None => cell(&v.text),
            };
            rows.push(vec![
                label(),
                text,
                format!("{} ({})", cell(&v.source_text), cell(&v.key)),
            ]);
        }
        if f.open {
            rows.push(vec![
                label(),
                format!("**{}**", escape(ax::OPEN_FIELD.get(lang))),
                " ".to_string(),
            ]);
        }
    }
    rows
}

/// The section `## Entwurf für das Verzeichnis …` of a report, headings one level below `level`.
pub fn section(out: &mut String, a: &Art30Info, lang: Lang, level: usize) {
    let h = "#".repeat(level);
    let _ = writeln!(out, "{h} {}\n", escape(ax::ART30_TITLE.get(lang)));
    let _ = writeln!(out, "{}\n", escape(&a.note));
    if a.entries.is_empty() {
        let _ = writeln!(out, "{}\n", escape(ax::NO_ENTRIES.get(lang)));
    }
    for e in &a.entries {
        let _ = writeln!(out, "{h}# {}\n", escape(&entry_heading(e, lang)));
        table(
            out,
            &[
                ax::ART30_FIELD.get(lang),
                ax::CONTENT.get(lang),
                ax::SOURCE.get(lang),
            ],
            &entry_rows(e, lang),
        );
    }
}
