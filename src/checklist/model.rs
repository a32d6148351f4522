//! The validated checklist: what the engine and the front ends work with. Every id is resolved to an index
//! and every condition is type-checked, so nothing here can fail at run time.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::art30::Art30Field;
use crate::i18n::{Lang, T, vocab};

/// A text in every language of its checklist, in the checklist's language order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub(crate) entries: Vec<(Arc<str>, String)>,
}

/// As pairs of language and text; the languages read back are shared (a checklist has two or three).
impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.entries.iter().map(|(l, t)| (&**l, t)))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        thread_local! {
            static LANGUAGES: std::cell::RefCell<Vec<Arc<str>>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let pairs = Vec::<(String, String)>::deserialize(d)?;
        let entries = LANGUAGES.with_borrow_mut(|known| {
            pairs
                .into_iter()
                .map(|(lang, text)| {
                    if let Some(k) = known.iter().find(|k| ***k == *lang) {
                        return (Arc::clone(k), text);
                    }
                    let k: Arc<str> = Arc::from(lang.as_str());
                    // A damaged file cannot make the list grow without end.
                    if known.len() < 16 {
                        known.push(Arc::clone(&k));
                    }
                    (k, text)
                })
                .collect()
        });
        Ok(Text { entries })
    }
}

impl Text {
    /// The text in `lang`, or in the checklist's first language when it has no such language.
    pub fn get(&self, lang: &str) -> &str {
        self.entries
            .iter()
            .find(|(l, _)| &**l == lang)
            .or_else(|| self.entries.first())
            .map_or("", |(_, t)| t.as_str())
    }

    /// The text in `lang` with `{item}` replaced by the label of the repetition it stands in.
    pub fn render<'a>(&'a self, lang: &str, item: Option<&str>) -> Cow<'a, str> {
        let t = self.get(lang);
        match item {
            Some(label) if t.contains("{item}") => Cow::Owned(t.replace("{item}", label)),
            _ => Cow::Borrowed(t),
        }
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(l, _)| &**l)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    pub id: String,
    pub version: String,
    pub languages: Vec<String>,
    pub title: Text,
    pub description: Text,
    pub sections: Vec<Section>,
    pub knowledge: Option<KnowledgeBase>,
    /// SHA-256 over all source files (docs/checklist-format.md, "Checklist hash"), lowercase hex.
    pub sha256: String,
    /// The main file this checklist was loaded from.
    pub path: PathBuf,
    /// Total number of questions, repeated sections counted once.
    pub question_count: usize,
    /// The files whose sections this checklist includes (directly or through them).
    pub includes: Vec<PathBuf>,
    /// The `prefill`s of its questions, in checklist order.
    pub prefills: Vec<Prefill>,
    /// Every file its load read (its own, its includes', the knowledge bases, and those of the includes'
    /// own checks), each with the SHA-256 of the bytes read: what a cached copy of this checklist must
    /// find unchanged to stand for a new load (`catalog::cache`).
    pub read: Vec<SourceFile>,
}

/// A file read while loading a checklist and the SHA-256 of exactly the bytes that were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: PathBuf,
    pub sha256: [u8; 32],
}

/// A `multi` question that starts with the options chosen at an earlier `multi` question, in every
/// repetition of that question's section (docs/checklist-format.md, "Carrying answers over").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefill {
    pub target: QRef,
    pub source: QRef,
    /// For each option of the source, the index of the option with the same id in the target.
    pub options: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub intro: Option<Text>,
    pub when: Option<Cond>,
    /// The `single`/`multi` question whose selected options repeat this section.
    pub for_each: Option<QRef>,
    pub questions: Vec<Question>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub text: Text,
    pub help: Option<Text>,
    pub refs: Vec<Text>,
    pub options: Vec<ChoiceOption>,
    pub required: bool,
    pub allow_unknown: bool,
    pub allow_not_applicable: bool,
    pub when: Option<Cond>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The field of the record of processing activities its answer fills (`art30 = "purpose"`).
    pub art30: Option<Art30Field>,
    pub findings: Vec<Finding>,
}

impl Question {
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    YesNo,
    Single,
    Multi,
    Text,
    Number,
    Date,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::YesNo => "yes_no",
            Kind::Single => "single",
            Kind::Multi => "multi",
            Kind::Text => "text",
            Kind::Number => "number",
            Kind::Date => "date",
        }
    }

    pub fn is_choice(self) -> bool {
        matches!(self, Kind::Single | Kind::Multi)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub id: String,
    pub label: Text,
    /// The auditor names this choice (e.g. an unlisted messenger).
    pub other: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: String,
    pub when: Cond,
    pub severity: Severity,
    pub title: Text,
    pub measure: Text,
    pub refs: Vec<Text>,
    pub dpia_criterion: Option<DpiaCriterion>,
    /// Ids of findings this one is the root cause of: raised together, they are listed under it.
    pub covers: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// The severity in words ("Hoch" / "High").
    pub fn word(self) -> T {
        match self {
            Severity::High => vocab::SEVERITY_HIGH,
            Severity::Medium => vocab::SEVERITY_MEDIUM,
            Severity::Low => vocab::SEVERITY_LOW,
            Severity::Info => vocab::SEVERITY_INFO,
        }
    }
}

/// The screening criteria of WP248 rev.01, plus the DSK list of processing that always needs a DPIA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DpiaCriterion {
    EvaluationScoring,
    AutomatedDecision,
    SystematicMonitoring,
    SensitiveData,
    LargeScale,
    MatchingDatasets,
    VulnerableSubjects,
    NewTechnology,
    PreventsRights,
    DskMustList,
}

impl DpiaCriterion {
    pub const ALL: [DpiaCriterion; 10] = [
        DpiaCriterion::EvaluationScoring,
        DpiaCriterion::AutomatedDecision,
        DpiaCriterion::SystematicMonitoring,
        DpiaCriterion::SensitiveData,
        DpiaCriterion::LargeScale,
        DpiaCriterion::MatchingDatasets,
        DpiaCriterion::VulnerableSubjects,
        DpiaCriterion::NewTechnology,
        DpiaCriterion::PreventsRights,
        DpiaCriterion::DskMustList,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DpiaCriterion::EvaluationScoring => "evaluation_scoring",
            DpiaCriterion::AutomatedDecision => "automated_decision",
            DpiaCriterion::SystematicMonitoring => "systematic_monitoring",
            DpiaCriterion::SensitiveData => "sensitive_data",
            DpiaCriterion::LargeScale => "large_scale",
            DpiaCriterion::MatchingDatasets => "matching_datasets",
            DpiaCriterion::VulnerableSubjects => "vulnerable_subjects",
            DpiaCriterion::NewTechnology => "new_technology",
            DpiaCriterion::PreventsRights => "prevents_rights",
            DpiaCriterion::DskMustList => "dsk_must_list",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The criterion in words, as WP248 rev.01 and the DSK list name it.
    pub fn word(self) -> T {
        match self {
            DpiaCriterion::EvaluationScoring => vocab::CRITERION_EVALUATION_SCORING,
            DpiaCriterion::AutomatedDecision => vocab::CRITERION_AUTOMATED_DECISION,
            DpiaCriterion::SystematicMonitoring => vocab::CRITERION_SYSTEMATIC_MONITORING,
            DpiaCriterion::SensitiveData => vocab::CRITERION_SENSITIVE_DATA,
            DpiaCriterion::LargeScale => vocab::CRITERION_LARGE_SCALE,
            DpiaCriterion::MatchingDatasets => vocab::CRITERION_MATCHING_DATASETS,
            DpiaCriterion::VulnerableSubjects => vocab::CRITERION_VULNERABLE_SUBJECTS,
            DpiaCriterion::NewTechnology => vocab::CRITERION_NEW_TECHNOLOGY,
            DpiaCriterion::PreventsRights => vocab::CRITERION_PREVENTS_RIGHTS,
            DpiaCriterion::DskMustList => vocab::CRITERION_DSK_MUST_LIST,
        }
    }
}

/// The DPIA screening verdict, ordered from "nothing indicated" to "required" (conditions compare it).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DpiaVerdict {
    /// No criterion met.
    NotIndicated,
    /// One WP248 criterion: consider a DPIA and document why none is done.
    Consider,
    /// Two or more WP248 criteria: WP248 rev.01 says such processing "would require a DPIA in most cases".
    /// Format-1 results and examples wrote this verdict as `recommended`.
    #[serde(alias = "recommended")]
    RequiredInMostCases,
    /// Listed on the DSK "Muss-Liste" (Art. 35(4) GDPR).
    Required,
}

impl DpiaVerdict {
    pub const ALL: [DpiaVerdict; 4] = [
        DpiaVerdict::NotIndicated,
        DpiaVerdict::Consider,
        DpiaVerdict::RequiredInMostCases,
        DpiaVerdict::Required,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DpiaVerdict::NotIndicated => "not_indicated",
            DpiaVerdict::Consider => "consider",
            DpiaVerdict::RequiredInMostCases => "required_in_most_cases",
            DpiaVerdict::Required => "required",
        }
    }

    /// The verdict named `s`; `recommended`, the format-1 name of `required_in_most_cases`, is accepted.
    pub fn parse(s: &str) -> Option<Self> {
        if s == "recommended" {
            return Some(DpiaVerdict::RequiredInMostCases);
        }
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The verdict for a set of distinct criteria met (docs/checklist-format.md, "DPIA screening").
    pub fn of(criteria: &[DpiaCriterion]) -> DpiaVerdict {
        let wp248 = criteria
            .iter()
            .filter(|c| **c != DpiaCriterion::DskMustList)
            .count();
        if criteria.contains(&DpiaCriterion::DskMustList) {
            DpiaVerdict::Required
        } else if wp248 >= 2 {
            DpiaVerdict::RequiredInMostCases
        } else if wp248 == 1 {
            DpiaVerdict::Consider
        } else {
            DpiaVerdict::NotIndicated
        }
    }

    /// The verdict as a phrase that completes "DSFA …" / "DPIA …".
    pub fn word(self) -> T {
        match self {
            DpiaVerdict::NotIndicated => vocab::VERDICT_NOT_INDICATED,
            DpiaVerdict::Consider => vocab::VERDICT_CONSIDER,
            DpiaVerdict::RequiredInMostCases => vocab::VERDICT_REQUIRED_IN_MOST_CASES,
            DpiaVerdict::Required => vocab::VERDICT_REQUIRED,
        }
    }

    /// What the verdict asks of the organisation, in one sentence.
    pub fn explained(self) -> T {
        match self {
            DpiaVerdict::NotIndicated => vocab::VERDICT_NOT_INDICATED_EXPLAINED,
            DpiaVerdict::Consider => vocab::VERDICT_CONSIDER_EXPLAINED,
            DpiaVerdict::RequiredInMostCases => vocab::VERDICT_REQUIRED_IN_MOST_CASES_EXPLAINED,
            DpiaVerdict::Required => vocab::VERDICT_REQUIRED_EXPLAINED,
        }
    }

    /// The verdict with its provisional mark: "in der Regel erforderlich (vorläufig)".
    pub fn phrase(self, lang: Lang, provisional: bool) -> String {
        let word = self.word().get(lang);
        if provisional {
            format!("{word} ({})", vocab::PROVISIONAL.get(lang))
        } else {
            word.to_string()
        }
    }

    /// The verdict as a label: "DSFA zu erwägen (vorläufig)", "DPIA required in most cases".
    pub fn label(self, lang: Lang, provisional: bool) -> String {
        format!(
            "{} {}",
            vocab::DPIA.get(lang),
            self.phrase(lang, provisional)
        )
    }
}

/// A resolved question reference: indices into `Checklist::sections` and `Section::questions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QRef {
    pub section: usize,
    pub question: usize,
}

/// A type-checked condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cond {
    Or(Box<Cond>, Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Not(Box<Cond>),
    Test(QRef, Test),
    /// Which repetition of a repeated section: the option index of its `for_each` question.
    Item {
        option: usize,
        equal: bool,
    },
    /// `dpia() >= required_in_most_cases`: the screening verdict so far. Only allowed after every finding
    /// with a `dpia_criterion`, so the verdict it reads is final when it is evaluated.
    Dpia {
        op: Ord3,
        verdict: DpiaVerdict,
    },
}

/// What a condition asks about one question; every variant but the three state tests needs a real answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Test {
    Answered,
    Unknown,
    NotApplicable,
    /// At least one option chosen.
    Selected,
    Bool {
        value: bool,
        equal: bool,
    },
    Choice {
        option: usize,
        equal: bool,
    },
    Contains {
        option: usize,
    },
    Number {
        op: Ord3,
        value: f64,
    },
    Date {
        op: Ord3,
        value: Date,
    },
    Text {
        value: String,
        equal: bool,
    },
}

/// An ordering comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ord3 {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Ord3 {
    pub fn holds<T: PartialOrd>(self, a: &T, b: &T) -> bool {
        match self {
            Ord3::Eq => a == b,
            Ord3::Ne => a != b,
            Ord3::Lt => a < b,
            Ord3::Le => a <= b,
            Ord3::Gt => a > b,
            Ord3::Ge => a >= b,
        }
    }
}

/// The messenger knowledge base of a checklist (loaded by `checklist::knowledge`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeBase {
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub as_of: Date,
    pub sources: Vec<String>,
    pub facts: Vec<Fact>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub label: Text,
    pub value: Text,
    /// The answer this fact implies, checked against the auditor's (`audit::Outcome::contradictions`).
    pub expect: Option<Expect>,
    /// The field of the record of processing activities this fact fills (`art30 = "recipients"`).
    pub art30: Option<Art30Field>,
}

/// A fact's machine-checkable expectation: question `question` of the review section answered `answer`
/// (`yes`/`no` or an option id). Where it was written is kept so that the checklist can check it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expect {
    pub question: String,
    pub answer: String,
    pub(super) file: usize,
    pub(super) question_span: std::ops::Range<usize>,
    pub(super) answer_span: std::ops::Range<usize>,
}

impl KnowledgeBase {
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
}
