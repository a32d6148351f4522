//! The results screen's state and keys: the signed results in the results folder with their signature
//! state (`result::list`), one opened read-only (the report model as lines, `report::reading`), verified
//! again, and reports written beside it. Reading and writing files happens in the runner through
//! `Effect::Results`; nothing here touches a file.

use std::path::PathBuf;

use crate::report::{Format, Report, reading};
use crate::result::Listed;

/// What the results screen asks the runner to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// List the results folder, checking signatures.
    List,
    /// Verify one result fully and build its report (to read it).
    Open(PathBuf),
    /// Verify the opened result again (e.g. after a trusted key was added).
    Verify(PathBuf),
    /// Write the report in this format beside the result.
    Write(PathBuf, Format),
    /// Verify the result and prepare a draft that amends it, for this reason (`result::amend`).
    Amend(PathBuf, String),
}

/// The runner's answer to a `Request`.
#[derive(Debug, Clone)]
pub enum Reply {
    /// The results folder and what is in it.
    Listed(PathBuf, Result<Vec<Listed>, String>),
    Opened(PathBuf, Result<Box<Report>, String>),
    Verified(PathBuf, Result<Box<Report>, String>),
    Written(Result<Vec<PathBuf>, String>),
    /// The draft that amends the result (not saved yet), or why there is none.
    Amended(Result<Box<crate::audit::draft::Draft>, String>),
}

pub use crate::report::actions::{ACTS, Act};

/// One result opened to read.
#[derive(Debug, Clone)]
pub struct Opened {
    pub path: PathBuf,
    /// The result as lines, or why it cannot be read.
    pub lines: Result<Vec<reading::Line>, String>,
    pub valid: bool,
    /// First line shown.
    pub scroll: usize,
    pub act: usize,
    /// What the last action did (text, `is_error`).
    pub message: Option<(String, bool)>,
    /// The reason of an amendment being typed (the field is open while this is set).
    pub reason: Option<ratatui_textarea::TextArea<'static>>,
}

#[derive(Debug, Clone, Default)]
pub struct ResultsUi {
    /// None until the runner has listed the folder.
    pub list: Option<Result<Vec<Listed>, String>>,
    pub sel: usize,
    pub opened: Option<Opened>,
    /// A request is running: keys are ignored, the screen says so.
    pub busy: bool,
    /// The results folder (known once listed).
    pub dir: Option<PathBuf>,
    /// A draft amending the opened result, prepared and waiting to be saved (`Effect::StartDraft`).
    pub amendment: Option<Box<crate::audit::draft::Draft>>,
}

/// The width the opened result's lines are wrapped to on a terminal `columns` wide (margins, border and
/// padding off).
pub fn text_width(columns: u16) -> usize {
    usize::from(columns.saturating_sub(8)).max(1)
}

impl Opened {
    /// How many lines the result takes wrapped to `width`: scrolling stops at the last one.
    pub fn wrapped_len(&self, width: usize) -> usize {
        self.lines.as_ref().map_or(0, |ls| {
            ls.iter()
                .map(|l| super::fit::wrap(&l.text, width.saturating_sub(l.indent).max(1)).len())
                .sum()
        })
    }
}

impl ResultsUi {
    pub fn listed(&self) -> &[Listed] {
        match &self.list {
            Some(Ok(l)) => l,
            _ => &[],
        }
    }
}
