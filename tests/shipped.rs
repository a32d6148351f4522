//! The shipped checklists meet what a DPO relies on: the audit starts from e-mail, a company without
//! messengers is through quickly, every messenger found gets its own review, and every question and finding
//! carries its explanation, measure and legal reference in both languages.

use std::path::Path;
use std::sync::Arc;

use msgaudit::audit::{Session, values};
use msgaudit::checklist::{self, Checklist};

fn audit() -> Arc<Checklist> {
    Arc::new(
        checklist::load(Path::new("checklists/messenger-audit.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    )
}

/// The sessions of the shipped examples, by name.
fn examples(c: &Arc<Checklist>) -> Vec<(String, Session)> {
    let text =
        std::fs::read_to_string("checklists/messenger-audit.examples.toml").unwrap_or_default();
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let list = doc
        .get("example")
        .and_then(|e| e.as_array())
        .cloned()
        .unwrap_or_default();
    assert!(list.len() >= 14, "at least 14 audit scenarios");
    list.iter()
        .map(|ex| {
            let name = ex
                .get("name")
                .and_then(|n| n.as_str())
                .unwrap_or("")
                .to_string();
            let mut s = Session::new(Arc::clone(c));
            for (k, v) in ex
                .get("answers")
                .and_then(|a| a.as_table())
                .cloned()
                .unwrap_or_default()
            {
                values::apply(&mut s, &k, &v).unwrap_or_else(|e| panic!("{name}: {k}: {e:?}"));
            }
            (name, s)
        })
        .collect()
}

#[test]
fn the_first_question_is_about_e_mail() {
    let c = audit();
    let s = Session::new(Arc::clone(&c));
    let first = s.current().unwrap_or_else(|| panic!("no question"));
    let q = s.question(first);
    assert!(q.text.get("de").contains("E-Mail"), "{}", q.text.get("de"));
    assert!(
        q.text.get("en").to_lowercase().contains("e-mail"),
        "{}",
        q.text.get("en")
    );
}

#[test]
fn a_company_without_messengers_is_through_in_at_most_25_questions() {
    let c = audit();
    let mut checked = 0;
    for (name, s) in examples(&c) {
        let reviews = s
            .instances()
            .iter()
            .filter(|i| i.visible && i.item.is_some() && c.sections[i.section].id == "review")
            .count();
        if reviews > 0 {
            continue;
        }
        checked += 1;
        assert_eq!(
            s.open_required().count(),
            0,
            "{name}: the example answers everything"
        );
        let n = s.visible().count();
        assert!(n <= 25, "{name}: {n} questions");
    }
    assert!(
        checked >= 2,
        "the examples include companies without messengers"
    );
}

#[test]
fn three_messengers_give_three_reviews() {
    let c = audit();
    let (name, s) = examples(&c)
        .into_iter()
        .find(|(n, _)| n.contains("three messengers"))
        .unwrap_or_else(|| panic!("the three-messenger example"));
    let reviews: Vec<String> = s
        .instances()
        .iter()
        .filter(|i| i.visible && c.sections[i.section].id == "review")
        .filter_map(|i| s.item_id(i.section, i.item).map(str::to_string))
        .collect();
    assert_eq!(reviews.len(), 3, "{name}: {reviews:?}");
}

#[test]
fn every_question_explains_itself_and_every_finding_says_what_to_do_in_both_languages() {
    for file in [
        "checklists/messenger-audit.toml",
        "checklists/messenger-app-review.toml",
    ] {
        let c = checklist::load(Path::new(file)).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(c.languages, ["de", "en"]);
        for s in &c.sections {
            for q in &s.questions {
                let help = q
                    .help
                    .as_ref()
                    .unwrap_or_else(|| panic!("{file}: {}.{} has no help", s.id, q.id));
                for l in ["de", "en"] {
                    assert!(
                        help.get(l).len() > 20,
                        "{file}: {}.{} help in {l} is too thin",
                        s.id,
                        q.id
                    );
                }
                for f in &q.findings {
                    assert!(
                        !f.refs.is_empty(),
                        "{file}: finding {} has no legal reference",
                        f.id
                    );
                    for l in ["de", "en"] {
                        assert!(
                            f.measure.get(l).len() > 15,
                            "{file}: finding {} measure in {l}",
                            f.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_knowledge_base_is_dated_and_sourced_for_every_listed_messenger() {
    let c = audit();
    let kb = c
        .knowledge
        .as_ref()
        .unwrap_or_else(|| panic!("knowledge base"));
    let fe = c
        .sections
        .iter()
        .find(|s| s.id == "review")
        .and_then(|s| s.for_each)
        .unwrap_or_else(|| panic!("the review repeats per messenger"));
    let q = &c.sections[fe.section].questions[fe.question];
    assert!(
        q.options.iter().any(|o| o.other),
        "an 'other' choice names unlisted messengers"
    );
    for o in q.options.iter().filter(|o| !o.other) {
        let e = kb
            .entry(&o.id)
            .unwrap_or_else(|| panic!("no knowledge-base entry for {}", o.id));
        assert!(!e.sources.is_empty() && !e.facts.is_empty(), "{}", o.id);
    }
    assert!(kb.entries.len() >= 12);
}

#[test]
fn the_shipped_checklists_are_version_1_3_0() {
    for file in [
        "checklists/messenger-audit.toml",
        "checklists/messenger-app-review.toml",
    ] {
        let c = checklist::load(Path::new(file)).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(c.version, "1.3.0", "{file}");
    }
}

#[test]
fn at_least_16_examples_and_the_reference_cases_are_among_them() {
    let mut n = 0;
    let mut well_run = false;
    let mut email_only = false;
    for file in [
        "checklists/messenger-audit.examples.toml",
        "checklists/messenger-app-review.examples.toml",
    ] {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        let list = doc
            .get("example")
            .and_then(|e| e.as_array())
            .cloned()
            .unwrap_or_default();
        n += list.len();
        if !file.contains("audit") {
            continue;
        }
        for ex in &list {
            let findings = ex
                .get("expect_findings")
                .and_then(|f| f.as_array())
                .cloned()
                .unwrap_or_default();
            let answers = ex.get("answers").and_then(|a| a.as_table());
            let messengers = answers
                .and_then(|a| a.get("discovery.any_messenger"))
                .and_then(toml::Value::as_bool)
                .unwrap_or(false);
            if findings.is_empty() && messengers {
                well_run = true;
            }
            if findings.is_empty() && !messengers {
                email_only = true;
            }
        }
    }
    assert!(n >= 16, "{n} examples");
    assert!(
        well_run,
        "a well-run company with messengers and no findings"
    );
    assert!(email_only, "an e-mail-only company without findings");
}

#[test]
fn the_well_run_company_has_no_medium_or_high_finding_and_email_only_stays_short() {
    let c = audit();
    for (name, s) in examples(&c) {
        let raised: Vec<_> = s.findings().collect();
        if name.starts_with("Mittelständler") {
            assert!(raised.is_empty(), "{name}: {}", raised.len());
        }
        if name.starts_with("Steuerberatung") {
            assert!(raised.is_empty(), "{name}: {}", raised.len());
            assert!(s.visible().count() <= 25, "{name}");
        }
    }
}

#[test]
fn german_texts_use_the_project_vocabulary_and_a_non_breaking_z_b() {
    for file in [
        "checklists/messenger-audit.toml",
        "checklists/messenger-app-review.toml",
        "checklists/messengers.toml",
    ] {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        assert!(!text.contains("z. B."), "{file}: z. B. needs U+00A0");
        for word in [
            "Feststellung",
            "Gerätemodell",
            "Connectoren",
            "Die BayLDA",
            "Mehr-Faktor-Anmeldung",
        ] {
            assert!(!text.contains(word), "{file}: {word}");
        }
    }
}

/// A shipped example answers "Unbekannt" to the processor-agreement question: the outcome lists it as a
/// point to clarify, by its question text and the messenger it belongs to.
#[test]
fn an_unknown_processor_agreement_is_a_point_to_clarify() {
    let c = audit();
    let (name, s) = examples(&c)
        .into_iter()
        .find(|(n, _)| n.starts_with("Ingenieurbüro"))
        .unwrap_or_else(|| panic!("the engineering firm example"));
    let meta = msgaudit::audit::Meta {
        lang: msgaudit::lang::Lang::De,
        ..msgaudit::audit::Meta::default()
    };
    let date = jiff::civil::date(2026, 12, 1);
    let o = msgaudit::audit::Outcome::derive(&s, &meta, date);
    let p = o
        .open_points
        .iter()
        .find(|p| p.key == "review[whatsapp_business_app].dpa")
        .unwrap_or_else(|| panic!("{name}: {:?}", o.open_points));
    assert_eq!(p.kind, msgaudit::audit::OpenKind::Unknown);
    assert!(
        p.question.contains("Auftragsverarbeitung"),
        "{}",
        p.question
    );
    assert!(p.place.title.contains("WhatsApp"), "{}", p.place.title);
}

/// Every field of Art. 30(1) GDPR is filled by some question of the full audit or some fact of its
/// knowledge base, so the draft entry a report makes has something to start from in each.
#[test]
fn every_art30_field_has_a_source_in_the_shipped_audit() {
    use msgaudit::checklist::Art30Field;
    let c = audit();
    let mut seen: Vec<Art30Field> = c
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().filter_map(|q| q.art30))
        .collect();
    if let Some(kb) = &c.knowledge {
        seen.extend(
            kb.entries
                .iter()
                .flat_map(|e| e.facts.iter().filter_map(|f| f.art30)),
        );
        // Every messenger's provider is a recipient, from its dated entry.
        for e in &kb.entries {
            assert!(
                e.facts
                    .iter()
                    .any(|f| f.art30 == Some(Art30Field::Recipients)),
                "{}: no fact names the provider as recipient",
                e.id
            );
        }
    }
    for f in Art30Field::ALL {
        assert!(
            seen.contains(&f),
            "no question or fact fills `{}`",
            f.as_str()
        );
    }
}

/// A draft of the 1.2.0 checklists (the same questions without `art30` tags) moves to 1.3.0 with every
/// answer kept and no new question: the tags change the hash, not the audit.
#[test]
fn a_draft_of_1_2_0_moves_to_1_3_0_keeping_every_answer() {
    use msgaudit::audit::{Meta, draft::Draft, moving};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let old_of = |name: &str| -> String {
        let text = std::fs::read_to_string(Path::new("checklists").join(name))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut kept = String::new();
        for l in text.lines().filter(|l| !l.starts_with("art30 = ")) {
            kept.push_str(l);
            kept.push('\n');
        }
        kept.replace("version = \"1.3.0\"", "version = \"1.2.0\"")
    };
    for name in [
        "messenger-audit.toml",
        "messenger-app-review.toml",
        "messengers.toml",
    ] {
        std::fs::write(dir.path().join(name), old_of(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    let old = Arc::new(
        checklist::load(&dir.path().join("messenger-audit.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    assert_eq!(old.version, "1.2.0");
    let new = audit();
    assert_ne!(old.sha256, new.sha256);
    assert!(
        old.sections
            .iter()
            .all(|s| s.questions.iter().all(|q| q.art30.is_none()))
    );
    for (name, s) in examples(&old) {
        let now = jiff::Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
        let meta = Meta {
            organisation: "Bäckerei Müller".into(),
            unit: "Vertrieb".into(),
            interviewees: String::new(),
            auditor: "Dr. Prüfer".into(),
            audit_date: None,
            lang: msgaudit::lang::Lang::De,
        };
        let mut d = Draft::new(&old, meta, now);
        d.capture(&s, now);
        let (plan, moved) = moving::plan(&d, &new, Some(&old), msgaudit::lang::Lang::De);
        assert_eq!(
            (plan.from_version.as_str(), plan.to_version.as_str()),
            ("1.2.0", "1.3.0")
        );
        assert!(!plan.same_version, "{name}");
        assert!(plan.dropped.is_empty(), "{name}: {:?}", plan.dropped);
        assert_eq!(plan.kept, d.answers.len(), "{name}");
        assert_eq!(plan.new_questions, Some(Vec::new()), "{name}");
        assert_eq!(moved.progress().answered, s.progress().answered, "{name}");
    }
}
