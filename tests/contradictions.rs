//! The cross-check with the knowledge base ("Checklists 1.2"): a fact may state the answer it implies
//! (`expect`, validated against the review section at load time); an answer that differs is listed in the
//! outcome with the fact, its date and sources, shown as a hint in the review and listed in every report.
//! The auditor's answer stands. Results without contradictions are written, and verify, as before.

mod tui_support;

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::result::{ResultFile, SignOff};
use msgaudit::audit::{Meta, Outcome, Response, Session, values};
use msgaudit::catalog::Origin;
use msgaudit::checklist::{self, Checklist};
use msgaudit::lang::Lang;
use msgaudit::report::{Format, Options};
use msgaudit::result::verify;
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;

const REVIEW: &str = "tests/contradictions/review.toml";
const KB: &str = "tests/contradictions/kb.toml";

fn load(path: &str) -> Arc<Checklist> {
    Arc::new(checklist::load(Path::new(path)).unwrap_or_else(|d| panic!("{path}: {d:?}")))
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

#[allow(clippy::needless_pass_by_value)] // the value as written at the call
fn answer(s: &mut Session, key: &str, v: toml::Value) {
    values::apply(s, key, &v).unwrap_or_else(|e| panic!("{key}: {e:?}"));
}

fn outcome(s: &Session, lang: Lang) -> Outcome {
    Outcome::derive(s, &meta(lang), Date::constant(2026, 12, 1))
}

/// Signal, Telegram and a messenger the auditor named ("Wire", no entry).
fn session() -> Session {
    let mut s = Session::new(load(REVIEW));
    let v: toml::Value = toml::from_str::<toml::Table>(
        r#"x = { value = ["signal", "telegram", "other"], other = "Wire" }"#,
    )
    .unwrap_or_else(|e| panic!("{e}"))["x"]
        .clone();
    answer(&mut s, "org.messengers", v);
    s
}

#[test]
fn an_answer_that_differs_from_a_fact_is_a_contradiction_with_fact_date_and_sources() {
    let mut s = session();
    answer(&mut s, "review[signal].e2e", false.into());
    let o = outcome(&s, Lang::De);
    assert_eq!(o.contradictions.len(), 1, "{:?}", o.contradictions);
    let c = &o.contradictions[0];
    assert_eq!(c.key, "review[signal].e2e");
    assert_eq!(c.place.title, "Messenger: Signal");
    assert_eq!(c.question, "Ist Signal Ende-zu-Ende-verschlüsselt?");
    assert_eq!((c.answer.as_str(), c.answer_label.as_str()), ("no", "Nein"));
    assert_eq!(
        (c.expected.as_str(), c.expected_label.as_str()),
        ("yes", "Ja")
    );
    assert_eq!(c.fact, "Ende-zu-Ende-Verschlüsselung");
    assert_eq!(c.value, "ja, auch in Gruppen");
    assert_eq!(c.as_of, Date::constant(2026, 6, 1));
    assert_eq!(c.sources, ["https://signal.org/legal/"]);
    assert_eq!(
        c.hint(Lang::De),
        "Hinweis: Ihre Antwort „Nein“ widerspricht der Wissensbasis (Stand 1. Juni 2026): \
         Ende-zu-Ende-Verschlüsselung: ja, auch in Gruppen. Quelle: https://signal.org/legal/"
    );
    // The auditor's answer stands: the contradiction raises no finding and changes no answer.
    assert!(o.findings.is_empty());
    let k = s
        .parse_key("review[signal].e2e")
        .unwrap_or_else(|| panic!("key"));
    assert!(matches!(
        s.answer(k).response,
        Some(Response::Value(msgaudit::audit::Value::Bool(false)))
    ));
}

#[test]
fn a_single_choice_and_several_sources_in_english() {
    let mut s = session();
    answer(&mut s, "review[signal].hosting", "eu".into());
    answer(&mut s, "review[telegram].e2e", true.into());
    let o = outcome(&s, Lang::En);
    let keys: Vec<&str> = o.contradictions.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["review[signal].hosting", "review[telegram].e2e"]);
    assert_eq!(o.contradictions[0].answer_label, "in the EU");
    assert_eq!(o.contradictions[0].expected_label, "in the US");
    assert_eq!(
        o.contradictions[1].hint(Lang::En),
        "Note: your answer “Yes” contradicts the knowledge base (as of 1 March 2026): \
         End-to-end encryption: no; only secret chats. \
         Sources: https://telegram.org/privacy; https://telegram.org/faq"
    );
}

#[test]
fn agreement_unknown_unanswered_and_no_entry_are_no_contradiction() {
    let mut s = session();
    answer(&mut s, "review[signal].e2e", true.into());
    answer(&mut s, "review[signal].hosting", "us".into());
    answer(&mut s, "review[telegram].e2e", false.into());
    // "Wire" has no knowledge-base entry: nothing to check against.
    answer(&mut s, "review[other].e2e", false.into());
    assert!(outcome(&s, Lang::De).contradictions.is_empty());
    let k = s
        .parse_key("review[signal].e2e")
        .unwrap_or_else(|| panic!("key"));
    s.set(k, Some(Response::Unknown))
        .unwrap_or_else(|e| panic!("{e}"));
    s.set(
        s.parse_key("review[telegram].e2e")
            .unwrap_or_else(|| panic!("key")),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(outcome(&s, Lang::De).contradictions.is_empty());
}

#[test]
fn a_checklist_without_expectations_has_no_contradictions() {
    let mut s = Session::new(load("tests/outcome/outcome.toml"));
    answer(
        &mut s,
        "org.messengers",
        toml::Value::Array(vec!["signal".into()]),
    );
    answer(&mut s, "review[signal].contacts", true.into());
    assert!(outcome(&s, Lang::De).contradictions.is_empty());
}

/// Load the test review with its knowledge base changed by `edit`; the diagnostics.
fn diagnostics(from: &str, to: &str) -> Vec<checklist::Diagnostic> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(REVIEW, dir.path().join("review.toml")).unwrap_or_else(|e| panic!("{e}"));
    let kb = std::fs::read_to_string(KB).unwrap_or_else(|e| panic!("{e}"));
    let edited = kb.replacen(from, to, 1);
    assert_ne!(edited, kb, "the edit must change the file");
    std::fs::write(dir.path().join("kb.toml"), edited).unwrap_or_else(|e| panic!("{e}"));
    match checklist::load(&dir.path().join("review.toml")) {
        Ok(_) => panic!("`{to}` must be refused"),
        Err(d) => d,
    }
}

fn located(d: &[checklist::Diagnostic], line: usize, message: &str) {
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].path.ends_with("kb.toml"), "{}", d[0].path.display());
    assert_eq!(d[0].line, line, "{d:?}");
    assert!(d[0].message.contains(message), "{}", d[0].message);
}

#[test]
fn an_expectation_on_an_unknown_question_is_a_located_error() {
    let d = diagnostics(
        r#"question = "e2e", answer = "yes""#,
        r#"question = "e2ee", answer = "yes""#,
    );
    located(&d, 13, "the section `review` has no question `e2ee`");
}

#[test]
fn an_expectation_with_an_unknown_option_is_a_located_error() {
    let d = diagnostics(r#"answer = "yes""#, r#"answer = "ja""#);
    located(
        &d,
        13,
        "`ja` is not an option of `review.e2e`; use one of `yes`, `no`",
    );
    let d = diagnostics(r#"answer = "us""#, r#"answer = "ch""#);
    located(
        &d,
        18,
        "`ch` is not an option of `review.hosting`; use one of `eu`, `us`",
    );
}

#[test]
fn an_expectation_on_a_question_without_options_is_a_located_error() {
    let d = diagnostics(r#"question = "hosting""#, r#"question = "remarks""#);
    located(
        &d,
        18,
        "is of kind `text`; an expectation needs a `yes_no` or `single` question",
    );
}

#[test]
fn an_expectation_with_an_unknown_field_is_refused() {
    let d = diagnostics(r#"answer = "us""#, r#"answer = "us", severity = "high""#);
    assert!(
        d.iter()
            .any(|d| d.path.ends_with("kb.toml") && d.line == 18),
        "{d:?}"
    );
}

#[test]
fn the_shipped_review_points_out_signal_without_e2e_and_the_cloud_api_with_it() {
    for (messenger, e2e, fact_value) in [
        ("signal", false, "ja, auch in Gruppen"),
        ("whatsapp_cloud_api", true, "nein im Sinne von WhatsApp"),
        ("telegram", true, "nein; nur „geheime Chats“"),
    ] {
        let mut s = Session::new(load("checklists/messenger-app-review.toml"));
        answer(&mut s, "subject.messenger", messenger.into());
        answer(&mut s, &format!("review[{messenger}].e2e"), e2e.into());
        let o = outcome(&s, Lang::De);
        assert_eq!(
            o.contradictions.len(),
            1,
            "{messenger}: {:?}",
            o.contradictions
        );
        let c = &o.contradictions[0];
        assert_eq!(c.fact, "Ende-zu-Ende-Verschlüsselung (Standard)");
        assert!(c.value.starts_with(fact_value), "{messenger}: {}", c.value);
        let hint = c.hint(Lang::De);
        assert!(hint.contains("Stand 1. Dezember 2026"), "{hint}");
        assert!(hint.contains("Quellen: https://"), "{hint}");
        // The agreeing answer is no contradiction.
        answer(&mut s, &format!("review[{messenger}].e2e"), (!e2e).into());
        assert!(
            outcome(&s, Lang::De).contradictions.is_empty(),
            "{messenger}"
        );
    }
}

#[test]
fn the_shipped_audit_checks_the_expectations_against_its_included_review() {
    // messenger-audit.toml includes the review section: the same expectations hold there.
    let mut s = Session::new(load("checklists/messenger-audit.toml"));
    let ok = values::apply(&mut s, "discovery.any_messenger", &true.into()).is_ok()
        && values::apply(
            &mut s,
            "discovery.messengers",
            &toml::Value::Array(vec!["signal".into()]),
        )
        .is_ok()
        && values::apply(&mut s, "review[signal].e2e", &false.into()).is_ok();
    assert!(ok, "the shipped audit asks for the review of Signal");
    let o = outcome(&s, Lang::En);
    assert_eq!(o.contradictions.len(), 1, "{:?}", o.contradictions);
    assert!(
        o.contradictions[0].hint(Lang::En).starts_with(
            "Note: your answer “No” contradicts the knowledge base (as of 1 December 2026)"
        ),
        "{}",
        o.contradictions[0].hint(Lang::En)
    );
}

fn result(s: &Session) -> ResultFile {
    let now = Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
    let mut d = Draft::new(s.checklist(), meta(Lang::De), now);
    d.capture(s, now);
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
fn a_result_without_contradictions_is_written_and_re_derived_as_before() {
    let mut s = session();
    answer(&mut s, "review[signal].e2e", true.into());
    let text = result(&s).to_toml().unwrap_or_else(|e| panic!("{e}"));
    assert!(!text.contains("contradiction"), "{text}");
    let back = ResultFile::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(back.rederive(load(REVIEW)).is_empty());
}

#[test]
fn a_result_stores_its_contradictions_and_an_edit_is_a_mismatch() {
    let mut s = session();
    answer(&mut s, "review[signal].e2e", false.into());
    let r = result(&s);
    let text = r.to_toml().unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("[[outcome.contradiction]]"), "{text}");
    let back = ResultFile::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back, r);
    assert!(back.rederive(load(REVIEW)).is_empty());
    let mut edited = back.clone();
    if let Some(o) = edited.outcome.as_mut() {
        o.contradictions.clear();
    }
    let m: Vec<String> = edited
        .rederive(load(REVIEW))
        .into_iter()
        .map(|m| m.0)
        .collect();
    assert!(m.iter().any(|m| m.contains("contradictions")), "{m:?}");
}

#[test]
fn a_format_2_result_of_a_checklist_without_expectations_is_written_as_before_and_verifies() {
    // Every result signed before the cross-check: its outcome has no `contradiction` table, reads with an
    // empty list and re-derives unchanged.
    let c = load("tests/outcome/outcome.toml");
    let mut s = Session::new(Arc::clone(&c));
    answer(
        &mut s,
        "org.messengers",
        toml::Value::Array(vec!["signal".into()]),
    );
    answer(&mut s, "review[signal].contacts", true.into());
    let text = result(&s).to_toml().unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("format = 4"), "{text}");
    assert!(!text.contains("contradiction"), "{text}");
    let r = ResultFile::from_toml(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        r.outcome
            .as_ref()
            .is_some_and(|o| o.contradictions.is_empty())
    );
    assert!(r.rederive(c).is_empty());
}

const PASSWORD: &str = "Datenschutz ist Teamarbeit";

#[test]
fn every_report_lists_the_contradictions_in_german_and_english() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for f in ["review.toml", "kb.toml"] {
        std::fs::copy(format!("tests/contradictions/{f}"), dir.path().join(f))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let c = Arc::new(
        checklist::load(&dir.path().join("review.toml")).unwrap_or_else(|d| panic!("{d:?}")),
    );
    let mut s = Session::new(Arc::clone(&c));
    let v: toml::Value = toml::Value::Array(vec!["signal".into()]);
    answer(&mut s, "org.messengers", v);
    answer(&mut s, "review[signal].e2e", false.into());
    answer(&mut s, "review[signal].hosting", "us".into());
    let paths = Paths::under_home(home.path()).unwrap_or_else(|e| panic!("{e}"));
    msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap_or_else(|e| panic!("{e}"));
    let now = Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
    let mut d = Draft::new(&c, meta(Lang::De), now);
    d.capture(&s, now);
    let signer = Signer {
        name: "Dr. Petra Prüfer".into(),
        role: "Datenschutzbeauftragte".into(),
        statement: signoff::default_statement(Lang::De).into(),
    };
    let out = signoff::sign_off(
        &s,
        &d,
        &signer,
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let verify = verify::Options {
        evidence_dir: None,
        pubkey: None,
        paths: Some(paths.clone()),
        checklist_dirs: vec![(Origin::Extra, dir.path().to_path_buf())],
    };
    for (lang, heading, hint) in [
        (
            Lang::De,
            "Widersprüche zur Wissensbasis",
            "Hinweis: Ihre Antwort „Nein“ widerspricht der Wissensbasis (Stand 1. Juni 2026)",
        ),
        (
            Lang::En,
            "Contradictions with the knowledge base",
            "Note: your answer “No” contradicts the knowledge base (as of 1 June 2026)",
        ),
    ] {
        for format in [Format::Md, Format::Html, Format::Json] {
            let opts = Options {
                verify: verify.clone(),
                format,
                findings: false,
                lang: Some(lang),
                ui_lang: lang,
                zone: msgaudit::i18n::dates::Zone::utc(),
            };
            let r =
                msgaudit::report::build_file(&out.result, &opts).unwrap_or_else(|e| panic!("{e}"));
            assert!(r.verification.valid, "the result must verify");
            let text = String::from_utf8(
                msgaudit::report::render(&r, format, false).unwrap_or_else(|e| panic!("{e}")),
            )
            .unwrap_or_else(|e| panic!("{e}"));
            if format == Format::Json {
                let j: serde_json::Value =
                    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
                let c = &j["outcome"]["contradictions"][0];
                assert_eq!(c["key"], "review[signal].e2e", "{text}");
                assert_eq!(c["answer"], "no");
                assert_eq!(c["expected"], "yes");
                assert_eq!(c["as_of"], "2026-06-01");
                assert!(
                    c["hint"].as_str().is_some_and(|h| h.starts_with(hint)),
                    "{c}"
                );
            } else {
                assert!(text.contains(heading), "{lang:?} {format:?}: {text}");
                assert!(text.contains(hint), "{lang:?} {format:?}: {text}");
                // Also counted in the management summary, ahead of the section that lists them.
                let summary_row = match format {
                    Format::Md => format!("| {heading} | 1 |"),
                    _ => format!("<th scope=\"row\">{heading}</th><td>1</td>"),
                };
                assert!(text.contains(&summary_row), "{lang:?} {format:?}: {text}");
            }
        }
        // The answers CSV carries the hint beside the answer it concerns, and only there.
        let opts = Options {
            verify: verify.clone(),
            format: Format::Csv,
            findings: false,
            lang: Some(lang),
            ui_lang: lang,
            zone: msgaudit::i18n::dates::Zone::utc(),
        };
        let r = msgaudit::report::build_file(&out.result, &opts).unwrap_or_else(|e| panic!("{e}"));
        let csv = String::from_utf8(
            msgaudit::report::render(&r, Format::Csv, false).unwrap_or_else(|e| panic!("{e}")),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let with_hint: Vec<&str> = csv.lines().filter(|l| l.contains(hint)).collect();
        assert_eq!(with_hint.len(), 1, "{csv}");
        assert!(with_hint[0].contains("review[signal].e2e"), "{csv}");
    }
}

/// Plain mode's review shows the hint under the question, before the findings; the answer stands.
#[test]
fn the_plain_review_shows_the_hint() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dirs = vec![(
        Origin::Extra,
        std::path::PathBuf::from("tests/contradictions"),
    )];
    // New audit, the checklist, organisation, unit, interviewees, auditor, date; Signal, e2e "Nein",
    // hosting "in den USA", no remark; then "save and quit" in the review.
    let lines = ["1", "xcheck", "M", "V", "", "A", "", "1", "2", "2", "", "3"];
    let mut input = std::io::Cursor::new(format!("{}\n", lines.join("\n")).into_bytes());
    let mut output = Vec::new();
    let clock = || Timestamp::from_second(1_750_000_000).unwrap_or_else(|e| panic!("{e}"));
    let env = msgaudit::plain::Env {
        input: &mut input,
        output: &mut output,
        interactive: false,
        read_secret: None,
        clock: &clock,
        zone: msgaudit::i18n::dates::Zone::utc(),
        paths: Paths::under_home(home.path()).unwrap_or_else(|e| panic!("{e}")),
        checklist_dirs: dirs,
        lang: Lang::De,
        evidence: Vec::new(),
    };
    let _ = msgaudit::plain::run(env);
    let out = String::from_utf8(output).unwrap_or_else(|e| panic!("{e}"));
    let review = out
        .split("Zusammenfassung für die Leitung")
        .nth(1)
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        review.contains(
            "Widersprüche zur Wissensbasis (1):\n  - Messenger: Signal › Ist Signal Ende-zu-Ende-verschlüsselt? (review[signal].e2e)\n      Hinweis: Ihre Antwort „Nein“ widerspricht der Wissensbasis (Stand 1. Juni 2026): Ende-zu-Ende-Verschlüsselung: ja, auch in Gruppen. Quelle: https://signal.org/legal/\n"
        ),
        "{out}"
    );
    assert!(review.contains("Keine Befunde."), "{out}");
}

/// The TUI review shows each contradiction as a line Enter jumps from, with the hint below it.
#[test]
fn the_tui_review_shows_the_hint_in_german_and_english() {
    use msgaudit::tui::app::{App, Screen};
    use msgaudit::tui::{MemoryStore, Persistence, Theme};
    use tui_support::{begin, ch, feed, screen_text};
    for (lang, heading, hint) in [
        (
            Lang::De,
            "Widersprüche zur Wissensbasis (1)",
            "Hinweis: Ihre Antwort „Nein“ widerspricht der Wissensbasis (Stand 1. Juni 2026)",
        ),
        (
            Lang::En,
            "Contradictions with the knowledge base (1)",
            "Note: your answer “No” contradicts the knowledge base (as of 1 June 2026)",
        ),
    ] {
        let mut store = MemoryStore::default();
        let entries = msgaudit::tui::load_catalog(&[(
            Origin::Extra,
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/contradictions"),
        )]);
        let mut app = App::new(lang, Theme::mono(), entries, vec![], store.durable());
        app.size = (120, 40);
        app.clock = || Timestamp::from_second(1_796_150_900).unwrap_or_else(|e| panic!("{e}"));
        begin(&mut app, &mut store, 0);
        {
            let s = &mut app
                .audit
                .as_mut()
                .unwrap_or_else(|| panic!("audit"))
                .session;
            answer(
                s,
                "org.messengers",
                toml::Value::Array(vec!["signal".into()]),
            );
            answer(s, "review[signal].e2e", false.into());
        }
        feed(&mut app, &mut store, [ch('r')]);
        assert_eq!(app.screen, Screen::Review);
        let lines: Vec<(String, bool)> = msgaudit::tui::review::lines(&app)
            .iter()
            .map(|l| {
                (
                    l.line.spans.iter().map(|s| s.content.as_ref()).collect(),
                    l.target.is_some(),
                )
            })
            .collect();
        let at = lines
            .iter()
            .position(|(t, _)| t == heading)
            .unwrap_or_else(|| panic!("{lines:?}"));
        assert!(
            lines[at + 1].0.contains("Messenger: Signal › "),
            "{lines:?}"
        );
        assert!(lines[at + 1].1, "Enter on the line jumps to the question");
        assert!(lines[at + 2].0.trim_start().starts_with(hint), "{lines:?}");
        let screen = screen_text(&mut app, 120, 40);
        assert!(screen.contains(heading), "{screen}");
    }
}
