//! The results screen's state and keys: the signed results in the results folder with their signature
//! state (`result::list`), one opened read-only (the report model as lines, `report::reading`), verified
//! again, and reports written beside it. Reading and writing files happens in the runner through
//! `Effect::Results`; nothing here touches a file.

use std::path::PathBuf;

use super::app::{App, Effect, Screen};
use super::keymap::Action;
use crate::i18n::results as tx;
use crate::report::{Format, Report, reading};
use crate::result::Listed;
use crate::text::sanitize_line;

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
}

/// The runner's answer to a `Request`.
#[derive(Debug, Clone)]
pub enum Reply {
    /// The results folder and what is in it.
    Listed(PathBuf, Result<Vec<Listed>, String>),
    Opened(PathBuf, Result<Box<Report>, String>),
    Verified(PathBuf, Result<Box<Report>, String>),
    Written(Result<Vec<PathBuf>, String>),
}

/// The actions under an opened result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Verify,
    Write(Format),
    Back,
}

pub const ACTS: [Act; 6] = [
    Act::Verify,
    Act::Write(Format::Md),
    Act::Write(Format::Html),
    Act::Write(Format::Csv),
    Act::Write(Format::Json),
    Act::Back,
];

impl Act {
    pub fn label(self, lang: crate::lang::Lang) -> String {
        match self {
            Act::Verify => tx::VERIFY_AGAIN.get(lang).to_string(),
            Act::Write(f) => tx::WRITE_FORMAT.fill(lang, &[f.name()]),
            Act::Back => tx::BACK_TO_LIST.get(lang).to_string(),
        }
    }
}

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
    /// What the last action did (text, is_error).
    pub message: Option<(String, bool)>,
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

impl App {
    /// From the start screen: the results screen, listed afresh.
    pub(super) fn open_results(&mut self) -> Vec<Effect> {
        self.results = ResultsUi {
            busy: true,
            ..ResultsUi::default()
        };
        self.screen = Screen::Results;
        vec![Effect::Results(Request::List)]
    }

    pub(super) fn results_action(&mut self, action: Action) -> Vec<Effect> {
        if self.results.busy {
            return vec![];
        }
        let page = self.page();
        let width = text_width(self.size.0);
        if let Some(o) = self.results.opened.as_mut() {
            let last = ACTS.len() - 1;
            match action {
                Action::Up => o.act = o.act.saturating_sub(1),
                Action::Down => o.act = (o.act + 1).min(last),
                Action::PageUp => o.scroll = o.scroll.saturating_sub(page),
                // The view clamps the offset to the last page; the number of lines bounds it here.
                Action::PageDown => o.scroll = (o.scroll + page).min(o.wrapped_len(width)),
                Action::Top => o.scroll = 0,
                Action::Bottom => o.scroll = o.wrapped_len(width),
                Action::Back => self.results.opened = None,
                Action::Confirm => {
                    let path = o.path.clone();
                    match ACTS[o.act.min(last)] {
                        Act::Back => self.results.opened = None,
                        Act::Verify => {
                            self.results.busy = true;
                            return vec![Effect::Results(Request::Verify(path))];
                        }
                        Act::Write(f) => {
                            self.results.busy = true;
                            return vec![Effect::Results(Request::Write(path, f))];
                        }
                    }
                }
                _ => {}
            }
            return vec![];
        }
        let n = self.results.listed().len();
        match action {
            Action::Back => {
                self.screen = Screen::Start;
                vec![]
            }
            Action::Confirm => match self.results.listed().get(self.results.sel) {
                Some(l) => {
                    let path = l.path.clone();
                    self.results.busy = true;
                    vec![Effect::Results(Request::Open(path))]
                }
                None => vec![],
            },
            a => {
                Self::list_move(&mut self.results.sel, n, a, page / 2);
                vec![]
            }
        }
    }

    fn opened(path: PathBuf, r: Result<Box<Report>, String>) -> Opened {
        let valid = r.as_ref().is_ok_and(|r| r.verification.valid);
        Opened {
            path,
            lines: r
                .map(|r| reading::lines(&r))
                .map_err(|e| sanitize_line(&e).into_owned()),
            valid,
            scroll: 0,
            act: 0,
            message: None,
        }
    }

    pub(super) fn results_reply(&mut self, reply: Reply) -> Vec<Effect> {
        let ui = &mut self.results;
        ui.busy = false;
        match reply {
            Reply::Listed(dir, l) => {
                ui.dir = Some(dir);
                let n = l.as_ref().map_or(0, Vec::len);
                ui.sel = ui.sel.min(n.saturating_sub(1));
                ui.list = Some(l.map_err(|e| sanitize_line(&e).into_owned()));
            }
            Reply::Opened(path, r) => ui.opened = Some(Self::opened(path, r)),
            Reply::Verified(path, r) => {
                let line = match &r {
                    Ok(rep) => (
                        tx::VERIFIED.fill(self.lang, &[&rep.verification.headline]),
                        !rep.verification.valid,
                    ),
                    Err(e) => (sanitize_line(e).into_owned(), true),
                };
                let act = ui.opened.as_ref().map_or(0, |o| o.act);
                let mut o = Self::opened(path, r);
                o.act = act;
                o.message = Some(line);
                ui.opened = Some(o);
            }
            Reply::Written(r) => {
                if let Some(o) = ui.opened.as_mut() {
                    o.message = Some(match r {
                        Ok(files) => {
                            let names: Vec<String> = files
                                .iter()
                                .map(|p| sanitize_line(&p.display().to_string()).into_owned())
                                .collect();
                            (tx::WRITTEN.fill(self.lang, &[&names.join(", ")]), false)
                        }
                        Err(e) => (tx::NOT_WRITTEN.fill(self.lang, &[&sanitize_line(&e)]), true),
                    });
                }
            }
        }
        vec![]
    }
}
