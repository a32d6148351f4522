//! What one input line means at a question: a command, an empty line, or a response; and how answers are
//! shown. Pure functions over the question, unit-tested without any terminal.

use crate::audit::input::{self, NumberError, Row};
use crate::audit::{Response, Value};
use crate::checklist::{Kind, Question};
use crate::lang::Lang;

use super::strings::{S, fill};

/// A command at a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Help,
    Back,
    Note,
    /// Give the last change a reason (a correction said why), for the change history.
    Reason,
    /// Attach an evidence file to the question (or remove one).
    Evidence,
    Save,
}

/// One line typed at a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Command(Command),
    /// An empty line: keep the current answer, or skip an optional question.
    Empty,
    Response(Response),
}

/// The numbered choices of a question (empty for text, number and date): `input::choice_rows`.
pub fn menu(q: &Question) -> Vec<Row> {
    input::choice_rows(q)
}

/// The letters that answer "unknown" and "not applicable" at text, number and date questions.
pub const UNKNOWN_LETTER: &str = "u";
pub const NOT_APPLICABLE_LETTER: &str = "x";

fn command(s: &str) -> Option<Command> {
    match s {
        "?" => Some(Command::Help),
        "b" | "B" => Some(Command::Back),
        "n" | "N" => Some(Command::Note),
        "r" | "R" => Some(Command::Reason),
        "e" | "E" => Some(Command::Evidence),
        "s" | "S" => Some(Command::Save),
        _ => None,
    }
}

fn state_letter(q: &Question, s: &str) -> Option<Result<Response, String>> {
    let lang_free = |allowed: bool, r: Response| {
        if allowed { Ok(r) } else { Err(s.to_string()) }
    };
    match s {
        "u" | "U" => Some(lang_free(q.allow_unknown, Response::Unknown)),
        "x" | "X" => Some(lang_free(q.allow_not_applicable, Response::NotApplicable)),
        _ => None,
    }
}

/// Read one line typed at question `q`. The error is the message to show (in `lang`).
pub fn parse(q: &Question, line: &str, lang: Lang) -> Result<Entry, String> {
    let t = line.trim();
    if let Some(c) = command(t) {
        return Ok(Entry::Command(c));
    }
    if t.is_empty() {
        return Ok(Entry::Empty);
    }
    if let Some(r) = state_letter(q, t) {
        return r
            .map(Entry::Response)
            .map_err(|s| fill(S::NotAllowed.get(lang), &[&s]));
    }
    if q.kind == Kind::Text {
        // A leading backslash lets a text answer be one of the command letters: `\b` is the text "b".
        let text = t.strip_prefix('\\').unwrap_or(t);
        return Ok(Entry::Response(Response::Value(Value::Text(
            text.to_string(),
        ))));
    }
    if t.len() == 1 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(fill(S::UnknownCommand.get(lang), &[t]));
    }
    match q.kind {
        Kind::YesNo | Kind::Single => {
            let items = menu(q);
            let item = pick(t, items.len(), lang)?;
            Ok(Entry::Response(response_of(items[item], q.kind)))
        }
        Kind::Multi => parse_multi(q, t, lang).map(Entry::Response),
        Kind::Number => parse_number(q, t, lang).map(|n| Entry::Response(Response::Value(n))),
        Kind::Date => input::parse_date(t)
            .map(|d| Entry::Response(Response::Value(Value::Date(d))))
            .map_err(|_| fill(S::NotADate.get(lang), &[t])),
        Kind::Text => Ok(Entry::Empty),
    }
}

/// A 1-based number among `count` choices, as a 0-based index.
pub fn pick(t: &str, count: usize, lang: Lang) -> Result<usize, String> {
    let count_s = count.to_string();
    match t.trim().parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Ok(n - 1),
        Ok(_) => Err(fill(S::OptionOutOfRange.get(lang), &[t.trim(), &count_s])),
        Err(_) => Err(fill(S::NotAnOption.get(lang), &[t.trim(), &count_s])),
    }
}

fn response_of(row: Row, kind: Kind) -> Response {
    // `menu` never offers the input field, so every row it offers has a response.
    input::response_of(row, kind).unwrap_or(Response::Unknown)
}

fn parse_multi(q: &Question, t: &str, lang: Lang) -> Result<Response, String> {
    let items = menu(q);
    let parts: Vec<&str> = t
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts == ["0"] {
        return Ok(Response::Value(Value::Choices(Vec::new())));
    }
    let mut chosen = Vec::new();
    for p in &parts {
        match items[pick(p, items.len(), lang)?] {
            Row::Opt(i) => chosen.push(i),
            state => {
                if parts.len() > 1 {
                    return Err(fill(S::StateAlone.get(lang), &[p]));
                }
                return Ok(response_of(state, Kind::Multi));
            }
        }
    }
    chosen.sort_unstable();
    chosen.dedup();
    Ok(Response::Value(Value::Choices(chosen)))
}

fn parse_number(q: &Question, t: &str, lang: Lang) -> Result<Value, String> {
    input::parse_number(q, t)
        .map(Value::Number)
        .map_err(|e| match e {
            NumberError::NotANumber => fill(S::NotANumber.get(lang), &[t]),
            NumberError::NotWhole => fill(S::NotWhole.get(lang), &[t]),
            NumberError::BelowMin(min) => fill(S::BelowMin.get(lang), &[t, &input::number(min)]),
            NumberError::AboveMax(max) => fill(S::AboveMax.get(lang), &[t, &input::number(max)]),
        })
}

pub use input::{describe, number, other_option, row_label as item_label};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::audit::Answer;
    use crate::checklist;
    use std::path::Path;

    fn q(section: &str, question: &str) -> Question {
        let c = checklist::load(Path::new("tests/fixtures/small.toml")).unwrap();
        let s = c.sections.iter().find(|s| s.id == section).unwrap();
        s.questions
            .iter()
            .find(|q| q.id == question)
            .unwrap()
            .clone()
    }

    /// A question with whole bounds counts: "2,5" is refused as not whole, "zwei" as not a number.
    #[test]
    fn a_counting_question_refuses_fractions_with_its_own_message() {
        let mut q = q("email", "staff");
        q.max = Some(100_000.0);
        assert_eq!(
            parse(&q, "2,5", Lang::De),
            Err("„2,5“ ist keine ganze Zahl; hier wird gezählt".to_string())
        );
        assert_eq!(
            parse(&q, "zwei", Lang::En),
            Err("\"zwei\" is not a number".to_string())
        );
        assert_eq!(
            parse(&q, "25", Lang::En),
            Ok(Entry::Response(Response::Value(Value::Number(25.0))))
        );
    }

    /// A date is typed the German way or the ISO way; both mean the same day.
    #[test]
    fn a_date_is_read_in_either_form() {
        let q = q("end", "date");
        let day = Ok(Entry::Response(Response::Value(Value::Date(
            jiff::civil::date(2025, 1, 31),
        ))));
        assert_eq!(parse(&q, "31.01.2025", Lang::De), day);
        assert_eq!(parse(&q, "2025-01-31", Lang::De), day);
        assert_eq!(
            parse(&q, "31.13.2025", Lang::En),
            Err("\"31.13.2025\" is not a date written as YYYY-MM-DD or DD.MM.YYYY".to_string())
        );
    }

    #[test]
    fn yes_no_is_numbered_with_unknown() {
        let q = q("email", "in_records");
        assert_eq!(menu(&q), [Row::Yes, Row::No, Row::Unknown]);
        let p = |s| parse(&q, s, Lang::En);
        assert_eq!(
            p("1"),
            Ok(Entry::Response(Response::Value(Value::Bool(true))))
        );
        assert_eq!(
            p(" 2 "),
            Ok(Entry::Response(Response::Value(Value::Bool(false))))
        );
        assert_eq!(p("3"), Ok(Entry::Response(Response::Unknown)));
        assert_eq!(p("u"), Ok(Entry::Response(Response::Unknown)));
        assert!(
            p("4")
                .unwrap_err()
                .contains("not one of the numbers 1 to 3")
        );
        assert!(p("ja").unwrap_err().contains("is not a number"));
        assert!(p("x").unwrap_err().contains("not possible"));
        assert!(p("q").unwrap_err().contains("unknown command"));
        assert_eq!(p("?"), Ok(Entry::Command(Command::Help)));
        assert_eq!(p("B"), Ok(Entry::Command(Command::Back)));
        assert_eq!(p(""), Ok(Entry::Empty));
    }

    #[test]
    fn multi_takes_comma_separated_numbers() {
        let q = q("email", "processes");
        let p = |s| parse(&q, s, Lang::De);
        assert_eq!(
            p("3, 1,1"),
            Ok(Entry::Response(Response::Value(Value::Choices(vec![0, 2]))))
        );
        assert_eq!(
            p("0"),
            Ok(Entry::Response(Response::Value(Value::Choices(vec![]))))
        );
        assert_eq!(p("4"), Ok(Entry::Response(Response::Unknown)));
        assert!(p("1,4").unwrap_err().contains("kombiniert"));
        assert!(p("1,9").unwrap_err().contains("keine der Nummern 1 bis 4"));
        assert_eq!(
            other_option(&q, &Response::Value(Value::Choices(vec![0, 2]))),
            Some(2)
        );
    }

    #[test]
    fn numbers_dates_and_text() {
        let n = q("email", "staff");
        let p = |s| parse(&n, s, Lang::En);
        assert_eq!(
            p("2,5"),
            Ok(Entry::Response(Response::Value(Value::Number(2.5))))
        );
        assert!(p("-1").unwrap_err().contains("below the minimum 0"));
        assert!(p("inf").unwrap_err().contains("not a number"));
        assert!(p("12abc").unwrap_err().contains("not a number"));
        assert!(p("z").unwrap_err().contains("unknown command"));
        let d = q("end", "date");
        assert!(
            parse(&d, "2025-13-01", Lang::En)
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert!(
            parse(&d, "1.1.25", Lang::De)
                .unwrap_err()
                .contains("TT.MM.JJJJ")
        );
        let t = q("per_process", "which");
        assert_eq!(
            parse(&t, "\\b", Lang::En),
            Ok(Entry::Response(Response::Value(Value::Text("b".into()))))
        );
        assert_eq!(
            parse(&t, " Signal ", Lang::En),
            Ok(Entry::Response(Response::Value(Value::Text(
                "Signal".into()
            ))))
        );
        assert_eq!(parse(&t, "s", Lang::En), Ok(Entry::Command(Command::Save)));
    }

    #[test]
    fn describing_answers() {
        let q = q("email", "processes");
        let a = Answer {
            response: Some(Response::Value(Value::Choices(vec![0, 2]))),
            note: None,
            other: Some("Fax".into()),
        };
        assert_eq!(
            describe(&q, &a, Lang::De).unwrap(),
            "Bestellungen; Sonstiges: Fax"
        );
        assert_eq!(number(250.0), "250");
        assert_eq!(number(2.5), "2.5");
    }
}
