//! `Outcome`: what an audit says, derived once from a `Session` — completeness, open points, findings
//! grouped by root cause, the DPIA screening verdict with its sources, the knowledge used and a summary
//! for management. Every front end and report renders this; texts come from the checklist in the audit's language.

mod contradictions;
mod dpia;
mod groups;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::answer::Response;
use super::layout::Key;
use super::meta::Meta;
use super::session::Session;
use crate::checklist::{DpiaCriterion, DpiaVerdict, Severity};
use crate::i18n::{Lang, T, vocab};

pub use contradictions::Contradiction;
pub use groups::{FindingGroup, FindingPlace};

/// How many measures the management summary names.
pub const TOP_MEASURES: usize = 5;

/// Knowledge-base entries older than this many months at the audit's date are flagged.
pub const KNOWLEDGE_MAX_AGE_MONTHS: i32 = 12;

/// Everything an audit's result says; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The audit's date: knowledge-base entries are judged against it.
    pub date: Date,
    pub completeness: Completeness,
    /// Root-cause groups per severity (covered findings are not counted again).
    pub counts: SeverityCounts,
    pub dpia: Dpia,
    pub summary: ManagementSummary,
    /// Every "unknown" answer and every open required question, visible ones only, in checklist order.
    #[serde(default, rename = "open_point")]
    pub open_points: Vec<OpenPoint>,
    /// Root-cause groups: highest severity first, checklist order within a severity.
    #[serde(default, rename = "finding")]
    pub findings: Vec<FindingGroup>,
    /// Knowledge-base entries shown in this audit, in checklist order.
    #[serde(default)]
    pub knowledge: Vec<KnowledgeUse>,
    /// Answers that contradict a dated fact of the knowledge base, in checklist order. Left out when there
    /// are none, so results written before the cross-check verify unchanged.
    #[serde(
        default,
        rename = "contradiction",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub contradictions: Vec<Contradiction>,
}

/// Answered versus required visible questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Completeness {
    /// Visible required questions with a response ("unknown" and "not applicable" included).
    pub answered: usize,
    /// Visible required questions.
    pub required: usize,
    /// Every visible required question has a response. An incomplete audit can be signed; it says so.
    pub complete: bool,
}

impl Completeness {
    /// "UNVOLLSTÄNDIG – 8 von 9 Pflichtfragen offen" or "Vollständig – 9 von 9 Pflichtfragen beantwortet".
    pub fn describe(&self, lang: Lang) -> String {
        let required = self.required.to_string();
        if self.complete {
            vocab::COMPLETE_OF.fill(lang, &[&self.answered.to_string(), &required])
        } else {
            let open = self.required.saturating_sub(self.answered).to_string();
            vocab::INCOMPLETE_OF.fill(lang, &[&open, &required])
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

    fn add(&mut self, s: Severity) {
        match s {
            Severity::High => self.high += 1,
            Severity::Medium => self.medium += 1,
            Severity::Low => self.low += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.high + self.medium + self.low + self.info
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenKind {
    /// Answered "unknown": a point to clarify.
    Unknown,
    /// A required question without any response.
    Unanswered,
}

impl OpenKind {
    /// What the open point is, in words: "Antwort „Unbekannt“" / "nicht beantwortet".
    pub fn word(self) -> T {
        match self {
            OpenKind::Unknown => vocab::OPEN_UNKNOWN,
            OpenKind::Unanswered => vocab::OPEN_UNANSWERED,
        }
    }
}

/// A question the audit leaves open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenPoint {
    pub kind: OpenKind,
    /// The answer key, e.g. `review[whatsapp].dpa`.
    pub key: String,
    /// The question's text in the audit's language, `{item}` replaced.
    pub question: String,
    pub place: Place,
}

/// Where something belongs: a section, in a repeated section the repetition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The section's id.
    pub section: String,
    /// The id of the option the repetition stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The section's title in the audit's language, with the repetition's label for `{item}`.
    pub title: String,
    /// The repetition's label (the auditor's name for an `other` option), e.g. "WhatsApp Business-App".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The DPIA screening verdict with what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dpia {
    pub verdict: DpiaVerdict,
    /// The audit is incomplete: open questions may still change the verdict.
    pub provisional: bool,
    /// Distinct criteria met, in the order of `DpiaCriterion::ALL`.
    #[serde(default, rename = "criterion")]
    pub criteria: Vec<CriterionMet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionMet {
    pub criterion: DpiaCriterion,
    /// The raised findings that meet it, as finding keys (`id` or `id[option]`).
    pub findings: Vec<String>,
    /// The answers those findings' conditions read (answer keys, answered and visible), in checklist order.
    pub answers: Vec<String>,
}

/// A knowledge-base entry the audit showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeUse {
    pub id: String,
    pub name: String,
    pub as_of: Date,
    /// Older than `KNOWLEDGE_MAX_AGE_MONTHS` at the audit's date: re-check before relying on it.
    pub stale: bool,
    /// The repetitions it was shown in, as places.
    pub places: Vec<Place>,
}

/// The first page for management.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagementSummary {
    pub organisation: String,
    /// The unit or scope audited.
    pub scope: String,
    pub date: Date,
    pub complete: bool,
    pub answered: usize,
    pub required: usize,
    pub verdict: DpiaVerdict,
    pub provisional: bool,
    pub open_points: usize,
    /// The messengers found: labels of the repetitions of sections backed by the knowledge base.
    pub messengers: Vec<String>,
    /// The `TOP_MEASURES` most severe root-cause groups.
    #[serde(default, rename = "measure")]
    pub top_measures: Vec<TopMeasure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopMeasure {
    /// The finding id of the group.
    pub id: String,
    pub severity: Severity,
    pub title: String,
    pub measure: String,
    /// Labels of the places it applies to (empty for a finding outside repeated sections).
    pub places: Vec<String>,
}

impl Outcome {
    /// Derive the outcome of `session` as of `date`, texts in the audit's language (`meta.lang`).
    pub fn derive(session: &Session, meta: &Meta, date: Date) -> Outcome {
        let lang = meta.lang.code();
        let p = session.progress();
        let completeness = Completeness {
            answered: p.answered,
            required: p.required,
            complete: p.answered == p.required,
        };
        let open_points = open_points(session, lang);
        let findings = groups::derive(session, lang);
        let mut counts = SeverityCounts::default();
        for g in &findings {
            counts.add(g.severity);
        }
        let dpia = dpia::derive(session, !completeness.complete);
        let knowledge = knowledge(session, lang, date);
        let contradictions = contradictions::derive(session, meta.lang);
        let summary = ManagementSummary {
            organisation: meta.organisation.clone(),
            scope: meta.unit.clone(),
            date,
            complete: completeness.complete,
            answered: completeness.answered,
            required: completeness.required,
            verdict: dpia.verdict,
            provisional: dpia.provisional,
            open_points: open_points.len(),
            messengers: messengers(session, lang),
            top_measures: findings
                .iter()
                .take(TOP_MEASURES)
                .map(|g| TopMeasure {
                    id: g.id.clone(),
                    severity: g.severity,
                    title: g.title.clone(),
                    measure: g.measure.clone(),
                    places: g
                        .places
                        .iter()
                        .filter_map(|p| p.place.label.clone())
                        .collect(),
                })
                .collect(),
        };
        Outcome {
            date,
            completeness,
            counts,
            dpia,
            summary,
            open_points,
            findings,
            knowledge,
            contradictions,
        }
    }

    /// The root-cause groups of one severity, in order.
    pub fn groups_of(&self, s: Severity) -> impl Iterator<Item = &FindingGroup> {
        self.findings.iter().filter(move |g| g.severity == s)
    }

    /// The DPIA criteria met, without their sources.
    pub fn criteria(&self) -> Vec<DpiaCriterion> {
        self.dpia.criteria.iter().map(|c| c.criterion).collect()
    }
}

/// The place of a section repetition in `lang`.
pub(crate) fn place(session: &Session, section: usize, item: Option<usize>, lang: &str) -> Place {
    let s = &session.checklist().sections[section];
    let label = session.item_label(section, item, lang);
    Place {
        section: s.id.clone(),
        item: session.item_id(section, item).map(str::to_string),
        title: s.title.render(lang, label.as_deref()).into_owned(),
        label,
    }
}

fn open_points(session: &Session, lang: &str) -> Vec<OpenPoint> {
    session
        .visible()
        .filter_map(|k: Key| {
            let q = session.question(k);
            let kind = match session.answer(k).response {
                Some(Response::Unknown) => OpenKind::Unknown,
                None if q.required => OpenKind::Unanswered,
                _ => return None,
            };
            let label = session.item_label(k.section, k.item, lang);
            Some(OpenPoint {
                kind,
                key: session.key_string(k),
                question: q.text.render(lang, label.as_deref()).into_owned(),
                place: place(session, k.section, k.item, lang),
            })
        })
        .collect()
}

/// Repeated sections for which the knowledge base has an entry for at least one option: they stand for
/// messengers (the per-messenger review), and their visible repetitions are the messengers found.
pub fn knowledge_sections(session: &Session) -> Vec<usize> {
    let c = session.checklist();
    let Some(kb) = &c.knowledge else {
        return Vec::new();
    };
    c.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.for_each.is_some_and(|fe| {
                c.sections[fe.section].questions[fe.question]
                    .options
                    .iter()
                    .any(|o| kb.entry(&o.id).is_some())
            })
        })
        .map(|(i, _)| i)
        .collect()
}

fn messengers(session: &Session, lang: &str) -> Vec<String> {
    let sections = knowledge_sections(session);
    let mut out: Vec<String> = Vec::new();
    for i in session.instances() {
        if i.visible
            && sections.contains(&i.section)
            && let Some(label) = session.item_label(i.section, i.item, lang)
            // One messenger once, however its name was typed ("Line" in one place, "LINE" in another).
            && !out.iter().any(|o| o.trim().to_lowercase() == label.trim().to_lowercase())
        {
            out.push(label);
        }
    }
    out
}

fn knowledge(session: &Session, lang: &str, date: Date) -> Vec<KnowledgeUse> {
    let c = session.checklist();
    let Some(kb) = &c.knowledge else {
        return Vec::new();
    };
    let limit = date.checked_sub(KNOWLEDGE_MAX_AGE_MONTHS.months()).ok();
    let mut out: Vec<KnowledgeUse> = Vec::new();
    for i in session.instances() {
        if !i.visible {
            continue;
        }
        let Some(entry) = session
            .item_id(i.section, i.item)
            .and_then(|id| kb.entry(id))
        else {
            continue;
        };
        let at = place(session, i.section, i.item, lang);
        match out.iter_mut().find(|u| u.id == entry.id) {
            Some(u) => u.places.push(at),
            None => out.push(KnowledgeUse {
                id: entry.id.clone(),
                name: entry.name.clone(),
                as_of: entry.as_of,
                stale: limit.is_some_and(|l| entry.as_of < l),
                places: vec![at],
            }),
        }
    }
    out
}
