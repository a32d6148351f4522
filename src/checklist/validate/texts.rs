//! Validation of the checklist's human texts: every declared language present, `{item}` only where a
//! section repeats, references (legal citations) as plain texts.

use super::Ctx;
use crate::checklist::model::Text;
use crate::checklist::raw::RawText;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

impl Ctx<'_> {
    pub(super) fn text(&mut self, file: usize, t: &Spanned<RawText>, what: &str) -> Text {
        let span = t.span();
        match t.get_ref() {
            RawText::Plain(s) => {
                if self.languages.len() > 1 {
                    self.err(
                        file,
                        span,
                        format!(
                            "{what} needs a text per language: {{ {} }}",
                            self.languages
                                .iter()
                                .map(|l| format!("{l} = \"…\""))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                } else if s.trim().is_empty() {
                    self.err(file, span.clone(), format!("{what} is empty"));
                }
                Text {
                    entries: self
                        .languages
                        .iter()
                        .map(|l| (l.clone(), s.clone()))
                        .collect(),
                }
            }
            RawText::Langs(entries) => self.lang_text(file, span, entries, what),
        }
    }

    /// References may be a plain string (the same in every language).
    pub(super) fn reference(&mut self, file: usize, t: &Spanned<RawText>) -> Text {
        match t.get_ref() {
            RawText::Plain(s) => Text {
                entries: self
                    .languages
                    .iter()
                    .map(|l| (l.clone(), s.clone()))
                    .collect(),
            },
            RawText::Langs(entries) => self.lang_text(file, t.span(), entries, "a reference"),
        }
    }

    pub(super) fn lang_text(
        &mut self,
        file: usize,
        span: Range<usize>,
        entries: &[(Spanned<String>, Spanned<String>)],
        what: &str,
    ) -> Text {
        for (lang, text) in entries {
            if !self.languages.iter().any(|l| **l == **lang.get_ref()) {
                self.err(
                    file,
                    lang.span(),
                    format!(
                        "language `{}` is not declared in `languages` ({})",
                        lang.get_ref(),
                        self.languages
                            .iter()
                            .map(|l| &**l)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            } else if text.get_ref().trim().is_empty() {
                self.err(
                    file,
                    text.span(),
                    format!("{what} is empty in `{}`", lang.get_ref()),
                );
            }
        }
        let mut out = Vec::with_capacity(self.languages.len());
        for i in 0..self.languages.len() {
            let l = Arc::clone(&self.languages[i]);
            if let Some((_, v)) = entries.iter().find(|(k, _)| k.get_ref().as_str() == &*l) {
                out.push((l, v.get_ref().clone()));
            } else {
                self.err(file, span.clone(), format!("{what} has no `{l}` text"));
                out.push((l, String::new()));
            }
        }
        Text { entries: out }
    }
}
