//! Dates and times in reports and CLI output ("weekly use" issue): the audit date (Prüfdatum) and local
//! times in the report's language and the given time zone (German „21. September 2026, 16:13 Uhr“),
//! machine-readable values kept in JSON; drafts and results without an audit date still load and verify.

mod report_support;

use std::process::Command;

use jiff::tz::TimeZone;
use msgaudit::audit::draft::Draft;
use msgaudit::i18n::dates::Zone;
use msgaudit::lang::Lang;
use msgaudit::report::Format;
use report_support::{render, result_of, signed, standard_audit};

/// Central European time as a POSIX rule: no zoneinfo database needed, whatever the machine's zone.
const BERLIN: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

fn berlin() -> Zone {
    Zone::Fixed(TimeZone::posix(BERLIN).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn a_german_report_shows_german_dates_in_local_time() {
    // Signed 2026-09-21 14:13:20 UTC, i.e. 16:13 summer time in Berlin; held on 20 September.
    let f = signed(&standard_audit());
    let text = |format: Format, lang: Option<Lang>| {
        let mut opts = f.options(format);
        opts.zone = berlin();
        opts.lang = lang;
        let (text, valid) = render(&f, &opts);
        assert!(valid, "the fixture must verify");
        text
    };
    let md = text(Format::Md, None);
    assert!(md.contains("| Prüfdatum | 20. September 2026 |"), "{md}");
    assert!(
        md.contains("am 21. September 2026, 16:13 Uhr mit Schlüssel"),
        "{md}"
    );
    assert!(
        md.contains("| Abgeschlossen | 21\\. September 2026, 16:13 Uhr |"),
        "{md}"
    );
    assert!(md.contains("| Zeitpunkt | 21. September 2026, 16:13 Uhr |"));
    // No time in UTC or ISO form is left (the file name and the auditor's notes keep theirs).
    assert!(!md.contains("UTC") && !md.contains("2026-09-21 1"), "{md}");

    let html = text(Format::Html, None);
    assert!(
        html.contains("<p class=\"subtitle\">Bäckerei Müller &amp; Söhne GmbH · Vertrieb · Prüfdatum 20. September 2026</p>"),
        "{html}"
    );
    assert!(html.contains(
        "<tr><th scope=\"row\">Begonnen</th><td>21. September 2026, 13:26 Uhr</td></tr>"
    ));
    assert!(html.contains("<tr><th scope=\"row\">Prüfdatum</th><td>20. September 2026</td></tr>"));

    let en = text(Format::Md, Some(Lang::En));
    assert!(en.contains("| Audit date | 20 September 2026 |"), "{en}");
    assert!(en.contains("on 21 September 2026, 16:13 with key"), "{en}");

    // JSON keeps UTC and ISO dates, and adds the local times with their offset.
    let json: serde_json::Value =
        serde_json::from_str(&text(Format::Json, None)).unwrap_or_else(|e| panic!("{e}"));
    let a = &json["audit"];
    assert_eq!(a["audit_date"], "2026-09-20");
    assert_eq!(a["audit_date_recorded"], true);
    assert_eq!(a["finished"], "2026-09-21T14:13:20Z");
    assert_eq!(a["finished_local"], "2026-09-21T16:13:20+02:00");
    assert_eq!(
        json["signoff"]["signed_at_local"],
        "2026-09-21T16:13:20+02:00"
    );
    assert_eq!(json["time_zone"], "+02");
    // CSV rows carry the verification state in the same words.
    let csv = text(Format::Csv, None);
    assert!(csv.contains("am 21. September 2026, 16:13 Uhr"), "{csv}");
}

#[test]
fn verify_shows_the_time_of_signing_in_the_users_zone() {
    let f = signed(&standard_audit());
    let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("--home")
        .arg(f.home.path())
        .arg("--checklists")
        .arg(f.checklists.path())
        .args(["--lang", "de", "verify"])
        .arg(&f.result)
        .env("TZ", BERLIN)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("gültig, signiert von Dr. Petra Prüfer (Datenschutzbeauftragte) am 21. September 2026, 16:13 Uhr mit Schlüssel"),
        "{stdout}"
    );
}

#[test]
fn an_old_draft_without_the_audit_date_loads() {
    let f = signed(&standard_audit());
    let c = msgaudit::checklist::load(&f.checklists.path().join("report-test.toml"))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let d = Draft::new(&c, standard_audit().meta, jiff::Timestamp::UNIX_EPOCH);
    let text = d.to_toml().unwrap_or_else(|e| panic!("{e}"));
    let old: String = text
        .lines()
        .filter(|l| !l.starts_with("audit_date"))
        .flat_map(|l| [l, "\n"])
        .collect();
    assert_ne!(old, text, "the draft names its audit date");
    let loaded = Draft::from_toml(&old).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.meta.audit_date, None);
    assert_eq!(loaded.meta.organisation, d.meta.organisation);
    assert!(loaded.meta.missing().is_empty(), "nothing to ask again");
}

#[test]
fn a_result_without_the_audit_date_verifies_and_shows_the_day_it_was_finished() {
    let mut audit = standard_audit();
    audit.meta.audit_date = None;
    let f = signed(&audit);
    let stored = std::fs::read_to_string(&f.result).unwrap_or_else(|e| panic!("{e}"));
    assert!(!stored.contains("audit_date"), "{stored}");
    assert_eq!(result_of(&f.result).meta.audit_date, None);
    let mut opts = f.options(Format::Json);
    opts.zone = berlin();
    let (json, valid) = render(&f, &opts);
    assert!(valid, "a result without an audit date verifies");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["audit"]["audit_date"], "2026-09-21");
    assert_eq!(json["audit"]["audit_date_recorded"], false);
    opts.format = Format::Md;
    let (md, _) = render(&f, &opts);
    assert!(md.contains("| Prüfdatum | 21. September 2026 |"), "{md}");
}
