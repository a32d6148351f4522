//! What the audit says, for reports: the engine's `Outcome` (stored in format 2 results, derived from the
//! checklist for format 1, else rebuilt from the old summary and findings) turned into report data with
//! every text cleaned and every label in words — completeness, the management summary, open points by
//! question text, findings grouped by root cause with the places they apply to, the DPIA verdict with its
//! sources and the knowledge-base entries used.

use jiff::civil::Date;
use serde::Serialize;

use super::answers::{Ctx, criterion, raw_parts, section_of};
use super::model::{Criterion, SeverityCounts};
use super::texts as tx;
use super::verification::clean;
use crate::audit::DpiaVerdict;
use crate::audit::outcome::{
    Completeness, Dpia, FindingGroup, ManagementSummary, OpenKind, OpenPoint, Outcome, Place,
};
use crate::checklist::Severity;
use crate::i18n::vocab;
use crate::lang::Lang;

/// Where the outcome of a report comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeSource {
    /// Stored in the signed result (format 2).
    Stored,
    /// Derived from the stored answers with the result's checklist (format 1, or another report language).
    Derived,
    /// Rebuilt from a format 1 result's summary and findings without its checklist: no knowledge dates,
    /// findings grouped by id only, open points by answer key.
    Legacy,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeInfo {
    pub source: OutcomeSource,
    /// The language of the texts taken from the checklist (question, finding and section texts).
    pub texts_lang: Lang,
    /// Remarks on the outcome itself (an audit that predates it, texts in the audit's language).
    pub notes: Vec<String>,
    /// The audit's date.
    pub date: Date,
    pub completeness: CompletenessInfo,
    /// Root-cause groups per severity (covered findings are not counted again).
    pub counts: SeverityCounts,
    /// What to say when there are no findings: "… in the answered part" when incomplete.
    pub no_findings: String,
    pub management: ManagementInfo,
    pub dpia: DpiaInfo,
    pub open_points: Vec<OpenPointInfo>,
    pub findings: Vec<GroupInfo>,
    pub knowledge: Vec<KnowledgeInfo>,
    /// Answers that contradict a dated fact of the knowledge base (left out of the JSON when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contradictions: Vec<ContradictionInfo>,
}

impl OutcomeInfo {
    /// The knowledge base's hint on the answer under `key`, if the answer contradicts it.
    pub fn contradiction_hint(&self, key: &str) -> Option<&str> {
        self.contradictions
            .iter()
            .find(|x| x.key == key)
            .map(|x| x.hint.as_str())
    }
}

/// An answer that contradicts the knowledge base, with the hint the review shows.
#[derive(Debug, Clone, Serialize)]
pub struct ContradictionInfo {
    /// The answer key, e.g. `review[signal].e2e`.
    pub key: String,
    pub place: String,
    pub question: String,
    /// The option id answered and the one the fact implies.
    pub answer: String,
    pub expected: String,
    pub fact: String,
    pub value: String,
    pub as_of: Date,
    pub sources: Vec<String>,
    /// "Hinweis: Ihre Antwort „Nein“ widerspricht der Wissensbasis (Stand …): …. Quelle: …"
    pub hint: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompletenessInfo {
    pub answered: usize,
    pub required: usize,
    pub complete: bool,
    /// "UNVOLLSTÄNDIG – 8 von 9 Pflichtfragen offen" / "Complete – 9 of 9 required questions answered".
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ManagementInfo {
    pub organisation: String,
    pub scope: String,
    pub date: Date,
    pub messengers: Vec<String>,
    pub top_measures: Vec<GroupInfo>,
    pub open_points: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DpiaInfo {
    pub verdict: DpiaVerdict,
    /// The verdict in words, with "(vorläufig)" / "(provisional)" when provisional.
    pub label: String,
    pub provisional: bool,
    pub criteria: Vec<CriterionInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionInfo {
    #[serde(flatten)]
    pub criterion: Criterion,
    /// Titles of the findings that meet it.
    pub findings: Vec<String>,
    /// The questions (texts) whose answers raised them.
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenPointInfo {
    pub kind: OpenKind,
    /// "Antwort „Unbekannt“" / "not answered".
    pub kind_label: String,
    /// The answer key, as a reference.
    pub key: String,
    /// The question's text (the key only for a format 1 result without its checklist).
    pub question: String,
    /// The section title with its messenger or process.
    pub place: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupInfo {
    pub id: String,
    pub severity: Severity,
    pub severity_label: String,
    pub title: String,
    pub measure: String,
    pub refs: Vec<String>,
    pub dpia_criterion: Option<Criterion>,
    /// The places it applies to: repetition labels, else section titles ("Vertrieb, Anfragen; WhatsApp").
    pub applies_to: Vec<String>,
    /// Finding keys of its places (`id` or `id[option]`).
    pub keys: Vec<String>,
    /// Findings this one is the root cause of; not counted on their own.
    pub covered: Vec<GroupInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KnowledgeInfo {
    pub id: String,
    pub name: String,
    pub as_of: Date,
    /// Older than 12 months at the audit's date.
    pub stale: bool,
    pub places: Vec<String>,
}

/// The outcome of the report's result in the report's language where the checklist allows it.
pub(super) fn build(ctx: &Ctx<'_>, messengers: &[String]) -> OutcomeInfo {
    let r = ctx.result;
    let lang = ctx.lang;
    let mut notes = Vec::new();
    if r.outcome.is_none() {
        notes.push(tx::PREDATES_OUTCOME.get(lang).to_string());
    }
    let derive = |s: &crate::audit::Session, in_lang: Lang| {
        let mut meta = r.meta.clone();
        meta.lang = in_lang;
        Outcome::derive(s, &meta, r.date())
    };
    // The stored outcome is what was signed; `verify` checked that it equals the derivation, so deriving it
    // again in the report's language shows the same outcome, translated.
    let (o, source, texts_lang) = match (&ctx.session, &r.outcome) {
        (Some(s), Some(_)) if lang != r.meta.lang => {
            (derive(s, lang), OutcomeSource::Derived, lang)
        }
        (_, Some(o)) => (o.clone(), OutcomeSource::Stored, r.meta.lang),
        (Some(s), None) => (derive(s, lang), OutcomeSource::Derived, lang),
        (None, None) => (legacy(ctx, messengers), OutcomeSource::Legacy, r.meta.lang),
    };
    if texts_lang != lang {
        notes.push(tx::OUTCOME_IN_AUDIT_LANG.get(lang).to_string());
    }
    view(ctx, &o, source, texts_lang, notes, messengers)
}

fn applies_to(g: &FindingGroup) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &g.places {
        let s = clean(p.place.label.as_deref().unwrap_or(&p.place.title));
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn group(g: &FindingGroup, lang: Lang) -> GroupInfo {
    GroupInfo {
        id: clean(&g.id),
        severity: g.severity,
        severity_label: tx::severity(g.severity, lang).to_string(),
        title: clean(&g.title),
        measure: clean(&g.measure),
        refs: g.refs.iter().map(|x| clean(x)).collect(),
        dpia_criterion: g.dpia_criterion.map(|c| criterion(c, lang)),
        applies_to: applies_to(g),
        keys: g.places.iter().map(|p| clean(&p.key)).collect(),
        covered: g.covered.iter().map(|c| group(c, lang)).collect(),
    }
}

/// The question text of an answer key, with the checklist; the key otherwise.
fn question_text(ctx: &Ctx<'_>, key: &str, texts_lang: Lang) -> String {
    ctx.session
        .as_ref()
        .and_then(|s| {
            let k = s.parse_key(key)?;
            let label = s.item_label(k.section, k.item, texts_lang.code());
            Some(clean(
                &s.question(k)
                    .text
                    .render(texts_lang.code(), label.as_deref()),
            ))
        })
        .unwrap_or_else(|| clean(key))
}

fn view(
    ctx: &Ctx<'_>,
    o: &Outcome,
    source: OutcomeSource,
    texts_lang: Lang,
    notes: Vec<String>,
    named: &[String],
) -> OutcomeInfo {
    let lang = ctx.lang;
    // The engine names the repetitions of per-messenger sections; a checklist that asks per process names
    // messengers only in answers, which the report finds (`answers::messengers`): management sees both.
    let mut found: Vec<String> = o.summary.messengers.iter().map(|m| clean(m)).collect();
    for n in named {
        if !found.contains(n) {
            found.push(n.clone());
        }
    }
    let findings: Vec<GroupInfo> = o.findings.iter().map(|g| group(g, lang)).collect();
    // The title of the group that holds a finding key, covered groups included.
    let title_of = |key: &str| -> String {
        let all = o
            .findings
            .iter()
            .flat_map(|g| std::iter::once(g).chain(&g.covered));
        all.into_iter()
            .find(|g| g.places.iter().any(|p| p.key == key))
            .map_or_else(|| clean(key), |g| clean(&g.title))
    };
    let criteria = o
        .dpia
        .criteria
        .iter()
        .map(|c| {
            let mut titles: Vec<String> = Vec::new();
            for f in &c.findings {
                let t = title_of(f);
                if !titles.contains(&t) {
                    titles.push(t);
                }
            }
            CriterionInfo {
                criterion: criterion(c.criterion, lang),
                findings: titles,
                answers: c
                    .answers
                    .iter()
                    .map(|a| question_text(ctx, a, texts_lang))
                    .collect(),
            }
        })
        .collect();
    let c = &o.completeness;
    let top: Vec<GroupInfo> = findings
        .iter()
        .take(crate::audit::outcome::TOP_MEASURES)
        .cloned()
        .collect();
    OutcomeInfo {
        source,
        texts_lang,
        notes,
        date: o.date,
        completeness: CompletenessInfo {
            answered: c.answered,
            required: c.required,
            complete: c.complete,
            label: c.describe(lang),
        },
        counts: SeverityCounts {
            high: o.counts.high,
            medium: o.counts.medium,
            low: o.counts.low,
            info: o.counts.info,
        },
        no_findings: vocab::no_findings(lang, c.complete).to_string(),
        management: ManagementInfo {
            organisation: clean(&o.summary.organisation),
            scope: clean(&o.summary.scope),
            date: o.summary.date,
            messengers: found,
            top_measures: top,
            open_points: o.open_points.len(),
        },
        dpia: DpiaInfo {
            verdict: o.dpia.verdict,
            label: o.dpia.verdict.phrase(lang, o.dpia.provisional),
            provisional: o.dpia.provisional,
            criteria,
        },
        open_points: o
            .open_points
            .iter()
            .map(|p| OpenPointInfo {
                kind: p.kind,
                kind_label: p.kind.word().get(lang).to_string(),
                key: clean(&p.key),
                question: clean(&p.question),
                place: clean(&p.place.title),
            })
            .collect(),
        findings,
        knowledge: o
            .knowledge
            .iter()
            .map(|k| KnowledgeInfo {
                id: clean(&k.id),
                name: clean(&k.name),
                as_of: k.as_of,
                stale: k.stale,
                places: k.places.iter().map(|p| clean(&p.title)).collect(),
            })
            .collect(),
        contradictions: o
            .contradictions
            .iter()
            .map(|c| ContradictionInfo {
                key: clean(&c.key),
                place: clean(&c.place.title),
                question: clean(&c.question),
                answer: clean(&c.answer),
                expected: clean(&c.expected),
                fact: clean(&c.fact),
                value: clean(&c.value),
                as_of: c.as_of,
                sources: c.sources.iter().map(|x| clean(x)).collect(),
                // The hint's labels are in the texts' language, so is its sentence.
                hint: clean(&c.hint(texts_lang)),
            })
            .collect(),
    }
}

/// A format 1 result without its checklist: the outcome as far as the old summary and findings tell it.
fn legacy(ctx: &Ctx<'_>, messengers: &[String]) -> Outcome {
    let r = ctx.result;
    let s = &r.summary;
    let place = |key: &str| Place {
        section: section_of(key).to_string(),
        item: None,
        title: ctx.section_title(section_of(key)),
        label: None,
    };
    let completeness = Completeness {
        answered: s.answered,
        required: s.required,
        complete: s.open_required.is_empty() && s.answered >= s.required,
    };
    // Unknown answers and open required questions, by key: there is no question text without the checklist.
    let mut open_points: Vec<OpenPoint> = r
        .answers
        .iter()
        .filter(|(_, v)| raw_parts(v).0 == "unknown")
        .map(|(k, _)| OpenPoint {
            kind: OpenKind::Unknown,
            key: k.clone(),
            question: k.clone(),
            place: place(k),
        })
        .collect();
    open_points.extend(s.open_required.iter().map(|k| OpenPoint {
        kind: OpenKind::Unanswered,
        key: k.clone(),
        question: k.clone(),
        place: place(k),
    }));
    // One group per finding id, in the stored order (highest severity first after sorting).
    let mut findings: Vec<FindingGroup> = Vec::new();
    for f in &r.findings {
        let id = f.key.split('[').next().unwrap_or(&f.key).to_string();
        let at = crate::audit::outcome::FindingPlace {
            key: f.key.clone(),
            question: f.question.clone(),
            place: place(&f.section),
        };
        match findings.iter_mut().find(|g| g.id == id) {
            Some(g) => g.places.push(at),
            None => findings.push(FindingGroup {
                id,
                severity: f.severity,
                title: f.title.clone(),
                measure: f.measure.clone(),
                refs: f.refs.clone(),
                dpia_criterion: f.dpia_criterion,
                places: vec![at],
                covered: Vec::new(),
            }),
        }
    }
    findings.sort_by_key(|g| std::cmp::Reverse(g.severity));
    let mut counts = crate::audit::outcome::SeverityCounts::default();
    for g in &findings {
        match g.severity {
            Severity::High => counts.high += 1,
            Severity::Medium => counts.medium += 1,
            Severity::Low => counts.low += 1,
            Severity::Info => counts.info += 1,
        }
    }
    let criteria = s
        .dpia_criteria
        .iter()
        .map(|c| crate::audit::outcome::CriterionMet {
            criterion: *c,
            findings: r
                .findings
                .iter()
                .filter(|f| f.dpia_criterion == Some(*c))
                .map(|f| f.key.clone())
                .collect(),
            answers: Vec::new(),
        })
        .collect();
    let dpia = Dpia {
        verdict: s.dpia_verdict,
        provisional: !completeness.complete,
        criteria,
    };
    let date = r.date();
    let summary = ManagementSummary {
        organisation: r.meta.organisation.clone(),
        scope: r.meta.unit.clone(),
        date,
        complete: completeness.complete,
        answered: completeness.answered,
        required: completeness.required,
        verdict: dpia.verdict,
        provisional: dpia.provisional,
        open_points: open_points.len(),
        messengers: messengers.to_vec(),
        top_measures: Vec::new(),
    };
    Outcome {
        date,
        completeness,
        counts,
        dpia,
        summary,
        open_points,
        findings,
        knowledge: Vec::new(),
        contradictions: Vec::new(),
    }
}
