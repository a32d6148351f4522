//! The action-plan form of one grouped measure on the review: status (cycled with Space or ←/→),
//! owner, due date and justification. State only; `plan_update` changes it, `view::plan` draws it.

use ratatui_textarea::TextArea;

use super::fields::{field_text, text_field};
use crate::audit::plan::{self, Entry, PlanError, Status};
use crate::i18n::{Lang, dates};

/// The form's rows, in order: the status, then the three text fields.
pub const ROWS: usize = 4;

#[derive(Debug, Clone)]
pub struct PlanForm {
    /// The finding id of the measure.
    pub finding: String,
    /// Its title and measure text, as the review shows them.
    pub title: String,
    pub measure: String,
    pub status: Status,
    /// Owner, due date, justification.
    pub fields: [TextArea<'static>; 3],
    /// 0: status, 1–3: the fields.
    pub focus: usize,
    /// Why the last confirmation was not taken.
    pub error: Option<String>,
}

impl PlanForm {
    pub fn new(entry: &Entry, title: &str, measure: &str, lang: Lang) -> PlanForm {
        let due = entry
            .due
            .map(|d| dates::date_short(lang, d))
            .unwrap_or_default();
        PlanForm {
            finding: entry.finding.clone(),
            title: title.to_string(),
            measure: measure.to_string(),
            status: entry.status,
            fields: [
                text_field(&entry.owner, false),
                text_field(&due, false),
                text_field(&entry.justification, false),
            ],
            focus: 0,
            error: None,
        }
    }

    /// The typed field at the focus (none on the status row).
    pub fn field_mut(&mut self) -> Option<&mut TextArea<'static>> {
        self.focus
            .checked_sub(1)
            .and_then(|i| self.fields.get_mut(i))
    }

    /// The entry as typed; a due date that is not a date is the error.
    pub fn entry(&self) -> Result<Entry, PlanError> {
        Ok(Entry {
            finding: self.finding.clone(),
            status: self.status,
            owner: field_text(&self.fields[0]).trim().to_string(),
            due: plan::parse_due(&field_text(&self.fields[1]))?,
            justification: field_text(&self.fields[2]).trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_form_reads_back_what_it_was_made_from() {
        let e = Entry {
            finding: "no_policy".into(),
            status: Status::InProgress,
            owner: "Frau Schulz".into(),
            due: Some(jiff::civil::date(2026, 3, 31)),
            justification: String::new(),
        };
        let mut f = PlanForm::new(&e, "Keine Richtlinie", "Richtlinie erstellen", Lang::De);
        assert_eq!(f.entry().unwrap(), e);
        assert!(f.field_mut().is_none(), "the status row has no field");
        f.focus = 2;
        f.field_mut().unwrap().insert_str("x");
        assert!(matches!(f.entry(), Err(PlanError::Date(_))));
    }
}
