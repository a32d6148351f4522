//! `Session`: the answers of one audit and everything derived from them, kept up to date incrementally.
//! Conditions only look back, so a change is propagated in checklist order through the dependency edges
//! of `Layout`: setting one answer costs what it can affect, not the size of the checklist.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::checklist::{Checklist, DpiaCriterion, DpiaVerdict, Finding, Question, Severity};

use super::answer::{self, Answer, AnswerError, Response};
use super::layout::{Key, Layout};

/// Answered versus visible required questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Visible questions (required or not).
    pub visible: usize,
    /// Visible required questions.
    pub required: usize,
    /// Visible required questions with a response (unknown and not applicable count as answered).
    pub answered: usize,
}

impl Progress {
    /// Share of required questions answered, 0.0..=1.0 (1.0 when nothing is required).
    pub fn ratio(&self) -> f64 {
        if self.required == 0 {
            1.0
        } else {
            self.answered as f64 / self.required as f64
        }
    }
}

/// A raised finding: which one, in which repetition.
#[derive(Debug, Clone, Copy)]
pub struct RaisedFinding<'a> {
    pub finding: &'a Finding,
    pub section: usize,
    pub item: Option<usize>,
    /// The question it belongs to; None for a finding of the section as a whole.
    pub question: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DpiaScreening {
    /// Distinct criteria met by raised findings, in the order of `DpiaCriterion::ALL`.
    pub criteria: Vec<DpiaCriterion>,
    pub verdict: DpiaVerdict,
}

/// A section repetition as the outline shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceInfo {
    pub section: usize,
    pub item: Option<usize>,
    pub visible: bool,
    pub visible_questions: usize,
    pub required_open: usize,
    pub answered: usize,
}

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Counts {
    pub(super) visible: usize,
    pub(super) required: usize,
    pub(super) answered_required: usize,
    pub(super) answered: usize,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub(super) checklist: Arc<Checklist>,
    pub(super) layout: Arc<Layout>,
    pub(super) answers: Vec<Answer>,
    pub(super) visible: Vec<bool>,
    pub(super) inst_visible: Vec<bool>,
    pub(super) inst_counts: Vec<Counts>,
    pub(super) raised: Vec<bool>,
    pub(super) raised_set: BTreeSet<usize>,
    pub(super) criteria: [usize; DpiaCriterion::ALL.len()],
    pub(super) severity_counts: [usize; 4],
    pub(super) open_required: BTreeSet<usize>,
    pub(super) total: Counts,
    pub(super) position: Option<usize>,
    /// Per slot: the response was carried over by a `prefill` and the auditor has not set it since.
    pub(super) carried: Vec<bool>,
}

impl Session {
    pub fn new(checklist: Arc<Checklist>) -> Session {
        /// The blank sessions of the last few checklists: verifying a folder of results, each result's
        /// session starts as a copy instead of laying out and deriving the checklist again (a third
        /// of re-creating a result's session). Keyed by the very `Arc`, which the memo keeps alive,
        /// so an entry can never stand for another checklist.
        static BLANK: crate::memo::Memo<Session> = crate::memo::Memo::new();
        const KEEP: usize = 4;
        let mut memo = BLANK.lock();
        if let Some(i) = memo
            .iter()
            .position(|s| Arc::ptr_eq(&s.checklist, &checklist))
        {
            let blank = memo.remove(i);
            let copy = blank.clone();
            memo.insert(0, blank);
            return copy;
        }
        drop(memo);
        // Laid out without the lock held: another thread's copy need not wait for it.
        let blank = Session::blank(checklist);
        let mut memo = BLANK.lock();
        memo.insert(0, blank.clone());
        memo.truncate(KEEP);
        blank
    }

    fn blank(checklist: Arc<Checklist>) -> Session {
        let layout = Arc::new(Layout::new(&checklist));
        let answers = vec![Answer::default(); layout.slots];
        let mut s = Session::derived_from(checklist, layout, answers);
        s.position = s.first_visible_slot();
        s
    }

    /// The same answers with everything derived again from scratch, in one pass over the checklist:
    /// the reference the incremental updates are tested against.
    #[must_use]
    pub fn recomputed(&self) -> Session {
        let mut s = Session::derived_from(
            Arc::clone(&self.checklist),
            Arc::clone(&self.layout),
            self.answers.clone(),
        );
        s.position = self.position;
        s.carried.clone_from(&self.carried);
        s
    }

    fn derived_from(
        checklist: Arc<Checklist>,
        layout: Arc<Layout>,
        answers: Vec<Answer>,
    ) -> Session {
        let mut s = Session {
            answers,
            visible: vec![false; layout.slots],
            inst_visible: vec![false; layout.instances],
            inst_counts: vec![Counts::default(); layout.instances],
            raised: vec![false; layout.finding_instances],
            raised_set: BTreeSet::new(),
            criteria: [0; DpiaCriterion::ALL.len()],
            severity_counts: [0; 4],
            open_required: BTreeSet::new(),
            total: Counts::default(),
            position: None,
            carried: vec![false; layout.slots],
            checklist,
            layout,
        };
        s.recompute_all();
        s
    }

    pub fn checklist(&self) -> &Arc<Checklist> {
        &self.checklist
    }

    // ---- keys ------------------------------------------------------------------------------------------

    pub fn question(&self, key: Key) -> &Question {
        &self.checklist.sections[key.section].questions[key.question]
    }

    /// Whether the question is about the DPIA verdict: its condition, its section's or one of its
    /// findings' reads `dpia()`. Front ends show the current verdict with such a question.
    pub fn reads_dpia(&self, key: Key) -> bool {
        let sec = &self.checklist.sections[key.section];
        let q = self.question(key);
        sec.when.as_ref().is_some_and(super::layout::uses_dpia)
            || q.when.as_ref().is_some_and(super::layout::uses_dpia)
            || q.findings.iter().any(|f| super::layout::uses_dpia(&f.when))
    }

    fn slot(&self, key: Key) -> Result<usize, AnswerError> {
        self.layout
            .slot(&key)
            .ok_or_else(|| AnswerError::NoSuchKey(format!("{key:?}")))
    }

    /// Every answer key the checklist can have (all repetitions), in checklist order.
    pub fn all_keys(&self) -> impl Iterator<Item = Key> + '_ {
        (0..self.layout.slots).map(|s| self.layout.key(s))
    }

    /// Whether `key` names a question of this checklist (and an existing repetition).
    pub fn contains(&self, key: Key) -> bool {
        self.layout.slot(&key).is_some()
    }

    /// `section.question` or `section[option].question`.
    pub fn key_string(&self, key: Key) -> String {
        let s = &self.checklist.sections[key.section];
        let q = &s.questions[key.question].id;
        match (key.item, s.for_each) {
            (Some(i), Some(fe)) => {
                let opt = &self.checklist.sections[fe.section].questions[fe.question].options[i].id;
                format!("{}[{}].{}", s.id, opt, q)
            }
            _ => format!("{}.{}", s.id, q),
        }
    }

    /// Parse `section.question` or `section[option].question`.
    pub fn parse_key(&self, text: &str) -> Option<Key> {
        let (sec_part, q) = text.rsplit_once('.')?;
        let (sec, item) = match sec_part.split_once('[') {
            Some((sec, rest)) => (sec, Some(rest.strip_suffix(']')?)),
            None => (sec_part, None),
        };
        let section = self.checklist.sections.iter().position(|s| s.id == sec)?;
        let s = &self.checklist.sections[section];
        let question = s.questions.iter().position(|x| x.id == q)?;
        let item = match (item, s.for_each) {
            (Some(opt), Some(fe)) => {
                Some(self.checklist.sections[fe.section].questions[fe.question].option_index(opt)?)
            }
            (None, None) => None,
            _ => return None,
        };
        let key = Key {
            section,
            item,
            question,
        };
        self.contains(key).then_some(key)
    }

    /// The label of the option a repetition stands for (the auditor's name for an `other` option).
    pub fn item_label(&self, section: usize, item: Option<usize>, lang: &str) -> Option<String> {
        let fe = self.checklist.sections[section].for_each?;
        let i = item?;
        let q = &self.checklist.sections[fe.section].questions[fe.question];
        let opt = q.options.get(i)?;
        if opt.other {
            let key = Key {
                section: fe.section,
                item: None,
                question: fe.question,
            };
            if let Some(name) = self
                .answer(key)
                .other
                .as_deref()
                .filter(|n| !n.trim().is_empty())
            {
                return Some(name.to_string());
            }
        }
        Some(opt.label.get(lang).to_string())
    }

    /// Id of the option a repetition stands for: the knowledge-base id for the help panel.
    pub fn item_id(&self, section: usize, item: Option<usize>) -> Option<&str> {
        let fe = self.checklist.sections[section].for_each?;
        let q = &self.checklist.sections[fe.section].questions[fe.question];
        q.options.get(item?).map(|o| o.id.as_str())
    }

    // ---- answers ---------------------------------------------------------------------------------------

    pub fn answer(&self, key: Key) -> &Answer {
        static EMPTY: Answer = Answer {
            response: None,
            note: None,
            other: None,
        };
        self.layout.slot(&key).map_or(&EMPTY, |s| &self.answers[s])
    }

    /// All non-empty answers in checklist order, hidden ones included.
    pub fn answers(&self) -> impl Iterator<Item = (Key, &Answer)> + '_ {
        self.answers
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.is_empty())
            .map(|(s, a)| (self.layout.key(s), a))
    }

    /// Record a response (None clears it). Hidden questions may be answered: the answer stays inactive.
    /// Setting a `prefill` question, also to the carried-over value, confirms it: no earlier answer
    /// changes it any more.
    pub fn set(&mut self, key: Key, response: Option<Response>) -> Result<(), AnswerError> {
        let slot = self.slot(key)?;
        let response = match response {
            Some(r) => Some(answer::check(self.question(key), r)?),
            None => None,
        };
        self.carried[slot] = false;
        self.store(slot, key, response);
        self.carry();
        Ok(())
    }

    /// Whether the answer at `key` was carried over by a `prefill` and not set by the auditor since.
    pub fn is_carried(&self, key: Key) -> bool {
        self.layout.slot(&key).is_some_and(|s| self.carried[s])
    }

    /// Store a checked response and update everything derived from it.
    pub(super) fn store(&mut self, slot: usize, key: Key, response: Option<Response>) {
        if self.answers[slot].response == response {
            return;
        }
        let was_answered = self.answers[slot].response.is_some();
        self.answers[slot].response = response;
        let is_answered = self.answers[slot].response.is_some();
        if self.visible[slot] {
            if was_answered != is_answered {
                let delta = Counts {
                    visible: 0,
                    required: 0,
                    answered: 1,
                    answered_required: usize::from(self.question(key).required),
                };
                self.apply(slot, delta, is_answered);
                self.update_open(slot);
            }
            self.propagate_from(slot);
        }
    }

    pub fn set_note(&mut self, key: Key, note: Option<String>) -> Result<(), AnswerError> {
        let slot = self.slot(key)?;
        self.answers[slot].note = note.filter(|n| !n.trim().is_empty());
        Ok(())
    }

    /// The auditor's name for the `other` option of a choice question (e.g. an unlisted messenger).
    pub fn set_other(&mut self, key: Key, other: Option<String>) -> Result<(), AnswerError> {
        let slot = self.slot(key)?;
        self.answers[slot].other = other.filter(|n| !n.trim().is_empty());
        self.carried[slot] = false;
        // The name labels the repetitions of the option and is carried over with it.
        self.carry();
        Ok(())
    }

    // ---- derived state ---------------------------------------------------------------------------------

    pub fn is_visible(&self, key: Key) -> bool {
        self.layout.slot(&key).is_some_and(|s| self.visible[s])
    }

    /// The visible questions in checklist order.
    pub fn visible(&self) -> impl Iterator<Item = Key> + '_ {
        self.visible
            .iter()
            .enumerate()
            .filter(|(_, v)| **v)
            .map(|(s, _)| self.layout.key(s))
    }

    pub fn progress(&self) -> Progress {
        Progress {
            visible: self.total.visible,
            required: self.total.required,
            answered: self.total.answered_required,
        }
    }

    /// Required visible questions without a response, in checklist order.
    pub fn open_required(&self) -> impl Iterator<Item = Key> + '_ {
        self.open_required.iter().map(|&s| self.layout.key(s))
    }

    /// Raised findings in checklist order.
    pub fn findings(&self) -> impl Iterator<Item = RaisedFinding<'_>> + '_ {
        self.raised_set.iter().map(|&fi| {
            let (h, item) = self.layout.finding_host(fi);
            let s = &self.checklist.sections[h.section];
            let finding = match h.question {
                Some(q) => &s.questions[q].findings[h.index],
                None => &s.findings[h.index],
            };
            RaisedFinding {
                finding,
                section: h.section,
                item: self.layout.repeated[h.section].then_some(item),
                question: h.question,
            }
        })
    }

    /// `finding_id` or `finding_id[option]` for a repeated section.
    pub fn finding_key(&self, f: &RaisedFinding<'_>) -> String {
        match self.item_id(f.section, f.item) {
            Some(opt) => format!("{}[{}]", f.finding.id, opt),
            None => f.finding.id.clone(),
        }
    }

    /// Number of raised findings per severity, in the order of `Severity::ALL` (high first).
    pub fn severity_counts(&self) -> [(Severity, usize); 4] {
        Severity::ALL.map(|s| (s, self.severity_counts[s as usize]))
    }

    pub fn dpia(&self) -> DpiaScreening {
        let criteria = self.criteria_met();
        let verdict = DpiaVerdict::of(&criteria);
        DpiaScreening { criteria, verdict }
    }

    /// Distinct criteria met by raised findings, in the order of `DpiaCriterion::ALL`.
    pub(super) fn criteria_met(&self) -> Vec<DpiaCriterion> {
        DpiaCriterion::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.criteria[*i] > 0)
            .map(|(_, c)| c)
            .collect()
    }

    /// Every section repetition in checklist order, visible or not (hidden repetitions of a repeated
    /// section are listed once, as the section, when none of them is visible).
    pub fn instances(&self) -> Vec<InstanceInfo> {
        let l = &self.layout;
        let mut out = Vec::new();
        for s in 0..self.checklist.sections.len() {
            let before = out.len();
            for item in 0..l.sec_items[s] {
                let i = l.instance(s, item);
                if l.repeated[s] && !self.inst_visible[i] {
                    continue;
                }
                let c = self.inst_counts[i];
                out.push(InstanceInfo {
                    section: s,
                    item: l.repeated[s].then_some(item),
                    visible: self.inst_visible[i],
                    visible_questions: c.visible,
                    required_open: c.required - c.answered_required,
                    answered: c.answered,
                });
            }
            if out.len() == before {
                out.push(InstanceInfo {
                    section: s,
                    item: None,
                    visible: false,
                    visible_questions: 0,
                    required_open: 0,
                    answered: 0,
                });
            }
        }
        out
    }

    // ---- navigation ------------------------------------------------------------------------------------

    fn first_visible_slot(&self) -> Option<usize> {
        self.visible.iter().position(|v| *v)
    }

    /// The question the auditor is at: the remembered one, or the nearest visible one if it got hidden.
    pub fn current(&self) -> Option<Key> {
        let p = self.position?;
        let slot = if self.visible[p] {
            Some(p)
        } else {
            self.next_slot(p).or_else(|| self.prev_slot(p))
        };
        slot.map(|s| self.layout.key(s))
    }

    fn next_slot(&self, from: usize) -> Option<usize> {
        (from + 1..self.visible.len()).find(|&s| self.visible[s])
    }

    fn prev_slot(&self, from: usize) -> Option<usize> {
        (0..from).rev().find(|&s| self.visible[s])
    }

    /// The visible question after `key`, skipping hidden ones.
    pub fn next_visible(&self, key: Key) -> Option<Key> {
        let s = self.layout.slot(&key)?;
        self.next_slot(s).map(|s| self.layout.key(s))
    }

    pub fn prev_visible(&self, key: Key) -> Option<Key> {
        let s = self.layout.slot(&key)?;
        self.prev_slot(s).map(|s| self.layout.key(s))
    }

    /// Move to the next visible question; false at the end.
    pub fn go_next(&mut self) -> bool {
        match self.current().and_then(|k| self.next_visible(k)) {
            Some(k) => {
                self.position = self.layout.slot(&k);
                true
            }
            None => false,
        }
    }

    /// Move to the previous visible question; false at the start.
    pub fn go_prev(&mut self) -> bool {
        match self.current().and_then(|k| self.prev_visible(k)) {
            Some(k) => {
                self.position = self.layout.slot(&k);
                true
            }
            None => false,
        }
    }

    /// Jump to a question (visible or not: `current` then shows the nearest visible one).
    pub fn go_to(&mut self, key: Key) -> Result<(), AnswerError> {
        self.position = Some(self.slot(key)?);
        Ok(())
    }

    /// Position of `key` among the visible questions of its repetition: (1-based index, count).
    pub fn position_in_section(&self, key: Key) -> Option<(usize, usize)> {
        let slot = self.layout.slot(&key)?;
        let range = self
            .layout
            .instance_slots(key.section, self.layout.item_index(&key));
        let before = range
            .clone()
            .filter(|&s| s < slot && self.visible[s])
            .count();
        let total = range.filter(|&s| self.visible[s]).count();
        Some((before + 1, total))
    }
}
