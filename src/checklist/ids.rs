//! The id rule of the checklist format (docs/checklist-format.md, "Ids"), shared by validation, the
//! knowledge base and the cross references of findings.

pub const MAX_ID_LEN: usize = 64;

/// Checks an id against the documented rule; returns the reason it is not valid.
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("an id must not be empty".into());
    }
    if id.len() > MAX_ID_LEN {
        return Some(format!("an id has at most {MAX_ID_LEN} characters"));
    }
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some(format!(
            "the id `{}` must start with a lowercase letter a–z",
            id.escape_debug()
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
    {
        return Some(format!(
            "the id `{}` contains `{}`; ids use only a–z, 0–9, `_` and `-`",
            id.escape_debug(),
            c.escape_debug()
        ));
    }
    None
}
