//! Plain mode's evidence: `e` at a question lists its files, attaches one (path, then caption) or
//! removes one (`-N`); `--evidence KEY=PATH` attaches files from a script once their question exists.
//! Attaching and removing go through `crate::evidence`, as in the TUI.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The evidence dialogue at question `key`.
pub(super) fn at_question(ui: &mut Ui<'_>, a: &mut Audit, key: Key) -> R<()> {
    let question = a.session.key_string(key);
    list(ui, a, &question)?;
    let typed = ui.read(ui.t(S::EvidencePath), false)?;
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(());
    }
    if let Some(n) = typed
        .strip_prefix('-')
        .and_then(|n| n.trim().parse::<usize>().ok())
    {
        return match crate::evidence::detach(&mut a.ws, &mut a.draft, &question, n) {
            Ok(e) => ui.say(&fill(ui.t(S::EvidenceRemoved), &[&e.name])),
            Err(e) => ui.invalid(&crate::explain::evidence(ui.lang(), &e)),
        };
    }
    let caption = ui.read(ui.t(S::EvidenceCaption), false)?;
    let path = crate::evidence::expand_home(typed);
    attach(ui, a, &question, &path, &caption)
}

fn list(ui: &mut Ui<'_>, a: &Audit, question: &str) -> R<()> {
    let mut it = crate::evidence::of_question(&a.draft.evidence, question).peekable();
    if it.peek().is_none() {
        return ui.say(ui.t(S::EvidenceNone));
    }
    let lines: Vec<String> = it
        .enumerate()
        .map(|(n, (_, e))| {
            let caption = if e.caption.is_empty() {
                String::new()
            } else {
                format!(" – {}", e.caption)
            };
            format!(
                "  {}) {} ({}){caption}",
                n + 1,
                e.name,
                crate::evidence::size_text(e.size)
            )
        })
        .collect();
    ui.say(ui.t(S::EvidenceList))?;
    for l in lines {
        ui.say(&l)?;
    }
    Ok(())
}

fn attach(
    ui: &mut Ui<'_>,
    a: &mut Audit,
    question: &str,
    path: &std::path::Path,
    caption: &str,
) -> R<()> {
    let now = ui.now();
    // The draft is saved with the new entry: it takes the answers as they are now, too.
    a.draft.capture(&a.session, now);
    match crate::evidence::attach(&mut a.ws, &mut a.draft, question, path, caption, now) {
        Ok(e) => ui.say(&fill(
            ui.t(S::EvidenceAttached),
            &[
                &e.name,
                &crate::evidence::size_text(e.size),
                &crate::evidence::short_hash(&e.sha256),
            ],
        )),
        Err(e) => {
            let msg = fill(
                ui.t(S::EvidenceFailed),
                &[&crate::explain::evidence(ui.lang(), &e)],
            );
            ui.invalid(&msg)
        }
    }
}

/// Attach the `--evidence` files whose question is part of the audit now (a repeated section's
/// questions exist once their option is chosen). A file that cannot be attached ends the run.
pub(super) fn attach_pending(ui: &mut Ui<'_>, a: &mut Audit) -> R<()> {
    let pending = std::mem::take(&mut ui.env.evidence);
    let (ready, later): (Vec<_>, Vec<_>) = pending
        .into_iter()
        .partition(|(key, _)| a.session.parse_key(key).is_some());
    ui.env.evidence = later;
    for (key, path) in ready {
        let now = ui.now();
        a.draft.capture(&a.session, now);
        match crate::evidence::attach(&mut a.ws, &mut a.draft, &key, &path, "", now) {
            Ok(e) => ui.say(&fill(
                ui.t(S::EvidenceAttached),
                &[
                    &e.name,
                    &crate::evidence::size_text(e.size),
                    &crate::evidence::short_hash(&e.sha256),
                ],
            ))?,
            Err(e) => {
                let msg = fill(
                    ui.t(S::EvidenceFailed),
                    &[&crate::explain::evidence(ui.lang(), &e)],
                );
                return Err(Failure::system(msg));
            }
        }
    }
    Ok(())
}

/// Before the review: an `--evidence` file whose question never became part of the audit is an error
/// (a wrong key in a script must not go unnoticed).
pub(super) fn none_pending(ui: &mut Ui<'_>) -> R<()> {
    match ui.env.evidence.first() {
        Some((key, _)) => Err(Failure::system(fill(
            ui.t(S::EvidenceNoQuestion),
            &[&crate::text::escape_visible(key)],
        ))),
        None => Ok(()),
    }
}
