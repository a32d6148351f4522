//! The records-of-processing draft (Art. 30) and the DPIA draft (Art. 35(7)) over the shipped checklist's
//! own examples: each example is answered, signed and reported, and the drafts are checked and kept as
//! golden snapshots in German and English.

mod report_support;

use std::sync::Arc;

use msgaudit::checklist::Art30Field;
use msgaudit::lang::Lang;
use msgaudit::report::{Format, Report};
use report_support::{Audit, Fixture, sign_with, signed, standard_audit};

/// The answers of the shipped example whose name starts with `name`.
fn example_answers(name: &str) -> Vec<(String, toml::Value)> {
    let text = std::fs::read_to_string("checklists/messenger-audit.examples.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let list = doc
        .get("example")
        .and_then(|e| e.as_array())
        .cloned()
        .unwrap_or_default();
    let ex = list
        .iter()
        .find(|e| {
            e.get("name")
                .and_then(|n| n.as_str())
                .is_some_and(|n| n.starts_with(name))
        })
        .unwrap_or_else(|| panic!("no example {name}"));
    ex.get("answers")
        .and_then(|a| a.as_table())
        .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// A signed result of the shipped example `name`, reported with the shipped checklists at hand.
fn shipped_report(name: &str, lang: Option<Lang>) -> (Fixture, Report) {
    let mut f = signed(&standard_audit());
    let c = Arc::new(
        msgaudit::checklist::load(&msgaudit::shipped::dir().join("messenger-audit.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    let answers = example_answers(name);
    let mut audit: Audit<'_> = standard_audit();
    audit.answers = answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let (d, out) = sign_with(&c, &f.paths, &audit, 5);
    f.result = out.result;
    f.audit_id = d.audit_id;
    let mut opts = f.options(Format::Md);
    opts.verify.checklist_dirs = msgaudit::catalog::dirs(None, None);
    opts.lang = lang;
    let r = msgaudit::report::build_file(&f.result, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.verification.valid, "{}", r.verification.headline);
    assert!(r.checklist_available);
    (f, r)
}

fn md(r: &Report) -> String {
    String::from_utf8(
        msgaudit::report::render(r, Format::Md, false).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn art30_md(r: &Report) -> String {
    let mut out = String::new();
    msgaudit::report::md_art30::section(&mut out, &r.art30, r.lang, 2);
    out
}

fn dpia_md(r: &Report) -> String {
    msgaudit::report::dpia_md::draft(&msgaudit::report::dpia::build(r))
}

/// The travel agency: bookings via the WhatsApp Cloud API, passport copies without end-to-end
/// encryption — a DPIA "required in most cases".
const TRAVEL: &str = "Reisebüro";

#[test]
fn the_art30_entry_is_prefilled_from_answers_and_dated_facts_with_sources() {
    let (_f, r) = shipped_report(TRAVEL, None);
    let a = &r.art30;
    assert!(a.prefilled);
    let names: Vec<&str> = a.entries.iter().map(|e| e.messenger.as_str()).collect();
    assert_eq!(names, ["WhatsApp Cloud API (Business Platform)"]);
    let e = &a.entries[0];
    assert_eq!(e.section.as_deref(), Some("review[whatsapp_cloud_api]"));
    assert_eq!(
        e.fields.iter().map(|f| f.field).collect::<Vec<_>>(),
        Art30Field::ALL,
        "every field of Art. 30(1), in order"
    );
    let field = |f: Art30Field| {
        e.fields
            .iter()
            .find(|x| x.field == f)
            .unwrap_or_else(|| panic!("{f:?}"))
    };
    // The provider comes from the knowledge base, dated.
    let recipients = field(Art30Field::Recipients);
    let provider = recipients
        .values
        .iter()
        .find(|v| v.key == "knowledge:whatsapp_cloud_api")
        .unwrap_or_else(|| panic!("{recipients:?}"));
    assert!(provider.text.starts_with("Meta"), "{}", provider.text);
    assert_eq!(provider.as_of, Some(jiff::civil::date(2026, 12, 1)));
    assert!(provider.source_text.contains("Stand 1. Dezember 2026"));
    assert!(!recipients.open);
    // The purposes are the options chosen, with the question as source.
    let purpose = field(Art30Field::Purpose);
    assert!(!purpose.open);
    assert!(
        purpose
            .values
            .iter()
            .any(|v| v.key == "review[whatsapp_cloud_api].uses" && v.fills)
    );
    // The controller is the audited organisation.
    assert_eq!(
        field(Art30Field::Controller).values[0].text,
        "Bäckerei Müller & Söhne GmbH (Vertrieb)"
    );
    // Yes/no answers are evidence: the retention periods themselves are still to be written.
    let retention = field(Art30Field::Retention);
    assert!(retention.open, "{retention:?}");
    assert!(retention.values.iter().all(|v| !v.fills));
    assert_eq!(e.open, e.fields.iter().filter(|f| f.open).count());
    let md = art30_md(&r);
    assert!(md.contains("**offen – bitte ergänzen**"), "{md}");
}

#[test]
fn art30_section_snapshots_in_german_and_english() {
    for (lang, name) in [(None, "art30_md_de"), (Some(Lang::En), "art30_md_en")] {
        let (f, r) = shipped_report(TRAVEL, lang);
        insta::assert_snapshot!(name, f.stable(&art30_md(&r)));
        // The report itself has the section, in Markdown and HTML.
        let full = md(&r);
        assert!(full.contains(&art30_md(&r)), "the report holds the section");
        let html = String::from_utf8(
            msgaudit::report::render(&r, Format::Html, false).unwrap_or_else(|e| panic!("{e}")),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let title = msgaudit::report::art30_texts::ART30_TITLE.get(r.lang);
        assert!(
            html.contains(&format!("<h2 class=\"page\">{title}</h2>")),
            "{title}"
        );
        assert!(html.contains(msgaudit::report::art30_texts::OPEN_FIELD.get(r.lang)));
    }
}

#[test]
fn dpia_draft_snapshots_in_german_and_english() {
    for (lang, name) in [(None, "dpia_md_de"), (Some(Lang::En), "dpia_md_en")] {
        let (f, r) = shipped_report(TRAVEL, lang);
        assert!(msgaudit::report::dpia::due(r.outcome.dpia.verdict));
        let d = msgaudit::report::dpia::build(&r);
        assert!(!d.forced);
        assert!(!d.risks.is_empty() && !d.measures.is_empty());
        insta::assert_snapshot!(name, f.stable(&dpia_md(&r)));
    }
    let (f, r) = shipped_report(TRAVEL, None);
    let html = msgaudit::report::html::dpia(&msgaudit::report::dpia::build(&r))
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("dpia_html_de", f.stable(&html));
}

/// The engineering firm's three messengers give three entries; the DPIA draft describes each.
#[test]
fn every_messenger_found_gets_its_own_entry() {
    let (_f, r) = shipped_report("Ingenieurbüro", Some(Lang::En));
    let names: Vec<&str> = r
        .art30
        .entries
        .iter()
        .map(|e| e.messenger.as_str())
        .collect();
    assert_eq!(
        names,
        ["WhatsApp Business app", "Microsoft Teams (chat)", "Slack"]
    );
    let d = msgaudit::report::dpia::build(&r);
    assert_eq!(d.description.len(), 3);
    let md = dpia_md(&r);
    for n in names {
        assert!(md.contains(&format!("### Entry: {n}")), "{n}\n{md}");
    }
    // Audit-wide answers (the use cases) are listed once among the purposes, not once per messenger;
    // the messengers' own answers carry their names.
    let purposes = &d.necessity[0].values;
    assert_eq!(
        purposes
            .iter()
            .filter(|v| v.contains("(use_cases.cases)"))
            .count(),
        1,
        "{purposes:?}"
    );
    assert!(
        purposes.iter().any(|v| v.starts_with("Slack: ")),
        "{purposes:?}"
    );
}

/// Without its checklist a result still gets an entry per messenger the answers name, all open.
#[test]
fn without_the_checklist_every_field_is_open() {
    let f = signed(&standard_audit());
    let mut opts = f.options(Format::Md);
    opts.verify.checklist_dirs = Vec::new();
    let r = msgaudit::report::build_file(&f.result, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(!r.checklist_available);
    assert!(!r.art30.prefilled);
    assert!(!r.art30.entries.is_empty());
    for e in &r.art30.entries {
        assert_eq!(e.open, 9, "{}", e.messenger);
    }
}

fn run(f: &Fixture, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("report")
        .arg(&f.result)
        .arg("--home")
        .arg(f.home.path())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn dpia_refuses_when_the_screening_says_not_required_unless_forced() {
    let (f, r) = shipped_report("Mittelständler", None);
    assert_eq!(
        r.outcome.dpia.verdict,
        msgaudit::audit::DpiaVerdict::NotIndicated
    );
    let target = f.home.path().join("dpia.md");
    for (lang, said) in [
        (
            "de",
            "Die DSFA-Vorprüfung dieser Prüfung ergibt „DSFA nicht angezeigt“",
        ),
        (
            "en",
            "The DPIA screening of this audit says “DPIA not indicated”",
        ),
    ] {
        let (code, out, err) = run(
            &f,
            &["--dpia", "--lang", lang, "-o", &target.to_string_lossy()],
        );
        assert_eq!(code, 1, "{err}");
        assert!(out.is_empty());
        assert!(err.contains(said), "{err}");
        assert!(err.contains("--force"), "{err}");
        assert!(!target.exists(), "no file written");
    }
    let (code, out, err) = run(&f, &["--dpia", "--force", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# Data protection impact assessment (draft)"),
        "{out}"
    );
    assert!(
        out.contains("this draft was written with \\-\\-force"),
        "{out}"
    );
}

#[test]
fn dpia_writes_markdown_or_html_when_due() {
    let (f, _) = shipped_report(TRAVEL, None);
    let (code, out, err) = run(&f, &["--dpia"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# Datenschutz-Folgenabschätzung (Entwurf)"),
        "{out}"
    );
    for part in [
        "lit. a DSGVO",
        "lit. b DSGVO",
        "lit. c DSGVO",
        "lit. d DSGVO",
    ] {
        assert!(out.contains(part), "{part}");
    }
    let target = f.home.path().join("dpia.html");
    let (code, _, err) = run(
        &f,
        &[
            "--dpia",
            "--format",
            "html",
            "--lang",
            "en",
            "-o",
            &target.to_string_lossy(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&target).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        html.contains("<h1>Data protection impact assessment (draft)"),
        "{html}"
    );
    assert!(html.contains("Content-Security-Policy"));
    // Not json; --force needs --dpia.
    let (code, _, err) = run(&f, &["--dpia", "--format", "json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--format md"), "{err}");
    let (code, _, _) = run(&f, &["--force"]);
    assert_eq!(code, 2);
}

#[test]
fn dpia_writes_a_pdf_to_a_file_in_german_and_english() {
    let (f, r) = shipped_report(TRAVEL, None);
    assert!(msgaudit::report::dpia::due(r.outcome.dpia.verdict));
    // Without -o nothing binary goes to the terminal.
    let (code, out, err) = run(&f, &["--dpia", "--format", "pdf"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("-o FILE"), "{err}");
    let mut pages = Vec::new();
    for (lang, title) in [
        ("de", "Datenschutz-Folgenabschätzung (Entwurf)"),
        ("en", "Data protection impact assessment (draft)"),
    ] {
        let target = f.home.path().join(format!("dpia-{lang}.pdf"));
        let (code, _, err) = run(
            &f,
            &[
                "--dpia",
                "--format",
                "pdf",
                "--lang",
                lang,
                "-o",
                &target.to_string_lossy(),
            ],
        );
        assert_eq!(code, 0, "{err}");
        let bytes = std::fs::read(&target).unwrap_or_else(|e| panic!("{e}"));
        assert!(bytes.starts_with(b"%PDF-"));
        // The document title is in the metadata in the draft's language (XMP is UTF-8).
        assert!(String::from_utf8_lossy(&bytes).contains(title), "{lang}");
        let n = bytes
            .windows(12)
            .filter(|w| *w == b"/Type /Page\n" || w.starts_with(b"/Type /Page "))
            .count();
        assert!(n >= 2, "{lang}: {n} pages");
        pages.push(bytes);
    }
    assert!(pages[0] != pages[1], "German and English differ");
    // The same draft in-process gives the same bytes.
    let d = msgaudit::report::dpia::build(&r);
    let a = msgaudit::report::pdf::dpia(&d).unwrap_or_else(|e| panic!("{e}"));
    let b = msgaudit::report::pdf::dpia(&d).unwrap_or_else(|e| panic!("{e}"));
    assert!(a == b);
    // Formats without a DPIA draft are still refused, naming the ones there are.
    let (code, _, err) = run(&f, &["--dpia", "--format", "xlsx", "-o", "x.xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--format pdf"), "{err}");
}
