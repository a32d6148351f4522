//! Type checking of one comparison in a condition: which operators and values fit a question of each
//! kind (yes/no, choices, numbers, dates, texts), with the message saying whether the operator or the value
//! is wrong.

use jiff::civil::Date;

use super::Ctx;
use crate::checklist::expr::{CmpOp, Literal, RefName};
use crate::checklist::model::{Kind, Ord3, Test};
use crate::i18n::{T, Text};

impl Ctx<'_> {
    /// Check one comparison; an error says whether it is the operator's or the value's fault.
    #[allow(clippy::unused_self)] // one of the checker's steps, called like the others
    pub(super) fn type_check(
        &self,
        kind: Kind,
        options: &[String],
        target: &RefName,
        op: CmpOp,
        lit: &Literal,
    ) -> Result<Test, (bool, Text)> {
        let name = &target.question;
        let eq_only = |op: CmpOp| match op {
            CmpOp::Eq => Ok(true),
            CmpOp::Ne => Ok(false),
            _ => Err((
                true,
                T::new(
                    "`{0}` ist eine Frage der Art `{1}`: vergleichen Sie mit `==` oder `!=`",
                    "`{0}` is a `{1}` question: use `==` or `!=`",
                )
                .both(&[name, kind.as_str()]),
            )),
        };
        let ord = |op: CmpOp| match op {
            CmpOp::Eq => Ok(Ord3::Eq),
            CmpOp::Ne => Ok(Ord3::Ne),
            CmpOp::Lt => Ok(Ord3::Lt),
            CmpOp::Le => Ok(Ord3::Le),
            CmpOp::Gt => Ok(Ord3::Gt),
            CmpOp::Ge => Ok(Ord3::Ge),
            CmpOp::Contains => Err((
                true,
                T::new(
                    "`contains` ist für Mehrfachauswahl-Fragen; `{0}` ist eine Frage der Art `{1}`",
                    "`contains` is for multi-choice questions; `{0}` is a `{1}` question",
                )
                .both(&[name, kind.as_str()]),
            )),
        };
        let option = |id: &str| {
            options.iter().position(|o| o == id).ok_or_else(|| {
                (
                    false,
                    T::new(
                        "`{0}` hat keine Option „{1}“; ihre Optionen sind: {2}",
                        "`{0}` has no option \"{1}\"; its options are: {2}",
                    )
                    .both(&[name, id, &options.join(", ")]),
                )
            })
        };
        let wrong_value = |expected: T| {
            Err((
                false,
                Text::by(|lang| {
                    T::new(
                        "`{0}` ist eine Frage der Art `{1}`: vergleichen Sie mit {2}",
                        "`{0}` is a `{1}` question: compare it with {2}",
                    )
                    .fill(lang, &[name, kind.as_str(), expected.get(lang)])
                }),
            ))
        };
        match kind {
            Kind::YesNo => {
                let equal = eq_only(op)?;
                match lit {
                    Literal::Yes => Ok(Test::Bool { value: true, equal }),
                    Literal::No => Ok(Test::Bool {
                        value: false,
                        equal,
                    }),
                    _ => wrong_value(T::new("`yes` oder `no`", "yes or no")),
                }
            }
            Kind::Single => {
                if op == CmpOp::Contains {
                    return Err((
                        true,
                        T::new(
                            "`{0}` ist eine Frage der Art `single`: vergleichen Sie mit `==` oder `!=`",
                            "`{0}` is a `single` question: use `==` or `!=`",
                        )
                        .both(&[name]),
                    ));
                }
                let equal = eq_only(op)?;
                match lit {
                    Literal::Str(s) => Ok(Test::Choice {
                        option: option(s)?,
                        equal,
                    }),
                    _ => wrong_value(T::new(
                        "der Id einer Option in Anführungszeichen",
                        "an option id in quotes",
                    )),
                }
            }
            Kind::Multi => {
                if op != CmpOp::Contains {
                    return Err((
                        true,
                        T::new(
                            "`{0}` ist eine Frage der Art `multi`: schreiben Sie `{0} contains \"option\"`",
                            "`{0}` is a `multi` question: use `{0} contains \"option\"`",
                        )
                        .both(&[name]),
                    ));
                }
                match lit {
                    Literal::Str(s) => Ok(Test::Contains { option: option(s)? }),
                    _ => wrong_value(T::new(
                        "der Id einer Option in Anführungszeichen",
                        "an option id in quotes",
                    )),
                }
            }
            Kind::Number => {
                let op = ord(op)?;
                match lit {
                    Literal::Num(n) => Ok(Test::Number { op, value: *n }),
                    _ => wrong_value(T::new("einer Zahl", "a number")),
                }
            }
            Kind::Date => {
                let op = ord(op)?;
                match lit {
                    Literal::Str(s) => match s.parse::<Date>() {
                        Ok(d) if s.len() == 10 => Ok(Test::Date { op, value: d }),
                        _ => Err((
                            false,
                            T::new(
                                "„{0}“ ist kein Datum der Form „JJJJ-MM-TT“",
                                "\"{0}\" is not a date written as \"YYYY-MM-DD\"",
                            )
                            .both(&[s]),
                        )),
                    },
                    _ => wrong_value(T::new(
                        "einem Datum in Anführungszeichen, \"JJJJ-MM-TT\"",
                        "a date in quotes, \"YYYY-MM-DD\"",
                    )),
                }
            }
            Kind::Text => {
                let equal = eq_only(op)?;
                match lit {
                    Literal::Str(s) => Ok(Test::Text {
                        value: s.clone(),
                        equal,
                    }),
                    _ => wrong_value(T::new(
                        "einer Zeichenkette in Anführungszeichen",
                        "a string in quotes",
                    )),
                }
            }
        }
    }
}
