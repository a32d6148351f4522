//! The outcome of an audit (`audit::Outcome`): completeness, open points, findings grouped by root cause
//! (with `covers`), the DPIA verdict true to WP248 and the `dpia()` operand, knowledge dates, and the
//! result file that stores and re-derives all of it (format 2; format 1 still verifies).

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::result::{ResultFile, SignOff};
use msgaudit::audit::{DpiaVerdict, Meta, OpenKind, Outcome, Response, Session, Value, values};
use msgaudit::checklist::{self, Checklist, DpiaCriterion, Severity};
use msgaudit::lang::Lang;

fn load(path: &str) -> Arc<Checklist> {
    Arc::new(checklist::load(Path::new(path)).unwrap_or_else(|d| panic!("{path}: {d:?}")))
}

fn fixture() -> Arc<Checklist> {
    load("tests/outcome/outcome.toml")
}

fn meta(lang: Lang) -> Meta {
    Meta {
        organisation: "Bäckerei Müller".into(),
        unit: "Vertrieb".into(),
        interviewees: String::new(),
        auditor: "Dr. Prüfer".into(),
        audit_date: None,
        lang,
    }
}

fn date() -> Date {
    Date::constant(2026, 12, 1)
}

#[allow(clippy::needless_pass_by_value)] // the value as written at the call
fn answer(s: &mut Session, key: &str, v: toml::Value) {
    values::apply(s, key, &v).unwrap_or_else(|e| panic!("{key}: {e:?}"));
}

fn unknown(s: &mut Session, key: &str) {
    let k = s.parse_key(key).unwrap_or_else(|| panic!("no key {key}"));
    s.set(k, Some(Response::Unknown))
        .unwrap_or_else(|e| panic!("{e}"));
}

fn outcome(s: &Session) -> Outcome {
    Outcome::derive(s, &meta(Lang::De), date())
}

/// WhatsApp and Signal, both on private phones without remote wipe; WhatsApp uploads contacts.
fn two_messengers() -> Session {
    let mut s = Session::new(fixture());
    answer(&mut s, "org.in_records", false.into());
    answer(
        &mut s,
        "org.messengers",
        toml::Value::Array(vec!["whatsapp".into(), "signal".into()]),
    );
    for m in ["whatsapp", "signal"] {
        answer(&mut s, &format!("review[{m}].private_phones"), true.into());
        answer(&mut s, &format!("review[{m}].wipe"), false.into());
    }
    answer(&mut s, "review[whatsapp].contacts", true.into());
    answer(&mut s, "review[signal].contacts", false.into());
    s
}

#[test]
fn a_finding_raised_per_messenger_is_one_group_with_its_places() {
    let s = two_messengers();
    let o = outcome(&s);
    let ids: Vec<&str> = o.findings.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        ids,
        ["private_phones_used", "not_in_records", "messenger_in_use"]
    );
    let g = &o.findings[0];
    assert_eq!(g.severity, Severity::High);
    assert_eq!(g.labels(), ["WhatsApp", "Signal"]);
    assert_eq!(g.title, "WhatsApp; Signal auf privaten Telefonen");
    let keys: Vec<&str> = g.places.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "private_phones_used[whatsapp]",
            "private_phones_used[signal]"
        ]
    );
    assert_eq!(
        g.places[0].question.as_deref(),
        Some("review[whatsapp].private_phones")
    );
    assert_eq!(g.places[1].place.title, "Messenger: Signal");
    // The root cause takes in what it covers: no remote wipe (both) and the contact upload (WhatsApp).
    let covered: Vec<(&str, Vec<&str>)> = g
        .covered
        .iter()
        .map(|c| (c.id.as_str(), c.labels()))
        .collect();
    assert_eq!(
        covered,
        [
            ("no_wipe", vec!["WhatsApp", "Signal"]),
            ("contacts_uploaded", vec!["WhatsApp"])
        ]
    );
    assert!(g.covered.iter().all(|c| c.covered.is_empty()), "flat");
    // 8 raised findings, 3 root causes: counts are per root cause.
    assert_eq!(s.findings().count(), 8);
    assert_eq!(
        (o.counts.high, o.counts.medium, o.counts.low, o.counts.info),
        (1, 1, 1, 0)
    );
    assert_eq!(o.summary.top_measures[0].places, ["WhatsApp", "Signal"]);
}

#[test]
fn a_covered_finding_stands_on_its_own_when_its_root_cause_is_not_raised() {
    let mut s = two_messengers();
    for m in ["whatsapp", "signal"] {
        answer(&mut s, &format!("review[{m}].private_phones"), false.into());
    }
    let o = outcome(&s);
    let ids: Vec<&str> = o.findings.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "contacts_uploaded",
            "not_in_records",
            "no_wipe",
            "messenger_in_use"
        ]
    );
    assert_eq!((o.counts.high, o.counts.medium), (1, 2));
}

#[test]
fn open_points_are_unknown_answers_and_open_required_questions_with_text_and_place() {
    let mut s = Session::new(fixture());
    answer(
        &mut s,
        "org.messengers",
        toml::Value::Array(vec!["whatsapp".into()]),
    );
    unknown(&mut s, "review[whatsapp].wipe");
    let o = outcome(&s);
    let points: Vec<(OpenKind, &str, &str, &str)> = o
        .open_points
        .iter()
        .map(|p| {
            (
                p.kind,
                p.key.as_str(),
                p.question.as_str(),
                p.place.title.as_str(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            (
                OpenKind::Unanswered,
                "org.in_records",
                "Sind Messenger im Verzeichnis?",
                "Organisation"
            ),
            (
                OpenKind::Unanswered,
                "review[whatsapp].private_phones",
                "Läuft WhatsApp auf privaten Telefonen?",
                "Messenger: WhatsApp"
            ),
            (
                OpenKind::Unknown,
                "review[whatsapp].wipe",
                "Kann WhatsApp aus der Ferne gelöscht werden?",
                "Messenger: WhatsApp"
            ),
            (
                OpenKind::Unanswered,
                "review[whatsapp].contacts",
                "Lädt WhatsApp das Adressbuch hoch?",
                "Messenger: WhatsApp"
            ),
        ]
    );
    assert_eq!(o.open_points[1].place.label.as_deref(), Some("WhatsApp"));
    assert_eq!(o.open_points[1].place.item.as_deref(), Some("whatsapp"));
    // "unknown" is a response: it counts as answered, but stays an open point.
    assert_eq!((o.completeness.answered, o.completeness.required), (2, 5));
    assert!(!o.completeness.complete);
    assert_eq!(o.summary.open_points, 4);
}

#[test]
fn an_incomplete_audit_has_a_provisional_verdict() {
    let mut s = two_messengers();
    let o = outcome(&s);
    assert_eq!(o.dpia.verdict, DpiaVerdict::RequiredInMostCases);
    assert!(o.dpia.provisional, "dpia.done is open");
    assert!(!o.summary.complete);
    answer(&mut s, "dpia.done", true.into());
    answer(&mut s, "review[whatsapp].private_phones", true.into());
    let o = outcome(&s);
    assert!(o.completeness.complete, "{:?}", o.open_points);
    assert!(!o.dpia.provisional);
}

#[test]
fn the_verdict_follows_wp248_and_names_its_sources() {
    let mut s = Session::new(fixture());
    answer(
        &mut s,
        "org.messengers",
        toml::Value::Array(vec!["signal".into()]),
    );
    assert_eq!(outcome(&s).dpia.verdict, DpiaVerdict::NotIndicated);
    answer(&mut s, "review[signal].private_phones", false.into());
    let o = outcome(&s);
    assert_eq!(o.dpia.verdict, DpiaVerdict::Consider, "one criterion");
    assert_eq!(o.criteria(), [DpiaCriterion::NewTechnology]);
    answer(&mut s, "org.staff", 300.into());
    let o = outcome(&s);
    assert_eq!(
        o.dpia.verdict,
        DpiaVerdict::RequiredInMostCases,
        "two criteria: WP248 rev.01 'would require a DPIA in most cases'"
    );
    let large = &o.dpia.criteria[0];
    assert_eq!(large.criterion, DpiaCriterion::LargeScale);
    assert_eq!(large.findings, ["large_use[signal]"]);
    assert_eq!(large.answers, ["org.staff"]);
    let new = &o.dpia.criteria[1];
    assert_eq!(new.answers, ["review[signal].private_phones"]);
    assert_eq!(o.summary.verdict, DpiaVerdict::RequiredInMostCases);
}

#[test]
fn verdict_thresholds() {
    use DpiaCriterion::*;
    assert_eq!(DpiaVerdict::of(&[]), DpiaVerdict::NotIndicated);
    assert_eq!(DpiaVerdict::of(&[LargeScale]), DpiaVerdict::Consider);
    assert_eq!(
        DpiaVerdict::of(&[LargeScale, NewTechnology]),
        DpiaVerdict::RequiredInMostCases
    );
    assert_eq!(DpiaVerdict::of(&[DskMustList]), DpiaVerdict::Required);
    assert_eq!(
        DpiaVerdict::of(&[LargeScale, NewTechnology, SensitiveData, DskMustList]),
        DpiaVerdict::Required
    );
    assert!(DpiaVerdict::Consider < DpiaVerdict::RequiredInMostCases);
    assert_eq!(
        DpiaVerdict::parse("recommended"),
        Some(DpiaVerdict::RequiredInMostCases),
        "format-1 name"
    );
    assert_eq!(
        DpiaVerdict::parse("required_in_most_cases"),
        Some(DpiaVerdict::RequiredInMostCases)
    );
}

#[test]
fn dpia_conditions_follow_the_verdict() {
    let mut s = Session::new(fixture());
    let done = s
        .parse_key("dpia.done")
        .unwrap_or_else(|| panic!("dpia.done"));
    let why = s
        .parse_key("closing.why_no_dpia")
        .unwrap_or_else(|| panic!("why"));
    assert!(!s.is_visible(done) && !s.is_visible(why));
    answer(
        &mut s,
        "org.messengers",
        toml::Value::Array(vec!["signal".into()]),
    );
    answer(&mut s, "review[signal].private_phones", false.into());
    assert!(!s.is_visible(done) && s.is_visible(why), "consider");
    answer(&mut s, "org.staff", 300.into());
    assert!(
        s.is_visible(done) && !s.is_visible(why),
        "required in most cases"
    );
    answer(&mut s, "dpia.done", false.into());
    assert!(s.findings().any(|f| f.finding.id == "no_dpia"));
    answer(&mut s, "org.staff", 10.into());
    assert!(!s.is_visible(done), "back to consider");
    assert!(!s.findings().any(|f| f.finding.id == "no_dpia"));
}

#[test]
fn knowledge_entries_used_with_their_dates() {
    let s = two_messengers();
    let o = outcome(&s);
    let used: Vec<(&str, Date, bool)> = o
        .knowledge
        .iter()
        .map(|k| (k.id.as_str(), k.as_of, k.stale))
        .collect();
    assert_eq!(
        used,
        [
            ("whatsapp", Date::constant(2025, 10, 1), true),
            ("signal", Date::constant(2026, 6, 1), false)
        ]
    );
    assert_eq!(o.knowledge[0].places[0].title, "Messenger: WhatsApp");
    let o = Outcome::derive(&s, &meta(Lang::De), Date::constant(2026, 9, 30));
    assert!(!o.knowledge[0].stale, "exactly twelve months is not older");
}

#[test]
fn the_management_summary_names_organisation_messengers_and_measures() {
    let mut s = two_messengers();
    answer(
        &mut s,
        "org.messengers",
        toml::Value::Array(vec!["whatsapp".into(), "other".into()]),
    );
    let k = s
        .parse_key("org.messengers")
        .unwrap_or_else(|| panic!("key"));
    s.set_other(k, Some("Threema".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    let o = Outcome::derive(&s, &meta(Lang::En), date());
    let m = &o.summary;
    assert_eq!(
        (m.organisation.as_str(), m.scope.as_str(), m.date),
        ("Bäckerei Müller", "Vertrieb", date())
    );
    assert_eq!(m.messengers, ["WhatsApp", "Threema"]);
    assert_eq!(m.top_measures[0].title, "WhatsApp on private phones");
    assert_eq!(m.top_measures.len(), o.findings.len().min(5));
}

#[test]
fn texts_are_in_the_audits_language() {
    let s = two_messengers();
    let o = Outcome::derive(&s, &meta(Lang::En), date());
    assert_eq!(o.findings[0].measure, "Issue company phones.");
    assert_eq!(o.findings[0].places[0].place.title, "Messenger: WhatsApp");
}

// ---- the result file ------------------------------------------------------------------------------

fn result(s: &Session) -> ResultFile {
    let now = Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
    let d = {
        let mut d = Draft::new(s.checklist(), meta(Lang::De), now);
        d.capture(s, now);
        d
    };
    let signoff = SignOff {
        name: "Dr. Petra Prüfer".into(),
        role: "DSB".into(),
        statement: "geprüft".into(),
        signed_at: now,
        key_id: "0123456789ABCDEF".into(),
    };
    ResultFile::build(s, &d, signoff, now)
}

#[test]
fn a_result_stores_its_outcome_and_re_derives_it() {
    let s = two_messengers();
    let r = result(&s);
    assert_eq!(r.format, msgaudit::audit::result::RESULT_FORMAT);
    assert!(!r.history.is_empty(), "format 3 carries the answer history");
    let text = r.to_toml().unwrap_or_else(|e| panic!("{e}"));
    let back = ResultFile::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back, r);
    assert!(back.rederive(fixture()).is_empty());
    let stored = back.outcome.as_ref().unwrap_or_else(|| panic!("outcome"));
    assert_eq!(stored.findings.len(), 3);
    assert_eq!(stored.dpia.verdict, DpiaVerdict::RequiredInMostCases);
    assert!(
        text.contains("verdict = \"required_in_most_cases\""),
        "{text}"
    );
}

#[test]
fn an_edited_completeness_or_grouping_is_a_mismatch() {
    let s = two_messengers();
    let text = result(&s).to_toml().unwrap_or_else(|e| panic!("{e}"));
    let edited = text.replacen("complete = false", "complete = true", 1);
    assert_ne!(edited, text);
    let r = ResultFile::from_toml(&edited).unwrap_or_else(|e| panic!("{e}"));
    let m = r.rederive(fixture());
    assert!(m.iter().any(|m| m.0.contains("completeness")), "{m:?}");
    let mut r = ResultFile::from_toml(&text).unwrap_or_else(|e| panic!("{e}"));
    if let Some(o) = r.outcome.as_mut() {
        o.findings[0].covered.clear();
        o.open_points.pop();
    }
    let m: Vec<String> = r.rederive(fixture()).into_iter().map(|m| m.0).collect();
    assert!(m.iter().any(|m| m.contains("grouped findings")), "{m:?}");
    assert!(m.iter().any(|m| m.contains("open points")), "{m:?}");
}

#[test]
fn a_result_without_its_outcome_or_with_one_in_format_1_is_refused() {
    let s = two_messengers();
    let mut r = result(&s);
    r.outcome = None;
    let text = r.to_toml().unwrap_or_else(|e| panic!("{e}"));
    assert!(ResultFile::from_toml(&text).is_err());
    let text = result(&s)
        .to_toml()
        .unwrap_or_else(|e| panic!("{e}"))
        .replacen("format = 4", "format = 1", 1);
    assert!(text.contains("format = 1"), "{text}");
    assert!(ResultFile::from_toml(&text).is_err());
}

#[test]
fn a_format_1_result_is_read_and_verified_by_its_old_fields() {
    let text = std::fs::read_to_string("tests/outcome/small-format1.result.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    let r = ResultFile::from_toml(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.format, 1);
    assert!(r.outcome.is_none());
    assert_eq!(
        r.summary.dpia_verdict,
        DpiaVerdict::RequiredInMostCases,
        "was `recommended`"
    );
    let c = load("tests/fixtures/small.toml");
    assert_eq!(r.rederive(Arc::clone(&c)), vec![]);
    // The outcome of an old result is derived on the fly.
    let o = r
        .derive_outcome(Arc::clone(&c))
        .unwrap_or_else(|m| panic!("{m:?}"));
    assert_eq!(o.dpia.verdict, DpiaVerdict::RequiredInMostCases);
    let grouped: Vec<&str> = o.findings.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(grouped, ["messenger_used", "big_and_messenger"]);
    // Its old fields are still checked.
    let edited = text.replacen("findings_high = 2", "findings_high = 1", 1);
    assert_ne!(edited, text);
    let r = ResultFile::from_toml(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert!(!r.rederive(c).is_empty());
}

#[test]
fn open_points_match_progress_in_a_result() {
    let mut s = Session::new(fixture());
    answer(&mut s, "org.messengers", toml::Value::Array(vec![]));
    unknown(&mut s, "org.in_records");
    let r = result(&s);
    let o = r.outcome.as_ref().unwrap_or_else(|| panic!("outcome"));
    assert_eq!(o.open_points.len(), 1);
    assert_eq!(o.open_points[0].kind, OpenKind::Unknown);
    assert!(o.completeness.complete);
    assert_eq!(r.summary.open_required, Vec::<String>::new());
    let _ = Value::Bool(true);
}

fn load_text(name: &str, text: &str) -> Result<Arc<Checklist>, Vec<checklist::Diagnostic>> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(
        "tests/outcome/outcome-kb.toml",
        dir.path().join("outcome-kb.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    checklist::load(&path).map(Arc::new)
}

fn fixture_text() -> String {
    std::fs::read_to_string("tests/outcome/outcome.toml").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn dpia_is_compared_with_an_ordering_operator_only() {
    let text = fixture_text().replace(
        "when = \"dpia() == consider\"",
        "when = \"dpia() contains consider\"",
    );
    let d = load_text("c.toml", &text).err().unwrap_or_default();
    assert!(
        d.first().is_some_and(|d| d
            .message
            .contains("dpia() is compared with ==, !=, <, <=, > or >=")),
        "{d:?}"
    );
}

#[test]
fn dpia_anywhere_in_a_checklist_without_criteria_is_fine() {
    let text = fixture_text()
        .replace("dpia_criterion = \"matching_datasets\"\n", "")
        .replace("dpia_criterion = \"new_technology\"\n", "")
        .replace("dpia_criterion = \"large_scale\"\n", "")
        .replace(
            "id = \"wipe\"\nkind = \"yes_no\"\n",
            "id = \"wipe\"\nkind = \"yes_no\"\nwhen = \"dpia() == not_indicated\"\n",
        );
    let c = load_text("c.toml", &text).unwrap_or_else(|d| panic!("{d:?}"));
    let mut s = Session::new(c);
    answer(
        &mut s,
        "org.messengers",
        toml::Value::Array(vec!["signal".into()]),
    );
    assert!(
        s.is_visible(
            s.parse_key("review[signal].wipe")
                .unwrap_or_else(|| panic!("key"))
        )
    );
}

#[test]
fn a_covers_entry_listed_twice_is_an_error() {
    let text = fixture_text().replace(
        "covers = [\"no_wipe\", \"contacts_uploaded\"]",
        "covers = [\"no_wipe\", \"no_wipe\"]",
    );
    let d = load_text("c.toml", &text).err().unwrap_or_default();
    assert!(
        d.first()
            .is_some_and(|d| d.message.contains("`no_wipe` is listed twice in `covers`")),
        "{d:?}"
    );
}
