//! The overview across many result files (`msgaudit summary`): which messengers are used where, findings
//! per severity per unit, which audits recommend or require a DPIA, and which files failed verification.
//! Only verified files count; failed ones are listed, never silently dropped. Per unit the latest audit
//! counts, beside the previous one with its trend; superseded results are marked and not counted. Findings are counted by root
//! cause (`outcome.counts`); every audit shows its completeness and its (provisional) DPIA verdict.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::audited::Audited;
use super::model::{Criterion, Report, SeverityCounts};
use super::trend::{Standing, Trends};
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
    /// The day measures count as overdue from (`--as-of`, default today). Not part of the JSON, so
    /// that the overview of the same files reads the same on another day when nothing is overdue.
    #[serde(skip)]
    pub as_of: Date,
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
    /// Whether this audit is its unit's latest (counted), an earlier one, or superseded.
    pub standing: Standing,
    pub standing_label: String,
    /// The file of the result in the set that supersedes this one.
    pub superseded_by: Option<String>,
    /// What this result supersedes, in words („Ersetzt das Ergebnis … vom … (Grund: …)“).
    pub supersedes: Option<String>,
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
    /// The unit's audits in the set, superseded ones not counted.
    pub audits: usize,
    /// 1 when the latest audit is incomplete (its counts cover only the answered part), else 0.
    pub incomplete: usize,
    /// The latest audit's root-cause groups per severity.
    pub findings: SeverityCounts,
    pub latest_file: String,
    pub latest_audit_date: Date,
    pub complete: bool,
    /// The audit before the latest one, when the set has one.
    pub previous: Option<PreviousAudit>,
    /// From the previous audit's counts to the latest's.
    pub trend: Option<Trends>,
    /// The latest audit's measures due before `as_of` and still open or in progress.
    pub overdue: Vec<OverdueMeasure>,
}

/// A measure of a unit's action plan that is overdue.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueMeasure {
    pub finding: String,
    pub title: String,
    pub status_label: String,
    pub owner: String,
    pub due: Date,
    pub due_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PreviousAudit {
    pub file: String,
    pub audit_date: Date,
    pub complete: bool,
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

/// One input of the overview: a verified audit, or a file that failed verification (or is no result
/// at all) and why.
#[derive(Debug, Clone)]
pub enum Input {
    Audit(Box<Audited>),
    Failed(Failed),
}

impl Input {
    /// The overview's input from the report of a file: its record if the result is valid, else why not.
    pub fn of(r: &Report, as_of: Date) -> Input {
        if r.verification.valid {
            Input::Audit(Box::new(Audited::of(r, as_of)))
        } else {
            Input::Failed(Failed {
                file: r.file.clone(),
                reason: r.verification.reason.clone().unwrap_or_default(),
            })
        }
    }
}

/// Build the overview; only verified reports count, every other input is listed as failed. Of each
/// organisation and unit the latest audit counts (by audit date, then time of signing), compared with
/// the previous one; a result superseded by another in the set (`[supersedes]`) is listed and marked,
/// never counted. Times are shown in `zone`. Each input is the small record the overview needs of an
/// audit (`Audited`), never its whole report.
pub fn build(
    inputs: impl IntoIterator<Item = Input>,
    lang: Lang,
    zone: &Zone,
    as_of: Date,
) -> Overview {
    let mut o = Overview {
        as_of,
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
    let mut audits: Vec<Audited> = Vec::new();
    for input in inputs {
        match input {
            Input::Failed(f) => o.failed.push(f),
            Input::Audit(a) => audits.push(*a),
        }
    }
    // Which result supersedes which: by the SHA-256 of the superseded file's bytes.
    let mut superseding: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for (i, r) in audits.iter().enumerate() {
        if let Some((sha256, _)) = &r.supersedes {
            // The first in the set that names it, as the list shows it.
            superseding.entry(sha256.to_ascii_lowercase()).or_insert(i);
        }
    }
    let superseded_by: Vec<Option<String>> = audits
        .iter()
        .map(|r| {
            let own = r.sha256.as_deref()?.to_ascii_lowercase();
            superseding.get(&own).map(|&x| audits[x].file.clone())
        })
        .collect();
    // The counted audits of each unit, oldest first.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: std::collections::HashMap<(&str, &str), usize> =
        std::collections::HashMap::new();
    for (i, r) in audits.iter().enumerate() {
        if superseded_by[i].is_some() {
            continue;
        }
        let key = (r.organisation.as_str(), r.unit.as_str());
        let next = groups.len();
        let g = *group_of.entry(key).or_insert(next);
        if g == next {
            groups.push(Vec::new());
        }
        groups[g].push(i);
    }
    let order = |i: &usize| {
        let r = &audits[*i];
        (r.audit_date, r.signed_at, r.file.clone())
    };
    let mut latest = vec![false; audits.len()];
    for members in &mut groups {
        members.sort_by_key(order);
        let Some(&last) = members.last() else {
            continue;
        };
        latest[last] = true;
        let previous = members.len().checked_sub(2).map(|p| &audits[members[p]]);
        o.units
            .push(unit_findings(&audits[last], previous, members.len()));
        count_latest(&mut o, &audits[last]);
    }
    for (i, r) in audits.into_iter().enumerate() {
        let standing = if superseded_by[i].is_some() {
            Standing::Superseded
        } else if latest[i] {
            Standing::Latest
        } else {
            Standing::Earlier
        };
        o.audits.push(audit_entry(
            r,
            standing,
            superseded_by[i].clone(),
            lang,
            zone,
        ));
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

fn unit_findings(latest: &Audited, previous: Option<&Audited>, audits: usize) -> UnitFindings {
    UnitFindings {
        organisation: latest.organisation.clone(),
        unit: latest.unit.clone(),
        audits,
        incomplete: usize::from(!latest.complete),
        latest_file: latest.file.clone(),
        latest_audit_date: latest.audit_date,
        complete: latest.complete,
        findings: latest.findings,
        trend: previous.map(|p| Trends::of(&p.findings, &latest.findings)),
        overdue: latest.overdue.clone(),
        previous: previous.map(|p| PreviousAudit {
            file: p.file.clone(),
            audit_date: p.audit_date,
            complete: p.complete,
            findings: p.findings,
        }),
    }
}

/// The latest audit of a unit: its messengers and its DPIA verdict are what the overview shows.
fn count_latest(o: &mut Overview, r: &Audited) {
    for m in &r.messengers {
        let usage = MessengerUnitUse {
            organisation: r.organisation.clone(),
            unit: r.unit.clone(),
            file: r.file.clone(),
            places: m.places.clone(),
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
    if matches!(
        r.dpia_verdict,
        DpiaVerdict::RequiredInMostCases | DpiaVerdict::Required
    ) {
        o.dpia.push(DpiaEntry {
            organisation: r.organisation.clone(),
            unit: r.unit.clone(),
            file: r.file.clone(),
            verdict: r.dpia_verdict,
            provisional: r.dpia_provisional,
            verdict_label: r.dpia_verdict_label.clone(),
            criteria: r.dpia_criteria.clone(),
        });
    }
}

fn audit_entry(
    r: Audited,
    standing: Standing,
    superseded_by: Option<String>,
    lang: Lang,
    zone: &Zone,
) -> AuditEntry {
    AuditEntry {
        signed_at_local: crate::i18n::dates::local_rfc3339(r.signed_at, zone),
        file: r.file,
        audit_id: r.audit_id,
        organisation: r.organisation,
        unit: r.unit,
        checklist: r.checklist,
        audit_date: r.audit_date,
        signed_by: r.signed_by,
        signed_at: r.signed_at,
        key_id: r.key_id,
        notes: r.notes,
        complete: r.complete,
        completeness: r.completeness,
        open_points: r.open_points,
        findings: r.findings,
        dpia_verdict: r.dpia_verdict,
        dpia_provisional: r.dpia_provisional,
        dpia_verdict_label: r.dpia_verdict_label,
        messengers: r.messengers.into_iter().map(|m| m.name).collect(),
        standing,
        standing_label: standing.label(lang).to_string(),
        superseded_by,
        supersedes: r.supersedes.map(|(_, text)| text),
    }
}
