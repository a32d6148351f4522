//! Answers that contradict a dated fact of the knowledge base (a fact with `expect`): the review and the
//! reports point them out with the fact, its date and sources. The auditor's answer stands.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Place, place};
use crate::audit::answer::{Response, Value};
use crate::audit::session::Session;
use crate::checklist::{Kind, Question};
use crate::i18n::vocab;
use crate::lang::Lang;

/// An answer that differs from what a knowledge-base fact implies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contradiction {
    /// The answer key, e.g. `review[signal].e2e`.
    pub key: String,
    pub place: Place,
    /// The question's text in the audit's language, `{item}` replaced.
    pub question: String,
    /// The option id answered (`yes`/`no` for a yes/no question) and its label in the audit's language.
    pub answer: String,
    pub answer_label: String,
    /// The option id the fact implies and its label.
    pub expected: String,
    pub expected_label: String,
    /// The knowledge-base entry, the fact's label and value in the audit's language.
    pub entry: String,
    pub fact: String,
    pub value: String,
    pub as_of: Date,
    pub sources: Vec<String>,
}

impl Contradiction {
    /// "Hinweis: Ihre Antwort „Nein“ widerspricht der Wissensbasis (Stand 1. Dezember 2026): …. Quelle: …"
    pub fn hint(&self, lang: Lang) -> String {
        let date = crate::i18n::dates::date(lang, self.as_of);
        vocab::CONTRADICTION_HINT.fill(
            lang,
            &[
                &self.answer_label,
                &date,
                &self.fact,
                // The sentence adds its own full stop.
                self.value.trim_end_matches('.'),
                &self.sources_text(lang),
            ],
        )
    }

    /// "Quelle: https://…" or "Quellen: https://…; https://…".
    pub fn sources_text(&self, lang: Lang) -> String {
        let word = if self.sources.len() == 1 {
            vocab::SOURCE
        } else {
            vocab::SOURCES
        };
        format!("{}: {}", word.get(lang), self.sources.join("; "))
    }
}

/// The option id of a recorded yes/no or single answer; `None` for no answer, "unknown", "not applicable"
/// and other kinds: only a real answer can contradict a fact.
fn answered(q: &Question, r: Option<&Response>) -> Option<String> {
    match (q.kind, r?) {
        (Kind::YesNo, Response::Value(Value::Bool(b))) => {
            Some(if *b { "yes" } else { "no" }.to_string())
        }
        (Kind::Single, Response::Value(Value::Choice(i))) => {
            q.options.get(*i).map(|o| o.id.clone())
        }
        _ => None,
    }
}

fn label(q: &Question, id: &str, lang: Lang) -> String {
    match q.kind {
        Kind::YesNo => vocab::yes_no(id == "yes").get(lang).to_string(),
        _ => q
            .options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| o.label.get(lang.code()).to_string()),
    }
}

/// Every visible answer in a repetition whose item has a knowledge-base entry with a fact expecting another
/// answer to that question, in checklist order.
pub(super) fn derive(session: &Session, lang: Lang) -> Vec<Contradiction> {
    let Some(kb) = &session.checklist().knowledge else {
        return Vec::new();
    };
    let code = lang.code();
    let mut out = Vec::new();
    for k in session.visible() {
        let Some(entry) = session
            .item_id(k.section, k.item)
            .and_then(|id| kb.entry(id))
        else {
            continue;
        };
        let q = session.question(k);
        let Some(given) = answered(q, session.answer(k).response.as_ref()) else {
            continue;
        };
        for f in &entry.facts {
            let Some(x) = f.expect.as_ref().filter(|x| x.question == q.id) else {
                continue;
            };
            if x.answer == given {
                continue;
            }
            let item = session.item_label(k.section, k.item, code);
            out.push(Contradiction {
                key: session.key_string(k),
                place: place(session, k.section, k.item, code),
                question: q.text.render(code, item.as_deref()).into_owned(),
                answer_label: label(q, &given, lang),
                answer: given.clone(),
                expected_label: label(q, &x.answer, lang),
                expected: x.answer.clone(),
                entry: entry.name.clone(),
                fact: f.label.get(code).to_string(),
                value: f.value.get(code).to_string(),
                as_of: entry.as_of,
                sources: entry.sources.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::checklist::{ChoiceOption, Text};

    fn text(s: &str) -> Text {
        Text {
            entries: vec![(Arc::from("de"), s.to_string())],
        }
    }

    fn question(kind: Kind, options: &[&str]) -> Question {
        Question {
            id: "q".into(),
            kind,
            text: text("Frage?"),
            help: None,
            refs: Vec::new(),
            options: options
                .iter()
                .map(|o| ChoiceOption {
                    id: (*o).into(),
                    label: text(&format!("Option {o}")),
                    other: false,
                })
                .collect(),
            required: true,
            allow_unknown: true,
            allow_not_applicable: true,
            when: None,
            min: None,
            max: None,
            art30: None,
            findings: Vec::new(),
        }
    }

    #[test]
    fn only_a_real_yes_no_or_single_answer_can_contradict() {
        let yn = question(Kind::YesNo, &[]);
        let v = |v| Some(Response::Value(v));
        assert_eq!(
            answered(&yn, v(Value::Bool(true)).as_ref()).as_deref(),
            Some("yes")
        );
        assert_eq!(
            answered(&yn, v(Value::Bool(false)).as_ref()).as_deref(),
            Some("no")
        );
        assert_eq!(answered(&yn, Some(&Response::Unknown)), None);
        assert_eq!(answered(&yn, Some(&Response::NotApplicable)), None);
        assert_eq!(answered(&yn, None), None);
        let single = question(Kind::Single, &["eu", "us"]);
        assert_eq!(
            answered(&single, v(Value::Choice(1)).as_ref()).as_deref(),
            Some("us")
        );
        let multi = question(Kind::Multi, &["eu", "us"]);
        assert_eq!(answered(&multi, v(Value::Choices(vec![0])).as_ref()), None);
    }

    #[test]
    fn labels_are_the_vocabulary_for_yes_no_and_the_option_labels_otherwise() {
        assert_eq!(label(&question(Kind::YesNo, &[]), "no", Lang::De), "Nein");
        assert_eq!(label(&question(Kind::YesNo, &[]), "yes", Lang::En), "Yes");
        let single = question(Kind::Single, &["eu", "us"]);
        assert_eq!(label(&single, "us", Lang::De), "Option us");
    }
}
