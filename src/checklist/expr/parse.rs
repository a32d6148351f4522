//! The condition parser: recursive descent over the lexer's tokens (`or` < `and` < `not` < comparison),
//! bounded in nesting depth and number of terms.

use std::ops::Range;

use super::ast::{Ast, CmpOp, ExprError, Func, Literal, RefName};
use super::lex::{Tok, found, lex};
use crate::i18n::{T, Text};

/// Deeper nesting than this is rejected: conditions are short, and a bound keeps recursion safe.
const MAX_DEPTH: usize = 64;
/// Operands per condition. The tree of a chain `a or b or …` is as deep as the chain is long, and
/// validation and evaluation walk it recursively; with at most this many operands and
/// [`MAX_DEPTH`] levels of nesting, no walk can come near the end of a thread's stack.
/// Real conditions have a handful (the shipped checklists at most three).
const MAX_TERMS: usize = 256;

struct Parser {
    toks: Vec<(Tok, Range<usize>)>,
    pos: usize,
    len: usize,
    depth: usize,
    terms: usize,
}

/// Parse a condition into its syntax tree.
pub fn parse(src: &str) -> Result<Ast, ExprError> {
    let toks = lex(src)?;
    if toks.is_empty() {
        return Err(ExprError::new(
            0..src.len(),
            T::new("die Bedingung ist leer", "the condition is empty"),
        ));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        len: src.len(),
        depth: 0,
        terms: 0,
    };
    let ast = p.or()?;
    if let Some((tok, span)) = p.toks.get(p.pos) {
        return Err(ExprError::new(
            span.clone(),
            found(
                T::new(
                    "erwartet: `and`, `or` oder das Ende der Bedingung, gefunden: {0}",
                    "expected `and`, `or` or the end of the condition, found {0}",
                ),
                tok,
            ),
        ));
    }
    Ok(ast)
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn peek_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(w)) if w == word)
    }

    fn end_span(&self) -> Range<usize> {
        self.len..self.len
    }

    fn next_or(&mut self, what: T) -> Result<(Tok, Range<usize>), ExprError> {
        match self.toks.get(self.pos) {
            Some(t) => {
                self.pos += 1;
                Ok(t.clone())
            }
            None => Err(ExprError::new(
                self.end_span(),
                Text::by(|lang| {
                    T::new(
                        "die Bedingung endet zu früh: erwartet: {0}",
                        "the condition ends early: expected {0}",
                    )
                    .fill(lang, &[what.get(lang)])
                }),
            )),
        }
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self
                .toks
                .get(self.pos)
                .map_or(self.end_span(), |(_, s)| s.clone());
            return Err(ExprError::new(
                span,
                T::new(
                    "die Bedingung ist mehr als {0} Ebenen tief verschachtelt",
                    "the condition is nested more than {0} levels deep",
                )
                .both(&[&MAX_DEPTH.to_string()]),
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Ast, ExprError> {
        self.enter()?;
        let mut lhs = self.and()?;
        while self.peek_word("or") {
            self.pos += 1;
            let rhs = self.and()?;
            lhs = Ast::Or(Box::new(lhs), Box::new(rhs));
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn and(&mut self) -> Result<Ast, ExprError> {
        let mut lhs = self.unary()?;
        while self.peek_word("and") {
            self.pos += 1;
            let rhs = self.unary()?;
            lhs = Ast::And(Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<Ast, ExprError> {
        if self.peek_word("not") {
            self.pos += 1;
            self.enter()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Ast::Not(Box::new(inner)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Ast, ExprError> {
        // Parentheses are not terms; what they hold is counted on its own.
        if self.peek() != Some(&Tok::LParen) {
            self.terms += 1;
        }
        if self.terms > MAX_TERMS {
            let span = self
                .toks
                .get(self.pos)
                .map_or(self.end_span(), |(_, s)| s.clone());
            return Err(ExprError::new(
                span,
                T::new(
                    "die Bedingung hat mehr als {0} Glieder; schreiben Sie sie kürzer \
                     (z. B. `selected(q)` statt einer Kette von `or` über alle Optionen)",
                    "the condition has more than {0} terms; write it shorter \
                     (e.g. `selected(q)` instead of a chain of `or` over every option)",
                )
                .both(&[&MAX_TERMS.to_string()]),
            ));
        }
        let (tok, span) = self.next_or(T::new(
            "eine Frage, `not`, eine Funktion oder `(`",
            "a question, `not`, a function or `(`",
        ))?;
        match tok {
            Tok::LParen => {
                let inner = self.or()?;
                match self.next_or(T::new("`)`", "`)`"))? {
                    (Tok::RParen, _) => {}
                    (other, s) => {
                        return Err(ExprError::new(
                            s,
                            found(
                                T::new("erwartet: `)`, gefunden: {0}", "expected `)`, found {0}"),
                                &other,
                            ),
                        ));
                    }
                }
                if let Some(Tok::Op(_)) = self.peek() {
                    let s = self.toks[self.pos].1.clone();
                    return Err(ExprError::new(
                        s,
                        T::new(
                            "nur eine Frage kann verglichen werden, keine eingeklammerte Bedingung",
                            "only a question can be compared, not a parenthesised condition",
                        ),
                    ));
                }
                Ok(inner)
            }
            Tok::Ident(word) if word == "dpia" && matches!(self.peek(), Some(Tok::LParen)) => {
                self.dpia(span)
            }
            Tok::Ident(word) if matches!(self.peek(), Some(Tok::LParen)) => {
                let func = match word.as_str() {
                    "answered" => Func::Answered,
                    "unknown" => Func::Unknown,
                    "not_applicable" => Func::NotApplicable,
                    "selected" => Func::Selected,
                    _ => {
                        return Err(ExprError::new(span, T::new(
                                "unbekannte Funktion `{0}`; die Funktionen sind answered(), unknown(), not_applicable() und selected()",
                                "unknown function `{0}`; the functions are answered(), unknown(), not_applicable() and selected()",
                            )
                            .both(&[&word])));
                    }
                };
                self.pos += 1;
                let (tok, s) = self.next_or(T::new("die Id einer Frage", "a question id"))?;
                let Tok::Ident(first) = tok else {
                    return Err(ExprError::new(
                        s,
                        found(
                            T::new(
                                "erwartet: die Id einer Frage, gefunden: {0}",
                                "expected a question id, found {0}",
                            ),
                            &tok,
                        ),
                    ));
                };
                let target = self.reference(first, s)?;
                match self.next_or(T::new("`)`", "`)`"))? {
                    (Tok::RParen, _) => Ok(Ast::Call { func, target }),
                    (other, s) => Err(ExprError::new(
                        s,
                        found(
                            T::new("erwartet: `)`, gefunden: {0}", "expected `)`, found {0}"),
                            &other,
                        ),
                    )),
                }
            }
            Tok::Ident(word) if word == "item" && matches!(self.peek(), Some(Tok::Op(_))) => {
                let Some(Tok::Op(op)) = self.peek().cloned() else {
                    unreachable!("checked by the match guard")
                };
                let op_span = self.toks[self.pos].1.clone();
                let equal = match op {
                    CmpOp::Eq => true,
                    CmpOp::Ne => false,
                    _ => {
                        return Err(ExprError::new(
                            op_span,
                            T::new(
                                "`item` wird mit `==` oder `!=` verglichen",
                                "`item` is compared with `==` or `!=`",
                            ),
                        ));
                    }
                };
                self.pos += 1;
                let (tok, literal_span) = self.next_or(T::new(
                    "die Id einer Option nach dem Vergleich",
                    "an option id after the comparison",
                ))?;
                let literal = match tok {
                    Tok::Str(s) => Literal::Str(s),
                    other => {
                        return Err(ExprError::new(
                            literal_span,
                            found(
                                T::new(
                                    "`item` wird mit der Id einer Option in Anführungszeichen verglichen, gefunden: {0}",
                                    "`item` is compared with an option id in quotes, found {0}",
                                ),
                                &other,
                            ),
                        ));
                    }
                };
                Ok(Ast::Item {
                    span,
                    equal,
                    op_span,
                    literal,
                    literal_span,
                })
            }
            Tok::Ident(word) if !matches!(word.as_str(), "and" | "or" | "not" | "yes" | "no") => {
                let target = self.reference(word, span)?;
                let Some(Tok::Op(op)) = self.peek().cloned() else {
                    return Ok(Ast::Ref(target));
                };
                let op_span = self.toks[self.pos].1.clone();
                self.pos += 1;
                let (tok, literal_span) = self.next_or(T::new(
                    "ein Wert nach dem Vergleich",
                    "a value after the comparison",
                ))?;
                let literal = match tok {
                    Tok::Ident(w) if w == "yes" => Literal::Yes,
                    Tok::Ident(w) if w == "no" => Literal::No,
                    Tok::Str(s) => Literal::Str(s),
                    Tok::Num(n) => Literal::Num(n),
                    other => {
                        return Err(ExprError::new(
                            literal_span,
                            found(
                                T::new(
                                    "erwartet: ein Wert (yes, no, eine \"Zeichenkette\" oder eine Zahl), gefunden: {0}",
                                    "expected a value (yes, no, a \"string\" or a number), found {0}",
                                ),
                                &other,
                            ),
                        ));
                    }
                };
                Ok(Ast::Cmp {
                    target,
                    op,
                    op_span,
                    literal,
                    literal_span,
                })
            }
            other => Err(ExprError::new(
                span,
                found(
                    T::new(
                        "erwartet: eine Frage, `not`, eine Funktion oder `(`, gefunden: {0}",
                        "expected a question, `not`, a function or `(`, found {0}",
                    ),
                    &other,
                ),
            )),
        }
    }

    /// `dpia()` then an operator and a verdict name; `span` is that of `dpia`.
    fn dpia(&mut self, span: Range<usize>) -> Result<Ast, ExprError> {
        self.pos += 1;
        let (tok, s) = self.next_or(T::new(
            "`)`: dpia() hat kein Argument",
            "`)`: dpia() takes no argument",
        ))?;
        if tok != Tok::RParen {
            return Err(ExprError::new(
                s,
                T::new(
                    "dpia() hat kein Argument: schreiben Sie `dpia() >= required_in_most_cases`",
                    "dpia() takes no argument: write `dpia() >= required_in_most_cases`",
                ),
            ));
        }
        let span = span.start..s.end;
        let Some((Tok::Op(op), op_span)) = self.toks.get(self.pos).cloned() else {
            return Err(ExprError::new(
                span,
                T::new(
                    "vergleichen Sie dpia() mit einem Ergebnis der DSFA-Vorprüfung, z. B. `dpia() >= required_in_most_cases`",
                    "compare dpia() with a verdict, e.g. `dpia() >= required_in_most_cases`",
                ),
            ));
        };
        self.pos += 1;
        match self.next_or(T::new(
            "ein Ergebnis der DSFA-Vorprüfung nach dem Vergleich",
            "a DPIA verdict after the comparison",
        ))? {
            (Tok::Ident(verdict), verdict_span) => Ok(Ast::Dpia {
                span,
                op,
                op_span,
                verdict,
                verdict_span,
            }),
            (other, s) => Err(ExprError::new(
                s,
                found(
                    T::new(
                        "dpia() wird mit einem Ergebnis verglichen (not_indicated, consider, required_in_most_cases, required), gefunden: {0}",
                        "dpia() is compared with a verdict (not_indicated, consider, required_in_most_cases, required), found {0}",
                    ),
                    &other,
                ),
            )),
        }
    }

    fn reference(&mut self, first: String, span: Range<usize>) -> Result<RefName, ExprError> {
        if matches!(self.peek(), Some(Tok::Dot)) {
            self.pos += 1;
            let (tok, s) = self.next_or(T::new(
                "die Id einer Frage nach `.`",
                "a question id after `.`",
            ))?;
            let Tok::Ident(question) = tok else {
                return Err(ExprError::new(
                    s,
                    found(
                        T::new(
                            "erwartet: die Id einer Frage nach `.`, gefunden: {0}",
                            "expected a question id after `.`, found {0}",
                        ),
                        &tok,
                    ),
                ));
            };
            return Ok(RefName {
                section: Some(first),
                question,
                span: span.start..s.end,
            });
        }
        Ok(RefName {
            section: None,
            question: first,
            span,
        })
    }
}
