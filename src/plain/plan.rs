//! Plain mode's action plan: per grouped measure of the review, status, owner, due date and (for an
//! accepted risk) the justification as line prompts, set through `Draft::set_plan` like the TUI's.

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::audit::Outcome as AuditOutcome;
use crate::audit::plan::{self, Entry, Status};
use crate::audit::result::audit_date;

/// The plan line a measure shows in the review: „Maßnahmenplan: in Bearbeitung, fällig 31.03.2026“.
pub(super) fn line(lang: Lang, a: &Audit, finding: &str) -> String {
    format!(
        "{}: {}",
        vocab::ACTION_PLAN.get(lang),
        plan::entry_for(&a.draft.plan, finding).describe(lang)
    )
}

/// Edit the plan until an empty line; each confirmed entry is saved at once.
pub(super) fn edit(ui: &mut Ui<'_>, a: &mut Audit) -> R<()> {
    let lang = ui.lang();
    let o = AuditOutcome::derive(&a.session, &a.draft.meta, audit_date(ui.now()));
    let measures: Vec<(String, String)> = plan::measures(&o)
        .map(|g| (g.id.clone(), g.title.clone()))
        .collect();
    if measures.is_empty() {
        return ui.say(ui.t(S::PlanNoMeasures));
    }
    loop {
        ui.blank()?;
        ui.say(ui.t(S::PlanMeasures))?;
        for (i, (id, title)) in measures.iter().enumerate() {
            ui.say(&format!(
                "  {}) {} ({id})",
                i + 1,
                crate::text::sanitize_line(title)
            ))?;
            ui.say(&format!("      {}", line(lang, a, id)))?;
        }
        let label = ui.t(S::PlanMeasure);
        let count = measures.len();
        let Some(i) = ui.ask(label, |s| {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                entry::pick(s, count, lang).map(Some)
            }
        })?
        else {
            return Ok(());
        };
        let (id, title) = &measures[i];
        let entry = ask_entry(ui, &plan::entry_for(&a.draft.plan, id))?;
        match a.draft.set_plan(entry, &o, ui.now()) {
            Ok(_) => {
                a.save(ui)?;
                let now = plan::entry_for(&a.draft.plan, id).describe(lang);
                ui.say(&fill(
                    ui.t(S::PlanSaved),
                    &[&crate::text::sanitize_line(title), &now],
                ))?;
            }
            Err(e) => ui.invalid(&e.text(lang))?,
        }
    }
}

/// Ask status, owner, due date and, for an accepted risk, the justification; empty keeps each.
fn ask_entry(ui: &mut Ui<'_>, cur: &Entry) -> R<Entry> {
    let lang = ui.lang();
    let keep = |v: &str| fill(S::PlanKeep.get(lang), &[v]);
    let keep_clear = |v: &str| fill(S::PlanKeepClear.get(lang), &[v]);
    ui.say(ui.t(S::PlanStatusMenu))?;
    let label = format!(
        "{} ({})",
        vocab::PLAN_STATUS.get(lang),
        keep(cur.status.word().get(lang))
    );
    let status = ui.ask(&label, |s| {
        if s.trim().is_empty() {
            Ok(cur.status)
        } else {
            entry::pick(s, Status::ALL.len(), lang).map(|i| Status::ALL[i])
        }
    })?;
    let label = format!(
        "{} ({})",
        vocab::PLAN_OWNER.get(lang),
        keep_clear(&crate::text::sanitize_line(&cur.owner))
    );
    let owner = ui.ask(&label, |s| Ok(kept(s, &cur.owner)))?;
    let shown = cur
        .due
        .map(|d| dates::date_short(lang, d))
        .unwrap_or_default();
    let label = format!("{} ({})", vocab::PLAN_DUE.get(lang), keep_clear(&shown));
    let due = ui.ask(&label, |s| match s.trim() {
        "" => Ok(cur.due),
        "-" => Ok(None),
        t => plan::parse_due(t).map_err(|e| e.text(lang)),
    })?;
    let mut entry = Entry {
        status,
        owner,
        due,
        ..cur.clone()
    };
    if status == Status::AcceptedRisk {
        let label = format!(
            "{} ({})",
            vocab::PLAN_JUSTIFICATION.get(lang),
            keep(&crate::text::sanitize_line(&cur.justification))
        );
        let draft = entry.clone();
        entry.justification = ui.ask(&label, |s| {
            let e = Entry {
                justification: kept(s, &cur.justification),
                ..draft.clone()
            };
            plan::validate(&e)
                .map(|()| e.justification)
                .map_err(|p| p.text(lang))
        })?;
    }
    Ok(entry)
}

/// A text as typed: empty keeps `current`, `-` clears it.
fn kept(typed: &str, current: &str) -> String {
    match typed.trim() {
        "" => current.to_string(),
        "-" => String::new(),
        t => t.to_string(),
    }
}
