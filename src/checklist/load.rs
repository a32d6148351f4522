//! Loading a checklist: each file read into the raw model (`parse`), includes
//! expanded (cycles, missing files and sections reported where they are written), then validated.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::diag::Diagnostic;
// The size limit stays nameable here: drafts and results are read with the same one.
use super::files::Files;
pub use super::files::MAX_FILE_BYTES;
use super::model::{Checklist, SourceFile};
use super::parse::parse_checklist_file;
use super::raw::{RawEntry, RawHead, RawInclude, RawSection};
use super::validate::validate;
use crate::i18n::T;

/// A checklist file with its includes expanded: its head and every section, in order.
#[derive(Debug, Clone)]
pub struct Expanded {
    pub head: RawHead,
    pub sections: Vec<RawSection>,
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
        // The expansions are shared only while includes are expanded: without the map's copies the
        // top one is ours, and validation can consume its sections.
        self.expanded.clear();
        let expanded = expanded.map(|e| Rc::try_unwrap(e).unwrap_or_else(|e| Expanded::clone(&e)));
        // Validate even after element errors, so that one run reports as much as it can.
        let checklist = match expanded {
            Some(e) => validate(
                &mut self.files,
                &self.broken_sections,
                &self.included,
                path,
                &e.head,
                e.sections,
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
