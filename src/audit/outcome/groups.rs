//! Findings grouped by root cause: one group per finding id, with every place it was raised; a raised
//! finding that `covers` others (directly or through findings it covers) takes them in as covered groups.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Place, place};
use crate::audit::layout::Key;
use crate::audit::session::{RaisedFinding, Session};
use crate::checklist::{Checklist, DpiaCriterion, Severity};

/// One measure: a finding id raised in one or more places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingGroup {
    /// The finding id.
    pub id: String,
    pub severity: Severity,
    /// Title and measure in the audit's language; `{item}` is replaced by the places' labels joined by "; ".
    pub title: String,
    pub measure: String,
    #[serde(default)]
    pub refs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia_criterion: Option<DpiaCriterion>,
    /// Where it was raised, in checklist order.
    #[serde(rename = "place")]
    pub places: Vec<FindingPlace>,
    /// Raised findings this one is the root cause of (`covers`), in checklist order; always empty inside
    /// a covered group (the list is flat). They are not counted on their own.
    #[serde(default, rename = "covered", skip_serializing_if = "Vec::is_empty")]
    pub covered: Vec<FindingGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingPlace {
    /// The finding key: `id` or `id[option]`.
    pub key: String,
    /// The answer key of its question; absent for a finding of a section as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub place: Place,
}

impl FindingGroup {
    /// The labels of its places, e.g. `["Vertrieb, Anfragen", "WhatsApp Business-App"]`.
    pub fn labels(&self) -> Vec<&str> {
        self.places
            .iter()
            .filter_map(|p| p.place.label.as_deref())
            .collect()
    }

    /// Where it applies, for "betrifft: …": each place once, by its repetition's label or, outside a
    /// repeated section, by the section's title; joined with "; ".
    pub fn applies_to(&self) -> String {
        let mut out: Vec<&str> = Vec::new();
        for p in &self.places {
            let name = p.place.label.as_deref().unwrap_or(&p.place.title);
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out.join("; ")
    }
}

/// Every raised finding as groups, covered ones inside their root cause; highest severity first.
pub(super) fn derive(session: &Session, lang: &str) -> Vec<FindingGroup> {
    // Raised findings by id, in checklist order of their first place.
    let mut order: Vec<&str> = Vec::new();
    let mut by_id: HashMap<&str, Vec<RaisedFinding<'_>>> = HashMap::new();
    for f in session.findings() {
        let id = f.finding.id.as_str();
        if !by_id.contains_key(id) {
            order.push(id);
        }
        by_id.entry(id).or_default().push(f);
    }
    let mut groups: BTreeMap<usize, FindingGroup> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (i, group(session, &by_id[id], lang)))
        .collect();
    let reach = covers_closure(session.checklist());
    let raised: HashSet<&str> = order.iter().copied().collect();
    // A group is covered when a raised finding reaches it through `covers`; its root is the first raised
    // such finding that is not covered itself (validation rules out cycles, so one exists).
    let covered_by = |id: &str| -> Vec<&str> {
        order
            .iter()
            .copied()
            .filter(|r| reach.get(r).is_some_and(|set| set.contains(id)))
            .collect()
    };
    let mut root_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, id) in order.iter().enumerate() {
        let roots: Vec<&str> = covered_by(id)
            .into_iter()
            .filter(|r| raised.contains(r) && covered_by(r).is_empty())
            .collect();
        if let Some(root) = roots.first()
            && let Some(ri) = order.iter().position(|o| o == root)
        {
            root_of.insert(i, ri);
        }
    }
    for (i, ri) in &root_of {
        // A root is never covered itself, so it is still in `groups`.
        if let Some(g) = groups.remove(i)
            && let Some(root) = groups.get_mut(ri)
        {
            root.covered.push(g);
        }
    }
    let mut out: Vec<FindingGroup> = groups.into_values().collect();
    // Stable: checklist order within a severity.
    out.sort_by_key(|g| std::cmp::Reverse(g.severity));
    out
}

fn group(session: &Session, raised: &[RaisedFinding<'_>], lang: &str) -> FindingGroup {
    let f = raised[0].finding;
    let places: Vec<FindingPlace> = raised
        .iter()
        .map(|r| FindingPlace {
            key: session.finding_key(r),
            question: r.question.map(|q| {
                session.key_string(Key {
                    section: r.section,
                    item: r.item,
                    question: q,
                })
            }),
            place: place(session, r.section, r.item, lang),
        })
        .collect();
    let labels: Vec<&str> = places
        .iter()
        .filter_map(|p| p.place.label.as_deref())
        .collect();
    let joined = (!labels.is_empty()).then(|| labels.join("; "));
    FindingGroup {
        id: f.id.clone(),
        severity: f.severity,
        title: f.title.render(lang, joined.as_deref()).into_owned(),
        measure: f.measure.render(lang, joined.as_deref()).into_owned(),
        refs: f.refs.iter().map(|r| r.get(lang).to_string()).collect(),
        dpia_criterion: f.dpia_criterion,
        places,
        covered: Vec::new(),
    }
}

/// For every finding id, the ids it covers directly or through others.
fn covers_closure(c: &Checklist) -> HashMap<&str, HashSet<&str>> {
    let mut direct: HashMap<&str, Vec<&str>> = HashMap::new();
    for s in &c.sections {
        let all = s
            .questions
            .iter()
            .flat_map(|q| &q.findings)
            .chain(&s.findings);
        for f in all {
            if !f.covers.is_empty() {
                direct.insert(&f.id, f.covers.iter().map(String::as_str).collect());
            }
        }
    }
    let mut out = HashMap::new();
    for &from in direct.keys() {
        let mut seen = HashSet::new();
        let mut stack: Vec<&str> = direct[from].clone();
        while let Some(n) = stack.pop() {
            if seen.insert(n) {
                stack.extend(direct.get(n).into_iter().flatten().copied());
            }
        }
        out.insert(from, seen);
    }
    out
}
