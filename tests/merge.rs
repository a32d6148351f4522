//! `msgaudit merge` through the real binary: disjoint halves merge into a new draft (the parts untouched);
//! conflicts without a terminal are listed with exit code 1 and no file changes; a rules file decides
//! them; repeated sections match by their item, not by position; drafts of different audits need
//! --together; a draft file from elsewhere (a USB stick) merges too, into `-o FILE`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod merge_support;

use merge_support::{other_drafts, run, save, snapshot, stderr, stdout};
use msgaudit::audit::history;

#[test]
fn disjoint_halves_merge_into_a_new_draft_and_the_parts_stay_as_they_are() {
    let home = tempfile::tempdir().unwrap();
    let a = save(
        home.path(),
        "a1b2c3d4",
        "Erika Muster",
        "Sales",
        "'email.processes' = ['orders']\n'email.in_records' = true",
    );
    let b = save(
        home.path(),
        "a1b2c3d4-max",
        "Max Mustermann",
        "Sales",
        "'email.staff' = 12",
    );
    // Max's copy has the same audit id inside: the file name does not matter.
    let text = std::fs::read_to_string(&b).unwrap();
    std::fs::write(
        &b,
        text.replace("audit_id = \"a1b2c3d4-max\"", "audit_id = \"a1b2c3d4\""),
    )
    .unwrap();
    let before = snapshot(home.path());
    let out = run(home.path(), "en", &["merge", "a1b2c3d4", "a1b2c3d4-max"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Merged 2 drafts (a1b2c3d4, a1b2c3d4) of the checklist small 1.0.0"),
        "{text}"
    );
    assert!(text.contains("answers taken from one draft: 3"), "{text}");
    assert!(text.contains("conflicts decided: 0"), "{text}");
    // The parts are as they were.
    for (path, bytes) in &before {
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{}", path.display());
    }
    let merged = other_drafts(home.path(), &[&a, &b]);
    assert_eq!(merged.len(), 1);
    let d = &merged[0];
    assert!(text.contains(&d.audit_id), "{text}");
    assert_eq!(d.answers.len(), 3);
    assert_eq!(d.meta.auditor, "Erika Muster, Max Mustermann");
    assert_eq!(history::check(&d.history, &d.answers), Ok(()));
    let staff = d.history.iter().find(|c| c.key == "email.staff").unwrap();
    assert_eq!(staff.by, "Max Mustermann");
    assert!(
        !d.history.iter().any(|c| c.recovered),
        "the journal came along"
    );
}

fn two_with_three_conflicts(home: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let a = save(
        home,
        "a1b2c3d4",
        "Erika Muster",
        "Sales",
        "'email.processes' = ['orders']\n'email.in_records' = true\n'email.staff' = 12",
    );
    let b = save(
        home,
        "ffff0000",
        "Max Mustermann",
        "Purchasing",
        "'email.processes' = ['orders']\n'email.in_records' = false\n'email.staff' = 14\n\
         'per_process[orders].messenger' = false",
    );
    (a, b)
}

#[test]
fn conflicts_without_a_terminal_are_listed_with_exit_1_and_no_file_changes() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = two_with_three_conflicts(home.path());
    let before = snapshot(home.path());
    // Two audits: said so, naming both ids.
    let out = run(home.path(), "en", &["merge", "a1b2c3d4", "ffff0000"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "different audits (ids a1b2c3d4.draft.toml: a1b2c3d4, ffff0000.draft.toml: ffff0000)"
        ),
        "{err}"
    );
    assert!(err.contains("--together"), "{err}");
    let args = ["merge", "--together", "a1b2c3d4", b.to_str().unwrap()];
    let out = run(home.path(), "en", &args);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: 3 conflicts are not decided; no file was changed."),
        "{err}"
    );
    for line in [
        "  meta:unit – Unit / scope",
        "    1) Erika Muster: Sales\n",
        "    2) Max Mustermann: Purchasing\n",
        "  email.in_records – E-mail › In the records?",
        "    1) Erika Muster: Yes (last changed by Erika Muster, ",
        "    2) Max Mustermann: No (last changed by Max Mustermann, ",
        "  email.staff – E-mail › How many employees?",
    ] {
        assert!(err.contains(line), "{line:?} in:\n{err}");
    }
    assert_eq!(snapshot(home.path()), before, "no file changed");
    // In German too.
    let out = run(home.path(), "de", &args);
    let err = stderr(&out);
    assert!(
        err.starts_with("Fehler: 3 Konflikte sind nicht entschieden; keine Datei wurde geändert."),
        "{err}"
    );
    assert!(
        err.contains("  email.staff – E-Mail › Wie viele Beschäftigte?"),
        "{err}"
    );
    assert!(
        err.contains("1) Erika Muster: Ja (zuletzt geändert von Erika Muster, "),
        "{err}"
    );
    assert_eq!(snapshot(home.path()), before, "no file changed");
    let _ = a;
}

#[test]
fn a_rules_file_decides_the_conflicts_and_the_history_names_both_values() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = two_with_three_conflicts(home.path());
    let rules = home.path().join("rules.toml");
    std::fs::write(
        &rules,
        "prefer = \"Erika Muster\"\n[take]\n'email.staff' = 2\n[value]\n'meta:unit' = 'Sales and purchasing'\n",
    )
    .unwrap();
    let out = run(
        home.path(),
        "en",
        &[
            "merge",
            "--together",
            "--rules",
            rules.to_str().unwrap(),
            "a1b2c3d4",
            "ffff0000",
        ],
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("conflicts decided: 3 (0 in the review, 3 by the rules file)"),
        "{}",
        stdout(&out)
    );
    let merged = other_drafts(home.path(), &[&a, &b]);
    let d = &merged[0];
    assert_eq!(d.meta.unit, "Sales and purchasing");
    assert_eq!(d.answers["email.in_records"], toml::Value::Boolean(true));
    assert_eq!(d.answers["email.staff"], toml::Value::Integer(14));
    assert_eq!(
        d.answers["per_process[orders].messenger"],
        toml::Value::Boolean(false)
    );
    assert_eq!(history::check(&d.history, &d.answers), Ok(()));
    let staff = d.history.iter().rfind(|c| c.key == "email.staff").unwrap();
    assert_eq!(
        staff.reason.as_deref(),
        Some(
            "merge: Erika Muster: \"12\"; Max Mustermann: \"14\"; taken: \"14\" (Max Mustermann, by the rules file)"
        )
    );
    assert_eq!(staff.old, Some(toml::Value::Integer(12)));

    // A rules file that names what does not exist changes nothing.
    std::fs::write(&rules, "[take]\n'email.nothing' = 1\n").unwrap();
    let before = snapshot(home.path());
    let out = run(
        home.path(),
        "en",
        &[
            "merge",
            "--together",
            "--rules",
            rules.to_str().unwrap(),
            "a1b2c3d4",
            "ffff0000",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`email.nothing` is neither an answer key"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(home.path()), before);
}

#[test]
fn repeated_sections_are_matched_by_their_item_not_by_position() {
    let home = tempfile::tempdir().unwrap();
    // Erika chose support first, Max orders first: the repetitions stand in other places.
    let a = save(
        home.path(),
        "a1b2c3d4",
        "Erika Muster",
        "Sales",
        "'email.processes' = ['support', 'orders']\n'per_process[support].messenger' = true\n\
         'per_process[support].which' = 'Signal'",
    );
    let b = save(
        home.path(),
        "a1b2c3d4-2",
        "Max Mustermann",
        "Sales",
        "'email.processes' = ['orders', 'support']\n'per_process[orders].messenger' = false",
    );
    let text = std::fs::read_to_string(&b).unwrap();
    // As Max's draft might list them (by hand, or another version of msgaudit).
    let text = text
        .replace(
            "\"orders\",\n    \"support\",",
            "\"support\",\n    \"orders\",",
        )
        .replace("[\"orders\", \"support\"]", "[\"support\", \"orders\"]");
    assert!(text.contains("[\"support\", \"orders\"]"), "{text}");
    std::fs::write(&b, text).unwrap();
    let out = run(
        home.path(),
        "en",
        &[
            "merge",
            "--together",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("answers alike in several drafts: 1"),
        "{}",
        stdout(&out)
    );
    let d = &other_drafts(home.path(), &[&a, &b])[0];
    assert_eq!(
        d.answers["per_process[support].messenger"],
        toml::Value::Boolean(true)
    );
    assert_eq!(
        d.answers["per_process[support].which"],
        toml::Value::String("Signal".into())
    );
    assert_eq!(
        d.answers["per_process[orders].messenger"],
        toml::Value::Boolean(false)
    );
}

#[test]
fn a_draft_file_from_elsewhere_merges_into_an_output_file_and_other_checklists_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let stick = tempfile::tempdir().unwrap();
    let a = save(
        home.path(),
        "a1b2c3d4",
        "Erika Muster",
        "Sales",
        "'email.staff' = 3",
    );
    // Max's draft and journal, copied onto a USB stick.
    let elsewhere = tempfile::tempdir().unwrap();
    let b = save(
        elsewhere.path(),
        "a1b2c3d4",
        "Max Mustermann",
        "Sales",
        "'email.processes' = ['orders']",
    );
    let on_stick = stick.path().join("a1b2c3d4.draft.toml");
    std::fs::copy(&b, &on_stick).unwrap();
    std::fs::copy(
        b.with_file_name("a1b2c3d4.draft.journal"),
        stick.path().join("a1b2c3d4.draft.journal"),
    )
    .unwrap();
    let target = stick.path().join("merged.draft.toml");
    let out = run(
        home.path(),
        "en",
        &[
            "merge",
            "a1b2c3d4",
            on_stick.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let d = msgaudit::store::workspace::read_with_history(&target).unwrap();
    assert_eq!(d.answers.len(), 2);
    assert!(
        !d.history.iter().any(|c| c.recovered),
        "the journal is beside it"
    );
    assert_eq!(
        d.history
            .iter()
            .find(|c| c.key == "email.processes")
            .unwrap()
            .by,
        "Max Mustermann"
    );
    // Never overwritten.
    let out = run(
        home.path(),
        "en",
        &[
            "merge",
            "a1b2c3d4",
            on_stick.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    // A name that is not a draft's.
    let out = run(
        home.path(),
        "en",
        &[
            "merge",
            "a1b2c3d4",
            on_stick.to_str().unwrap(),
            "-o",
            "merged.toml",
        ],
    );
    assert!(
        stderr(&out).contains("the name of a draft ends in .draft.toml"),
        "{}",
        stderr(&out)
    );
    // Another version of the checklist: refused, naming both.
    let text = std::fs::read_to_string(&on_stick).unwrap();
    let changed = text.replace("version = \"1.0.0\"", "version = \"1.1.0\"");
    assert_ne!(text, changed);
    std::fs::write(&on_stick, changed).unwrap();
    let out = run(
        home.path(),
        "en",
        &["merge", "a1b2c3d4", on_stick.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("do not belong to the same checklist"), "{err}");
    assert!(err.contains("small 1.1.0"), "{err}");
    // No such draft.
    let out = run(home.path(), "de", &["merge", "a1b2c3d4", "nirgends"]);
    assert!(
        stderr(&out).contains("kein Entwurf „nirgends“"),
        "{}",
        stderr(&out)
    );
    let _ = a;
}
