//! What can be done with a signed result once it is opened on the results screen (TUI) or in plain
//! mode's results menu: one list in one order, so both front ends offer the same actions with the same
//! words and plain mode's numbers follow it.

use super::Format;
use crate::i18n::results as tx;
use crate::lang::Lang;

/// An action on an opened result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Verify it again (e.g. after a trusted key was added).
    Verify,
    /// Write the report in this format beside the result.
    Write(Format),
    /// Start a draft that amends it (`result::amend`).
    Amend,
    /// Back to the list of results.
    Back,
}

/// The actions under an opened result, in the order both front ends show them.
pub const ACTS: [Act; 9] = [
    Act::Verify,
    Act::Write(Format::Md),
    Act::Write(Format::Html),
    Act::Write(Format::Csv),
    Act::Write(Format::Json),
    Act::Write(Format::Xlsx),
    Act::Write(Format::Pdf),
    Act::Amend,
    Act::Back,
];

impl Act {
    pub fn label(self, lang: Lang) -> String {
        match self {
            Act::Verify => tx::VERIFY_AGAIN.get(lang).to_string(),
            Act::Write(f) => tx::WRITE_FORMAT.fill(lang, &[f.name()]),
            Act::Amend => tx::AMEND.get(lang).to_string(),
            Act::Back => tx::BACK_TO_LIST.get(lang).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_format_is_offered_once_and_back_comes_last() {
        for f in [
            Format::Md,
            Format::Html,
            Format::Csv,
            Format::Json,
            Format::Xlsx,
            Format::Pdf,
        ] {
            assert_eq!(
                ACTS.iter().filter(|a| **a == Act::Write(f)).count(),
                1,
                "{f:?}"
            );
        }
        assert_eq!(ACTS.last(), Some(&Act::Back));
        for a in ACTS {
            assert!(!a.label(Lang::De).is_empty() && a.label(Lang::De) != a.label(Lang::En));
        }
    }
}
