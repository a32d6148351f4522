//! The report of one result file as data: everything every format shows, derived once from the result, its
//! verification and (when available) its checklist. Serialised as is, it is the JSON report
//! (docs/report-json.md): field names and order here are a contract.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::answers::{Ctx, by_section, criterion, messengers, ordered};
use super::history::{self as hist, HistoryCounts, HistoryRow};
use super::outcome::{self as oc, OutcomeInfo};
use super::texts as tx;
use super::verification::{clean, file_name, verification_info};
pub use super::verification::{detail, headline};
use crate::audit::result::{self, ResultFile};
use crate::audit::{DpiaVerdict, Session};
use crate::checklist::{Checklist, DpiaCriterion, Severity};
use crate::i18n::dates::{self, Zone};
use crate::lang::Lang;
use crate::result::verify::Verification;

/// Version of the JSON report layout; raised on any incompatible change.
pub const REPORT_FORMAT: u32 = 2;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub report_format: u32,
    /// Language of the report's fixed texts (and of checklist texts where the checklist is available).
    pub lang: Lang,
    /// File name of the result (without its folder).
    pub file: String,
    pub verification: VerificationInfo,
    /// Whether the result's exact checklist was found; without it questions are shown by key.
    pub checklist_available: bool,
    pub audit: AuditInfo,
    /// What the audit says (report format 2): completeness, management summary, open points, findings
    /// grouped by root cause, DPIA verdict with sources, knowledge used. Reports show it first.
    pub outcome: OutcomeInfo,
    pub summary: SummaryInfo,
    pub messengers: Vec<MessengerUse>,
    pub findings: Vec<FindingRow>,
    pub sections: Vec<SectionAnswers>,
    /// Answers to questions that later answers hid: kept for the record, not part of the outcome.
    pub hidden_answers: Vec<SectionAnswers>,
    /// Whether the result records its change history (result format 3).
    pub history_recorded: bool,
    pub history_counts: HistoryCounts,
    /// Every change of an answer or note, oldest first (empty before result format 3).
    pub history: Vec<HistoryRow>,
    pub signoff: SignOffInfo,
    /// The time zone of the `*_local` times and of the times the other formats show (IANA name, else
    /// the UTC offset).
    pub time_zone: String,
    /// The zone times are shown in (not part of the JSON: `time_zone` names it).
    #[serde(skip)]
    pub zone: Zone,
    /// The result this one supersedes (`msgaudit amend`, result format 3); null otherwise.
    pub supersedes: Option<SupersedesInfo>,
    /// The action plan (result format 4): every grouped measure with status, owner, due date and
    /// justification (measures without an entry are open); empty without a stored outcome.
    pub plan: Vec<super::plan::PlanRow>,
    /// The earlier audit whose plan this one started from; null otherwise.
    pub previous_plan: Option<super::plan::PreviousPlanInfo>,
    /// The evidence files attached to questions (result format 4), each with what verify found.
    pub evidence: Vec<super::evidence::EvidenceRow>,
    /// The draft entries for the records of processing activities, one per messenger found (Art. 30).
    pub art30: super::art30::Art30Info,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerificationInfo {
    pub valid: bool,
    /// One line in the report's language: `VALID: …who signed when…` or `NOT VERIFIED: reason`.
    pub headline: String,
    /// The headline without its `VALID`/`NOT VERIFIED` prefix.
    pub detail: String,
    pub signer: Option<String>,
    pub role: Option<String>,
    pub signed_at: Option<Timestamp>,
    pub key_id: Option<String>,
    /// Why the file is not valid (English, from `msgaudit verify`).
    pub reason: Option<String>,
    /// Remarks that do not make the file invalid (English, from `msgaudit verify`).
    pub notes: Vec<String>,
    /// The SHA-256 of the result file's bytes (what an amendment's `[supersedes]` names); for the
    /// overview, not part of the JSON.
    #[serde(skip)]
    pub sha256: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditInfo {
    pub audit_id: String,
    pub organisation: String,
    pub unit: String,
    pub interviewees: String,
    pub auditor: String,
    /// The language the audit was held in.
    pub lang: Lang,
    pub started: Timestamp,
    pub finished: Timestamp,
    pub checklist: ChecklistInfo,
    /// The day the audit was held, as the auditor entered it; for results without one, the day the audit
    /// was finished (UTC): `audit_date_recorded` tells which.
    pub audit_date: Date,
    pub audit_date_recorded: bool,
    /// `started` and `finished` in `time_zone`, RFC 3339 with the offset.
    pub started_local: String,
    pub finished_local: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistInfo {
    pub id: String,
    pub version: String,
    pub sha256: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }

    pub fn total(&self) -> usize {
        self.high + self.medium + self.low + self.info
    }

    pub fn add(&mut self, o: &SeverityCounts) {
        self.high += o.high;
        self.medium += o.medium;
        self.low += o.low;
        self.info += o.info;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryInfo {
    pub answered: usize,
    pub required: usize,
    pub visible: usize,
    /// Answer keys of required questions left open at sign-off.
    pub open_required: Vec<String>,
    /// Root-cause groups per severity (report format 2; format 1 counted every place): `outcome.counts`.
    pub findings: SeverityCounts,
    pub dpia_verdict: DpiaVerdict,
    /// The verdict in words, "(vorläufig)"/"(provisional)" when the audit is incomplete.
    pub dpia_verdict_label: String,
    pub dpia_criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub id: DpiaCriterion,
    pub label: String,
}

/// One messenger and the places (section repetitions) whose answers name it.
#[derive(Debug, Clone, Serialize)]
pub struct MessengerUse {
    /// The knowledge-base id (`whatsapp`), or `other:NAME` for a messenger the auditor named.
    pub id: String,
    pub name: String,
    pub places: Vec<Place>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The section (and repetition), e.g. `process[orders]`.
    pub section: String,
    pub title: String,
    /// The answer key that names the messenger.
    pub answer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingRow {
    pub key: String,
    pub severity: Severity,
    pub severity_label: String,
    pub title: String,
    pub measure: String,
    pub refs: Vec<String>,
    pub dpia_criterion: Option<Criterion>,
    pub section: String,
    pub section_title: String,
    pub question: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionAnswers {
    /// `section` or `section[option]`.
    pub key: String,
    pub title: String,
    pub answers: Vec<AnswerRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerRow {
    pub key: String,
    /// The question's text, or the answer key without the checklist.
    pub question: String,
    /// `answered`, `unknown`, `not_applicable`, or `none` (only a note).
    pub state: &'static str,
    /// The value as stored (option ids, true/false, text, number, date string); null unless answered.
    pub value: serde_json::Value,
    /// The value for people: option labels, Yes/No, dates, in the report's language.
    pub display: String,
    pub note: Option<String>,
    /// The auditor's name for an `other` choice.
    pub other: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignOffInfo {
    pub name: String,
    pub role: String,
    pub statement: String,
    pub signed_at: Timestamp,
    pub key_id: String,
    /// `signed_at` in `time_zone`, RFC 3339 with the offset.
    pub signed_at_local: String,
}

/// The result an amendment supersedes, as reports state it.
#[derive(Debug, Clone, Serialize)]
pub struct SupersedesInfo {
    pub audit_id: String,
    pub file: String,
    pub sha256: String,
    /// When the superseded result was signed.
    pub signed_at: Timestamp,
    pub signed_at_local: String,
    pub reason: String,
    /// What verification found of the superseded file: `matches`, `missing` or `changed`; null when
    /// the result itself did not verify as far as that.
    pub file_check: Option<&'static str>,
    /// „Ersetzt das Ergebnis … vom … (Grund: …)“ / "Supersedes result … of … (reason: …)".
    pub text: String,
    /// The file check in words (empty when `file_check` is null).
    pub file_check_text: String,
}

fn supersedes_info(
    v: &Verification,
    result: &ResultFile,
    lang: Lang,
    zone: &Zone,
) -> Option<SupersedesInfo> {
    use crate::result::supersedes::Found;
    let s = result.supersedes.as_ref()?;
    let file_check = match v.supersedes.first().map(|l| &l.found) {
        Some(Found::Matches(_)) => Some(("matches", tx::SUPERSEDED_MATCHES)),
        Some(Found::Missing) => Some(("missing", tx::SUPERSEDED_MISSING)),
        Some(Found::Mismatch { .. }) => Some(("changed", tx::SUPERSEDED_CHANGED)),
        None => match &v.state {
            crate::result::State::Invalid {
                reason: crate::result::Reason::Superseded { .. },
            } => Some(("changed", tx::SUPERSEDED_CHANGED)),
            _ => None,
        },
    };
    let date = dates::date(lang, zone.today(s.signed_at));
    Some(SupersedesInfo {
        audit_id: clean(&s.audit_id),
        file: clean(&s.file),
        sha256: clean(&s.sha256),
        signed_at: s.signed_at,
        signed_at_local: dates::local_rfc3339(s.signed_at, zone),
        reason: clean(&s.reason),
        file_check: file_check.map(|(w, _)| w),
        text: clean(&tx::SUPERSEDES.fill(lang, &[&s.audit_id, &s.file, &date, &s.reason])),
        file_check_text: file_check.map_or_else(String::new, |(_, t)| t.get(lang).to_string()),
    })
}

/// Build the report of a verified (or failed) result. `checklist` is the result's exact checklist, if found.
pub fn build(
    v: &Verification,
    result: &ResultFile,
    checklist: Option<Arc<Checklist>>,
    lang: Lang,
    zone: &Zone,
) -> Report {
    let session = checklist.and_then(|c| result.session(c).ok());
    build_with(v, result, session, lang, zone)
}

/// `build` with the session already re-created from the result's answers with its exact checklist
/// (verifying does that: `Verification::session`).
pub fn build_with(
    v: &Verification,
    result: &ResultFile,
    session: Option<Session>,
    lang: Lang,
    zone: &Zone,
) -> Report {
    assemble(v, result, session, lang, zone, Parts::All)
}

/// How much of a report to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Parts {
    All,
    /// Only what the overview takes (`audited::Audited`): no answers by section, finding rows,
    /// history, Art. 30 record or evidence. Such a report never leaves the `report` module.
    Overview,
}

pub(super) fn assemble(
    v: &Verification,
    result: &ResultFile,
    session: Option<Session>,
    lang: Lang,
    zone: &Zone,
    parts: Parts,
) -> Report {
    let ctx = Ctx {
        session,
        lang,
        result,
    };
    let all = parts == Parts::All;
    let answers = ordered(&ctx, &ctx.result.answers);
    let (sections, hidden) = if all {
        (
            by_section(&ctx, &answers),
            by_section(&ctx, &ordered(&ctx, &ctx.result.hidden_answers)),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    // Finding texts are stored in the audit's language; in another language they are re-rendered from the checklist.
    let translated: BTreeMap<String, result::ResultFinding> = match &ctx.session {
        Some(s) if all && lang != result.meta.lang => result::findings(s, lang.code())
            .into_iter()
            .map(|f| (f.key.clone(), f))
            .collect(),
        _ => BTreeMap::new(),
    };
    // The finding rows are the report's own (the overview counts groups from the outcome).
    let mut findings: Vec<FindingRow> = if all {
        result
            .findings
            .iter()
            .map(|f| {
                let t = translated.get(&f.key).unwrap_or(f);
                FindingRow {
                    key: clean(&f.key),
                    severity: f.severity,
                    severity_label: tx::severity(f.severity, lang).to_string(),
                    title: clean(&t.title),
                    measure: clean(&t.measure),
                    refs: t.refs.iter().map(|r| clean(r)).collect(),
                    dpia_criterion: f.dpia_criterion.map(|c| criterion(c, lang)),
                    section: clean(&f.section),
                    section_title: ctx.section_title(&f.section),
                    question: f.question.as_deref().map(clean),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let s = &result.summary;
    let messengers = messengers(&ctx, &answers);
    let names: Vec<String> = messengers.iter().map(|m| m.name.clone()).collect();
    let outcome = oc::build(&ctx, &names);
    let art30 = if all {
        super::art30::build(&ctx, &messengers)
    } else {
        super::art30::Art30Info {
            prefilled: false,
            note: String::new(),
            entries: Vec::new(),
        }
    };
    let history = if all {
        hist::rows(&ctx, &result.history, zone)
    } else {
        Vec::new()
    };
    // The plan's measures read as the findings do (re-rendered in the report's language).
    let mut plan = super::plan::rows(result, lang);
    for p in &mut plan {
        if let Some(g) = outcome.findings.iter().find(|g| g.id == p.finding) {
            p.title.clone_from(&g.title);
            p.measure.clone_from(&g.measure);
        }
    }
    Report {
        report_format: REPORT_FORMAT,
        lang,
        time_zone: zone.name(result.finished),
        file: file_name(v),
        verification: verification_info(v, lang, zone),
        checklist_available: ctx.session.is_some(),
        audit: AuditInfo {
            audit_id: clean(&result.audit_id),
            organisation: clean(&result.meta.organisation),
            unit: clean(&result.meta.unit),
            interviewees: clean(&result.meta.interviewees),
            auditor: clean(&result.meta.auditor),
            lang: result.meta.lang,
            audit_date: result.meta.audit_date.unwrap_or_else(|| result.date()),
            audit_date_recorded: result.meta.audit_date.is_some(),
            started: result.started,
            finished: result.finished,
            started_local: dates::local_rfc3339(result.started, zone),
            finished_local: dates::local_rfc3339(result.finished, zone),
            checklist: ChecklistInfo {
                id: clean(&result.checklist.id),
                version: clean(&result.checklist.version),
                sha256: clean(&result.checklist.sha256),
                title: match &ctx.session {
                    Some(s) => clean(s.checklist().title.get(lang.code())),
                    None => clean(&result.checklist.title),
                },
            },
        },
        summary: SummaryInfo {
            findings: outcome.counts,
            dpia_verdict_label: outcome.dpia.label.clone(),
            answered: s.answered,
            required: s.required,
            visible: s.visible,
            open_required: s.open_required.iter().map(|k| clean(k)).collect(),
            dpia_verdict: s.dpia_verdict,
            dpia_criteria: s
                .dpia_criteria
                .iter()
                .map(|c| criterion(*c, lang))
                .collect(),
        },
        outcome,
        messengers,
        findings,
        sections,
        hidden_answers: hidden,
        history_recorded: result.format >= 3,
        history_counts: hist::counts(&history),
        history,
        plan,
        previous_plan: super::plan::previous(result, lang),
        signoff: SignOffInfo {
            name: clean(&result.signoff.name),
            role: clean(&result.signoff.role),
            statement: clean(&result.signoff.statement),
            signed_at: result.signoff.signed_at,
            signed_at_local: dates::local_rfc3339(result.signoff.signed_at, zone),
            key_id: clean(&result.signoff.key_id),
        },
        supersedes: supersedes_info(v, result, lang, zone),
        evidence: if all {
            super::evidence::rows(&ctx, v)
        } else {
            Vec::new()
        },
        art30,
        zone: zone.clone(),
    }
}
