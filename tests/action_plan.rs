//! The action plan end to end: plain mode (as a library, over scripted lines) sets owner, due date and
//! status per grouped measure in the review, signs, and the result verifies with its plan; the next audit
//! of the same organisation and unit starts from that plan and shows each earlier measure at its
//! question; an edited plan re-signed with another key is caught; the summary lists overdue measures per
//! unit; a format 3 result (before the action plan) still verifies.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use msgaudit::audit::history::Inconsistency;
use msgaudit::audit::plan::{Entry, PlanProblem, Status};
use msgaudit::audit::result::ResultFile;
use msgaudit::catalog::Origin;
use msgaudit::lang::Lang;
use msgaudit::plain::{self, Env, Failure, Outcome};
use msgaudit::result::verify::{self, Options, Reason, State};
use msgaudit::signoff;
use msgaudit::store::Paths;

const PASSWORD: &str = "Datenschutz ist Teamarbeit";

fn fail(e: impl std::fmt::Display) -> ! {
    panic!("{e}")
}

fn dirs() -> Vec<(Origin, PathBuf)> {
    vec![(Origin::Extra, PathBuf::from("tests/fixtures"))]
}

/// Plain mode on `home`, scripted (not interactive), at `second` (Unix time), in `lang`.
fn run(home: &Path, lang: Lang, second: i64, lines: &[&str]) -> (Result<Outcome, Failure>, String) {
    let mut input = Cursor::new(format!("{}\n", lines.join("\n")).into_bytes());
    let mut output = Vec::new();
    let clock = move || Timestamp::from_second(second).unwrap_or_else(|e| fail(e));
    let env = Env {
        input: &mut input,
        output: &mut output,
        interactive: false,
        read_secret: None,
        clock: &clock,
        zone: msgaudit::i18n::dates::Zone::utc(),
        paths: Paths::under_home(home).unwrap_or_else(|e| fail(e)),
        checklist_dirs: dirs(),
        lang,
        evidence: Vec::new(),
    };
    let outcome = plain::run(env);
    (
        outcome,
        String::from_utf8(output).unwrap_or_else(|e| fail(e)),
    )
}

fn options(home: &Path) -> Options {
    Options {
        pubkey: None,
        paths: Some(Paths::under_home(home).unwrap_or_else(|e| fail(e))),
        checklist_dirs: dirs(),
        evidence_dir: None,
    }
}

/// The start of an audit of `Muster GmbH` / `Vertrieb` on the small checklist, with two measures raised:
/// a messenger at the orders process (high) and processes missing from the records (medium).
const AUDIT: &[&str] = &[
    "1",
    "small",
    "Muster GmbH",
    "Vertrieb",
    "",
    "Dr. Prüfer",
    "",
    "1",
    "2",
    "",
    "1",
    "WhatsApp",
    "2025-06-01",
];

/// 2025-06-15 and 2026-05-28.
const FIRST: i64 = 1_750_000_000;
const NEXT: i64 = 1_780_000_000;

fn result_file(home: &Path) -> PathBuf {
    let dir = home.join("data").join("results");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(e))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".result.toml"))
        .collect();
    files.sort();
    files.pop().unwrap_or_else(|| fail("no result"))
}

/// The first audit, signed in plain mode with a plan for both measures.
fn first_audit(home: &Path) -> (PathBuf, String) {
    let paths = Paths::under_home(home).unwrap_or_else(|e| fail(e));
    msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap_or_else(|e| fail(e));
    let mut lines: Vec<&str> = AUDIT.to_vec();
    lines.extend([
        // The review: edit the action plan.
        "4",
        // The messenger: in progress, owner, due date.
        "1",
        "2",
        "Frau Schulz",
        "31.03.2026",
        // The records: accepted risk with its justification.
        "2",
        "4",
        "",
        "",
        "Verzeichnis wird 2026 neu aufgebaut",
        // Back to the review, then sign off.
        "",
        "1",
        "",
        "",
        "",
        "1",
        PASSWORD,
    ]);
    let (outcome, output) = run(home, Lang::En, FIRST, &lines);
    assert!(
        matches!(outcome, Ok(Outcome::Signed(_))),
        "{outcome:?}\n{output}"
    );
    (result_file(home), output)
}

#[test]
fn a_plan_set_in_the_review_is_signed_and_verifies() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let (result, output) = first_audit(home.path());
    assert!(
        output.contains("Action plan: in progress, due 2026-03-31 (owner: Frau Schulz)"),
        "{output}"
    );
    let v = verify::verify(&result, &options(home.path()));
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    let r = v.result.unwrap_or_else(|| fail("parsed"));
    assert_eq!(r.format, 4);
    assert_eq!(
        r.plan,
        [
            Entry {
                finding: "messenger_used".into(),
                status: Status::InProgress,
                owner: "Frau Schulz".into(),
                due: Some(jiff::civil::date(2026, 3, 31)),
                justification: String::new(),
            },
            Entry {
                finding: "not_in_records".into(),
                status: Status::AcceptedRisk,
                owner: String::new(),
                due: None,
                justification: "Verzeichnis wird 2026 neu aufgebaut".into(),
            },
        ]
    );
    // Each plan change is journalled like an answer: who, when, old → new.
    let plan_changes: Vec<_> = r
        .history
        .iter()
        .filter(|c| c.key.starts_with("plan:"))
        .collect();
    assert_eq!(plan_changes.len(), 2, "{plan_changes:#?}");
    assert!(
        plan_changes
            .iter()
            .all(|c| c.by == "Dr. Prüfer" && c.old.is_none())
    );
    let text = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    assert!(text.contains("[[plan]]"), "{text}");
}

#[test]
fn an_accepted_risk_without_a_justification_is_refused_in_both_languages() {
    for (lang, words) in [
        (Lang::En, "An accepted risk needs a justification."),
        (Lang::De, "Ein akzeptiertes Risiko braucht eine Begründung."),
    ] {
        let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
        let mut lines: Vec<&str> = AUDIT.to_vec();
        lines.extend(["4", "2", "4", "", "", ""]);
        let (outcome, output) = run(home.path(), lang, FIRST, &lines);
        let f = outcome
            .err()
            .unwrap_or_else(|| fail(format!("accepted:\n{output}")));
        assert!(f.message.contains(words), "{}", f.message);
        assert_eq!(f.line, Some(lines.len()));
    }
}

#[test]
fn the_action_plan_carries_into_the_next_audit() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let (first, _) = first_audit(home.path());
    let earlier = verify::verify(&first, &options(home.path()))
        .result
        .unwrap_or_else(|| fail("first"));
    // A year later, the same organisation and unit (written differently), in German.
    let mut lines = AUDIT.to_vec();
    lines[2] = "muster gmbh ";
    lines[3] = "Vertrieb";
    let lines = &lines[..9];
    let (outcome, output) = run(home.path(), Lang::De, NEXT, lines);
    assert!(
        matches!(outcome, Ok(Outcome::EndOfInput(Some(_)))),
        "{outcome:?}"
    );
    assert!(
        output.contains("Maßnahmenplan aus dem Audit vom 15.06.2025 übernommen (2 Maßnahmen)"),
        "{output}"
    );
    // The question the records measure came from shows where it stood.
    assert!(
        output.contains(
            "Maßnahme aus Audit vom 15.06.2025: Risiko akzeptiert – Begründung: Verzeichnis wird 2026 neu aufgebaut"
        ),
        "{output}"
    );
    let draft_dir = home.path().join("data").join("drafts");
    let draft = std::fs::read_dir(&draft_dir)
        .unwrap_or_else(|e| fail(e))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(".draft.toml"))
        .unwrap_or_else(|| fail("no draft"));
    let d = msgaudit::store::drafts::read(&draft).unwrap_or_else(|e| fail(e));
    let p = d
        .previous_plan
        .as_ref()
        .unwrap_or_else(|| fail("no previous plan"));
    assert_eq!(p.audit_id, earlier.audit_id);
    assert_eq!(
        d.plan, earlier.plan,
        "the entries carry over with status, owner and due date"
    );
    assert_eq!(
        p.notes_at("per_process[orders].which", Lang::En),
        ["Measure from the audit of 2025-06-15: in progress, due 2026-03-31 (owner: Frau Schulz)"]
    );
    // Another unit starts empty.
    let other = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let _ = first_audit(other.path());
    let mut lines = AUDIT.to_vec();
    lines[3] = "Einkauf";
    let (_, output) = run(other.path(), Lang::De, NEXT, &lines[..9]);
    assert!(!output.contains("übernommen"), "{output}");
}

/// Replace the result at `path` by `r`, signed (as an attacker would) with the key in `keys`.
fn resign(path: &Path, r: &ResultFile, keys: &Path, password: &str) {
    let mut r = r.clone();
    let other = msgaudit::sign::PublicKey::from_file(&msgaudit::sign::public_key_path(keys))
        .unwrap_or_else(|e| fail(e));
    r.signoff.key_id = other.key_id();
    let text = r.to_toml().unwrap_or_else(|e| fail(e));
    let sig = msgaudit::sign::sign(
        text.as_bytes(),
        &msgaudit::sign::secret_key_path(keys),
        password,
        &signoff::trusted_comment(&r),
        "re-signed",
    )
    .unwrap_or_else(|e| fail(e));
    std::fs::write(path, text).unwrap_or_else(|e| fail(e));
    std::fs::write(verify::signature_path(path), sig).unwrap_or_else(|e| fail(e));
}

#[test]
fn an_edited_plan_re_signed_with_another_key_is_caught() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let (result, _) = first_audit(home.path());
    let opts = options(home.path());
    let text = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    let r = ResultFile::from_toml(&text).unwrap_or_else(|e| fail(e));
    let attacker = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let other = "ein anderes Passwort, lang genug";
    msgaudit::sign::keygen(attacker.path(), other, false).unwrap_or_else(|e| fail(e));
    let with_attacker_key = Options {
        pubkey: Some(msgaudit::sign::public_key_path(attacker.path())),
        ..opts.clone()
    };
    let reason = |r: &ResultFile| {
        resign(&result, r, attacker.path(), other);
        assert!(
            !verify::verify(&result, &opts).is_valid(),
            "not the own key"
        );
        match verify::verify(&result, &with_attacker_key).state {
            State::Invalid { reason } => reason,
            State::Valid { .. } => fail("the edited plan verified"),
        }
    };

    // 1. A status is changed in the plan: the history no longer leads to it.
    let mut r1 = r.clone();
    r1.plan[0].status = Status::Done;
    assert_eq!(
        reason(&r1),
        Reason::History(Inconsistency::Differs {
            key: "plan:messenger_used".into()
        })
    );

    // 2. An entry for a measure the result does not have, with a history entry to match.
    let mut r2 = r.clone();
    let ghost = Entry {
        status: Status::Done,
        ..Entry::open("ghost")
    };
    let mut change = r2.history[r2.history.len() - 1].clone();
    change.key = ghost.key();
    change.old = None;
    change.new = ghost.to_value();
    r2.history.push(change);
    r2.plan.insert(0, ghost);
    let why = reason(&r2);
    assert_eq!(
        why,
        Reason::Plan(PlanProblem::UnknownMeasure("ghost".into()))
    );
    assert!(
        why.text(Lang::De).contains("Maßnahmenplan"),
        "{}",
        why.text(Lang::De)
    );

    // 3. An accepted risk loses its justification (history and plan alike).
    let mut r3 = r.clone();
    r3.plan[1].justification.clear();
    for c in &mut r3.history {
        if c.key == "plan:not_in_records" {
            c.new = r3.plan[1].to_value();
        }
    }
    assert_eq!(
        reason(&r3),
        Reason::Plan(PlanProblem::NoJustification("not_in_records".into()))
    );
}

#[test]
fn a_format_3_result_without_a_plan_still_verifies() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let (result, _) = first_audit(home.path());
    let text = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    let mut r = ResultFile::from_toml(&text).unwrap_or_else(|e| fail(e));
    r.plan.clear();
    r.history.retain(|c| !c.key.starts_with("plan:"));
    r.format = 3;
    let keys = Paths::under_home(home.path())
        .unwrap_or_else(|e| fail(e))
        .keys_dir();
    resign(&result, &r, &keys, PASSWORD);
    let text = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    assert!(!text.contains("plan"), "{text}");
    let v = verify::verify(&result, &options(home.path()));
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    // A format 3 result cannot carry a plan.
    let mut bad = ResultFile::from_toml(&text).unwrap_or_else(|e| fail(e));
    bad.plan.push(Entry {
        status: Status::Done,
        ..Entry::open("messenger_used")
    });
    let e = ResultFile::from_toml(&bad.to_toml().unwrap_or_else(|e| fail(e)))
        .err()
        .unwrap_or_else(|| fail("read"));
    assert!(e.contains("format 4"), "{e}");
}

fn msgaudit(home: &Path, args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args(["--home"])
        .arg(home)
        .args(["--checklists", "tests/fixtures"])
        .args(args)
        .output()
        .unwrap_or_else(|e| fail(e));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_summary_lists_overdue_measures_per_unit() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let (result, _) = first_audit(home.path());
    let dir = result
        .parent()
        .unwrap_or_else(|| fail("dir"))
        .display()
        .to_string();
    let (code, out) = msgaudit(
        home.path(),
        &["--lang", "de", "summary", &dir, "--as-of", "01.04.2026"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("## Überfällige Maßnahmen"), "{out}");
    assert!(
        out.contains("fällig vor dem 1. April 2026, noch offen oder in Bearbeitung"),
        "{out}"
    );
    assert!(out.contains("Muster GmbH – Vertrieb"), "{out}");
    assert!(
        out.contains("in Bearbeitung | Frau Schulz | **31\\.03.2026**"),
        "{out}"
    );
    // The accepted risk is never overdue; on the due day nothing is.
    assert!(!out.contains("Risiko akzeptiert | "), "{out}");
    let (_, out) = msgaudit(
        home.path(),
        &["--lang", "en", "summary", &dir, "--as-of", "2026-03-31"],
    );
    assert!(out.contains("No measure is overdue."), "{out}");
    let (_, csv) = msgaudit(
        home.path(),
        &[
            "--lang",
            "en",
            "summary",
            &dir,
            "--as-of",
            "2026-04-01",
            "--format",
            "csv",
        ],
    );
    assert!(csv.contains("Overdue measures"), "{csv}");
    assert!(
        csv.contains("(Due 2026-03-31, Owner: Frau Schulz)"),
        "{csv}"
    );
    let (code, _) = msgaudit(home.path(), &["summary", &dir, "--as-of", "morgen"]);
    assert_ne!(code, 0);
}

#[test]
fn a_follow_up_amendment_updates_the_plan_and_supersedes_the_result() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let (first, _) = first_audit(home.path());
    let r = first.display().to_string();
    let (code, out) = msgaudit(
        home.path(),
        &[
            "--lang",
            "en",
            "amend",
            &r,
            "--reason",
            "Maßnahmenplan fortgeschrieben",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let paths = Paths::under_home(home.path()).unwrap_or_else(|e| fail(e));
    let id = std::fs::read_dir(paths.drafts_dir())
        .unwrap_or_else(|e| fail(e))
        .filter_map(Result::ok)
        .find_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".draft.toml"))
                .map(str::to_string)
        })
        .unwrap_or_else(|| fail("no amendment draft"));
    let mut ws = msgaudit::store::Workspace::new(&paths);
    let mut d = ws.open(&id).unwrap_or_else(|e| fail(e));
    let c = std::sync::Arc::new(
        msgaudit::checklist::load(Path::new("tests/fixtures/small.toml"))
            .unwrap_or_else(|e| fail(format!("{e:?}"))),
    );
    let (s, _) = d.restore(c);
    let earlier =
        ResultFile::from_toml(&std::fs::read_to_string(&first).unwrap_or_else(|e| fail(e)))
            .unwrap_or_else(|e| fail(e));
    assert_eq!(
        d.plan, earlier.plan,
        "the amendment starts from the signed plan"
    );
    // The measure is done now: set as both front ends set it.
    let o = msgaudit::audit::Outcome::derive(
        &s,
        &d.meta,
        msgaudit::audit::result::audit_date(d.updated),
    );
    let now = Timestamp::from_second(NEXT).unwrap_or_else(|e| fail(e));
    let done = Entry {
        status: Status::Done,
        ..d.plan[0].clone()
    };
    assert_eq!(d.set_plan(done, &o, now), Ok(true));
    ws.save(&d).unwrap_or_else(|e| fail(e));
    let signer = signoff::Signer {
        name: "Dr. Prüfer".into(),
        role: String::new(),
        statement: "Geprüft.".into(),
    };
    let signed = signoff::sign_off(
        &s,
        &d,
        &signer,
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    )
    .unwrap_or_else(|e| fail(e));
    let v = verify::verify(&signed.result, &options(home.path()));
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    let r = v.result.unwrap_or_else(|| fail("parsed"));
    assert_eq!(r.plan[0].status, Status::Done);
    assert!(r.supersedes.is_some());
    let changes: Vec<_> = r
        .history
        .iter()
        .filter(|c| c.key == "plan:messenger_used")
        .collect();
    assert_eq!(changes.len(), 2, "set, then done: {changes:#?}");
    assert_eq!(changes[1].old, earlier.plan[0].to_value());
    // The summary counts the amendment only: nothing overdue any more.
    let dir = paths.results_dir().display().to_string();
    let (_, out) = msgaudit(
        home.path(),
        &["--lang", "en", "summary", &dir, "--as-of", "2026-04-01"],
    );
    assert!(out.contains("No measure is overdue."), "{out}");
}

/// The part of a Markdown report from its action-plan heading to the next section.
fn plan_section(md: &str, heading: &str) -> String {
    let start = md
        .find(heading)
        .unwrap_or_else(|| fail(format!("no {heading}:\n{md}")));
    let rest = &md[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_string()
}

#[test]
fn every_report_lists_the_plan_and_where_it_came_from() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let (first, _) = first_audit(home.path());
    let first_id =
        ResultFile::from_toml(&std::fs::read_to_string(&first).unwrap_or_else(|e| fail(e)))
            .unwrap_or_else(|e| fail(e))
            .audit_id;
    // The next audit, signed as it is: its plan came from the first one.
    let mut lines = AUDIT.to_vec();
    lines.extend(["1", "", "", "", "1", PASSWORD]);
    let (outcome, output) = run(home.path(), Lang::En, NEXT, &lines);
    assert!(
        matches!(outcome, Ok(Outcome::Signed(_))),
        "{outcome:?}\n{output}"
    );
    let next = result_file(home.path());
    let r = next.display().to_string();
    for (lang, heading) in [("de", "## Maßnahmenplan"), ("en", "## Action plan")] {
        let (code, md) = msgaudit(home.path(), &["--lang", lang, "report", &r]);
        assert_eq!(code, 0, "{md}");
        insta::assert_snapshot!(
            format!("report_plan_md_{lang}"),
            plan_section(&md, heading).replace(&first_id, "[AUDIT-ID]")
        );
    }
    let (_, html) = msgaudit(
        home.path(),
        &["--lang", "en", "report", &r, "--format", "html"],
    );
    assert!(html.contains("<h2>Action plan</h2>"), "{html}");
    assert!(html.contains("Frau Schulz"), "{html}");
    let (_, csv) = msgaudit(
        home.path(),
        &[
            "--lang",
            "en",
            "report",
            &r,
            "--format",
            "csv",
            "--findings",
        ],
    );
    assert!(
        csv.contains(",in progress,Frau Schulz,2026-03-31,"),
        "{csv}"
    );
    let (_, json) = msgaudit(home.path(), &["report", &r, "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| fail(e));
    assert_eq!(j["plan"][0]["status"], "in_progress");
    assert_eq!(j["plan"][1]["status"], "accepted_risk");
    assert!(
        j["previous_plan"]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with(".result.toml"))
    );
}
