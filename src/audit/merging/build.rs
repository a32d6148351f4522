//! The merged draft of a plan and the decisions of its conflicts: its answers, its details and a history
//! that leads to its answers (`history::check` holds): the shared start, then each taken answer's own
//! changes with their auditor, then one entry per decided conflict or combined note, naming every value.

use std::collections::BTreeSet;
use std::sync::Arc;

use jiff::Timestamp;

use super::{Choice, Conflict, KeyPlan, NotePick, Part, Pick, Plan, Subject};
use crate::audit::draft::{DRAFT_FORMAT, Draft, new_audit_id};
use crate::audit::history::{self, Change};
use crate::audit::session::Session;
use crate::checklist::Checklist;
use crate::i18n::{T, Text};
use crate::lang::Lang;

/// An answer written as in a draft from its answer part and note (plain where it is just a value).
pub(super) fn with_note(answer: Option<toml::Value>, note: Option<String>) -> Option<toml::Value> {
    match (answer, note) {
        (None, None) => None,
        (Some(toml::Value::Table(mut t)), note) => {
            match note {
                Some(n) => t.insert("note".into(), toml::Value::String(n)),
                None => t.remove("note"),
            };
            Some(toml::Value::Table(t))
        }
        (Some(v), None) => Some(v),
        (v, Some(n)) => {
            let mut t = toml::Table::new();
            if let Some(v) = v {
                t.insert("value".into(), v);
            }
            t.insert("note".into(), toml::Value::String(n));
            Some(toml::Value::Table(t))
        }
    }
}

/// The candidate a choice takes, if it takes one.
fn chosen(choice: &Choice) -> Option<usize> {
    match choice {
        Choice::Reviewed(n) | Choice::Rule(n) => Some(*n),
        Choice::RuleValue(_) => None,
    }
}

/// The merged draft: `choices` decide `plan.conflicts`, one each, in order. A new audit id (the parts
/// stay as they are); the merge's own entries are by the merged draft's auditor(s) at `now`.
pub fn merged(
    plan: &Plan,
    parts: &[Part],
    choices: &[Choice],
    checklist: &Arc<Checklist>,
    now: Timestamp,
) -> Result<Draft, Text> {
    if choices.len() != plan.conflicts.len() || parts.len() != plan.names.len() {
        return Err(T::new(
            "{0} von {1} Konflikten sind entschieden",
            "{0} of {1} conflicts are decided",
        )
        .both(&[
            &choices.len().to_string(),
            &plan.conflicts.len().to_string(),
        ]));
    }
    let session = Session::new(Arc::clone(checklist));
    let mut meta = plan.meta.clone();
    for (c, choice) in plan.conflicts.iter().zip(choices) {
        let Subject::Detail(d) = c.subject else {
            continue;
        };
        let text = match choice {
            Choice::Reviewed(n) | Choice::Rule(n) => {
                c.candidates.get(*n).map(|x| x.shown.en.clone())
            }
            Choice::RuleValue(toml::Value::String(s)) => Some(s.clone()),
            Choice::RuleValue(_) => None,
        };
        if !text.is_some_and(|t| d.set(&mut meta, &t)) {
            return Err(
                T::new("kein gültiger Wert für {0}", "no valid value for {0}")
                    .both(&[d.rule_key()]),
            );
        }
    }
    let lang = meta.lang;
    let by = meta.auditor.clone();
    let mut answers = toml::Table::new();
    // Per part, the keys whose own changes the merged history takes from it.
    let mut sourced: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); parts.len()];
    let mut merge_entries: Vec<Change> = Vec::new();
    for kp in &plan.keys {
        let raw = |i: usize| parts[i].draft.answers.get(&kp.key);
        let answer = match &kp.answer {
            Pick::Base => history::parts(kp.base.as_ref()).answer,
            Pick::Part(i) => history::parts(raw(*i)).answer,
            Pick::Conflict(n) => match &choices[*n] {
                Choice::RuleValue(v) => history::parts(Some(v)).answer,
                choice => {
                    let c = chosen(choice)
                        .and_then(|i| plan.conflicts[*n].candidates.get(i))
                        .ok_or_else(|| bad_choice(&kp.key))?;
                    history::parts(raw(c.parts[0])).answer
                }
            },
        };
        let note = match &kp.note {
            NotePick::Base => history::parts(kp.base.as_ref()).note,
            NotePick::Part(i) => history::parts(raw(*i)).note,
            NotePick::Combined(s) => Some(s.clone()),
        };
        let value = with_note(answer, note);
        let source = source(kp, parts, plan, choices, value.as_ref());
        let reached = source.map_or(kp.base.as_ref(), raw);
        if let Some(s) = source {
            sourced[s].insert(&kp.key);
        }
        if reached != value.as_ref() {
            merge_entries.push(Change {
                at: now,
                by: by.clone(),
                key: kp.key.clone(),
                old: reached.cloned(),
                new: value.clone(),
                reason: Some(reason(kp, plan, choices, &session, lang)),
                carried: false,
                recovered: false,
            });
        }
        if let Some(v) = value {
            answers.insert(kp.key.clone(), v);
        }
    }
    let mut history: Vec<Change> = parts
        .first()
        .map(|p| p.draft.history[..plan.shared].to_vec())
        .unwrap_or_default();
    let base = history::replay(&history);
    let sequences: Vec<Vec<Change>> = parts
        .iter()
        .zip(&sourced)
        .map(|(p, keys)| own_changes(p, plan.shared, keys, &base))
        .collect();
    history.extend(interleave(sequences));
    history.extend(merge_entries);

    let ids: Vec<&str> = parts.iter().map(|p| p.draft.audit_id.as_str()).collect();
    let first = &parts[0].draft;
    let mut draft = Draft {
        format: DRAFT_FORMAT,
        audit_id: new_audit_id(now, &format!("merge:{}", ids.join(":"))),
        started: parts.iter().map(|p| p.draft.started).min().unwrap_or(now),
        updated: now,
        checklist: first.checklist.clone(),
        meta,
        position: None,
        answered: 0,
        required: 0,
        answers,
        signoff_form: None,
        amends: first.amends.clone(),
        // Attached files live beside each part's draft; merging them is not done yet (docs/merge.md).
        evidence: Vec::new(),
        history,
    };
    let (s, _) = draft.restore(Arc::clone(checklist));
    let p = s.progress();
    draft.answered = p.answered;
    draft.required = p.required;
    Ok(draft)
}

fn bad_choice(key: &str) -> Text {
    T::new(
        "die Entscheidung zu {0} nennt keinen der Werte",
        "the decision on {0} names none of the values",
    )
    .both(&[key])
}

/// The part whose own changes lead the merged history towards `value`: for a conflict, one that held
/// another value than the one decided (the merge entry then goes from that value to the decided one, so
/// it names both); else one that holds it exactly, else the first that changed the answer. None: no
/// part changed it since the shared start.
fn source(
    kp: &KeyPlan,
    parts: &[Part],
    plan: &Plan,
    choices: &[Choice],
    value: Option<&toml::Value>,
) -> Option<usize> {
    let raw = |i: usize| parts[i].draft.answers.get(&kp.key);
    let changed: Vec<usize> = (0..parts.len())
        .filter(|i| raw(*i) != kp.base.as_ref())
        .collect();
    if let Pick::Conflict(n) = &kp.answer {
        let taken = chosen(&choices[*n]);
        let c: &Conflict = &plan.conflicts[*n];
        return c
            .candidates
            .iter()
            .enumerate()
            .find(|(i, _)| Some(*i) != taken)
            .map(|(_, x)| x.parts[0]);
    }
    changed
        .iter()
        .copied()
        .find(|i| raw(*i) == value)
        .or_else(|| changed.first().copied())
}

/// The changes of `part` after the shared start for `keys`, in their order. A key whose changes do not
/// lead from the shared start to the part's answer (a damaged or older journal) gets one recovered
/// change at the part's last save instead.
fn own_changes(
    part: &Part,
    shared: usize,
    keys: &BTreeSet<&str>,
    base: &toml::Table,
) -> Vec<Change> {
    let own = &part.draft.history[shared.min(part.draft.history.len())..];
    let leads = |key: &str| {
        let mut at = base.get(key);
        for c in own.iter().filter(|c| c.key == key) {
            if c.old.as_ref() != at {
                return false;
            }
            at = c.new.as_ref();
        }
        at == part.draft.answers.get(key)
    };
    let broken: BTreeSet<&str> = keys.iter().copied().filter(|k| !leads(k)).collect();
    let mut out: Vec<Change> = own
        .iter()
        .filter(|c| keys.contains(c.key.as_str()) && !broken.contains(c.key.as_str()))
        .cloned()
        .collect();
    out.extend(broken.into_iter().map(|k| Change {
        at: part.draft.updated,
        by: part.draft.meta.auditor.clone(),
        key: k.to_string(),
        old: base.get(k).cloned(),
        new: part.draft.answers.get(k).cloned(),
        reason: None,
        carried: false,
        recovered: true,
    }));
    out
}

/// The parts' changes in one sequence by time, each part's in its own order (so that the changes of one
/// key stay in order even where a clock went back).
fn interleave(sequences: Vec<Vec<Change>>) -> Vec<Change> {
    let mut iters: Vec<std::iter::Peekable<std::vec::IntoIter<Change>>> = sequences
        .into_iter()
        .map(|s| s.into_iter().peekable())
        .collect();
    let mut out = Vec::new();
    loop {
        let next = iters
            .iter_mut()
            .enumerate()
            .filter_map(|(i, it)| it.peek().map(|c| (c.at, i)))
            .min();
        let Some((_, i)) = next else {
            return out;
        };
        if let Some(c) = iters[i].next() {
            out.push(c);
        }
    }
}

/// Why the merge changed an answer, in the audit's language: every value with its auditors and the one
/// taken, and/or the notes combined.
fn reason(kp: &KeyPlan, plan: &Plan, choices: &[Choice], session: &Session, lang: Lang) -> String {
    let mut said = Vec::new();
    if let Pick::Conflict(n) = &kp.answer {
        let c = &plan.conflicts[*n];
        let who = |parts: &[usize]| {
            parts
                .iter()
                .map(|i| plan.names[*i].as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let values = c
            .candidates
            .iter()
            .map(|x| format!("{}: {}", who(&x.parts), quoted(lang, x.shown.get(lang))))
            .collect::<Vec<_>>()
            .join("; ");
        let taken = match &choices[*n] {
            Choice::Reviewed(i) | Choice::Rule(i) => {
                let how = if matches!(choices[*n], Choice::Rule(_)) {
                    T::new("nach der Regeldatei", "by the rules file")
                } else {
                    T::new("in der Durchsicht", "in the review")
                };
                c.candidates.get(*i).map_or_else(String::new, |x| {
                    format!(
                        "{} ({}, {})",
                        quoted(lang, x.shown.get(lang)),
                        who(&x.parts),
                        how.get(lang)
                    )
                })
            }
            Choice::RuleValue(v) => format!(
                "{} ({})",
                quoted(lang, &super::shown_in(session, &kp.key, Some(v), lang)),
                T::new("Wert der Regeldatei", "the rules file's value").get(lang)
            ),
        };
        said.push(T::new("{0}; übernommen: {1}", "{0}; taken: {1}").fill(lang, &[&values, &taken]));
    }
    if let NotePick::Combined(_) = &kp.note {
        said.push(
            T::new("Notizen von {0} zusammengefasst", "notes of {0} combined")
                .fill(lang, &[&plan.names.join(", ")]),
        );
    }
    T::new("Zusammenführung: {0}", "merge: {0}").fill(lang, &[&said.join("; ")])
}

fn quoted(lang: Lang, s: &str) -> String {
    match lang {
        Lang::De => format!("„{s}“"),
        Lang::En => format!("\"{s}\""),
    }
}
