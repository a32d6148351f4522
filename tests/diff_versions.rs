//! `msgaudit diff` across checklist versions (tests/fixtures/diff/v1.toml → v2.toml): a question moved to
//! another section has its answers matched across the move, a removed and a new question are said plainly,
//! findings are matched by id; without the old checklist, answers are matched by key and the diff says so.

mod report_support;

use std::path::PathBuf;
use std::sync::Arc;

use msgaudit::lang::Lang;
use msgaudit::report::diff::{self, AnswerChangeKind, Format, Options};
use report_support::{Audit, Fixture, sign_with, signed, standard_audit};

fn audit(answers: Vec<(&'static str, bool)>) -> Audit<'static> {
    let mut a = standard_audit();
    a.answers = answers
        .into_iter()
        .map(|(k, b)| (k, toml::Value::Boolean(b)))
        .collect();
    a
}

/// A result of each version, signed with the fixture's key; the checklists in the fixture's folder.
fn versions() -> (Fixture, PathBuf, PathBuf) {
    let mut f = signed(&standard_audit());
    let mut out = Vec::new();
    for (minute, (file, answers)) in [
        (
            "v1.toml",
            vec![
                ("general.messenger", true),
                ("general.policy", false),
                ("general.fax", true),
                ("measures.mdm", false),
            ],
        ),
        (
            "v2.toml",
            vec![
                ("general.messenger", true),
                ("measures.mdm", false),
                ("measures.policy", true),
                ("measures.training", false),
            ],
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let src = PathBuf::from("tests/fixtures/diff").join(file);
        let dst = f.checklists.path().join(format!("diff-{file}"));
        std::fs::copy(&src, &dst).unwrap_or_else(|e| panic!("{e}"));
        let c = Arc::new(msgaudit::checklist::load(&dst).unwrap_or_else(|d| panic!("{d:?}")));
        let (d, signed) = sign_with(
            &c,
            &f.paths,
            &audit(answers),
            i64::try_from(minute).unwrap_or_else(|e| panic!("{e}")) + 1,
        );
        f.more_ids.push(d.audit_id);
        out.push(signed.result);
    }
    let new = out.pop().unwrap_or_else(|| panic!("two results"));
    let old = out.pop().unwrap_or_else(|| panic!("two results"));
    (f, old, new)
}

fn options(f: &Fixture, lang: Option<Lang>) -> Options {
    Options {
        verify: f.verify_options(),
        format: Format::Md,
        lang,
        ui_lang: Lang::En,
        zone: msgaudit::i18n::dates::Zone::utc(),
    }
}

#[test]
fn moved_removed_and_new_questions_are_listed() {
    let (f, old, new) = versions();
    let d = diff::diff_files(&old, &new, &options(&f, Some(Lang::En)))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(d.verified && d.changed);
    let c = &d.checklist;
    assert!(c.changed && c.compared && !c.other_checklist);
    let moved: Vec<(&str, &str, &str, &str)> = c
        .moved
        .iter()
        .map(|m| {
            (
                m.old_key.as_str(),
                m.new_key.as_str(),
                m.from.as_str(),
                m.to.as_str(),
            )
        })
        .collect();
    assert_eq!(
        moved,
        [("general.policy", "measures.policy", "General", "Measures")]
    );
    // The moved question is shown in its new wording.
    assert_eq!(c.moved[0].question, "Is there a policy on messenger use?");
    let keys = |l: &[diff::QuestionInfo]| l.iter().map(|q| q.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&c.removed), ["general.fax"]);
    assert_eq!(keys(&c.added), ["measures.training"]);
    assert_eq!(c.removed[0].question, "Is fax still used?");

    // Answers: the moved one is matched across the move, the removed one dropped, the new one added.
    let answers: Vec<(&str, Option<&str>, AnswerChangeKind)> = d
        .answers
        .iter()
        .map(|a| (a.key.as_str(), a.old_key.as_deref(), a.kind))
        .collect();
    assert_eq!(
        answers,
        [
            (
                "measures.policy",
                Some("general.policy"),
                AnswerChangeKind::Changed
            ),
            ("measures.training", None, AnswerChangeKind::Added),
            ("general.fax", None, AnswerChangeKind::Removed),
        ]
    );
    let ids = |l: &[diff::FindingChange]| l.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.findings.new), ["no_training"]);
    assert_eq!(ids(&d.findings.resolved), ["no_policy"]);
    assert_eq!(ids(&d.findings.still_open), ["messenger_used"]);
}

#[test]
fn markdown_across_versions() {
    let (f, old, new) = versions();
    for (name, lang) in [
        ("diff_versions_md_de", Lang::De),
        ("diff_versions_md_en", Lang::En),
    ] {
        let d = diff::diff_files(&old, &new, &options(&f, Some(lang)))
            .unwrap_or_else(|e| panic!("{e}"));
        let md = String::from_utf8(diff::render(&d, Format::Md).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
        insta::assert_snapshot!(name, f.stable(&md));
    }
}

#[test]
fn without_the_old_checklist_answers_are_matched_by_key_only() {
    let (f, old, new) = versions();
    std::fs::remove_file(f.checklists.path().join("diff-v1.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let d = diff::diff_files(&old, &new, &options(&f, Some(Lang::En)))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(d.checklist.changed && !d.checklist.compared);
    assert!(d.checklist.moved.is_empty() && d.checklist.removed.is_empty());
    // The moved question's answers no longer match: one dropped, one added.
    let policy: Vec<AnswerChangeKind> = d
        .answers
        .iter()
        .filter(|a| a.key.ends_with(".policy"))
        .map(|a| a.kind)
        .collect();
    assert_eq!(policy, [AnswerChangeKind::Added, AnswerChangeKind::Removed]);
    let md = String::from_utf8(diff::render(&d, Format::Md).unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        md.contains("moved, removed and new questions cannot be told"),
        "{md}"
    );
}
