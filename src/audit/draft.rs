//! The draft: an audit in progress as a TOML document (metadata, checklist identity, position, answers).
//! Pure conversion both ways; writing it to disk atomically is the store's job.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::evidence::Evidence;
use super::history::{self, Change};
use super::meta::Meta;
use super::outcome::Outcome;
use super::plan::{self, Entry, PlanError, Previous};
use super::result::{ResultFile, Supersedes};
use super::session::Session;
use super::values;
use crate::checklist::Checklist;

pub const DRAFT_FORMAT: u32 = 1;

/// Which checklist (and exactly which bytes of it) an audit was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistRef {
    pub id: String,
    pub version: String,
    pub sha256: String,
    /// Where it was loaded from, to find it again on resume.
    pub path: PathBuf,
}

impl ChecklistRef {
    /// The path is made absolute (canonical where the file exists), so that a draft resumed from
    /// another working folder still finds its checklist; a path that does not resolve stays as it is.
    pub fn of(c: &Checklist) -> Self {
        // canonicalize on Windows adds the \\?\ prefix that users and many tools do not expect.
        #[cfg(windows)]
        let absolute = std::path::absolute(&c.path).ok();
        #[cfg(not(windows))]
        let absolute = std::fs::canonicalize(&c.path).ok();
        ChecklistRef {
            id: c.id.clone(),
            version: c.version.clone(),
            sha256: c.sha256.clone(),
            path: absolute.unwrap_or_else(|| c.path.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub format: u32,
    /// Short random id of the audit; names the draft, the result and the signature's trusted comment.
    pub audit_id: String,
    pub started: Timestamp,
    pub updated: Timestamp,
    pub checklist: ChecklistRef,
    pub meta: Meta,
    /// Answer key of the question the auditor was at.
    pub position: Option<String>,
    /// Progress when last saved, so that listing drafts needs no checklist.
    #[serde(default)]
    pub answered: usize,
    #[serde(default)]
    pub required: usize,
    #[serde(default)]
    pub answers: toml::Table,
    /// A sign-off form the auditor left half-filled (Ctrl-C, q, SIGTERM), offered again when the sign-off
    /// opens. Never a password. Absent in drafts written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signoff_form: Option<SignOffForm>,
    /// The signed result this draft corrects (`msgaudit amend`): signed, it becomes the result's
    /// `[supersedes]`. Absent in every other draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<Supersedes>,
    /// The action plan so far: owner, due date and status per grouped measure (docs/action-plan.md).
    /// Every change of it is in the history too (keys `plan:<finding id>`).
    #[serde(default, rename = "plan", skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<Entry>,
    /// The plan of the earlier audit of the same organisation and unit this audit started from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_plan: Option<Previous>,
    /// Files attached to questions (`crate::evidence`: copies in `<draft>.evidence/` beside the draft).
    /// Absent in drafts without evidence.
    #[serde(default, rename = "evidence", skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Every change of an answer or note so far. Not part of the draft file (rewriting it would cost
    /// the whole history per answer): the store appends each change to the draft's journal and reads
    /// it back on resume.
    #[serde(skip)]
    pub history: Vec<Change>,
}

/// What was typed into the sign-off form: signer, role, statement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOffForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub statement: String,
}

/// What happened to the answers when a draft was resumed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resumed {
    /// The checklist's hash differs from the one the draft was started with.
    pub checklist_changed: bool,
    /// Answer keys that no longer exist (or whose value no longer fits), with the reason.
    pub dropped: Vec<(String, crate::i18n::Text)>,
}

/// A fresh audit id: 8 hex digits from the time, the process and the organisation (unique enough to name
/// files of one auditor; not a secret).
pub fn new_audit_id(now: Timestamp, organisation: &str) -> String {
    let mut h = Sha256::new();
    h.update(now.as_nanosecond().to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(organisation.as_bytes());
    hex::encode(&h.finalize()[..4])
}

impl Draft {
    pub fn new(checklist: &Checklist, meta: Meta, now: Timestamp) -> Draft {
        Draft {
            format: DRAFT_FORMAT,
            audit_id: new_audit_id(now, &meta.organisation),
            started: now,
            updated: now,
            checklist: ChecklistRef::of(checklist),
            meta,
            position: None,
            answered: 0,
            required: 0,
            answers: toml::Table::new(),
            signoff_form: None,
            amends: None,
            plan: Vec::new(),
            previous_plan: None,
            evidence: Vec::new(),
            history: Vec::new(),
        }
    }

    /// Start from the action plan of the earlier audit of this organisation and unit: its entries
    /// (status, owner, due date, justification) become this draft's, each recorded as carried over.
    pub fn start_from(&mut self, previous: Previous, now: Timestamp) {
        for m in &previous.measures {
            let e = m.entry();
            if !e.is_blank() {
                self.record_plan(&e, now, true);
            }
        }
        self.previous_plan = Some(previous);
    }

    /// Set the plan of one grouped measure of `outcome` (the one shared way both front ends change the
    /// plan): checked, recorded in the history, a blank entry removes it. False when nothing changed.
    pub fn set_plan(
        &mut self,
        entry: Entry,
        outcome: &Outcome,
        now: Timestamp,
    ) -> Result<bool, PlanError> {
        if !plan::measures(outcome).any(|g| g.id == entry.finding) {
            return Err(PlanError::UnknownMeasure(entry.finding));
        }
        let entry = Entry {
            owner: entry.owner.trim().to_string(),
            justification: entry.justification.trim().to_string(),
            ..entry
        };
        plan::validate(&entry)?;
        if plan::entry_for(&self.plan, &entry.finding) == entry {
            return Ok(false);
        }
        self.record_plan(&entry, now, false);
        self.updated = now;
        Ok(true)
    }

    fn record_plan(&mut self, entry: &Entry, now: Timestamp, carried: bool) {
        let old = plan::put(&mut self.plan, entry.clone());
        self.history.push(Change {
            at: now,
            by: self.meta.auditor.clone(),
            key: entry.key(),
            old: old.and_then(|e| e.to_value()),
            new: (!entry.is_blank()).then(|| entry.to_value()).flatten(),
            reason: None,
            carried,
            recovered: false,
        });
    }

    /// A new draft that corrects the signed `result`: its answers (with notes, visible and hidden),
    /// details and checklist, under a new audit id (so its result never collides with the old file's
    /// name, also on the same day). `checklist` names where the result's checklist is found now; a
    /// changed checklist is then offered as on any resume.
    pub fn amending(
        result: &ResultFile,
        amends: Supersedes,
        checklist: ChecklistRef,
        now: Timestamp,
    ) -> Draft {
        let mut answers = result.answers.clone();
        for (k, v) in &result.hidden_answers {
            answers.insert(k.clone(), v.clone());
        }
        Draft {
            format: DRAFT_FORMAT,
            audit_id: new_audit_id(now, &format!("{}:{}", result.audit_id, amends.sha256)),
            started: now,
            updated: now,
            checklist,
            meta: result.meta.clone(),
            position: None,
            answered: result.summary.answered,
            required: result.summary.required,
            answers,
            signoff_form: Some(SignOffForm {
                name: result.signoff.name.clone(),
                role: result.signoff.role.clone(),
                statement: result.signoff.statement.clone(),
            }),
            amends: Some(amends),
            plan: result.plan.clone(),
            previous_plan: result.previous_plan.clone(),
            // The corrected result's evidence stays with that result; files are attached anew.
            evidence: Vec::new(),
            // The corrected result's history goes on: the amendment's changes are appended to it.
            history: result.history.clone(),
        }
    }

    /// Take the answers and position of `session` into this draft.
    /// Every answer or note that differs from the last capture is added to the history.
    pub fn capture(&mut self, session: &Session, now: Timestamp) {
        let answers = values::answers_table(session);
        let carried = |key: &str| {
            session
                .parse_key(key)
                .is_some_and(|k| session.is_carried(k))
        };
        self.history.extend(history::diff(
            &self.answers,
            &answers,
            now,
            &self.meta.auditor,
            carried,
        ));
        self.answers = answers;
        self.position = session.current().map(|k| session.key_string(k));
        let p = session.progress();
        self.answered = p.answered;
        self.required = p.required;
        self.updated = now;
    }

    /// Give the last change a reason (a correction said why). False when there is no change yet.
    pub fn annotate_last(&mut self, reason: &str) -> bool {
        let reason = reason.trim();
        match self.history.last_mut() {
            Some(c) if !reason.is_empty() => {
                c.reason = Some(reason.to_string());
                true
            }
            _ => false,
        }
    }

    /// Rebuild the session; answers that do not fit the (possibly changed) checklist are dropped and listed.
    pub fn restore(&self, checklist: Arc<Checklist>) -> (Session, Resumed) {
        let changed = checklist.sha256 != self.checklist.sha256;
        let mut session = Session::new(checklist);
        let mut dropped = Vec::new();
        for (key, value) in &self.answers {
            if let Err(reason) = values::apply(&mut session, key, value) {
                dropped.push((key.clone(), reason));
            }
        }
        if let Some(k) = self.position.as_deref().and_then(|p| session.parse_key(p)) {
            // The key was just parsed from this session, so it exists.
            let _ = session.go_to(k);
        }
        // Resume where the work is: at the first question without a response from the saved position on
        // (the saved one itself when it is still open).
        if let Some(k) = session.current()
            && session.answer(k).response.is_some()
        {
            let mut next = session.next_visible(k);
            while let Some(n) = next {
                if session.answer(n).response.is_none() {
                    let _ = session.go_to(n);
                    break;
                }
                next = session.next_visible(n);
            }
        }
        (
            session,
            Resumed {
                checklist_changed: changed,
                dropped,
            },
        )
    }

    /// From now on the draft belongs to `checklist` (the auditor resumed it on a changed version); the
    /// answers that fit are kept by the next `capture`. Both front ends call this, so a resumed draft
    /// warns about the change once, not on every resume.
    pub fn adopt(&mut self, checklist: &Checklist) {
        self.checklist = ChecklistRef::of(checklist);
    }

    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }

    pub fn from_toml(text: &str) -> Result<Draft, String> {
        let d: Draft = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if d.format != DRAFT_FORMAT {
            return Err(format!(
                "draft format {} is not supported by this msgaudit (it reads format {DRAFT_FORMAT})",
                d.format
            ));
        }
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn a_half_filled_sign_off_form_is_kept_and_old_drafts_still_load() {
        let c = crate::checklist::load(std::path::Path::new("tests/fixtures/small.toml")).unwrap();
        let now = Timestamp::from_second(1_790_000_000).unwrap();
        let mut d = Draft::new(&c, Meta::default(), now);
        let old = d.to_toml().unwrap();
        assert!(!old.contains("signoff_form"), "{old}");
        assert_eq!(Draft::from_toml(&old).unwrap().signoff_form, None);
        d.signoff_form = Some(SignOffForm {
            name: "Dr. Erika Muster".into(),
            role: "DSB".into(),
            statement: "Geprüft.\nMit Vorbehalt.".into(),
        });
        let text = d.to_toml().unwrap();
        assert_eq!(Draft::from_toml(&text).unwrap(), d);
    }

    /// `Session::new` copies a remembered blank session of the checklist: answering one session must
    /// never show in the next, and the copy is what a session laid out afresh is.
    #[test]
    fn a_new_session_is_blank_after_another_of_the_same_checklist_was_answered() {
        let c = Arc::new(
            crate::checklist::load(std::path::Path::new("tests/fixtures/small.toml")).unwrap(),
        );
        let fresh = Session::new(Arc::clone(&c)).recomputed();
        let mut answered = Session::new(Arc::clone(&c));
        values::apply(
            &mut answered,
            "email.processes",
            &toml::Value::Array(vec!["orders".into()]),
        )
        .unwrap();
        values::apply(
            &mut answered,
            "email.in_records",
            &toml::Value::Boolean(true),
        )
        .unwrap();
        answered
            .set_note(
                answered.parse_key("email.in_records").unwrap(),
                Some("n".into()),
            )
            .unwrap();
        assert_ne!(answered.progress(), fresh.progress());
        let next = Session::new(Arc::clone(&c));
        assert_eq!(next.progress(), fresh.progress());
        assert_eq!(next.current(), fresh.current());
        assert!(
            next.answers()
                .all(|(_, a)| a.value().is_none() && a.note.is_none())
        );
        assert_eq!(
            next.open_required().collect::<Vec<_>>(),
            fresh.open_required().collect::<Vec<_>>()
        );
    }

    #[test]
    fn resuming_lands_on_the_first_open_question_after_the_saved_position() {
        let c = Arc::new(
            crate::checklist::load(std::path::Path::new("tests/fixtures/small.toml")).unwrap(),
        );
        let mut s = Session::new(Arc::clone(&c));
        let processes = s.parse_key("email.processes").unwrap();
        values::apply(
            &mut s,
            "email.processes",
            &toml::Value::Array(vec!["orders".into()]),
        )
        .unwrap();
        values::apply(&mut s, "email.in_records", &toml::Value::Boolean(true)).unwrap();
        s.go_to(processes).unwrap();
        let now = Timestamp::from_second(1_790_000_000).unwrap();
        let mut d = Draft::new(&c, Meta::default(), now);
        d.capture(&s, now);
        assert_eq!(d.position.as_deref(), Some("email.processes"));
        let (r, _) = d.restore(Arc::clone(&c));
        let at = r.current().map(|k| r.key_string(k));
        assert_ne!(at.as_deref(), Some("email.processes"));
        assert_ne!(at.as_deref(), Some("email.in_records"));
        let k = r.current().unwrap();
        assert!(r.answer(k).response.is_none(), "{at:?} is open");
    }
}
