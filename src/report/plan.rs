//! The action plan of a result for reports: every grouped measure with its status, owner, due date and
//! justification, and where it stood in the earlier audit this one started from. Derived once; every
//! format renders it, and the overview counts the overdue measures per unit from it.

use jiff::civil::Date;
use serde::Serialize;

use super::verification::clean;
use crate::audit::plan::{self, Status};
use crate::audit::result::ResultFile;
use crate::checklist::Severity;
use crate::i18n::dates;
use crate::lang::Lang;

/// One grouped measure with its plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanRow {
    /// The finding id.
    pub finding: String,
    pub severity: Severity,
    pub severity_label: String,
    pub title: String,
    pub measure: String,
    pub status: Status,
    pub status_label: String,
    pub owner: String,
    pub due: Option<Date>,
    /// `due` as people read it (`31.03.2026` / `2026-03-31`), empty without one.
    pub due_label: String,
    pub justification: String,
    /// Where the measure stood in the earlier audit (`previous_plan`), in words; null when that audit
    /// did not have it or there is none.
    pub earlier: Option<String>,
}

impl PlanRow {
    /// Open or in progress and due before `day`.
    pub fn overdue(&self, day: Date) -> bool {
        self.status.pending() && self.due.is_some_and(|d| d < day)
    }
}

/// The earlier audit a result's plan started from.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousPlanInfo {
    pub audit_id: String,
    pub file: String,
    pub audit_date: Date,
    /// „Übernommen aus dem Audit vom 12.03.2025 (Datei …)“ / "Taken over from the audit of …".
    pub text: String,
}

/// The plan rows of `result`, in the order of its grouped measures (none without a stored outcome).
pub(super) fn rows(result: &ResultFile, lang: Lang) -> Vec<PlanRow> {
    let Some(o) = &result.outcome else {
        return Vec::new();
    };
    plan::measures(o)
        .map(|g| {
            let e = plan::entry_for(&result.plan, &g.id);
            let earlier = result.previous_plan.as_ref().and_then(|p| {
                p.measures
                    .iter()
                    .find(|m| m.finding == g.id)
                    .map(|m| clean(&p.note(m, lang)))
            });
            PlanRow {
                finding: clean(&g.id),
                severity: g.severity,
                severity_label: super::texts::severity(g.severity, lang).to_string(),
                title: clean(&g.title),
                measure: clean(&g.measure),
                status: e.status,
                status_label: e.status.word().get(lang).to_string(),
                owner: clean(&e.owner),
                due: e.due,
                due_label: e
                    .due
                    .map(|d| dates::date_short(lang, d))
                    .unwrap_or_default(),
                justification: clean(&e.justification),
                earlier,
            }
        })
        .collect()
}

pub(super) fn previous(result: &ResultFile, lang: Lang) -> Option<PreviousPlanInfo> {
    let p = result.previous_plan.as_ref()?;
    Some(PreviousPlanInfo {
        audit_id: clean(&p.audit_id),
        file: clean(&p.file),
        audit_date: p.audit_date,
        text: clean(
            &crate::i18n::T::new(
                "Übernommen aus dem Audit vom {0} (Datei {1})",
                "Taken over from the audit of {0} (file {1})",
            )
            .fill(lang, &[&dates::date(lang, p.audit_date), &p.file]),
        ),
    })
}
