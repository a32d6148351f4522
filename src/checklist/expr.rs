//! The condition language of `when` fields: lexing and parsing into an untyped syntax tree with offsets.
//! Resolution of question references and type checking happen in `validate`, which knows the checklist.

mod ast;
mod lex;
mod parse;

pub use ast::{Ast, CmpOp, ExprError, Func, Literal, RefName};
pub use parse::parse;

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> ExprError {
        match parse(src) {
            Err(e) => e,
            Ok(ast) => panic!("expected an error for {src:?}, got {ast:?}"),
        }
    }

    #[test]
    fn precedence_not_and_or() -> Result<(), ExprError> {
        let ast = parse("not a == yes and b or c")?;
        let Ast::Or(lhs, _) = ast else {
            panic!("or at the top")
        };
        let Ast::And(l, _) = *lhs else {
            panic!("and below or")
        };
        assert!(matches!(*l, Ast::Not(_)));
        Ok(())
    }

    #[test]
    fn qualified_references_and_literals() -> Result<(), ExprError> {
        let ast = parse("email.count >= 2.5")?;
        let Ast::Cmp {
            target,
            op,
            literal,
            ..
        } = ast
        else {
            panic!("cmp")
        };
        assert_eq!(target.section.as_deref(), Some("email"));
        assert_eq!(target.question, "count");
        assert_eq!(target.span, 0..11);
        assert_eq!(op, CmpOp::Ge);
        assert_eq!(literal, Literal::Num(2.5));
        let ast = parse("m contains \"whats app\"")?;
        assert!(
            matches!(ast, Ast::Cmp { op: CmpOp::Contains, literal: Literal::Str(ref s), .. } if s == "whats app")
        );
        Ok(())
    }

    #[test]
    fn item_comparisons() -> Result<(), ExprError> {
        assert!(matches!(
            parse("item == \"teams\"")?,
            Ast::Item { equal: true, .. }
        ));
        assert!(matches!(parse("not (item != \"x\")")?, Ast::Not(_)));
        assert_eq!(err("item > \"x\"").span, 5..6);
        assert_eq!(err("item == yes").span, 8..11);
        // Without a comparison, `item` is an ordinary question id.
        assert!(matches!(parse("item")?, Ast::Ref(_)));
        Ok(())
    }

    #[test]
    fn functions() -> Result<(), ExprError> {
        assert!(matches!(
            parse("answered(a.b)")?,
            Ast::Call {
                func: Func::Answered,
                ..
            }
        ));
        assert!(matches!(
            parse("unknown(b)")?,
            Ast::Call {
                func: Func::Unknown,
                ..
            }
        ));
        assert!(matches!(
            parse("not_applicable(b)")?,
            Ast::Call {
                func: Func::NotApplicable,
                ..
            }
        ));
        Ok(())
    }

    #[test]
    fn dpia_comparisons() -> Result<(), ExprError> {
        let Ast::Dpia {
            span,
            op,
            verdict,
            verdict_span,
            ..
        } = parse("dpia() >= required_in_most_cases")?
        else {
            panic!("dpia")
        };
        assert_eq!(
            (span, op, verdict.as_str()),
            (0..6, CmpOp::Ge, "required_in_most_cases")
        );
        assert_eq!(verdict_span, 10..32);
        assert!(matches!(parse("not dpia() == consider or a")?, Ast::Or(..)));
        assert_eq!(err("dpia(a) == consider").span, 5..6);
        assert_eq!(err("dpia()").span, 0..6);
        assert_eq!(err("dpia() == \"consider\"").span, 10..20);
        Ok(())
    }

    #[test]
    fn errors_point_at_the_offending_column() {
        assert_eq!(err("a = yes").span, 2..3);
        assert_eq!(err("a == yes and").span, 12..12);
        assert_eq!(err("(a == yes").span, 9..9);
        assert_eq!(err("a == \"open").span, 5..10);
        assert_eq!(err("a == yes b").span, 9..10);
        assert_eq!(err("maybe(a)").span, 0..5);
        assert_eq!(err("a == ==").span, 5..7);
        assert_eq!(err("a € b").span, 2..5);
        assert!(err("").message.en.contains("empty"));
        // Said in German too.
        assert_eq!(err("").message.de, "die Bedingung ist leer");
        assert_eq!(
            err("a == yes b").message.de,
            "erwartet: `and`, `or` oder das Ende der Bedingung, gefunden: `b`"
        );
        assert_eq!(
            err("a == \"x\" )").message.de,
            "erwartet: `and`, `or` oder das Ende der Bedingung, gefunden: `)`"
        );
        assert_eq!(
            err("a == ==").message.de,
            "erwartet: ein Wert (yes, no, eine \"Zeichenkette\" oder eine Zahl), gefunden: `==`"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let src = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(err(&src).message.en.contains("nested"));
        let src = format!("{}a", "not ".repeat(10_000));
        assert!(err(&src).message.en.contains("nested"));
    }

    #[test]
    fn long_flat_chains_are_an_error_at_the_first_term_too_many() {
        for op in ["or", "and"] {
            let src = vec!["a"; 20_000].join(&format!(" {op} "));
            let e = err(&src);
            assert!(
                e.message.en.contains("more than 256 terms"),
                "{:?}",
                e.message
            );
            let at = (0..256).map(|_| 1 + op.len() + 2).sum::<usize>();
            assert_eq!(e.span, at..at + 1);
        }
        let ok = vec!["a"; 256].join(" or ");
        assert!(parse(&ok).is_ok());
    }
}
