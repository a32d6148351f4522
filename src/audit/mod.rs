//! One audit: answers with notes, which questions are visible (conditions and repeats), findings, progress
//! and the DPIA verdict, derived incrementally (`Session`); what the audit says, derived once (`Outcome`).
//! UI-free: the TUI, plain mode and the reports are front ends over these.

mod answer;
mod carry;
pub mod draft;
pub mod evidence;
pub mod examples;
pub mod history;
pub mod input;
mod layout;
pub mod merging;
mod meta;
pub mod moving;
pub mod outcome;
mod propagate;
pub mod result;
mod session;
pub mod values;

pub use crate::checklist::DpiaVerdict;
pub use answer::{Answer, AnswerError, Response, Value};
pub use layout::Key;
pub use meta::{FieldProblem, Meta, MetaField};
pub use outcome::{
    Completeness, Contradiction, CriterionMet, Dpia, FindingGroup, FindingPlace, KnowledgeUse,
    ManagementSummary, OpenKind, OpenPoint, Outcome, Place, SeverityCounts, TopMeasure,
};
pub use session::{DpiaScreening, InstanceInfo, Progress, RaisedFinding, Session};
