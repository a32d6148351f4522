//! The untyped syntax tree of a condition, with the byte range of every part inside the condition
//! string (so validation can point at the exact column), and the parse error type.

use std::ops::Range;

use crate::i18n::Text;

/// A parse error with its byte range inside the condition string, said in German and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub span: Range<usize>,
    pub message: Text,
}

impl ExprError {
    pub(super) fn new(span: Range<usize>, message: impl Into<Text>) -> ExprError {
        ExprError {
            span,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Contains => "contains",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Answered,
    Unknown,
    NotApplicable,
    /// A choice question with at least one option chosen (an empty multiple choice is answered, not selected).
    Selected,
}

/// A reference to a question as written: `question` or `section.question`.
#[derive(Debug, Clone, PartialEq)]
pub struct RefName {
    pub section: Option<String>,
    pub question: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Yes,
    No,
    Str(String),
    Num(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    Or(Box<Ast>, Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Not(Box<Ast>),
    /// A bare reference: shorthand for `== yes` on a yes/no question.
    Ref(RefName),
    Cmp {
        target: RefName,
        op: CmpOp,
        op_span: Range<usize>,
        literal: Literal,
        literal_span: Range<usize>,
    },
    Call {
        func: Func,
        target: RefName,
    },
    /// `dpia() >= required_in_most_cases`: the DPIA screening verdict compared with a verdict name.
    Dpia {
        span: Range<usize>,
        op: CmpOp,
        op_span: Range<usize>,
        verdict: String,
        verdict_span: Range<usize>,
    },
    /// `item == "option"` / `item != "option"`: which repetition of a repeated section this is.
    Item {
        span: Range<usize>,
        equal: bool,
        op_span: Range<usize>,
        literal: Literal,
        literal_span: Range<usize>,
    },
}
