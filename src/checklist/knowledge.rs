//! Loading the messenger knowledge base (its types are in the model): dated facts per messenger, shown as
//! help in the per-messenger review. Entries are matched to the options of repeated sections by id.

use std::path::Path;

use jiff::civil::Date;
use toml::Spanned;

use super::diag::Diagnostic;
use super::files::{Files, element, parse_document};
use super::ids::id_problem;
use super::model::{Kind, Section, Text};
use super::raw::{RawKnowledge, RawText};
use crate::i18n::{T, Text as Msg};

pub use super::model::{Entry, Expect, Fact, KnowledgeBase};

/// Load the knowledge base at `path`, named by `reference` in file `from`; problems go to `loader`.
pub fn load(
    loader: &mut Files,
    from: usize,
    reference: &Spanned<String>,
    path: &Path,
    languages: &[String],
) -> Option<KnowledgeBase> {
    let including = loader.sources.path(from).to_path_buf();
    if let Err(message) = loader.inside_tree(&including, reference.get_ref()) {
        let d = loader.sources.diag(from, reference.span(), message);
        loader.diags.push(d);
        return None;
    }
    if !path.is_file() {
        let d = loader.sources.diag(
            from,
            reference.span(),
            T::new(
                "die Wissensbasis `{0}` kann nicht gelesen werden: die Datei ist nicht vorhanden",
                "cannot read the knowledge base `{0}`: no such file",
            )
            .both(&[&path.display().to_string()]),
        );
        loader.diags.push(d);
        return None;
    }
    parse(loader, path, Some(languages))
}

/// Load a knowledge base on its own (`msgaudit check messengers.toml`), in the languages it declares.
pub fn load_standalone(path: &Path) -> Result<KnowledgeBase, Vec<Diagnostic>> {
    let mut loader = Files::default();
    match parse(&mut loader, path, None) {
        Some(kb) if loader.diags.is_empty() => Ok(kb),
        _ => Err(loader.diags),
    }
}

/// Parse and check a knowledge base; `languages` are those it must cover (default: the ones it declares).
fn parse(loader: &mut Files, path: &Path, languages: Option<&[String]>) -> Option<KnowledgeBase> {
    let file = loader.add_file(path)?;
    let mut diags = Vec::new();
    let raw = parse_document(&loader.sources, file, &mut diags).and_then(|doc| {
        let span = doc.span();
        element::<RawKnowledge>(
            &loader.sources,
            file,
            Spanned::new(span, toml::de::DeValue::Table(doc.into_inner())),
            &mut diags,
        )
    });
    let sources = &loader.sources;
    let mut err =
        |span: std::ops::Range<usize>, msg: Msg| diags.push(sources.diag(file, span, msg));
    let mut out = Vec::new();
    let raw_missing = raw.is_none();
    if let Some(raw) = raw {
        let own: Vec<String> = raw
            .languages
            .get_ref()
            .iter()
            .map(|l| l.get_ref().clone())
            .collect();
        let languages = languages.unwrap_or(&own);
        if *raw.format.get_ref() != 1 {
            err(
                raw.format.span(),
                T::new(
                    "diese Formatversion wird nicht unterstützt; schreiben Sie `format = 1`",
                    "unsupported format version; use `format = 1`",
                )
                .into(),
            );
        }
        let declared: Vec<&String> = raw
            .languages
            .get_ref()
            .iter()
            .map(toml::Spanned::get_ref)
            .collect();
        for l in languages {
            if !declared.contains(&l) {
                err(
                    raw.languages.span(),
                    T::new(
                        "der Wissensbasis fehlt die Sprache `{0}`, die die Checkliste verwendet",
                        "the knowledge base lacks the language `{0}` that the checklist uses",
                    )
                    .both(&[l]),
                );
            }
        }
        let text = |t: &Spanned<RawText>,
                    what: T,
                    err: &mut dyn FnMut(std::ops::Range<usize>, Msg)|
         -> Text {
            let mut entries = Vec::new();
            for l in languages {
                let found = match t.get_ref() {
                    RawText::Plain(s) => Some(s.clone()),
                    RawText::Langs(ls) => ls
                        .iter()
                        .find(|(k, _)| k.get_ref() == l)
                        .map(|(_, v)| v.get_ref().clone()),
                };
                match found {
                    Some(s) if !s.trim().is_empty() => {
                        entries.push((std::sync::Arc::from(l.as_str()), s));
                    }
                    _ => {
                        err(
                            t.span(),
                            Msg::by(|lang| {
                                T::new("{0} hat keinen Text in `{1}`", "{0} has no `{1}` text")
                                    .fill(lang, &[what.get(lang), l])
                            }),
                        );
                        entries.push((std::sync::Arc::from(l.as_str()), String::new()));
                    }
                }
            }
            Text { entries }
        };
        let mut ids = std::collections::HashSet::new();
        for e in &raw.entry {
            let span = e.span();
            let e = e.get_ref();
            if let Some(p) = id_problem(e.id.get_ref()) {
                err(e.id.span(), p);
            }
            if !ids.insert(e.id.get_ref().clone()) {
                err(
                    e.id.span(),
                    T::new(
                        "der Eintrag `{0}` ist doppelt aufgeführt",
                        "the entry `{0}` is listed twice",
                    )
                    .both(&[e.id.get_ref()]),
                );
            }
            let as_of = if let Ok(d) = e.as_of.get_ref().parse::<Date>() {
                d
            } else {
                err(
                    e.as_of.span(),
                    T::new(
                        "`as_of` ist ein Datum der Form „JJJJ-MM-TT“",
                        "`as_of` is a date written as \"YYYY-MM-DD\"",
                    )
                    .into(),
                );
                Date::default()
            };
            if e.sources.is_empty() {
                err(
                    span.clone(),
                    T::new(
                        "der Eintrag `{0}` braucht mindestens eine Quelle",
                        "the entry `{0}` needs at least one source",
                    )
                    .both(&[e.id.get_ref()]),
                );
            }
            if e.fact.is_empty() {
                err(
                    span.clone(),
                    T::new(
                        "der Eintrag `{0}` braucht mindestens ein [[entry.fact]]",
                        "the entry `{0}` needs at least one [[entry.fact]]",
                    )
                    .both(&[e.id.get_ref()]),
                );
            }
            let facts = e
                .fact
                .iter()
                .map(|f| Fact {
                    art30: f.get_ref().art30.as_ref().and_then(|a| {
                        super::art30::parse_field(a.get_ref())
                            .map_err(|msg| err(a.span(), msg))
                            .ok()
                    }),
                    label: text(
                        &f.get_ref().label,
                        T::new("die Bezeichnung der Angabe", "the fact's label"),
                        &mut err,
                    ),
                    value: text(
                        &f.get_ref().value,
                        T::new("der Wert der Angabe", "the fact's value"),
                        &mut err,
                    ),
                    expect: f.get_ref().expect.as_ref().map(|x| Expect {
                        question: x.get_ref().question.get_ref().clone(),
                        answer: x.get_ref().answer.get_ref().clone(),
                        file,
                        question_span: x.get_ref().question.span(),
                        answer_span: x.get_ref().answer.span(),
                    }),
                })
                .collect();
            let note = e
                .note
                .as_ref()
                .map(|n| text(n, T::new("die Anmerkung", "the note"), &mut err));
            out.push(Entry {
                id: e.id.get_ref().clone(),
                name: e.name.get_ref().clone(),
                as_of,
                sources: e.sources.iter().map(|s| s.get_ref().clone()).collect(),
                facts,
                note,
            });
        }
    }
    let failed = !diags.is_empty() || raw_missing;
    loader.diags.extend(diags);
    if failed {
        None
    } else {
        Some(KnowledgeBase { entries: out })
    }
}

/// Check every fact's `expect` against the repeated sections the entry serves (those repeated over a
/// question with an option of the entry's id): the question must exist there, be `yes_no` or `single`, and
/// the answer be one of its options. A knowledge base checked on its own has no sections to check against.
pub fn check_expectations(loader: &mut Files, kb: &KnowledgeBase, sections: &[Section]) {
    for e in &kb.entries {
        let served: Vec<&Section> = sections
            .iter()
            .filter(|s| {
                s.for_each.is_some_and(|fe| {
                    sections
                        .get(fe.section)
                        .and_then(|r| r.questions.get(fe.question))
                        .is_some_and(|q| q.option_index(&e.id).is_some())
                })
            })
            .collect();
        for x in e.facts.iter().filter_map(|f| f.expect.as_ref()) {
            // One message per expectation, even when the entry serves several sections.
            if let Some((span, msg)) = served.iter().find_map(|s| expectation_problem(s, x)) {
                let d = loader.sources.diag(x.file, span, msg);
                loader.diags.push(d);
            }
        }
    }
}

fn expectation_problem(s: &Section, x: &Expect) -> Option<(std::ops::Range<usize>, Msg)> {
    let Some(q) = s.questions.iter().find(|q| q.id == x.question) else {
        return Some((
            x.question_span.clone(),
            T::new(
                "`expect`: der Abschnitt `{0}` hat keine Frage `{1}`",
                "`expect`: the section `{0}` has no question `{1}`",
            )
            .both(&[&s.id, &x.question]),
        ));
    };
    let ok = match q.kind {
        Kind::YesNo => x.answer == "yes" || x.answer == "no",
        Kind::Single => q.option_index(&x.answer).is_some(),
        other => {
            return Some((
                x.question_span.clone(),
                T::new(
                    "`expect`: die Frage `{0}.{1}` ist von der Art `{2}`; eine Erwartung braucht eine Frage der Art `yes_no` oder `single`",
                    "`expect`: the question `{0}.{1}` is of kind `{2}`; an expectation needs a `yes_no` or `single` question",
                )
                .both(&[&s.id, &q.id, other.as_str()]),
            ));
        }
    };
    if ok {
        return None;
    }
    let options: Vec<&str> = match q.kind {
        Kind::YesNo => vec!["yes", "no"],
        _ => q.options.iter().map(|o| o.id.as_str()).collect(),
    };
    Some((
        x.answer_span.clone(),
        T::new(
            "`expect`: `{0}` ist keine Option von `{1}.{2}`; möglich sind {3}",
            "`expect`: `{0}` is not an option of `{1}.{2}`; use one of {3}",
        )
        .both(&[
            &x.answer,
            &s.id,
            &q.id,
            &options
                .iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", "),
        ]),
    ))
}
