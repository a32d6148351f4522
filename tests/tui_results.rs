//! The results screen end to end, in a pseudo-terminal: the signed results of the home folder are listed
//! with organisation, unit, date and signature state (a tampered one as invalid), one opens read-only,
//! verifies again and writes its CSV report beside it. Plain mode offers the same list and actions,
//! amending a result among them.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::lang::Lang;
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;
use tui_support::pty::{Tui, bin, files_in};

const PASSWORD: &str = "Datenschutz ist Teamarbeit";

/// Sign an audit of tests/fixtures/small.toml for `organisation` at `second` into `home`'s results.
fn sign(paths: &Paths, organisation: &str, unit: &str, second: i64) -> PathBuf {
    let c = Arc::new(
        msgaudit::checklist::load(Path::new("tests/fixtures/small.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    let mut s = Session::new(Arc::clone(&c));
    values::apply(
        &mut s,
        "email.processes",
        &toml::Value::Array(vec!["orders".into()]),
    )
    .unwrap();
    values::apply(&mut s, "email.in_records", &toml::Value::Boolean(false)).unwrap();
    let meta = Meta {
        organisation: organisation.into(),
        unit: unit.into(),
        interviewees: String::new(),
        auditor: "A. Prüfer".into(),
        lang: Lang::En,
        audit_date: None,
    };
    let now = Timestamp::from_second(second).unwrap();
    let mut d = Draft::new(&c, meta, now);
    d.capture(&s, now);
    let signer = Signer {
        name: "Dr. Erika Muster".into(),
        role: "DSB".into(),
        statement: signoff::default_statement(Lang::En).into(),
    };
    signoff::sign_off(
        &s,
        &d,
        &signer,
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .result
}

/// A home with two signed results; the second one's bytes changed after signing.
fn home_with_results() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::under_home(home.path()).unwrap();
    msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap();
    let good = sign(&paths, "Muster GmbH", "Vertrieb", 1_790_000_000);
    let bad = sign(&paths, "Beispiel AG", "Einkauf", 1_780_000_000);
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(&bad, text.replace("Einkauf", "Einkauf!")).unwrap();
    (home, good, bad)
}

#[test]
fn the_results_screen_lists_opens_verifies_and_writes_a_csv_report() {
    let (home, good, _) = home_with_results();
    let mut t = Tui::start_in(home, &["--lang", "en", "--checklists", "tests/fixtures"]);
    t.wait_for("Start a new audit");
    // New audit, (no drafts), Signed results, Quit: the second-last row.
    t.keys(&["G", "k"]);
    t.wait_for("› Signed results");
    t.keys(&["Enter"]);
    let s = t.wait_for("Muster GmbH · Vertrieb");
    // Most recently signed first, with the date and the signature state.
    assert!(
        s.contains("2026-09-21 · ✓ signature valid · signed off by Dr. Erika Muster"),
        "{s}"
    );
    assert!(s.contains("Beispiel AG · Einkauf!"), "{s}");
    assert!(s.contains("✗ INVALID"), "{s}");
    let first = s.find("Muster GmbH").unwrap();
    assert!(first < s.find("Beispiel AG").unwrap(), "{s}");

    // Open it: verified in full, read-only: summary, findings, answers, sign-off.
    t.keys(&["Enter"]);
    let s = t.wait_for("Verify again");
    assert!(s.contains("VALID"), "{s}");
    assert!(
        s.contains("Management summary") || s.contains("Executive summary"),
        "{s}"
    );
    assert!(s.contains("Write the CSV report beside it"), "{s}");
    // The result is longer than the screen: the scroll indicator says where we are.
    assert!(s.contains(" / "), "{s}");
    t.keys(&["PageDown"]);
    // Verify again.
    t.keys(&["Enter"]);
    t.wait_for("Verified: VALID");
    // The CSV report beside it: fourth action.
    t.keys(&["j", "j", "j", "Enter"]);
    let s = t.wait_for("Written: ");
    assert!(s.contains(".report.csv"), "{s}");
    let csv = msgaudit::report::beside(&good, msgaudit::report::Format::Csv);
    let bytes = std::fs::read(&csv).expect("the CSV report beside the result");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("VALID: The result file is unchanged"),
        "{text}"
    );
    assert!(
        text.contains("Which processes use e-mail?,Orders"),
        "{text}"
    );
    // Back to the list, back to the start, quit.
    t.keys(&["Escape"]);
    t.wait_for("Beispiel AG");
    t.keys(&["Escape"]);
    t.wait_for("Start a new audit");
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), 0);
    t.assert_restored();
    assert_eq!(files_in(good.parent().unwrap(), ".report.csv").len(), 1);
}

#[test]
fn plain_mode_offers_the_same_list_and_actions_line_by_line() {
    let (home, good, _) = home_with_results();
    // Start menu: results; the first; verify again; write JSON; write PDF; back to the list; back; then
    // the input ends. The numbers follow `report::actions::ACTS`.
    let (ok, text) = plain(home.path(), "de", b"3\n1\n1\n5\n7\n9\n\n");
    assert!(ok, "{text}");
    assert!(text.contains("Abgezeichnete Ergebnisse"), "{text}");
    assert!(
        text.contains("1) Muster GmbH · Vertrieb · 21.09.2026 · Signatur gültig · abgezeichnet von Dr. Erika Muster"),
        "{text}"
    );
    assert!(text.contains("2) Beispiel AG · Einkauf! · "), "{text}");
    assert!(text.contains("UNGÜLTIG"), "{text}");
    assert!(text.contains("Verifiziert: GÜLTIG"), "{text}");
    assert!(text.contains("Geschrieben: "), "{text}");
    assert!(msgaudit::report::beside(&good, msgaudit::report::Format::Json).is_file());
    let pdf = std::fs::read(msgaudit::report::beside(
        &good,
        msgaudit::report::Format::Pdf,
    ))
    .expect("the PDF report beside the result");
    assert!(pdf.starts_with(b"%PDF-"));
}

/// `msgaudit --plain` with `input` in `lang`: exit status, stdout.
fn plain(home: &Path, lang: &str, input: &[u8]) -> (bool, String) {
    use std::io::Write;
    let out = std::process::Command::new(bin())
        .args(["--plain", "--lang", lang, "--home"])
        .arg(home)
        .args(["--checklists", "tests/fixtures"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(input)?;
            c.wait_with_output()
        })
        .expect("run msgaudit --plain");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn plain_mode_amends_a_result_and_goes_on_with_the_new_draft() {
    let (home, good, _) = home_with_results();
    let paths = Paths::under_home(home.path()).unwrap();
    let drafts = || {
        msgaudit::store::DraftStore::new(&paths)
            .list()
            .into_iter()
            .filter_map(|e| e.draft.ok())
            .collect::<Vec<_>>()
    };
    // The invalid one (second) cannot be amended: said, and nothing is started.
    let (_, text) = plain(home.path(), "de", b"3\n2\n8\nTippfehler\n9\n\n");
    assert!(text.contains("8) Ergebnis ändern"), "{text}");
    assert!(text.contains("Keine Änderung angelegt: "), "{text}");
    assert!(drafts().is_empty(), "{text}");
    // An empty reason cancels.
    let (_, text) = plain(home.path(), "en", b"3\n1\n8\n\n9\n\n");
    assert!(text.contains("Reason for the amendment"), "{text}");
    assert!(drafts().is_empty(), "{text}");
    // The valid one: the draft is started and the audit goes on with it (the input then ends: it stays
    // saved as a draft).
    let (_, text) = plain(home.path(), "en", b"3\n1\n8\nUnit name corrected\n");
    let d = drafts();
    assert_eq!(d.len(), 1, "{text}");
    let amends = d[0].amends.as_ref().expect("the draft amends the result");
    assert_eq!(amends.reason, "Unit name corrected");
    assert_eq!(
        Some(amends.file.as_str()),
        good.file_name().and_then(|n| n.to_str())
    );
    assert!(text.contains(&d[0].audit_id), "{text}");
}
