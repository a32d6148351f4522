//! The action plan: per grouped measure (finding id) an owner, a due date and a status (open, in
//! progress, done, accepted risk with a justification), and the previous audit's plan a new audit of the
//! same organisation and unit starts from. Pure: the draft records every change in its history.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::outcome::{FindingGroup, Outcome};
use crate::i18n::{Lang, T, dates};

/// Answer-history keys of plan entries start with this (`plan:no_policy`); no answer key can, as ids
/// never contain a colon.
pub const KEY_PREFIX: &str = "plan:";

/// Where a measure stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Open,
    InProgress,
    Done,
    /// Not to be carried out: the organisation accepts the risk, with a justification.
    AcceptedRisk,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Open,
        Status::InProgress,
        Status::Done,
        Status::AcceptedRisk,
    ];

    pub fn word(self) -> T {
        match self {
            Status::Open => T::new("offen", "open"),
            Status::InProgress => T::new("in Bearbeitung", "in progress"),
            Status::Done => T::new("erledigt", "done"),
            Status::AcceptedRisk => T::new("Risiko akzeptiert", "accepted risk"),
        }
    }

    /// Still to be done: open or in progress (overdue when its due date has passed).
    pub fn pending(self) -> bool {
        matches!(self, Status::Open | Status::InProgress)
    }

    /// The next status, for a key that cycles through them.
    #[must_use]
    pub fn next(self) -> Status {
        let i = Status::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Status::ALL[(i + 1) % Status::ALL.len()]
    }
}

/// The plan for one grouped measure. A measure without an entry is open, without owner or due date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding id of the grouped measure.
    pub finding: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Why the risk is accepted (required for that status; kept as written otherwise).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub justification: String,
}

impl Entry {
    pub fn open(finding: &str) -> Entry {
        Entry {
            finding: finding.to_string(),
            ..Entry::default()
        }
    }

    /// Nothing planned: open, no owner, no due date, no justification (not stored).
    pub fn is_blank(&self) -> bool {
        *self == Entry::open(&self.finding)
    }

    /// Pending and due before `today`.
    pub fn overdue(&self, today: Date) -> bool {
        self.status.pending() && self.due.is_some_and(|d| d < today)
    }

    /// „in Bearbeitung, fällig 31.03.2026 (Verantwortlich: Frau Schulz)“ / "in progress, due 2026-03-31
    /// (owner: Ms Schulz)", with the justification of an accepted risk.
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = self.status.word().get(lang).to_string();
        if let Some(d) = self.due {
            out.push_str(
                &T::new(", fällig {0}", ", due {0}").fill(lang, &[&dates::date_short(lang, d)]),
            );
        }
        if !self.owner.trim().is_empty() {
            out.push_str(
                &T::new(" (Verantwortlich: {0})", " (owner: {0})").fill(lang, &[self.owner.trim()]),
            );
        }
        if self.status == Status::AcceptedRisk && !self.justification.trim().is_empty() {
            out.push_str(
                &T::new(" – Begründung: {0}", " – justification: {0}")
                    .fill(lang, &[self.justification.trim()]),
            );
        }
        out
    }

    /// The history key of this entry.
    pub fn key(&self) -> String {
        format!("{KEY_PREFIX}{}", self.finding)
    }

    /// The entry as the answer history records it.
    pub fn to_value(&self) -> Option<toml::Value> {
        toml::Value::try_from(self).ok()
    }
}

/// Why a plan entry was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("an accepted risk needs a justification")]
    NoJustification,
    #[error("the audit has no measure `{0}`")]
    UnknownMeasure(String),
    #[error("the due date is not a date")]
    Date(dates::DateError),
}

impl PlanError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            PlanError::NoJustification => T::new(
                "Ein akzeptiertes Risiko braucht eine Begründung.",
                "An accepted risk needs a justification.",
            )
            .get(lang)
            .to_string(),
            PlanError::UnknownMeasure(id) => T::new(
                "Das Audit hat keine Maßnahme `{0}`.",
                "The audit has no measure `{0}`.",
            )
            .fill(lang, &[id]),
            PlanError::Date(e) => e.text().get(lang).to_string(),
        }
    }
}

/// Check one entry on its own.
pub fn validate(entry: &Entry) -> Result<(), PlanError> {
    if entry.status == Status::AcceptedRisk && entry.justification.trim().is_empty() {
        return Err(PlanError::NoJustification);
    }
    Ok(())
}

/// A due date as typed: empty is none, else `31.03.2026` or `2026-03-31` (any day, also a past one).
pub fn parse_due(text: &str) -> Result<Option<Date>, PlanError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    dates::parse_date(text).map(Some).map_err(PlanError::Date)
}

/// The entry for `finding` in `plan`, or an open one.
pub fn entry_for(plan: &[Entry], finding: &str) -> Entry {
    plan.iter()
        .find(|e| e.finding == finding)
        .cloned()
        .unwrap_or_else(|| Entry::open(finding))
}

/// Put `entry` into `plan` (replacing the one for its measure; a blank entry removes it). Returns the
/// entry it replaced, if any. The plan stays sorted by finding id.
pub fn put(plan: &mut Vec<Entry>, entry: Entry) -> Option<Entry> {
    let old = plan
        .iter()
        .position(|e| e.finding == entry.finding)
        .map(|i| plan.remove(i));
    if !entry.is_blank() {
        let at = plan.partition_point(|e| e.finding < entry.finding);
        plan.insert(at, entry);
    }
    old
}

/// The plan as history values, keyed like the history (`plan:<id>`).
pub fn table(plan: &[Entry]) -> toml::Table {
    plan.iter()
        .filter_map(|e| Some((e.key(), e.to_value()?)))
        .collect()
}

/// The measures a plan can have entries for: the outcome's grouped measures (root causes; covered
/// findings are planned with the measure that covers them).
pub fn measures(outcome: &Outcome) -> impl Iterator<Item = &FindingGroup> {
    outcome.findings.iter()
}

/// How a stored plan disagrees with its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblem {
    /// An entry for a measure the result does not have.
    UnknownMeasure(String),
    /// Two entries for one measure.
    Duplicate(String),
    /// An accepted risk without a justification.
    NoJustification(String),
    /// The earlier audit's plan lists a measure twice.
    PreviousDuplicate(String),
}

impl PlanProblem {
    pub fn text(&self, lang: Lang) -> String {
        let (t, id) = match self {
            PlanProblem::UnknownMeasure(id) => (
                T::new(
                    "der Maßnahmenplan hat einen Eintrag für `{0}`, eine Maßnahme, die das Ergebnis nicht hat",
                    "the action plan has an entry for `{0}`, a measure the result does not have",
                ),
                id,
            ),
            PlanProblem::Duplicate(id) => (
                T::new(
                    "der Maßnahmenplan hat zwei Einträge für `{0}`",
                    "the action plan has two entries for `{0}`",
                ),
                id,
            ),
            PlanProblem::NoJustification(id) => (
                T::new(
                    "der Maßnahmenplan akzeptiert bei `{0}` ein Risiko ohne Begründung",
                    "the action plan accepts the risk of `{0}` without a justification",
                ),
                id,
            ),
            PlanProblem::PreviousDuplicate(id) => (
                T::new(
                    "der übernommene Maßnahmenplan nennt `{0}` zweimal",
                    "the carried-over action plan names `{0}` twice",
                ),
                id,
            ),
        };
        t.fill(lang, &[id])
    }
}

/// Check a plan against the outcome of its result: every entry names a grouped measure of it, once,
/// and an accepted risk has its justification.
pub fn check(
    plan: &[Entry],
    outcome: &Outcome,
    previous: Option<&Previous>,
) -> Result<(), PlanProblem> {
    let mut seen = std::collections::HashSet::new();
    for e in plan {
        if !seen.insert(e.finding.as_str()) {
            return Err(PlanProblem::Duplicate(e.finding.clone()));
        }
        if !measures(outcome).any(|g| g.id == e.finding) {
            return Err(PlanProblem::UnknownMeasure(e.finding.clone()));
        }
        if validate(e).is_err() {
            return Err(PlanProblem::NoJustification(e.finding.clone()));
        }
    }
    if let Some(p) = previous {
        let mut seen = std::collections::HashSet::new();
        for m in &p.measures {
            if !seen.insert(m.finding.as_str()) {
                return Err(PlanProblem::PreviousDuplicate(m.finding.clone()));
            }
        }
    }
    Ok(())
}

/// The action plan of the earlier audit of the same organisation and unit, as a new audit starts from
/// it: every grouped measure of that result with its entry and the questions it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Previous {
    pub audit_id: String,
    /// The earlier result's file name (no folder).
    pub file: String,
    /// Its audit date (or the day it was finished).
    pub audit_date: Date,
    #[serde(default, rename = "measure")]
    pub measures: Vec<PreviousMeasure>,
}

/// One measure of the earlier audit with where it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousMeasure {
    pub finding: String,
    pub title: String,
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub justification: String,
    /// The answer keys of the questions it was raised at.
    #[serde(default)]
    pub questions: Vec<String>,
}

impl PreviousMeasure {
    pub fn entry(&self) -> Entry {
        Entry {
            finding: self.finding.clone(),
            status: self.status,
            owner: self.owner.clone(),
            due: self.due,
            justification: self.justification.clone(),
        }
    }
}

impl Previous {
    /// The earlier audit's plan from its outcome and plan.
    pub fn of(
        audit_id: &str,
        file: &str,
        audit_date: Date,
        outcome: &Outcome,
        plan: &[Entry],
    ) -> Previous {
        let measures = measures(outcome)
            .map(|g| {
                let e = entry_for(plan, &g.id);
                let mut questions: Vec<String> = Vec::new();
                for p in g
                    .places
                    .iter()
                    .chain(g.covered.iter().flat_map(|c| &c.places))
                {
                    if let Some(q) = &p.question
                        && !questions.contains(q)
                    {
                        questions.push(q.clone());
                    }
                }
                PreviousMeasure {
                    finding: g.id.clone(),
                    title: g.title.clone(),
                    status: e.status,
                    owner: e.owner,
                    due: e.due,
                    justification: e.justification,
                    questions,
                }
            })
            .collect();
        Previous {
            audit_id: audit_id.to_string(),
            file: file.to_string(),
            audit_date,
            measures,
        }
    }

    /// The earlier measures raised at the question with answer key `key`.
    pub fn at_question<'a>(
        &'a self,
        key: &'a str,
    ) -> impl Iterator<Item = &'a PreviousMeasure> + 'a {
        self.measures
            .iter()
            .filter(move |m| m.questions.iter().any(|q| q == key))
    }

    /// What the question with answer key `key` shows of the earlier audit: one note per measure raised
    /// there (see [`Previous::note`]).
    pub fn notes_at(&self, key: &str, lang: Lang) -> Vec<String> {
        self.at_question(key).map(|m| self.note(m, lang)).collect()
    }

    /// „Maßnahme aus Audit vom 12.03.2025: in Bearbeitung, fällig 31.03.2026 (Verantwortlich: …)“.
    pub fn note(&self, m: &PreviousMeasure, lang: Lang) -> String {
        T::new(
            "Maßnahme aus Audit vom {0}: {1}",
            "Measure from the audit of {0}: {1}",
        )
        .fill(
            lang,
            &[
                &dates::date_short(lang, self.audit_date),
                &m.entry().describe(lang),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn entry(id: &str, status: Status) -> Entry {
        Entry {
            status,
            ..Entry::open(id)
        }
    }

    #[test]
    fn an_accepted_risk_needs_a_justification() {
        let mut e = entry("no_policy", Status::AcceptedRisk);
        assert_eq!(validate(&e), Err(PlanError::NoJustification));
        assert!(
            PlanError::NoJustification
                .text(Lang::De)
                .contains("Begründung")
        );
        assert!(
            PlanError::NoJustification
                .text(Lang::En)
                .contains("justification")
        );
        e.justification = "  ".into();
        assert!(validate(&e).is_err());
        e.justification = "Nur zwei Beschäftigte, Aufwand unverhältnismäßig".into();
        assert_eq!(validate(&e), Ok(()));
    }

    #[test]
    fn put_replaces_keeps_order_and_drops_blank_entries() {
        let mut plan = Vec::new();
        assert_eq!(put(&mut plan, entry("b", Status::Done)), None);
        put(&mut plan, entry("a", Status::InProgress));
        let ids: Vec<&str> = plan.iter().map(|e| e.finding.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let old = put(&mut plan, Entry::open("b"));
        assert_eq!(old.map(|e| e.status), Some(Status::Done));
        assert_eq!(plan.len(), 1);
        assert_eq!(entry_for(&plan, "b"), Entry::open("b"));
        assert_eq!(table(&plan).keys().collect::<Vec<_>>(), ["plan:a"]);
    }

    #[test]
    fn overdue_means_pending_and_due_before_the_day() {
        let day = Date::new(2026, 4, 1).unwrap();
        let mut e = entry("a", Status::InProgress);
        assert!(!e.overdue(day), "no due date");
        e.due = Some(Date::new(2026, 3, 31).unwrap());
        assert!(e.overdue(day));
        assert!(!e.overdue(Date::new(2026, 3, 31).unwrap()), "due today");
        e.status = Status::Done;
        assert!(!e.overdue(day));
        e.status = Status::AcceptedRisk;
        assert!(!e.overdue(day));
    }

    #[test]
    fn an_entry_reads_in_both_languages() {
        let e = Entry {
            owner: "Frau Schulz".into(),
            due: Some(Date::new(2026, 3, 31).unwrap()),
            ..entry("a", Status::InProgress)
        };
        assert_eq!(
            e.describe(Lang::De),
            "in Bearbeitung, fällig 31.03.2026 (Verantwortlich: Frau Schulz)"
        );
        assert_eq!(
            e.describe(Lang::En),
            "in progress, due 2026-03-31 (owner: Frau Schulz)"
        );
        assert_eq!(parse_due("31.03.2026").unwrap(), e.due);
        assert_eq!(parse_due("").unwrap(), None);
        assert!(matches!(parse_due("morgen"), Err(PlanError::Date(_))));
    }

    #[test]
    fn statuses_cycle_and_round_trip() {
        assert_eq!(Status::AcceptedRisk.next(), Status::Open);
        assert_eq!(Status::Open.next(), Status::InProgress);
        let e = entry("a", Status::AcceptedRisk);
        let v = e.to_value().unwrap();
        assert_eq!(
            v.get("status").and_then(|s| s.as_str()),
            Some("accepted_risk")
        );
        let back: Entry = v.try_into().unwrap();
        assert_eq!(back, e);
    }
}
