//! Loading a checklist: each file parsed element by element into the raw model (`files`), includes
//! expanded (cycles, missing files and sections reported where they are written), then validated.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::Diagnostic;
// The size limit stays nameable here: drafts and results are read with the same one.
pub use super::files::MAX_FILE_BYTES;
use super::files::{Files, Sources, element, parse_document};
use super::model::{Checklist, SourceFile};
use super::raw::{
    RawEntry, RawFinding, RawHead, RawInclude, RawQuestion, RawQuestionEntry, RawSection,
    RawSectionHead,
};
use super::validate::validate;
use crate::i18n::T;

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

/// A checklist file with its includes expanded: its head and every section, in order.
#[derive(Debug)]
pub struct Expanded {
    pub head: RawHead,
    pub sections: Vec<RawSection>,
}

/// A parsed checklist file before includes are expanded.
#[derive(Debug)]
pub struct RawFile {
    pub file: usize,
    pub head: Option<RawHead>,
    pub entries: Vec<RawEntry>,
    /// Ids of sections whose header could not be read (already reported).
    pub broken_sections: Vec<String>,
}

pub(super) fn parse_checklist_file(
    sources: &Sources,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> RawFile {
    let mut out = RawFile {
        file,
        head: None,
        entries: Vec::new(),
        broken_sections: Vec::new(),
    };
    if sources.text(file).trim().is_empty() {
        diags.push(Diagnostic::file(
            sources.path(file),
            T::new(
                "die Datei ist leer; eine Checkliste beginnt mit `format = 1` (siehe docs/checklist-format.md)",
                "the file is empty; a checklist starts with `format = 1` (see docs/checklist-format.md)",
            ),
        ));
        return out;
    }
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
            continue;
        };
        if t.contains_key("include") {
            if let Some(inc) =
                element::<RawInclude>(sources, file, table_value(t, span.clone()), diags)
            {
                out.entries.push(RawEntry::Include(inc, span));
            }
            continue;
        }
        let questions = take_array(&mut t, "question", sources, file, diags);
        let findings = parse_findings(&mut t, sources, file, diags);
        let id = match t.get("id").map(toml::Spanned::get_ref) {
            Some(DeValue::String(s)) => Some(s.to_string()),
            _ => None,
        };
        let head = element::<RawSectionHead>(sources, file, table_value(t, span.clone()), diags);
        let mut entries = Vec::new();
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
    out
}

/// Loads one checklist with everything it includes.
#[derive(Default)]
pub struct Loader {
    pub files: Files,
    /// Files whose sections were included, in load order.
    pub included: Vec<PathBuf>,
    /// Sections that could not be read at all; conditions naming them are not reported again.
    pub broken_sections: Vec<String>,
    /// Expanded files, shared: an included file is parsed once however often it is included.
    expanded: HashMap<usize, Option<Rc<Expanded>>>,
    stack: Vec<PathBuf>,
    /// The files the standalone checks of included checklists read (`Checklist::read`).
    read_by_includes: Vec<SourceFile>,
    /// Checklists loaded on their own, shared with the loaders of included files and across the loads of
    /// one catalog: each file is checked once, not once per path to it (a chain of includes was
    /// exponential) nor once more when the catalog offers it on its own.
    memo: Memo,
}

/// Standalone loads by (canonical path, folder that includes must stay in). Only for one batch of loads
/// (`super::load_each`): the files are read once at its start, so a file changed later is loaded anew.
#[derive(Debug, Clone, Default)]
pub struct Memo(Rc<RefCell<HashMap<MemoKey, Loaded>>>);

/// A checklist file (canonical) and the folder its includes must stay in.
type MemoKey = (PathBuf, Option<PathBuf>);
type Loaded = Result<Rc<Checklist>, Vec<Diagnostic>>;

impl Memo {
    fn get(&self, key: &MemoKey) -> Option<Loaded> {
        self.0.borrow().get(key).cloned()
    }

    fn put(&self, key: MemoKey, value: Loaded) {
        self.0.borrow_mut().insert(key, value);
    }
}

impl Loader {
    /// Register a file: read it once; returns its index, or None (with a diagnostic) if it can't be read.
    pub fn add_file(&mut self, path: &Path) -> Option<usize> {
        self.files.add_file(path)
    }

    /// Parse a checklist file and expand its includes (recursively), returning its head and all sections.
    pub fn expand(&mut self, path: &Path) -> Option<Rc<Expanded>> {
        let file = self.add_file(path)?;
        if let Some(done) = self.expanded.get(&file) {
            return done.clone();
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.stack.push(canonical);
        let raw = parse_checklist_file(&self.files.sources, file, &mut self.files.diags);
        self.broken_sections
            .extend(raw.broken_sections.iter().cloned());
        let mut sections = Vec::new();
        for entry in raw.entries {
            match entry {
                RawEntry::Own(s) => sections.push(*s),
                RawEntry::Include(inc, span) => {
                    if let Some(s) = self.include(file, path, inc, span) {
                        sections.push(s);
                    }
                }
            }
        }
        self.stack.pop();
        let result = raw.head.map(|head| Rc::new(Expanded { head, sections }));
        self.expanded.insert(file, result.clone());
        result
    }

    fn include(
        &mut self,
        file: usize,
        path: &Path,
        inc: RawInclude,
        span: Range<usize>,
    ) -> Option<RawSection> {
        let target = match self.files.inside_tree(path, inc.include.get_ref()) {
            Ok(target) => target,
            Err(message) => {
                self.files
                    .diags
                    .push(self.files.sources.diag(file, inc.include.span(), message));
                return None;
            }
        };
        let canonical = std::fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
        if self.stack.contains(&canonical) {
            self.files.diags.push(
                self.files.sources.diag(
                    file,
                    inc.include.span(),
                    T::new(
                        "Einbindung im Kreis: `{0}` bindet sich über diesen Eintrag selbst ein",
                        "include cycle: `{0}` includes itself through this entry",
                    )
                    .both(&[inc.include.get_ref()]),
                ),
            );
            return None;
        }
        if !target.is_file() {
            self.files.diags.push(
                self.files.sources.diag(
                    file,
                    inc.include.span(),
                    T::new(
                        "`{0}` kann nicht eingebunden werden: die Datei ist nicht vorhanden",
                        "cannot include `{0}`: no such file",
                    )
                    .both(&[&target.display().to_string()]),
                ),
            );
            return None;
        }
        let errors_before = self.files.diags.len();
        let expanded = self.expand(&target)?;
        if self.files.diags.len() > errors_before {
            return None;
        }
        let Some(mut s) = expanded
            .sections
            .iter()
            .find(|s| s.head.id.get_ref() == inc.section.get_ref())
            .cloned()
        else {
            self.files.diags.push(
                self.files.sources.diag(
                    file,
                    inc.section.span(),
                    T::new(
                        "`{0}` hat keinen Abschnitt `{1}`",
                        "`{0}` has no section `{1}`",
                    )
                    .both(&[inc.include.get_ref(), inc.section.get_ref()]),
                ),
            );
            return None;
        };
        // The included file must be a valid checklist on its own, too: one definition, checked once.
        let key = (canonical.clone(), self.files.root.clone());
        let loaded = if let Some(loaded) = self.memo.get(&key) {
            loaded
        } else {
            let child = Loader {
                files: Files::within(self.files.root.clone()),
                memo: self.memo.clone(),
                ..Loader::default()
            };
            let loaded = child.load(&target).map(Rc::new);
            self.memo.put(key, loaded.clone());
            loaded
        };
        match loaded {
            Ok(c) => self.read_by_includes.extend(c.read.iter().cloned()),
            Err(diags) => {
                self.files.diags.extend(diags);
                return None;
            }
        }
        if !self.included.contains(&target) {
            self.included.push(target.clone());
        }
        if let Some(fe) = inc.for_each {
            s.for_each_override = Some((file, fe));
        }
        if let Some(w) = inc.when {
            s.when_override = Some((file, w));
        }
        s.span = span;
        s.file_of_span = file;
        Some(s)
    }

    /// A loader that shares `memo` with other loads of the same batch.
    pub fn with_memo(memo: &Memo) -> Loader {
        Loader {
            memo: memo.clone(),
            ..Loader::default()
        }
    }

    /// Load the checklist at `path` as `load` does, or take it from the memo when this batch loaded it
    /// already (as an include of another checklist); the result names `path` as given here.
    pub fn load_shared(self, path: &Path) -> Result<Checklist, Vec<Diagnostic>> {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        let root = std::fs::canonicalize(folder.unwrap_or(Path::new("."))).ok();
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let key = (canonical, root);
        if let Some(Ok(c)) = self.memo.get(&key) {
            let mut c = Checklist::clone(&c);
            c.path = path.to_path_buf();
            return Ok(c);
        }
        // Not loaded yet, or it failed: load it here, so that every diagnostic names `path` as given.
        let memo = self.memo.clone();
        let loaded = self.load(path);
        if let Ok(c) = &loaded {
            memo.put(key, Ok(Rc::new(c.clone())));
        }
        loaded
    }

    /// Load, expand and validate `text` as the checklist at `path` (which need not exist): every check of
    /// a load applies, and includes and the knowledge base are read from `path`'s folder.
    pub fn load_text(mut self, path: &Path, text: String) -> Result<Checklist, Vec<Diagnostic>> {
        self.files.add_text(path, text);
        self.load(path)
    }

    /// Load, expand and validate the checklist at `path`.
    pub fn load(mut self, path: &Path) -> Result<Checklist, Vec<Diagnostic>> {
        if self.files.root.is_none() {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            self.files.root = std::fs::canonicalize(folder.unwrap_or(Path::new("."))).ok();
        }
        let expanded = self.expand(path);
        // Validate even after element errors, so that one run reports as much as it can.
        let checklist = match expanded {
            Some(e) => validate(
                &mut self.files,
                &self.broken_sections,
                &self.included,
                path,
                &e.head,
                &e.sections,
            ),
            None => None,
        };
        match checklist {
            Some(mut c) if self.files.diags.is_empty() => {
                for f in self.read_by_includes {
                    if !c.read.contains(&f) {
                        c.read.push(f);
                    }
                }
                Ok(c)
            }
            _ => Err(self.files.diags),
        }
    }
}
