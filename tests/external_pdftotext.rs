//! The PDF report read back with poppler's `pdftotext`, as any PDF viewer would extract it: the organisation,
//! the verification state and „Seite n von m“ on every page, German and English, and NOT VERIFIED on every
//! page of a tampered result's report. External tool group, ignored by a plain `cargo test`; run it with
//! `cargo test -- --include-ignored`. `pdftotext` is required (Debian package `poppler-utils`; .ci/run
//! installs it): without it these tests fail.

mod report_support;

use std::process::Command;

use msgaudit::lang::Lang;
use msgaudit::report::Format;
use report_support::{Fixture, signed, signed_example, standard_audit};

/// The text of every page of the PDF report of `f` in `lang`.
fn page_texts(f: &Fixture, lang: Lang) -> Vec<String> {
    let mut opts = f.options(Format::Pdf);
    opts.lang = Some(lang);
    let r = msgaudit::report::build_file(&f.result, &opts).unwrap_or_else(|e| panic!("{e}"));
    let bytes = msgaudit::report::render(&r, Format::Pdf, false).unwrap_or_else(|e| panic!("{e}"));
    pdftotext(&bytes)
}

/// `pdftotext` of `pdf`, one string per page.
fn pdftotext(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = match Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!(
            "pdftotext is needed for this test and could not be run ({e}); install it with \
             `apt-get install -y poppler-utils` or `bash .ci/run`"
        ),
    };
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"));
    // pdftotext ends every page with a form feed.
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn tamper(f: &Fixture) {
    let text = std::fs::read_to_string(&f.result).unwrap_or_else(|e| panic!("{e}"));
    let changed = text.replacen("Vertrieb", "Vertrleb", 1);
    assert_ne!(text, changed);
    std::fs::write(&f.result, changed).unwrap_or_else(|e| panic!("{e}"));
}

fn assert_every_page(pages: &[String], needles: &[&str], page_word: &str, of: &str) {
    let n = pages.len();
    for (i, p) in pages.iter().enumerate() {
        for needle in needles {
            assert!(p.contains(needle), "page {} lacks {needle:?}:\n{p}", i + 1);
        }
        let number = format!("{page_word} {} {of} {n}", i + 1);
        assert!(p.contains(&number), "page {} lacks {number:?}:\n{p}", i + 1);
    }
}

#[test]
#[ignore = "external tool: needs pdftotext (Debian package poppler-utils); run with cargo test -- --include-ignored"]
fn external_pdftotext_reads_a_shipped_example_in_german_and_english() {
    let f = signed_example("Handwerksbetrieb");
    let de = page_texts(&f, Lang::De);
    assert!((15..=35).contains(&de.len()), "{} pages", de.len());
    assert_every_page(
        &de,
        &[
            "Bäckerei Müller & Söhne GmbH",
            "Vertraulich",
            "Prüfstatus: GÜLTIG",
        ],
        "Seite",
        "von",
    );
    assert!(
        de[0].contains("Zusammenfassung für die Leitung"),
        "{}",
        de[0]
    );
    assert!(!de.concat().contains("NICHT VERIFIZIERT"));
    let all = de.concat();
    for section in [
        "Befunde",
        "Zu klären",
        "Antworten",
        "Änderungsverlauf",
        "DSFA-Vorprüfung",
    ] {
        assert!(all.contains(section), "no {section:?}");
    }

    let en = page_texts(&f, Lang::En);
    assert_every_page(
        &en,
        &[
            "Bäckerei Müller & Söhne GmbH",
            "Confidential",
            "Verification: VALID",
        ],
        "Page",
        "of",
    );
    assert!(en[0].contains("Management summary"), "{}", en[0]);
    assert!(en.concat().contains("Findings"));
}

#[test]
#[ignore = "external tool: needs pdftotext (Debian package poppler-utils); run with cargo test -- --include-ignored"]
fn external_pdftotext_finds_not_verified_on_every_page_of_a_tampered_result() {
    let f = signed(&standard_audit());
    tamper(&f);
    for (lang, word, page, of) in [
        (Lang::De, "NICHT VERIFIZIERT", "Seite", "von"),
        (Lang::En, "NOT VERIFIED", "Page", "of"),
    ] {
        let pages = page_texts(&f, lang);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        assert_every_page(&pages, &["Bäckerei Müller & Söhne GmbH", word], page, of);
        // In the header band and in the footer of each page.
        for (i, p) in pages.iter().enumerate() {
            assert!(p.matches(word).count() >= 2, "page {}: {p}", i + 1);
        }
    }
}

#[test]
#[ignore = "external tool: needs pdftotext (Debian package poppler-utils); run with cargo test -- --include-ignored"]
fn external_pdftotext_reads_the_overview_with_its_failed_file_on_every_page() {
    let mut f = signed(&standard_audit());
    let mut other = standard_audit();
    other.meta.unit = "Einkauf".into();
    let bad = f.sign(&other, 1);
    let text = std::fs::read_to_string(&bad).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&bad, text.replacen("Einkauf", "Einkauv", 1)).unwrap_or_else(|e| panic!("{e}"));
    let mut report = f.options(Format::Pdf);
    report.lang = Some(Lang::De);
    let opts = msgaudit::cli::summary::Options {
        report,
        as_of: jiff::civil::date(2026, 12, 1),
    };
    let o = msgaudit::cli::summary::build(&[f.paths.results_dir()], &opts)
        .unwrap_or_else(|e| panic!("{e}"));
    let pages = pdftotext(
        &msgaudit::report::render_overview(&o, Format::Pdf).unwrap_or_else(|e| panic!("{e}")),
    );
    assert_every_page(
        &pages,
        &[
            "Verifizierte Prüfungen: 1 von 2",
            "Dateien, die die Prüfung nicht bestanden haben: 1",
        ],
        "Seite",
        "von",
    );
    let all = pages.concat();
    assert!(all.contains("Übersicht über mehrere Prüfungen"), "{all}");
    assert!(all.contains("Die Signatur passt nicht"), "{all}");
}

#[test]
#[ignore = "external tool: needs pdftotext (Debian package poppler-utils); run with cargo test -- --include-ignored"]
fn external_pdftotext_reads_the_action_plan_and_the_art30_draft_in_german_and_english() {
    use msgaudit::report::{art30_texts as ax, texts as tx};
    let f = signed_example("Handwerksbetrieb");
    for lang in [Lang::De, Lang::En] {
        let mut opts = f.options(Format::Pdf);
        opts.lang = Some(lang);
        let r = msgaudit::report::build_file(&f.result, &opts).unwrap_or_else(|e| panic!("{e}"));
        assert!(!r.art30.entries.is_empty(), "a messenger is found");
        assert!(!r.plan.is_empty(), "the example has measures");
        let bytes =
            msgaudit::report::render(&r, Format::Pdf, false).unwrap_or_else(|e| panic!("{e}"));
        // pdftotext keeps a wrapped line's words apart by a line break; compare word by word.
        let all = pdftotext(&bytes).concat();
        let words = all.split_whitespace().collect::<Vec<_>>().join(" ");
        let has = |s: &str| words.contains(&s.split_whitespace().collect::<Vec<_>>().join(" "));
        assert!(has(tx::ACTION_PLAN.get(lang)), "{lang:?}: no action plan");
        assert!(has(tx::PLAN_EXPLAINED.get(lang)), "{lang:?}");
        assert!(has(ax::ART30_TITLE.get(lang)), "{lang:?}: no Art. 30 draft");
        for e in &r.art30.entries {
            let heading = msgaudit::report::md_art30::entry_heading(e, lang);
            assert!(has(&heading), "{lang:?}: no {heading:?}");
        }
        assert!(
            has(ax::OPEN_FIELD.get(lang)),
            "{lang:?}: open fields marked"
        );
        // The order of the Markdown report: Art. 30 before the answers, the plan after them.
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let art30 = words.find(&flat(ax::ART30_TITLE.get(lang)));
        let plan = words.rfind(&flat(tx::ACTION_PLAN.get(lang)));
        assert!(
            art30 < plan,
            "{lang:?}: Art. 30 draft before the action plan"
        );
    }
}
