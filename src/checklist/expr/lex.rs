//! The condition lexer: identifiers, strings (with the byte span of every character, for exact error
//! columns), numbers, comparison operators and punctuation.

use std::ops::Range;

use super::ast::{CmpOp, ExprError};

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
        let err = |end: usize, msg: &str| ExprError {
            span: start..end,
            message: msg.to_string(),
        };
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
                        return Err(err(i + 1, "`=` is not an operator; use `==` to compare"));
                    }
                    _ => return Err(err(i + 1, "`!` is not an operator; use `not` or `!=`")),
                };
                let len = if two { 2 } else { 1 };
                out.push((Tok::Op(op), i..i + len));
                i += len;
            }
            b'"' => {
                let rest = &src[i + 1..];
                let Some(end) = rest.find('"') else {
                    return Err(err(src.len(), "this string has no closing `\"`"));
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
                let n: f64 = text
                    .parse()
                    .map_err(|_| err(j, &format!("`{text}` is not a number")))?;
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
                return Err(ExprError {
                    span: i..end,
                    message: format!("unexpected character `{}` in condition", ch.escape_debug()),
                });
            }
        }
    }
    Ok(out)
}

pub(super) fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Ident(w) => format!("`{w}`"),
        Tok::Str(s) => format!("the string \"{s}\""),
        Tok::Num(n) => format!("the number {n}"),
        Tok::Op(op) => format!("`{}`", op.as_str()),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::Dot => "`.`".into(),
    }
}
