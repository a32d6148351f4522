//! The incremental engine behind `Session`: a work list of derived nodes (section gates, question
//! visibility, findings) processed in checklist order; a node whose state changes pushes its dependents.
//! Conditions only look back, so every node is final once the list has passed it.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::checklist::{Cond, DpiaCriterion, DpiaVerdict, Test};

use super::answer::{Response, Value};
use super::layout::{Dep, Key, Node};
use super::session::{Counts, Session};

type Work = BTreeSet<((usize, u8), Node)>;

impl Session {
    pub(super) fn recompute_all(&mut self) {
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

    pub(super) fn propagate_from(&mut self, slot: usize) {
        let mut work = BTreeSet::new();
        self.push_dependents(slot, &mut work);
        self.run(work);
    }

    fn push_dependents(&self, slot: usize, work: &mut Work) {
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

    /// Everything that reads `dpia()`, in every repetition. Validation puts all of it after every
    /// finding with a criterion, so it sorts after the finding that changed the verdict.
    fn push_dpia_dependents(&self, work: &mut Work) {
        let l = &self.layout;
        let mut push = |n: Node| {
            work.insert((l.order(n), n));
        };
        for dep in &l.dpia_deps {
            match *dep {
                Dep::Gate { section } => {
                    for item in 0..l.sec_items[section] {
                        push(Node::Instance { section, item });
                    }
                }
                Dep::When { target } => {
                    for item in 0..l.sec_items[target.section] {
                        push(Node::Slot(
                            l.instance_slots(target.section, item).start + target.question,
                        ));
                    }
                }
                Dep::Finding { finding } => {
                    let h = &l.findings[finding];
                    for item in 0..l.sec_items[h.section] {
                        push(Node::Finding(h.base + item));
                    }
                }
            }
        }
    }

    /// The verdict of the criteria met so far (no allocation: conditions ask for it).
    pub(super) fn verdict(&self) -> DpiaVerdict {
        let must = DpiaCriterion::DskMustList as usize;
        let wp248 = self
            .criteria
            .iter()
            .enumerate()
            .filter(|(i, n)| *i != must && **n > 0)
            .count();
        if self.criteria[must] > 0 {
            DpiaVerdict::Required
        } else if wp248 >= 2 {
            DpiaVerdict::RequiredInMostCases
        } else if wp248 == 1 {
            DpiaVerdict::Consider
        } else {
            DpiaVerdict::NotIndicated
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

    fn run(&mut self, mut work: Work) {
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
                        let before = crit.map(|_| self.verdict());
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
                        if before.is_some_and(|b| b != self.verdict()) {
                            self.push_dpia_dependents(&mut work);
                        }
                    }
                }
            }
        }
    }

    /// Add (`plus`) or remove a slot's contribution to its repetition's counts and the totals.
    pub(super) fn apply(&mut self, slot: usize, d: Counts, plus: bool) {
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

    pub(super) fn update_open(&mut self, slot: usize) {
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

    pub(super) fn active(&self, key: Key) -> Option<&Value> {
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
            Cond::Dpia { op, verdict } => op.holds(&self.verdict(), verdict),
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
