//! The id rule of the checklist format (docs/checklist-format.md, "Ids"), shared by validation, the
//! knowledge base and the cross references of findings.

use crate::i18n::{T, Text};

pub const MAX_ID_LEN: usize = 64;

/// Checks an id against the documented rule; returns the reason it is not valid.
pub fn id_problem(id: &str) -> Option<Text> {
    if id.is_empty() {
        return Some(T::new("eine Id darf nicht leer sein", "an id must not be empty").into());
    }
    if id.len() > MAX_ID_LEN {
        return Some(
            T::new(
                "eine Id hat höchstens {0} Zeichen",
                "an id has at most {0} characters",
            )
            .both(&[&MAX_ID_LEN.to_string()]),
        );
    }
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some(
            T::new(
                "die Id `{0}` muss mit einem Kleinbuchstaben a–z beginnen",
                "the id `{0}` must start with a lowercase letter a–z",
            )
            .both(&[&id.escape_debug().to_string()]),
        );
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
    {
        return Some(
            T::new(
                "die Id `{0}` enthält `{1}`; Ids bestehen nur aus a–z, 0–9, `_` und `-`",
                "the id `{0}` contains `{1}`; ids use only a–z, 0–9, `_` and `-`",
            )
            .both(&[
                &id.escape_debug().to_string(),
                &c.escape_debug().to_string(),
            ]),
        );
    }
    None
}
