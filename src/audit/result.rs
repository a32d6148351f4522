//! The result file: a signed-off audit as a self-contained TOML document — metadata, the checklist's
//! identity and hash, every answer with its note, the derived findings and summary, and the sign-off.
//! Written once and signed; `verify` re-derives findings, summary and (format 2) the outcome and compares.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::draft::{ChecklistRef, Draft};
use super::evidence::Evidence;
use super::history::{self, Change};
use super::meta::Meta;
use super::outcome::Outcome;
use super::plan::{self, Entry, PlanProblem, Previous};
use super::session::Session;
use super::values;
use crate::checklist::DpiaVerdict;
use crate::checklist::{Checklist, DpiaCriterion, Severity};

/// Format 2 adds `[outcome]`; format 3 the answer history (`[[history]]`) and `[supersedes]`;
/// format 4 the evidence files (`[[evidence]]`) and the action plan (`[[plan]]`, `[previous_plan]`).
/// Results of formats 1 to 3 are still read and verified.
pub const RESULT_FORMAT: u32 = 4;

/// The result formats this msgaudit reads.
pub const READABLE_FORMATS: [u32; 4] = [1, 2, 3, 4];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultFile {
    pub format: u32,
    pub audit_id: String,
    pub started: Timestamp,
    pub finished: Timestamp,
    pub checklist: ResultChecklist,
    pub meta: Meta,
    pub summary: Summary,
    /// What the audit says (format 2): completeness, open points, grouped findings, DPIA verdict with
    /// sources, knowledge used. Absent in format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Raised findings, highest severity first, checklist order within a severity.
    #[serde(default, rename = "finding")]
    pub findings: Vec<ResultFinding>,
    /// Answers of visible questions, keyed by answer key, in checklist order.
    #[serde(default)]
    pub answers: toml::Table,
    /// Answers kept from questions that became hidden: not part of the audit's outcome, kept for the record.
    #[serde(default)]
    pub hidden_answers: toml::Table,
    pub signoff: SignOff,
    /// The signed result this one corrects (format 3, `msgaudit amend`); that file is never changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Supersedes>,
    /// Every change of an answer or note, oldest first (format 3): it leads exactly to `answers` and
    /// `hidden_answers` (`audit::history::check`). Absent in formats 1 and 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Change>,
    /// The action plan (format 4): owner, due date and status per grouped measure of `outcome`, sorted
    /// by finding id; measures without an entry are open.
    #[serde(default, rename = "plan", skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<Entry>,
    /// The earlier audit's plan this audit started from (format 4), for the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_plan: Option<Previous>,
    /// The evidence files attached to questions (format 4), in the order they were attached; the
    /// copies are in `<result file name>.evidence/` beside the result (`crate::evidence`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// Which signed result an amendment replaces, and why: in the draft as `amends`, in the result as
/// `[supersedes]`. The SHA-256 is of the superseded result file's exact bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supersedes {
    pub audit_id: String,
    /// The superseded result's file name (no folder): looked for beside this result and in the
    /// results folder.
    pub file: String,
    pub sha256: String,
    /// When the superseded result was signed.
    pub signed_at: Timestamp,
    /// Why it is corrected, as the auditor gave it.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultChecklist {
    pub id: String,
    pub version: String,
    pub sha256: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub answered: usize,
    pub required: usize,
    pub visible: usize,
    /// Required visible questions left open at sign-off.
    pub open_required: Vec<String>,
    pub findings_high: usize,
    pub findings_medium: usize,
    pub findings_low: usize,
    pub findings_info: usize,
    pub dpia_verdict: DpiaVerdict,
    pub dpia_criteria: Vec<DpiaCriterion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultFinding {
    /// `id` or `id[option]`.
    pub key: String,
    pub severity: Severity,
    pub title: String,
    pub measure: String,
    #[serde(default)]
    pub refs: Vec<String>,
    pub dpia_criterion: Option<DpiaCriterion>,
    /// The section (and repetition) it was raised in, e.g. `review[whatsapp]`.
    pub section: String,
    /// The answer key of its question; absent for a finding of a section as a whole.
    pub question: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub name: String,
    pub role: String,
    pub statement: String,
    pub signed_at: Timestamp,
    /// The minisign key id (16 hex digits) of the key that signs this file.
    pub key_id: String,
}

/// One way a stored result disagrees with what the engine derives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch(pub String);

impl ResultFile {
    /// Build the result of `session` as of now; texts of findings in the audit's language.
    pub fn build(session: &Session, draft: &Draft, signoff: SignOff, now: Timestamp) -> ResultFile {
        let c = session.checklist();
        let lang = draft.meta.lang.code();
        let (answers, hidden_answers) = split_answers(session);
        // The draft's history, plus what it does not lead to (answers the session has beyond its last
        // capture, or a draft without history): those are marked recovered, at the time of sign-off.
        let mut changes = draft.history.clone();
        let mut rest = history::diff(
            &history::replay_answers(&changes),
            &values::answers_table(session),
            now,
            &draft.meta.auditor,
            |_| false,
        );
        for c in &mut rest {
            c.recovered = true;
        }
        changes.extend(rest);
        let outcome = Outcome::derive(session, &draft.meta, audit_date(now));
        // The plan keeps the measures this audit has; entries of measures no longer raised (carried
        // over, or set before an answer changed) are removed, and the history says so.
        let kept: Vec<Entry> = draft
            .plan
            .iter()
            .filter(|e| plan::measures(&outcome).any(|g| g.id == e.finding))
            .cloned()
            .collect();
        let mut dropped = history::diff(
            &history::replay_plan(&changes),
            &plan::table(&kept),
            now,
            &draft.meta.auditor,
            |_| false,
        );
        let not_raised = crate::i18n::T::new(
            "Maßnahme in diesem Audit nicht festgestellt",
            "measure not raised in this audit",
        );
        for c in &mut dropped {
            if c.new.is_none() {
                c.reason = Some(not_raised.get(draft.meta.lang).to_string());
            } else {
                c.recovered = true;
            }
        }
        changes.extend(dropped);
        ResultFile {
            format: RESULT_FORMAT,
            audit_id: draft.audit_id.clone(),
            started: draft.started,
            finished: now,
            checklist: ResultChecklist {
                id: c.id.clone(),
                version: c.version.clone(),
                sha256: c.sha256.clone(),
                title: c.title.get(lang).to_string(),
            },
            meta: draft.meta.clone(),
            summary: summary(session),
            outcome: Some(outcome),
            findings: findings(session, lang),
            answers,
            hidden_answers,
            signoff,
            supersedes: draft.amends.clone(),
            history: changes,
            plan: kept,
            previous_plan: draft.previous_plan.clone(),
            evidence: draft.evidence.clone(),
        }
    }

    /// All stored answers, visible and hidden, as the history must lead to them.
    pub fn all_answers(&self) -> toml::Table {
        let mut all = self.answers.clone();
        all.extend(self.hidden_answers.clone());
        all
    }

    /// Whether the history leads to the stored answers (format 3; older formats have none to check).
    pub fn check_history(&self) -> Result<(), history::Inconsistency> {
        if self.format < 3 {
            return Ok(());
        }
        let mut all = self.all_answers();
        all.extend(plan::table(&self.plan));
        history::check(&self.history, &all)
    }

    /// Whether the action plan fits the result (format 4): an entry per grouped measure at most, for
    /// measures the stored outcome has, an accepted risk with its justification.
    pub fn check_plan(&self) -> Result<(), PlanProblem> {
        match &self.outcome {
            Some(o) => plan::check(&self.plan, o, self.previous_plan.as_ref()),
            None => Ok(()),
        }
    }

    pub fn checklist_ref(&self) -> ChecklistRef {
        ChecklistRef {
            id: self.checklist.id.clone(),
            version: self.checklist.version.clone(),
            sha256: self.checklist.sha256.clone(),
            path: std::path::PathBuf::new(),
        }
    }

    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }

    pub fn from_toml(text: &str) -> Result<ResultFile, String> {
        let r: ResultFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if !READABLE_FORMATS.contains(&r.format) {
            return Err(format!(
                "result format {} is not supported by this msgaudit (it reads formats {})",
                r.format,
                READABLE_FORMATS.map(|f| f.to_string()).join(", ")
            ));
        }
        match (r.format, &r.outcome) {
            (1, Some(_)) => {
                Err("a format 1 result cannot have an [outcome] (that came with format 2)".into())
            }
            (f, None) if f >= 2 => Err(format!("a format {f} result needs its [outcome]")),
            (f, _) if f < 3 && !r.history.is_empty() => Err(format!(
                "a format {f} result cannot have a [[history]] (that came with format 3)"
            )),
            (f, _) if f < 4 && (!r.plan.is_empty() || r.previous_plan.is_some()) => Err(format!(
                "a format {f} result cannot have an action plan (that came with format 4)"
            )),
            (f, _) if f < 4 && !r.evidence.is_empty() => Err(format!(
                "a format {f} result cannot have [[evidence]] (that came with format 4)"
            )),
            _ => Ok(r),
        }
    }

    /// Re-create the session from the stored answers (visible and hidden) with `checklist`.
    pub fn session(&self, checklist: Arc<Checklist>) -> Result<Session, Mismatch> {
        let mut s = Session::new(checklist);
        for (key, value) in self.answers.iter().chain(&self.hidden_answers) {
            values::apply(&mut s, key, value)
                .map_err(|e| Mismatch(format!("answer `{key}`: {}", e.en)))?;
        }
        Ok(s)
    }

    /// The audit's date, as the outcome judges knowledge-base entries: the day it was finished (UTC).
    pub fn date(&self) -> Date {
        audit_date(self.finished)
    }

    /// The outcome as the engine derives it from the stored answers: for format 1 results, which do not
    /// store one, and to compare with the stored one.
    pub fn derive_outcome(&self, checklist: Arc<Checklist>) -> Result<Outcome, Mismatch> {
        let s = self.session(checklist)?;
        Ok(Outcome::derive(&s, &self.meta, self.date()))
    }

    /// Compare the stored findings, summary, outcome (format 2) and answer split with what the engine
    /// derives.
    pub fn rederive(&self, checklist: Arc<Checklist>) -> Vec<Mismatch> {
        self.rederive_keeping(checklist).0
    }

    /// `rederive`, also returning the session it re-created (None when an answer does not fit the
    /// checklist): a report built right after verifying needs the same session, so it is built once.
    pub fn rederive_keeping(&self, checklist: Arc<Checklist>) -> (Vec<Mismatch>, Option<Session>) {
        let s = match self.session(checklist) {
            Ok(s) => s,
            Err(m) => return (vec![m], None),
        };
        let out = self.mismatches(&s);
        (out, Some(s))
    }

    fn mismatches(&self, s: &Session) -> Vec<Mismatch> {
        let mut out = Vec::new();
        let derived = summary(s);
        if derived != self.summary {
            out.push(Mismatch(format!(
                "the summary differs: stored {:?}, derived {:?}",
                self.summary, derived
            )));
        }
        let lang = self.meta.lang.code();
        let want = findings(s, lang);
        if want != self.findings {
            let stored: Vec<&str> = self.findings.iter().map(|f| f.key.as_str()).collect();
            let got: Vec<&str> = want.iter().map(|f| f.key.as_str()).collect();
            out.push(Mismatch(if stored == got {
                "the findings' texts, severities or references differ from the checklist's"
                    .to_string()
            } else {
                format!(
                    "the findings differ: stored [{}], derived [{}]",
                    stored.join(", "),
                    got.join(", ")
                )
            }));
        }
        if let Some(stored) = &self.outcome {
            let derived = Outcome::derive(s, &self.meta, self.date());
            out.extend(outcome_mismatches(stored, &derived));
        }
        let (answers, hidden) = split_answers(s);
        if answers != self.answers || hidden != self.hidden_answers {
            out.push(Mismatch(
                "the answers are not stored as the engine writes them".into(),
            ));
        }
        out
    }
}

/// The audit's date for a point in time. UTC, so that re-deriving on another machine gives the same day.
pub fn audit_date(at: Timestamp) -> Date {
    at.to_zoned(TimeZone::UTC).date()
}

/// Which parts of a stored outcome differ from the derived one, each named.
fn outcome_mismatches(stored: &Outcome, derived: &Outcome) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut part = |name: &str, same: bool| {
        if !same {
            out.push(Mismatch(format!(
                "the outcome's {name} differs from what the engine derives"
            )));
        }
    };
    part("date", stored.date == derived.date);
    part("completeness", stored.completeness == derived.completeness);
    part("open points", stored.open_points == derived.open_points);
    part("grouped findings", stored.findings == derived.findings);
    part("counts by severity", stored.counts == derived.counts);
    part("DPIA verdict or its criteria", stored.dpia == derived.dpia);
    part(
        "knowledge-base entries",
        stored.knowledge == derived.knowledge,
    );
    part("management summary", stored.summary == derived.summary);
    part(
        "contradictions with the knowledge base",
        stored.contradictions == derived.contradictions,
    );
    debug_assert!(
        !out.is_empty() || stored == derived,
        "every part is compared"
    );
    out
}

fn split_answers(session: &Session) -> (toml::Table, toml::Table) {
    let mut visible = toml::Table::new();
    let mut hidden = toml::Table::new();
    for (k, a) in session.answers() {
        let v = values::answer_to_toml(session.question(k), a);
        if session.is_visible(k) {
            visible.insert(session.key_string(k), v);
        } else {
            hidden.insert(session.key_string(k), v);
        }
    }
    (visible, hidden)
}

/// The summary the engine derives from a session.
pub fn summary(session: &Session) -> Summary {
    let p = session.progress();
    let counts: BTreeMap<Severity, usize> = session.severity_counts().into_iter().collect();
    let dpia = session.dpia();
    let count = |s| counts.get(&s).copied().unwrap_or(0);
    Summary {
        answered: p.answered,
        required: p.required,
        visible: p.visible,
        open_required: session
            .open_required()
            .map(|k| session.key_string(k))
            .collect(),
        findings_high: count(Severity::High),
        findings_medium: count(Severity::Medium),
        findings_low: count(Severity::Low),
        findings_info: count(Severity::Info),
        dpia_verdict: dpia.verdict,
        dpia_criteria: dpia.criteria,
    }
}

/// The raised findings, highest severity first, texts in `lang`.
pub fn findings(session: &Session, lang: &str) -> Vec<ResultFinding> {
    let c = session.checklist();
    let mut out: Vec<ResultFinding> = session
        .findings()
        .map(|f| {
            let item = session.item_label(f.section, f.item, lang);
            let sec = &c.sections[f.section];
            ResultFinding {
                key: session.finding_key(&f),
                severity: f.finding.severity,
                title: f.finding.title.render(lang, item.as_deref()).into_owned(),
                measure: f.finding.measure.render(lang, item.as_deref()).into_owned(),
                refs: f
                    .finding
                    .refs
                    .iter()
                    .map(|r| r.get(lang).to_string())
                    .collect(),
                dpia_criterion: f.finding.dpia_criterion,
                section: match session.item_id(f.section, f.item) {
                    Some(opt) => format!("{}[{}]", sec.id, opt),
                    None => sec.id.clone(),
                },
                question: f.question.map(|q| {
                    session.key_string(super::Key {
                        section: f.section,
                        item: f.item,
                        question: q,
                    })
                }),
            }
        })
        .collect();
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}
