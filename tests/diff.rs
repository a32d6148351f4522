//! `msgaudit diff OLD NEW` on signed results of the report fixture: nothing changed, findings resolved and
//! new, changed answers, messengers added and dropped, a DPIA verdict change, a tampered OLD; Markdown
//! snapshots in German and English, the JSON shape and hostile strings in HTML and Markdown.

mod report_support;

use std::path::{Path, PathBuf};

use msgaudit::lang::Lang;
use msgaudit::report::diff::{self, Diff, Format, Options};
use report_support::{Audit, Fixture, signed, standard_audit};

fn options(f: &Fixture, format: Format, lang: Option<Lang>) -> Options {
    Options {
        verify: f.verify_options(),
        format,
        lang,
        ui_lang: Lang::En,
        zone: msgaudit::i18n::dates::Zone::utc(),
    }
}

fn compare(f: &Fixture, old: &Path, new: &Path) -> Diff {
    diff::diff_files(old, new, &options(f, Format::Md, None)).unwrap_or_else(|e| panic!("{e}"))
}

/// Run the command as the CLI does: (exit code, stdout, stderr).
fn run(
    f: &Fixture,
    old: &Path,
    new: &Path,
    format: Format,
    lang: Option<Lang>,
) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = msgaudit::cli::diff::run(
        old,
        new,
        &options(f, format, lang),
        None,
        &mut out,
        &mut err,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (
        code,
        String::from_utf8(out).unwrap_or_else(|e| panic!("{e}")),
        String::from_utf8(err).unwrap_or_else(|e| panic!("{e}")),
    )
}

fn v(s: &str) -> toml::Value {
    toml::from_str::<toml::Table>(&format!("x = {s}")).unwrap_or_else(|e| panic!("{e}"))["x"]
        .clone()
}

/// The standard audit with some answers replaced (or added when the key is new).
fn with(changes: &[(&'static str, &str)]) -> Audit<'static> {
    let mut a = standard_audit();
    for (k, val) in changes {
        match a.answers.iter_mut().find(|(key, _)| key == k) {
            Some(slot) => slot.1 = v(val),
            None => a.answers.push((k, v(val))),
        }
    }
    a
}

/// OLD has a messenger policy and the records complete; NEW is the standard audit with other changes:
/// a finding is resolved (consumer WhatsApp: orders use Signal now), one is new (no policy), an answer
/// changed, Threema and "Wire" are dropped, "Teams" is added, the DPIA verdict falls to "consider", the
/// devices of the other process are clarified and the date of the last training is now to clarify.
fn pair() -> (Fixture, PathBuf, PathBuf) {
    let mut f = signed(&with(&[("measures.policy", "true")]));
    let old = f.result.clone();
    let new = f.sign(
        &with(&[
            (
                "process[orders].which",
                r#"{ value = ["signal"], note = "Seit März nur noch Signal." }"#,
            ),
            (
                "process[other].which",
                r#"{ value = ["signal", "other"], other = "Teams" }"#,
            ),
            ("email.staff", "45"),
            ("process[other].devices", r#""company""#),
            (
                "measures.training",
                r#"{ state = "unknown", note = "Unterlagen fehlen." }"#,
            ),
        ]),
        1,
    );
    (f, old, new)
}

#[test]
fn identical_results_show_nothing_changed() {
    let mut f = signed(&standard_audit());
    let old = f.result.clone();
    let new = f.sign(&standard_audit(), 1);
    let d = compare(&f, &old, &new);
    assert!(d.verified && !d.changed, "{d:#?}");
    assert!(d.answers.is_empty() && d.findings.new.is_empty() && d.findings.resolved.is_empty());
    assert!(!d.findings.still_open.is_empty(), "the findings stay open");
    assert!(!d.dpia.changed && !d.checklist.changed);
    let (code, md, _) = run(&f, &old, &new, Format::Md, Some(Lang::En));
    assert_eq!(code, 0);
    assert!(md.contains("Nothing changed"), "{md}");
}

#[test]
fn findings_new_resolved_and_still_open_by_root_cause() {
    let (f, old, new) = pair();
    let d = compare(&f, &old, &new);
    assert!(d.verified && d.changed);
    let ids = |l: &[diff::FindingChange]| l.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.findings.new), ["no_policy"]);
    assert_eq!(ids(&d.findings.resolved), ["consumer_whatsapp"]);
    assert_eq!(
        ids(&d.findings.still_open),
        ["private_devices", "not_in_records", "review_yearly"]
    );
    // The new finding is listed under its root cause, as in the outcome.
    assert!(
        d.findings.new[0]
            .covered_by
            .as_deref()
            .is_some_and(|t| t.contains("privaten Geräten"))
    );
    assert_eq!(d.findings.resolved[0].applies_to, ["Bestellungen"]);
}

#[test]
fn changed_answers_show_old_and_new_value() {
    use diff::AnswerChangeKind::Changed;
    let (f, old, new) = pair();
    let d = compare(&f, &old, &new);
    let keys: Vec<(&str, diff::AnswerChangeKind)> =
        d.answers.iter().map(|a| (a.key.as_str(), a.kind)).collect();
    assert_eq!(
        keys,
        [
            ("email.staff", Changed),
            ("process[orders].which", Changed),
            ("process[other].which", Changed),
            ("process[other].devices", Changed),
            ("measures.policy", Changed),
            ("measures.training", Changed),
        ]
    );
    let staff = &d.answers[0];
    assert_eq!(staff.old.as_ref().map(|a| a.display.as_str()), Some("42"));
    assert_eq!(staff.new.as_ref().map(|a| a.display.as_str()), Some("45"));
    let orders = &d.answers[1];
    assert_eq!(
        orders.new.as_ref().and_then(|a| a.note.as_deref()),
        Some("Seit März nur noch Signal.")
    );
}

#[test]
fn points_to_clarify_new_and_clarified() {
    let (f, old, new) = pair();
    let d = compare(&f, &old, &new);
    let keys = |l: &[msgaudit::report::outcome::OpenPointInfo]| {
        l.iter().map(|p| p.key.clone()).collect::<Vec<_>>()
    };
    assert_eq!(keys(&d.open_points.new), ["measures.training"]);
    assert_eq!(keys(&d.open_points.clarified), ["process[other].devices"]);
}

#[test]
fn messengers_added_and_dropped() {
    let (f, old, new) = pair();
    let d = compare(&f, &old, &new);
    let names = |l: &[diff::MessengerChange]| l.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&d.messengers.added), ["Teams"]);
    assert_eq!(
        names(&d.messengers.dropped),
        ["WhatsApp", "Threema", "Wire"]
    );
    assert_eq!(d.messengers.dropped[0].places, ["Prozess: Bestellungen"]);
}

#[test]
fn a_dpia_verdict_change_names_the_criteria() {
    let (f, old, new) = pair();
    let d = compare(&f, &old, &new);
    assert!(d.dpia.changed);
    assert_eq!(d.dpia.old.label, "DSFA in der Regel erforderlich");
    assert_eq!(d.dpia.new.label, "DSFA zu erwägen");
    let removed: Vec<&str> = d
        .dpia
        .criteria_removed
        .iter()
        .map(|c| c.criterion.label.as_str())
        .collect();
    assert_eq!(removed, ["Innovative Nutzung neuer Technologien"]);
    assert!(d.dpia.criteria_added.is_empty());
}

#[test]
fn markdown_in_german_and_english() {
    let (f, old, new) = pair();
    for (name, lang) in [("diff_md_de", None), ("diff_md_en", Some(Lang::En))] {
        let (code, md, err) = run(&f, &old, &new, Format::Md, lang);
        assert_eq!(code, 0, "{err}");
        insta::assert_snapshot!(name, f.stable(&md));
    }
}

#[test]
fn json_has_a_documented_shape() {
    let (f, old, new) = pair();
    let (code, text, _) = run(&f, &old, &new, Format::Json, None);
    assert_eq!(code, 0);
    let j: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j["diff_format"], 1);
    assert_eq!(j["verified"], true);
    assert_eq!(j["changed"], true);
    for side in ["old", "new"] {
        assert_eq!(j[side]["verification"]["valid"], true);
        assert_eq!(j[side]["checklist"]["id"], "report-test");
    }
    assert_eq!(j["findings"]["new"][0]["id"], "no_policy");
    assert_eq!(j["findings"]["resolved"][0]["severity"], "high");
    assert_eq!(j["dpia"]["old"]["verdict"], "required_in_most_cases");
    assert_eq!(j["dpia"]["new"]["verdict"], "consider");
    assert_eq!(j["dpia"]["criteria_removed"][0]["id"], "new_technology");
    assert_eq!(j["messengers"]["added"][0]["id"], "other:Teams");
    assert_eq!(j["answers"][0]["kind"], "changed");
    assert_eq!(j["answers"][0]["old"]["value"], 42);
    assert_eq!(j["answers"][0]["new"]["value"], 45);
    assert_eq!(j["checklist"]["changed"], false);
}

#[test]
fn a_tampered_old_result_is_said_at_the_top_and_exits_1() {
    let (f, old, new) = pair();
    let text = std::fs::read_to_string(&old).unwrap_or_default();
    let changed = text.replacen("Vertrieb", "Vertrieg", 1);
    assert_ne!(text, changed);
    std::fs::write(&old, changed).unwrap_or_else(|e| panic!("{e}"));
    let (code, md, err) = run(&f, &old, &new, Format::Md, Some(Lang::En));
    assert_eq!(code, 1);
    let top: Vec<&str> = md.lines().take(6).collect();
    assert!(
        top[2].contains("At least one of the two result files is not verified"),
        "{md}"
    );
    assert!(
        top[4].contains("Before") && top[4].contains("NOT VERIFIED"),
        "{md}"
    );
    assert!(md.contains("After") && md.contains("): VALID**"), "{md}");
    assert!(err.contains("is not verified"), "{err}");
    let (code, json, _) = run(&f, &old, &new, Format::Json, None);
    assert_eq!(code, 1);
    let j: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j["verified"], false);
    assert_eq!(j["old"]["verification"]["valid"], false);
    assert_eq!(j["new"]["verification"]["valid"], true);
}

#[test]
fn a_file_that_is_no_result_is_an_error() {
    let (f, old, _) = pair();
    let junk = f.home.path().join("junk.result.toml");
    std::fs::write(&junk, "not = [toml").unwrap_or_else(|e| panic!("{e}"));
    let e = diff::diff_files(&old, &junk, &options(&f, Format::Md, None))
        .err()
        .unwrap_or_else(|| panic!("junk compared"));
    assert!(e.starts_with("cannot compare"), "{e}");
}

const SCRIPT: &str = "<script>alert('x')</script>";

#[test]
fn hostile_strings_are_escaped() {
    let mut f = signed(&standard_audit());
    let old = f.result.clone();
    let evil = format!("{SCRIPT} | [link](https://evil.example) \u{202E}gpj \u{1b}[31m");
    let mut a = standard_audit();
    let table = |pairs: &[(&str, toml::Value)]| {
        toml::Value::Table(
            pairs
                .iter()
                .map(|(k, x)| (k.to_string(), x.clone()))
                .collect(),
        )
    };
    let text = toml::Value::String(evil.clone());
    for (k, val) in &mut a.answers {
        match *k {
            "measures.remarks" => *val = table(&[("value", text.clone()), ("note", text.clone())]),
            "process[other].which" => {
                *val = table(&[("value", v(r#"["other"]"#)), ("other", text.clone())]);
            }
            _ => {}
        }
    }
    let new = f.sign(&a, 1);
    for format in [Format::Html, Format::Md] {
        let (code, text, _) = run(&f, &old, &new, format, None);
        assert_eq!(code, 0);
        let link = if format == Format::Md {
            "[link](https"
        } else {
            "href=\"http"
        };
        for bad in ["<script", "\u{202E}", "\u{1b}", link] {
            assert!(
                !text.contains(bad),
                "{format:?}: {bad:?} got through:\n{text}"
            );
        }
        assert!(
            text.contains("&lt;script&gt;"),
            "{format:?}: escaped, not dropped"
        );
    }
    // JSON: valid, every such character escaped as \uXXXX, the text itself kept.
    let (_, json, _) = run(&f, &old, &new, Format::Json, None);
    assert!(!json.contains('\u{202E}') && !json.contains('\u{1b}'));
    let j: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert!(j["answers"].to_string().contains(SCRIPT), "{json}");
    let (_, md, _) = run(&f, &old, &new, Format::Md, None);
    // Every row of the answers table keeps its five columns: the pipe in the answer is escaped.
    let row = md
        .lines()
        .find(|l| l.contains("Weitere Beobachtungen"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(row.contains("\\|"), "{row}");
}

#[test]
fn the_binary_writes_the_file_and_exits_by_verification() {
    let (f, old, new) = pair();
    let out_file = f.home.path().join("changes.html");
    let run = |old: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_msgaudit"))
            .arg("diff")
            .arg(old)
            .arg(&new)
            .args(["--format", "html", "-o"])
            .arg(&out_file)
            .arg("--home")
            .arg(f.home.path())
            .arg("--checklists")
            .arg(f.checklists.path())
            .args(["--lang", "en"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = run(&old);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "-o writes the file, not stdout");
    let html = std::fs::read_to_string(&out_file).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        html.contains("<h1>Comparison of two audits: Messenger audit (test)</h1>"),
        "{html}"
    );
    assert!(
        html.contains("<del>DPIA required in most cases</del>"),
        "{html}"
    );
    assert!(
        !html.contains("class=\"banner\""),
        "both verified: no warning banner"
    );
    // A tampered OLD: still written, with the warning at the top, exit 1, the file named on stderr.
    let text = std::fs::read_to_string(&old).unwrap_or_default();
    std::fs::write(&old, text.replacen("Vertrieb", "Vertrieg", 1))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = run(&old);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not verified"), "{stderr}");
    let html = std::fs::read_to_string(&out_file).unwrap_or_else(|e| panic!("{e}"));
    let body = html.split("<body>").nth(1).unwrap_or_default();
    assert!(
        body.trim_start()
            .starts_with("<div class=\"banner\">NOT VERIFIED</div>"),
        "{body}"
    );
}
