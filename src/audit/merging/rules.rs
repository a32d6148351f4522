//! A rules file decides a merge's conflicts without a terminal (scripts): which draft wins by default
//! (`prefer`, an auditor's name or a draft's position), and per answer key or detail which draft's value
//! (`[take]`) or a value of its own (`[value]`). docs/merge.md shows the format.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use super::{Choice, Detail, Part, Plan, Subject, detail_value_fits, known_subject};
use crate::audit::session::Session;
use crate::audit::values;
use crate::checklist::Checklist;
use crate::i18n::{T, Text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    prefer: Option<toml::Value>,
    #[serde(default)]
    take: BTreeMap<String, toml::Value>,
    #[serde(default)]
    value: BTreeMap<String, toml::Value>,
}

/// A draft named in a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Side {
    /// 1-based position on the command line, stored 0-based.
    Position(usize),
    Auditor(String),
}

/// A parsed rules file.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    prefer: Option<Side>,
    take: BTreeMap<String, Side>,
    value: BTreeMap<String, toml::Value>,
}

fn side(key: &str, v: &toml::Value) -> Result<Side, Text> {
    match v {
        toml::Value::Integer(n) if *n >= 1 => Ok(Side::Position(
            usize::try_from(*n - 1).unwrap_or(usize::MAX),
        )),
        toml::Value::String(s) if !s.trim().is_empty() => Ok(Side::Auditor(s.trim().to_string())),
        _ => Err(T::new(
            "Regeldatei: `{0}` nennt einen Entwurf: seine Stelle in der Befehlszeile (1, 2, …) oder den Namen seines Prüfers in Anführungszeichen",
            "rules file: `{0}` names a draft: its place on the command line (1, 2, …) or its auditor's name in quotes",
        )
        .both(&[key])),
    }
}

/// Read a rules file's text.
pub fn parse(text: &str) -> Result<Rules, Text> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let m = e.message().to_string();
        T::new("Regeldatei: {0}", "rules file: {0}").both(&[&m])
    })?;
    let prefer = raw.prefer.as_ref().map(|v| side("prefer", v)).transpose()?;
    let take = raw
        .take
        .iter()
        .map(|(k, v)| side(k, v).map(|s| (k.clone(), s)))
        .collect::<Result<_, _>>()?;
    Ok(Rules {
        prefer,
        take,
        value: raw.value,
    })
}

impl Rules {
    /// The decision of each of the plan's conflicts the rules make (None: they say nothing about it).
    /// Every key and value of the file is checked against the checklist, whether in conflict or not.
    pub fn decide(
        &self,
        plan: &Plan,
        parts: &[Part],
        checklist: &Arc<Checklist>,
    ) -> Result<Vec<Option<Choice>>, Text> {
        let session = Session::new(Arc::clone(checklist));
        for key in self.take.keys().chain(self.value.keys()) {
            if !known_subject(checklist, key) {
                return Err(T::new(
                    "Regeldatei: `{0}` ist weder ein Antwortschlüssel der Checkliste noch eine der Angaben meta:organisation, meta:unit, meta:audit_date, meta:lang",
                    "rules file: `{0}` is neither an answer key of the checklist nor one of the details meta:organisation, meta:unit, meta:audit_date, meta:lang",
                )
                .both(&[key]));
            }
            if self.take.contains_key(key) && self.value.contains_key(key) {
                return Err(T::new(
                    "Regeldatei: `{0}` steht in [take] und in [value]; nur eines davon",
                    "rules file: `{0}` is in [take] and in [value]; only one of them",
                )
                .both(&[key]));
            }
        }
        for (key, v) in &self.value {
            let fits = match Detail::ALL.iter().find(|d| d.rule_key() == key) {
                Some(d) => v.as_str().is_some_and(|s| detail_value_fits(*d, s)),
                None => match session.parse_key(key) {
                    Some(k) => match values::parse_answer(session.question(k), v) {
                        Ok(_) => true,
                        Err(e) => {
                            return Err(Text::new(
                                format!("Regeldatei, `{key}`: {}", e.de),
                                format!("rules file, `{key}`: {}", e.en),
                            ));
                        }
                    },
                    None => false,
                },
            };
            if !fits {
                return Err(T::new(
                    "Regeldatei: `{0}` passt nicht zu dieser Angabe (Prüfdatum JJJJ-MM-TT, Sprache de oder en, sonst Text)",
                    "rules file: `{0}` does not fit this detail (audit date YYYY-MM-DD, language de or en, else text)",
                )
                .both(&[key]));
            }
        }
        let index = |s: &Side| -> Result<usize, Text> {
            match s {
                Side::Position(i) if *i < parts.len() => Ok(*i),
                Side::Position(i) => Err(T::new(
                    "Regeldatei: es gibt keinen {0}. Entwurf, nur {1}",
                    "rules file: there is no draft number {0}, only {1}",
                )
                .both(&[&(i + 1).to_string(), &parts.len().to_string()])),
                Side::Auditor(name) => {
                    let by: Vec<usize> = (0..parts.len())
                        .filter(|i| parts[*i].draft.meta.auditor.trim() == name)
                        .collect();
                    match by.as_slice() {
                        [one] => Ok(*one),
                        [] => Err(T::new(
                            "Regeldatei: kein Entwurf ist von „{0}“; die Entwürfe sind von {1}",
                            "rules file: no draft is by \"{0}\"; the drafts are by {1}",
                        )
                        .both(&[name, &plan.names.join(", ")])),
                        _ => Err(T::new(
                            "Regeldatei: mehrere Entwürfe sind von „{0}“; nennen Sie die Stelle (1, 2, …) statt des Namens",
                            "rules file: several drafts are by \"{0}\"; name the place (1, 2, …) instead of the name",
                        )
                        .both(&[name])),
                    }
                }
            }
        };
        let prefer = self.prefer.as_ref().map(index).transpose()?;
        let mut out = Vec::new();
        for c in &plan.conflicts {
            let key = c.subject.key();
            let holding = |i: usize| c.candidates.iter().position(|x| x.parts.contains(&i));
            let decision = if let Some(v) = self.value.get(key) {
                Some(Choice::RuleValue(v.clone()))
            } else if let Some(s) = self.take.get(key) {
                let i = index(s)?;
                Some(Choice::Rule(holding(i).ok_or_else(|| {
                    T::new(
                        "Regeldatei: der {0}. Entwurf hat `{1}` nicht geändert; nehmen Sie einen der anderen",
                        "rules file: draft number {0} did not change `{1}`; take one of the others",
                    )
                    .both(&[&(i + 1).to_string(), key])
                })?))
            } else {
                prefer.and_then(holding).map(Choice::Rule)
            };
            // A detail chosen by value must be text; checked above. An answer chosen by value parses.
            debug_assert!(
                !matches!((&c.subject, &decision), (Subject::Detail(_), Some(Choice::RuleValue(v))) if !v.is_str())
            );
            out.push(decision);
        }
        Ok(out)
    }
}
