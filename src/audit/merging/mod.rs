//! Merging several auditors' drafts of one audit (`msgaudit merge`): what each answer and detail becomes,
//! worked out before anything is written. Pure: answers are compared by meaning (the checklist parses
//! them), a history both drafts share is their common start (a three-way merge), and what two drafts
//! changed differently is a conflict for the auditor (or a rules file) to decide; `build` makes the
//! merged draft with its history.

mod build;
pub mod rules;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use jiff::Timestamp;

use super::answer::Answer;
use super::draft::Draft;
use super::history;
use super::session::Session;
use super::values;
use crate::checklist::Checklist;
use crate::i18n::{T, Text};
use crate::lang::Lang;

pub use build::merged;

/// One draft to merge, with a label naming it in messages (its file name).
#[derive(Debug, Clone)]
pub struct Part {
    pub draft: Draft,
    pub label: String,
}

/// Why drafts cannot be merged: they are not parts of one audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotTogether {
    /// Not made with the same checklist (id, version and bytes): (label, id, version, sha256) of each.
    Checklist(Vec<(String, String, String, String)>),
    /// Drafts of different audits (ids), and `--together` was not given.
    Audits(Vec<(String, String)>),
    /// Amending different results (or one amends, another does not).
    Amends(Vec<String>),
}

impl NotTogether {
    /// In words, German and English.
    pub fn text(&self) -> Text {
        match self {
            NotTogether::Checklist(all) => {
                let list = all
                    .iter()
                    .map(|(l, id, v, sha)| format!("{l}: {id} {v} ({})", &sha[..sha.len().min(12)]))
                    .collect::<Vec<_>>()
                    .join(", ");
                T::new(
                    "Die Entwürfe gehören nicht zur selben Checkliste ({0}); nur Entwürfe derselben Version einer Checkliste lassen sich zusammenführen (mit `msgaudit move` auf eine Version bringen)",
                    "the drafts do not belong to the same checklist ({0}); only drafts of the same version of a checklist can be merged (bring them to one version with `msgaudit move`)",
                )
                .both(&[&list])
            }
            NotTogether::Audits(all) => {
                let list = all
                    .iter()
                    .map(|(l, id)| format!("{l}: {id}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                T::new(
                    "Die Entwürfe gehören zu verschiedenen Prüfungen (Kennungen {0}); wenn sie Teile einer Prüfung sind, sagen Sie es mit --together",
                    "the drafts belong to different audits (ids {0}); if they are parts of one audit, say so with --together",
                )
                .both(&[&list])
            }
            NotTogether::Amends(labels) => T::new(
                "Die Entwürfe ändern nicht dasselbe Ergebnis ab ({0})",
                "the drafts do not amend the same result ({0})",
            )
            .both(&[&labels.join(", ")]),
        }
    }
}

/// Whether `parts` may be merged: the same checklist (id, version, SHA-256), the same audit id unless
/// `together` says they belong together, and the same amended result (if any).
pub fn belong_together(parts: &[Part], together: bool) -> Result<(), NotTogether> {
    let Some(first) = parts.first() else {
        return Ok(());
    };
    let c = &first.draft.checklist;
    if parts.iter().any(|p| {
        let o = &p.draft.checklist;
        (&o.id, &o.version, &o.sha256) != (&c.id, &c.version, &c.sha256)
    }) {
        return Err(NotTogether::Checklist(
            parts
                .iter()
                .map(|p| {
                    let o = &p.draft.checklist;
                    (
                        p.label.clone(),
                        o.id.clone(),
                        o.version.clone(),
                        o.sha256.clone(),
                    )
                })
                .collect(),
        ));
    }
    if !together
        && parts
            .iter()
            .any(|p| p.draft.audit_id != first.draft.audit_id)
    {
        return Err(NotTogether::Audits(
            parts
                .iter()
                .map(|p| (p.label.clone(), p.draft.audit_id.clone()))
                .collect(),
        ));
    }
    let amended = |p: &Part| p.draft.amends.as_ref().map(|a| a.sha256.clone());
    if parts.iter().any(|p| amended(p) != amended(first)) {
        return Err(NotTogether::Amends(
            parts.iter().map(|p| p.label.clone()).collect(),
        ));
    }
    Ok(())
}

/// An audit detail that two drafts may give differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Organisation,
    Unit,
    AuditDate,
    Lang,
}

impl Detail {
    pub const ALL: [Detail; 4] = [
        Detail::Organisation,
        Detail::Unit,
        Detail::AuditDate,
        Detail::Lang,
    ];

    /// Its name in a rules file (`meta:unit`).
    pub fn rule_key(self) -> &'static str {
        match self {
            Detail::Organisation => "meta:organisation",
            Detail::Unit => "meta:unit",
            Detail::AuditDate => "meta:audit_date",
            Detail::Lang => "meta:lang",
        }
    }

    pub fn word(self) -> T {
        match self {
            Detail::Organisation => T::new("Organisation", "Organisation"),
            Detail::Unit => T::new("Bereich / Umfang", "Unit / scope"),
            Detail::AuditDate => crate::i18n::vocab::AUDIT_DATE,
            Detail::Lang => T::new("Sprache der Prüfung", "Language of the audit"),
        }
    }

    /// The detail of `meta` as text (the audit date as YYYY-MM-DD, the language as its code).
    fn of(self, meta: &super::Meta) -> Option<String> {
        match self {
            Detail::Organisation => Some(meta.organisation.trim().to_string()),
            Detail::Unit => Some(meta.unit.trim().to_string()),
            Detail::AuditDate => meta.audit_date.map(|d| d.to_string()),
            Detail::Lang => Some(meta.lang.code().to_string()),
        }
    }

    /// Set the detail from its text as `of` writes it; false when the text does not fit.
    fn set(self, meta: &mut super::Meta, text: &str) -> bool {
        match self {
            Detail::Organisation => meta.organisation = text.to_string(),
            Detail::Unit => meta.unit = text.to_string(),
            Detail::AuditDate => match values::parse_date(text) {
                Ok(d) => meta.audit_date = Some(d),
                Err(_) => return false,
            },
            Detail::Lang => match lang_of(text) {
                Some(l) => meta.lang = l,
                None => return false,
            },
        }
        true
    }
}

fn lang_of(code: &str) -> Option<Lang> {
    match code.trim() {
        "de" => Some(Lang::De),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// What a conflict is about: an audit detail or an answer (by its key, repeats by their item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Detail(Detail),
    Answer(String),
}

impl Subject {
    /// Its key in a rules file and in listings: the answer key, or `meta:<field>`.
    pub fn key(&self) -> &str {
        match self {
            Subject::Detail(d) => d.rule_key(),
            Subject::Answer(k) => k,
        }
    }
}

/// One of the differing values of a conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The drafts (indices into the parts) that hold this value.
    pub parts: Vec<usize>,
    /// The value in words ("–" for no answer; a detail's value is the same in both languages); not
    /// sanitised.
    pub shown: Text,
    /// The note beside it in the first of those drafts.
    pub note: Option<String>,
    /// Who changed it last and when, from that draft's history.
    pub last: Option<(String, Timestamp)>,
}

/// Two or more drafts changed the same answer or detail to different values.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub subject: Subject,
    /// What is asked: the section's title and the question's text (with the repetition's item), or the
    /// detail's name.
    pub asked: Text,
    pub candidates: Vec<Candidate>,
}

/// How a conflict was decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// The value of the `n`th candidate, chosen in the review.
    Reviewed(usize),
    /// The value of the `n`th candidate, by the rules file.
    Rule(usize),
    /// A value of the rules file's own: an answer as written in a draft (its note is merged as usual),
    /// or a detail's text.
    RuleValue(toml::Value),
}

/// Where one answer's merged value comes from.
#[derive(Debug, Clone, PartialEq)]
enum Pick {
    /// Nobody changed it since the shared start.
    Base,
    /// The drafts that changed it agree: the first of them.
    Part(usize),
    /// The drafts changed it differently: conflict number `n`.
    Conflict(usize),
}

/// Where one answer's merged note comes from.
#[derive(Debug, Clone, PartialEq)]
enum NotePick {
    Base,
    Part(usize),
    /// Different notes, each with its auditor's name.
    Combined(String),
}

/// The plan for one answer key.
#[derive(Debug, Clone, PartialEq)]
struct KeyPlan {
    key: String,
    base: Option<toml::Value>,
    answer: Pick,
    note: NotePick,
}

/// What merging the parts does, before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// How each part is named in texts and history entries: its auditor (with the file when two parts
    /// have the same auditor).
    pub names: Vec<String>,
    /// History entries all parts share (they were copied from one draft): the common start.
    pub shared: usize,
    /// Answers changed in one part only (or alike in several): taken as they are.
    pub taken: usize,
    /// Answers several parts changed alike (by meaning).
    pub agreed: usize,
    /// Answers whose notes differed and were combined, each with its auditor's name.
    pub notes_combined: Vec<String>,
    /// Details and answers changed differently, in order: details, then answers in checklist order.
    pub conflicts: Vec<Conflict>,
    keys: Vec<KeyPlan>,
    /// The merged details, with the first part's value where a detail is in conflict.
    meta: super::Meta,
}

/// The answer part without its note, parsed against its question when it can be (so "3" and "3.0",
/// or choices in another order, are the same answer).
fn meaning(session: &Session, key: &str, raw: Option<&toml::Value>) -> Meaning {
    let parsed = session.parse_key(key).zip(raw).and_then(|(k, v)| {
        values::parse_answer(session.question(k), v)
            .ok()
            .map(|a| (a.response, a.other))
    });
    match (parsed, raw) {
        (Some(p), _) => Meaning::Parsed(p),
        (None, None) => Meaning::Parsed((None, None)),
        (None, Some(v)) => Meaning::Raw(history::parts(Some(v)).answer),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Meaning {
    Parsed((Option<super::Response>, Option<String>)),
    Raw(Option<toml::Value>),
}

/// The history entries all parts share from the start.
fn shared_start(parts: &[Part]) -> usize {
    let Some(first) = parts.first() else {
        return 0;
    };
    let mut n = 0;
    while let Some(c) = first.draft.history.get(n) {
        if parts.iter().all(|p| p.draft.history.get(n) == Some(c)) {
            n += 1;
        } else {
            break;
        }
    }
    n
}

fn names(parts: &[Part]) -> Vec<String> {
    parts
        .iter()
        .map(|p| {
            let a = p.draft.meta.auditor.trim();
            let twice = parts
                .iter()
                .filter(|o| o.draft.meta.auditor.trim() == a)
                .count()
                > 1;
            match (a.is_empty(), twice) {
                (true, _) => p.label.clone(),
                (false, true) => format!("{a} ({})", p.label),
                (false, false) => a.to_string(),
            }
        })
        .collect()
}

/// The last change of `key` in `part`'s history: who and when.
fn last_change(part: &Part, key: &str) -> Option<(String, Timestamp)> {
    part.draft
        .history
        .iter()
        .rev()
        .find(|c| c.key == key)
        .map(|c| (c.by.clone(), c.at))
}

/// The value in words for a person: the checklist's labels where the key parses, else the TOML.
fn shown_in(session: &Session, key: &str, answer: Option<&toml::Value>, lang: Lang) -> String {
    let Some(v) = answer else {
        return "–".to_string();
    };
    let described = session.parse_key(key).and_then(|k| {
        let q = session.question(k);
        values::parse_answer(q, v).ok().map(|a: Answer| {
            let words = super::input::describe(q, &a, lang);
            words.unwrap_or_else(|| "–".to_string())
        })
    });
    described.unwrap_or_else(|| v.to_string())
}

/// What is asked at `key`, in `lang`: section title › question text.
fn shown(session: &Session, key: &str, answer: Option<&toml::Value>) -> Text {
    Text::by(|lang| shown_in(session, key, answer, lang))
}

fn asked(session: &Session, key: &str) -> Text {
    Text::by(|lang| asked_in(session, key, lang))
}

fn asked_in(session: &Session, key: &str, lang: Lang) -> String {
    let Some(k) = session.parse_key(key) else {
        return key.to_string();
    };
    let label = session.item_label(k.section, k.item, lang.code());
    let s = &session.checklist().sections[k.section];
    format!(
        "{} › {}",
        s.title.render(lang.code(), label.as_deref()),
        session
            .question(k)
            .text
            .render(lang.code(), label.as_deref())
    )
}

/// Plan the merge of `parts` (which `belong_together`) made with `checklist`.
pub fn plan(parts: &[Part], checklist: &Arc<Checklist>) -> Plan {
    let session = Session::new(Arc::clone(checklist));
    let names = names(parts);
    let shared = parts.first().map_or(0, |_| shared_start(parts));
    let base = parts
        .first()
        .map(|p| history::replay(&p.draft.history[..shared]))
        .unwrap_or_default();
    let (meta, mut conflicts) = merge_meta(parts);
    // Every key any part (or the shared start) has, in checklist order, then the others sorted.
    let mut keys: Vec<String> = session
        .all_keys()
        .map(|k| session.key_string(k))
        .filter(|k| base.contains_key(k) || parts.iter().any(|p| p.draft.answers.contains_key(k)))
        .collect();
    let mut rest: Vec<String> = parts
        .iter()
        .flat_map(|p| p.draft.answers.keys().cloned())
        .chain(base.keys().cloned())
        .filter(|k| session.parse_key(k).is_none())
        .collect();
    rest.sort();
    rest.dedup();
    keys.extend(rest);

    let mut out = Plan {
        names,
        shared,
        taken: 0,
        agreed: 0,
        notes_combined: Vec::new(),
        conflicts: Vec::new(),
        keys: Vec::new(),
        meta,
    };
    for key in keys {
        let b = base.get(&key);
        let base_meaning = meaning(&session, &key, b);
        let base_note = history::parts(b).note;
        let raw = |i: usize| parts[i].draft.answers.get(&key);
        // Answer: the distinct meanings among the parts that changed it.
        let mut distinct: Vec<(Meaning, Vec<usize>)> = Vec::new();
        for i in 0..parts.len() {
            let m = meaning(&session, &key, raw(i));
            if m == base_meaning {
                continue;
            }
            match distinct.iter_mut().find(|(d, _)| *d == m) {
                Some((_, holders)) => holders.push(i),
                None => distinct.push((m, vec![i])),
            }
        }
        let answer = match distinct.as_slice() {
            [] => Pick::Base,
            [(_, holders)] => {
                if holders.len() > 1 {
                    out.agreed += 1;
                } else {
                    out.taken += 1;
                }
                Pick::Part(holders[0])
            }
            several => {
                let candidates = several
                    .iter()
                    .map(|(_, holders)| {
                        let first = holders[0];
                        let p = history::parts(raw(first));
                        Candidate {
                            parts: holders.clone(),
                            shown: shown(&session, &key, raw(first)),
                            note: p.note,
                            last: last_change(&parts[first], &key),
                        }
                    })
                    .collect();
                conflicts.push(Conflict {
                    subject: Subject::Answer(key.clone()),
                    asked: asked(&session, &key),
                    candidates,
                });
                Pick::Conflict(conflicts.len() - 1)
            }
        };
        // Note: the distinct notes among the parts that changed it.
        let mut notes: Vec<(Option<String>, Vec<usize>)> = Vec::new();
        for i in 0..parts.len() {
            let n = history::parts(raw(i)).note;
            if n == base_note {
                continue;
            }
            match notes.iter_mut().find(|(d, _)| *d == n) {
                Some((_, holders)) => holders.push(i),
                None => notes.push((n, vec![i])),
            }
        }
        let note = match notes.as_slice() {
            [] => NotePick::Base,
            [(_, holders)] => NotePick::Part(holders[0]),
            several => {
                out.notes_combined.push(key.clone());
                let text = several
                    .iter()
                    .filter_map(|(n, holders)| {
                        let who: Vec<&str> =
                            holders.iter().map(|i| out.names[*i].as_str()).collect();
                        n.as_ref().map(|n| format!("{}: {n}", who.join(", ")))
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                NotePick::Combined(text)
            }
        };
        out.keys.push(KeyPlan {
            key,
            base: b.cloned(),
            answer,
            note,
        });
    }
    out.conflicts = conflicts;
    out
}

/// The merged details: organisation, unit, audit date and language agree or are conflicts; the
/// auditors' names and the interview partners are gathered (each once, in the parts' order).
fn merge_meta(parts: &[Part]) -> (super::Meta, Vec<Conflict>) {
    let mut meta = parts
        .first()
        .map(|p| p.draft.meta.clone())
        .unwrap_or_default();
    let mut conflicts = Vec::new();
    let gather = |get: &dyn Fn(&super::Meta) -> &str, sep: &str| {
        let mut seen: Vec<&str> = Vec::new();
        for p in parts {
            let v = get(&p.draft.meta).trim();
            if !v.is_empty() && !seen.contains(&v) {
                seen.push(v);
            }
        }
        seen.join(sep)
    };
    meta.auditor = gather(&|m| &m.auditor, ", ");
    meta.interviewees = gather(&|m| &m.interviewees, "; ");
    for d in Detail::ALL {
        let mut distinct: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, p) in parts.iter().enumerate() {
            let Some(v) = d.of(&p.draft.meta) else {
                continue;
            };
            match distinct.iter_mut().find(|(x, _)| *x == v) {
                Some((_, h)) => h.push(i),
                None => distinct.push((v, vec![i])),
            }
        }
        match distinct.as_slice() {
            [] => {}
            [(v, _)] => {
                d.set(&mut meta, v);
            }
            several => {
                conflicts.push(Conflict {
                    subject: Subject::Detail(d),
                    asked: d.word().into(),
                    candidates: several
                        .iter()
                        .map(|(v, h)| Candidate {
                            parts: h.clone(),
                            shown: Text::new(v.clone(), v.clone()),
                            note: None,
                            // Details have no history of their own.
                            last: None,
                        })
                        .collect(),
                });
                d.set(&mut meta, &several[0].0);
            }
        }
    }
    (meta, conflicts)
}

/// Whether `text` is a value the detail can take (an audit date is YYYY-MM-DD, a language de or en).
pub fn detail_value_fits(d: Detail, text: &str) -> bool {
    let mut m = super::Meta::default();
    d.set(&mut m, text)
}

/// Whether `key` is something a rules file may name: an answer key of the checklist or a detail.
pub fn known_subject(checklist: &Arc<Checklist>, key: &str) -> bool {
    Detail::ALL.iter().any(|d| d.rule_key() == key)
        || Session::new(Arc::clone(checklist)).parse_key(key).is_some()
}
