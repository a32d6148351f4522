//! The shape of a checklist as answer slots: every question of every possible repetition gets a flat slot
//! index in checklist order, and every condition is turned into edges "answer slot → what depends on it".
//! Built once per checklist; it lets the session recompute only what an answer can change.

use crate::checklist::{Checklist, Cond, QRef};

/// Names one answer: a question, in a repeated section together with the option it repeats for.
/// Ordered like the checklist: section, then repetition (option order), then question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub section: usize,
    pub item: Option<usize>,
    pub question: usize,
}

/// Something whose state is derived from answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Node {
    /// A section repetition's gate (its `when` and, for repeats, whether its option is selected).
    Instance { section: usize, item: usize },
    /// A question's visibility, in one repetition.
    Slot(usize),
    /// A finding instance.
    Finding(usize),
}

/// What depends on a question (for every repetition of it).
#[derive(Debug, Clone, Copy)]
pub enum Dep {
    Gate { section: usize },
    When { target: QRef },
    Finding { finding: usize },
}

#[derive(Debug, Clone)]
pub struct FindingHost {
    pub section: usize,
    /// None: a finding of the section as a whole.
    pub question: Option<usize>,
    pub index: usize,
    /// First finding-instance index; one instance per repetition.
    pub base: usize,
}

#[derive(Debug)]
pub struct Layout {
    /// Per section: first slot, number of repetitions (1 when not repeated), questions per repetition.
    pub sec_base: Vec<usize>,
    pub sec_items: Vec<usize>,
    pub sec_nq: Vec<usize>,
    pub repeated: Vec<bool>,
    pub slots: usize,
    /// Per section: first instance index.
    pub inst_base: Vec<usize>,
    pub instances: usize,
    pub findings: Vec<FindingHost>,
    pub finding_instances: usize,
    /// Per section, per question: dependents.
    pub deps: Vec<Vec<Vec<Dep>>>,
    /// Per section, per question: the indices into `findings` hosted by that question.
    pub q_findings: Vec<Vec<Vec<usize>>>,
    /// Per section: its own findings.
    pub s_findings: Vec<Vec<usize>>,
    /// What reads the DPIA verdict (`dpia()`): all of it comes after every finding with a criterion
    /// (validated), so re-evaluating it after a verdict change never feeds back into the verdict.
    pub dpia_deps: Vec<Dep>,
}

/// Whether a condition reads the DPIA verdict (`dpia()`).
pub fn uses_dpia(c: &Cond) -> bool {
    match c {
        Cond::Or(a, b) | Cond::And(a, b) => uses_dpia(a) || uses_dpia(b),
        Cond::Not(a) => uses_dpia(a),
        Cond::Dpia { .. } => true,
        Cond::Test(..) | Cond::Item { .. } => false,
    }
}

/// The questions a condition reads.
pub fn refs(c: &Cond, out: &mut Vec<QRef>) {
    match c {
        Cond::Or(a, b) | Cond::And(a, b) => {
            refs(a, out);
            refs(b, out);
        }
        Cond::Not(a) => refs(a, out),
        Cond::Test(q, _) => out.push(*q),
        // Fixed per repetition: nothing an answer can change.
        Cond::Item { .. } => {}
        // Depends on findings, not directly on answers: `Layout::dpia_deps`.
        Cond::Dpia { .. } => {}
    }
}

impl Layout {
    pub fn new(c: &Checklist) -> Layout {
        let n = c.sections.len();
        let mut l = Layout {
            sec_base: Vec::with_capacity(n),
            sec_items: Vec::with_capacity(n),
            sec_nq: Vec::with_capacity(n),
            repeated: Vec::with_capacity(n),
            slots: 0,
            inst_base: Vec::with_capacity(n),
            instances: 0,
            findings: Vec::new(),
            finding_instances: 0,
            deps: c
                .sections
                .iter()
                .map(|s| vec![Vec::new(); s.questions.len()])
                .collect(),
            q_findings: c
                .sections
                .iter()
                .map(|s| vec![Vec::new(); s.questions.len()])
                .collect(),
            s_findings: vec![Vec::new(); n],
            dpia_deps: Vec::new(),
        };
        for s in &c.sections {
            let items = match s.for_each {
                Some(q) => c.sections[q.section].questions[q.question].options.len(),
                None => 1,
            };
            l.sec_base.push(l.slots);
            l.sec_items.push(items);
            l.sec_nq.push(s.questions.len());
            l.repeated.push(s.for_each.is_some());
            l.slots += items * s.questions.len();
            l.inst_base.push(l.instances);
            l.instances += items;
        }
        let mut scratch = Vec::new();
        let mut add = |l: &mut Layout, cond: &Cond, dep: Dep| {
            scratch.clear();
            refs(cond, &mut scratch);
            scratch.sort_unstable();
            scratch.dedup();
            for q in &scratch {
                l.deps[q.section][q.question].push(dep);
            }
            if uses_dpia(cond) {
                l.dpia_deps.push(dep);
            }
        };
        for (si, s) in c.sections.iter().enumerate() {
            if let Some(w) = &s.when {
                add(&mut l, w, Dep::Gate { section: si });
            }
            if let Some(q) = s.for_each {
                l.deps[q.section][q.question].push(Dep::Gate { section: si });
            }
            for (qi, q) in s.questions.iter().enumerate() {
                let target = QRef {
                    section: si,
                    question: qi,
                };
                if let Some(w) = &q.when {
                    add(&mut l, w, Dep::When { target });
                }
                for (fi, f) in q.findings.iter().enumerate() {
                    let idx = l.findings.len();
                    l.findings.push(FindingHost {
                        section: si,
                        question: Some(qi),
                        index: fi,
                        base: l.finding_instances,
                    });
                    l.finding_instances += l.sec_items[si];
                    l.q_findings[si][qi].push(idx);
                    add(&mut l, &f.when, Dep::Finding { finding: idx });
                }
            }
            for (fi, f) in s.findings.iter().enumerate() {
                let idx = l.findings.len();
                l.findings.push(FindingHost {
                    section: si,
                    question: None,
                    index: fi,
                    base: l.finding_instances,
                });
                l.finding_instances += l.sec_items[si];
                l.s_findings[si].push(idx);
                add(&mut l, &f.when, Dep::Finding { finding: idx });
            }
        }
        l
    }

    /// Item index used for slots: 0 for a section that does not repeat.
    #[allow(clippy::unused_self)] // asked of the layout, like `slot`, so that callers need not know the rule
    pub fn item_index(&self, key: &Key) -> usize {
        key.item.unwrap_or(0)
    }

    pub fn slot(&self, key: &Key) -> Option<usize> {
        let s = key.section;
        if s >= self.sec_base.len() || key.question >= self.sec_nq[s] {
            return None;
        }
        match (self.repeated[s], key.item) {
            (true, Some(i)) if i < self.sec_items[s] => {
                Some(self.sec_base[s] + i * self.sec_nq[s] + key.question)
            }
            (false, None) => Some(self.sec_base[s] + key.question),
            _ => None,
        }
    }

    pub fn key(&self, slot: usize) -> Key {
        // Sections are few compared with slots; the last section starting at or before `slot` holds it.
        let s = self
            .sec_base
            .partition_point(|&b| b <= slot)
            .saturating_sub(1);
        let s = (s..self.sec_base.len())
            .find(|&i| {
                self.sec_nq[i] > 0 && slot < self.sec_base[i] + self.sec_items[i] * self.sec_nq[i]
            })
            .unwrap_or(s);
        let off = slot - self.sec_base[s];
        let nq = self.sec_nq[s].max(1);
        Key {
            section: s,
            item: self.repeated[s].then_some(off / nq),
            question: off % nq,
        }
    }

    pub fn instance(&self, section: usize, item: usize) -> usize {
        self.inst_base[section] + item
    }

    /// The slots of one repetition of a section.
    pub fn instance_slots(&self, section: usize, item: usize) -> std::ops::Range<usize> {
        let start = self.sec_base[section] + item * self.sec_nq[section];
        start..start + self.sec_nq[section]
    }

    /// Where a node is processed: gates before their questions, findings after their question (or section).
    pub fn order(&self, node: Node) -> (usize, u8) {
        match node {
            Node::Instance { section, item } => (self.instance_slots(section, item).start, 0),
            Node::Slot(s) => (s, 1),
            Node::Finding(fi) => {
                let (h, item) = self.finding_host(fi);
                match h.question {
                    Some(q) => (self.instance_slots(h.section, item).start + q, 2),
                    None => (
                        self.instance_slots(h.section, item).end.saturating_sub(1),
                        3,
                    ),
                }
            }
        }
    }

    /// The host of finding instance `fi` and the repetition it belongs to.
    pub fn finding_host(&self, fi: usize) -> (&FindingHost, usize) {
        let h = self
            .findings
            .partition_point(|h| h.base <= fi)
            .saturating_sub(1);
        let host = &self.findings[h];
        (host, fi - host.base)
    }
}
