//! One checklist file read into the raw model, element by element (a broken element is reported and the
//! rest still read): section by section where that is certain to give the same (`sectionwise`), else as
//! one document. Includes are not followed here; that is the loader's part.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::Diagnostic;
use super::files::{Sources, element, parse_document};
use super::raw::{
    RawEntry, RawFinding, RawHead, RawInclude, RawQuestion, RawQuestionEntry, RawSection,
    RawSectionHead,
};
use crate::i18n::T;

mod sectionwise;

/// Remove an array-of-tables key from a table, returning its elements (or a diagnostic if it is no array).
fn take_array<'a>(
    table: &mut DeTable<'a>,
    key: &str,
    sources: &Sources,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Spanned<DeValue<'a>>> {
    let Some(v) = table.remove(key) else {
        return Vec::new();
    };
    let span = v.span();
    if let DeValue::Array(items) = v.into_inner() {
        items.into_iter().collect()
    } else {
        diags.push(
            sources.diag(
                file,
                span,
                T::new(
                    "`{0}` muss eine Liste von Tabellen sein, geschrieben als [[...{0}]]",
                    "`{0}` must be a list of tables, written as [[...{0}]]",
                )
                .both(&[key]),
            ),
        );
        Vec::new()
    }
}

fn into_table<'a>(
    v: Spanned<DeValue<'a>>,
    what: T,
    sources: &Sources,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<(DeTable<'a>, Range<usize>)> {
    let span = v.span();
    if let DeValue::Table(t) = v.into_inner() {
        Some((t, span))
    } else {
        diags.push(sources.diag(file, span, what));
        None
    }
}

fn table_value(t: DeTable<'_>, span: Range<usize>) -> Spanned<DeValue<'_>> {
    Spanned::new(span, DeValue::Table(t))
}

fn parse_findings(
    table: &mut DeTable<'_>,
    sources: &Sources,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RawFinding> {
    take_array(table, "finding", sources, file, diags)
        .into_iter()
        .filter_map(|v| element::<RawFinding>(sources, file, v, diags))
        .collect()
}

/// A parsed checklist file before includes are expanded.
#[derive(Debug, Default)]
pub struct RawFile {
    pub head: Option<RawHead>,
    pub entries: Vec<RawEntry>,
    /// Ids of sections whose header could not be read (already reported).
    pub broken_sections: Vec<String>,
}

/// A checklist file parsed section by section where that is certain to give what the whole-file parse
/// gives (`sectionwise`), else as a whole.
pub(super) fn parse_checklist_file(
    sources: &Sources,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> RawFile {
    if sources.text(file).trim().is_empty() {
        diags.push(Diagnostic::file(
            sources.path(file),
            T::new(
                "die Datei ist leer; eine Checkliste beginnt mit `format = 1` (siehe docs/checklist-format.md)",
                "the file is empty; a checklist starts with `format = 1` (see docs/checklist-format.md)",
            ),
        ));
        return RawFile::default();
    }
    if let Some(raw) = sectionwise::parse(sources, file) {
        return raw;
    }
    parse_whole(sources, file, diags)
}

/// The file parsed as one TOML document; every problem in it is reported.
pub(super) fn parse_whole(sources: &Sources, file: usize, diags: &mut Vec<Diagnostic>) -> RawFile {
    let mut out = RawFile::default();
    let Some(doc) = parse_document(sources, file, diags) else {
        return out;
    };
    let doc_span = doc.span();
    let mut root = doc.into_inner();
    let had_sections = root.contains_key("section");
    let sections = take_array(&mut root, "section", sources, file, diags);
    out.head = element::<RawHead>(sources, file, table_value(root, doc_span.clone()), diags);
    if !had_sections {
        diags.push(sources.diag(
            file,
            doc_span.start..doc_span.start,
            T::new(
                "die Checkliste hat keine Abschnitte; fügen Sie mindestens einen [[section]] hinzu",
                "the checklist has no sections; add at least one [[section]]",
            ),
        ));
    }
    for s in sections {
        section_entry(s, sources, file, diags, &mut out);
    }
    out
}

/// One `[[section]]` table of `file`: its own section (head, questions, findings) or an include entry,
/// added to `out`; what cannot be read is reported.
pub(super) fn section_entry(
    s: Spanned<DeValue<'_>>,
    sources: &Sources,
    file: usize,
    diags: &mut Vec<Diagnostic>,
    out: &mut RawFile,
) {
    let Some((mut t, span)) = into_table(
        s,
        T::new(
            "ein Abschnitt muss eine Tabelle sein",
            "a section must be a table",
        ),
        sources,
        file,
        diags,
    ) else {
        return;
    };
    if t.contains_key("include") {
        if let Some(inc) = element::<RawInclude>(sources, file, table_value(t, span.clone()), diags)
        {
            out.entries.push(RawEntry::Include(inc, span));
        }
        return;
    }
    let questions = take_array(&mut t, "question", sources, file, diags);
    let findings = parse_findings(&mut t, sources, file, diags);
    let id = match t.get("id").map(toml::Spanned::get_ref) {
        Some(DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    };
    let head = element::<RawSectionHead>(sources, file, table_value(t, span.clone()), diags);
    let mut entries = Vec::with_capacity(questions.len());
    let mut incomplete = false;
    for q in questions {
        let Some((mut qt, qspan)) = into_table(
            q,
            T::new(
                "eine Frage muss eine Tabelle sein",
                "a question must be a table",
            ),
            sources,
            file,
            diags,
        ) else {
            incomplete = true;
            continue;
        };
        let findings = parse_findings(&mut qt, sources, file, diags);
        match element::<RawQuestion>(sources, file, table_value(qt, qspan), diags) {
            Some(q) => entries.push(RawQuestionEntry { q, findings }),
            None => incomplete = true,
        }
    }
    if head.is_none() {
        out.broken_sections.extend(id);
    }
    if let Some(head) = head {
        out.entries.push(RawEntry::Own(Box::new(RawSection {
            file,
            head,
            questions: entries,
            findings,
            span,
            file_of_span: file,
            for_each_override: None,
            when_override: None,
            incomplete,
        })));
    }
}
