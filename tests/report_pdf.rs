//! The PDF report in process: a shipped example's report has a cover and a sensible page count, the same
//! report renders to the same bytes, both fonts are embedded as subsets, German and English differ, and a
//! tampered result's report says NOT VERIFIED. The CLI wants `-o FILE` for it. What the text on each page
//! says is checked with poppler's `pdftotext` in `tests/external_pdftotext.rs`.

mod report_support;

use std::process::Command;

use msgaudit::lang::Lang;
use msgaudit::report::Format;
use report_support::{Fixture, signed, signed_example, standard_audit};

fn pdf(f: &Fixture, lang: Option<Lang>) -> Vec<u8> {
    let mut opts = f.options(Format::Pdf);
    opts.lang = lang;
    let r = msgaudit::report::build_file(&f.result, &opts).unwrap_or_else(|e| panic!("{e}"));
    msgaudit::report::render(&r, Format::Pdf, false).unwrap_or_else(|e| panic!("{e}"))
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Page objects (`/Type /Page`, not `/Pages`).
fn pages(pdf: &[u8]) -> usize {
    count(pdf, b"/Type /Page\n") + count(pdf, b"/Type /Page ") + count(pdf, b"/Type /Page/")
}

fn tamper(f: &Fixture) {
    let text = std::fs::read_to_string(&f.result).unwrap_or_else(|e| panic!("{e}"));
    let changed = text.replacen("Vertrieb", "Vertrleb", 1);
    assert_ne!(text, changed);
    std::fs::write(&f.result, changed).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_shipped_example_gives_a_pdf_of_a_few_pages_with_both_fonts_embedded() {
    let f = signed_example("Handwerksbetrieb");
    let bytes = pdf(&f, None);
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    assert!(bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"));
    let n = pages(&bytes);
    // A cover, 80 answers, 24 findings and the change history: about two dozen pages.
    assert!((15..=35).contains(&n), "{n} pages");
    // Both faces, embedded as TrueType subsets (a six-letter tag before the name).
    assert_eq!(
        count(&bytes, b"/FontFile2"),
        2,
        "two embedded font programs"
    );
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("+LiberationSans-Bold"), "bold subset");
    assert!(
        text.contains("+LiberationSans\n")
            || text.contains("+LiberationSans/")
            || text.contains("+LiberationSans "),
        "regular subset"
    );
    // A subset, not the whole 400 KB faces.
    assert!(bytes.len() < 300_000, "{} bytes", bytes.len());
}

#[test]
fn the_same_report_gives_the_same_bytes_and_the_languages_differ() {
    let f = signed(&standard_audit());
    let a = pdf(&f, None);
    let b = pdf(&f, None);
    assert!(a == b, "rendering twice gives the same PDF");
    let en = pdf(&f, Some(Lang::En));
    assert!(en != a, "the English PDF is not the German one");
    let title = |p: &[u8]| String::from_utf8_lossy(p).contains("Prüfbericht");
    // The document title is in the metadata in the report's language (XMP is UTF-8).
    assert!(title(&a) && !title(&en));
    assert!(String::from_utf8_lossy(&en).contains("Audit report"));
    assert!(
        !String::from_utf8_lossy(&a).contains("CreationDate"),
        "no date from the clock"
    );
}

#[test]
fn a_long_audit_breaks_across_pages() {
    let mut audit = standard_audit();
    let long = "Eine lange Notiz mit vielen Wörtern, die umbrochen werden müssen. ".repeat(400);
    let note = toml::Value::Table(toml::toml! { value = false });
    let mut note = note;
    if let toml::Value::Table(t) = &mut note {
        t.insert("note".into(), toml::Value::String(long));
    }
    audit.answers.retain(|(k, _)| *k != "email.in_records");
    audit.answers.push(("email.in_records", note));
    let f = signed(&audit);
    let short = pages(&pdf(&signed(&standard_audit()), None));
    let n = pages(&pdf(&f, None));
    assert!(
        n >= short + 3,
        "{n} pages with a long note, {short} without"
    );
}

#[test]
fn a_tampered_result_still_gives_a_pdf_that_says_so() {
    let f = signed(&standard_audit());
    let good = pdf(&f, Some(Lang::En));
    tamper(&f);
    let bad = pdf(&f, Some(Lang::En));
    assert!(bad.starts_with(b"%PDF-"));
    assert!(good != bad);
    assert!(pages(&bad) >= 3);
}

#[test]
fn the_cli_writes_a_pdf_only_to_a_file() {
    let f = signed(&standard_audit());
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_msgaudit"))
            .arg("report")
            .arg(&f.result)
            .arg("--home")
            .arg(f.home.path())
            .args(["--format", "pdf", "--lang", "en"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2), "usage error without -o");
    assert!(out.stdout.is_empty(), "nothing binary on a terminal");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("-o FILE"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = f.home.path().join("report.pdf");
    let out = run(&["-o".as_ref(), file.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file)
            .unwrap_or_else(|e| panic!("{e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "a report holds personal data");
    }
}

#[test]
fn the_overview_across_results_is_a_pdf_too() {
    let mut f = signed(&standard_audit());
    let mut other = standard_audit();
    other.meta.unit = "Einkauf".into();
    f.sign(&other, 1);
    let opts = msgaudit::cli::summary::Options {
        report: f.options(Format::Pdf),
    };
    let o = msgaudit::cli::summary::build(&[f.paths.results_dir()], &opts)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.audits.len(), 2);
    let bytes =
        msgaudit::report::render_overview(&o, Format::Pdf).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF-"));
    assert!((1..=4).contains(&pages(&bytes)), "{} pages", pages(&bytes));
    assert_eq!(count(&bytes, b"/FontFile2"), 2);
}
