//! `msgaudit summary` over a folder: every file is verified; a tampered file is listed as failed (never
//! silently dropped) and left out of the figures; the exit code is 1 then.

mod report_support;

use std::process::Command;

use msgaudit::audit::Meta;
use msgaudit::cli::summary::{self, Options};
use msgaudit::lang::Lang;
use msgaudit::report::Format;
use report_support::{Fixture, signed, standard_audit};

/// Three signed audits of two organisations in one results folder; the third is tampered with.
fn folder() -> (Fixture, std::path::PathBuf) {
    let mut f = signed(&standard_audit());
    let mut second = standard_audit();
    second.meta = Meta {
        organisation: "Bäckerei Müller & Söhne GmbH".into(),
        unit: "Personal".into(),
        interviewees: String::new(),
        auditor: "Dr. Petra Prüfer".into(),
        audit_date: None,
        lang: Lang::De,
    };
    second.answers = vec![
        ("email.processes", toml::Value::Array(vec!["hr".into()])),
        ("email.in_records", toml::Value::Boolean(true)),
        ("process[hr].messenger", toml::Value::Boolean(true)),
        (
            "process[hr].which",
            toml::Value::Array(vec!["threema".into()]),
        ),
        ("process[hr].devices", toml::Value::String("company".into())),
        ("measures.policy", toml::Value::Boolean(true)),
    ];
    f.sign(&second, 1);
    let mut third = standard_audit();
    third.meta.organisation = "Zentrale Verwaltung".into();
    third.meta.unit = "Buchhaltung".into();
    let tampered = f.sign(&third, 2);
    let text = std::fs::read_to_string(&tampered).unwrap_or_default();
    let changed = text.replacen("Buchhaltung", "Buchhaltunk", 1);
    assert_ne!(text, changed);
    std::fs::write(&tampered, changed).unwrap_or_else(|e| panic!("{e}"));
    let dir = f.paths.results_dir();
    (f, dir)
}

/// As `--lang de`: the overview speaks the language asked for, not the first file's.
fn options(f: &Fixture, format: Format) -> Options {
    let mut report = f.options(format);
    report.ui_lang = Lang::De;
    Options {
        report,
        as_of: jiff::civil::date(2026, 12, 1),
    }
}

#[test]
fn a_tampered_file_is_reported_as_failed() {
    let (f, dir) = folder();
    let o = summary::build(std::slice::from_ref(&dir), &options(&f, Format::Json))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.audits.len(), 2);
    assert_eq!(o.failed.len(), 1);
    assert!(
        o.failed[0].file.starts_with("zentrale-verwaltung-"),
        "{:?}",
        o.failed
    );
    // In the overview's language (`--lang de`), like everything else in it.
    assert!(
        o.failed[0].reason.contains("Die Signatur passt nicht"),
        "{}",
        o.failed[0].reason
    );
    // The tampered audit counts nowhere.
    assert!(
        o.units
            .iter()
            .all(|u| u.unit != "Buchhaltung" && u.unit != "Buchhaltunk")
    );
    let threema = o
        .messengers
        .iter()
        .find(|m| m.id == "threema")
        .unwrap_or_else(|| panic!("threema"));
    let units: Vec<&str> = threema.uses.iter().map(|u| u.unit.as_str()).collect();
    assert_eq!(units, ["Personal", "Vertrieb"], "by unit");
    assert_eq!(o.dpia.len(), 1, "only Vertrieb recommends a DPIA");
    for format in [Format::Md, Format::Html, Format::Csv, Format::Json] {
        let bytes = msgaudit::report::render_overview(&o, format).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            text.contains(&o.failed[0].file),
            "{format:?} lists the failed file"
        );
        let name = format!("summary_{}", format!("{format:?}").to_lowercase());
        insta::assert_snapshot!(name, f.stable(&text));
    }
}

#[test]
fn the_cli_lists_the_failed_file_and_exits_1() {
    let (f, dir) = folder();
    let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("summary")
        .arg(&dir)
        .arg("--home")
        .arg(f.home.path())
        .arg("--checklists")
        .arg(f.checklists.path())
        .args(["--lang", "de"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Verifizierte Prüfungen: 2 von 3"),
        "{stdout}"
    );
    assert!(stdout.contains("zentrale-verwaltung-"), "{stdout}");
    assert!(stderr.contains("UNGÜLTIG"), "{stderr}");

    // A single report of the tampered file is still produced, says so at the top, and exits 1.
    let tampered = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.to_string_lossy().ends_with(".result.toml")
                && p.to_string_lossy().contains("zentrale")
        })
        .unwrap_or_else(|| panic!("tampered file"));
    let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("report")
        .arg(&tampered)
        .arg("--home")
        .arg(f.home.path())
        .arg("--lang")
        .arg("en")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.starts_with("# Audit report"), "{stdout}");
    assert!(
        stdout.contains("**Verification: NOT VERIFIED**"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("warning: "));

    // The valid one exits 0 and writes to -o.
    let target = f.home.path().join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("report")
        .arg(&f.result)
        .args(["--format", "html", "-o"])
        .arg(&target)
        .arg("--home")
        .arg(f.home.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap_or_default()
            .starts_with("<!DOCTYPE html>")
    );
    // --findings belongs to CSV: a usage error otherwise.
    let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("report")
        .arg(&f.result)
        .arg("--findings")
        .arg("--home")
        .arg(f.home.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
}
