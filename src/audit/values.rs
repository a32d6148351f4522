//! Answers as TOML values (docs/checklist-format.md, "Answer values"): parsing for examples, `evaluate`
//! input and drafts, and writing for drafts and results. One representation everywhere.

use jiff::civil::Date;
use toml::Value as T;

use super::answer::{Answer, Response, Value};
use super::layout::Key;
use super::session::Session;
use crate::checklist::{Kind, Question};
use crate::i18n::{T as Tr, Text};

/// Parse the value of one answer for `q`; the message says what was expected.
pub fn parse_value(q: &Question, v: &T) -> Result<Value, Text> {
    let option = |s: &str| {
        q.option_index(s).ok_or_else(|| {
            Tr::new(
                "„{0}“ ist keine Option dieser Frage; die Optionen sind: {1}",
                "\"{0}\" is not an option of this question; options: {1}",
            )
            .both(&[
                s,
                &q.options
                    .iter()
                    .map(|o| o.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ])
        })
    };
    match (q.kind, v) {
        (Kind::YesNo, T::Boolean(b)) => Ok(Value::Bool(*b)),
        (Kind::YesNo, _) => Err(Tr::new(
            "eine Antwort auf eine yes_no-Frage ist true oder false",
            "a yes_no answer is true or false",
        )
        .into()),
        (Kind::Single, T::String(s)) => Ok(Value::Choice(option(s)?)),
        (Kind::Single, _) => Err(Tr::new(
            "eine Antwort auf eine Einfachauswahl ist die Id einer Option in Anführungszeichen",
            "a single-choice answer is an option id in quotes",
        )
        .into()),
        (Kind::Multi, T::Array(items)) => {
            let mut out = Vec::new();
            for i in items {
                let T::String(s) = i else {
                    return Err(Tr::new(
                        "eine Antwort auf eine Mehrfachauswahl ist eine Liste von Options-Ids in Anführungszeichen",
                        "a multi-choice answer is a list of option ids in quotes",
                    )
                    .into());
                };
                out.push(option(s)?);
            }
            out.sort_unstable();
            out.dedup();
            Ok(Value::Choices(out))
        }
        (Kind::Multi, _) => Err(Tr::new(
            "eine Antwort auf eine Mehrfachauswahl ist eine Liste wie [\"a\", \"b\"]",
            "a multi-choice answer is a list such as [\"a\", \"b\"]",
        )
        .into()),
        (Kind::Text, T::String(s)) => Ok(Value::Text(s.clone())),
        (Kind::Text, _) => Err(Tr::new(
            "eine Textantwort ist eine Zeichenkette",
            "a text answer is a string",
        )
        .into()),
        (Kind::Number, T::Integer(i)) => Ok(Value::Number(*i as f64)),
        (Kind::Number, T::Float(f)) => Ok(Value::Number(*f)),
        (Kind::Number, _) => Err(Tr::new(
            "eine Antwort auf eine Zahlenfrage ist eine Zahl",
            "a number answer is a number",
        )
        .into()),
        (Kind::Date, T::String(s)) => parse_date(s).map(Value::Date),
        (Kind::Date, T::Datetime(d)) => parse_date(&d.to_string()).map(Value::Date),
        (Kind::Date, _) => Err(Tr::new(
            "eine Datumsantwort hat die Form \"JJJJ-MM-TT\"",
            "a date answer is written \"YYYY-MM-DD\"",
        )
        .into()),
    }
}

/// A date as the auditor types it: `YYYY-MM-DD`, nothing else.
pub fn parse_date(s: &str) -> Result<Date, Text> {
    match s.trim().parse::<Date>() {
        Ok(d) if s.trim().len() == 10 => Ok(d),
        _ => Err(Tr::new(
            "„{0}“ ist kein Datum der Form JJJJ-MM-TT",
            "\"{0}\" is not a date written as YYYY-MM-DD",
        )
        .both(&[s])),
    }
}

/// Parse a whole answer: a plain value, or `{ value, note, other }`, or `{ state = "unknown" }`.
pub fn parse_answer(q: &Question, v: &T) -> Result<Answer, Text> {
    let T::Table(t) = v else {
        return Ok(Answer {
            response: Some(Response::Value(parse_value(q, v)?)),
            note: None,
            other: None,
        });
    };
    if let Some(k) = t
        .keys()
        .find(|k| !matches!(k.as_str(), "value" | "state" | "note" | "other"))
    {
        return Err(Tr::new(
            "unbekannter Schlüssel `{0}` in einer Antwort; möglich sind value, state, note oder other",
            "unknown key `{0}` in an answer; use value, state, note or other",
        )
        .both(&[k]));
    }
    let text = |k: &str| -> Result<Option<String>, Text> {
        match t.get(k) {
            None => Ok(None),
            Some(T::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Tr::new("`{0}` ist eine Zeichenkette", "`{0}` is a string").both(&[k])),
        }
    };
    let response = match (t.get("value"), t.get("state")) {
        (Some(_), Some(_)) => {
            return Err(Tr::new(
                "eine Antwort hat entweder `value` oder `state`, nicht beides",
                "an answer has either `value` or `state`, not both",
            )
            .into());
        }
        (Some(v), None) => Some(Response::Value(parse_value(q, v)?)),
        (None, Some(T::String(s))) if s == "unknown" => Some(Response::Unknown),
        (None, Some(T::String(s))) if s == "not_applicable" => Some(Response::NotApplicable),
        (None, Some(_)) => {
            return Err(Tr::new(
                "`state` ist \"unknown\" oder \"not_applicable\"",
                "`state` is \"unknown\" or \"not_applicable\"",
            )
            .into());
        }
        (None, None) => None,
    };
    Ok(Answer {
        response,
        note: text("note")?,
        other: text("other")?,
    })
}

/// Write a value the way `parse_value` reads it.
pub fn value_to_toml(q: &Question, v: &Value) -> T {
    match v {
        Value::Bool(b) => T::Boolean(*b),
        Value::Choice(i) => T::String(q.options.get(*i).map_or_else(String::new, |o| o.id.clone())),
        Value::Choices(is) => T::Array(
            is.iter()
                .filter_map(|i| q.options.get(*i).map(|o| T::String(o.id.clone())))
                .collect(),
        ),
        Value::Text(s) => T::String(s.clone()),
        // Whole numbers are written as integers so that files read the way the auditor typed them.
        // Below 2^53 every whole f64 is exactly an i64, so the cast loses nothing.
        #[allow(clippy::cast_possible_truncation)]
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => T::Integer(*n as i64),
        Value::Number(n) => T::Float(*n),
        Value::Date(d) => T::String(d.to_string()),
    }
}

/// Write an answer in the plain form where it is just a value, else as a table.
pub fn answer_to_toml(q: &Question, a: &Answer) -> T {
    if let (Some(Response::Value(v)), None, None) = (&a.response, &a.note, &a.other) {
        return value_to_toml(q, v);
    }
    let mut t = toml::Table::new();
    match &a.response {
        Some(Response::Value(v)) => {
            t.insert("value".into(), value_to_toml(q, v));
        }
        Some(Response::Unknown) => {
            t.insert("state".into(), T::String("unknown".into()));
        }
        Some(Response::NotApplicable) => {
            t.insert("state".into(), T::String("not_applicable".into()));
        }
        None => {}
    }
    if let Some(n) = &a.note {
        t.insert("note".into(), T::String(n.clone()));
    }
    if let Some(o) = &a.other {
        t.insert("other".into(), T::String(o.clone()));
    }
    T::Table(t)
}

/// Set one answer given as key text and TOML value; the error names what is wrong.
pub fn apply(session: &mut Session, key: &str, v: &T) -> Result<Key, Text> {
    let k = session.parse_key(key).ok_or_else(|| {
        Tr::new(
            "`{0}` ist kein Antwortschlüssel dieser Checkliste (abschnitt.frage oder abschnitt[option].frage)",
            "`{0}` is not an answer key of this checklist (section.question or section[option].question)",
        )
        .both(&[key])
    })?;
    let a = parse_answer(session.question(k), v)?;
    let said = |e: super::answer::AnswerError| Text::by(|lang| e.text(lang));
    session.set(k, a.response).map_err(said)?;
    session.set_note(k, a.note).map_err(said)?;
    session.set_other(k, a.other).map_err(said)?;
    Ok(k)
}

/// All non-empty answers as a TOML table keyed by answer key, in checklist order.
pub fn answers_table(session: &Session) -> toml::Table {
    session
        .answers()
        .map(|(k, a)| {
            (
                session.key_string(k),
                answer_to_toml(session.question(k), a),
            )
        })
        .collect()
}

/// Read an answers file (`[answers]` table, as for `msgaudit evaluate`) into `session`.
pub fn load_file(
    session: &mut Session,
    path: &std::path::Path,
) -> Result<(), Vec<crate::checklist::Diagnostic>> {
    use crate::checklist::files::{Files, element, parse_document};
    use toml::Spanned;

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        answers: std::collections::BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    }

    let mut loader = Files::default();
    let file = loader
        .add_file(path)
        .ok_or_else(|| std::mem::take(&mut loader.diags))?;
    let mut diags = Vec::new();
    let raw = parse_document(&loader.sources, file, &mut diags).and_then(|doc| {
        let span = doc.span();
        element::<File>(
            &loader.sources,
            file,
            Spanned::new(span, toml::de::DeValue::Table(doc.into_inner())),
            &mut diags,
        )
    });
    if let Some(raw) = raw {
        for (key, value) in &raw.answers {
            if let Err(msg) = apply(session, key.get_ref(), value.get_ref()) {
                diags.push(loader.sources.diag(file, key.span(), msg));
            }
        }
    }
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::AnswerError;
    use crate::i18n::Lang;

    #[test]
    fn answer_errors_are_said_in_both_languages() {
        let Err(e) = parse_date("31.01.2025") else {
            panic!("answer files keep ISO dates")
        };
        assert_eq!(e.de, "„31.01.2025“ ist kein Datum der Form JJJJ-MM-TT");
        assert_eq!(e.en, "\"31.01.2025\" is not a date written as YYYY-MM-DD");
        let e = AnswerError::BelowMin {
            value: 0.0,
            min: 1.0,
        };
        assert_eq!(e.text(Lang::De), "0 liegt unter dem Mindestwert 1");
        assert_eq!(e.text(Lang::En), e.to_string());
    }
}
