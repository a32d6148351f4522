//! Plain mode: the whole audit as line-by-line prompts, for screen readers, dumb terminals and scripts.
//! No cursor movement, no colours, no escape sequences: every line written goes through [`Ui::say`], which
//! replaces control characters. A thin front end over `audit::Session`, the draft store and sign-off.
//!
//! The flow is a small state machine over an injected reader, writer, clock and paths ([`Env`]), so it runs
//! the same on a terminal, from a script and in tests. With a terminal (`interactive`) invalid input is
//! re-asked; otherwise it ends the run with the input line number ([`Failure`]). At the end of the input the
//! draft is saved and the run ends cleanly.

mod entry;
mod evidence;
mod plan;
mod questions;
mod sign;
mod start;
pub mod strings;
mod ui;

use std::fmt;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

use crate::audit::draft::Draft;
use crate::audit::{FieldProblem, Key, Meta, MetaField, Session};
use crate::catalog::{self, Origin};
use crate::checklist::{Checklist, Kind};
use crate::i18n::{dates, vocab};
use crate::lang::Lang;
use crate::signoff::{self, SignOffError, Signed, Signer};
use crate::store::{DraftError, Paths, Workspace};

pub use entry::{Command, Entry};
use questions::questions;
use sign::{review, sign};
use start::start;
pub use strings::{S, fill};
use ui::Ui;

/// Whether to run plain mode instead of the full-screen interface: asked for with `--plain`, or forced
/// because stdin or stdout is not a terminal or the terminal is `dumb`.
pub fn should_use_plain(flag: bool, stdin_tty: bool, stdout_tty: bool, term: Option<&str>) -> bool {
    flag || !stdin_tty || !stdout_tty || term == Some("dumb")
}

/// Everything plain mode talks to.
pub struct Env<'a> {
    pub input: &'a mut dyn BufRead,
    pub output: &'a mut dyn Write,
    /// Input comes from a person at a terminal: invalid input is re-asked. Otherwise (a script) the first
    /// invalid line ends the run with exit code 1.
    pub interactive: bool,
    /// Reads a password without echo; None: the next input line is the password.
    pub read_secret: Option<&'a mut dyn FnMut() -> io::Result<String>>,
    pub clock: &'a dyn Fn() -> Timestamp,
    /// The time zone dates and times are shown in, and "today" for the audit date.
    pub zone: crate::i18n::dates::Zone,
    pub paths: Paths,
    pub checklist_dirs: Vec<(Origin, PathBuf)>,
    /// Language of the prompts, and of the checklist texts of a new audit.
    pub lang: Lang,
    /// Files to attach (`--evidence KEY=PATH`): each as soon as its question is part of the audit.
    pub evidence: Vec<(String, PathBuf)>,
}

/// How a run ended (all of them exit 0).
#[derive(Debug)]
pub enum Outcome {
    Signed(Signed),
    /// `s` or "save and quit": the draft is saved here.
    Saved(PathBuf),
    /// The input ended; the draft (if one was started) is saved here.
    EndOfInput(Option<PathBuf>),
}

/// Why a run failed (exit 1): invalid scripted input (with its line number) or an error of the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The input line that was invalid, 1-based.
    pub line: Option<usize>,
    /// The whole message, in the UI language.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Failure {
    fn system(message: impl Into<String>) -> Stop {
        Stop::Failed(Failure {
            line: None,
            message: message.into(),
        })
    }
}

/// Why a step stopped early.
#[derive(Debug)]
enum Stop {
    Eof,
    Failed(Failure),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        Failure::system(format!("cannot read or write: {e}"))
    }
}

type R<T> = Result<T, Stop>;

/// Run plain mode on the process's stdin and stdout; Err is the message that ended it (already sanitised).
pub fn run_stdio(
    lang: Lang,
    paths: Paths,
    checklist_dirs: Vec<(Origin, PathBuf)>,
    evidence: Vec<(String, PathBuf)>,
) -> Result<Outcome, String> {
    let interactive = io::stdin().is_terminal();
    let mut input = io::stdin().lock();
    let mut output = io::stdout().lock();
    let mut secret = rpassword::read_password;
    let env = Env {
        input: &mut input,
        output: &mut output,
        interactive,
        read_secret: if interactive { Some(&mut secret) } else { None },
        clock: &Timestamp::now,
        zone: crate::i18n::dates::Zone::System,
        paths,
        checklist_dirs,
        lang,
        evidence,
    };
    run(env).map_err(|f| crate::text::sanitize(&f.message).into_owned())
}

/// Run one plain-mode session to its end.
pub fn run(env: Env<'_>) -> Result<Outcome, Failure> {
    let mut ui = Ui { env, line: 0 };
    let mut audit = None;
    let r = flow(&mut ui, &mut audit);
    match r {
        Ok(o) => Ok(o),
        Err(Stop::Failed(f)) => Err(f),
        Err(Stop::Eof) => {
            let lang = ui.env.lang;
            if let Some(mut a) = audit {
                let path = a.save(&ui).map_err(|s| match s {
                    Stop::Failed(f) => f,
                    Stop::Eof => Failure {
                        line: None,
                        message: "end of input".into(),
                    },
                })?;
                let _ = ui.say(&fill(
                    S::EndOfInput.get(lang),
                    &[&path.display().to_string()],
                ));
                Ok(Outcome::EndOfInput(Some(path)))
            } else {
                let _ = ui.say(S::EndOfInputNothing.get(lang));
                Ok(Outcome::EndOfInput(None))
            }
        }
    }
}

// ---- the audit ----------------------------------------------------------------------------------------

struct Audit {
    session: Session,
    draft: Draft,
    /// The drafts folder, holding this audit's draft with its lock.
    ws: Workspace,
    /// Language of the checklist texts (the audit's language).
    text_lang: Lang,
}

impl Audit {
    fn save(&mut self, ui: &Ui<'_>) -> R<PathBuf> {
        self.draft.capture(&self.session, ui.now());
        self.ws
            .save(&self.draft)
            .map_err(|e| Failure::system(crate::explain::draft(ui.lang(), &e)))
    }

    fn code(&self) -> &'static str {
        self.text_lang.code()
    }

    fn checklist(&self) -> Arc<Checklist> {
        Arc::clone(self.session.checklist())
    }

    fn item_label(&self, key: Key) -> Option<String> {
        self.session.item_label(key.section, key.item, self.code())
    }
}

enum Next {
    Questions,
    Review,
    Plan,
    SignOff,
}

fn flow(ui: &mut Ui<'_>, slot: &mut Option<Audit>) -> R<Outcome> {
    ui.say(ui.t(S::Title))?;
    let a = start(ui)?;
    let a = slot.insert(a);
    evidence::attach_pending(ui, a)?;
    let mut next = Next::Questions;
    loop {
        next = match next {
            Next::Questions => match questions(ui, a)? {
                Some(o) => return Ok(o),
                None => Next::Review,
            },
            Next::Review => match review_after_evidence(ui, a)? {
                1 => Next::SignOff,
                2 => {
                    let first_open = a.session.open_required().next();
                    if let Some(k) = first_open {
                        let _ = a.session.go_to(k);
                    }
                    Next::Questions
                }
                4 => Next::Plan,
                _ => return Ok(Outcome::Saved(saved(ui, a)?)),
            },
            Next::Plan => {
                plan::edit(ui, a)?;
                Next::Review
            }
            Next::SignOff => match sign(ui, a)? {
                Some(o) => return Ok(o),
                None => Next::Review,
            },
        };
    }
}

/// The review, once every `--evidence` file is attached (one whose question never came is an error).
fn review_after_evidence(ui: &mut Ui<'_>, a: &mut Audit) -> R<usize> {
    evidence::none_pending(ui)?;
    review(ui, a)
}

fn saved(ui: &mut Ui<'_>, a: &mut Audit) -> R<PathBuf> {
    let path = a.save(ui)?;
    ui.say(&fill(ui.t(S::Saved), &[&path.display().to_string()]))?;
    Ok(path)
}
