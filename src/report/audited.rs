//! What the overview (`summary`) keeps of one verified audit: the few fields it counts and lists, taken
//! from the audit's report as soon as it is built. A summary over a thousand results then holds a small
//! record per result, never every full report (answers, history, Art. 30 record …) at once.

use jiff::Timestamp;
use jiff::civil::Date;

use super::model::{Criterion, Report, SeverityCounts};
use super::summary::OverdueMeasure;
use crate::audit::DpiaVerdict;

/// One verified audit as the overview sees it.
#[derive(Debug, Clone)]
pub struct Audited {
    pub file: String,
    /// The SHA-256 of the result file (what a superseding result names).
    pub sha256: Option<String>,
    pub notes: Vec<String>,
    pub audit_id: String,
    pub organisation: String,
    pub unit: String,
    /// "id version".
    pub checklist: String,
    pub audit_date: Date,
    pub signed_by: String,
    pub signed_at: Timestamp,
    pub key_id: String,
    pub complete: bool,
    pub completeness: String,
    pub open_points: usize,
    pub dpia_provisional: bool,
    pub findings: SeverityCounts,
    pub dpia_verdict: DpiaVerdict,
    pub dpia_verdict_label: String,
    pub dpia_criteria: Vec<Criterion>,
    pub messengers: Vec<Messenger>,
    /// The measures of the action plan overdue on the summary's day.
    pub overdue: Vec<OverdueMeasure>,
    /// What this result supersedes: the superseded file's SHA-256 and the sentence that says so.
    pub supersedes: Option<(String, String)>,
}

/// A messenger an audit names, with the titles of the places it is used in.
#[derive(Debug, Clone)]
pub struct Messenger {
    pub id: String,
    pub name: String,
    pub places: Vec<String>,
}

impl Audited {
    /// The overview's record of `r`; measures count as overdue from `as_of`.
    pub fn of(r: &Report, as_of: Date) -> Audited {
        let a = &r.audit;
        let oc = &r.outcome;
        Audited {
            file: r.file.clone(),
            sha256: r.verification.sha256.clone(),
            notes: r.verification.notes.clone(),
            audit_id: a.audit_id.clone(),
            organisation: a.organisation.clone(),
            unit: a.unit.clone(),
            checklist: format!("{} {}", a.checklist.id, a.checklist.version),
            audit_date: a.audit_date,
            signed_by: r.signoff.name.clone(),
            signed_at: r.signoff.signed_at,
            key_id: r.signoff.key_id.clone(),
            complete: oc.completeness.complete,
            completeness: oc.completeness.label.clone(),
            open_points: oc.open_points.len(),
            dpia_provisional: oc.dpia.provisional,
            findings: r.summary.findings,
            dpia_verdict: r.summary.dpia_verdict,
            dpia_verdict_label: r.summary.dpia_verdict_label.clone(),
            dpia_criteria: r.summary.dpia_criteria.clone(),
            messengers: r
                .messengers
                .iter()
                .map(|m| Messenger {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    places: m.places.iter().map(|p| p.title.clone()).collect(),
                })
                .collect(),
            overdue: r
                .plan
                .iter()
                .filter(|p| p.overdue(as_of))
                .filter_map(|p| {
                    Some(OverdueMeasure {
                        finding: p.finding.clone(),
                        title: p.title.clone(),
                        status_label: p.status_label.clone(),
                        owner: p.owner.clone(),
                        due: p.due?,
                        due_label: p.due_label.clone(),
                    })
                })
                .collect(),
            supersedes: r
                .supersedes
                .as_ref()
                .map(|s| (s.sha256.clone(), s.text.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use std::sync::Arc;

    use super::*;
    use crate::audit::draft::Draft;
    use crate::audit::result::{ResultFile, SignOff};
    use crate::audit::{Meta, Session, values};
    use crate::i18n::dates::Zone;
    use crate::lang::Lang;
    use crate::report::model::{Parts, assemble};
    use crate::result::verify::{State, Verification};

    /// `summary` builds only the overview's parts of each report: the record it takes must be the one
    /// the whole report gives, for every example answer set of the shipped audit and both languages.
    #[test]
    fn the_overview_parts_give_the_record_the_whole_report_gives() {
        let checklist = Arc::new(
            crate::checklist::load(std::path::Path::new("checklists/messenger-audit.toml"))
                .unwrap(),
        );
        let text = std::fs::read_to_string("checklists/messenger-audit.examples.toml").unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let examples = doc["example"].as_array().unwrap();
        assert!(examples.len() >= 3);
        let now = jiff::Timestamp::from_second(1_790_000_000).unwrap();
        let as_of = jiff::civil::date(2030, 1, 1);
        for e in examples {
            let mut session = Session::new(Arc::clone(&checklist));
            for (key, value) in e["answers"].as_table().unwrap() {
                values::apply(&mut session, key, value).unwrap();
            }
            let meta = Meta {
                organisation: "Muster GmbH".into(),
                unit: "Vertrieb".into(),
                auditor: "A. Prüfer".into(),
                lang: Lang::De,
                ..Meta::default()
            };
            let mut draft = Draft::new(&checklist, meta, now);
            draft.capture(&session, now);
            let signoff = SignOff {
                name: "Dr. Erika Muster".into(),
                role: "DSB".into(),
                statement: "Geprüft.".into(),
                signed_at: now,
                key_id: "0123456789ABCDEF".into(),
            };
            let result = ResultFile::build(&session, &draft, signoff, now);
            let v = Verification {
                path: "muster.result.toml".into(),
                result: None,
                state: State::Valid {
                    signer: result.signoff.name.clone(),
                    role: result.signoff.role.clone(),
                    signed_at: now,
                    key_id: result.signoff.key_id.clone(),
                },
                vouched_by: None,
                notes: Vec::new(),
                chain: Vec::new(),
                sha256: Some("ab".repeat(32)),
                supersedes: Vec::new(),
                evidence: Vec::new(),
                session: None,
            };
            for lang in [Lang::De, Lang::En] {
                let record = |parts| {
                    let s = result.session(Arc::clone(&checklist)).unwrap();
                    let r = assemble(&v, &result, Some(s), lang, &Zone::utc(), parts);
                    format!("{:?}", Audited::of(&r, as_of))
                };
                assert_eq!(record(Parts::Overview), record(Parts::All), "{lang:?}");
            }
        }
    }
}
