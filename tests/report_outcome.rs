//! The outcome in reports (issue #10): an incomplete audit says so first and plainly in every format and in
//! the overview, with a provisional DPIA verdict; an "unknown" answer is a point to clarify, named by its
//! question text and place; findings are grouped by root cause with the places they apply to.

mod report_support;

use msgaudit::cli::summary::{self, Options};
use msgaudit::lang::Lang;
use msgaudit::report::Format;
use report_support::{Audit, Fixture, render, signed, standard_audit};

/// The standard audit with two required questions left open.
fn incomplete() -> Audit<'static> {
    let mut a = standard_audit();
    a.answers
        .retain(|(k, _)| *k != "email.in_records" && *k != "measures.policy");
    a
}

fn text(f: &Fixture, format: Format, findings: bool, lang: Option<Lang>) -> String {
    let mut opts = f.options(format);
    opts.findings = findings;
    opts.lang = lang;
    let (text, valid) = render(f, &opts);
    assert!(valid, "the fixture must verify");
    text
}

#[test]
fn an_incomplete_signed_audit_says_so_in_every_format() {
    let f = signed(&incomplete());
    for (lang, incomplete, provisional, answered_part) in [
        (
            None,
            "UNVOLLSTÄNDIG – 2 von",
            "(vorläufig)",
            "im beantworteten Teil",
        ),
        (
            Some(Lang::En),
            "INCOMPLETE – 2 of",
            "(provisional)",
            "in the answered part",
        ),
    ] {
        for (format, findings) in [
            (Format::Md, false),
            (Format::Html, false),
            (Format::Csv, false),
            (Format::Csv, true),
            (Format::Json, false),
        ] {
            let t = text(&f, format, findings, lang);
            let what = format!("{format:?} findings={findings} {lang:?}");
            assert!(t.contains(incomplete), "{what}: says incomplete\n{t}");
            if format != Format::Csv {
                assert!(t.contains(provisional), "{what}: provisional verdict");
            }
            // Never "no findings" without "in the answered part" (the fixture has findings; the phrase
            // shows in JSON as `no_findings`).
            if format == Format::Json {
                assert!(t.contains(answered_part), "{what}");
            }
        }
        // Markdown and HTML say it before the details.
        let md = text(&f, Format::Md, false, lang);
        let warn = md.find(incomplete).unwrap_or(usize::MAX);
        let details = md
            .find("## ")
            .map(|i| md[i + 3..].find("## ").map_or(0, |j| i + 3 + j));
        assert!(Some(warn) < details, "first and plainly:\n{md}");
        let html = text(&f, Format::Html, false, lang);
        assert!(html.contains("class=\"warnbox\""), "a warning box");
        assert!(html.contains("banner-incomplete"), "a running banner");
    }
    // The answers sheet has a row for each open required question, by its text.
    let csv = text(&f, Format::Csv, false, None);
    assert!(
        csv.lines().any(
            |l| l.contains("Gibt es eine Richtlinie zur Messenger-Nutzung?")
                && l.contains(";offen;")
        ),
        "{csv}"
    );
    let j: serde_json::Value = serde_json::from_str(&text(&f, Format::Json, false, None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j["report_format"], 2);
    assert_eq!(j["outcome"]["completeness"]["complete"], false);
    assert_eq!(j["outcome"]["dpia"]["provisional"], true);
    let open: Vec<&str> = j["outcome"]["open_points"]
        .as_array()
        .unwrap_or_else(|| panic!("open points"))
        .iter()
        .filter_map(|p| p["question"].as_str())
        .collect();
    assert!(
        open.contains(&"Gibt es eine Richtlinie zur Messenger-Nutzung?"),
        "open required questions by their text: {open:?}"
    );
}

#[test]
fn the_overview_marks_incomplete_audits_and_provisional_verdicts() {
    let mut f = signed(&standard_audit());
    f.sign(&incomplete(), 1);
    let dir = f.paths.results_dir();
    for (lang, incomplete, provisional) in [
        (Lang::De, "UNVOLLSTÄNDIG", "(vorläufig)"),
        (Lang::En, "INCOMPLETE", "(provisional)"),
    ] {
        let mut report = f.options(Format::Json);
        report.lang = Some(lang);
        let o = summary::build(
            std::slice::from_ref(&dir),
            &Options {
                report,
                as_of: jiff::civil::date(2026, 12, 1),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.audits.len(), 2);
        assert_eq!(o.audits.iter().filter(|a| !a.complete).count(), 1);
        for format in [Format::Md, Format::Html, Format::Csv, Format::Json] {
            let bytes =
                msgaudit::report::render_overview(&o, format).unwrap_or_else(|e| panic!("{e}"));
            let t = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
            assert!(t.contains(incomplete), "{format:?} {lang:?}\n{t}");
            assert!(t.contains(provisional), "{format:?} {lang:?}");
        }
    }
}

#[test]
fn an_unknown_answer_is_a_point_to_clarify_by_its_question_text() {
    let f = signed(&standard_audit());
    let md = text(&f, Format::Md, false, None);
    assert!(
        md.contains(
            "| Auf welchen Geräten? | Prozess: Lieferantenanfragen | Antwort „Unbekannt“ | `process[other].devices` |"
        ),
        "{md}"
    );
    let en = text(&f, Format::Md, false, Some(Lang::En));
    assert!(en.contains("## To clarify"), "{en}");
    assert!(
        en.contains("| On which devices? | Process: Lieferantenanfragen | answered “unknown” |"),
        "{en}"
    );
    let html = text(&f, Format::Html, false, None);
    assert!(html.contains("<h2>Zu klären</h2>"));
    assert!(html.contains("Auf welchen Geräten?"));
}

#[test]
fn findings_are_grouped_by_root_cause_with_their_places() {
    let mut a = standard_audit();
    for (k, v) in &mut a.answers {
        if *k == "process[other].devices" {
            *v = toml::Value::String("private".into());
        }
    }
    let f = signed(&a);
    let md = text(&f, Format::Md, false, None);
    // One row for private devices in two processes, the policy finding under it (covers); one more in
    // the action plan, which lists the same grouped measures.
    assert_eq!(
        md.matches("| Messenger auf privaten Geräten").count(),
        2,
        "{md}"
    );
    assert!(
        md.contains("betrifft: Bestellungen; Lieferantenanfragen"),
        "{md}"
    );
    assert!(
        md.contains("umfasst auch: Keine Messenger-Richtlinie"),
        "{md}"
    );
    let j: serde_json::Value = serde_json::from_str(&text(&f, Format::Json, false, None))
        .unwrap_or_else(|e| panic!("{e}"));
    let c = &j["outcome"]["counts"];
    assert_eq!(
        (c["high"].as_u64(), c["low"].as_u64()),
        (Some(2), Some(0)),
        "{c}"
    );
    assert_eq!(j["summary"]["findings"], *c, "one count: root causes");
    let csv = text(&f, Format::Csv, true, Some(Lang::En));
    let mut rdr =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let header = rdr.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    let at = header
        .iter()
        .position(|h| h == "applies to")
        .unwrap_or_else(|| panic!("{header:?}"));
    let rows: Vec<csv::StringRecord> = rdr
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), 4, "one row per root cause: {rows:?}");
    assert!(
        rows.iter().any(|r| &r[at] == "Orders; Lieferantenanfragen"),
        "{rows:?}"
    );
}

#[test]
fn without_the_checklist_the_stored_outcome_is_shown_in_the_audits_language_with_a_note() {
    let f = signed(&incomplete());
    let mut opts = f.options(Format::Json);
    opts.verify.checklist_dirs.clear();
    opts.lang = Some(Lang::En);
    let (t, _) = render(&f, &opts);
    let j: serde_json::Value = serde_json::from_str(&t).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j["checklist_available"], false, "{t}");
    let o = &j["outcome"];
    assert_eq!(o["source"], "stored");
    assert_eq!(o["texts_lang"], "de");
    assert!(o["notes"].to_string().contains("audit's language"), "{o}");
    // Fixed words are English; the question texts stay German, as signed.
    assert!(
        o["completeness"]["label"]
            .as_str()
            .is_some_and(|l| l.starts_with("INCOMPLETE"))
    );
    assert!(
        o["open_points"]
            .to_string()
            .contains("Gibt es eine Richtlinie"),
        "{o}"
    );
    opts.format = Format::Md;
    let (md, _) = render(&f, &opts);
    assert!(md.contains("Note: Texts from the checklist"), "{md}");
}

/// A format 1 result (no stored outcome): derived with the checklist, rebuilt from the old summary without
/// it; both say the audit predates the outcome, and both say it is incomplete.
#[test]
fn a_format_1_result_gets_an_outcome_and_says_it_predates_it() {
    let f = signed(&incomplete());
    let v = msgaudit::result::verify::verify(&f.result, &f.verify_options());
    let mut result = report_support::result_of(&f.result);
    result.format = 1;
    result.outcome = None;
    let c = std::sync::Arc::new(
        msgaudit::checklist::load(&f.checklists.path().join("report-test.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    for (checklist, source, open) in [
        (
            Some(c),
            "derived",
            "Gibt es eine Richtlinie zur Messenger-Nutzung?",
        ),
        (None, "legacy", "measures.policy"),
    ] {
        let r = msgaudit::report::build(
            &v,
            &result,
            checklist,
            Lang::De,
            &msgaudit::i18n::dates::Zone::utc(),
        );
        assert_eq!(
            serde_json::to_value(r.outcome.source).ok(),
            Some(source.into())
        );
        assert!(!r.outcome.completeness.complete, "{source}");
        assert!(r.outcome.dpia.provisional, "{source}");
        assert!(
            r.outcome
                .notes
                .iter()
                .any(|n| n.contains("Ergebnisformat 1")),
            "{source}"
        );
        assert!(
            r.outcome.open_points.iter().any(|p| p.question == open),
            "{source}: {:?}",
            r.outcome.open_points
        );
        let md = String::from_utf8(
            msgaudit::report::render(&r, Format::Md, false).unwrap_or_else(|e| panic!("{e}")),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(md.contains("UNVOLLSTÄNDIG"), "{md}");
        assert!(md.contains("(vorläufig)"), "{md}");
    }
}
