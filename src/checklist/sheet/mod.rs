//! Checklists as spreadsheets (docs/checklist-sheets.md): a checklist file as written ↔ the cells of the
//! sheets `settings`, `questions`, `options` and `findings`, one column per language. Pure: the xlsx/csv
//! files are read and written at the edge (`cli::sheets`); an imported checklist is TOML text that the
//! normal loader checks, and its diagnostics are pointed back at the cells they came from.

mod columns;
mod elements;
mod emit;
mod export;
mod import;
mod read;

use std::fmt;
use std::path::Path;

pub use columns::{FINDINGS, OPTIONS, QUESTIONS, SETTINGS};
pub use export::export;
pub use import::{ImportError, Imported, import, validate};

use crate::i18n::{Lang, T, Text};
use crate::text::escape_visible;

/// Excel keeps at most 32 767 characters in a cell; a longer text cannot be exported (never cut).
pub const MAX_CELL_CHARS: usize = 32_767;

/// One cell as a spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Bool(bool),
    Number(f64),
    /// A cell that holds no value msgaudit reads (a formula, an error value, a date): why, in words.
    Unreadable(Text),
}

impl Value {
    fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.is_empty(),
            _ => false,
        }
    }
}

/// One row of a sheet and its number in the file (1-based, as a spreadsheet program shows it).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Value>,
}

/// One sheet: its rows (the first is the header), and the column of the file its first cell is in
/// (0-based; a CSV's sheet starts after the `sheet` column).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub first_col: u32,
    pub rows: Vec<Row>,
}

/// The sheets of a workbook (or of one CSV file), in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// Where in a workbook: a cell (`questions!C12`), or a whole row (`questions!12:12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub sheet: String,
    pub row: u32,
    /// The column in the file, 0-based (A = 0); None for the whole row.
    pub col: Option<u32>,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.col {
            Some(c) => write!(f, "{}!{}{}", self.sheet, column_letters(c), self.row),
            None => write!(f, "{}!{}:{}", self.sheet, self.row, self.row),
        }
    }
}

/// A column's letters as spreadsheets name it: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A problem of an imported workbook: at a cell or row (or the workbook as a whole), in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<Loc>,
    pub message: Text,
    /// Further lines (e.g. the notes of a checklist diagnostic).
    pub notes: Vec<Text>,
}

impl Problem {
    pub(crate) fn at(at: Loc, message: impl Into<Text>) -> Problem {
        Problem {
            at: Some(at),
            message: message.into(),
            notes: Vec::new(),
        }
    }

    pub(crate) fn workbook(message: impl Into<Text>) -> Problem {
        Problem {
            at: None,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// `FILE.xlsx:questions!C12: Fehler: …` in `lang`, made safe to print.
    pub fn render(&self, file: &Path, lang: Lang) -> String {
        let mut place = escape_visible(&file.display().to_string()).into_owned();
        if let Some(at) = &self.at {
            place.push(':');
            place.push_str(&escape_visible(&at.to_string()));
        }
        let mut out = format!(
            "{place}: {}: {}",
            T::new("Fehler", "error").get(lang),
            escape_visible(self.message.get(lang))
        );
        for n in &self.notes {
            out.push_str("\n  = ");
            out.push_str(&escape_visible(n.get(lang)));
        }
        out
    }
}

#[cfg(test)]
mod round_trip;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_read_as_spreadsheets_write_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        let cell = Loc {
            sheet: "questions".into(),
            row: 12,
            col: Some(2),
        };
        assert_eq!(cell.to_string(), "questions!C12");
        let row = Loc { col: None, ..cell };
        assert_eq!(row.to_string(), "questions!12:12");
    }

    #[test]
    fn a_problem_names_file_and_cell_in_both_languages() {
        let p = Problem::at(
            Loc {
                sheet: "questions".into(),
                row: 12,
                col: Some(2),
            },
            Text::new("unbekannte Art „x\u{1b}“", "unknown kind `x\u{1b}`"),
        );
        assert_eq!(
            p.render(Path::new("a.xlsx"), Lang::De),
            "a.xlsx:questions!C12: Fehler: unbekannte Art „x\\u{1b}“"
        );
        assert_eq!(
            p.render(Path::new("a.xlsx"), Lang::En),
            "a.xlsx:questions!C12: error: unknown kind `x\\u{1b}`"
        );
    }
}
