//! Audit metadata: who was audited, by whom, in which language. Not questions: they frame the audit and
//! head every draft, result and report. The audit date is typed as text in forms and prompts; one rule
//! (`Meta::from_texts`) reads every field for all front ends.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::i18n::dates::{self, DateError};
use crate::lang::Lang;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The organisation (company) audited.
    pub organisation: String,
    /// The unit or scope of this audit (department, site, process).
    pub unit: String,
    /// Interview partners, free text (names and roles).
    #[serde(default)]
    pub interviewees: String,
    /// The auditor (usually the DPO).
    pub auditor: String,
    /// The day the audit was held (the interviews), in the auditor's time zone. Absent in drafts and
    /// results made before it existed: those still load and verify, and reports show the day the audit
    /// was finished instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_date: Option<Date>,
    /// Language of the audit: texts of the checklist, statement, reports.
    pub lang: Lang,
}

/// A metadata field, for validation messages and forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaField {
    Organisation,
    Unit,
    Interviewees,
    Auditor,
    AuditDate,
}

/// What is wrong with the text typed into a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    /// A required field is empty (only white space counts as empty).
    Missing,
    /// The audit date is not a date, or lies after today.
    Date(DateError),
}

impl MetaField {
    pub const ALL: [MetaField; 5] = [
        MetaField::Organisation,
        MetaField::Unit,
        MetaField::Interviewees,
        MetaField::Auditor,
        MetaField::AuditDate,
    ];

    pub fn required(self) -> bool {
        !matches!(self, MetaField::Interviewees)
    }
}

impl Meta {
    /// A text field's value; the audit date is not a text (see [`Meta::text`]).
    fn get(&self, f: MetaField) -> Option<&str> {
        match f {
            MetaField::Organisation => Some(&self.organisation),
            MetaField::Unit => Some(&self.unit),
            MetaField::Interviewees => Some(&self.interviewees),
            MetaField::Auditor => Some(&self.auditor),
            MetaField::AuditDate => None,
        }
    }

    /// A field as a form or prompt shows it for editing; an audit date not yet set is `today`.
    pub fn text(&self, f: MetaField, lang: Lang, today: Date) -> String {
        match self.get(f) {
            Some(s) => s.to_string(),
            None => dates::date_short(lang, self.audit_date.unwrap_or(today)),
        }
    }

    /// Set a field from its typed text: trimmed; the audit date must be a date that is not after `today`.
    pub fn set_text(&mut self, f: MetaField, text: &str, today: Date) -> Result<(), FieldProblem> {
        let text = text.trim();
        if f.required() && text.is_empty() {
            return Err(FieldProblem::Missing);
        }
        let value = text.to_string();
        match f {
            MetaField::Organisation => self.organisation = value,
            MetaField::Unit => self.unit = value,
            MetaField::Interviewees => self.interviewees = value,
            MetaField::Auditor => self.auditor = value,
            MetaField::AuditDate => {
                self.audit_date =
                    Some(dates::parse_past_date(text, today).map_err(FieldProblem::Date)?);
            }
        }
        Ok(())
    }

    /// The details from the typed text of every field (`text(f)`), or every field's problem.
    pub fn from_texts(
        text: impl Fn(MetaField) -> String,
        lang: Lang,
        today: Date,
    ) -> Result<Meta, Vec<(MetaField, FieldProblem)>> {
        let mut m = Meta {
            lang,
            ..Meta::default()
        };
        let problems: Vec<(MetaField, FieldProblem)> = MetaField::ALL
            .into_iter()
            .filter_map(|f| m.set_text(f, &text(f), today).err().map(|p| (f, p)))
            .collect();
        if problems.is_empty() {
            Ok(m)
        } else {
            Err(problems)
        }
    }

    /// Required text fields that are empty (only white space counts as empty). An audit date not yet set
    /// is not missing: it defaults to the day the audit is finished.
    pub fn missing(&self) -> Vec<MetaField> {
        MetaField::ALL
            .into_iter()
            .filter(|f| f.required() && self.get(*f).is_some_and(|s| s.trim().is_empty()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const TODAY: Date = jiff::civil::date(2026, 12, 1);

    #[test]
    fn required_fields() {
        let mut m = Meta::default();
        assert_eq!(
            m.missing(),
            vec![MetaField::Organisation, MetaField::Unit, MetaField::Auditor]
        );
        m.set_text(MetaField::Organisation, "Muster GmbH", TODAY)
            .unwrap();
        assert_eq!(
            m.set_text(MetaField::Unit, "  ", TODAY),
            Err(FieldProblem::Missing)
        );
        m.set_text(MetaField::Auditor, " A. Prüfer ", TODAY)
            .unwrap();
        assert_eq!(m.auditor, "A. Prüfer");
        assert_eq!(m.missing(), vec![MetaField::Unit]);
    }

    #[test]
    fn the_audit_date_defaults_to_today_and_is_validated() {
        let texts = |date: &'static str| {
            move |f: MetaField| match f {
                MetaField::AuditDate => date.to_string(),
                MetaField::Interviewees => String::new(),
                _ => "x".to_string(),
            }
        };
        let blank = Meta::default();
        assert_eq!(
            blank.text(MetaField::AuditDate, Lang::De, TODAY),
            "01.12.2026"
        );
        assert_eq!(
            blank.text(MetaField::AuditDate, Lang::En, TODAY),
            "2026-12-01"
        );
        let m = Meta::from_texts(texts("28.11.2026"), Lang::De, TODAY).unwrap();
        assert_eq!(m.audit_date, Some(jiff::civil::date(2026, 11, 28)));
        assert_eq!(m.text(MetaField::AuditDate, Lang::En, TODAY), "2026-11-28");
        assert_eq!(
            Meta::from_texts(texts("2026-12-02"), Lang::De, TODAY),
            Err(vec![(
                MetaField::AuditDate,
                FieldProblem::Date(DateError::Future)
            )])
        );
        assert_eq!(
            Meta::from_texts(texts("31.11.2026"), Lang::De, TODAY),
            Err(vec![(
                MetaField::AuditDate,
                FieldProblem::Date(DateError::Format)
            )])
        );
        assert_eq!(
            Meta::from_texts(texts(" "), Lang::De, TODAY),
            Err(vec![(MetaField::AuditDate, FieldProblem::Missing)])
        );
    }

    #[test]
    fn details_without_an_audit_date_load_and_keep_their_shape() {
        let old = "organisation = \"M\"\nunit = \"V\"\nauditor = \"P\"\nlang = \"de\"\n";
        let m: Meta = toml::from_str(old).unwrap();
        assert_eq!(m.audit_date, None);
        assert!(m.missing().is_empty());
        // Written again without the field, so that files of this shape stay as they were.
        assert!(!toml::to_string(&m).unwrap().contains("audit_date"));
        let dated = Meta {
            audit_date: Some(TODAY),
            ..m
        };
        let text = toml::to_string(&dated).unwrap();
        assert!(text.contains("audit_date = \"2026-12-01\""), "{text}");
        assert_eq!(toml::from_str::<Meta>(&text).unwrap(), dated);
    }
}
