//! Two checklist versions side by side: which questions moved to another section, which were removed and
//! which are new. Questions are known by their id within a section; a question whose id is gone from its
//! section and appears in exactly one other section that did not have it before counts as moved.

use super::{MovedQuestion, QuestionInfo};
use crate::checklist::{Checklist, Section};
use crate::lang::Lang;
use crate::text::sanitize;

/// What stands for `{item}` in the title of a repeated section when no repetition is meant.
const ANY_ITEM: &str = "…";

/// A move as the answer matching needs it: section ids before and after, and whether each repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Move {
    pub(super) question: String,
    pub(super) from: String,
    pub(super) to: String,
    /// Both sections repeat, or neither does: answers can follow the move repetition by repetition.
    pub(super) same_shape: bool,
}

#[derive(Debug, Default)]
pub(super) struct Changes {
    pub(super) moves: Vec<Move>,
    pub(super) moved: Vec<MovedQuestion>,
    pub(super) removed: Vec<QuestionInfo>,
    pub(super) added: Vec<QuestionInfo>,
}

fn has(c: &Checklist, section: &str, question: &str) -> bool {
    c.sections
        .iter()
        .any(|s| s.id == section && s.questions.iter().any(|q| q.id == question))
}

fn title(s: &Section, lang: Lang) -> String {
    sanitize(&s.title.render(lang.code(), Some(ANY_ITEM))).into_owned()
}

fn info(s: &Section, q: &crate::checklist::Question, lang: Lang) -> QuestionInfo {
    QuestionInfo {
        key: sanitize(&format!("{}.{}", s.id, q.id)).into_owned(),
        question: sanitize(&q.text.render(lang.code(), Some(ANY_ITEM))).into_owned(),
        section: title(s, lang),
    }
}

/// Compare the questions of two checklists, in the order of each.
pub(super) fn compare(old: &Checklist, new: &Checklist, lang: Lang) -> Changes {
    let mut out = Changes::default();
    let mut targets: Vec<(String, String)> = Vec::new();
    for s in &old.sections {
        for q in &s.questions {
            if has(new, &s.id, &q.id) {
                continue;
            }
            // Candidates: sections of NEW with this question id that OLD did not have it in.
            let candidates: Vec<&Section> = new
                .sections
                .iter()
                .filter(|n| n.questions.iter().any(|x| x.id == q.id) && !has(old, &n.id, &q.id))
                .collect();
            let unique_in_old = old
                .sections
                .iter()
                .filter(|o| o.questions.iter().any(|x| x.id == q.id) && !has(new, &o.id, &q.id))
                .count()
                == 1;
            match candidates.as_slice() {
                [to] if unique_in_old => {
                    let nq = to.questions.iter().find(|x| x.id == q.id);
                    let text = nq.map_or(&q.text, |x| &x.text);
                    out.moves.push(Move {
                        question: q.id.clone(),
                        from: s.id.clone(),
                        to: to.id.clone(),
                        same_shape: s.for_each.is_some() == to.for_each.is_some(),
                    });
                    out.moved.push(MovedQuestion {
                        old_key: sanitize(&format!("{}.{}", s.id, q.id)).into_owned(),
                        new_key: sanitize(&format!("{}.{}", to.id, q.id)).into_owned(),
                        question: sanitize(&text.render(lang.code(), Some(ANY_ITEM))).into_owned(),
                        from: title(s, lang),
                        to: title(to, lang),
                    });
                    targets.push((to.id.clone(), q.id.clone()));
                }
                _ => out.removed.push(info(s, q, lang)),
            }
        }
    }
    for s in &new.sections {
        for q in &s.questions {
            let target = targets.iter().any(|(ts, tq)| *ts == s.id && *tq == q.id);
            if !target && !has(old, &s.id, &q.id) {
                out.added.push(info(s, q, lang));
            }
        }
    }
    out
}

/// The answer key in NEW of an answer key of OLD: moved questions follow their move; a move between a
/// repeated and a single section has no counterpart (None).
pub(super) fn translate(key: &str, moves: &[Move]) -> Option<String> {
    let Some((section, question)) = key.rsplit_once('.') else {
        return Some(key.to_string());
    };
    let (id, item) = match section.split_once('[') {
        Some((id, rest)) => (id, Some(rest)),
        None => (section, None),
    };
    match moves
        .iter()
        .find(|m| m.from == id && m.question == question)
    {
        None => Some(key.to_string()),
        Some(m) if !m.same_shape => None,
        Some(m) => Some(match item {
            Some(rest) => format!("{}[{rest}.{question}", m.to),
            None => format!("{}.{question}", m.to),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(from: &str, to: &str, same_shape: bool) -> Move {
        Move {
            question: "q".into(),
            from: from.into(),
            to: to.into(),
            same_shape,
        }
    }

    fn load(path: &std::path::Path) -> Checklist {
        crate::checklist::load(path).unwrap_or_else(|d| panic!("{d:?}"))
    }

    fn keys(qs: &[QuestionInfo]) -> Vec<&str> {
        qs.iter().map(|q| q.key.as_str()).collect()
    }

    #[test]
    fn a_question_in_another_section_is_moved_both_ways() {
        let v1 = load("tests/fixtures/diff/v1.toml".as_ref());
        let v2 = load("tests/fixtures/diff/v2.toml".as_ref());
        let c = compare(&v1, &v2, Lang::De);
        assert_eq!(c.moves, [mv_q("policy", "general", "measures")]);
        assert_eq!(keys(&c.removed), ["general.fax"]);
        assert_eq!(keys(&c.added), ["measures.training"]);
        let back = compare(&v2, &v1, Lang::En);
        assert_eq!(back.moves, [mv_q("policy", "measures", "general")]);
        assert_eq!(keys(&back.removed), ["measures.training"]);
        assert_eq!(keys(&back.added), ["general.fax"]);
        assert!(compare(&v1, &v1, Lang::De).moved.is_empty());
    }

    /// Two sections that now ask `policy`: which one it moved to cannot be told, so it is removed there
    /// and new in both.
    #[test]
    fn an_ambiguous_move_is_removed_and_added() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let v2 = std::fs::read_to_string("tests/fixtures/diff/v2.toml")
            .unwrap_or_else(|e| panic!("{e}"));
        let extra = "\n[[section]]\nid = \"extra\"\ntitle = { de = \"Extra\", en = \"Extra\" }\n\n\
            [[section.question]]\nid = \"policy\"\nkind = \"yes_no\"\n\
            text = { de = \"Richtlinie?\", en = \"Policy?\" }\n";
        let path = dir.path().join("v3.toml");
        std::fs::write(&path, format!("{v2}{extra}")).unwrap_or_else(|e| panic!("{e}"));
        let c = compare(
            &load("tests/fixtures/diff/v1.toml".as_ref()),
            &load(&path),
            Lang::En,
        );
        assert!(c.moves.is_empty());
        assert_eq!(keys(&c.removed), ["general.policy", "general.fax"]);
        assert_eq!(
            keys(&c.added),
            ["measures.policy", "measures.training", "extra.policy"]
        );
    }

    fn mv_q(q: &str, from: &str, to: &str) -> Move {
        Move {
            question: q.into(),
            from: from.into(),
            to: to.into(),
            same_shape: true,
        }
    }

    #[test]
    fn keys_follow_a_move_repetition_by_repetition() {
        let moves = [mv("a", "b", true), mv("p", "s", false)];
        assert_eq!(translate("a.q", &moves).as_deref(), Some("b.q"));
        assert_eq!(translate("a[x].q", &moves).as_deref(), Some("b[x].q"));
        assert_eq!(translate("a.other", &moves).as_deref(), Some("a.other"));
        assert_eq!(translate("c.q", &moves).as_deref(), Some("c.q"));
        assert_eq!(translate("p[x].q", &moves), None);
    }
}
