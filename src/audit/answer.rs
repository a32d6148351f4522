//! Answer values and their validation against a question.

use jiff::civil::Date;

use crate::checklist::{Kind, Question};
use crate::i18n::{Lang, T};

/// A real answer. Choices are option indices into `Question::options`; `Choices` is sorted and unique.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Choice(usize),
    Choices(Vec<usize>),
    Text(String),
    Number(f64),
    Date(Date),
}

/// What the auditor recorded for a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Value(Value),
    Unknown,
    NotApplicable,
}

/// An answer slot: the response (None while open), the auditor's note, and the name of an `other` choice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    pub response: Option<Response>,
    pub note: Option<String>,
    pub other: Option<String>,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.response.is_none() && self.note.is_none() && self.other.is_none()
    }

    pub fn value(&self) -> Option<&Value> {
        match &self.response {
            Some(Response::Value(v)) => Some(v),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnswerError {
    #[error("no such question in this checklist: {0}")]
    NoSuchKey(String),
    #[error("a `{kind}` question cannot take {given}")]
    WrongKind {
        kind: &'static str,
        given: &'static str,
    },
    #[error("option number {0} does not exist")]
    NoSuchOption(usize),
    #[error("\"unknown\" is not allowed for this question")]
    UnknownNotAllowed,
    #[error("\"not applicable\" is not allowed for this question")]
    NotApplicableNotAllowed,
    #[error("{value} is below the minimum {min}")]
    BelowMin { value: f64, min: f64 },
    #[error("{value} is above the maximum {max}")]
    AboveMax { value: f64, max: f64 },
    #[error("the number must be finite")]
    NotFinite,
}

impl AnswerError {
    /// The error in words, in `lang` (`Display` is the English one).
    pub fn text(&self, lang: Lang) -> String {
        let num = |n: f64| n.to_string();
        match self {
            AnswerError::NoSuchKey(k) => T::new(
                "keine solche Frage in dieser Checkliste: {0}",
                "no such question in this checklist: {0}",
            )
            .fill(lang, &[k]),
            AnswerError::WrongKind { kind, given } => {
                // `given` is one of `Value::describe`'s words.
                let given = match (lang, *given) {
                    (Lang::De, "yes/no") => "Ja/Nein",
                    (Lang::De, "one choice") => "eine Auswahl",
                    (Lang::De, "several choices") => "mehrere Auswahlen",
                    (Lang::De, "text") => "Text",
                    (Lang::De, "a number") => "eine Zahl",
                    (Lang::De, "a date") => "ein Datum",
                    (_, g) => g,
                };
                T::new(
                    "eine Frage der Art `{0}` nimmt keine Antwort der Form {1}",
                    "a `{0}` question cannot take {1}",
                )
                .fill(lang, &[kind, given])
            }
            AnswerError::NoSuchOption(n) => T::new(
                "die Option Nummer {0} gibt es nicht",
                "option number {0} does not exist",
            )
            .fill(lang, &[&n.to_string()]),
            AnswerError::UnknownNotAllowed => T::new(
                "„Unbekannt“ ist bei dieser Frage nicht zulässig",
                "\"unknown\" is not allowed for this question",
            )
            .get(lang)
            .to_string(),
            AnswerError::NotApplicableNotAllowed => T::new(
                "„Nicht anwendbar“ ist bei dieser Frage nicht zulässig",
                "\"not applicable\" is not allowed for this question",
            )
            .get(lang)
            .to_string(),
            AnswerError::BelowMin { value, min } => T::new(
                "{0} liegt unter dem Mindestwert {1}",
                "{0} is below the minimum {1}",
            )
            .fill(lang, &[&num(*value), &num(*min)]),
            AnswerError::AboveMax { value, max } => T::new(
                "{0} liegt über dem Höchstwert {1}",
                "{0} is above the maximum {1}",
            )
            .fill(lang, &[&num(*value), &num(*max)]),
            AnswerError::NotFinite => {
                T::new("die Zahl muss endlich sein", "the number must be finite")
                    .get(lang)
                    .to_string()
            }
        }
    }
}

impl Value {
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Bool(_) => "yes/no",
            Value::Choice(_) => "one choice",
            Value::Choices(_) => "several choices",
            Value::Text(_) => "text",
            Value::Number(_) => "a number",
            Value::Date(_) => "a date",
        }
    }
}

/// Check a response against the question and normalise it (sorted choices); text is kept as given.
pub fn check(q: &Question, r: Response) -> Result<Response, AnswerError> {
    let v = match r {
        Response::Unknown if q.allow_unknown => return Ok(Response::Unknown),
        Response::Unknown => return Err(AnswerError::UnknownNotAllowed),
        Response::NotApplicable if q.allow_not_applicable => return Ok(Response::NotApplicable),
        Response::NotApplicable => return Err(AnswerError::NotApplicableNotAllowed),
        Response::Value(v) => v,
    };
    let wrong = |v: &Value| AnswerError::WrongKind {
        kind: q.kind.as_str(),
        given: v.describe(),
    };
    let v = match (q.kind, v) {
        (Kind::YesNo, v @ Value::Bool(_)) => v,
        (Kind::Single, Value::Choice(i)) => {
            if i >= q.options.len() {
                return Err(AnswerError::NoSuchOption(i));
            }
            Value::Choice(i)
        }
        (Kind::Multi, Value::Choices(mut is)) => {
            is.sort_unstable();
            is.dedup();
            if let Some(&i) = is.iter().find(|&&i| i >= q.options.len()) {
                return Err(AnswerError::NoSuchOption(i));
            }
            Value::Choices(is)
        }
        (Kind::Text, v @ Value::Text(_)) => v,
        (Kind::Number, Value::Number(n)) => {
            if !n.is_finite() {
                return Err(AnswerError::NotFinite);
            }
            if let Some(min) = q.min.filter(|m| n < *m) {
                return Err(AnswerError::BelowMin { value: n, min });
            }
            if let Some(max) = q.max.filter(|m| n > *m) {
                return Err(AnswerError::AboveMax { value: n, max });
            }
            Value::Number(n)
        }
        (Kind::Date, v @ Value::Date(_)) => v,
        (_, v) => return Err(wrong(&v)),
    };
    Ok(Response::Value(v))
}
