//! The draft entries for the records of processing activities (Art. 30(1) GDPR) that every report carries:
//! one per messenger found, each field prefilled from the answers to questions tagged `art30` and from
//! the tagged, dated facts of the knowledge base, every value with its source, every unfilled field open.

use jiff::civil::Date;
use serde::Serialize;

use super::answers::Ctx;
use super::art30_texts as ax;
use super::model::MessengerUse;
use super::verification::clean;
use crate::audit::{Key, Response, Session, Value, input};
use crate::checklist::Art30Field;
use crate::i18n::dates;
use crate::lang::Lang;

/// The records-of-processing draft of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Art30Info {
    /// Whether the result's checklist was at hand: without it nothing can be prefilled.
    pub prefilled: bool,
    /// What the draft is and what the DPO still has to do, in the report's language.
    pub note: String,
    /// One entry per messenger found, in the order the audit found them.
    pub entries: Vec<Art30Entry>,
}

/// The draft entry of one messenger.
#[derive(Debug, Clone, Serialize)]
pub struct Art30Entry {
    /// The messenger's name (the auditor's name for an `other` choice).
    pub messenger: String,
    /// The knowledge-base id (or option id) of the messenger, if it has one.
    pub id: Option<String>,
    /// The repetition of the per-messenger review it comes from (`review[whatsapp]`), if there is one.
    pub section: Option<String>,
    /// The fields in the order of Art. 30(1) GDPR, every one of them present.
    pub fields: Vec<Art30FieldInfo>,
    /// How many fields are still open.
    pub open: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Art30FieldInfo {
    pub field: Art30Field,
    /// The field's name in the report's language.
    pub label: String,
    /// „Art. 30 Abs. 1 lit. b DSGVO“ / "Art. 30(1)(b) GDPR".
    pub reference: String,
    /// No value fills it (nothing at all, or only "unknown", yes/no and "not applicable" answers, which
    /// are evidence for the field but not its content): the DPO must complete it.
    pub open: bool,
    pub values: Vec<Art30Value>,
}

/// Where a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    /// An answer to a question tagged `art30`.
    Answer,
    /// A fact of the knowledge base tagged `art30`.
    Knowledge,
    /// The audit's own details (organisation and unit).
    Audit,
}

#[derive(Debug, Clone, Serialize)]
pub struct Art30Value {
    /// The answer in words, the fact's value, or the organisation.
    pub text: String,
    pub source: ValueSource,
    /// The answer key (`review[whatsapp].uses`), `knowledge:ID` or `audit.organisation`.
    pub key: String,
    /// The source for people: the question, the fact with its date, or the audit details.
    pub source_text: String,
    /// The knowledge-base entry's date.
    pub as_of: Option<Date>,
    /// The auditor's note on the answer.
    pub note: Option<String>,
    /// The answer is "unknown": it is shown but leaves the field open.
    pub unknown: bool,
    /// The value is content for the field (options chosen, a text, a number or date, a fact, the
    /// organisation); a yes/no or "not applicable" answer is evidence only and leaves the field open.
    pub fills: bool,
}

/// A messenger an entry is made for.
struct Candidate {
    label: String,
    id: Option<String>,
    /// The repetition of a per-messenger section: (section, item).
    at: Option<(usize, Option<usize>)>,
}

/// The draft of the report's result; `found` are the messengers the answers name (the report's list).
pub(super) fn build(ctx: &Ctx<'_>, found: &[MessengerUse]) -> Art30Info {
    let lang = ctx.lang;
    let Some(s) = ctx.session.as_ref() else {
        let entries = found
            .iter()
            .map(|m| {
                let fields = Art30Field::ALL
                    .into_iter()
                    .map(|f| field_info(f, Vec::new(), lang))
                    .collect();
                entry(clean(&m.name), known_id(&m.id), None, fields)
            })
            .collect();
        return Art30Info {
            prefilled: false,
            note: ax::NOT_PREFILLED.get(lang).to_string(),
            entries,
        };
    };
    let entries = candidates(s, found, lang)
        .into_iter()
        .map(|c| {
            let fields = Art30Field::ALL
                .into_iter()
                .map(|f| field_info(f, values(ctx, s, &c, f), lang))
                .collect();
            let section = c.at.map(|(si, item)| {
                let sec = &s.checklist().sections[si];
                match s.item_id(si, item) {
                    Some(id) => format!("{}[{id}]", sec.id),
                    None => sec.id.clone(),
                }
            });
            entry(c.label, c.id, section.map(|x| clean(&x)), fields)
        })
        .collect();
    Art30Info {
        prefilled: true,
        note: ax::DRAFT_NOTE.get(lang).to_string(),
        entries,
    }
}

fn known_id(id: &str) -> Option<String> {
    (!id.starts_with("other:")).then(|| clean(id))
}

fn entry(
    messenger: String,
    id: Option<String>,
    section: Option<String>,
    fields: Vec<Art30FieldInfo>,
) -> Art30Entry {
    let open = fields.iter().filter(|f| f.open).count();
    Art30Entry {
        messenger,
        id,
        section,
        fields,
        open,
    }
}

fn field_info(field: Art30Field, values: Vec<Art30Value>, lang: Lang) -> Art30FieldInfo {
    Art30FieldInfo {
        field,
        label: field.word().get(lang).to_string(),
        reference: field.reference(lang),
        open: !values.iter().any(|v| v.fills),
        values,
    }
}

/// The messengers found: the visible repetitions of the per-messenger sections (each name once), then
/// those the answers name without such a repetition.
fn candidates(s: &Session, found: &[MessengerUse], lang: Lang) -> Vec<Candidate> {
    let sections = crate::audit::outcome::knowledge_sections(s);
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let mut out: Vec<Candidate> = Vec::new();
    for i in s.instances() {
        if !i.visible || !sections.contains(&i.section) {
            continue;
        }
        let Some(label) = s.item_label(i.section, i.item, lang.code()) else {
            continue;
        };
        if out.iter().any(|c| same(&c.label, &label)) {
            continue;
        }
        let id = s.item_id(i.section, i.item).map(str::to_string);
        // An `other` option stands for whatever the auditor named: no knowledge-base id.
        let other = i.item.is_some_and(|item| {
            let fe = s.checklist().sections[i.section].for_each;
            fe.is_some_and(|fe| {
                s.checklist().sections[fe.section].questions[fe.question].options[item].other
            })
        });
        out.push(Candidate {
            label: clean(&label),
            id: if other { None } else { id.map(|x| clean(&x)) },
            at: Some((i.section, i.item)),
        });
    }
    for m in found {
        let id = known_id(&m.id);
        let taken = out
            .iter()
            .any(|c| same(&c.label, &m.name) || (id.is_some() && c.id == id));
        if !taken {
            out.push(Candidate {
                label: clean(&m.name),
                id,
                at: None,
            });
        }
    }
    out
}

/// Every value for `field` of one candidate: its knowledge-base facts, the answers of its repetition, and
/// the answers of the sections that are not repeated (they concern every messenger).
fn values(ctx: &Ctx<'_>, s: &Session, c: &Candidate, field: Art30Field) -> Vec<Art30Value> {
    let lang = ctx.lang;
    let checklist = s.checklist();
    let mut out = Vec::new();
    if field == Art30Field::Controller {
        let m = &ctx.result.meta;
        let text = if m.unit.trim().is_empty() {
            m.organisation.clone()
        } else {
            format!("{} ({})", m.organisation, m.unit)
        };
        if !text.trim().is_empty() {
            out.push(Art30Value {
                text: clean(&text),
                source: ValueSource::Audit,
                key: "audit.organisation".to_string(),
                source_text: ax::FROM_AUDIT.get(lang).to_string(),
                as_of: None,
                note: None,
                unknown: false,
                fills: true,
            });
        }
    }
    if let (Some(kb), Some(id)) = (&checklist.knowledge, &c.id)
        && let Some(e) = kb.entry(id)
    {
        for f in e.facts.iter().filter(|f| f.art30 == Some(field)) {
            out.push(Art30Value {
                text: clean(f.value.get(lang.code())),
                source: ValueSource::Knowledge,
                key: format!("knowledge:{}", clean(&e.id)),
                source_text: ax::FROM_KNOWLEDGE.fill(
                    lang,
                    &[
                        &clean(&e.name),
                        &clean(f.label.get(lang.code())),
                        &dates::date(lang, e.as_of),
                    ],
                ),
                as_of: Some(e.as_of),
                note: None,
                unknown: false,
                fills: true,
            });
        }
    }
    let mut keys: Vec<Key> = Vec::new();
    if let Some((si, item)) = c.at {
        keys.extend(tagged(s, si, item, field));
    }
    for (si, sec) in checklist.sections.iter().enumerate() {
        if sec.for_each.is_none() {
            keys.extend(tagged(s, si, None, field));
        }
    }
    for k in keys {
        if let Some(v) = answer_value(s, k, lang) {
            out.push(v);
        }
    }
    out
}

/// The visible questions of one section repetition tagged with `field`.
fn tagged(
    s: &Session,
    section: usize,
    item: Option<usize>,
    field: Art30Field,
) -> impl Iterator<Item = Key> + '_ {
    s.checklist().sections[section]
        .questions
        .iter()
        .enumerate()
        .filter(move |(_, q)| q.art30 == Some(field))
        .map(move |(question, _)| Key {
            section,
            item,
            question,
        })
        .filter(|k| s.is_visible(*k))
}

/// An answered (or "unknown") visible question as a value; None while it is open.
fn answer_value(s: &Session, k: Key, lang: Lang) -> Option<Art30Value> {
    let a = s.answer(k);
    let r = a.response.as_ref()?;
    let q = s.question(k);
    let label = s.item_label(k.section, k.item, lang.code());
    let question = q.text.render(lang.code(), label.as_deref());
    let key = s.key_string(k);
    Some(Art30Value {
        text: clean(&input::describe(q, a, lang).unwrap_or_default()),
        source: ValueSource::Answer,
        source_text: ax::FROM_ANSWER.fill(lang, &[&clean(&question)]),
        key: clean(&key),
        as_of: None,
        note: a.note.as_deref().map(clean),
        unknown: matches!(r, Response::Unknown),
        fills: match r {
            Response::Value(Value::Bool(_)) | Response::Unknown | Response::NotApplicable => false,
            Response::Value(Value::Choices(c)) => !c.is_empty(),
            Response::Value(Value::Text(t)) => !t.trim().is_empty(),
            Response::Value(_) => true,
        },
    })
}

impl Art30Value {
    /// The value with its source on one line, for plain text and cells: „… — Antwort auf „…“ (`key`)“.
    pub fn line(&self) -> String {
        let base = format!("{} — {} ({})", self.text, self.source_text, self.key);
        match &self.note {
            Some(n) => format!("{base} [{n}]"),
            None => base,
        }
    }
}

impl Art30FieldInfo {
    /// The field's content on one line each value, or the open mark.
    pub fn content(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.values.iter().map(Art30Value::line).collect();
        if self.open {
            out.push(ax::OPEN_FIELD.get(lang).to_string());
        }
        out
    }
}
