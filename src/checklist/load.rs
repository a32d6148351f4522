//! Reading checklist files: size and encoding checks, TOML parsing with recovery, element-wise
//! deserialisation into the raw model, and the expansion of includes. Every problem becomes a `Diagnostic`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diag::{Diagnostic, FileProblem};
use super::model::Checklist;
use super::raw::*;
use crate::store::bounded::{ReadError, read_bounded};

/// Checklists are hand-written text; anything larger is a mistake (or an attack) and is refused.
pub const MAX_FILE_BYTES: u64 = crate::store::bounded::MAX_DOCUMENT_BYTES;

/// Every file read while loading one checklist, in load order; spans in the raw model index into these.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<(PathBuf, String)>,
}

impl Sources {
    pub fn path(&self, file: usize) -> &Path {
        &self.files[file].0
    }

    pub fn text(&self, file: usize) -> &str {
        &self.files[file].1
    }

    pub fn diag(&self, file: usize, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(self.path(file), self.text(file), span, message)
    }

    /// SHA-256 over every file: length, newline, bytes; in load order (see docs/checklist-format.md).
    pub fn sha256(&self) -> String {
        let mut h = Sha256::new();
        for (_, text) in &self.files {
            h.update(text.len().to_string().as_bytes());
            h.update(b"\n");
            h.update(text.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

/// Read a text file with the checks that every msgaudit input gets: a regular file (a pipe or a
/// device would hang or never end), at most [`MAX_FILE_BYTES`] (counted while reading), UTF-8.
pub fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let problem = |p: FileProblem| Box::new(Diagnostic::problem(path, p));
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            problem(FileProblem::NotFound)
        }
        ReadError::Io { source, .. } => problem(FileProblem::Io(source.kind())),
        ReadError::NotAFile { .. } if path.is_dir() => problem(FileProblem::Folder),
        ReadError::NotAFile { .. } => problem(FileProblem::NotRegular),
        ReadError::TooLarge { .. } | ReadError::NotUtf8 { .. } => problem(FileProblem::TooLarge {
            // The size from the metadata, where it tells one (a device may say 0).
            bytes: std::fs::metadata(path).map(|m| m.len()).ok(),
            limit: MAX_FILE_BYTES,
        }),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        // Up to `good` the lossy text has the same bytes, so the offset is still right there.
        Box::new(
            Diagnostic::at(path, &lossy, good..good + 1, "").with_problem(FileProblem::NotUtf8),
        )
    })
}

/// Deserialise one TOML element on its own; a failure becomes a diagnostic at the element (or the bad key).
pub fn element<T: for<'de> Deserialize<'de>>(
    sources: &Sources,
    file: usize,
    value: Spanned<DeValue<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let fallback = value.span();
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().unwrap_or(fallback);
            diags.push(sources.diag(file, span, e.message().trim_end().to_string()));
            None
        }
    }
}

/// Parse a whole file as TOML, reporting every syntax error the parser recovers from.
pub fn parse_document<'a>(
    sources: &'a Sources,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<DeTable<'a>>> {
    let (doc, errors) = DeTable::parse_recoverable(sources.text(file));
    if errors.is_empty() {
        return Some(doc);
    }
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        diags.push(sources.diag(file, span, e.message().trim_end().to_string()));
    }
    None
}

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
    match v.into_inner() {
        DeValue::Array(items) => items.into_iter().collect(),
        _ => {
            diags.push(sources.diag(
                file,
                span,
                format!("`{key}` must be a list of tables, written as [[...{key}]]"),
            ));
            Vec::new()
        }
    }
}

fn into_table<'a>(
    v: Spanned<DeValue<'a>>,
    what: &str,
    sources: &Sources,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<(DeTable<'a>, Range<usize>)> {
    let span = v.span();
    match v.into_inner() {
        DeValue::Table(t) => Some((t, span)),
        _ => {
            diags.push(sources.diag(file, span, format!("a {what} must be a table")));
            None
        }
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

fn parse_checklist_file(sources: &Sources, file: usize, diags: &mut Vec<Diagnostic>) -> RawFile {
    let mut out = RawFile {
        file,
        head: None,
        entries: Vec::new(),
        broken_sections: Vec::new(),
    };
    if sources.text(file).trim().is_empty() {
        diags.push(Diagnostic::file(
            sources.path(file),
            "the file is empty; a checklist starts with `format = 1` (see docs/checklist-format.md)",
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
            "the checklist has no sections; add at least one [[section]]",
        ));
    }
    for s in sections {
        let Some((mut t, span)) = into_table(s, "section", sources, file, diags) else {
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
        let id = match t.get("id").map(|v| v.get_ref()) {
            Some(DeValue::String(s)) => Some(s.to_string()),
            _ => None,
        };
        let head = element::<RawSectionHead>(sources, file, table_value(t, span.clone()), diags);
        let mut entries = Vec::new();
        let mut incomplete = false;
        for q in questions {
            let Some((mut qt, qspan)) = into_table(q, "question", sources, file, diags) else {
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
    pub sources: Sources,
    pub diags: Vec<Diagnostic>,
    by_path: HashMap<PathBuf, usize>,
    /// Files whose sections were included, in load order.
    pub included: Vec<PathBuf>,
    /// Sections that could not be read at all; conditions naming them are not reported again.
    pub broken_sections: Vec<String>,
    /// Expanded files, shared: an included file is parsed once however often it is included.
    expanded: HashMap<usize, Option<Rc<Expanded>>>,
    stack: Vec<PathBuf>,
    /// The folder (canonical) of the checklist the load started with: includes and the
    /// knowledge base must lie inside it. Inherited by the loaders that check included files.
    root: Option<PathBuf>,
    /// Included files checked on their own, by canonical path, shared with those loaders: each
    /// is checked once per load, not once per path to it (a chain of includes was exponential).
    checked: Rc<RefCell<HashMap<PathBuf, Vec<Diagnostic>>>>,
}

impl Loader {
    /// Register a file: read it once; returns its index, or None (with a diagnostic) if it can't be read.
    pub fn add_file(&mut self, path: &Path) -> Option<usize> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(&i) = self.by_path.get(&key) {
            return Some(i);
        }
        match read_text(path) {
            Ok(text) => {
                self.sources.files.push((path.to_path_buf(), text));
                let i = self.sources.files.len() - 1;
                self.by_path.insert(key, i);
                Some(i)
            }
            Err(d) => {
                self.diags.push(*d);
                None
            }
        }
    }

    /// Parse a checklist file and expand its includes (recursively), returning its head and all sections.
    pub fn expand(&mut self, path: &Path) -> Option<Rc<Expanded>> {
        let file = self.add_file(path)?;
        if let Some(done) = self.expanded.get(&file) {
            return done.clone();
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.stack.push(canonical);
        let raw = parse_checklist_file(&self.sources, file, &mut self.diags);
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
        let target = match self.inside_tree(path, inc.include.get_ref()) {
            Ok(target) => target,
            Err(message) => {
                self.diags
                    .push(self.sources.diag(file, inc.include.span(), message));
                return None;
            }
        };
        let canonical = std::fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
        if self.stack.contains(&canonical) {
            self.diags.push(self.sources.diag(
                file,
                inc.include.span(),
                format!(
                    "include cycle: `{}` includes itself through this entry",
                    inc.include.get_ref()
                ),
            ));
            return None;
        }
        if !target.is_file() {
            self.diags.push(self.sources.diag(
                file,
                inc.include.span(),
                format!("cannot include `{}`: no such file", target.display()),
            ));
            return None;
        }
        let errors_before = self.diags.len();
        let expanded = self.expand(&target)?;
        if self.diags.len() > errors_before {
            return None;
        }
        let Some(mut s) = expanded
            .sections
            .iter()
            .find(|s| s.head.id.get_ref() == inc.section.get_ref())
            .cloned()
        else {
            self.diags.push(self.sources.diag(
                file,
                inc.section.span(),
                format!(
                    "`{}` has no section `{}`",
                    inc.include.get_ref(),
                    inc.section.get_ref()
                ),
            ));
            return None;
        };
        // The included file must be a valid checklist on its own, too: one definition, checked once.
        let cached = self.checked.borrow().get(&canonical).cloned();
        let diags = match cached {
            Some(diags) => diags,
            None => {
                let child = Loader {
                    root: self.root.clone(),
                    checked: Rc::clone(&self.checked),
                    ..Loader::default()
                };
                let diags = child.load(&target).err().unwrap_or_default();
                self.checked
                    .borrow_mut()
                    .insert(canonical.clone(), diags.clone());
                diags
            }
        };
        if !diags.is_empty() {
            self.diags.extend(diags);
            return None;
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

    /// Resolves `written` (an include or knowledge-base path in the file at `from`) and checks
    /// that it stays inside the folder of the checklist being loaded: relative, and after `..`
    /// and symlinks still below it. Nothing outside is read, so no line of it is ever shown.
    pub fn inside_tree(&self, from: &Path, written: &str) -> Result<PathBuf, String> {
        let relative = Path::new(written);
        if relative.has_root()
            || relative
                .components()
                .any(|c| matches!(c, std::path::Component::Prefix(_)))
        {
            return Err(format!(
                "cannot use `{written}`: give a path relative to this checklist's folder, not an absolute path"
            ));
        }
        let base = from.parent().unwrap_or(Path::new("."));
        let target = base.join(relative);
        let Some(root) = &self.root else {
            return Ok(target);
        };
        let outside = || {
            Err(format!(
                "cannot use `{written}`: it lies outside the checklist's folder `{}`; \
                 included files must be inside it",
                root.display()
            ))
        };
        match std::fs::canonicalize(&target) {
            Ok(resolved) if resolved.starts_with(root) => Ok(target),
            Ok(_) => outside(),
            // A missing file is reported as such later; only a path that climbs out is refused.
            Err(_) => {
                let mut resolved = std::fs::canonicalize(base).unwrap_or_else(|_| root.clone());
                for c in relative.components() {
                    match c {
                        std::path::Component::ParentDir => {
                            resolved.pop();
                        }
                        std::path::Component::Normal(part) => resolved.push(part),
                        _ => {}
                    }
                }
                if resolved.starts_with(root) {
                    Ok(target)
                } else {
                    outside()
                }
            }
        }
    }

    /// Load, expand and validate the checklist at `path`.
    pub fn load(mut self, path: &Path) -> Result<Checklist, Vec<Diagnostic>> {
        if self.root.is_none() {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            self.root = std::fs::canonicalize(folder.unwrap_or(Path::new("."))).ok();
        }
        let expanded = self.expand(path);
        // Validate even after element errors, so that one run reports as much as it can.
        let checklist = match expanded {
            Some(e) => super::validate::validate(&mut self, path, &e.head, &e.sections),
            None => None,
        };
        match checklist {
            Some(c) if self.diags.is_empty() => Ok(c),
            _ => Err(self.diags),
        }
    }
}
