//! Checklist examples (`NAME.examples.toml`): answer sets with the findings and DPIA verdict they must
//! produce. `msgaudit check` runs them like unit tests; a mismatch is a diagnostic with the difference.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;
use toml::de::DeValue;

use super::session::Session;
use super::values;
use crate::checklist::DpiaVerdict;
use crate::checklist::files::{Files, element, parse_document};
use crate::checklist::{Checklist, Diagnostic};
use crate::i18n::{Lang, T, Text};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    #[serde(default)]
    example: Vec<Spanned<RawExample>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    name: Spanned<String>,
    #[serde(default)]
    answers: std::collections::BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    expect_findings: Option<Spanned<Vec<String>>>,
    expect_dpia: Option<Spanned<String>>,
    expect_open: Option<Spanned<Vec<String>>>,
}

/// The outcome of one examples file.
#[derive(Debug, Default)]
pub struct Outcome {
    pub passed: usize,
    /// Broken examples (bad keys or values) and failed expectations, each a located diagnostic.
    pub failures: Vec<Diagnostic>,
}

/// Run every example in `path` against `checklist`.
pub fn run(checklist: &Arc<Checklist>, path: &Path) -> Outcome {
    let mut loader = Files::default();
    let mut out = Outcome::default();
    let Some(file) = loader.add_file(path) else {
        out.failures = loader.diags;
        return out;
    };
    let mut diags = Vec::new();
    let raw = parse_document(&loader.sources, file, &mut diags).and_then(|doc| {
        let span = doc.span();
        element::<RawExamples>(
            &loader.sources,
            file,
            Spanned::new(span, DeValue::Table(doc.into_inner())),
            &mut diags,
        )
    });
    out.failures.extend(diags);
    let Some(raw) = raw else {
        return out;
    };
    if raw.example.is_empty() {
        out.failures.push(Diagnostic::file(
            path,
            T::new(
                "die Beispieldatei enthält kein [[example]]",
                "the examples file has no [[example]]",
            ),
        ));
    }
    for ex in &raw.example {
        let ex = ex.get_ref();
        let mut session = Session::new(Arc::clone(checklist));
        let mut broken = false;
        for (key, value) in &ex.answers {
            if let Err(msg) = values::apply(&mut session, key.get_ref(), value.get_ref()) {
                out.failures
                    .push(loader.sources.diag(file, key.span(), msg));
                broken = true;
            }
        }
        if broken {
            continue;
        }
        let mut notes = Vec::new();
        if let Some(expected) = &ex.expect_findings {
            let want: BTreeSet<String> = expected.get_ref().iter().cloned().collect();
            let got: BTreeSet<String> = session
                .findings()
                .map(|f| session.finding_key(&f))
                .collect();
            diff_sets(T::new("Befunde", "findings"), &want, &got, &mut notes);
        }
        if let Some(expected) = &ex.expect_dpia {
            match DpiaVerdict::parse(expected.get_ref()) {
                None => {
                    out.failures.push(loader.sources.diag(
                        file,
                        expected.span(),
                        T::new(
                            "`expect_dpia` ist not_indicated, consider, required_in_most_cases (Format 1: recommended) oder required",
                            "`expect_dpia` is not_indicated, consider, required_in_most_cases (format 1: recommended) or required",
                        ),
                    ));
                    continue;
                }
                Some(want) => {
                    let d = session.dpia();
                    if d.verdict != want {
                        let crit: Vec<&str> = d.criteria.iter().map(|c| c.as_str()).collect();
                        let crit = crit.join(", ");
                        notes.push(Text::by(|lang| {
                            T::new(
                                "Ergebnis der DSFA-Vorprüfung: erwartet {0}, abgeleitet {1} (erfüllte Kriterien: {2})",
                                "DPIA verdict: expected {0}, derived {1} (criteria met: {2})",
                            )
                            .fill(
                                lang,
                                &[
                                    want.as_str(),
                                    d.verdict.as_str(),
                                    if crit.is_empty() { none(lang) } else { &crit },
                                ],
                            )
                        }));
                    }
                }
            }
        }
        if let Some(expected) = &ex.expect_open {
            let want: BTreeSet<String> = expected.get_ref().iter().cloned().collect();
            let got: BTreeSet<String> = session
                .open_required()
                .map(|k| session.key_string(k))
                .collect();
            diff_sets(
                T::new("offene Pflichtfragen", "open required questions"),
                &want,
                &got,
                &mut notes,
            );
        }
        if notes.is_empty() {
            out.passed += 1;
        } else {
            let mut d = loader.sources.diag(
                file,
                ex.name.span(),
                T::new(
                    "das Beispiel „{0}“ ergibt nicht, was es erwartet",
                    "example \"{0}\" does not give what it expects",
                )
                .both(&[ex.name.get_ref()]),
            );
            d.notes = notes;
            out.failures.push(d);
        }
    }
    out
}

fn diff_sets(what: T, want: &BTreeSet<String>, got: &BTreeSet<String>, notes: &mut Vec<Text>) {
    let missing: Vec<&str> = want.difference(got).map(String::as_str).collect();
    let extra: Vec<&str> = got.difference(want).map(String::as_str).collect();
    let note =
        |template: T, list: &str| Text::by(|lang| template.fill(lang, &[what.get(lang), list]));
    if !missing.is_empty() {
        notes.push(note(
            T::new(
                "{0} erwartet, aber nicht abgeleitet: {1}",
                "{0} expected but not derived: {1}",
            ),
            &missing.join(", "),
        ));
    }
    if !extra.is_empty() {
        notes.push(note(
            T::new(
                "{0} abgeleitet, aber nicht erwartet: {1}",
                "{0} derived but not expected: {1}",
            ),
            &extra.join(", "),
        ));
    }
    if !missing.is_empty() || !extra.is_empty() {
        let all: Vec<&str> = got.iter().map(String::as_str).collect();
        let all = all.join(", ");
        notes.push(Text::by(|lang| {
            T::new("{0} insgesamt abgeleitet: {1}", "all {0} derived: {1}").fill(
                lang,
                &[
                    what.get(lang),
                    if all.is_empty() { none(lang) } else { &all },
                ],
            )
        }));
    }
}

fn none(lang: Lang) -> &'static str {
    T::new("keine", "none").get(lang)
}
