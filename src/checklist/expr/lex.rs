//! The condition lexer: identifiers, strings (with the byte span of every character, for exact error
//! columns), numbers, comparison operators and punctuation.

use std::ops::Range;

use super::ast::{CmpOp, ExprError};
use crate::i18n::{Lang, T, Text};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    Op(CmpOp),
    LParen,
    RParen,
    Dot,
}

pub(super) fn lex(src: &str) -> Result<Vec<(Tok, Range<usize>)>, ExprError> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let err = |end: usize, msg: Text| ExprError::new(start..end, msg);
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
            }
            b'(' | b')' | b'.' => {
                let tok = match c {
                    b'(' => Tok::LParen,
                    b')' => Tok::RParen,
                    _ => Tok::Dot,
                };
                out.push((tok, i..i + 1));
                i += 1;
            }
            b'=' | b'!' | b'<' | b'>' => {
                let two = bytes.get(i + 1) == Some(&b'=');
                let op = match (c, two) {
                    (b'=', true) => CmpOp::Eq,
                    (b'!', true) => CmpOp::Ne,
                    (b'<', true) => CmpOp::Le,
                    (b'>', true) => CmpOp::Ge,
                    (b'<', false) => CmpOp::Lt,
                    (b'>', false) => CmpOp::Gt,
                    (b'=', false) => {
                        return Err(err(
                            i + 1,
                            T::new(
                                "`=` ist kein Operator; zum Vergleichen schreiben Sie `==`",
                                "`=` is not an operator; use `==` to compare",
                            )
                            .into(),
                        ));
                    }
                    _ => {
                        return Err(err(
                            i + 1,
                            T::new(
                                "`!` ist kein Operator; schreiben Sie `not` oder `!=`",
                                "`!` is not an operator; use `not` or `!=`",
                            )
                            .into(),
                        ));
                    }
                };
                let len = if two { 2 } else { 1 };
                out.push((Tok::Op(op), i..i + len));
                i += len;
            }
            b'"' => {
                let rest = &src[i + 1..];
                let Some(end) = rest.find('"') else {
                    return Err(err(
                        src.len(),
                        T::new(
                            "dieser Zeichenkette fehlt das schließende `\"`",
                            "this string has no closing `\"`",
                        )
                        .into(),
                    ));
                };
                out.push((Tok::Str(rest[..end].to_string()), i..i + end + 2));
                i += end + 2;
            }
            b'0'..=b'9' | b'-' => {
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'.') {
                    j += 1;
                }
                let text = &src[i..j];
                let n: f64 = text.parse().map_err(|_| {
                    err(
                        j,
                        T::new("`{0}` ist keine Zahl", "`{0}` is not a number").both(&[text]),
                    )
                })?;
                out.push((Tok::Num(n), i..j));
                i = j;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'-')
                {
                    j += 1;
                }
                let word = &src[i..j];
                if word == "contains" {
                    out.push((Tok::Op(CmpOp::Contains), i..j));
                } else {
                    out.push((Tok::Ident(word.to_string()), i..j));
                }
                i = j;
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or('?');
                let end = i + ch.len_utf8();
                return Err(ExprError::new(
                    i..end,
                    T::new(
                        "unerwartetes Zeichen `{0}` in der Bedingung",
                        "unexpected character `{0}` in condition",
                    )
                    .both(&[&ch.escape_debug().to_string()]),
                ));
            }
        }
    }
    Ok(out)
}

/// A token as an error message names it, in `lang`.
pub(super) fn describe(tok: &Tok, lang: Lang) -> String {
    match tok {
        Tok::Ident(w) => format!("`{w}`"),
        Tok::Str(s) => T::new("die Zeichenkette „{0}“", "the string \"{0}\"").fill(lang, &[s]),
        Tok::Num(n) => T::new("die Zahl {0}", "the number {0}").fill(lang, &[&n.to_string()]),
        Tok::Op(op) => format!("`{}`", op.as_str()),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::Dot => "`.`".into(),
    }
}

/// `template` with `{0}` the token, as [`describe`] names it in each language.
pub(super) fn found(template: T, tok: &Tok) -> Text {
    Text::by(|lang| template.fill(lang, &[&describe(tok, lang)]))
}
