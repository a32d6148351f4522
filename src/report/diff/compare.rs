//! The derivation of a diff from two reports (and their checklists, when found): pure, no file access.
//! Findings are matched by finding id, answers by answer key (following moved questions), messengers by
//! knowledge-base id, DPIA criteria by criterion.

use std::collections::BTreeMap;

use super::questions::{self, Move};
use super::{
    AnswerChange, AnswerChangeKind, AnswerSide, ChecklistChange, CriterionInfo, DIFF_FORMAT, Diff,
    DpiaChange, DpiaSide, FindingChange, FindingChanges, Lang, Loaded, MessengerChange,
    MessengerChanges, OpenPointChanges, Report, Side,
};
use crate::report::model::{AnswerRow, MessengerUse};
use crate::report::outcome::GroupInfo;

fn side(r: &Report) -> Side {
    Side {
        file: r.file.clone(),
        verification: r.verification.clone(),
        checklist_available: r.checklist_available,
        audit_id: r.audit.audit_id.clone(),
        organisation: r.audit.organisation.clone(),
        unit: r.audit.unit.clone(),
        finished: r.audit.finished,
        finished_shown: crate::i18n::dates::time(r.lang, r.audit.finished, &r.zone),
        checklist: r.audit.checklist.clone(),
        completeness: r.outcome.completeness.clone(),
    }
}

/// Every group of an outcome in its order, covered findings right after the one that covers them.
fn flat(groups: &[GroupInfo]) -> Vec<(&GroupInfo, Option<&str>)> {
    let mut out = Vec::new();
    for g in groups {
        out.push((g, None));
        for c in &g.covered {
            out.push((c, Some(g.title.as_str())));
        }
    }
    out
}

fn finding(g: &GroupInfo, covered_by: Option<&str>) -> FindingChange {
    FindingChange {
        id: g.id.clone(),
        severity: g.severity,
        severity_label: g.severity_label.clone(),
        old_severity: None,
        title: g.title.clone(),
        measure: g.measure.clone(),
        applies_to: g.applies_to.clone(),
        covered_by: covered_by.map(str::to_string),
        places_added: Vec::new(),
        places_removed: Vec::new(),
    }
}

fn findings(old: &Report, new: &Report) -> FindingChanges {
    let old_groups = flat(&old.outcome.findings);
    let new_groups = flat(&new.outcome.findings);
    let mut out = FindingChanges::default();
    for (g, by) in &new_groups {
        match old_groups.iter().find(|(o, _)| o.id == g.id) {
            None => out.new.push(finding(g, *by)),
            Some((o, _)) => {
                let mut f = finding(g, *by);
                f.old_severity = (o.severity != g.severity).then_some(o.severity);
                f.places_added = g
                    .applies_to
                    .iter()
                    .filter(|p| !o.applies_to.contains(p))
                    .cloned()
                    .collect();
                f.places_removed = o
                    .applies_to
                    .iter()
                    .filter(|p| !g.applies_to.contains(p))
                    .cloned()
                    .collect();
                out.still_open.push(f);
            }
        }
    }
    for (o, by) in &old_groups {
        if !new_groups.iter().any(|(g, _)| g.id == o.id) {
            out.resolved.push(finding(o, *by));
        }
    }
    out
}

fn open_points(old: &Report, new: &Report, moves: &[Move]) -> OpenPointChanges {
    let (o, n) = (&old.outcome.open_points, &new.outcome.open_points);
    let old_keys: Vec<Option<String>> = o
        .iter()
        .map(|p| questions::translate(&p.key, moves))
        .collect();
    OpenPointChanges {
        new: n
            .iter()
            .filter(|p| {
                !old_keys
                    .iter()
                    .any(|k| k.as_deref() == Some(p.key.as_str()))
            })
            .cloned()
            .collect(),
        clarified: o
            .iter()
            .zip(&old_keys)
            .filter(|(_, k)| !k.as_ref().is_some_and(|k| n.iter().any(|p| p.key == *k)))
            .map(|(p, _)| p.clone())
            .collect(),
    }
}

fn dpia_side(r: &Report) -> DpiaSide {
    let d = &r.outcome.dpia;
    DpiaSide {
        verdict: d.verdict,
        provisional: d.provisional,
        label: d.verdict.label(r.lang, d.provisional),
        criteria: d.criteria.iter().map(|c| c.criterion.clone()).collect(),
    }
}

fn dpia(old: &Report, new: &Report) -> DpiaChange {
    let (o, n) = (&old.outcome.dpia, &new.outcome.dpia);
    let missing = |a: &[CriterionInfo], b: &[CriterionInfo]| -> Vec<CriterionInfo> {
        a.iter()
            .filter(|c| !b.iter().any(|x| x.criterion.id == c.criterion.id))
            .cloned()
            .collect()
    };
    let criteria_added = missing(&n.criteria, &o.criteria);
    let criteria_removed = missing(&o.criteria, &n.criteria);
    DpiaChange {
        changed: o.verdict != n.verdict
            || o.provisional != n.provisional
            || !criteria_added.is_empty()
            || !criteria_removed.is_empty(),
        old: dpia_side(old),
        new: dpia_side(new),
        criteria_added,
        criteria_removed,
    }
}

fn messenger(m: &MessengerUse) -> MessengerChange {
    let mut places: Vec<String> = Vec::new();
    for p in &m.places {
        if !places.contains(&p.title) {
            places.push(p.title.clone());
        }
    }
    MessengerChange {
        id: m.id.clone(),
        name: m.name.clone(),
        places,
    }
}

fn messengers(old: &Report, new: &Report) -> MessengerChanges {
    let only = |a: &[MessengerUse], b: &[MessengerUse]| -> Vec<MessengerChange> {
        a.iter()
            .filter(|m| !b.iter().any(|x| x.id == m.id))
            .map(messenger)
            .collect()
    };
    MessengerChanges {
        added: only(&new.messengers, &old.messengers),
        dropped: only(&old.messengers, &new.messengers),
    }
}

fn answer_side(a: &AnswerRow) -> AnswerSide {
    AnswerSide {
        state: a.state,
        value: a.value.clone(),
        display: a.display.clone(),
        note: a.note.clone(),
        other: a.other.clone(),
    }
}

/// The visible answers of a report by key, in order, with their section titles.
fn rows(r: &Report) -> Vec<(&AnswerRow, &str)> {
    r.sections
        .iter()
        .flat_map(|s| s.answers.iter().map(move |a| (a, s.title.as_str())))
        .collect()
}

fn answers(old: &Report, new: &Report, moves: &[Move]) -> Vec<AnswerChange> {
    let old_rows = rows(old);
    // OLD's answers under the key they have in NEW.
    let mut by_new_key: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (a, _)) in old_rows.iter().enumerate() {
        if let Some(k) = questions::translate(&a.key, moves) {
            by_new_key.insert(k, i);
        }
    }
    let mut matched = vec![false; old_rows.len()];
    let mut out = Vec::new();
    for (a, section) in rows(new) {
        let n = answer_side(a);
        match by_new_key.get(&a.key) {
            Some(&i) => {
                matched[i] = true;
                let (oa, _) = old_rows[i];
                let o = answer_side(oa);
                if o != n {
                    out.push(AnswerChange {
                        kind: AnswerChangeKind::Changed,
                        key: a.key.clone(),
                        old_key: (oa.key != a.key).then(|| oa.key.clone()),
                        question: a.question.clone(),
                        section: section.to_string(),
                        old: Some(o),
                        new: Some(n),
                    });
                }
            }
            None => out.push(AnswerChange {
                kind: AnswerChangeKind::Added,
                key: a.key.clone(),
                old_key: None,
                question: a.question.clone(),
                section: section.to_string(),
                old: None,
                new: Some(n),
            }),
        }
    }
    for (i, (a, section)) in old_rows.iter().enumerate() {
        if !matched[i] {
            out.push(AnswerChange {
                kind: AnswerChangeKind::Removed,
                key: a.key.clone(),
                old_key: None,
                question: a.question.clone(),
                section: section.to_string(),
                old: Some(answer_side(a)),
                new: None,
            });
        }
    }
    out
}

fn checklist(old: &Loaded, new: &Loaded, lang: Lang) -> (ChecklistChange, Vec<Move>) {
    let (o, n) = (&old.report.audit.checklist, &new.report.audit.checklist);
    let changed = o.sha256 != n.sha256;
    let q = match (&old.checklist, &new.checklist) {
        (Some(a), Some(b)) if changed => questions::compare(a, b, lang),
        _ => questions::Changes::default(),
    };
    let change = ChecklistChange {
        changed,
        other_checklist: o.id != n.id,
        compared: !changed || (old.checklist.is_some() && new.checklist.is_some()),
        moved: q.moved,
        removed: q.removed,
        added: q.added,
    };
    (change, q.moves)
}

/// Compare two results; both reports must be in `lang`.
pub fn compare(old: &Loaded, new: &Loaded, lang: Lang) -> Diff {
    let (o, n) = (&old.report, &new.report);
    let (checklist, moves) = checklist(old, new, lang);
    let findings = findings(o, n);
    let open_points = open_points(o, n, &moves);
    let dpia = dpia(o, n);
    let messengers = messengers(o, n);
    let answers = answers(o, n, &moves);
    let changed = checklist.changed
        || !findings.new.is_empty()
        || !findings.resolved.is_empty()
        || findings.still_open.iter().any(|f| {
            f.old_severity.is_some() || !f.places_added.is_empty() || !f.places_removed.is_empty()
        })
        || !open_points.new.is_empty()
        || !open_points.clarified.is_empty()
        || dpia.changed
        || !messengers.added.is_empty()
        || !messengers.dropped.is_empty()
        || !answers.is_empty();
    Diff {
        diff_format: DIFF_FORMAT,
        lang,
        verified: o.verification.valid && n.verification.valid,
        changed,
        old: side(o),
        new: side(n),
        checklist,
        findings,
        open_points,
        dpia,
        messengers,
        answers,
    }
}
