//! `Session`: the answers of one audit and everything derived from them, kept up to date incrementally.
//! Conditions only look back, so a change is propagated in checklist order through the dependency edges
//! of `Layout`: setting one answer costs what it can affect, not the size of the checklist.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::checklist::{Checklist, Cond, DpiaCriterion, Finding, Question, Severity, Test};

use super::answer::{self, Answer, AnswerError, Response, Value};
use super::layout::{Dep, Key, Layout, Node};

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

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DpiaVerdict {
    NotIndicated,
    Consider,
    Recommended,
    Required,
}

impl DpiaVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            DpiaVerdict::NotIndicated => "not_indicated",
            DpiaVerdict::Consider => "consider",
            DpiaVerdict::Recommended => "recommended",
            DpiaVerdict::Required => "required",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::NotIndicated,
            Self::Consider,
            Self::Recommended,
            Self::Required,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
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
struct Counts {
    visible: usize,
    required: usize,
    answered_required: usize,
    answered: usize,
}

#[derive(Debug, Clone)]
pub struct Session {
    checklist: Arc<Checklist>,
    layout: Arc<Layout>,
    answers: Vec<Answer>,
    visible: Vec<bool>,
    inst_visible: Vec<bool>,
    inst_counts: Vec<Counts>,
    raised: Vec<bool>,
    raised_set: BTreeSet<usize>,
    criteria: [usize; DpiaCriterion::ALL.len()],
    severity_counts: [usize; 4],
    open_required: BTreeSet<usize>,
    total: Counts,
    position: Option<usize>,
}

impl Session {
    pub fn new(checklist: Arc<Checklist>) -> Session {
        let layout = Arc::new(Layout::new(&checklist));
        let mut s = Session {
            answers: vec![Answer::default(); layout.slots],
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
            checklist,
            layout,
        };
        s.recompute_all();
        s.position = s.first_visible_slot();
        s
    }

    pub fn checklist(&self) -> &Arc<Checklist> {
        &self.checklist
    }

    // ---- keys ------------------------------------------------------------------------------------------

    pub fn question(&self, key: Key) -> &Question {
        &self.checklist.sections[key.section].questions[key.question]
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
    pub fn set(&mut self, key: Key, response: Option<Response>) -> Result<(), AnswerError> {
        let slot = self.slot(key)?;
        let response = match response {
            Some(r) => Some(answer::check(self.question(key), r)?),
            None => None,
        };
        if self.answers[slot].response == response {
            return Ok(());
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
        Ok(())
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
        let criteria: Vec<DpiaCriterion> = DpiaCriterion::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.criteria[*i] > 0)
            .map(|(_, c)| c)
            .collect();
        let wp248 = criteria
            .iter()
            .filter(|c| **c != DpiaCriterion::DskMustList)
            .count();
        let verdict = if criteria.contains(&DpiaCriterion::DskMustList) {
            DpiaVerdict::Required
        } else if wp248 >= 2 {
            DpiaVerdict::Recommended
        } else if wp248 == 1 {
            DpiaVerdict::Consider
        } else {
            DpiaVerdict::NotIndicated
        };
        DpiaScreening { criteria, verdict }
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

    // ---- the incremental engine ------------------------------------------------------------------------

    fn recompute_all(&mut self) {
        let l = Arc::clone(&self.layout);
        let mut work = BTreeSet::new();
        for s in 0..self.checklist.sections.len() {
            for item in 0..l.sec_items[s] {
                let n = Node::Instance { section: s, item };
                work.insert((l.order(n), n));
            }
        }
        for f in 0..l.finding_instances {
            let n = Node::Finding(f);
            work.insert((l.order(n), n));
        }
        self.run(work);
    }

    fn propagate_from(&mut self, slot: usize) {
        let mut work = BTreeSet::new();
        self.push_dependents(slot, &mut work);
        self.run(work);
    }

    fn push_dependents(&self, slot: usize, work: &mut BTreeSet<((usize, u8), Node)>) {
        let l = &self.layout;
        let key = l.key(slot);
        let mut push = |n: Node| {
            work.insert((l.order(n), n));
        };
        for dep in &l.deps[key.section][key.question] {
            match *dep {
                Dep::Gate { section } => {
                    for item in 0..l.sec_items[section] {
                        push(Node::Instance { section, item });
                    }
                }
                Dep::When { target } => {
                    for item in self.items_for(key, target.section) {
                        push(Node::Slot(
                            l.instance_slots(target.section, item).start + target.question,
                        ));
                    }
                }
                Dep::Finding { finding } => {
                    let h = &l.findings[finding];
                    for item in self.items_for(key, h.section) {
                        push(Node::Finding(h.base + item));
                    }
                }
            }
        }
    }

    /// The repetitions of `target` that see the answer at `source`: the same one inside one section,
    /// every one from an earlier section.
    fn items_for(&self, source: Key, target: usize) -> std::ops::Range<usize> {
        if source.section == target {
            let i = self.layout.item_index(&source);
            i..i + 1
        } else {
            0..self.layout.sec_items[target]
        }
    }

    fn run(&mut self, mut work: BTreeSet<((usize, u8), Node)>) {
        let l = Arc::clone(&self.layout);
        while let Some((_, node)) = work.pop_first() {
            match node {
                Node::Instance { section, item } => {
                    let i = l.instance(section, item);
                    let now = self.gate(section, item);
                    if now != self.inst_visible[i] {
                        self.inst_visible[i] = now;
                        for slot in l.instance_slots(section, item) {
                            work.insert((l.order(Node::Slot(slot)), Node::Slot(slot)));
                        }
                        for &f in &l.s_findings[section] {
                            let n = Node::Finding(l.findings[f].base + item);
                            work.insert((l.order(n), n));
                        }
                    }
                }
                Node::Slot(slot) => {
                    let key = l.key(slot);
                    let now = self.inst_visible[l.instance(key.section, l.item_index(&key))]
                        && self
                            .question(key)
                            .when
                            .as_ref()
                            .is_none_or(|c| self.eval(c, key));
                    if now != self.visible[slot] {
                        self.visible[slot] = now;
                        let q = self.question(key);
                        let answered = self.answers[slot].response.is_some();
                        let delta = Counts {
                            visible: 1,
                            required: usize::from(q.required),
                            answered: usize::from(answered),
                            answered_required: usize::from(q.required && answered),
                        };
                        self.apply(slot, delta, now);
                        self.update_open(slot);
                        for &f in &l.q_findings[key.section][key.question] {
                            let n = Node::Finding(l.findings[f].base + l.item_index(&key));
                            work.insert((l.order(n), n));
                        }
                        if answered {
                            self.push_dependents(slot, &mut work);
                        }
                    }
                }
                Node::Finding(fi) => {
                    let (h, item) = l.finding_host(fi);
                    let key_item = l.repeated[h.section].then_some(item);
                    let s = &self.checklist.sections[h.section];
                    let (host_visible, cond, finding) = match h.question {
                        Some(q) => {
                            let slot = l.instance_slots(h.section, item).start + q;
                            (
                                self.visible[slot],
                                &s.questions[q].findings[h.index].when,
                                &s.questions[q].findings[h.index],
                            )
                        }
                        None => (
                            self.inst_visible[l.instance(h.section, item)],
                            &s.findings[h.index].when,
                            &s.findings[h.index],
                        ),
                    };
                    let ctx = Key {
                        section: h.section,
                        item: key_item,
                        question: 0,
                    };
                    let now = host_visible && self.eval(cond, ctx);
                    if now != self.raised[fi] {
                        self.raised[fi] = now;
                        let sev = finding.severity as usize;
                        let crit = finding.dpia_criterion;
                        if now {
                            self.raised_set.insert(fi);
                            self.severity_counts[sev] += 1;
                            if let Some(c) = crit {
                                self.criteria[c as usize] += 1;
                            }
                        } else {
                            self.raised_set.remove(&fi);
                            self.severity_counts[sev] -= 1;
                            if let Some(c) = crit {
                                self.criteria[c as usize] -= 1;
                            }
                        }
                    }
                }
            }
        }
    }

    /// Add (`plus`) or remove a slot's contribution to its repetition's counts and the totals.
    fn apply(&mut self, slot: usize, d: Counts, plus: bool) {
        let key = self.layout.key(slot);
        let i = self
            .layout
            .instance(key.section, self.layout.item_index(&key));
        for c in [&mut self.inst_counts[i], &mut self.total] {
            if plus {
                c.visible += d.visible;
                c.required += d.required;
                c.answered += d.answered;
                c.answered_required += d.answered_required;
            } else {
                c.visible -= d.visible;
                c.required -= d.required;
                c.answered -= d.answered;
                c.answered_required -= d.answered_required;
            }
        }
    }

    fn update_open(&mut self, slot: usize) {
        let key = self.layout.key(slot);
        let open = self.visible[slot]
            && self.question(key).required
            && self.answers[slot].response.is_none();
        if open {
            self.open_required.insert(slot);
        } else {
            self.open_required.remove(&slot);
        }
    }

    fn gate(&self, section: usize, item: usize) -> bool {
        let s = &self.checklist.sections[section];
        let ctx = Key {
            section,
            item: self.layout.repeated[section].then_some(item),
            question: 0,
        };
        if let Some(fe) = s.for_each {
            let src = Key {
                section: fe.section,
                item: None,
                question: fe.question,
            };
            let selected = self.active(src).is_some_and(|v| match v {
                Value::Choice(c) => *c == item,
                Value::Choices(cs) => cs.binary_search(&item).is_ok(),
                _ => false,
            });
            if !selected {
                return false;
            }
        }
        s.when.as_ref().is_none_or(|c| self.eval(c, ctx))
    }

    /// The response of a question as conditions see it: None when hidden or open.
    fn active_response(&self, key: Key) -> Option<&Response> {
        let slot = self.layout.slot(&key)?;
        if !self.visible[slot] {
            return None;
        }
        self.answers[slot].response.as_ref()
    }

    fn active(&self, key: Key) -> Option<&Value> {
        match self.active_response(key) {
            Some(Response::Value(v)) => Some(v),
            _ => None,
        }
    }

    /// Evaluate a condition in the context of a section repetition (`ctx.section`, `ctx.item`).
    fn eval(&self, c: &Cond, ctx: Key) -> bool {
        match c {
            Cond::Or(a, b) => self.eval(a, ctx) || self.eval(b, ctx),
            Cond::And(a, b) => self.eval(a, ctx) && self.eval(b, ctx),
            Cond::Not(a) => !self.eval(a, ctx),
            Cond::Item { option, equal } => (ctx.item == Some(*option)) == *equal,
            Cond::Test(q, test) => {
                let key = Key {
                    section: q.section,
                    item: if q.section == ctx.section {
                        ctx.item
                    } else {
                        None
                    },
                    question: q.question,
                };
                let r = self.active_response(key);
                match test {
                    Test::Answered => matches!(r, Some(Response::Value(_))),
                    Test::Unknown => matches!(r, Some(Response::Unknown)),
                    Test::NotApplicable => matches!(r, Some(Response::NotApplicable)),
                    Test::Selected => match r {
                        Some(Response::Value(Value::Choices(cs))) => !cs.is_empty(),
                        Some(Response::Value(Value::Choice(_))) => true,
                        _ => false,
                    },
                    _ => match r {
                        Some(Response::Value(v)) => test_value(test, v),
                        _ => false,
                    },
                }
            }
        }
    }
}

fn test_value(test: &Test, v: &Value) -> bool {
    match (test, v) {
        (Test::Bool { value, equal }, Value::Bool(b)) => (b == value) == *equal,
        (Test::Choice { option, equal }, Value::Choice(c)) => (c == option) == *equal,
        (Test::Contains { option }, Value::Choices(cs)) => cs.binary_search(option).is_ok(),
        (Test::Number { op, value }, Value::Number(n)) => op.holds(n, value),
        (Test::Date { op, value }, Value::Date(d)) => op.holds(d, value),
        (Test::Text { value, equal }, Value::Text(t)) => (t == value) == *equal,
        _ => false,
    }
}
