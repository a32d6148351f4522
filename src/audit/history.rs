//! The answer history: every change of an answer or note, when, by whom, old → new and an optional reason.
//! Found by comparing the answers at each capture of a draft (pure); the store journals it, the result
//! carries it as `[[history]]`, and `verify` checks that it leads to the result's answers.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One change of one answer (its value, state, "other" text or note).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When the change was confirmed (saved).
    pub at: Timestamp,
    /// The auditor of the draft.
    pub by: String,
    /// The answer key, e.g. `email.staff` or `review[whatsapp].backup`.
    pub key: String,
    /// The answer before, written as in the draft (`values::answer_to_toml`); absent: no answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<toml::Value>,
    /// The answer after; absent: the answer was removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<toml::Value>,
    /// Why it was changed, when the auditor said so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Carried over by a `prefill` question, not set by the auditor.
    #[serde(default, skip_serializing_if = "is_false")]
    pub carried: bool,
    /// Rebuilt when the draft was resumed: the draft held an answer that the journal had no line for
    /// (a kill between saving the draft and writing its journal line, or a draft older than journals).
    /// Its time is the draft's last save.
    #[serde(default, skip_serializing_if = "is_false")]
    pub recovered: bool,
}

// serde's skip_serializing_if passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// The two parts of an answer a person reads apart: the answer itself and its note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    /// The answer without its note (value or state, and the "other" text); None: no answer.
    pub answer: Option<toml::Value>,
    pub note: Option<String>,
}

/// Split an answer as written in a draft or result into answer and note.
pub fn parts(v: Option<&toml::Value>) -> Parts {
    let Some(v) = v else {
        return Parts::default();
    };
    let toml::Value::Table(t) = v else {
        return Parts {
            answer: Some(v.clone()),
            note: None,
        };
    };
    let note = t
        .get("note")
        .and_then(toml::Value::as_str)
        .map(str::to_string);
    let mut rest = t.clone();
    rest.remove("note");
    let answer = match (rest.len(), rest.get("value")) {
        (0, _) => None,
        (1, Some(v)) => Some(v.clone()),
        _ => Some(toml::Value::Table(rest)),
    };
    Parts { answer, note }
}

impl Change {
    /// Whether the answer (value, state or "other") changed, apart from the note.
    pub fn answer_changed(&self) -> bool {
        parts(self.old.as_ref()).answer != parts(self.new.as_ref()).answer
    }

    /// Whether the note changed.
    pub fn note_changed(&self) -> bool {
        parts(self.old.as_ref()).note != parts(self.new.as_ref()).note
    }
}

/// The changes from `old` to `new` answers (both keyed by answer key): first the keys of `new` in their
/// order, then the keys only `old` has. `carried` tells which keys of `new` a `prefill` carried over.
pub fn diff(
    old: &toml::Table,
    new: &toml::Table,
    at: Timestamp,
    by: &str,
    carried: impl Fn(&str) -> bool,
) -> Vec<Change> {
    let change = |key: &str, before: Option<&toml::Value>, after: Option<&toml::Value>| Change {
        at,
        by: by.to_string(),
        key: key.to_string(),
        old: before.cloned(),
        new: after.cloned(),
        reason: None,
        carried: after.is_some() && carried(key),
        recovered: false,
    };
    let mut out: Vec<Change> = new
        .iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, v)| change(k, old.get(k), Some(v)))
        .collect();
    out.extend(
        old.iter()
            .filter(|(k, _)| !new.contains_key(*k))
            .map(|(k, v)| change(k, Some(v), None)),
    );
    out
}

/// The answers the history leads to: the last recorded value of every key (keys last removed left out).
pub fn replay(history: &[Change]) -> toml::Table {
    let mut last: BTreeMap<&str, Option<&toml::Value>> = BTreeMap::new();
    for c in history {
        last.insert(&c.key, c.new.as_ref());
    }
    last.into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), v.clone())))
        .collect()
}

/// Whether a history key is an action-plan entry's (`plan:<finding id>`), not an answer's.
pub fn is_plan_key(key: &str) -> bool {
    key.starts_with(super::plan::KEY_PREFIX)
}

/// The answers the history leads to, without the action plan's entries.
pub fn replay_answers(history: &[Change]) -> toml::Table {
    let mut t = replay(history);
    t.retain(|k, _| !is_plan_key(k));
    t
}

/// The action plan's entries the history leads to (keys `plan:<finding id>`).
pub fn replay_plan(history: &[Change]) -> toml::Table {
    let mut t = replay(history);
    t.retain(|k, _| is_plan_key(k));
    t
}

/// How a history disagrees with the answers it should lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inconsistency {
    /// Entry `index` (0-based) says the answer at `key` was something it was not after the entry before.
    Broken { index: usize, key: String },
    /// The last recorded value of `key` is not the answer stored for it (or it has no entry at all).
    Differs { key: String },
}

impl Inconsistency {
    /// In words, German and English.
    pub fn text(&self, lang: crate::lang::Lang) -> String {
        use crate::i18n::T;
        match self {
            Inconsistency::Broken { index, key } => T::new(
                "Eintrag {0} des Änderungsverlaufs (Antwort `{1}`) schließt nicht an den vorigen Wert an",
                "entry {0} of the change history (answer `{1}`) does not start from the value before it",
            )
            .fill(lang, &[&(index + 1).to_string(), key]),
            Inconsistency::Differs { key } => T::new(
                "der Änderungsverlauf führt bei `{0}` nicht zur gespeicherten Antwort",
                "the change history does not lead to the stored answer of `{0}`",
            )
            .fill(lang, &[key]),
        }
    }
}

/// Check `history` against the `answers` (visible and hidden together) it should lead to: every entry
/// starts from the value the previous entry of its key left (none before the first), and the last value
/// of every key is the stored answer; every stored answer has an entry. Times, names and reasons cannot
/// be checked against anything here: the signature covers them.
pub fn check(history: &[Change], answers: &toml::Table) -> Result<(), Inconsistency> {
    let mut now: BTreeMap<&str, Option<&toml::Value>> = BTreeMap::new();
    for (index, c) in history.iter().enumerate() {
        let before = now.get(c.key.as_str()).copied().flatten();
        if before != c.old.as_ref() {
            return Err(Inconsistency::Broken {
                index,
                key: c.key.clone(),
            });
        }
        now.insert(&c.key, c.new.as_ref());
    }
    let led_to = replay(history);
    for key in answers.keys().chain(led_to.keys()) {
        if answers.get(key) != led_to.get(key) {
            return Err(Inconsistency::Differs { key: key.clone() });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn table(text: &str) -> toml::Table {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn diff_finds_new_changed_and_removed_answers_and_nothing_else() {
        let at = Timestamp::UNIX_EPOCH;
        let old = table("a = 1\nb = true\nc = \"x\"");
        let new = table("a = 1\nb = { value = true, note = \"seen\" }\nd = [\"m\"]");
        let d = diff(&old, &new, at, "Erika", |k| k == "d");
        let keys: Vec<&str> = d.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["b", "d", "c"]);
        assert!(!d[0].answer_changed() && d[0].note_changed());
        assert!(d[1].carried && d[1].old.is_none());
        assert!(d[2].new.is_none() && !d[2].carried);
        assert_eq!(
            replay(&d),
            table("b = { value = true, note = \"seen\" }\nd = [\"m\"]")
        );
    }

    #[test]
    fn check_follows_every_entry_and_ends_at_the_answers() {
        let at = Timestamp::UNIX_EPOCH;
        let empty = toml::Table::new();
        let one = table("a = 1");
        let two = table("a = 2");
        let mut h = diff(&empty, &one, at, "E", |_| false);
        h.extend(diff(&one, &two, at, "E", |_| false));
        assert_eq!(check(&h, &two), Ok(()));
        assert_eq!(
            check(&h, &one),
            Err(Inconsistency::Differs { key: "a".into() })
        );
        let mut edited = h.clone();
        edited[0].new = Some(toml::Value::Integer(5));
        assert_eq!(
            check(&edited, &two),
            Err(Inconsistency::Broken {
                index: 1,
                key: "a".into()
            })
        );
        assert_eq!(
            check(&h[..1], &table("a = 1\nb = 2")),
            Err(Inconsistency::Differs { key: "b".into() })
        );
    }

    #[test]
    fn parts_split_answer_and_note() {
        let v: toml::Value = toml::Value::Table(table("value = 3\nnote = \"n\""));
        assert_eq!(
            parts(Some(&v)),
            Parts {
                answer: Some(toml::Value::Integer(3)),
                note: Some("n".into())
            }
        );
        let v: toml::Value = toml::Value::Table(table("note = \"only\""));
        assert_eq!(parts(Some(&v)).answer, None);
        let v: toml::Value = toml::Value::Table(table("state = \"unknown\""));
        assert!(matches!(
            parts(Some(&v)).answer,
            Some(toml::Value::Table(_))
        ));
    }
}
