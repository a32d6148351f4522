//! The audit engine against its specification: behaviour on a small checklist, and property tests that
//! the incremental derivation always equals a derivation from scratch, and that navigation terminates.

use std::sync::Arc;

use jiff::civil::Date;
use msgaudit::audit::{DpiaVerdict, Key, Meta, OpenKind, Outcome, Response, Session, Value};
use msgaudit::checklist::{self, Checklist, Kind};
use proptest::prelude::*;

static SHIPPED: std::sync::LazyLock<Arc<Checklist>> =
    std::sync::LazyLock::new(|| load("checklists/messenger-audit.toml"));

/// Covers, findings per messenger, and `dpia()` in a section gate, a finding and a question.
static OUTCOME: std::sync::LazyLock<Arc<Checklist>> =
    std::sync::LazyLock::new(|| load("tests/outcome/outcome.toml"));

fn load(path: &str) -> Arc<Checklist> {
    Arc::new(
        checklist::load(std::path::Path::new(path)).unwrap_or_else(|d| panic!("{path}: {d:?}")),
    )
}

fn key(s: &Session, k: &str) -> Key {
    s.parse_key(k).unwrap_or_else(|| panic!("no key {k}"))
}

fn set(s: &mut Session, k: &str, v: Value) {
    let k = key(s, k);
    s.set(k, Some(Response::Value(v)))
        .unwrap_or_else(|e| panic!("{e}"));
}

fn visible(s: &Session) -> Vec<String> {
    s.visible().map(|k| s.key_string(k)).collect()
}

fn findings(s: &Session) -> Vec<String> {
    s.findings().map(|f| s.finding_key(&f)).collect()
}

#[test]
fn follow_ups_and_repeats_appear_and_disappear() {
    let mut s = Session::new(load("tests/fixtures/small.toml"));
    assert_eq!(visible(&s), ["email.processes", "email.staff"]);
    set(&mut s, "email.processes", Value::Choices(vec![0, 1]));
    assert_eq!(
        visible(&s),
        [
            "email.processes",
            "email.in_records",
            "email.staff",
            "per_process[orders].messenger",
            "per_process[support].messenger"
        ]
    );
    set(&mut s, "per_process[support].messenger", Value::Bool(true));
    assert!(s.is_visible(key(&s, "per_process[support].which")));
    assert!(!s.is_visible(key(&s, "per_process[orders].which")));
    assert_eq!(findings(&s), ["messenger_used[support]"]);
    // Deselecting "support" hides its repetition: the answer is kept but inactive.
    set(&mut s, "email.processes", Value::Choices(vec![0]));
    assert!(!s.is_visible(key(&s, "per_process[support].messenger")));
    assert!(findings(&s).is_empty());
    assert_eq!(
        s.answer(key(&s, "per_process[support].messenger")).value(),
        Some(&Value::Bool(true))
    );
    set(&mut s, "email.processes", Value::Choices(vec![0, 1]));
    assert_eq!(findings(&s), ["messenger_used[support]"]);
}

#[test]
fn comparisons_are_false_while_open_unknown_or_hidden() {
    let mut s = Session::new(load("tests/fixtures/small.toml"));
    let end_date = key(&s, "end.date");
    set(&mut s, "email.processes", Value::Choices(vec![0]));
    assert!(
        !s.is_visible(end_date),
        "open in_records: the closing section stays hidden"
    );
    let rec = key(&s, "email.in_records");
    s.set(rec, Some(Response::Unknown))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.is_visible(end_date), "unknown(email.in_records) shows it");
    assert!(
        findings(&s).is_empty(),
        "`in_records == no` is false for unknown"
    );
    s.set(rec, Some(Response::Value(Value::Bool(false))))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(findings(&s), ["not_in_records"]);
    // Hiding the question (processes cleared) makes its finding inactive although the answer stays.
    let processes = key(&s, "email.processes");
    s.set(processes, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(findings(&s).is_empty());
    assert!(!s.is_visible(end_date));
}

#[test]
fn progress_and_open_required() {
    let mut s = Session::new(load("tests/fixtures/small.toml"));
    assert_eq!(
        (s.progress().answered, s.progress().required),
        (0, 1),
        "staff is optional"
    );
    set(&mut s, "email.processes", Value::Choices(vec![2]));
    let open: Vec<String> = s.open_required().map(|k| s.key_string(k)).collect();
    assert_eq!(open, ["email.in_records", "per_process[other].messenger"]);
    s.set(key(&s, "email.in_records"), Some(Response::Unknown))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((s.progress().answered, s.progress().required), (2, 4));
}

#[test]
fn other_option_names_its_repetition() {
    let mut s = Session::new(load("tests/fixtures/small.toml"));
    set(&mut s, "email.processes", Value::Choices(vec![2]));
    let k = key(&s, "email.processes");
    s.set_other(k, Some("Kundenbeirat".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = key(&s, "per_process[other].messenger");
    assert_eq!(
        s.item_label(m.section, m.item, "de").as_deref(),
        Some("Kundenbeirat")
    );
    let text = s
        .question(m)
        .text
        .render("de", s.item_label(m.section, m.item, "de").as_deref());
    assert_eq!(text, "Messenger bei Kundenbeirat?");
}

#[test]
fn dpia_verdict_counts_distinct_criteria() {
    let mut s = Session::new(load("tests/fixtures/small.toml"));
    set(&mut s, "email.processes", Value::Choices(vec![0, 1]));
    set(&mut s, "per_process[orders].messenger", Value::Bool(true));
    set(&mut s, "per_process[support].messenger", Value::Bool(true));
    assert_eq!(
        s.dpia().verdict,
        DpiaVerdict::Consider,
        "the same criterion twice counts once"
    );
    set(&mut s, "email.staff", Value::Number(300.0));
    assert_eq!(s.dpia().verdict, DpiaVerdict::RequiredInMostCases);
}

#[test]
fn invalid_answers_are_rejected_and_change_nothing() {
    let mut s = Session::new(load("tests/fixtures/small.toml"));
    let staff = key(&s, "email.staff");
    assert!(
        s.set(staff, Some(Response::Value(Value::Number(-1.0))))
            .is_err(),
        "min = 0"
    );
    assert!(
        s.set(staff, Some(Response::Value(Value::Bool(true))))
            .is_err()
    );
    assert!(s.set(staff, Some(Response::NotApplicable)).is_err());
    assert!(
        s.set(
            key(&s, "email.processes"),
            Some(Response::Value(Value::Choices(vec![7])))
        )
        .is_err()
    );
    assert!(s.answers().next().is_none());
}

#[test]
fn navigation_skips_hidden_questions() {
    let mut s = Session::new(load("tests/fixtures/small.toml"));
    assert_eq!(
        s.current().map(|k| s.key_string(k)).as_deref(),
        Some("email.processes")
    );
    assert!(s.go_next());
    assert_eq!(
        s.current().map(|k| s.key_string(k)).as_deref(),
        Some("email.staff"),
        "in_records hidden"
    );
    assert!(!s.go_next());
    assert!(s.go_prev());
    assert_eq!(
        s.current().map(|k| s.key_string(k)).as_deref(),
        Some("email.processes")
    );
    assert!(!s.go_prev());
}

// ---- prefill -----------------------------------------------------------------------------------

static PREFILL: std::sync::LazyLock<Arc<Checklist>> =
    std::sync::LazyLock::new(|| load("tests/prefill/prefill.toml"));

fn choices(s: &Session, k: &str) -> Option<Vec<usize>> {
    match &s.answer(key(s, k)).response {
        Some(Response::Value(Value::Choices(c))) => Some(c.clone()),
        None => None,
        other => panic!("{k}: {other:?}"),
    }
}

/// start.procs = orders, support; orders uses WhatsApp, support uses Signal and "Line".
fn two_processes() -> Session {
    let mut s = Session::new(Arc::clone(&PREFILL));
    set(&mut s, "start.procs", Value::Choices(vec![0, 1]));
    set(&mut s, "proc[orders].uses", Value::Choices(vec![0]));
    set(&mut s, "proc[support].uses", Value::Choices(vec![1, 2]));
    let k = key(&s, "proc[support].uses");
    s.set_other(k, Some("Line".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    s
}

#[test]
fn prefill_carries_the_options_of_every_repetition_over_with_the_other_name() {
    let s = two_processes();
    // Target options are threema, whatsapp, signal, other: matched by id, not by position.
    assert_eq!(choices(&s, "disc.found"), Some(vec![1, 2, 3]));
    let found = key(&s, "disc.found");
    assert!(s.is_carried(found));
    assert_eq!(s.answer(found).other.as_deref(), Some("Line"));
    // Each messenger named in a process is reviewed, the other one under its name; the carried-over
    // answer counts as answered.
    let reviews: Vec<String> = visible(&s)
        .into_iter()
        .filter(|k| k.starts_with("rev"))
        .collect();
    assert_eq!(
        reviews,
        ["rev[whatsapp].ok", "rev[signal].ok", "rev[other].ok"]
    );
    let r = key(&s, "rev[other].ok");
    assert_eq!(
        s.item_label(r.section, r.item, "en").as_deref(),
        Some("Line")
    );
    assert!(!s.open_required().any(|k| k == found));
}

#[test]
fn a_carried_answer_follows_the_earlier_answers_until_the_auditor_sets_it() {
    let mut s = two_processes();
    // Support no longer a process: its messengers are no longer carried over.
    set(&mut s, "start.procs", Value::Choices(vec![0]));
    assert_eq!(choices(&s, "disc.found"), Some(vec![1]));
    let found = key(&s, "disc.found");
    assert_eq!(s.answer(found).other, None);
    // No messenger named anywhere: the question is open again.
    set(&mut s, "proc[orders].uses", Value::Choices(vec![]));
    assert_eq!(choices(&s, "disc.found"), None);
    assert!(!s.is_carried(found));
    set(&mut s, "proc[orders].uses", Value::Choices(vec![1]));
    assert_eq!(choices(&s, "disc.found"), Some(vec![2]));
    // The auditor confirms it (the same value) and adds Threema: later changes leave it alone.
    set(&mut s, "disc.found", Value::Choices(vec![2]));
    assert!(!s.is_carried(found));
    set(&mut s, "disc.found", Value::Choices(vec![0, 2]));
    set(&mut s, "proc[orders].uses", Value::Choices(vec![0, 1]));
    assert_eq!(choices(&s, "disc.found"), Some(vec![0, 2]));
    // Cleared by the auditor, it takes the carried-over options again.
    s.set(found, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(choices(&s, "disc.found"), Some(vec![1, 2]));
    assert!(s.is_carried(found));
}

#[test]
fn an_other_name_given_twice_is_carried_over_once() {
    let mut s = two_processes();
    set(&mut s, "proc[orders].uses", Value::Choices(vec![2]));
    let k = key(&s, "proc[orders].uses");
    s.set_other(k, Some(" LINE ".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    let found = key(&s, "disc.found");
    assert_eq!(s.answer(found).other.as_deref(), Some("LINE"));
    let k = key(&s, "proc[orders].uses");
    s.set_other(k, Some("Viber".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.answer(found).other.as_deref(), Some("Viber, Line"));
}

#[test]
fn the_shipped_audit_reviews_a_messenger_named_in_a_process_once_under_its_name() {
    let mut s = Session::new(Arc::clone(&SHIPPED));
    set(&mut s, "email.processes", Value::Choices(vec![1]));
    set(&mut s, "process[orders].messenger", Value::Choice(1));
    let which = key(&s, "process[orders].which");
    let other = s.question(which).option_index("other");
    set(
        &mut s,
        "process[orders].which",
        Value::Choices(other.into_iter().collect()),
    );
    s.set_other(which, Some("Line".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    set(&mut s, "discovery.any_messenger", Value::Bool(true));
    let found = key(&s, "discovery.messengers");
    assert!(s.is_carried(found));
    assert_eq!(s.answer(found).other.as_deref(), Some("Line"));
    let r = key(&s, "review[other].uses");
    assert!(s.is_visible(r), "{:?}", visible(&s));
    assert_eq!(outcome(&s).summary.messengers, ["Line"]);
}

// ---- properties ------------------------------------------------------------------------------------

fn response_for(kind: Kind, options: usize, pick: u8, n: u16) -> Option<Response> {
    match pick % 6 {
        0 => None,
        1 => Some(Response::Unknown),
        _ => Some(Response::Value(match kind {
            Kind::YesNo => Value::Bool(n.is_multiple_of(2)),
            Kind::Single => Value::Choice(usize::from(n) % options.max(1)),
            Kind::Multi => Value::Choices((0..options).filter(|i| (n >> i) & 1 == 1).collect()),
            Kind::Text => Value::Text(format!("t{}", n % 3)),
            Kind::Number => Value::Number(f64::from(n % 400)),
            Kind::Date => Value::Date(Date::constant(2020, 1, 1 + (n % 28) as i8)),
        })),
    }
}

/// Apply a random sequence of answers; invalid ones (e.g. "not applicable" where not allowed) are skipped.
fn apply(s: &mut Session, ops: &[(usize, u8, u16)]) {
    let keys: Vec<Key> = s.all_keys().collect();
    for &(i, pick, n) in ops {
        let k = keys[i % keys.len()];
        let q = s.question(k);
        let r = response_for(q.kind, q.options.len(), pick, n);
        let _ = s.set(k, r);
    }
}

/// Everything derived, as comparable strings.
fn derived(
    s: &Session,
) -> (
    Vec<String>,
    Vec<String>,
    Vec<String>,
    String,
    String,
    String,
) {
    (
        visible(s),
        findings(s),
        s.open_required().map(|k| s.key_string(k)).collect(),
        format!("{:?}", s.progress()),
        format!("{:?}", s.dpia()),
        format!("{:?}", s.instances()),
    )
}

fn outcome(s: &Session) -> Outcome {
    Outcome::derive(s, &Meta::default(), Date::constant(2026, 12, 1))
}

/// The outcome's invariants: open points are exactly the visible "unknown" answers plus the open required
/// questions; every raised finding is in exactly one group; counts are the top-level groups per severity.
fn check_outcome(s: &Session) -> Result<(), TestCaseError> {
    let o = outcome(s);
    let want: Vec<(OpenKind, String)> = s
        .visible()
        .filter_map(|k| match s.answer(k).response {
            Some(Response::Unknown) => Some((OpenKind::Unknown, s.key_string(k))),
            _ => None,
        })
        .chain(
            s.open_required()
                .map(|k| (OpenKind::Unanswered, s.key_string(k))),
        )
        .collect();
    let mut want = want;
    want.sort_by_key(|(_, k)| s.parse_key(k));
    let got: Vec<(OpenKind, String)> = o
        .open_points
        .iter()
        .map(|p| (p.kind, p.key.clone()))
        .collect();
    prop_assert_eq!(got, want);
    prop_assert_eq!(o.summary.open_points, o.open_points.len());
    prop_assert!(
        o.open_points
            .iter()
            .all(|p| !p.question.is_empty() && !p.place.title.is_empty())
    );
    let mut in_groups: Vec<String> = o
        .findings
        .iter()
        .flat_map(|g| std::iter::once(g).chain(&g.covered))
        .flat_map(|g| g.places.iter().map(|p| p.key.clone()))
        .collect();
    in_groups.sort();
    let mut raised = findings(s);
    raised.sort();
    prop_assert_eq!(in_groups, raised);
    for sev in msgaudit::checklist::Severity::ALL {
        prop_assert_eq!(o.counts.get(sev), o.groups_of(sev).count());
    }
    prop_assert_eq!(o.counts.total(), o.findings.len());
    let p = s.progress();
    prop_assert_eq!(o.completeness.complete, p.answered == p.required);
    prop_assert_eq!(o.dpia.provisional, !o.completeness.complete);
    prop_assert_eq!(o.dpia.verdict, s.dpia().verdict);
    Ok(())
}

/// The same answers derived in one pass (not incrementally), checked against answering them one by one
/// in checklist order: both must equal the incremental state.
fn from_scratch(s: &Session) -> Session {
    let mut replayed = Session::new(Arc::clone(s.checklist()));
    for (k, a) in s.answers() {
        replayed
            .set(k, a.response.clone())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let fresh = s.recomputed();
    assert_eq!(derived(&replayed), derived(&fresh), "replayed in order");
    fresh
}

fn ops() -> impl Strategy<Value = Vec<(usize, u8, u16)>> {
    proptest::collection::vec((0usize..10_000, any::<u8>(), any::<u16>()), 0..60)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn incremental_equals_from_scratch_with_prefill(ops in ops()) {
        let mut s = Session::new(Arc::clone(&PREFILL));
        apply(&mut s, &ops);
        prop_assert_eq!(derived(&s), derived(&from_scratch(&s)));
    }

    /// After every answer: a carried-over answer is exactly the union of the visible earlier answers
    /// (mapped by option id), an open one means there is nothing to carry over, and an answer the auditor
    /// set changes only when the auditor sets it.
    #[test]
    fn prefill_carries_over_and_never_overwrites_the_auditors_answer(ops in ops()) {
        let mut s = Session::new(Arc::clone(&PREFILL));
        let keys: Vec<Key> = s.all_keys().collect();
        let found = key(&s, "disc.found");
        for &(i, pick, n) in &ops {
            let k = keys[i % keys.len()];
            let before = (s.answer(found).response.clone(), s.is_carried(found));
            let q = s.question(k);
            let _ = s.set(k, response_for(q.kind, q.options.len(), pick, n));
            let mut union: Vec<usize> = s
                .visible()
                .filter(|v| s.key_string(*v).starts_with("proc["))
                .filter_map(|v| match &s.answer(v).response {
                    Some(Response::Value(Value::Choices(c))) => Some(c.clone()),
                    _ => None,
                })
                .flatten()
                .map(|o| o + 1)
                .collect();
            union.sort_unstable();
            union.dedup();
            let now = &s.answer(found).response;
            if k != found && before.0.is_some() && !before.1 {
                prop_assert_eq!(now, &before.0, "the auditor's answer changed");
            } else if s.is_carried(found) {
                prop_assert_eq!(now, &Some(Response::Value(Value::Choices(union))));
            } else if now.is_none() {
                prop_assert!(union.is_empty(), "nothing carried over: {:?}", union);
            }
        }
    }

    #[test]
    fn incremental_equals_from_scratch_small(ops in ops()) {
        let mut s = Session::new(load("tests/fixtures/small.toml"));
        apply(&mut s, &ops);
        prop_assert_eq!(derived(&s), derived(&from_scratch(&s)));
    }

    #[test]
    fn incremental_equals_from_scratch_shipped(ops in ops()) {
        let mut s = Session::new(Arc::clone(&SHIPPED));
        apply(&mut s, &ops);
        prop_assert_eq!(derived(&s), derived(&from_scratch(&s)));
    }

    #[test]
    fn incremental_equals_from_scratch_with_dpia_conditions(ops in ops()) {
        let mut s = Session::new(Arc::clone(&OUTCOME));
        apply(&mut s, &ops);
        let fresh = from_scratch(&s);
        prop_assert_eq!(derived(&s), derived(&fresh));
        prop_assert_eq!(outcome(&s), outcome(&fresh));
    }

    #[test]
    fn the_outcome_lists_every_open_point_and_counts_root_causes(ops in ops()) {
        let mut s = Session::new(Arc::clone(&OUTCOME));
        apply(&mut s, &ops);
        check_outcome(&s)?;
    }

    #[test]
    fn the_outcome_of_the_shipped_audit_lists_every_open_point_and_counts_root_causes(ops in ops()) {
        let mut s = Session::new(Arc::clone(&SHIPPED));
        apply(&mut s, &ops);
        check_outcome(&s)?;
    }

    #[test]
    fn navigation_visits_every_visible_question_once_and_stops(ops in ops()) {
        let mut s = Session::new(Arc::clone(&SHIPPED));
        apply(&mut s, &ops);
        let all = visible(&s);
        let mut seen = Vec::new();
        let first = s.visible().next();
        if let Some(first) = first {
            s.go_to(first).unwrap_or_else(|e| panic!("{e}"));
            seen.push(s.key_string(first));
            while s.go_next() {
                prop_assert!(seen.len() <= all.len(), "navigation does not terminate");
                seen.push(s.current().map(|k| s.key_string(k)).unwrap_or_default());
            }
        }
        prop_assert_eq!(&seen, &all);
        let mut back = 0;
        while s.go_prev() {
            back += 1;
            prop_assert!(back <= all.len());
        }
        prop_assert_eq!(back, all.len().saturating_sub(1));
    }

    #[test]
    fn mutated_checklists_load_or_fail_but_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..8)
    ) {
        let mut bytes = std::fs::read("tests/fixtures/small.toml").unwrap_or_default();
        for (at, byte, how) in edits {
            let i = at % (bytes.len() + 1);
            match how {
                0 if i < bytes.len() => bytes[i] = byte,
                1 if i < bytes.len() => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("m.toml");
        std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
        if let Err(diags) = checklist::load(&path) {
            prop_assert!(!diags.is_empty());
            for d in diags { let _ = d.to_string(); }
        }
    }
}

#[test]
fn item_conditions_tailor_a_repeated_section_to_its_option() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string("tests/fixtures/small.toml")
        .unwrap_or_default()
        .replace(
            "[[section.question]]\nid = \"which\"\nkind = \"text\"\nwhen = \"messenger == yes\"",
            "[[section.question]]\nid = \"which\"\nkind = \"text\"\nwhen = 'messenger == yes and item != \"support\"'",
        );
    let path = dir.path().join("items.toml");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let mut s = Session::new(Arc::new(
        checklist::load(&path).unwrap_or_else(|d| panic!("{d:?}")),
    ));
    set(&mut s, "email.processes", Value::Choices(vec![0, 1]));
    set(&mut s, "per_process[orders].messenger", Value::Bool(true));
    set(&mut s, "per_process[support].messenger", Value::Bool(true));
    assert!(s.is_visible(key(&s, "per_process[orders].which")));
    assert!(
        !s.is_visible(key(&s, "per_process[support].which")),
        "item != \"support\""
    );
    assert_eq!(derived(&s), derived(&from_scratch(&s)));
}

#[test]
fn selected_tells_a_choice_from_an_empty_multiple_choice() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string("tests/fixtures/small.toml")
        .unwrap_or_default()
        .replace(
            "when = \"answered(processes)\"",
            "when = \"selected(processes)\"",
        );
    let path = dir.path().join("selected.toml");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let mut s = Session::new(Arc::new(
        checklist::load(&path).unwrap_or_else(|d| panic!("{d:?}")),
    ));
    set(&mut s, "email.processes", Value::Choices(vec![]));
    assert!(
        !s.is_visible(key(&s, "email.in_records")),
        "none chosen: answered, but nothing selected"
    );
    set(&mut s, "email.processes", Value::Choices(vec![1]));
    assert!(s.is_visible(key(&s, "email.in_records")));
}
