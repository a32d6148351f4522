#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::audit::Meta;
use crate::audit::history::check;

fn small() -> Arc<Checklist> {
    Arc::new(crate::checklist::load(Path::new("tests/fixtures/small.toml")).unwrap())
}

fn at(s: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + s).unwrap()
}

fn meta(auditor: &str, unit: &str) -> Meta {
    Meta {
        organisation: "Muster GmbH".into(),
        unit: unit.into(),
        auditor: auditor.into(),
        lang: Lang::De,
        ..Meta::default()
    }
}

/// A draft by `auditor` with `answers` (TOML text), each captured as its own change.
fn part(c: &Arc<Checklist>, auditor: &str, unit: &str, answers: &str) -> Part {
    let mut d = Draft::new(c, meta(auditor, unit), at(0));
    d.audit_id = "a1b2c3d4".into();
    continue_part(c, d, answers)
}

fn continue_part(c: &Arc<Checklist>, mut d: Draft, answers: &str) -> Part {
    let (mut s, _) = d.restore(Arc::clone(c));
    let t: toml::Table = toml::from_str(answers).unwrap();
    for (n, (k, v)) in t.iter().enumerate() {
        if v.as_str() == Some("REMOVE") {
            let key = s.parse_key(k).unwrap();
            s.set(key, None).unwrap();
            s.set_note(key, None).unwrap();
        } else {
            values::apply(&mut s, k, v).unwrap();
        }
        let step = i64::try_from(n).unwrap() + 1;
        d.capture(&s, d.updated + jiff::SignedDuration::from_secs(step));
    }
    Part {
        label: format!("{}.draft.toml", d.meta.auditor),
        draft: d,
    }
}

fn keys(p: &Plan) -> Vec<&str> {
    p.conflicts.iter().map(|c| c.subject.key()).collect()
}

#[test]
fn disjoint_halves_merge_without_conflicts_each_answer_by_its_auditor() {
    let c = small();
    let a = part(
        &c,
        "Erika Muster",
        "Vertrieb",
        "'email.processes' = ['orders']\n'email.in_records' = true",
    );
    let b = part(&c, "Max Mustermann", "Vertrieb", "'email.staff' = 12");
    let parts = [a, b];
    let p = plan(&parts, &c);
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    assert_eq!((p.taken, p.agreed, p.shared), (3, 0, 0));
    let d = merged(&p, &parts, &[], &c, at(100)).unwrap();
    assert_eq!(d.answers.len(), 3);
    assert_ne!(d.audit_id, "a1b2c3d4");
    assert_eq!(d.meta.auditor, "Erika Muster, Max Mustermann");
    assert_eq!(check(&d.history, &d.answers), Ok(()));
    let by = |k: &str| d.history.iter().find(|c| c.key == k).unwrap().by.clone();
    assert_eq!(by("email.in_records"), "Erika Muster");
    assert_eq!(by("email.staff"), "Max Mustermann");
    assert!(d.history.iter().all(|c| c.reason.is_none()));
    // Answered required questions (the staff count is optional).
    assert_eq!(d.answered, 2);
}

#[test]
fn differing_answers_and_details_are_conflicts_decided_with_both_values_in_the_history() {
    let c = small();
    let a = part(
        &c,
        "Erika Muster",
        "Vertrieb",
        "'email.processes' = ['orders']\n'email.in_records' = true\n'email.staff' = 12",
    );
    let b = part(
        &c,
        "Max Mustermann",
        "Einkauf",
        "'email.processes' = ['orders']\n'email.in_records' = false\n'email.staff' = 14",
    );
    let parts = [a, b];
    let p = plan(&parts, &c);
    assert_eq!(keys(&p), ["meta:unit", "email.in_records", "email.staff"]);
    assert_eq!(p.agreed, 1);
    let staff = &p.conflicts[2];
    assert_eq!(staff.asked.de, "E-Mail › Wie viele Beschäftigte?");
    assert_eq!(staff.asked.en, "E-mail › How many employees?");
    assert_eq!(staff.candidates[0].shown.de, "12");
    assert_eq!(staff.candidates[1].parts, [1]);
    assert_eq!(
        staff.candidates[1].last.as_ref().map(|l| l.0.as_str()),
        Some("Max Mustermann")
    );
    let choices = [Choice::Reviewed(1), Choice::Reviewed(0), Choice::Rule(1)];
    let d = merged(&p, &parts, &choices, &c, at(100)).unwrap();
    assert_eq!(d.meta.unit, "Einkauf");
    assert_eq!(d.answers["email.in_records"], toml::Value::Boolean(true));
    assert_eq!(d.answers["email.staff"], toml::Value::Integer(14));
    assert_eq!(check(&d.history, &d.answers), Ok(()));
    let last = d.history.last().unwrap();
    assert_eq!(last.key, "email.staff");
    assert_eq!(
        (last.old.clone(), last.new.clone()),
        (
            Some(toml::Value::Integer(12)),
            Some(toml::Value::Integer(14))
        )
    );
    assert_eq!(
        last.reason.as_deref(),
        Some(
            "Zusammenführung: Erika Muster: „12“; Max Mustermann: „14“; übernommen: „14“ (Max Mustermann, nach der Regeldatei)"
        )
    );
    let records = d
        .history
        .iter()
        .rfind(|c| c.key == "email.in_records")
        .unwrap();
    assert_eq!(records.old, Some(toml::Value::Boolean(false)));
    assert!(
        records
            .reason
            .as_deref()
            .unwrap()
            .contains("in der Durchsicht")
    );
    // A rules value of its own.
    let choices = [
        Choice::RuleValue("Vertrieb und Einkauf".into()),
        Choice::Reviewed(0),
        Choice::RuleValue(toml::Value::Integer(13)),
    ];
    let d = merged(&p, &parts, &choices, &c, at(100)).unwrap();
    assert_eq!(d.meta.unit, "Vertrieb und Einkauf");
    assert_eq!(d.answers["email.staff"], toml::Value::Integer(13));
    assert_eq!(check(&d.history, &d.answers), Ok(()));
    assert!(merged(&p, &parts, &choices[..2], &c, at(100)).is_err());
}

#[test]
fn answers_are_compared_by_meaning_and_notes_are_combined_with_their_auditors() {
    let c = small();
    let a = part(
        &c,
        "Erika Muster",
        "Vertrieb",
        "'email.processes' = ['orders', 'support']\n'email.staff' = { value = 3, note = 'laut HR' }",
    );
    let mut b = part(
        &c,
        "Max Mustermann",
        "Vertrieb",
        "'email.processes' = ['support', 'orders']",
    );
    // As a hand-edited draft might write them.
    b.draft.answers.insert(
        "email.staff".into(),
        toml::from_str::<toml::Table>("v = { value = 3.0, note = 'geschätzt' }").unwrap()["v"]
            .clone(),
    );
    let parts = [a, b];
    let p = plan(&parts, &c);
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    assert_eq!(p.notes_combined, ["email.staff"]);
    let d = merged(&p, &parts, &[], &c, at(100)).unwrap();
    let staff = history::parts(d.answers.get("email.staff"));
    assert_eq!(staff.answer, Some(toml::Value::Integer(3)));
    assert_eq!(
        staff.note.as_deref(),
        Some("Erika Muster: laut HR\nMax Mustermann: geschätzt")
    );
    assert_eq!(check(&d.history, &d.answers), Ok(()));
    let last = d.history.last().unwrap();
    assert!(
        last.reason
            .as_deref()
            .unwrap()
            .contains("Notizen von Erika Muster, Max Mustermann zusammengefasst"),
        "{last:?}"
    );
}

#[test]
fn a_shared_start_is_the_base_later_changes_and_removals_win_without_conflict() {
    let c = small();
    let start = part(
        &c,
        "Erika Muster",
        "Vertrieb",
        "'email.processes' = ['orders']\n'email.staff' = 10\n'email.in_records' = true",
    );
    // Copied to Max's laptop: both go on from the same history.
    let mut for_max = start.draft.clone();
    for_max.meta.auditor = "Max Mustermann".into();
    let a = continue_part(
        &c,
        start.draft,
        "'email.staff' = 12\n'email.in_records' = 'REMOVE'",
    );
    let b = continue_part(&c, for_max, "'per_process[orders].messenger' = true");
    let parts = [a, b];
    let p = plan(&parts, &c);
    assert_eq!(p.shared, 3);
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    let d = merged(&p, &parts, &[], &c, at(100)).unwrap();
    assert_eq!(d.answers["email.staff"], toml::Value::Integer(12));
    assert!(
        !d.answers.contains_key("email.in_records"),
        "removed by Erika"
    );
    assert_eq!(
        d.answers["per_process[orders].messenger"],
        toml::Value::Boolean(true)
    );
    assert_eq!(check(&d.history, &d.answers), Ok(()));
    // The shared start is in the history once.
    assert_eq!(
        d.history
            .iter()
            .filter(|c| c.key == "email.processes")
            .count(),
        1
    );
    // Both changing the same answer after the copy is a conflict again.
    let again = continue_part(&c, parts[1].draft.clone(), "'email.staff' = 11");
    let parts = [parts[0].clone(), again];
    assert_eq!(keys(&plan(&parts, &c)), ["email.staff"]);
}

#[test]
fn drafts_belong_together_by_checklist_audit_id_or_together() {
    let c = small();
    let a = part(&c, "Erika Muster", "Vertrieb", "'email.staff' = 1");
    let mut b = part(&c, "Max Mustermann", "Vertrieb", "'email.staff' = 1");
    assert_eq!(belong_together(&[a.clone(), b.clone()], false), Ok(()));
    b.draft.audit_id = "ffff0000".into();
    let e = belong_together(&[a.clone(), b.clone()], false).unwrap_err();
    assert!(e.text().de.contains("verschiedenen Prüfungen"), "{e:?}");
    assert!(e.text().en.contains("--together"));
    assert_eq!(belong_together(&[a.clone(), b.clone()], true), Ok(()));
    b.draft.checklist.sha256 = "00".repeat(32);
    let e = belong_together(&[a, b], true).unwrap_err();
    assert!(matches!(e, NotTogether::Checklist(_)));
    assert!(e.text().en.contains("msgaudit move"));
}

#[test]
fn a_rules_file_decides_by_default_draft_per_key_and_by_value() {
    let c = small();
    let a = part(
        &c,
        "Erika Muster",
        "Vertrieb",
        "'email.in_records' = true\n'email.staff' = 12\n'email.processes' = ['orders']",
    );
    let b = part(
        &c,
        "Max Mustermann",
        "Einkauf",
        "'email.in_records' = false\n'email.staff' = 14\n'email.processes' = ['support']",
    );
    let parts = [a, b];
    let p = plan(&parts, &c);
    assert_eq!(p.conflicts.len(), 4);
    let r = rules::parse(
        "prefer = \"Max Mustermann\"\n[take]\n'email.staff' = 1\n[value]\n'meta:unit' = 'Beide'\n",
    )
    .unwrap();
    let d = r.decide(&p, &parts, &c).unwrap();
    assert_eq!(
        d,
        [
            Some(Choice::RuleValue("Beide".into())),
            Some(Choice::Rule(1)),
            Some(Choice::Rule(1)),
            Some(Choice::Rule(0)),
        ]
    );
    // Without a default, what the file does not name stays open.
    let r = rules::parse("[take]\n'email.staff' = 'Erika Muster'\n").unwrap();
    let d = r.decide(&p, &parts, &c).unwrap();
    assert_eq!(d.iter().filter(|x| x.is_none()).count(), 3);
    for (bad, says) in [
        ("prefer = 3", "no draft number 3"),
        ("prefer = 'Nobody'", "no draft is by \"Nobody\""),
        ("[take]\n'email.nope' = 1", "`email.nope` is neither"),
        (
            "[value]\n'email.staff' = 'viele'",
            "a number answer is a number",
        ),
        ("[value]\n'meta:audit_date' = '1.2.2026'", "does not fit"),
        ("prefer = true", "names a draft"),
        ("[sides]", "rules file:"),
    ] {
        let e = rules::parse(bad).and_then(|r| r.decide(&p, &parts, &c).map(|_| ()));
        let e = e.unwrap_err();
        assert!(e.en.contains(says), "{bad}: {}", e.en);
        assert!(e.de.starts_with("Regeldatei"), "{bad}: {}", e.de);
    }
}

/// Drafts of the small checklist with answers drawn from a few values per key (some keys unanswered).
fn answers() -> impl Strategy<Value = Vec<(usize, usize)>> {
    proptest::collection::vec((0usize..6, 0usize..3), 0..8)
}

const KEYS: [(&str, [&str; 3]); 6] = [
    (
        "email.processes",
        ["['orders']", "['orders', 'support']", "['support']"],
    ),
    (
        "email.in_records",
        ["true", "false", "{ state = 'unknown' }"],
    ),
    ("email.staff", ["3", "250", "{ value = 3, note = 'n' }"]),
    (
        "per_process[orders].messenger",
        ["true", "false", "{ note = 'offen' }"],
    ),
    ("per_process[support].messenger", ["true", "false", "true"]),
    ("end.date", ["'2025-01-31'", "'2025-02-01'", "'2025-01-31'"]),
];

fn draft_of(c: &Arc<Checklist>, auditor: &str, picks: &[(usize, usize)]) -> Part {
    let mut text = String::new();
    let mut seen = Vec::new();
    for (k, v) in picks {
        if !seen.contains(k) {
            seen.push(*k);
            let _ = writeln!(text, "'{}' = {}", KEYS[*k].0, KEYS[*k].1[*v]);
        }
    }
    part(c, auditor, "Vertrieb", &text)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A draft merged with itself: nothing to decide and the same answers. Two drafts merged in either
    /// order: the same conflicts, and the same answers where nothing was decided or combined; the
    /// history always leads to the answers.
    #[test]
    fn merging_is_idempotent_and_symmetric(a in answers(), b in answers()) {
        let c = small();
        let x = draft_of(&c, "Erika Muster", &a);
        let y = draft_of(&c, "Max Mustermann", &b);
        let same = [x.clone(), x.clone()];
        let p = plan(&same, &c);
        prop_assert!(p.conflicts.is_empty());
        prop_assert!(p.notes_combined.is_empty());
        let d = merged(&p, &same, &[], &c, at(100)).unwrap();
        prop_assert_eq!(&d.answers, &x.draft.answers);
        prop_assert_eq!(check(&d.history, &d.answers), Ok(()));

        let xy = [x.clone(), y.clone()];
        let yx = [y, x];
        let (p1, p2) = (plan(&xy, &c), plan(&yx, &c));
        let mut k1 = keys(&p1);
        let mut k2 = keys(&p2);
        k1.sort_unstable();
        k2.sort_unstable();
        prop_assert_eq!(&k1, &k2);
        let decide = |p: &Plan| vec![Choice::Reviewed(0); p.conflicts.len()];
        let d1 = merged(&p1, &xy, &decide(&p1), &c, at(100)).unwrap();
        let d2 = merged(&p2, &yx, &decide(&p2), &c, at(100)).unwrap();
        prop_assert_eq!(check(&d1.history, &d1.answers), Ok(()));
        prop_assert_eq!(check(&d2.history, &d2.answers), Ok(()));
        let open: Vec<&str> = k1.iter().copied().chain(p1.notes_combined.iter().map(String::as_str)).collect();
        let settled = |d: &Draft| -> Vec<(String, toml::Value)> {
            d.answers.iter().filter(|(k, _)| !open.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
        };
        prop_assert_eq!(settled(&d1), settled(&d2));
    }
}
