//! Audits over time in the overview (`msgaudit summary`): which audit of a unit is the latest, which
//! are earlier or superseded by an amendment, and how the latest one's counts compare with the previous
//! audit's (↑ more, ↓ fewer, → the same; words in CSV).

use serde::Serialize;

use super::model::SeverityCounts;
use super::texts::{self as tx, T};
use crate::checklist::Severity;
use crate::lang::Lang;

/// Where an audit stands among the audits of its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The newest audit of its organisation and unit: its figures count.
    Latest,
    /// An older audit of the unit: shown, and compared with, but not counted.
    Earlier,
    /// Replaced by an amendment in the same set: shown, never counted.
    Superseded,
}

impl Standing {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Standing::Latest => tx::STANDING_LATEST.get(lang),
            Standing::Earlier => tx::STANDING_EARLIER.get(lang),
            Standing::Superseded => tx::STANDING_SUPERSEDED.get(lang),
        }
    }
}

/// How a count changed from the previous audit to the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Up,
    Down,
    Same,
}

impl Trend {
    pub fn of(previous: usize, latest: usize) -> Trend {
        match latest.cmp(&previous) {
            std::cmp::Ordering::Greater => Trend::Up,
            std::cmp::Ordering::Less => Trend::Down,
            std::cmp::Ordering::Equal => Trend::Same,
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Up => "↑",
            Trend::Down => "↓",
            Trend::Same => "→",
        }
    }

    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Trend::Up => tx::TREND_UP.get(lang),
            Trend::Down => tx::TREND_DOWN.get(lang),
            Trend::Same => tx::TREND_SAME.get(lang),
        }
    }
}

/// The trend of every severity and of the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Trends {
    pub high: Trend,
    pub medium: Trend,
    pub low: Trend,
    pub info: Trend,
    pub total: Trend,
}

impl Trends {
    pub fn of(previous: &SeverityCounts, latest: &SeverityCounts) -> Trends {
        let t = |s| Trend::of(previous.get(s), latest.get(s));
        Trends {
            high: t(Severity::High),
            medium: t(Severity::Medium),
            low: t(Severity::Low),
            info: t(Severity::Info),
            total: Trend::of(previous.total(), latest.total()),
        }
    }

    pub fn get(&self, s: Severity) -> Trend {
        match s {
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }
}

/// A count beside the previous one: "2 ↑ (1)"; without a previous audit just "2".
pub fn cell(latest: usize, previous: Option<usize>) -> String {
    match previous {
        Some(p) => format!("{latest} {} ({p})", Trend::of(p, latest).arrow()),
        None => latest.to_string(),
    }
}

/// A trend in words for CSV: „gestiegen (vorher 1)“ / "up (previously 1)"; empty without a previous audit.
pub fn words(latest: usize, previous: Option<usize>, lang: Lang) -> String {
    previous.map_or_else(String::new, |p| {
        T::new("{0} (vorher {1})", "{0} (previously {1})")
            .fill(lang, &[Trend::of(p, latest).word(lang), &p.to_string()])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_their_trend() {
        assert_eq!(cell(2, Some(1)), "2 ↑ (1)");
        assert_eq!(cell(0, Some(3)), "0 ↓ (3)");
        assert_eq!(cell(1, Some(1)), "1 → (1)");
        assert_eq!(cell(4, None), "4");
        assert_eq!(words(2, Some(1), Lang::De), "gestiegen (vorher 1)");
        assert_eq!(words(0, Some(3), Lang::En), "down (previously 3)");
        assert_eq!(words(1, None, Lang::En), "");
    }
}
