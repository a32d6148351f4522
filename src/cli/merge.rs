//! `msgaudit merge DRAFT… [--together] [--rules FILE] [-o FILE]`: merge partial drafts of one audit into a
//! new draft. The plan is `audit::merging`'s; conflicts are decided by the rules file, then in the
//! terminal's review (`tui::merge`); left undecided without a terminal, they are listed and nothing is
//! written. The parts are only read, never changed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::audit::merging::{self, Choice, Conflict, Part, Plan};
use crate::catalog::{self, Origin};
use crate::explain;
use crate::i18n::dates::{self, Zone};
use crate::i18n::merge as tx;
use crate::lang::Lang;
use crate::store::drafts::DRAFT_SUFFIX;
use crate::store::workspace::read_with_history;
use crate::store::{Paths, Workspace};
use crate::text::{escape_visible, sanitize_line};

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub drafts: &'a [String],
    pub together: bool,
    pub rules: Option<&'a Path>,
    pub output: Option<&'a Path>,
    /// Conflicts left by the rules may be reviewed in the terminal (a terminal, no --plain).
    pub interactive: bool,
}

/// How the conflicts left undecided get decided: in the terminal's review, given the conflicts and the
/// parts' names; None when the auditor cancelled. Injected, so that tests can stand in for the TUI.
pub type Review<'a> = dyn FnMut(&[Conflict], &[String]) -> Result<Option<Vec<usize>>, String> + 'a;

/// Merge; Ok is what to print. Err is the one readable error (undecided conflicts are listed in it).
pub fn run(
    paths: &Paths,
    dirs: &[(Origin, PathBuf)],
    req: &Request<'_>,
    review: &mut Review<'_>,
    lang: Lang,
) -> Result<String, String> {
    let parts = req
        .drafts
        .iter()
        .map(|arg| read_part(paths, arg, lang))
        .collect::<Result<Vec<Part>, String>>()?;
    merging::belong_together(&parts, req.together).map_err(|e| e.text().get(lang).to_string())?;
    let output = match req.output {
        Some(p) if !p.to_string_lossy().ends_with(DRAFT_SUFFIX) => {
            return Err(tx::OUTPUT_NAME.fill(lang, &[&escape_visible(&p.display().to_string())]));
        }
        other => other,
    };
    let r = &parts[0].draft.checklist;
    let known = catalog::usable(&catalog::loaded(dirs));
    let checklist = catalog::for_draft(&known, r)
        .ok()
        .filter(|m| !m.changed)
        .map(|m| m.checklist)
        .ok_or_else(|| {
            tx::CHECKLIST_MISSING.fill(
                lang,
                &[
                    &sanitize_line(&r.id),
                    &sanitize_line(&r.version),
                    &sanitize_line(&r.sha256),
                ],
            )
        })?;
    let plan = merging::plan(&parts, &checklist);
    let mut decided: Vec<Option<Choice>> = match req.rules {
        Some(file) => {
            let text = crate::store::read_text_bounded(file, 1024 * 1024).map_err(|e| {
                tx::CANNOT_READ_RULES.fill(
                    lang,
                    &[&escape_visible(&file.display().to_string()), &e.to_string()],
                )
            })?;
            merging::rules::parse(&text)
                .and_then(|rules| rules.decide(&plan, &parts, &checklist))
                .map_err(|e| e.get(lang).to_string())?
        }
        None => vec![None; plan.conflicts.len()],
    };
    let open: Vec<usize> = (0..decided.len())
        .filter(|i| decided[*i].is_none())
        .collect();
    if !open.is_empty() {
        let left: Vec<Conflict> = open.iter().map(|i| plan.conflicts[*i].clone()).collect();
        if !req.interactive {
            return Err(list_undecided(&left, &plan, lang));
        }
        let Some(picks) = review(&left, &plan.names)? else {
            return Err(tx::CANCELLED.get(lang).to_string());
        };
        for (i, pick) in open.iter().zip(picks) {
            decided[*i] = Some(Choice::Reviewed(pick));
        }
    }
    let choices: Vec<Choice> = decided.into_iter().flatten().collect();
    let draft = merging::merged(&plan, &parts, &choices, &checklist, jiff::Timestamp::now())
        .map_err(|e| e.get(lang).to_string())?;
    let at = if let Some(file) = output {
        Workspace::save_new_file(file, &draft).map_err(|e| explain::draft(lang, &e))?;
        file.to_path_buf()
    } else {
        let mut ws = Workspace::new(paths);
        let at = ws.save(&draft).map_err(|e| explain::draft(lang, &e))?;
        ws.release();
        at
    };
    Ok(describe(
        &parts,
        &plan,
        &choices,
        &draft.audit_id,
        &at,
        lang,
    ))
}

/// A draft named on the command line: a file, else an id in the drafts folder.
fn read_part(paths: &Paths, arg: &str, lang: Lang) -> Result<Part, String> {
    let as_file = Path::new(arg);
    let path = if as_file.is_file() {
        as_file.to_path_buf()
    } else {
        let id = arg.strip_suffix(DRAFT_SUFFIX).unwrap_or(arg);
        let in_folder = paths.drafts_dir().join(format!("{id}{DRAFT_SUFFIX}"));
        if !in_folder.is_file() || id.contains(['/', '\\']) {
            return Err(tx::NO_SUCH_DRAFT.fill(
                lang,
                &[
                    &escape_visible(arg),
                    &escape_visible(&paths.drafts_dir().display().to_string()),
                ],
            ));
        }
        in_folder
    };
    let draft = read_with_history(&path).map_err(|e| explain::draft(lang, &e))?;
    let label = path
        .file_name()
        .map_or_else(|| arg.to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Part { draft, label })
}

/// Who holds a candidate: the parts' names.
fn holders(plan: &Plan, parts: &[usize]) -> String {
    parts
        .iter()
        .map(|i| plan.names[*i].as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The conflicts still to decide, each with its values, who changed them last and when.
fn list_undecided(left: &[Conflict], plan: &Plan, lang: Lang) -> String {
    let line = |s: &str| sanitize_line(s).into_owned();
    let mut out = tx::UNDECIDED.fill(lang, &[&left.len().to_string()]);
    for c in left {
        out.push_str(&tx::CONFLICT.fill(lang, &[&line(c.subject.key()), &line(c.asked.get(lang))]));
        for (n, x) in c.candidates.iter().enumerate() {
            let last = x.last.as_ref().map_or_else(String::new, |(by, at)| {
                tx::LAST_CHANGED.fill(lang, &[&line(by), &dates::time(lang, *at, &Zone::System)])
            });
            out.push_str(&tx::CANDIDATE.fill(
                lang,
                &[
                    &(n + 1).to_string(),
                    &line(&holders(plan, &x.parts)),
                    &line(x.shown.get(lang)),
                    &last,
                ],
            ));
            if let Some(note) = &x.note {
                out.push_str(&tx::CANDIDATE_NOTE.fill(lang, &[&line(note)]));
            }
        }
    }
    out.trim_end().to_string()
}

/// What the merge did, and where the merged draft is.
fn describe(
    parts: &[Part],
    plan: &Plan,
    choices: &[Choice],
    id: &str,
    at: &Path,
    lang: Lang,
) -> String {
    let d = &parts[0].draft.checklist;
    let ids: Vec<&str> = parts.iter().map(|p| p.draft.audit_id.as_str()).collect();
    let mut out = tx::HEADING.fill(
        lang,
        &[
            &parts.len().to_string(),
            &sanitize_line(&ids.join(", ")),
            &sanitize_line(&d.id),
            &sanitize_line(&d.version),
            id,
        ],
    );
    out.push_str(&tx::TAKEN.fill(lang, &[&plan.taken.to_string()]));
    out.push_str(&tx::AGREED.fill(lang, &[&plan.agreed.to_string()]));
    if plan.shared > 0 {
        out.push_str(&tx::SHARED.fill(lang, &[&plan.shared.to_string()]));
    }
    if !plan.notes_combined.is_empty() {
        out.push_str(&tx::NOTES.fill(lang, &[&plan.notes_combined.len().to_string()]));
    }
    let reviewed = choices
        .iter()
        .filter(|c| matches!(c, Choice::Reviewed(_)))
        .count();
    let _ = write!(
        out,
        "{}",
        tx::DECIDED.fill(
            lang,
            &[
                &choices.len().to_string(),
                &reviewed.to_string(),
                &(choices.len() - reviewed).to_string(),
            ],
        )
    );
    out.push_str(&tx::DONE.fill(lang, &[&escape_visible(&at.display().to_string())]));
    out
}
