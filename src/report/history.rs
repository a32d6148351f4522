//! The change history of a result for reports: every recorded change with its question text, the old
//! and new answer and note in words, who made it, when and why. Derived once; every format renders it.

use jiff::Timestamp;
use serde::Serialize;

use super::answers::{Ctx, answer_row, toml_to_json};
use super::texts as tx;
use super::verification::clean;
use crate::audit::history::{Change, is_plan_key, parts};
use crate::audit::plan::Entry;
use crate::i18n::dates::{self, Zone};

/// One change of one answer.
#[derive(Debug, Clone, Serialize)]
// Independent facts of one change as the JSON report lists them (docs/report-json.md), not states.
#[allow(clippy::struct_excessive_bools)]
pub struct HistoryRow {
    pub at: Timestamp,
    /// `at` in the report's time zone, RFC 3339 with the offset.
    pub at_local: String,
    pub by: String,
    pub key: String,
    /// The question's text (with its repetition's label), or the answer key without the checklist.
    pub question: String,
    /// The whole answer before and after, as stored (null: no answer).
    pub old: serde_json::Value,
    pub new: serde_json::Value,
    /// The answer before and after in words, without the note.
    pub old_display: String,
    pub new_display: String,
    pub old_note: Option<String>,
    pub new_note: Option<String>,
    pub answer_changed: bool,
    pub note_changed: bool,
    /// A change of an answer that had been given already.
    pub correction: bool,
    pub reason: Option<String>,
    pub carried: bool,
    pub recovered: bool,
}

/// Counts for the heading line.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct HistoryCounts {
    pub changes: usize,
    pub answers: usize,
    pub corrections: usize,
}

pub(super) fn rows(ctx: &Ctx<'_>, history: &[Change], zone: &Zone) -> Vec<HistoryRow> {
    let lang = ctx.lang;
    let words = |key: &str, v: Option<&toml::Value>| -> String {
        // An action-plan entry (`plan:<finding id>`) in words: „in Bearbeitung, fällig …“.
        if is_plan_key(key) {
            return v
                .and_then(|v| v.clone().try_into::<Entry>().ok())
                .map_or_else(
                    || tx::HISTORY_NO_ANSWER.get(lang).to_string(),
                    |e| clean(&e.describe(lang)),
                );
        }
        match parts(v).answer {
            // The answer alone, as the answers table shows it, with the checklist's words when known.
            Some(a) => answer_row(ctx, key, &a).display,
            None => tx::HISTORY_NO_ANSWER.get(lang).to_string(),
        }
    };
    history
        .iter()
        .map(|c| {
            let key = clean(&c.key);
            let (old, new) = (parts(c.old.as_ref()), parts(c.new.as_ref()));
            let question = match &c.new.as_ref().or(c.old.as_ref()) {
                _ if is_plan_key(&c.key) => plan_measure(ctx, &c.key),
                Some(v) => answer_row(ctx, &c.key, v).question,
                None => key.clone(),
            };
            HistoryRow {
                at: c.at,
                at_local: dates::local_rfc3339(c.at, zone),
                by: clean(&c.by),
                question,
                old: c.old.as_ref().map_or(serde_json::Value::Null, toml_to_json),
                new: c.new.as_ref().map_or(serde_json::Value::Null, toml_to_json),
                old_display: words(&c.key, c.old.as_ref()),
                new_display: words(&c.key, c.new.as_ref()),
                old_note: old.note.as_deref().map(clean),
                new_note: new.note.as_deref().map(clean),
                answer_changed: c.answer_changed(),
                note_changed: c.note_changed(),
                correction: !is_plan_key(&c.key) && old.answer.is_some() && c.answer_changed(),
                reason: c.reason.as_deref().map(clean),
                carried: c.carried,
                recovered: c.recovered,
                key,
            }
        })
        .collect()
}

/// „Maßnahmenplan: <measure title>“ for a plan entry's history key.
fn plan_measure(ctx: &Ctx<'_>, key: &str) -> String {
    let id = key
        .strip_prefix(crate::audit::plan::KEY_PREFIX)
        .unwrap_or(key);
    let title = ctx
        .result
        .outcome
        .as_ref()
        .and_then(|o| o.findings.iter().find(|g| g.id == id))
        .map_or(id, |g| g.title.as_str());
    format!("{}: {}", tx::ACTION_PLAN.get(ctx.lang), clean(title))
}

pub(super) fn counts(rows: &[HistoryRow]) -> HistoryCounts {
    let mut keys: Vec<&str> = rows
        .iter()
        .map(|r| r.key.as_str())
        .filter(|k| !is_plan_key(k))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    HistoryCounts {
        changes: rows.len(),
        answers: keys.len(),
        corrections: rows.iter().filter(|r| r.correction).count(),
    }
}

impl HistoryRow {
    /// "Before → after" for people: the answer, the note, or both, as changed; "(none)" for no answer.
    pub fn change_text(&self, lang: crate::lang::Lang) -> (String, String) {
        let none = tx::HISTORY_NO_ANSWER.get(lang);
        let mark = tx::ANSWER_NOTE.get(lang);
        let side = |stored: &serde_json::Value, display: &str, note: &Option<String>| -> String {
            if stored.is_null() {
                return none.to_string();
            }
            let note = note.as_deref().map(|n| format!("{mark}: {n}"));
            match (self.answer_changed, self.note_changed, note) {
                (false, true, Some(n)) => n,
                (false, true, None) => format!("{mark}: {none}"),
                (true, true, Some(n)) => format!("{display} ({n})"),
                _ => display.to_string(),
            }
        };
        (
            side(&self.old, &self.old_display, &self.old_note),
            side(&self.new, &self.new_display, &self.new_note),
        )
    }

    /// The reason, with what kind of entry it is (carried over, recovered) where that applies.
    pub fn remark(&self, lang: crate::lang::Lang) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(r) = &self.reason {
            parts.push(r.clone());
        }
        if self.carried {
            parts.push(tx::HISTORY_CARRIED.get(lang).to_string());
        }
        if self.recovered {
            parts.push(tx::HISTORY_RECOVERED.get(lang).to_string());
        }
        parts.join("; ")
    }
}
