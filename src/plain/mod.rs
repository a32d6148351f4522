//! Plain mode: the whole audit as line-by-line prompts, for screen readers, dumb terminals and scripts.
//! No cursor movement, no colours, no escape sequences: every line written goes through [`Ui::say`], which
//! replaces control characters. A thin front end over `audit::Session`, the draft store and sign-off.
//!
//! The flow is a small state machine over an injected reader, writer, clock and paths ([`Env`]), so it runs
//! the same on a terminal, from a script and in tests. With a terminal (`interactive`) invalid input is
//! re-asked; otherwise it ends the run with the input line number ([`Failure`]). At the end of the input the
//! draft is saved and the run ends cleanly.

mod entry;
mod strings;

use std::fmt;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

use crate::audit::draft::Draft;
use crate::audit::{Key, Meta, MetaField, Session};
use crate::catalog::{self, Origin};
use crate::checklist::{self, Checklist, Kind, Severity};
use crate::lang::Lang;
use crate::signoff::{self, SignOffError, Signed, Signer};
use crate::store::{DraftError, DraftLock, DraftStore, Paths};

pub use entry::{Command, Entry, Item};
pub use strings::{S, fill};

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
    pub paths: Paths,
    pub checklist_dirs: Vec<(Origin, PathBuf)>,
    /// Language of the prompts, and of the checklist texts of a new audit.
    pub lang: Lang,
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

/// Run plain mode on the process's stdin and stdout; returns the exit code.
pub fn run_stdio(lang: Lang, paths: Paths, checklist_dirs: Vec<(Origin, PathBuf)>) -> i32 {
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
        paths,
        checklist_dirs,
        lang,
    };
    match run(env) {
        Ok(_) => crate::commands::exit::OK,
        Err(f) => {
            eprintln!("{}", crate::text::sanitize(&f.message));
            crate::commands::exit::INVALID
        }
    }
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
            match audit {
                Some(a) => {
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
                }
                None => {
                    let _ = ui.say(S::EndOfInputNothing.get(lang));
                    Ok(Outcome::EndOfInput(None))
                }
            }
        }
    }
}

// ---- input and output ---------------------------------------------------------------------------------

struct Ui<'a> {
    env: Env<'a>,
    /// Input lines read so far.
    line: usize,
}

/// Text for the terminal: control characters (other than newline) and bidi overrides replaced.
fn clean(s: &str) -> String {
    crate::text::sanitize(s).replace(['\t', '\r'], " ")
}

impl Ui<'_> {
    fn lang(&self) -> Lang {
        self.env.lang
    }

    fn t(&self, s: S) -> &'static str {
        s.get(self.env.lang)
    }

    /// Write one or more lines.
    fn say(&mut self, text: &str) -> R<()> {
        writeln!(self.env.output, "{}", clean(text))?;
        Ok(())
    }

    fn blank(&mut self) -> R<()> {
        writeln!(self.env.output)?;
        Ok(())
    }

    /// Show `label: ` and read one line (without its line end); Eof at the end of the input.
    fn read(&mut self, label: &str, secret: bool) -> R<String> {
        write!(self.env.output, "{}: ", clean(label))?;
        self.env.output.flush()?;
        if secret && let Some(read) = self.env.read_secret.as_mut() {
            self.line += 1;
            return read().map_err(Stop::from);
        }
        let mut buf = String::new();
        if self.env.input.read_line(&mut buf)? == 0 {
            if !self.env.interactive {
                writeln!(self.env.output)?;
            }
            return Err(Stop::Eof);
        }
        self.line += 1;
        let text = buf.trim_end_matches(['\r', '\n']).to_string();
        if !self.env.interactive {
            // Echo scripted input so that a transcript reads like a session (never a password).
            if secret {
                writeln!(self.env.output)?;
            } else {
                writeln!(self.env.output, "{}", clean(&text))?;
            }
        }
        Ok(text)
    }

    /// Invalid input: on a terminal say why (the caller asks again); from a script end with the line number.
    fn invalid(&mut self, message: &str) -> R<()> {
        if self.env.interactive {
            self.say(message)
        } else {
            let line = self.line.to_string();
            Err(Stop::Failed(Failure {
                line: Some(self.line),
                message: fill(self.t(S::InputLine), &[&line, message]),
            }))
        }
    }

    /// Ask until `parse` accepts the line.
    fn ask<T>(&mut self, label: &str, mut parse: impl FnMut(&str) -> Result<T, String>) -> R<T> {
        loop {
            let line = self.read(label, false)?;
            match parse(&line) {
                Ok(v) => return Ok(v),
                Err(msg) => self.invalid(&msg)?,
            }
        }
    }

    /// Ask for text; an empty line is refused when `required`.
    fn ask_text(&mut self, label: &str, required: bool) -> R<String> {
        let lang = self.lang();
        self.ask(label, |s| {
            let s = s.trim();
            if required && s.is_empty() {
                Err(S::RequiredEmpty.get(lang).to_string())
            } else {
                Ok(s.to_string())
            }
        })
    }

    /// A numbered menu of `count` entries; returns the 1-based number.
    fn ask_menu(&mut self, menu: S, count: usize) -> R<usize> {
        self.say(self.t(menu))?;
        let lang = self.lang();
        let label = self.t(S::Choice);
        self.ask(label, |s| entry::pick(s, count, lang).map(|i| i + 1))
    }

    fn now(&self) -> Timestamp {
        (self.env.clock)()
    }
}

// ---- the audit ----------------------------------------------------------------------------------------

struct Audit {
    session: Session,
    draft: Draft,
    path: PathBuf,
    lock: Option<DraftLock>,
    store: DraftStore,
    /// Language of the checklist texts (the audit's language).
    text_lang: Lang,
}

impl Audit {
    fn save(&self, ui: &Ui<'_>) -> R<PathBuf> {
        let mut draft = self.draft.clone();
        draft.capture(&self.session, ui.now());
        self.store
            .save(&draft)
            .map_err(|e| Failure::system(e.to_string()))
    }

    fn save_mut(&mut self, ui: &Ui<'_>) -> R<PathBuf> {
        self.draft.capture(&self.session, ui.now());
        self.store
            .save(&self.draft)
            .map_err(|e| Failure::system(e.to_string()))
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
    SignOff,
}

fn flow(ui: &mut Ui<'_>, slot: &mut Option<Audit>) -> R<Outcome> {
    ui.say(ui.t(S::Title))?;
    let a = start(ui)?;
    let a = slot.insert(a);
    let mut next = Next::Questions;
    loop {
        next = match next {
            Next::Questions => match questions(ui, a)? {
                Some(o) => return Ok(o),
                None => Next::Review,
            },
            Next::Review => match review(ui, a)? {
                1 => Next::SignOff,
                2 => {
                    let first_open = a.session.open_required().next();
                    if let Some(k) = first_open {
                        let _ = a.session.go_to(k);
                    }
                    Next::Questions
                }
                _ => return Ok(Outcome::Saved(saved(ui, a)?)),
            },
            Next::SignOff => match sign(ui, a)? {
                Some(o) => return Ok(o),
                None => Next::Review,
            },
        };
    }
}

fn saved(ui: &mut Ui<'_>, a: &mut Audit) -> R<PathBuf> {
    let path = a.save_mut(ui)?;
    ui.say(&fill(ui.t(S::Saved), &[&path.display().to_string()]))?;
    Ok(path)
}

// ---- start: new audit or resume -----------------------------------------------------------------------

fn start(ui: &mut Ui<'_>) -> R<Audit> {
    loop {
        let choice = ui.ask_menu(S::StartMenu, 2)?;
        let audit = if choice == 1 {
            new_audit(ui)?
        } else {
            resume(ui)?
        };
        if let Some(a) = audit {
            return Ok(a);
        }
    }
}

/// Accept a 1-based number or one of the `ids` (the id of the entry at that position).
fn pick_numbered(s: &str, ids: &[String], lang: Lang) -> Result<usize, String> {
    let t = s.trim();
    if let Some(i) = ids.iter().position(|id| id == t) {
        return Ok(i);
    }
    entry::pick(t, ids.len(), lang)
}

fn new_audit(ui: &mut Ui<'_>) -> R<Option<Audit>> {
    let lang = ui.lang();
    let entries = catalog::load_all(&ui.env.checklist_dirs);
    ui.blank()?;
    ui.say(ui.t(S::Checklists))?;
    let mut usable = Vec::new();
    for e in &entries {
        match &e.checklist {
            Ok(c) => {
                usable.push(Arc::clone(c));
                ui.say(&format!(
                    "  {}) {} ({} {})",
                    usable.len(),
                    c.title.get(lang.code()),
                    c.id,
                    c.version
                ))?;
            }
            Err(diags) => {
                let reason = diags
                    .first()
                    .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
                    .unwrap_or_default();
                ui.say(&fill(
                    ui.t(S::ChecklistBroken),
                    &[&e.path.display().to_string(), &reason],
                ))?;
            }
        }
    }
    if usable.is_empty() {
        return Err(Failure::system(ui.t(S::NoChecklists)));
    }
    let ids: Vec<String> = usable.iter().map(|c| c.id.clone()).collect();
    let label = ui.t(S::Choice);
    let i = ui.ask(label, |s| pick_numbered(s, &ids, lang))?;
    let checklist = Arc::clone(&usable[i]);
    ui.blank()?;
    let mut meta = Meta {
        lang,
        ..Meta::default()
    };
    for f in MetaField::ALL {
        ask_meta(ui, &mut meta, f)?;
    }
    let store = DraftStore::new(&ui.env.paths);
    let draft = Draft::new(&checklist, meta, ui.now());
    let path = store.path_for(&draft.audit_id);
    crate::store::create_private_dir(store.dir()).map_err(|e| Failure::system(e.to_string()))?;
    let lock = DraftLock::acquire(&path).map_err(|e| Failure::system(e.to_string()))?;
    let mut a = Audit {
        session: Session::new(checklist),
        draft,
        path,
        lock: Some(lock),
        store,
        text_lang: lang,
    };
    let path = a.save_mut(ui)?;
    ui.say(&fill(
        ui.t(S::DraftStarted),
        &[&a.draft.audit_id, &path.display().to_string()],
    ))?;
    Ok(Some(a))
}

fn ask_meta(ui: &mut Ui<'_>, meta: &mut Meta, f: MetaField) -> R<()> {
    let label = match f {
        MetaField::Organisation => S::Organisation,
        MetaField::Unit => S::Unit,
        MetaField::Interviewees => S::Interviewees,
        MetaField::Auditor => S::Auditor,
    };
    let label = if f.required() {
        ui.t(label).to_string()
    } else {
        format!("{} ({})", ui.t(label), ui.t(S::Optional))
    };
    let v = ui.ask_text(&label, f.required())?;
    meta.set(f, v);
    Ok(())
}

fn resume(ui: &mut Ui<'_>) -> R<Option<Audit>> {
    let lang = ui.lang();
    let store = DraftStore::new(&ui.env.paths);
    let list = store.list();
    ui.blank()?;
    let mut usable = Vec::new();
    let mut damaged = Vec::new();
    for e in &list {
        match &e.draft {
            Ok(d) => usable.push((e.path.clone(), d.clone())),
            Err(reason) => {
                let name = e
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                damaged.push(fill(ui.t(S::DraftDamaged), &[&name, reason]));
            }
        }
    }
    if !usable.is_empty() {
        ui.say(ui.t(S::Drafts))?;
    }
    for (i, (_, d)) in usable.iter().enumerate() {
        let updated = d
            .updated
            .to_zoned(jiff::tz::TimeZone::UTC)
            .strftime("%Y-%m-%d %H:%M UTC")
            .to_string();
        let line = fill(
            ui.t(S::DraftLine),
            &[
                &d.meta.organisation,
                &d.meta.unit,
                &d.checklist.id,
                &d.checklist.version,
                &d.answered.to_string(),
                &d.required.to_string(),
                &updated,
                &d.audit_id,
            ],
        );
        ui.say(&format!("  {}) {line}", i + 1))?;
    }
    for line in &damaged {
        ui.say(line)?;
    }
    if usable.is_empty() {
        ui.say(ui.t(S::NoDrafts))?;
        return Ok(None);
    }
    let ids: Vec<String> = usable.iter().map(|(_, d)| d.audit_id.clone()).collect();
    let label = ui.t(S::Choice);
    loop {
        let i = ui.ask(label, |s| pick_numbered(s, &ids, lang))?;
        let (path, listed) = &usable[i];
        let Some(checklist) = find_checklist(ui, listed) else {
            let why = fill(
                ui.t(S::ChecklistMissing),
                &[&listed.checklist.id, &listed.checklist.version],
            );
            ui.invalid(&fill(ui.t(S::NotSelectable), &[&ids[i], &why]))?;
            continue;
        };
        let (draft, lock) = match store.open(path) {
            Ok(x) => x,
            Err(e @ (DraftError::Lock(_) | DraftError::Damaged { .. })) => {
                ui.invalid(&fill(ui.t(S::NotSelectable), &[&ids[i], &e.to_string()]))?;
                continue;
            }
            Err(e) => return Err(Failure::system(e.to_string())),
        };
        let (session, resumed) = draft.restore(checklist);
        let text_lang = draft.meta.lang;
        let mut a = Audit {
            session,
            path: path.clone(),
            draft,
            lock: Some(lock),
            store,
            text_lang,
        };
        if resumed.checklist_changed {
            ui.say(ui.t(S::ChecklistChanged))?;
        }
        for (key, reason) in &resumed.dropped {
            ui.say(&fill(ui.t(S::AnswerDropped), &[key, reason]))?;
        }
        for f in a.draft.meta.missing() {
            ask_meta(ui, &mut a.draft.meta, f)?;
        }
        let p = a.session.progress();
        ui.say(&fill(
            ui.t(S::Resumed),
            &[
                &a.draft.audit_id,
                &p.answered.to_string(),
                &p.required.to_string(),
            ],
        ))?;
        a.save_mut(ui)?;
        return Ok(Some(a));
    }
}

/// The checklist a draft was made with: the same bytes if available, else the same id (changed), else the
/// file it was loaded from.
fn find_checklist(ui: &Ui<'_>, d: &Draft) -> Option<Arc<Checklist>> {
    let dirs = &ui.env.checklist_dirs;
    if let (Some(c), _) = catalog::find(dirs, &d.checklist.id, &d.checklist.sha256) {
        return Some(c);
    }
    catalog::load_all(dirs)
        .into_iter()
        .filter_map(|e| e.checklist.ok())
        .find(|c| c.id == d.checklist.id)
        .or_else(|| checklist::load(&d.checklist.path).ok().map(Arc::new))
        .filter(|c| c.id == d.checklist.id)
}

// ---- questions ----------------------------------------------------------------------------------------

/// Walk the visible questions from the current one; None when past the last one (go to the review).
fn questions(ui: &mut Ui<'_>, a: &mut Audit) -> R<Option<Outcome>> {
    let mut shown_instance = None;
    loop {
        let Some(key) = a.session.current() else {
            return Ok(None);
        };
        if shown_instance != Some((key.section, key.item)) {
            shown_instance = Some((key.section, key.item));
            section_header(ui, a, key)?;
        }
        show_question(ui, a, key)?;
        loop {
            match answer(ui, a, key)? {
                Step::Stay => {}
                Step::Next => {
                    if !a.session.go_next() {
                        return Ok(None);
                    }
                    break;
                }
                Step::Back => {
                    if a.session.go_prev() {
                        break;
                    }
                    ui.say(ui.t(S::AtFirst))?;
                }
                Step::Quit => return Ok(Some(Outcome::Saved(saved(ui, a)?))),
            }
        }
    }
}

/// (index, count) of the section repetition among those with visible questions.
fn section_position(a: &Audit, key: Key) -> (usize, usize) {
    let shown: Vec<_> = a
        .session
        .instances()
        .into_iter()
        .filter(|i| i.visible && i.visible_questions > 0)
        .collect();
    let at = shown
        .iter()
        .position(|i| i.section == key.section && i.item == key.item)
        .map_or(0, |p| p + 1);
    (at, shown.len())
}

fn section_header(ui: &mut Ui<'_>, a: &Audit, key: Key) -> R<()> {
    let c = a.checklist();
    let s = &c.sections[key.section];
    let item = a.item_label(key);
    let (at, of) = section_position(a, key);
    ui.blank()?;
    ui.say(&fill(
        ui.t(S::SectionHeader),
        &[
            &at.to_string(),
            &of.to_string(),
            &s.title.render(a.code(), item.as_deref()),
        ],
    ))?;
    if let Some(intro) = &s.intro {
        ui.say(&intro.render(a.code(), item.as_deref()))?;
    }
    Ok(())
}

fn show_question(ui: &mut Ui<'_>, a: &Audit, key: Key) -> R<()> {
    let c = a.checklist();
    let q = &c.sections[key.section].questions[key.question];
    let item = a.item_label(key);
    let number = a
        .session
        .visible()
        .position(|k| k == key)
        .map_or(0, |p| p + 1);
    let total = a.session.progress().visible;
    let (at, of) = section_position(a, key);
    let lang = ui.lang();
    ui.blank()?;
    ui.say(&fill(
        ui.t(S::QuestionHeader),
        &[
            &number.to_string(),
            &total.to_string(),
            &at.to_string(),
            &of.to_string(),
            &crate::text::sanitize_line(&q.text.render(a.code(), item.as_deref())),
        ],
    ))?;
    let items = entry::menu(q);
    if !items.is_empty() {
        let line = items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let label = match it {
                    Item::Option(o) => q.options[*o]
                        .label
                        .render(a.code(), item.as_deref())
                        .into_owned(),
                    other => entry::item_label(q, *other, lang, None),
                };
                format!("{}) {}", i + 1, crate::text::sanitize_line(&label))
            })
            .collect::<Vec<_>>()
            .join("  ");
        ui.say(&line)?;
    }
    let mut hint = match q.kind {
        Kind::YesNo | Kind::Single => ui.t(S::HintChoice).to_string(),
        Kind::Multi => ui.t(S::HintMulti).to_string(),
        Kind::Text => ui.t(S::HintText).to_string(),
        Kind::Date => ui.t(S::HintDate).to_string(),
        Kind::Number => {
            let mut bounds = Vec::new();
            if let Some(m) = q.min {
                bounds.push(fill(ui.t(S::HintMin), &[&entry::number(m)]));
            }
            if let Some(m) = q.max {
                bounds.push(fill(ui.t(S::HintMax), &[&entry::number(m)]));
            }
            if bounds.is_empty() {
                format!("{}.", ui.t(S::HintNumber))
            } else {
                format!("{} ({}).", ui.t(S::HintNumber), bounds.join(", "))
            }
        }
    };
    if !q.kind.is_choice() && q.kind != Kind::YesNo {
        let mut states = Vec::new();
        if q.allow_unknown {
            states.push(format!("{}) {}", entry::UNKNOWN_LETTER, ui.t(S::Unknown)));
        }
        if q.allow_not_applicable {
            states.push(format!(
                "{}) {}",
                entry::NOT_APPLICABLE_LETTER,
                ui.t(S::NotApplicable)
            ));
        }
        if !states.is_empty() {
            hint = format!("{hint}  {}", states.join("  "));
        }
    }
    ui.say(&hint)?;
    let ans = a.session.answer(key);
    if let Some(d) = entry::describe(q, ans, a.text_lang) {
        ui.say(&fill(
            ui.t(S::CurrentAnswer),
            &[&crate::text::sanitize_line(&d)],
        ))?;
    } else if !q.required {
        ui.say(ui.t(S::SkipOptional))?;
    }
    if let Some(n) = &ans.note {
        ui.say(&fill(
            ui.t(S::CurrentNote),
            &[&crate::text::sanitize_line(n)],
        ))?;
    }
    ui.say(ui.t(S::Commands))?;
    Ok(())
}

enum Step {
    Stay,
    Next,
    Back,
    Quit,
}

/// Read and apply one line at question `key`.
fn answer(ui: &mut Ui<'_>, a: &mut Audit, key: Key) -> R<Step> {
    let c = a.checklist();
    let q = &c.sections[key.section].questions[key.question];
    let lang = ui.lang();
    let label = ui.t(S::Answer);
    let e = ui.ask(label, |s| entry::parse(q, s, lang))?;
    match e {
        Entry::Command(Command::Help) => {
            help(ui, a, key)?;
            Ok(Step::Stay)
        }
        Entry::Command(Command::Back) => Ok(Step::Back),
        Entry::Command(Command::Save) => Ok(Step::Quit),
        Entry::Command(Command::Note) => {
            let label = ui.t(S::NotePrompt);
            let note = ui.read(label, false)?;
            let note = note.trim();
            let _ = a.session.set_note(key, Some(note.to_string()));
            a.save_mut(ui)?;
            ui.say(ui.t(if note.is_empty() {
                S::NoteCleared
            } else {
                S::NoteSaved
            }))?;
            Ok(Step::Stay)
        }
        Entry::Empty => {
            if a.session.answer(key).response.is_some() || !q.required {
                Ok(Step::Next)
            } else {
                ui.invalid(ui.t(S::RequiredEmpty))?;
                Ok(Step::Stay)
            }
        }
        Entry::Response(r) => {
            if let Some(o) = entry::other_option(q, &r) {
                let item = a.item_label(key);
                let opt = q.options[o]
                    .label
                    .render(a.code(), item.as_deref())
                    .into_owned();
                let label = fill(ui.t(S::OtherName), &[&opt]);
                let name = ui.ask_text(&label, true)?;
                let _ = a.session.set_other(key, Some(name));
            }
            if let Err(e) = a.session.set(key, Some(r)) {
                let msg = fill(ui.t(S::NotAllowed), &[&e.to_string()]);
                ui.invalid(&msg)?;
                return Ok(Step::Stay);
            }
            a.save_mut(ui)?;
            Ok(Step::Next)
        }
    }
}

fn help(ui: &mut Ui<'_>, a: &Audit, key: Key) -> R<()> {
    let c = a.checklist();
    let q = &c.sections[key.section].questions[key.question];
    let code = a.code();
    let item = a.item_label(key);
    match &q.help {
        Some(h) => ui.say(&fill(ui.t(S::Help), &[&h.render(code, item.as_deref())]))?,
        None => ui.say(ui.t(S::NoHelp))?,
    }
    if !q.refs.is_empty() {
        let refs: Vec<String> = q.refs.iter().map(|r| r.get(code).to_string()).collect();
        ui.say(&fill(ui.t(S::Refs), &[&refs.join("; ")]))?;
    }
    let kb = c
        .knowledge
        .as_ref()
        .zip(a.session.item_id(key.section, key.item))
        .and_then(|(kb, id)| kb.entry(id));
    if let Some(e) = kb {
        ui.say(&fill(ui.t(S::Knowledge), &[&e.name, &e.as_of.to_string()]))?;
        for f in &e.facts {
            ui.say(&format!("  - {}: {}", f.label.get(code), f.value.get(code)))?;
        }
        if let Some(n) = &e.note {
            ui.say(&format!("  {}", n.get(code)))?;
        }
        ui.say(&fill(ui.t(S::Sources), &[&e.sources.join(", ")]))?;
    }
    Ok(())
}

// ---- review and sign-off ------------------------------------------------------------------------------

fn severity(s: Severity) -> S {
    match s {
        Severity::High => S::SevHigh,
        Severity::Medium => S::SevMedium,
        Severity::Low => S::SevLow,
        Severity::Info => S::SevInfo,
    }
}

/// Print the review and ask what next: 1 sign off, 2 back to the questions, 3 save and quit.
fn review(ui: &mut Ui<'_>, a: &mut Audit) -> R<usize> {
    let code = a.code();
    let s = &a.session;
    let c = a.checklist();
    ui.blank()?;
    ui.say(ui.t(S::Review))?;
    let p = s.progress();
    ui.say(&fill(
        ui.t(S::Progress),
        &[
            &p.answered.to_string(),
            &p.required.to_string(),
            &p.visible.to_string(),
        ],
    ))?;
    let open: Vec<Key> = s.open_required().collect();
    if open.is_empty() {
        ui.say(ui.t(S::NoneOpen))?;
    } else {
        ui.say(&fill(ui.t(S::OpenRequired), &[&open.len().to_string()]))?;
        for k in open {
            let item = s.item_label(k.section, k.item, code);
            let text = c.sections[k.section].questions[k.question]
                .text
                .render(code, item.as_deref())
                .into_owned();
            ui.say(&format!(
                "  - {} ({})",
                crate::text::sanitize_line(&text),
                s.key_string(k)
            ))?;
        }
    }
    let mut findings: Vec<_> = s.findings().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.finding.severity));
    if findings.is_empty() {
        ui.say(ui.t(S::NoFindings))?;
    } else {
        ui.say(&fill(ui.t(S::Findings), &[&findings.len().to_string()]))?;
        for f in &findings {
            let item = s.item_label(f.section, f.item, code);
            ui.say(&format!(
                "  [{}] {} ({})",
                ui.t(severity(f.finding.severity)),
                crate::text::sanitize_line(&f.finding.title.render(code, item.as_deref())),
                s.finding_key(f)
            ))?;
            ui.say(&format!(
                "      {}",
                fill(
                    ui.t(S::Measure),
                    &[&crate::text::sanitize_line(
                        &f.finding.measure.render(code, item.as_deref())
                    )]
                )
            ))?;
        }
    }
    let dpia = s.dpia();
    let verdict = match dpia.verdict {
        crate::audit::DpiaVerdict::NotIndicated => S::VerdictNotIndicated,
        crate::audit::DpiaVerdict::Consider => S::VerdictConsider,
        crate::audit::DpiaVerdict::RequiredInMostCases => S::VerdictRecommended,
        crate::audit::DpiaVerdict::Required => S::VerdictRequired,
    };
    ui.say(&fill(ui.t(S::Dpia), &[ui.t(verdict)]))?;
    if !dpia.criteria.is_empty() {
        let names: Vec<&str> = dpia.criteria.iter().map(|c| c.as_str()).collect();
        ui.say(&fill(ui.t(S::DpiaCriteria), &[&names.join(", ")]))?;
    }
    ui.blank()?;
    ui.ask_menu(S::ReviewMenu, 3)
}

/// Read a password (no echo on a terminal); a new one is asked twice on a terminal.
fn password(ui: &mut Ui<'_>, label: S, new: bool) -> R<String> {
    loop {
        let first = ui.read(ui.t(label), true)?;
        if new && first.is_empty() {
            ui.invalid(ui.t(S::EmptyPassword))?;
            continue;
        }
        if new && ui.env.read_secret.is_some() {
            let second = ui.read(ui.t(S::RepeatPassword), true)?;
            if first != second {
                ui.invalid(ui.t(S::PasswordsDiffer))?;
                continue;
            }
        }
        return Ok(first);
    }
}

/// Sign-off; None goes back to the review.
fn sign(ui: &mut Ui<'_>, a: &mut Audit) -> R<Option<Outcome>> {
    let keys = ui.env.paths.keys_dir();
    ui.blank()?;
    ui.say(ui.t(S::SignOff))?;
    if !crate::sign::secret_key_path(&keys).is_file() {
        ui.say(&fill(ui.t(S::NoKey), &[&keys.display().to_string()]))?;
        if ui.ask_menu(S::KeyMenu, 2)? == 2 {
            ui.say(ui.t(S::NoKeyNoSignOff))?;
            return Ok(Some(Outcome::Saved(saved(ui, a)?)));
        }
        let pw = password(ui, S::NewPassword, true)?;
        let info =
            crate::sign::keygen(&keys, &pw, false).map_err(|e| Failure::system(e.to_string()))?;
        ui.say(&fill(
            ui.t(S::KeyCreated),
            &[
                &info.key_id,
                &info.secret_key_path.display().to_string(),
                &info.public_key_path.display().to_string(),
            ],
        ))?;
    }
    let auditor = a.draft.meta.auditor.trim().to_string();
    let name_label = format!("{} [{}]", ui.t(S::SignerName), auditor);
    let name = ui.ask_text(&name_label, auditor.is_empty())?;
    let name = if name.is_empty() { auditor } else { name };
    let role_label = format!("{} ({})", ui.t(S::SignerRole), ui.t(S::Optional));
    let role = ui.ask_text(&role_label, false)?;
    let default = signoff::default_statement(a.text_lang);
    ui.say(&fill(ui.t(S::Statement), &[default]))?;
    let statement = ui.ask_text(ui.t(S::StatementKeep), false)?;
    let statement = if statement.is_empty() {
        default.to_string()
    } else {
        statement
    };
    let open = a.session.open_required().count();
    if open > 0 {
        ui.say(&fill(ui.t(S::WarnOpen), &[&open.to_string()]))?;
    }
    let findings = a.session.findings().count();
    if findings > 0 {
        ui.say(&fill(ui.t(S::WarnFindings), &[&findings.to_string()]))?;
    }
    if ui.ask_menu(S::ConfirmMenu, 2)? == 2 {
        return Ok(None);
    }
    let signer = Signer {
        name,
        role,
        statement,
    };
    a.save_mut(ui)?;
    let signed = loop {
        let pw = password(ui, S::KeyPassword, false)?;
        match signoff::sign_off(
            &a.session,
            &a.draft,
            &signer,
            &pw,
            &keys,
            &ui.env.paths.results_dir(),
            ui.now(),
        ) {
            Ok(s) => break s,
            Err(SignOffError::Sign(e @ crate::sign::SignError::WrongPassword { .. })) => {
                ui.invalid(&fill(ui.t(S::SignFailed), &[&e.to_string()]))?;
            }
            Err(e) => {
                return Err(Failure::system(fill(
                    ui.t(S::SignFailed),
                    &[&e.to_string()],
                )));
            }
        }
    };
    ui.blank()?;
    ui.say(&fill(
        ui.t(S::ResultWritten),
        &[&signed.result.display().to_string()],
    ))?;
    ui.say(&fill(
        ui.t(S::SignatureWritten),
        &[&signed.signature.display().to_string()],
    ))?;
    ui.say(&fill(ui.t(S::KeyId), &[&signed.key_id]))?;
    if let Some(lock) = a.lock.take() {
        match a.store.archive(&a.path, lock) {
            Ok(p) => ui.say(&fill(ui.t(S::DraftArchived), &[&p.display().to_string()]))?,
            Err(e) => ui.say(&e.to_string())?,
        }
    }
    ui.say(&fill(
        ui.t(S::VerifyHint),
        &[&signed.result.display().to_string()],
    ))?;
    Ok(Some(Outcome::Signed(signed)))
}
