//! The checklist file as written, with byte spans, before validation. Each element (section, question,
//! finding) is deserialised on its own so that one file reports every broken element, not just the first.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use toml::Spanned;

/// A short word that validation only reads and discards — a text table's language key (`de`, `en`), a
/// kind, a severity —: kept inline, not on the heap. A checklist has one language key per text and
/// language (10,000 questions: over 50,000).
pub type Word = compact_str::CompactString;

/// A text: a plain string, or a table with one string per language (in file order).
#[derive(Debug, Clone, PartialEq)]
pub enum RawText {
    Plain(String),
    Langs(Vec<(Spanned<Word>, Spanned<String>)>),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a text: a string, or a table of languages such as { de = \"…\", en = \"…\" }",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText::Plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
                // Usually two languages: a vector grown from empty would hold room for four.
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(2).min(16));
                while let Some(k) = map.next_key::<Spanned<Word>>()? {
                    let v = map.next_value::<Spanned<String>>()?;
                    out.push((k, v));
                }
                Ok(RawText::Langs(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHead {
    pub format: Spanned<i64>,
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub title: Spanned<RawText>,
    pub description: Spanned<RawText>,
    pub knowledge: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSectionHead {
    pub id: Spanned<String>,
    pub title: Spanned<RawText>,
    pub intro: Option<Spanned<RawText>>,
    pub when: Option<Spanned<String>>,
    pub for_each: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInclude {
    pub include: Spanned<String>,
    pub section: Spanned<String>,
    pub for_each: Option<Spanned<String>>,
    pub when: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub kind: Spanned<Word>,
    pub text: Spanned<RawText>,
    pub help: Option<Spanned<RawText>>,
    #[serde(default)]
    pub refs: Vec<Spanned<RawText>>,
    pub options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    pub required: Option<bool>,
    pub unknown: Option<bool>,
    pub not_applicable: Option<bool>,
    pub when: Option<Spanned<String>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    pub prefill: Option<Spanned<String>>,
    pub art30: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Spanned<String>,
    pub label: Spanned<RawText>,
    #[serde(default)]
    pub other: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub id: Spanned<String>,
    pub when: Spanned<String>,
    pub severity: Spanned<Word>,
    pub title: Spanned<RawText>,
    pub measure: Spanned<RawText>,
    #[serde(default)]
    pub refs: Vec<Spanned<RawText>>,
    pub dpia_criterion: Option<Spanned<Word>>,
    #[serde(default)]
    pub covers: Vec<Spanned<String>>,
}

/// A question with its findings, and the file it was written in.
#[derive(Debug, Clone)]
pub struct RawQuestionEntry {
    pub q: RawQuestion,
    pub findings: Vec<RawFinding>,
}

/// A section (its own or included), with the index of the source file its spans refer to.
#[derive(Debug, Clone)]
pub struct RawSection {
    pub file: usize,
    pub head: RawSectionHead,
    pub questions: Vec<RawQuestionEntry>,
    pub findings: Vec<RawFinding>,
    /// Where the `[[section]]` table is, for errors about the section as a whole.
    pub span: std::ops::Range<usize>,
    /// The file `span` refers to: the including file for an included section.
    pub file_of_span: usize,
    /// Overrides from an include entry: (file, value) so that their spans point at the including file.
    pub for_each_override: Option<(usize, Spanned<String>)>,
    pub when_override: Option<(usize, Spanned<String>)>,
    /// Some of its questions could not be read (already reported): references to them stay quiet.
    pub incomplete: bool,
}

/// A section entry as written in one file: its own definition, or an include.
#[derive(Debug, Clone)]
pub enum RawEntry {
    Own(Box<RawSection>),
    Include(RawInclude, std::ops::Range<usize>),
}

/// Knowledge base file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKnowledge {
    pub format: Spanned<i64>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub entry: Vec<Spanned<RawKnowledgeEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKnowledgeEntry {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub as_of: Spanned<String>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    #[serde(default)]
    pub fact: Vec<Spanned<RawFact>>,
    pub note: Option<Spanned<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    pub label: Spanned<RawText>,
    pub value: Spanned<RawText>,
    pub expect: Option<Spanned<RawExpect>>,
    pub art30: Option<Spanned<String>>,
}

/// `expect = { question = "e2e", answer = "yes" }`: the answer the fact implies.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpect {
    pub question: Spanned<String>,
    pub answer: Spanned<String>,
}
