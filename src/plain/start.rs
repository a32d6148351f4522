//! Plain mode's start: a new audit on a checklist of the catalog, a draft resumed from the workspace, or the
//! signed results (listed with their signature state, one read, verified, its reports written beside it).

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn start(ui: &mut Ui<'_>) -> R<Audit> {
    loop {
        let choice = ui.ask_menu(S::StartMenu, 3)?;
        let audit = match choice {
            1 => new_audit(ui)?,
            2 => resume(ui)?,
            _ => results(ui)?,
        };
        if let Some(a) = audit {
            return Ok(a);
        }
    }
}

/// Accept a 1-based number or one of the `ids` (the id of the entry at that position).
pub(super) fn pick_numbered(s: &str, ids: &[String], lang: Lang) -> Result<usize, String> {
    let t = s.trim();
    if let Some(i) = ids.iter().position(|id| id == t) {
        return Ok(i);
    }
    entry::pick(t, ids.len(), lang)
}

/// The checklists on offer, through the user's checklist cache (`catalog::cache`).
fn catalog_of(ui: &Ui<'_>) -> Vec<catalog::Entry> {
    catalog::load_with(
        &ui.env.checklist_dirs,
        Some(&catalog::ModelCache::of(&ui.env.paths)),
    )
}

pub(super) fn new_audit(ui: &mut Ui<'_>) -> R<Option<Audit>> {
    let lang = ui.lang();
    let entries = catalog_of(ui);
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
                let reason = diags.first().map(|d| d.headline(lang)).unwrap_or_default();
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
    let mut draft = Draft::new(&checklist, meta, ui.now());
    let opts = crate::result::verify::Options {
        pubkey: None,
        paths: Some(ui.env.paths.clone()),
        checklist_dirs: ui.env.checklist_dirs.clone(),
        evidence_dir: None,
    };
    if crate::result::previous::carry_over(&mut draft, &opts, ui.now())
        && let Some(p) = &draft.previous_plan
    {
        ui.say(&crate::explain::carried_over(lang, p))?;
    }
    let mut a = Audit {
        draft,
        session: Session::new(checklist),
        ws: Workspace::new(&ui.env.paths),
        text_lang: lang,
    };
    let path = a.save(ui)?;
    ui.say(&fill(
        ui.t(S::DraftStarted),
        &[&a.draft.audit_id, &path.display().to_string()],
    ))?;
    Ok(Some(a))
}

pub(super) fn ask_meta(ui: &mut Ui<'_>, meta: &mut Meta, f: MetaField) -> R<()> {
    let lang = ui.lang();
    let today = ui.env.zone.today(ui.now());
    let label = match f {
        MetaField::Organisation => ui.t(S::Organisation),
        MetaField::Unit => ui.t(S::Unit),
        MetaField::Interviewees => ui.t(S::Interviewees),
        MetaField::Auditor => ui.t(S::Auditor),
        MetaField::AuditDate => vocab::AUDIT_DATE.get(lang),
    };
    // The audit date is offered as today: an empty line takes it.
    let default = (f == MetaField::AuditDate).then(|| meta.text(f, lang, today));
    let label = match (&default, f.required()) {
        (Some(d), _) => format!("{label} ({})", fill(ui.t(S::AuditDateDefault), &[d])),
        (None, true) => label.to_string(),
        (None, false) => format!("{label} ({})", ui.t(S::Optional)),
    };
    ui.ask(&label, |s| {
        let text = match &default {
            Some(d) if s.trim().is_empty() => d.as_str(),
            _ => s,
        };
        let mut m = meta.clone();
        m.set_text(f, text, today).map(|()| m).map_err(|p| match p {
            FieldProblem::Missing => S::RequiredEmpty.get(lang).to_string(),
            FieldProblem::Date(e) => e.text().get(lang).to_string(),
        })
    })
    .map(|m| *meta = m)
}

pub(super) fn resume(ui: &mut Ui<'_>) -> R<Option<Audit>> {
    let lang = ui.lang();
    let mut ws = Workspace::new(&ui.env.paths);
    let list = ws.list();
    ui.blank()?;
    let mut usable = Vec::new();
    let mut damaged = Vec::new();
    for e in &list {
        match &e.draft {
            Ok(d) => usable.push(d.clone()),
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
    for (i, d) in usable.iter().enumerate() {
        let updated = dates::time_short(lang, d.updated, &ui.env.zone);
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
    let ids: Vec<String> = usable.iter().map(|d| d.audit_id.clone()).collect();
    let known = catalog::usable(&catalog_of(ui));
    let label = ui.t(S::Choice);
    loop {
        let i = ui.ask(label, |s| pick_numbered(s, &ids, lang))?;
        match open(ui, &mut ws, &known, &usable[i])? {
            Ok(a) => return Ok(Some(a)),
            Err(why) => ui.invalid(&fill(ui.t(S::NotSelectable), &[&ids[i], &why]))?,
        }
    }
}

/// Open the draft `listed` (listed from `ws`) on its checklist from `known`, say what changed since it
/// was saved, ask for missing details and save it: the audit to go on with, or why it cannot be opened.
fn open(
    ui: &mut Ui<'_>,
    ws: &mut Workspace,
    known: &[Arc<Checklist>],
    listed: &Draft,
) -> R<Result<Audit, String>> {
    let lang = ui.lang();
    let found = match catalog::for_draft(known, &listed.checklist) {
        Ok(m) => m,
        Err(catalog::NoChecklist::Missing { id, version, .. }) => {
            return Ok(Err(fill(ui.t(S::ChecklistMissing), &[&id, &version])));
        }
        Err(broken @ catalog::NoChecklist::Broken { .. }) => {
            return Ok(Err(crate::explain::no_checklist(lang, &broken)));
        }
    };
    let draft = match ws.open(&listed.audit_id) {
        Ok(d) => d,
        Err(e @ (DraftError::Lock(_) | DraftError::Damaged { .. })) => {
            return Ok(Err(crate::explain::draft(lang, &e)));
        }
        Err(e) => return Err(Failure::system(crate::explain::draft(lang, &e))),
    };
    let (session, resumed) = draft.restore(Arc::clone(&found.checklist));
    let text_lang = draft.meta.lang;
    // The workspace now holds this draft's lock: it goes with the audit.
    let ws = std::mem::replace(ws, Workspace::new(&ui.env.paths));
    let mut a = Audit {
        session,
        draft,
        ws,
        text_lang,
    };
    if resumed.checklist_changed {
        ui.say(ui.t(S::ChecklistChanged))?;
        // Plain mode goes on with the new version (the TUI asks): the draft belongs to it from now
        // on, so the next resume does not warn again.
        a.draft.adopt(&found.checklist);
    }
    for (key, reason) in &resumed.dropped {
        ui.say(&fill(ui.t(S::AnswerDropped), &[key, reason.get(ui.lang())]))?;
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
    a.save(ui)?;
    Ok(Ok(a))
}

// ---- signed results -------------------------------------------------------------------------------------

fn verify_options(ui: &Ui<'_>) -> crate::result::Options {
    crate::result::Options {
        evidence_dir: None,
        pubkey: None,
        paths: Some(ui.env.paths.clone()),
        checklist_dirs: ui.env.checklist_dirs.clone(),
    }
}

/// The signed results with their signature state (checked cheaply: `result::list`); one is chosen by
/// number to read it. An empty line goes back to the start menu; an amendment started from a result
/// is the audit to go on with.
fn results(ui: &mut Ui<'_>) -> R<Option<Audit>> {
    use crate::i18n::results as tx;
    let lang = ui.lang();
    let dir = ui.env.paths.results_dir();
    let opts = verify_options(ui);
    loop {
        ui.blank()?;
        let list = match crate::result::list(&dir, &opts) {
            Ok(l) => l,
            Err(e) => {
                ui.say(&tx::CANNOT_LIST.fill(
                    lang,
                    &[
                        &dir.display().to_string(),
                        &crate::i18n::io::error(lang, &e),
                    ],
                ))?;
                return Ok(None);
            }
        };
        if list.is_empty() {
            ui.say(&tx::NONE_YET.fill(lang, &[&dir.display().to_string()]))?;
            return Ok(None);
        }
        ui.say(tx::TITLE.get(lang))?;
        for (i, r) in list.iter().enumerate() {
            let date = r.date_text(lang);
            ui.say(&format!(
                "  {}) {} · {date} · {}",
                i + 1,
                r.heading(lang),
                r.state_line(lang)
            ))?;
        }
        let n = list.len();
        let pick = ui.ask(tx::PICK_OR_BACK.get(lang), |s| {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                entry::pick(s, n, lang).map(Some)
            }
        })?;
        let Some(i) = pick else {
            return Ok(None);
        };
        if let Some(a) = result(ui, &list[i].path, &opts)? {
            return Ok(Some(a));
        }
    }
}

/// One result, verified in full and shown read-only; then the actions of `report::actions` (verify
/// again, write a report beside it, amend it), numbered from 1. An amendment is returned to go on with.
fn result(
    ui: &mut Ui<'_>,
    path: &std::path::Path,
    opts: &crate::result::Options,
) -> R<Option<Audit>> {
    use crate::i18n::results as tx;
    use crate::report::actions::{ACTS, Act};
    let lang = ui.lang();
    let report_opts = crate::report::Options {
        verify: opts.clone(),
        lang: Some(lang),
        ui_lang: lang,
        ..crate::report::Options::default()
    };
    let mut show = true;
    loop {
        ui.blank()?;
        match crate::report::build_file(path, &report_opts) {
            Ok(r) if show => {
                for l in crate::report::reading::lines(&r) {
                    ui.say(&format!("{}{}", " ".repeat(l.indent), l.text))?;
                }
            }
            Ok(r) => ui.say(&tx::VERIFIED.fill(lang, &[&r.verification.headline]))?,
            Err(e) => ui.say(&format!("✗ {e}"))?,
        }
        ui.blank()?;
        let menu: Vec<String> = ACTS.iter().map(|a| a.label(lang)).collect();
        let line: Vec<String> = menu
            .iter()
            .enumerate()
            .map(|(i, m)| format!("{}) {m}", i + 1))
            .collect();
        loop {
            ui.say(&line.join("  "))?;
            let n = menu.len();
            let choice = ui.ask(ui.t(S::Choice), |s| entry::pick(s, n, lang))?;
            match ACTS.get(choice).copied().unwrap_or(Act::Back) {
                // Verify again: the state line only, the result is not printed again.
                Act::Verify => {
                    show = false;
                    break;
                }
                Act::Amend => {
                    if let Some(a) = amend(ui, path, opts)? {
                        return Ok(Some(a));
                    }
                }
                Act::Write(format) => {
                    let msg = match crate::report::write_formats_beside(
                        path,
                        opts,
                        Some(lang),
                        &[format],
                    ) {
                        Ok(files) => {
                            let names: Vec<String> =
                                files.iter().map(|p| p.display().to_string()).collect();
                            tx::WRITTEN.fill(lang, &[&names.join(", ")])
                        }
                        Err(e) => tx::NOT_WRITTEN.fill(lang, &[&crate::explain::report(lang, &e)]),
                    };
                    ui.say(&msg)?;
                }
                Act::Back => return Ok(None),
            }
        }
    }
}

/// Amend the result at `path`: ask for the reason (empty: cancel), verify and start the draft through
/// `result::amend` (the rule the TUI and `msgaudit amend` follow), then go on with it as a resumed draft.
fn amend(
    ui: &mut Ui<'_>,
    path: &std::path::Path,
    opts: &crate::result::Options,
) -> R<Option<Audit>> {
    use crate::i18n::results as tx;
    let lang = ui.lang();
    let reason = ui.ask_text(tx::AMEND_REASON_LINE.get(lang), false)?;
    if reason.trim().is_empty() {
        return Ok(None);
    }
    let (draft, _) = match crate::result::amend::start(path, opts, &ui.env.paths, &reason, ui.now())
    {
        Ok(started) => started,
        Err(e) => {
            ui.say(&tx::AMEND_FAILED.fill(lang, &[&crate::explain::amend(lang, &e)]))?;
            return Ok(None);
        }
    };
    let known = catalog::usable(&catalog_of(ui));
    let mut ws = Workspace::new(&ui.env.paths);
    match open(ui, &mut ws, &known, &draft)? {
        Ok(a) => Ok(Some(a)),
        Err(why) => {
            ui.say(&fill(ui.t(S::NotSelectable), &[&draft.audit_id, &why]))?;
            Ok(None)
        }
    }
}
