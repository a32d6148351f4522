//! One mechanism for every text msgaudit itself says — TUI, plain mode, reports, CLI output and errors:
//! a [`T`] holds a text in German and English (a [`Text`] one made at run time), [`fill`] puts values into its `{0}`, `{1}` placeholders,
//! [`vocab`] holds the words of the domain that every front end and report shares, and [`dates`] shows
//! dates and times.

pub mod cli;
pub mod dates;
pub mod evidence;
pub mod io;
pub mod merge;
pub mod results;
pub mod vocab;

pub use crate::lang::Lang;

/// A fixed text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct T {
    pub de: &'static str,
    pub en: &'static str,
}

impl T {
    pub const fn new(de: &'static str, en: &'static str) -> T {
        T { de, en }
    }

    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::De => self.de,
            Lang::En => self.en,
        }
    }

    /// The text with its placeholders filled (see [`fill`]).
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        fill(self.get(lang), args)
    }

    /// The text with the same values filled in in both languages.
    pub fn both(self, args: &[&str]) -> Text {
        Text::by(|lang| self.fill(lang, args))
    }
}

/// A text made at run time (with values in it, e.g. an id from a checklist) in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub de: String,
    pub en: String,
}

impl Text {
    pub fn new(de: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            de: de.into(),
            en: en.into(),
        }
    }

    /// The text `f` gives for each language (for values that are themselves said per language).
    pub fn by(f: impl Fn(Lang) -> String) -> Text {
        Text {
            de: f(Lang::De),
            en: f(Lang::En),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

impl From<T> for Text {
    fn from(t: T) -> Text {
        Text::new(t.de, t.en)
    }
}

/// Put `args[i]` where `{i}` stands in `template`; anything else in braces is kept as it is.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        if let Some((end, arg)) = after.find('}').and_then(|end| {
            after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| args.get(i))
                .map(|a| (end, a))
        }) {
            out.push_str(arg);
            rest = &after[end + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The numbered placeholders of a template, sorted: a text must have the same ones in both languages.
pub fn placeholders(template: &str) -> Vec<usize> {
    let mut out: Vec<usize> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').and_then(|(n, _)| n.parse().ok()))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_values_in_and_keeps_other_braces() {
        assert_eq!(fill("{1} von {0} {x}", &["9", "8"]), "8 von 9 {x}");
        assert_eq!(fill("{5}", &["a"]), "{5}");
        assert_eq!(placeholders("{1} {0} {0}"), [0, 0, 1]);
    }
}
