//! Hostile strings in answers, notes, metadata and the sign-off cannot inject markup, break a table or a
//! CSV row, reach the reader as control characters or bidi overrides, or run as a spreadsheet formula.

mod report_support;

use msgaudit::audit::Meta;
use msgaudit::lang::Lang;
use msgaudit::report::Format;
use msgaudit::signoff::Signer;
use report_support::{Audit, render, signed, standard_audit};

const SCRIPT: &str = "<script>alert('x')</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";
const BIDI: &str = "gpj.\u{202E}exe";
const CTRL: &str = "bell\u{7} esc\u{1b}[31m red";

fn hostile() -> Audit<'static> {
    let mut a = standard_audit();
    let evil = format!("{SCRIPT} \"quoted\" 'single' a | b {BIDI} {CTRL} \u{200F}rtl");
    a.meta = Meta {
        organisation: format!("Evil & Co {SCRIPT}"),
        unit: "Unit | with | pipes".into(),
        interviewees: format!("{IMG}\n# not a heading\n- not a list"),
        auditor: format!("[link](https://evil.example) **bold** {CTRL}"),
        audit_date: None,
        lang: Lang::De,
    };
    a.signer = Signer {
        name: format!("Mallory {BIDI}"),
        role: "\"role\" | <b>".into(),
        statement: format!("{evil}\n1. not a list\n> not a quote"),
    };
    let tv = |s: &str| toml::Value::String(s.to_string());
    for (k, v) in &mut a.answers {
        if *k == "measures.remarks" {
            let mut t = toml::Table::new();
            t.insert("value".into(), tv(&evil));
            t.insert(
                "note".into(),
                tv(&format!("=HYPERLINK(\"https://evil.example\")\n{IMG}")),
            );
            *v = toml::Value::Table(t);
        }
        if *k == "process[other].which" {
            let mut t = toml::Table::new();
            t.insert("value".into(), toml::Value::Array(vec![tv("other")]));
            t.insert("other".into(), tv(&format!("Wire {SCRIPT} | x")));
            *v = toml::Value::Table(t);
        }
        // A process named by the auditor: its label reaches places, "betrifft" and the points to clarify.
        if *k == "email.processes" {
            let mut t = toml::Table::new();
            t.insert(
                "value".into(),
                toml::Value::Array(vec![tv("orders"), tv("support"), tv("other")]),
            );
            t.insert("other".into(), tv(&format!("Anfragen {SCRIPT} | `x`")));
            *v = toml::Value::Table(t);
        }
        if *k == "email.in_records" {
            let mut t = toml::Table::new();
            t.insert("value".into(), toml::Value::Boolean(false));
            t.insert("note".into(), tv("@SUM(1+1)\n+cmd|' /C calc'!A0"));
            *v = toml::Value::Table(t);
        }
    }
    a
}

fn assert_clean(format: &str, text: &str) {
    for bad in ['\u{7}', '\u{1b}', '\u{202E}', '\u{200F}'] {
        assert!(!text.contains(bad), "{format}: {bad:?} got through");
    }
    assert!(
        !text.contains("<script"),
        "{format}: a script tag got through"
    );
    assert!(!text.contains("<img"), "{format}: an img tag got through");
}

#[test]
fn hostile_strings_are_escaped_in_html() {
    let f = signed(&hostile());
    let (html, valid) = render(&f, &f.options(Format::Html));
    assert!(valid);
    assert_clean("html", &html);
    assert!(html.contains("&lt;script&gt;"), "escaped, not dropped");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<b>"));
    // Quotes are escaped too, so nothing can leave an attribute.
    assert!(!html.contains("\"quoted\""));
    // No script and no external request anywhere in the page.
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
}

/// Pipes that are not escaped with a backslash: the column separators of a table row.
fn separators(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    n
}

#[test]
fn hostile_strings_are_escaped_in_markdown() {
    let f = signed(&hostile());
    let (md, _) = render(&f, &f.options(Format::Md));
    assert_clean("md", &md);
    assert!(md.contains("&lt;script&gt;"));
    assert!(
        !md.contains("[link](https"),
        "no link from user text:\n{md}"
    );
    assert!(!md.contains("**bold**"));
    // Every table keeps its column count: a pipe in a cell is escaped.
    let mut columns = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = separators(line);
            match columns {
                None => columns = Some(n),
                Some(c) => assert_eq!(c, n, "a row with a different column count:\n{line}"),
            }
        } else {
            columns = None;
        }
    }
    // No line made of user text starts a heading, list or quote.
    for bad in [
        "\n# not a heading",
        "\n- not a list",
        "\n1. not a list",
        "\n> not a quote",
    ] {
        assert!(!md.contains(bad), "{bad:?} reached the Markdown unescaped");
    }
}

#[test]
fn hostile_strings_are_quoted_in_csv() {
    let f = signed(&hostile());
    for findings in [false, true] {
        let mut opts = f.options(Format::Csv);
        opts.findings = findings;
        let (csv_text, _) = render(&f, &opts);
        for bad in ['\u{7}', '\u{1b}', '\u{202E}', '\u{200F}'] {
            assert!(!csv_text.contains(bad), "{bad:?} got through");
        }
        let body = csv_text.trim_start_matches('\u{FEFF}');
        // German reports separate fields with `;` (what German spreadsheets expect), English ones with `,`.
        let sep = if body.lines().next().is_some_and(|h| h.contains(';')) {
            b';'
        } else {
            b','
        };
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(sep)
            .from_reader(body.as_bytes());
        let width = rdr.headers().map_or(0, csv::StringRecord::len);
        let rows: Vec<csv::StringRecord> = rdr
            .records()
            .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
            .collect();
        assert!(!rows.is_empty());
        for r in &rows {
            assert_eq!(r.len(), width, "{r:?}");
            for cell in r {
                assert!(
                    !cell.starts_with(['=', '+', '@']),
                    "a cell that a spreadsheet would run as a formula: {cell:?}"
                );
            }
        }
        if !findings {
            let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
            assert!(
                cells
                    .iter()
                    .any(|c| c.contains("\"quoted\" 'single' a | b")),
                "kept as text"
            );
            assert!(cells.iter().any(|c| c.starts_with("'=HYPERLINK")));
            assert!(cells.iter().any(|c| c.starts_with("'@SUM")));
        }
    }
}
