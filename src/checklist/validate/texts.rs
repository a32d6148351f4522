//! Validation of the checklist's human texts: every declared language present, `{item}` only where a
//! section repeats, references (legal citations) as plain texts.

use super::Ctx;
use crate::checklist::model::Text;
use crate::checklist::raw::{RawText, Word};
use crate::i18n::{Lang, T, Text as Msg};
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

impl Ctx<'_> {
    /// The validated text; the strings are moved out of the raw text, not copied.
    pub(super) fn text(&mut self, file: usize, t: Spanned<RawText>, what: T) -> Text {
        let span = t.span();
        match t.into_inner() {
            RawText::Plain(s) => {
                if self.languages.len() > 1 {
                    self.err(
                        file,
                        span,
                        described(
                            T::new(
                                "{0} braucht einen Text je Sprache: { {1} }",
                                "{0} needs a text per language: { {1} }",
                            ),
                            what,
                            &[&self
                                .languages
                                .iter()
                                .map(|l| format!("{l} = \"…\""))
                                .collect::<Vec<_>>()
                                .join(", ")],
                        ),
                    );
                } else if s.trim().is_empty() {
                    self.err(
                        file,
                        span.clone(),
                        described(T::new("{0} ist leer", "{0} is empty"), what, &[]),
                    );
                }
                self.same_in_every_language(s)
            }
            RawText::Langs(entries) => self.lang_text(file, span, entries, what),
        }
    }

    fn same_in_every_language(&self, s: String) -> Text {
        let mut entries = Vec::with_capacity(self.languages.len());
        if let Some((last, rest)) = self.languages.split_last() {
            entries.extend(rest.iter().map(|l| (Arc::clone(l), s.clone())));
            entries.push((Arc::clone(last), s));
        }
        Text { entries }
    }

    /// References may be a plain string (the same in every language).
    pub(super) fn reference(&mut self, file: usize, t: Spanned<RawText>) -> Text {
        let span = t.span();
        match t.into_inner() {
            RawText::Plain(s) => self.same_in_every_language(s),
            RawText::Langs(entries) => self.lang_text(
                file,
                span,
                entries,
                T::new("eine Fundstelle", "a reference"),
            ),
        }
    }

    pub(super) fn lang_text(
        &mut self,
        file: usize,
        span: Range<usize>,
        mut entries: Vec<(Spanned<Word>, Spanned<String>)>,
        what: T,
    ) -> Text {
        for (lang, text) in &entries {
            if !self.languages.iter().any(|l| **l == **lang.get_ref()) {
                self.err(
                    file,
                    lang.span(),
                    T::new(
                        "die Sprache `{0}` ist in `languages` nicht angegeben ({1})",
                        "language `{0}` is not declared in `languages` ({1})",
                    )
                    .both(&[
                        lang.get_ref(),
                        &self
                            .languages
                            .iter()
                            .map(|l| &**l)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ]),
                );
            } else if text.get_ref().trim().is_empty() {
                self.err(
                    file,
                    text.span(),
                    described(
                        T::new("{0} ist in `{1}` leer", "{0} is empty in `{1}`"),
                        what,
                        &[lang.get_ref()],
                    ),
                );
            }
        }
        let mut out = Vec::with_capacity(self.languages.len());
        for i in 0..self.languages.len() {
            let l = Arc::clone(&self.languages[i]);
            if let Some((_, v)) = entries
                .iter_mut()
                .find(|(k, _)| k.get_ref().as_str() == &*l)
            {
                // Taken, not copied: a language written twice is an error of the TOML parser already.
                out.push((l, std::mem::take(v.get_mut())));
            } else {
                self.err(
                    file,
                    span.clone(),
                    described(
                        T::new("{0} hat keinen Text in `{1}`", "{0} has no `{1}` text"),
                        what,
                        &[&l],
                    ),
                );
                out.push((l, String::new()));
            }
        }
        Text { entries: out }
    }
}

/// `template` with `{0}` what is checked (in each language) and `{1}`… the `args`.
fn described(template: T, what: T, args: &[&str]) -> Msg {
    Msg::by(|lang: Lang| {
        let mut all = vec![what.get(lang)];
        all.extend_from_slice(args);
        template.fill(lang, &all)
    })
}
