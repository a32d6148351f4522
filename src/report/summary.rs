//! The overview across many result files (`msgaudit summary`): which messengers are used where, findings
//! per severity per unit, which audits recommend or require a DPIA, and which files failed verification.
//! Only verified files count; failed ones are listed, never silently dropped. Findings are counted by root
//! cause (`outcome.counts`); every audit shows its completeness and its (provisional) DPIA verdict.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::model::{Criterion, Report, SeverityCounts};
use crate::audit::DpiaVerdict;
use crate::i18n::dates::Zone;
use crate::lang::Lang;

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub report_format: u32,
    pub lang: Lang,
    /// Verified audits, by organisation, unit and time of signing.
    pub audits: Vec<AuditEntry>,
    /// Files that failed verification (or could not be read as results).
    pub failed: Vec<Failed>,
    pub messengers: Vec<MessengerOverview>,
    pub units: Vec<UnitFindings>,
    /// Audits whose DPIA verdict is `recommended` or `required`.
    pub dpia: Vec<DpiaEntry>,
    /// The time zone of the `*_local` times and of the times the other formats show.
    pub time_zone: String,
    /// The zone times are shown in (not part of the JSON: `time_zone` names it).
    #[serde(skip)]
    pub zone: Zone,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub file: String,
    pub audit_id: String,
    pub organisation: String,
    pub unit: String,
    pub checklist: String,
    pub signed_by: String,
    pub signed_at: Timestamp,
    pub key_id: String,
    pub notes: Vec<String>,
    pub complete: bool,
    /// "UNVOLLSTÄNDIG – 8 von 9 Pflichtfragen offen" / "Complete – 9 of 9 required questions answered".
    pub completeness: String,
    pub open_points: usize,
    /// Root-cause groups per severity.
    pub findings: SeverityCounts,
    pub dpia_verdict: DpiaVerdict,
    pub dpia_provisional: bool,
    /// The verdict in words, "(vorläufig)"/"(provisional)" when the audit is incomplete.
    pub dpia_verdict_label: String,
    pub messengers: Vec<String>,
    /// The day the audit was held (see the report's `audit.audit_date`).
    pub audit_date: Date,
    /// `signed_at` in `time_zone`, RFC 3339 with the offset.
    pub signed_at_local: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failed {
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessengerOverview {
    pub id: String,
    pub name: String,
    pub uses: Vec<MessengerUnitUse>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessengerUnitUse {
    pub organisation: String,
    pub unit: String,
    pub file: String,
    /// Titles of the places (section repetitions) within that audit.
    pub places: Vec<String>,
}

impl MessengerUnitUse {
    pub fn unit_label(&self) -> String {
        unit_label(&self.organisation, &self.unit)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitFindings {
    pub organisation: String,
    pub unit: String,
    pub audits: usize,
    /// How many of its audits are incomplete: their counts cover only the answered part.
    pub incomplete: usize,
    pub findings: SeverityCounts,
}

impl UnitFindings {
    pub fn label(&self) -> String {
        unit_label(&self.organisation, &self.unit)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DpiaEntry {
    pub organisation: String,
    pub unit: String,
    pub file: String,
    pub verdict: DpiaVerdict,
    pub provisional: bool,
    pub verdict_label: String,
    pub criteria: Vec<Criterion>,
}

impl DpiaEntry {
    pub fn unit_label(&self) -> String {
        unit_label(&self.organisation, &self.unit)
    }
}

fn unit_label(organisation: &str, unit: &str) -> String {
    match (organisation.trim().is_empty(), unit.trim().is_empty()) {
        (false, false) => format!("{organisation} – {unit}"),
        (true, _) => unit.to_string(),
        (false, true) => organisation.to_string(),
    }
}

/// One input of the overview: the report of a file (valid or not), or a file that is no result at all.
pub enum Input {
    Report(Box<Report>),
    Unreadable { file: String, reason: String },
}

/// Build the overview; only verified reports count, every other input is listed as failed. Times are
/// shown in `zone`.
pub fn build(inputs: Vec<Input>, lang: Lang, zone: &Zone) -> Overview {
    let mut o = Overview {
        report_format: super::model::REPORT_FORMAT,
        lang,
        time_zone: String::new(),
        zone: zone.clone(),
        audits: Vec::new(),
        failed: Vec::new(),
        messengers: Vec::new(),
        units: Vec::new(),
        dpia: Vec::new(),
    };
    for input in inputs {
        let r = match input {
            Input::Unreadable { file, reason } => {
                o.failed.push(Failed { file, reason });
                continue;
            }
            Input::Report(r) if !r.verification.valid => {
                o.failed.push(Failed {
                    file: r.file.clone(),
                    reason: r.verification.reason.clone().unwrap_or_default(),
                });
                continue;
            }
            Input::Report(r) => r,
        };
        let a = &r.audit;
        let oc = &r.outcome;
        for m in &r.messengers {
            let usage = MessengerUnitUse {
                organisation: a.organisation.clone(),
                unit: a.unit.clone(),
                file: r.file.clone(),
                places: m.places.iter().map(|p| p.title.clone()).collect(),
            };
            match o.messengers.iter_mut().find(|x| x.id == m.id) {
                Some(x) => x.uses.push(usage),
                None => o.messengers.push(MessengerOverview {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    uses: vec![usage],
                }),
            }
        }
        match o
            .units
            .iter_mut()
            .find(|u| u.organisation == a.organisation && u.unit == a.unit)
        {
            Some(u) => {
                u.audits += 1;
                u.incomplete += usize::from(!oc.completeness.complete);
                u.findings.add(&r.summary.findings);
            }
            None => o.units.push(UnitFindings {
                organisation: a.organisation.clone(),
                unit: a.unit.clone(),
                audits: 1,
                incomplete: usize::from(!oc.completeness.complete),
                findings: r.summary.findings,
            }),
        }
        if matches!(
            r.summary.dpia_verdict,
            DpiaVerdict::RequiredInMostCases | DpiaVerdict::Required
        ) {
            o.dpia.push(DpiaEntry {
                organisation: a.organisation.clone(),
                unit: a.unit.clone(),
                file: r.file.clone(),
                verdict: r.summary.dpia_verdict,
                provisional: oc.dpia.provisional,
                verdict_label: r.summary.dpia_verdict_label.clone(),
                criteria: r.summary.dpia_criteria.clone(),
            });
        }
        o.audits.push(AuditEntry {
            file: r.file.clone(),
            audit_id: a.audit_id.clone(),
            organisation: a.organisation.clone(),
            unit: a.unit.clone(),
            checklist: format!("{} {}", a.checklist.id, a.checklist.version),
            audit_date: a.audit_date,
            signed_by: r.signoff.name.clone(),
            signed_at: r.signoff.signed_at,
            signed_at_local: crate::i18n::dates::local_rfc3339(r.signoff.signed_at, zone),
            key_id: r.signoff.key_id.clone(),
            notes: r.verification.notes.clone(),
            complete: oc.completeness.complete,
            completeness: oc.completeness.label.clone(),
            open_points: oc.open_points.len(),
            findings: r.summary.findings,
            dpia_verdict: r.summary.dpia_verdict,
            dpia_provisional: oc.dpia.provisional,
            dpia_verdict_label: r.summary.dpia_verdict_label.clone(),
            messengers: r.messengers.iter().map(|m| m.name.clone()).collect(),
        });
    }
    // By organisation and unit (then file), so that the overview reads the same however files are named.
    o.audits.sort_by(|a, b| {
        (&a.organisation, &a.unit, a.signed_at, &a.file).cmp(&(
            &b.organisation,
            &b.unit,
            b.signed_at,
            &b.file,
        ))
    });
    o.units
        .sort_by(|a, b| (&a.organisation, &a.unit).cmp(&(&b.organisation, &b.unit)));
    for m in &mut o.messengers {
        m.uses.sort_by(|a, b| {
            (&a.organisation, &a.unit, &a.file).cmp(&(&b.organisation, &b.unit, &b.file))
        });
    }
    o.failed.sort_by(|a, b| a.file.cmp(&b.file));
    // Required before recommended, then by unit.
    o.dpia.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.verdict),
            &a.organisation,
            &a.unit,
            &a.file,
        )
            .cmp(&(
                std::cmp::Reverse(b.verdict),
                &b.organisation,
                &b.unit,
                &b.file,
            ))
    });
    o.messengers
        .sort_by_key(|m| std::cmp::Reverse(m.uses.len()));
    // Named at the latest signing shown (a zone without a name gives its offset, which can change).
    let latest = o.audits.iter().map(|a| a.signed_at).max();
    o.time_zone = zone.name(latest.unwrap_or_else(Timestamp::now));
    o
}
