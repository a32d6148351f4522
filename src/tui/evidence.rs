//! The evidence form of one question (`a` or F4 on the question screen): the files attached to it, a
//! path field with Tab completion and a caption. State only; `evidence_update` changes it, and the
//! runner carries out attaching and removing through `Persistence` (`crate::evidence` on disk).

use ratatui_textarea::TextArea;

use super::fields::text_field;
use crate::audit::evidence::Evidence;

/// How many completions the form lists under the path field.
pub const COMPLETIONS: usize = 6;

#[derive(Debug, Clone)]
pub struct EvidenceForm {
    /// The answer key of the question (`email.in_records`, `review[whatsapp].avv`).
    pub question: String,
    /// The question's text, as the question screen shows it.
    pub title: String,
    pub path: TextArea<'static>,
    pub caption: TextArea<'static>,
    /// 0: the path, 1: the caption.
    pub focus: usize,
    /// The attached file that F8 removes (an index among this question's files).
    pub selected: usize,
    /// The names that fit the typed path, after the last Tab.
    pub candidates: Vec<String>,
    /// What the last attach or remove did (false) or why it failed (true).
    pub message: Option<(String, bool)>,
    /// An attach or remove is under way.
    pub busy: bool,
}

/// What the runner reports back after an evidence effect.
#[derive(Debug, Clone)]
pub enum Done {
    Attached(Evidence),
    Removed(Evidence),
    /// The completion of the typed path: the completed text and the names that fit.
    Completed(String, Vec<String>),
}

impl EvidenceForm {
    pub fn new(question: &str, title: &str) -> EvidenceForm {
        EvidenceForm {
            question: question.to_string(),
            title: title.to_string(),
            path: text_field("", false),
            caption: text_field("", false),
            focus: 0,
            selected: 0,
            candidates: Vec::new(),
            message: None,
            busy: false,
        }
    }

    pub fn field_mut(&mut self) -> &mut TextArea<'static> {
        if self.focus == 0 {
            &mut self.path
        } else {
            &mut self.caption
        }
    }
}
