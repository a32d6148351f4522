//! Reading one checklist-format file: size and encoding checks, TOML parsing with recovery, element-wise
//! deserialisation, and the set of files read while loading (with their diagnostics). A leaf: the loader,
//! validation, the knowledge base and the examples all build on it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diag::{Diagnostic, FileProblem};
use super::toml_text;
use crate::i18n::{T, Text};
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

    pub fn diag(&self, file: usize, span: Range<usize>, message: impl Into<Text>) -> Diagnostic {
        Diagnostic::at(self.path(file), self.text(file), span, message)
    }

    /// Every file read, in load order, with the SHA-256 of its bytes.
    pub fn read(&self) -> Vec<super::model::SourceFile> {
        self.files
            .iter()
            .map(|(path, text)| super::model::SourceFile {
                path: path.clone(),
                sha256: Sha256::digest(text.as_bytes()).into(),
            })
            .collect()
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
            Diagnostic::at(path, &lossy, good..good + 1, Text::default())
                .with_problem(FileProblem::NotUtf8),
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
            diags.push(sources.diag(file, span, toml_text::element(e.message())));
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
        diags.push(sources.diag(file, span, toml_text::syntax(e.message())));
    }
    None
}

/// The files read while loading one checklist, and every problem found in them so far.
#[derive(Debug, Default)]
pub struct Files {
    pub sources: Sources,
    pub diags: Vec<Diagnostic>,
    by_path: HashMap<PathBuf, usize>,
    /// The folder (canonical) of the checklist the load started with: includes and the
    /// knowledge base must lie inside it. Inherited by the loaders that check included files.
    pub(super) root: Option<PathBuf>,
}

impl Files {
    /// No file read yet; includes and the knowledge base must lie inside `root` (if given).
    pub(super) fn within(root: Option<PathBuf>) -> Files {
        Files {
            root,
            ..Files::default()
        }
    }

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

    /// Register `text` as the content of `path` without reading it (a checklist made in memory, e.g. from
    /// a spreadsheet, checked as if it were at `path`: its includes and knowledge base resolve from there).
    pub fn add_text(&mut self, path: &Path, text: String) -> usize {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.sources.files.push((path.to_path_buf(), text));
        let i = self.sources.files.len() - 1;
        self.by_path.insert(key, i);
        i
    }

    /// Resolves `written` (an include or knowledge-base path in the file at `from`) and checks
    /// that it stays inside the folder of the checklist being loaded: relative, and after `..`
    /// and symlinks still below it. Nothing outside is read, so no line of it is ever shown.
    pub fn inside_tree(&self, from: &Path, written: &str) -> Result<PathBuf, Text> {
        let relative = Path::new(written);
        if relative.has_root()
            || relative
                .components()
                .any(|c| matches!(c, std::path::Component::Prefix(_)))
        {
            return Err(T::new(
                "`{0}` ist nicht verwendbar: geben Sie einen Pfad relativ zum Ordner dieser Checkliste an, keinen absoluten",
                "cannot use `{0}`: give a path relative to this checklist's folder, not an absolute path",
            )
            .both(&[written]));
        }
        let base = from.parent().unwrap_or(Path::new("."));
        let target = base.join(relative);
        let Some(root) = &self.root else {
            return Ok(target);
        };
        let outside = || {
            Err(T::new(
                "`{0}` ist nicht verwendbar: die Datei liegt außerhalb des Ordners der Checkliste `{1}`; \
                 eingebundene Dateien müssen darin liegen",
                "cannot use `{0}`: it lies outside the checklist's folder `{1}`; \
                 included files must be inside it",
            )
            .both(&[written, &root.display().to_string()]))
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
}
