//! `msgaudit move DRAFT [--to FILE|ID] [--yes]`: move a draft to another version of its checklist. The
//! plan (answers carried over, dropped, new questions) is shown first; only `--yes` moves, keeping the
//! earlier draft beside it. The plan is `audit::moving`'s, the lock and the files the workspace's.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::audit::draft::Draft;
use crate::audit::moving::{self, MovePlan};
use crate::catalog::{self, Origin};
use crate::checklist::{self, Checklist};
use crate::explain;
use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::store::drafts::DRAFT_SUFFIX;
use crate::store::{Paths, Workspace};
use crate::text::{escape_visible, sanitize_line};

/// Show the plan and, with `yes`, move. Ok is what to print; Err the one readable error.
pub fn run(
    paths: &Paths,
    dirs: &[(Origin, PathBuf)],
    draft_arg: &str,
    to: Option<&str>,
    yes: bool,
    lang: Lang,
) -> Result<String, String> {
    let mut ws = Workspace::new(paths);
    let audit_id = audit_id(draft_arg);
    if !ws.path_for(&audit_id).is_file() {
        return Err(tx::MOVE_NO_SUCH_DRAFT.fill(
            lang,
            &[
                &escape_visible(draft_arg),
                &escape_visible(&paths.drafts_dir().display().to_string()),
            ],
        ));
    }
    // The lock first: no other msgaudit edits the draft while it is looked at and moved.
    let draft = ws.open(&audit_id).map_err(|e| explain::draft(lang, &e))?;
    let known = catalog::usable(&catalog::loaded(dirs));
    let target = target(&known, &draft, to, lang)?;
    let old = known
        .iter()
        .find(|c| c.id == draft.checklist.id && c.sha256 == draft.checklist.sha256);
    let (plan, session) = moving::plan(&draft, &target, old.map(|c| &**c), lang);
    let mut out = describe(&draft, &plan, lang);
    if plan.same_version {
        ws.release();
        return Ok(tx::MOVE_SAME.fill(lang, &[&draft.audit_id, &plan.to_version]));
    }
    if !yes {
        ws.release();
        out.push_str(tx::MOVE_DRY_RUN.get(lang));
        return Ok(out);
    }
    let after = moving::moved(&draft, &session, jiff::Timestamp::now());
    let kept = ws
        .save_moved(&draft, &after)
        .map_err(|e| explain::draft(lang, &e))?;
    ws.release();
    out.push_str(&tx::MOVE_DONE.fill(
        lang,
        &[
            &escape_visible(&ws.path_for(&audit_id).display().to_string()),
            &escape_visible(&kept.display().to_string()),
        ],
    ));
    Ok(out)
}

/// The audit id named by `arg`: the id itself, or a draft file's name without `.draft.toml`.
fn audit_id(arg: &str) -> String {
    let name = Path::new(arg)
        .file_name()
        .map_or_else(|| arg.to_string(), |n| n.to_string_lossy().into_owned());
    name.strip_suffix(DRAFT_SUFFIX).unwrap_or(&name).to_string()
}

/// The checklist to move to: `--to` as a file or an id among the checklist folders, else the version
/// of the draft's checklist the folders hold now. Another checklist's id is refused.
fn target(
    known: &[Arc<Checklist>],
    draft: &Draft,
    to: Option<&str>,
    lang: Lang,
) -> Result<Arc<Checklist>, String> {
    let found = match to {
        None => {
            // Another version of the draft's checklist in the folders; if there is none, the one the
            // draft names (its file may have changed in place).
            let others: Vec<&Arc<Checklist>> = known
                .iter()
                .filter(|c| c.id == draft.checklist.id && c.sha256 != draft.checklist.sha256)
                .collect();
            match others.as_slice() {
                [one] => Arc::clone(one),
                [] => {
                    catalog::for_draft(known, &draft.checklist)
                        .map_err(|e| explain::no_checklist(lang, &e))?
                        .checklist
                }
                several => {
                    let versions: Vec<String> = several
                        .iter()
                        .map(|c| {
                            format!(
                                "{} ({})",
                                sanitize_line(&c.version),
                                escape_visible(&c.path.display().to_string())
                            )
                        })
                        .collect();
                    return Err(tx::MOVE_WHICH_VERSION.fill(lang, &[&versions.join(", ")]));
                }
            }
        }
        Some(to) if Path::new(to).is_file() => match checklist::load(Path::new(to)) {
            Ok(c) => Arc::new(c),
            Err(diags) => {
                return Err(diags
                    .iter()
                    .map(|d| d.render(lang))
                    .collect::<Vec<_>>()
                    .join("\n"));
            }
        },
        Some(to) => {
            // Several versions of one id may be at hand: the one the draft is not on is the move.
            let mut same_id = known.iter().filter(|c| c.id == to);
            let first = same_id.next().cloned();
            let other = known
                .iter()
                .find(|c| c.id == to && c.sha256 != draft.checklist.sha256)
                .cloned();
            other
                .or(first)
                .ok_or_else(|| tx::MOVE_NO_SUCH_CHECKLIST.fill(lang, &[&escape_visible(to)]))?
        }
    };
    if found.id != draft.checklist.id {
        return Err(tx::MOVE_OTHER_CHECKLIST.fill(
            lang,
            &[
                &escape_visible(&found.path.display().to_string()),
                &escape_visible(&found.id),
                &escape_visible(&draft.checklist.id),
            ],
        ));
    }
    Ok(found)
}

/// The plan in words: the heading, what is carried over, each dropped answer with why, each new question.
fn describe(draft: &Draft, plan: &MovePlan, lang: Lang) -> String {
    let line = |s: &str| sanitize_line(s).into_owned();
    let mut out = tx::MOVE_HEADING.fill(
        lang,
        &[
            &draft.audit_id,
            &line(&plan.checklist_id),
            &line(&plan.from_version),
            &line(&plan.to_version),
        ],
    );
    if plan.same_version {
        return out;
    }
    out.push_str(&tx::MOVE_KEPT.fill(lang, &[&plan.kept.to_string()]));
    out.push_str(&tx::MOVE_DROPPED.fill(lang, &[&plan.dropped.len().to_string()]));
    for (key, why) in &plan.dropped {
        let _ = writeln!(out, "    - {}: {}", line(key), line(why.get(lang)));
    }
    match &plan.new_questions {
        Some(new) => {
            out.push_str(&tx::MOVE_NEW.fill(lang, &[&new.len().to_string()]));
            for q in new {
                let _ = writeln!(out, "    - {}: {}", line(&q.key), line(&q.text));
            }
            out.push_str(&tx::MOVE_OPEN.fill(lang, &[&plan.open_required.to_string()]));
        }
        None => out.push_str(&tx::MOVE_NEW_UNKNOWN.fill(lang, &[&plan.open_required.to_string()])),
    }
    out
}
