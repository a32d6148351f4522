//! The layout of the sheets (docs/checklist-sheets.md): their names, their columns in export order, and
//! how a header cell names a column (`text::de`, or the XLSForm-style `text::Deutsch (de)`).

use std::fmt;

use crate::i18n::{T, Text};

pub const SETTINGS: &str = "settings";
pub const QUESTIONS: &str = "questions";
pub const OPTIONS: &str = "options";
pub const FINDINGS: &str = "findings";

/// The `kind` of a row of `questions` that starts a section, and of one that includes a section.
pub const SECTION_ROW: &str = "section";
pub const INCLUDE_ROW: &str = "include";

/// A column: its name, and whether it is one column per language (`text::de`, `text::en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub per_lang: bool,
}

const fn one(name: &'static str) -> Column {
    Column {
        name,
        per_lang: false,
    }
}

const fn langs(name: &'static str) -> Column {
    Column {
        name,
        per_lang: true,
    }
}

pub const SETTINGS_COLUMNS: &[Column] = &[
    one("format"),
    one("id"),
    one("version"),
    one("languages"),
    one("knowledge"),
    langs("title"),
    langs("description"),
];

pub const QUESTION_COLUMNS: &[Column] = &[
    one("kind"),
    one("id"),
    langs("text"),
    langs("help"),
    langs("refs"),
    one("when"),
    one("for_each"),
    one("required"),
    one("unknown"),
    one("not_applicable"),
    one("min"),
    one("max"),
    one("prefill"),
    one("art30"),
    one("include"),
];

pub const OPTION_COLUMNS: &[Column] = &[
    one("section"),
    one("question"),
    one("id"),
    langs("label"),
    one("other"),
];

pub const FINDING_COLUMNS: &[Column] = &[
    one("section"),
    one("question"),
    one("id"),
    one("when"),
    one("severity"),
    langs("title"),
    langs("measure"),
    langs("refs"),
    one("dpia_criterion"),
    one("covers"),
];

/// The columns of a sheet by its name.
pub fn of(sheet: &str) -> &'static [Column] {
    match sheet {
        SETTINGS => SETTINGS_COLUMNS,
        QUESTIONS => QUESTION_COLUMNS,
        OPTIONS => OPTION_COLUMNS,
        _ => FINDING_COLUMNS,
    }
}

/// A column of one sheet as a header names it: `kind`, or `text` in language `de`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub name: &'static str,
    pub lang: Option<String>,
}

impl Key {
    pub fn one(name: &'static str) -> Key {
        Key { name, lang: None }
    }

    pub fn lang(name: &'static str, lang: &str) -> Key {
        Key {
            name,
            lang: Some(lang.to_string()),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.lang {
            Some(l) => write!(f, "{}::{l}", self.name),
            None => f.write_str(self.name),
        }
    }
}

/// The header of a sheet for a checklist in `languages`, in export order.
pub fn header(columns: &[Column], languages: &[String]) -> Vec<Key> {
    columns
        .iter()
        .flat_map(|c| {
            if c.per_lang {
                languages.iter().map(|l| Key::lang(c.name, l)).collect()
            } else {
                vec![Key::one(c.name)]
            }
        })
        .collect()
}

/// Reads a header cell of a sheet with `columns`: `name`, `name::lang`, or `name::Language name (lang)`.
pub fn parse_header(columns: &[Column], cell: &str) -> Result<Key, Text> {
    let cell = cell.trim();
    let (name, lang) = match cell.split_once("::") {
        Some((n, l)) => {
            let l = l.trim();
            // XLSForm writes `label::German (de)`: the code is in the parentheses.
            let code = match (l.rfind('('), l.strip_suffix(')')) {
                (Some(open), Some(inner)) => inner[open + 1..].trim(),
                _ => l,
            };
            (n.trim(), Some(code))
        }
        None => (cell, None),
    };
    let names = || {
        columns
            .iter()
            .map(|c| {
                if c.per_lang {
                    format!("`{}::…`", c.name)
                } else {
                    format!("`{}`", c.name)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(column) = columns.iter().find(|c| c.name == name) else {
        return Err(T::new(
            "unbekannte Spalte „{0}“; möglich sind {1}",
            "unknown column `{0}`; the columns are {1}",
        )
        .both(&[cell, &names()]));
    };
    match (column.per_lang, lang) {
        (true, Some(l)) if !l.is_empty() => Ok(Key::lang(column.name, l)),
        (true, _) => Err(T::new(
            "die Spalte „{0}“ gibt es je Sprache: „{0}::de“, „{0}::en“ …",
            "the column `{0}` is one per language: `{0}::de`, `{0}::en` …",
        )
        .both(&[column.name])),
        (false, None) => Ok(Key::one(column.name)),
        (false, Some(_)) => Err(T::new(
            "die Spalte „{0}“ gilt für alle Sprachen; schreiben Sie nur „{0}“",
            "the column `{0}` is the same in every language; write just `{0}`",
        )
        .both(&[column.name])),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn header_cells_name_columns_per_language_or_xlsform_style() {
        let q = QUESTION_COLUMNS;
        assert_eq!(parse_header(q, "kind"), Ok(Key::one("kind")));
        assert_eq!(parse_header(q, " text::de "), Ok(Key::lang("text", "de")));
        assert_eq!(
            parse_header(q, "text::Deutsch (de)"),
            Ok(Key::lang("text", "de"))
        );
        let unknown = parse_header(q, "hint::en").unwrap_err();
        assert!(
            unknown.en.starts_with("unknown column `hint::en`"),
            "{unknown:?}"
        );
        assert!(unknown.de.contains("`text::…`"), "{unknown:?}");
        assert!(
            parse_header(q, "text")
                .unwrap_err()
                .en
                .contains("per language")
        );
        assert!(
            parse_header(q, "kind::de")
                .unwrap_err()
                .en
                .contains("just `kind`")
        );
    }

    #[test]
    fn the_header_repeats_language_columns_in_language_order() {
        let h: Vec<String> = header(OPTION_COLUMNS, &["de".into(), "en".into()])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            h,
            [
                "section",
                "question",
                "id",
                "label::de",
                "label::en",
                "other"
            ]
        );
    }
}
