//! The report of one result file as data: everything every format shows, derived once from the result, its
//! verification and (when available) its checklist. Serialised as is, it is the JSON report
//! (docs/report-json.md): field names and order here are a contract.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;

use super::texts as tx;
use crate::audit::result::{self, ResultFile};
use crate::audit::{DpiaVerdict, Key, Session, Value, input, values};
use crate::checklist::{Checklist, DpiaCriterion, Severity};
use crate::lang::Lang;
use crate::result::verify::{State, Verification};
use crate::text::sanitize;

/// Version of the JSON report layout; raised on any incompatible change.
pub const REPORT_FORMAT: u32 = 1;

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
    pub summary: SummaryInfo,
    pub messengers: Vec<MessengerUse>,
    pub findings: Vec<FindingRow>,
    pub sections: Vec<SectionAnswers>,
    /// Answers to questions that later answers hid: kept for the record, not part of the outcome.
    pub hidden_answers: Vec<SectionAnswers>,
    pub signoff: SignOffInfo,
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
    pub findings: SeverityCounts,
    pub dpia_verdict: DpiaVerdict,
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
}

fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

/// The verification headline in `lang`.
pub fn headline(v: &Verification, lang: Lang) -> String {
    let prefix = if v.is_valid() { tx::VALID } else { tx::INVALID };
    format!("{}: {}", prefix.get(lang), detail(v, lang))
}

/// The verification state in `lang` without the VALID/NOT VERIFIED prefix.
pub fn detail(v: &Verification, lang: Lang) -> String {
    match &v.state {
        State::Valid {
            signer,
            role,
            signed_at,
            key_id,
        } => {
            let who = if role.is_empty() {
                clean(signer)
            } else {
                format!("{} ({})", clean(signer), clean(role))
            };
            format!(
                "{} {who} {} {} {} {key_id}",
                tx::VALID_SIGNED_BY.get(lang),
                tx::ON.get(lang),
                tx::time(*signed_at),
                tx::WITH_KEY.get(lang),
            )
        }
        State::Invalid { reason } => clean(&reason.text(lang)),
    }
}

fn verification_info(v: &Verification, lang: Lang) -> VerificationInfo {
    let (signer, role, signed_at, key_id, reason) = match &v.state {
        State::Valid {
            signer,
            role,
            signed_at,
            key_id,
        } => (
            Some(clean(signer)),
            Some(clean(role)),
            Some(*signed_at),
            Some(key_id.clone()),
            None,
        ),
        State::Invalid { reason } => (None, None, None, None, Some(clean(&reason.text(lang)))),
    };
    VerificationInfo {
        valid: v.is_valid(),
        headline: headline(v, lang),
        detail: detail(v, lang),
        signer,
        role,
        signed_at,
        key_id,
        reason,
        notes: v.notes.iter().map(|n| clean(&n.text(lang))).collect(),
    }
}

pub fn file_name(v: &Verification) -> String {
    clean(
        &v.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| v.path.display().to_string()),
    )
}

/// The checklist's view of a result, when its checklist is available.
struct Ctx<'a> {
    session: Option<Session>,
    lang: Lang,
    result: &'a ResultFile,
}

impl Ctx<'_> {
    fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// Section index and repetition of `section` or `section[option]`.
    fn section_ref(&self, text: &str) -> Option<(usize, Option<usize>)> {
        let s = self.session.as_ref()?;
        let c = s.checklist();
        let (id, item) = match text.split_once('[') {
            Some((id, rest)) => (id, Some(rest.strip_suffix(']')?)),
            None => (text, None),
        };
        let si = c.sections.iter().position(|x| x.id == id)?;
        let item = match (item, c.sections[si].for_each) {
            (Some(opt), Some(fe)) => {
                Some(c.sections[fe.section].questions[fe.question].option_index(opt)?)
            }
            (None, None) => None,
            _ => return None,
        };
        Some((si, item))
    }

    fn section_title(&self, text: &str) -> String {
        match (self.session.as_ref(), self.section_ref(text)) {
            (Some(s), Some((si, item))) => {
                let label = s.item_label(si, item, self.code());
                clean(
                    &s.checklist().sections[si]
                        .title
                        .render(self.code(), label.as_deref()),
                )
            }
            _ => clean(text),
        }
    }
}

/// The section part of an answer key: `process[orders]` of `process[orders].which`.
fn section_of(key: &str) -> &str {
    key.rsplit_once('.').map_or(key, |(s, _)| s)
}

fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(clean(s)),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.iter().map(|(k, v)| (clean(k), toml_to_json(v))).collect())
        }
    }
}

use input::number;

/// A raw TOML value for people, without the checklist.
fn raw_display(v: &toml::Value, lang: Lang) -> String {
    match v {
        toml::Value::String(s) => clean(s),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => number(*f),
        toml::Value::Boolean(b) => tx::yes_no(*b, lang).to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(a) => a
            .iter()
            .map(|x| raw_display(x, lang))
            .collect::<Vec<_>>()
            .join("; "),
        toml::Value::Table(_) => String::new(),
    }
}

/// Split a stored answer into (state, value, note, other) without the checklist.
fn raw_parts(
    v: &toml::Value,
) -> (
    &'static str,
    Option<&toml::Value>,
    Option<String>,
    Option<String>,
) {
    let toml::Value::Table(t) = v else {
        return ("answered", Some(v), None, None);
    };
    let text = |k: &str| t.get(k).and_then(|x| x.as_str()).map(clean);
    let state = match (t.get("value"), t.get("state").and_then(|s| s.as_str())) {
        (Some(_), _) => "answered",
        (None, Some("unknown")) => "unknown",
        (None, Some("not_applicable")) => "not_applicable",
        _ => "none",
    };
    (state, t.get("value"), text("note"), text("other"))
}

fn answer_row(ctx: &Ctx<'_>, key: &str, v: &toml::Value) -> AnswerRow {
    let lang = ctx.lang;
    let (state, raw_value, note, other) = raw_parts(v);
    let value = raw_value.map_or(serde_json::Value::Null, toml_to_json);
    let state_text = |state: &str| match state {
        "unknown" => tx::UNKNOWN.get(lang).to_string(),
        "not_applicable" => tx::NOT_APPLICABLE.get(lang).to_string(),
        _ => "—".to_string(),
    };
    let parsed = ctx.session.as_ref().and_then(|s| {
        let k = s.parse_key(key)?;
        let q = s.question(k);
        let a = values::parse_answer(q, v).ok()?;
        let label = s.item_label(k.section, k.item, ctx.code());
        let question = clean(&q.text.render(ctx.code(), label.as_deref()));
        let display =
            input::describe(q, &a, lang).map_or_else(|| state_text("none"), |d: String| clean(&d));
        Some((question, display))
    });
    let (question, display) = parsed.unwrap_or_else(|| {
        let display = match raw_value {
            Some(x) => raw_display(x, lang),
            None => state_text(state),
        };
        let display = match &other {
            Some(o) if !o.trim().is_empty() => format!("{display} ({}: {o})", tx::OTHER.get(lang)),
            _ => display,
        };
        (clean(key), display)
    });
    AnswerRow {
        key: clean(key),
        question,
        state,
        value,
        display,
        note,
        other,
    }
}

/// Messenger ids and names of the knowledge base that ships with msgaudit, for results without their checklist.
fn shipped_messengers() -> Vec<(String, String)> {
    let path = crate::shipped::dir().join("messengers.toml");
    let Ok(text) =
        crate::store::read_text_bounded(&path, crate::store::bounded::MAX_DOCUMENT_BYTES)
    else {
        return Vec::new();
    };
    let Ok(t) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    t.get("entry")
        .and_then(|e| e.as_array())
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| {
                    Some((
                        e.get("id")?.as_str()?.to_string(),
                        e.get("name")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Which messengers the answers name, and where: every choice answer whose options are messengers of the
/// knowledge base (the checklist's, else the shipped one); an `other` option beside them counts with its name.
fn messengers(ctx: &Ctx<'_>, answers: &[(String, toml::Value)]) -> Vec<MessengerUse> {
    let mut out: Vec<MessengerUse> = Vec::new();
    let mut add = |id: String, name: String, place: Place| match out.iter_mut().find(|m| m.id == id)
    {
        Some(m) => {
            if !m.places.contains(&place) {
                m.places.push(place);
            }
        }
        None => out.push(MessengerUse {
            id,
            name,
            places: vec![place],
        }),
    };
    let shipped = shipped_messengers();
    let place = |key: &str| Place {
        section: clean(section_of(key)),
        title: ctx.section_title(section_of(key)),
        answer: clean(key),
    };
    match ctx.session.as_ref() {
        Some(s) => {
            let c = s.checklist();
            let kb_name = |id: &str| -> Option<String> {
                match &c.knowledge {
                    Some(kb) => kb.entry(id).map(|e| e.name.clone()),
                    None => shipped
                        .iter()
                        .find(|(i, _)| i == id)
                        .map(|(_, n)| n.clone()),
                }
            };
            for (key, v) in answers {
                let Some(k) = s.parse_key(key) else { continue };
                let q = s.question(k);
                if !q.kind.is_choice() || !q.options.iter().any(|o| kb_name(&o.id).is_some()) {
                    continue;
                }
                let Ok(a) = values::parse_answer(q, v) else {
                    continue;
                };
                let chosen: Vec<usize> = match a.value() {
                    Some(Value::Choice(i)) => vec![*i],
                    Some(Value::Choices(is)) => is.clone(),
                    _ => continue,
                };
                for i in chosen {
                    let Some(o) = q.options.get(i) else { continue };
                    if let Some(name) = kb_name(&o.id) {
                        add(clean(&o.id), clean(&name), place(key));
                    } else if o.other {
                        let name = a
                            .other
                            .as_deref()
                            .filter(|n| !n.trim().is_empty())
                            .map_or_else(|| o.label.get(ctx.code()).to_string(), str::to_string);
                        add(format!("other:{}", clean(&name)), clean(&name), place(key));
                    }
                }
            }
        }
        None => {
            for (key, v) in answers {
                let (_, value, _, _) = raw_parts(v);
                let ids: Vec<&str> = match value {
                    Some(toml::Value::String(s)) => vec![s.as_str()],
                    Some(toml::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
                    _ => continue,
                };
                for id in ids {
                    if let Some((_, name)) = shipped.iter().find(|(i, _)| i == id) {
                        add(clean(id), clean(name), place(key));
                    }
                }
            }
        }
    }
    out
}

fn severity_counts(s: &result::Summary) -> SeverityCounts {
    SeverityCounts {
        high: s.findings_high,
        medium: s.findings_medium,
        low: s.findings_low,
        info: s.findings_info,
    }
}

fn criterion(c: DpiaCriterion, lang: Lang) -> Criterion {
    Criterion {
        id: c,
        label: tx::dpia_criterion(c, lang).to_string(),
    }
}

/// Answers in checklist order (by key when the checklist is not available).
fn ordered(ctx: &Ctx<'_>, table: &toml::Table) -> Vec<(String, toml::Value)> {
    let mut v: Vec<(Option<Key>, String, toml::Value)> = table
        .iter()
        .map(|(k, v)| {
            (
                ctx.session.as_ref().and_then(|s| s.parse_key(k)),
                k.clone(),
                v.clone(),
            )
        })
        .collect();
    // Keys the checklist knows first, in its order; the rest by name.
    v.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    v.into_iter().map(|(_, k, v)| (k, v)).collect()
}

/// Answer rows grouped by section repetition, in the given order.
fn by_section(ctx: &Ctx<'_>, answers: &[(String, toml::Value)]) -> Vec<SectionAnswers> {
    let mut sections: Vec<SectionAnswers> = Vec::new();
    for (key, value) in answers {
        let row = answer_row(ctx, key, value);
        let sec = section_of(key);
        match sections.last_mut() {
            Some(s) if s.key == clean(sec) => s.answers.push(row),
            _ => sections.push(SectionAnswers {
                key: clean(sec),
                title: ctx.section_title(sec),
                answers: vec![row],
            }),
        }
    }
    sections
}

/// Build the report of a verified (or failed) result. `checklist` is the result's exact checklist, if found.
pub fn build(
    v: &Verification,
    result: &ResultFile,
    checklist: Option<Arc<Checklist>>,
    lang: Lang,
) -> Report {
    let session = checklist.and_then(|c| result.session(c).ok());
    let ctx = Ctx {
        session,
        lang,
        result,
    };
    let answers = ordered(&ctx, &ctx.result.answers);
    let sections = by_section(&ctx, &answers);
    let hidden = by_section(&ctx, &ordered(&ctx, &ctx.result.hidden_answers));
    // Finding texts are stored in the audit's language; in another language they are re-rendered from the checklist.
    let translated: BTreeMap<String, result::ResultFinding> = match &ctx.session {
        Some(s) if lang != result.meta.lang => result::findings(s, lang.code())
            .into_iter()
            .map(|f| (f.key.clone(), f))
            .collect(),
        _ => BTreeMap::new(),
    };
    let mut findings: Vec<FindingRow> = result
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
        .collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let s = &result.summary;
    Report {
        report_format: REPORT_FORMAT,
        lang,
        file: file_name(v),
        verification: verification_info(v, lang),
        checklist_available: ctx.session.is_some(),
        audit: AuditInfo {
            audit_id: clean(&result.audit_id),
            organisation: clean(&result.meta.organisation),
            unit: clean(&result.meta.unit),
            interviewees: clean(&result.meta.interviewees),
            auditor: clean(&result.meta.auditor),
            lang: result.meta.lang,
            started: result.started,
            finished: result.finished,
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
            answered: s.answered,
            required: s.required,
            visible: s.visible,
            open_required: s.open_required.iter().map(|k| clean(k)).collect(),
            findings: severity_counts(s),
            dpia_verdict: s.dpia_verdict,
            dpia_verdict_label: tx::dpia_verdict(s.dpia_verdict, lang).to_string(),
            dpia_criteria: s
                .dpia_criteria
                .iter()
                .map(|c| criterion(*c, lang))
                .collect(),
        },
        messengers: messengers(&ctx, &answers),
        findings,
        sections,
        hidden_answers: hidden,
        signoff: SignOffInfo {
            name: clean(&result.signoff.name),
            role: clean(&result.signoff.role),
            statement: clean(&result.signoff.statement),
            signed_at: result.signoff.signed_at,
            key_id: clean(&result.signoff.key_id),
        },
    }
}
