//! Answers as people give and read them, shared by the TUI, plain mode, reports and `evaluate`: the rows a
//! question offers, one row → response, one number parser (decimal comma, the question's bounds), one way to
//! write a number and one to describe an answer in words.

use super::{Answer, Response, Value};
use crate::checklist::{Kind, Question};
use crate::i18n::{Lang, vocab};

/// One row of a question's answer: a choice, the input field of a text, number or date question, or one
/// of the states "unknown" and "not applicable".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Yes,
    No,
    Opt(usize),
    /// The text / number / date input.
    Field,
    Unknown,
    NotApplicable,
}

/// The rows of a question, in display order.
pub fn rows(q: &Question) -> Vec<Row> {
    let mut out = match q.kind {
        Kind::YesNo => vec![Row::Yes, Row::No],
        Kind::Single | Kind::Multi => (0..q.options.len()).map(Row::Opt).collect(),
        Kind::Text | Kind::Number | Kind::Date => vec![Row::Field],
    };
    if q.allow_unknown {
        out.push(Row::Unknown);
    }
    if q.allow_not_applicable {
        out.push(Row::NotApplicable);
    }
    out
}

/// The rows that can be picked by number (every row but the input field).
pub fn choice_rows(q: &Question) -> Vec<Row> {
    if matches!(q.kind, Kind::Text | Kind::Number | Kind::Date) {
        return Vec::new();
    }
    rows(q)
}

/// Whether `row` is what the response says.
pub fn is_chosen(row: Row, r: Option<&Response>) -> bool {
    match (row, r) {
        (Row::Yes, Some(Response::Value(Value::Bool(b)))) => *b,
        (Row::No, Some(Response::Value(Value::Bool(b)))) => !*b,
        (Row::Opt(i), Some(Response::Value(Value::Choice(c)))) => *c == i,
        (Row::Opt(i), Some(Response::Value(Value::Choices(cs)))) => cs.contains(&i),
        (Row::Unknown, Some(Response::Unknown)) => true,
        (Row::NotApplicable, Some(Response::NotApplicable)) => true,
        _ => false,
    }
}

/// The response that picking `row` alone gives (a multiple choice: just that option). None for the field.
pub fn response_of(row: Row, kind: Kind) -> Option<Response> {
    Some(match row {
        Row::Yes => Response::Value(Value::Bool(true)),
        Row::No => Response::Value(Value::Bool(false)),
        Row::Opt(i) if kind == Kind::Multi => Response::Value(Value::Choices(vec![i])),
        Row::Opt(i) => Response::Value(Value::Choice(i)),
        Row::Unknown => Response::Unknown,
        Row::NotApplicable => Response::NotApplicable,
        Row::Field => return None,
    })
}

/// Why a typed number is not taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberError {
    NotANumber,
    /// A fraction where `whole_only` ("2,5" employees).
    NotWhole,
    BelowMin(f64),
    AboveMax(f64),
}

/// Whether question `q` counts things: both bounds are given and whole (e.g. employees, 1–100000), so a
/// fraction like "2,5" is not an answer.
pub fn whole_only(q: &Question) -> bool {
    matches!((q.min, q.max), (Some(a), Some(b)) if a.fract() == 0.0 && b.fract() == 0.0)
}

/// A date as typed at a date question, in either language's way: `31.01.2025`, `1.2.2025` or `2025-01-31`.
/// Answer files keep ISO (`values::parse_date`); only what a person types is read both ways.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, crate::i18n::dates::DateError> {
    crate::i18n::dates::parse_date(text)
}

/// A number as typed at question `q`: a decimal point or a German decimal comma ("2,5" is 2.5;
/// thousands separators are not accepted), finite, whole where `whole_only`, within the question's bounds.
pub fn parse_number(q: &Question, text: &str) -> Result<f64, NumberError> {
    let t = text.trim();
    let normal = if t.contains('.') {
        t.to_string()
    } else {
        t.replacen(',', ".", 1)
    };
    let ok_chars = normal
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    let n = match normal.parse::<f64>() {
        Ok(n) if ok_chars && n.is_finite() && normal.chars().any(|c| c.is_ascii_digit()) => n,
        _ => return Err(NumberError::NotANumber),
    };
    if whole_only(q) && n.fract() != 0.0 {
        return Err(NumberError::NotWhole);
    }
    if let Some(min) = q.min.filter(|m| n < *m) {
        return Err(NumberError::BelowMin(min));
    }
    if let Some(max) = q.max.filter(|m| n > *m) {
        return Err(NumberError::AboveMax(max));
    }
    Ok(n)
}

/// A number as a person writes it: whole numbers without a decimal point.
pub fn number(n: f64) -> String {
    // Below 2^53 every whole f64 is exactly an i64, so the cast loses nothing.
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        let whole = n as i64;
        format!("{whole}")
    } else {
        format!("{n}")
    }
}

/// The label of a row; `other` is the name the auditor gave an "other" option.
pub fn row_label(q: &Question, row: Row, lang: Lang, other: Option<&str>) -> String {
    match row {
        Row::Yes => vocab::YES.get(lang).to_string(),
        Row::No => vocab::NO.get(lang).to_string(),
        Row::Unknown => vocab::UNKNOWN.get(lang).to_string(),
        Row::NotApplicable => vocab::NOT_APPLICABLE.get(lang).to_string(),
        Row::Field => String::new(),
        Row::Opt(i) => {
            let Some(o) = q.options.get(i) else {
                return String::new();
            };
            let label = o.label.get(lang.code()).to_string();
            match other.filter(|n| o.other && !n.trim().is_empty()) {
                Some(name) => format!("{label}: {name}"),
                None => label,
            }
        }
    }
}

/// An answer in words, e.g. "Ja", "Bestellungen; Support", "2025-01-31"; None while unanswered.
/// Not sanitised: the caller cleans it for its medium.
pub fn describe(q: &Question, a: &Answer, lang: Lang) -> Option<String> {
    let other = a.other.as_deref();
    let r = a.response.as_ref()?;
    Some(match r {
        Response::Unknown => vocab::UNKNOWN.get(lang).to_string(),
        Response::NotApplicable => vocab::NOT_APPLICABLE.get(lang).to_string(),
        Response::Value(v) => match v {
            Value::Bool(b) => vocab::yes_no(*b).get(lang).to_string(),
            Value::Choice(i) => row_label(q, Row::Opt(*i), lang, other),
            Value::Choices(is) if is.is_empty() => "–".to_string(),
            Value::Choices(is) => is
                .iter()
                .map(|i| row_label(q, Row::Opt(*i), lang, other))
                .collect::<Vec<_>>()
                // Labels may hold commas ("Web-Chat, Kontaktformular"): a semicolon separates them.
                .join("; "),
            Value::Text(t) => t.clone(),
            Value::Number(n) => number(*n),
            Value::Date(d) => d.to_string(),
        },
    })
}

/// The option of a response that the auditor names (`other = true`), if one is chosen.
pub fn other_option(q: &Question, r: &Response) -> Option<usize> {
    let chosen: &[usize] = match r {
        Response::Value(Value::Choice(i)) => std::slice::from_ref(i),
        Response::Value(Value::Choices(is)) => is,
        _ => &[],
    };
    chosen
        .iter()
        .copied()
        .find(|&i| q.options.get(i).is_some_and(|o| o.other))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number_question(min: Option<f64>, max: Option<f64>) -> Question {
        Question {
            id: "n".into(),
            kind: Kind::Number,
            text: crate::checklist::Text {
                entries: vec![("en".into(), "How many?".into())],
            },
            help: None,
            refs: Vec::new(),
            options: Vec::new(),
            required: true,
            allow_unknown: false,
            allow_not_applicable: false,
            when: None,
            min,
            max,
            art30: None,
            findings: Vec::new(),
        }
    }

    #[test]
    fn questions_with_whole_bounds_take_whole_numbers() {
        let staff = number_question(Some(1.0), Some(100_000.0));
        assert!(whole_only(&staff));
        assert_eq!(parse_number(&staff, "2,5"), Err(NumberError::NotWhole));
        assert_eq!(parse_number(&staff, "2.5"), Err(NumberError::NotWhole));
        assert_eq!(parse_number(&staff, "zwei"), Err(NumberError::NotANumber));
        assert_eq!(parse_number(&staff, "25"), Ok(25.0));
        assert_eq!(parse_number(&staff, "3,0"), Ok(3.0));
        let open = number_question(Some(0.0), None);
        assert!(!whole_only(&open));
        assert_eq!(parse_number(&open, "2,5"), Ok(2.5));
    }

    #[test]
    fn numbers_take_a_decimal_comma_and_respect_bounds() {
        let q = number_question(Some(0.0), Some(10.5));
        assert_eq!(parse_number(&q, "2,5"), Ok(2.5));
        assert_eq!(parse_number(&q, " 7 "), Ok(7.0));
        assert_eq!(parse_number(&q, "1.000,5"), Err(NumberError::NotANumber));
        assert_eq!(parse_number(&q, "inf"), Err(NumberError::NotANumber));
        assert_eq!(parse_number(&q, "-1"), Err(NumberError::BelowMin(0.0)));
        assert_eq!(parse_number(&q, "11"), Err(NumberError::AboveMax(10.5)));
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
    }
}
