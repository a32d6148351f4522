//! Audit metadata: who was audited, by whom, in which language. Not questions: they frame the audit and
//! head every draft, result and report.

use serde::{Deserialize, Serialize};

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
}

impl MetaField {
    pub const ALL: [MetaField; 4] = [
        MetaField::Organisation,
        MetaField::Unit,
        MetaField::Interviewees,
        MetaField::Auditor,
    ];

    pub fn required(self) -> bool {
        !matches!(self, MetaField::Interviewees)
    }
}

impl Meta {
    pub fn get(&self, f: MetaField) -> &str {
        match f {
            MetaField::Organisation => &self.organisation,
            MetaField::Unit => &self.unit,
            MetaField::Interviewees => &self.interviewees,
            MetaField::Auditor => &self.auditor,
        }
    }

    pub fn set(&mut self, f: MetaField, value: String) {
        match f {
            MetaField::Organisation => self.organisation = value,
            MetaField::Unit => self.unit = value,
            MetaField::Interviewees => self.interviewees = value,
            MetaField::Auditor => self.auditor = value,
        }
    }

    /// Required fields that are empty (only white space counts as empty).
    pub fn missing(&self) -> Vec<MetaField> {
        MetaField::ALL
            .into_iter()
            .filter(|f| f.required() && self.get(*f).trim().is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_fields() {
        let mut m = Meta::default();
        assert_eq!(
            m.missing(),
            vec![MetaField::Organisation, MetaField::Unit, MetaField::Auditor]
        );
        m.set(MetaField::Organisation, "Muster GmbH".into());
        m.set(MetaField::Unit, "  ".into());
        m.set(MetaField::Auditor, "A. Prüfer".into());
        assert_eq!(m.missing(), vec![MetaField::Unit]);
    }
}
