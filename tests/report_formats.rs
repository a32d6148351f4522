//! Golden tests of every report format on one fixed, signed result (insta snapshots in tests/snapshots/).

mod report_support;

use msgaudit::lang::Lang;
use msgaudit::report::Format;
use report_support::{render, signed, standard_audit};

#[test]
fn every_format_of_a_signed_result() {
    let f = signed(&standard_audit());
    for (name, format, findings, lang) in [
        ("report_md_de", Format::Md, false, None),
        ("report_md_en", Format::Md, false, Some(Lang::En)),
        ("report_html_de", Format::Html, false, None),
        ("report_csv_answers_de", Format::Csv, false, None),
        ("report_csv_findings_en", Format::Csv, true, Some(Lang::En)),
        ("report_json_de", Format::Json, false, None),
    ] {
        let mut opts = f.options(format);
        opts.findings = findings;
        opts.lang = lang;
        let (text, valid) = render(&f, &opts);
        assert!(valid, "{name}: the fixture must verify");
        insta::assert_snapshot!(name, f.stable(&text));
    }
}

#[test]
fn csv_has_a_byte_order_mark_and_crlf_rows() {
    let f = signed(&standard_audit());
    let (text, _) = render(&f, &f.options(Format::Csv));
    assert!(text.starts_with('\u{FEFF}'), "BOM for Excel");
    assert!(text.contains("\r\n"));
    // The standard audit is German: fields are separated by `;`, as German spreadsheets expect.
    assert!(
        text.lines()
            .next()
            .is_some_and(|h| h.contains(';') && !h.contains(','))
    );
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let header = rdr.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    let rows: Vec<csv::StringRecord> = rdr
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    // A note with a line break stays one cell.
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c.contains("WhatsApp-Gruppen.\nDie IT")))
    );
}

#[test]
fn json_is_valid_and_names_messengers_where_used() {
    let f = signed(&standard_audit());
    let (text, _) = render(&f, &f.options(Format::Json));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["report_format"], 2);
    assert_eq!(v["verification"]["valid"], true);
    let m = v["messengers"]
        .as_array()
        .unwrap_or_else(|| panic!("messengers"));
    let names: Vec<&str> = m.iter().filter_map(|x| x["name"].as_str()).collect();
    assert_eq!(names, ["WhatsApp", "Threema", "Signal", "Wire"]);
    let whatsapp: Vec<&str> = m[0]["places"]
        .as_array()
        .unwrap_or_else(|| panic!("places"))
        .iter()
        .filter_map(|p| p["section"].as_str())
        .collect();
    assert_eq!(whatsapp, ["process[orders]"]);
    // The hidden answer does not count as use.
    assert!(!m[2]["places"].to_string().contains("process[support]"));
}

#[test]
fn reports_can_be_written_beside_the_result() {
    let f = signed(&standard_audit());
    let written = msgaudit::report::write_beside(&f.result, &f.verify_options(), None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.len(), 3);
    let name = f
        .result
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.trim_end_matches(".result.toml");
    assert_eq!(
        written[0],
        f.result.with_file_name(format!("{stem}.report.md"))
    );
    assert_eq!(
        written[1],
        f.result.with_file_name(format!("{stem}.report.html"))
    );
    assert_eq!(
        written[2],
        f.result.with_file_name(format!("{stem}.report.pdf"))
    );
    for p in &written[..2] {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        assert!(text.contains("GÜLTIG"), "{}", p.display());
    }
    // The PDF's text is compressed; tests/external_pdftotext.rs reads it.
    let pdf = std::fs::read(&written[2]).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF-"), "{}", written[2].display());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&written[0]).map_or(0, |m| m.permissions().mode());
        assert_eq!(mode & 0o777, 0o600, "reports hold personal data");
    }
}

#[test]
fn messenger_use_is_found_in_the_shipped_checklist() {
    use std::sync::Arc;
    let mut f = signed(&standard_audit());
    let c = Arc::new(
        msgaudit::checklist::load(&msgaudit::shipped::dir().join("messenger-audit.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    let mut audit = standard_audit();
    let list = |xs: &[&str]| toml::Value::Array(xs.iter().map(|x| toml::Value::from(*x)).collect());
    audit.answers = vec![
        ("email.processes", list(&["orders", "support"])),
        (
            "process[orders].messenger",
            toml::Value::from("additionally"),
        ),
        ("process[orders].which", list(&["whatsapp", "signal"])),
        ("process[support].messenger", toml::Value::from("no")),
        ("discovery.any_messenger", toml::Value::Boolean(true)),
        ("discovery.messengers", list(&["whatsapp", "threema"])),
    ];
    let (_, out) = report_support::sign_with(&c, &f.paths, &audit, 5);
    f.result = out.result;
    let mut opts = f.options(Format::Json);
    opts.verify.checklist_dirs = msgaudit::catalog::dirs(None, None);
    opts.lang = Some(Lang::En);
    let r = msgaudit::report::build_file(&f.result, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.verification.valid, "{}", r.verification.headline);
    assert!(r.checklist_available);
    let places = |id: &str| -> Vec<String> {
        r.messengers
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.places.iter().map(|p| p.section.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(places("whatsapp"), ["process[orders]", "discovery"]);
    assert_eq!(places("signal"), ["process[orders]"]);
    assert_eq!(places("threema"), ["discovery"]);
    // Section titles come from the checklist, with the repetition's item.
    let title = &r.messengers[0].places[0].title;
    assert!(title.contains("Orders"), "{title}");
    // The knowledge-base entries shown in the per-messenger review are listed with their dates.
    let used: Vec<&str> = r.outcome.knowledge.iter().map(|k| k.id.as_str()).collect();
    assert!(
        used.contains(&"whatsapp") && used.contains(&"threema"),
        "{used:?}"
    );
    let md = String::from_utf8(
        msgaudit::report::render(&r, Format::Md, false).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(md.contains("### Knowledge base used"), "{md}");
    for k in &r.outcome.knowledge {
        let as_of = msgaudit::i18n::dates::date(Lang::En, k.as_of);
        assert!(md.contains(&format!("(as of {as_of})")), "{md}");
        if k.stale {
            assert!(
                md.contains("older than 12 months"),
                "a stale entry is flagged"
            );
        }
    }
}

#[test]
fn csv_rows_end_with_organisation_unit_audit_date_and_messengers() {
    let f = signed(&standard_audit());
    for findings in [false, true] {
        let mut opts = f.options(Format::Csv);
        opts.findings = findings;
        let (text, _) = render(&f, &opts);
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
        let header = rdr.headers().unwrap_or_else(|e| panic!("{e}")).clone();
        let n = header.len();
        // Appended, so the columns before them keep their places.
        assert_eq!(&header[0], "Prüfstatus");
        assert_eq!(
            header.iter().skip(n - 4).collect::<Vec<_>>(),
            ["Organisation", "Bereich", "Prüfdatum", "Messenger-Nutzung"]
        );
        let rows: Vec<csv::StringRecord> = rdr
            .records()
            .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
            .collect();
        assert!(!rows.is_empty());
        for r in &rows {
            assert_eq!(r.len(), n);
            assert_eq!(&r[n - 4], "Bäckerei Müller & Söhne GmbH");
            assert_eq!(&r[n - 3], "Vertrieb");
            assert_eq!(&r[n - 2], "2026-09-20");
            assert!(r[n - 1].contains("WhatsApp"), "{}", &r[n - 1]);
        }
    }
}
