//! Moving a draft to another version of its checklist (`msgaudit move`): what would carry over, what
//! would be dropped and which questions are new, worked out before anything changes. Pure: the caller
//! shows the plan and, once the auditor agrees, saves the moved draft.

use std::collections::HashSet;
use std::sync::Arc;

use jiff::Timestamp;

use super::draft::Draft;
use super::layout::Key;
use super::session::Session;
use crate::checklist::Checklist;
use crate::i18n::Text;
use crate::lang::Lang;

/// One question named in a plan: its answer key and its text in the audit's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedQuestion {
    pub key: String,
    pub text: String,
}

/// What moving a draft to `to_version` would do to its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovePlan {
    pub checklist_id: String,
    pub from_version: String,
    pub to_version: String,
    /// The target is the very version the draft belongs to (same bytes): nothing to move.
    pub same_version: bool,
    /// Answers (with their notes) that fit the target and are kept.
    pub kept: usize,
    /// Answers that do not fit the target (the question is gone, or the value no longer fits), with why.
    pub dropped: Vec<(String, Text)>,
    /// Visible questions of the target that the draft's version does not have (None when that version is
    /// not at hand, so new and merely unanswered questions cannot be told apart).
    pub new_questions: Option<Vec<PlannedQuestion>>,
    /// Visible required questions left without an answer after the move.
    pub open_required: usize,
}

/// Work out the move of `draft` to `target`; `old` is the checklist version the draft was made with, if it
/// can still be found (by its hash). Returns the plan and the session the moved draft would hold.
pub fn plan(
    draft: &Draft,
    target: &Arc<Checklist>,
    old: Option<&Checklist>,
    lang: Lang,
) -> (MovePlan, Session) {
    let (session, resumed) = draft.restore(Arc::clone(target));
    let kept = draft.answers.len().saturating_sub(resumed.dropped.len());
    let new_questions = old.map(|old| {
        let had: HashSet<(&str, &str)> = old
            .sections
            .iter()
            .flat_map(|s| {
                s.questions
                    .iter()
                    .map(move |q| (s.id.as_str(), q.id.as_str()))
            })
            .collect();
        session
            .visible()
            .filter(|k: &Key| {
                let s = &target.sections[k.section];
                !had.contains(&(s.id.as_str(), s.questions[k.question].id.as_str()))
            })
            .map(|k| {
                let label = session.item_label(k.section, k.item, lang.code());
                PlannedQuestion {
                    key: session.key_string(k),
                    text: session
                        .question(k)
                        .text
                        .render(lang.code(), label.as_deref())
                        .into_owned(),
                }
            })
            .collect()
    });
    let plan = MovePlan {
        checklist_id: target.id.clone(),
        from_version: draft.checklist.version.clone(),
        to_version: target.version.clone(),
        same_version: target.sha256 == draft.checklist.sha256,
        kept,
        dropped: resumed.dropped,
        new_questions,
        open_required: session.open_required().count(),
    };
    (plan, session)
}

/// The draft after the move: it belongs to `session`'s checklist and holds the answers that fit.
pub fn moved(draft: &Draft, session: &Session, now: Timestamp) -> Draft {
    let mut d = draft.clone();
    d.adopt(session.checklist());
    d.capture(session, now);
    d
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::audit::{Meta, values};
    use std::path::Path;

    fn load(text: &str) -> Arc<Checklist> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(&p, text).unwrap();
        Arc::new(crate::checklist::load(&p).unwrap())
    }

    fn small() -> String {
        std::fs::read_to_string(Path::new("tests/fixtures/small.toml")).unwrap()
    }

    /// A new version drops one question and adds another: the plan names both, keeps the rest, and the
    /// moved draft belongs to the new version with the dropped answer gone.
    #[test]
    fn a_plan_names_kept_dropped_and_new_and_the_move_adopts_the_version() {
        let v1 = load(&small());
        // 1.1 caps the staff count (an answer of 300 no longer fits) and asks a new question.
        let v2_text = small()
            .replace("version = \"1.0.0\"", "version = \"1.1.0\"")
            .replace(
                "text = { de = \"Wie viele Beschäftigte?\", en = \"How many employees?\" }\n",
                "max = 100\ntext = { de = \"Wie viele Beschäftigte?\", en = \"How many employees?\" }\n\n\
                 [[section.question]]\nid = \"channels\"\nkind = \"text\"\n\
                 text = { de = \"Welche Kanäle?\", en = \"Which channels?\" }\n",
            );
        assert_ne!(v2_text, small());
        let v2 = load(&v2_text);
        let mut s = Session::new(Arc::clone(&v1));
        values::apply(&mut s, "email.in_records", &toml::Value::Boolean(true)).unwrap();
        values::apply(&mut s, "email.staff", &toml::Value::Integer(300)).unwrap();
        values::apply(
            &mut s,
            "email.processes",
            &toml::Value::Array(vec!["orders".into()]),
        )
        .unwrap();
        let now = Timestamp::from_second(1_790_000_000).unwrap();
        let mut d = Draft::new(&v1, Meta::default(), now);
        d.capture(&s, now);

        let (p, session) = plan(&d, &v2, Some(&v1), Lang::En);
        assert!(!p.same_version);
        assert_eq!(
            (p.from_version.as_str(), p.to_version.as_str()),
            ("1.0.0", "1.1.0")
        );
        assert_eq!(p.kept, 2);
        assert_eq!(p.dropped.len(), 1, "{:?}", p.dropped);
        assert_eq!(p.dropped[0].0, "email.staff");
        let new = p.new_questions.clone().unwrap();
        assert_eq!(
            new.iter().map(|q| q.key.as_str()).collect::<Vec<_>>(),
            ["email.channels"]
        );
        assert_eq!(new[0].text, "Which channels?");
        let m = moved(&d, &session, now);
        assert_eq!(m.checklist.sha256, v2.sha256);
        assert!(m.answers.contains_key("email.processes"));
        assert!(m.answers.contains_key("email.in_records"));
        assert!(!m.answers.contains_key("email.staff"));

        // Without the old version at hand, new questions cannot be told from unanswered ones.
        let (p, _) = plan(&d, &v2, None, Lang::En);
        assert_eq!(p.new_questions, None);
        // The same version is no move.
        let (p, _) = plan(&d, &v1, None, Lang::En);
        assert!(p.same_version);
        assert!(p.dropped.is_empty());
    }
}
