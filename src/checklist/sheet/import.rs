//! Sheets → checklist: the cells read (`elements`), written as TOML (`emit`), and that text loaded and
//! validated by the normal loader as if it were the output file, so every check of `msgaudit check`
//! applies; its diagnostics about the text name the cell the value came from.

use std::path::Path;

use super::elements::read;
use super::emit::{Emitted, emit};
use super::{Problem, Workbook};
use crate::checklist::diag::Diagnostic;
use crate::checklist::load::Loader;
use crate::checklist::model::Checklist;
use crate::i18n::Lang;

/// A checklist made from sheets: its text, and where each value of the text came from.
#[derive(Debug, Clone)]
pub struct Imported {
    emitted: Emitted,
}

impl Imported {
    /// The checklist file's text.
    pub fn text(&self) -> &str {
        &self.emitted.text
    }
}

/// What is wrong with an imported checklist: a cell of the workbook, or a problem in another file
/// (an included checklist, the knowledge base), located there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Sheet(Problem),
    File(Diagnostic),
}

impl ImportError {
    /// The problem as the terminal shows it, in `lang`; `workbook` is the file imported.
    pub fn render(&self, workbook: &Path, lang: Lang) -> String {
        match self {
            ImportError::Sheet(p) => p.render(workbook, lang),
            ImportError::File(d) => d.render(lang),
        }
    }
}

/// The checklist text for a workbook, or every problem of its cells.
pub fn import(wb: &Workbook) -> Result<Imported, Vec<Problem>> {
    let parsed = read(wb)?;
    Ok(Imported {
        emitted: emit(&parsed),
    })
}

/// Load and validate an imported checklist as the file `path` (which need not exist yet): includes and
/// the knowledge base are read from its folder. A diagnostic about the imported text names its cell.
pub fn validate(imported: &Imported, path: &Path) -> Result<Checklist, Vec<ImportError>> {
    Loader::default()
        .load_text(path, imported.emitted.text.clone())
        .map_err(|diags| {
            diags
                .into_iter()
                .map(|d| {
                    if d.path != path {
                        return ImportError::File(d);
                    }
                    ImportError::Sheet(Problem {
                        at: imported.emitted.locate(d.line, d.column).cloned(),
                        message: d.text(),
                        notes: d.notes.clone(),
                    })
                })
                .collect()
        })
}
