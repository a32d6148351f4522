//! Reading a sheet's cells: its header (every column known, none twice, every language there) and the
//! values of its rows as text, true/false, numbers and texts per language, each with the cell it is in;
//! a cell that cannot be read so is a problem at that cell.

use std::collections::HashSet;

use super::columns::{self, Key};
use super::{Loc, Problem, Row, Sheet, Value};
use crate::i18n::{T, Text};

/// A cell's text and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: String,
    pub at: Loc,
}

/// A text in every language, in `languages` order, each from its cell.
pub type LangText = Vec<(String, Cell)>;

/// A sheet's header read: the column of each cell.
pub(super) struct Table<'a> {
    sheet: &'a Sheet,
    keys: Vec<Option<Key>>,
}

impl Table<'_> {
    pub(super) fn loc(&self, row: u32, index: Option<usize>) -> Loc {
        Loc {
            sheet: self.sheet.name.clone(),
            row,
            col: index.map(|i| self.sheet.first_col + u32::try_from(i).unwrap_or(u32::MAX)),
        }
    }

    /// The data rows, blank ones left out.
    pub(super) fn rows(&self) -> impl Iterator<Item = View<'_>> {
        self.sheet
            .rows
            .iter()
            .skip(1)
            .filter(|r| !r.cells.iter().all(Value::is_blank))
            .map(|row| View { table: self, row })
    }
}

/// Reads the header of `sheet`: every column known, none twice, each language of `langs` (when known)
/// present for every per-language column, the `required` columns there.
pub(super) fn table<'a>(
    sheet: &'a Sheet,
    langs: Option<&[String]>,
    required: &[&str],
    p: &mut Vec<Problem>,
) -> Table<'a> {
    let columns = columns::of(&sheet.name);
    let mut t = Table {
        sheet,
        keys: Vec::new(),
    };
    let Some(header) = sheet.rows.first() else {
        p.push(Problem::workbook(
            T::new(
                "das Blatt „{0}“ ist leer; seine erste Zeile nennt die Spalten",
                "the sheet `{0}` is empty; its first row names the columns",
            )
            .both(&[&sheet.name]),
        ));
        return t;
    };
    let mut seen = HashSet::new();
    for (i, v) in header.cells.iter().enumerate() {
        let at = t.loc(header.number, Some(i));
        let key = match v {
            v if v.is_blank() => None,
            Value::Text(s) => match columns::parse_header(columns, s) {
                Ok(k) => Some(k),
                Err(m) => {
                    p.push(Problem::at(at.clone(), m));
                    None
                }
            },
            _ => {
                p.push(Problem::at(
                    at.clone(),
                    T::new(
                        "eine Kopfzelle nennt eine Spalte mit Text",
                        "a header cell names a column as text",
                    ),
                ));
                None
            }
        };
        if let Some(k) = &key {
            if let (Some(l), Some(langs)) = (&k.lang, langs)
                && !langs.contains(l)
            {
                p.push(Problem::at(
                    at.clone(),
                    T::new(
                        "die Sprache „{0}“ steht nicht in „languages“ ({1})",
                        "the language `{0}` is not in `languages` ({1})",
                    )
                    .both(&[l, &langs.join(", ")]),
                ));
            }
            if !seen.insert(k.clone()) {
                p.push(Problem::at(
                    at.clone(),
                    T::new(
                        "die Spalte „{0}“ steht doppelt",
                        "the column `{0}` appears twice",
                    )
                    .both(&[&k.to_string()]),
                ));
            }
        }
        t.keys.push(key);
    }
    let header_row = t.loc(header.number, None);
    for c in columns {
        let wanted: Vec<Key> = match (c.per_lang, langs) {
            (true, Some(langs)) => langs.iter().map(|l| Key::lang(c.name, l)).collect(),
            (true, None) => continue,
            (false, _) => vec![Key::one(c.name)],
        };
        let present = wanted.iter().filter(|k| seen.contains(*k)).count();
        if present == wanted.len() || (present == 0 && !required.contains(&c.name)) {
            continue;
        }
        for k in wanted.iter().filter(|k| !seen.contains(*k)) {
            p.push(Problem::at(
                header_row.clone(),
                T::new("die Spalte „{0}“ fehlt", "the column `{0}` is missing")
                    .both(&[&k.to_string()]),
            ));
        }
    }
    // A value under no header would be lost: say so.
    for row in sheet.rows.iter().skip(1) {
        for (i, v) in row.cells.iter().enumerate() {
            if !v.is_blank() && t.keys.get(i).is_none_or(Option::is_none) {
                p.push(Problem::at(
                    t.loc(row.number, Some(i)),
                    T::new(
                        "ein Wert in einer Spalte ohne Kopfzelle",
                        "a value in a column without a header",
                    ),
                ));
            }
        }
    }
    t
}

/// One data row of a table.
pub(super) struct View<'a> {
    table: &'a Table<'a>,
    row: &'a Row,
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        // Whole and small enough to be exact as an integer.
        #[allow(clippy::cast_possible_truncation)]
        let i = f as i64;
        i.to_string()
    } else {
        f.to_string()
    }
}

impl View<'_> {
    pub(super) fn row_loc(&self) -> Loc {
        self.table.loc(self.row.number, None)
    }

    fn index(&self, key: &Key) -> Option<usize> {
        self.table.keys.iter().position(|k| k.as_ref() == Some(key))
    }

    pub(super) fn loc(&self, key: &Key) -> Loc {
        self.table.loc(self.row.number, self.index(key))
    }

    /// The cell under `key` unless it is blank.
    fn value(&self, key: &Key) -> Option<(&Value, Loc)> {
        let i = self.index(key)?;
        let v = self.row.cells.get(i)?;
        (!v.is_blank()).then(|| (v, self.table.loc(self.row.number, Some(i))))
    }

    pub(super) fn cell(&self, key: &Key, p: &mut Vec<Problem>) -> Option<Cell> {
        let (v, at) = self.value(key)?;
        let value = match v {
            Value::Text(s) => s.clone(),
            Value::Number(f) => number_text(*f),
            Value::Bool(b) => b.to_string(),
            Value::Empty => return None,
            Value::Unreadable(why) => {
                p.push(Problem::at(at, why.clone()));
                return None;
            }
        };
        Some(Cell { value, at })
    }

    pub(super) fn text(&self, name: &'static str, p: &mut Vec<Problem>) -> Option<Cell> {
        self.cell(&Key::one(name), p)
    }

    /// A cell that must be filled for `what` (a question, an option …).
    pub(super) fn needed(&self, name: &'static str, what: T, p: &mut Vec<Problem>) -> Option<Cell> {
        let key = Key::one(name);
        if self.value(&key).is_none() {
            p.push(empty(self.loc(&key), what, name));
            return None;
        }
        self.cell(&key, p)
    }

    pub(super) fn flag(&self, name: &'static str, p: &mut Vec<Problem>) -> Option<(bool, Loc)> {
        let (v, at) = self.value(&Key::one(name))?;
        let b = match v {
            Value::Bool(b) => Some(*b),
            Value::Number(n) if (*n - 1.0).abs() < f64::EPSILON => Some(true),
            Value::Number(n) if n.abs() < f64::EPSILON => Some(false),
            Value::Text(s) => match s.trim().to_lowercase().as_str() {
                "true" | "yes" | "ja" | "wahr" | "1" => Some(true),
                "false" | "no" | "nein" | "falsch" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        };
        if b.is_none() {
            p.push(Problem::at(
                at.clone(),
                T::new(
                    "„{0}“ ist ein Wahrheitswert: true oder false (auch ja/nein); leer lassen für den Standard",
                    "`{0}` is true or false (also yes/no); leave it empty for the default",
                )
                .both(&[name]),
            ));
        }
        b.map(|b| (b, at))
    }

    pub(super) fn number(&self, name: &'static str, p: &mut Vec<Problem>) -> Option<(f64, Loc)> {
        let (v, at) = self.value(&Key::one(name))?;
        let n = match v {
            Value::Number(n) => Some(*n),
            Value::Text(s) => {
                let s = s.trim();
                let s = if s.contains('.') {
                    s.to_string()
                } else {
                    s.replace(',', ".")
                };
                s.parse::<f64>().ok()
            }
            _ => None,
        };
        match n {
            Some(n) if n.is_finite() => Some((n, at)),
            _ => {
                p.push(Problem::at(
                    at,
                    T::new(
                        "„{0}“ ist eine Zahl, z. B. 0 oder 2,5",
                        "`{0}` is a number, e.g. 0 or 2.5",
                    )
                    .both(&[name]),
                ));
                None
            }
        }
    }

    /// The text of `name::lang` in every language; None when all are empty, a problem at each empty one
    /// when only some are.
    pub(super) fn lang_text(
        &self,
        name: &'static str,
        langs: &[String],
        p: &mut Vec<Problem>,
    ) -> Option<LangText> {
        let cells: Vec<(String, Option<Cell>, Loc)> = langs
            .iter()
            .map(|l| {
                let key = Key::lang(name, l);
                (l.clone(), self.cell(&key, p), self.loc(&key))
            })
            .collect();
        if cells.iter().all(|(_, c, _)| c.is_none()) {
            return None;
        }
        let mut out = Vec::new();
        for (lang, cell, at) in cells {
            match cell {
                Some(c) => out.push((lang, c)),
                None => p.push(Problem::at(
                    at,
                    T::new(
                        "„{0}“ ist hier leer, in einer anderen Sprache aber nicht; jede Sprache braucht den Text",
                        "`{0}` is empty here but not in another language; every language needs the text",
                    )
                    .both(&[&Key::lang(name, &lang).to_string()]),
                )),
            }
        }
        (out.len() == langs.len()).then_some(out)
    }

    pub(super) fn needed_text(
        &self,
        name: &'static str,
        langs: &[String],
        what: T,
        p: &mut Vec<Problem>,
    ) -> Option<LangText> {
        let t = self.lang_text(name, langs, p);
        if t.is_none()
            && langs
                .iter()
                .all(|l| self.value(&Key::lang(name, l)).is_none())
        {
            let key = langs.first().map_or(Key::one(name), |l| Key::lang(name, l));
            p.push(empty(self.loc(&key), what, &key.to_string()));
        }
        t
    }

    /// References: one per line, the same number of lines in every language.
    pub(super) fn refs(&self, langs: &[String], p: &mut Vec<Problem>) -> Vec<LangText> {
        let Some(cells) = self.lang_text("refs", langs, p) else {
            return Vec::new();
        };
        let split: Vec<(String, Vec<String>, Loc)> = cells
            .into_iter()
            .map(|(l, c)| {
                let lines = c
                    .value
                    .split('\n')
                    .map(|s| s.strip_suffix('\r').unwrap_or(s).to_string())
                    .collect();
                (l, lines, c.at)
            })
            .collect();
        let n = split.first().map_or(0, |s| s.1.len());
        for (l, lines, at) in &split {
            if lines.len() != n {
                p.push(Problem::at(
                    at.clone(),
                    T::new(
                        "„refs::{0}“ hat {1} Fundstellen (eine je Zeile), „refs::{2}“ hat {3}; jede Sprache braucht gleich viele",
                        "`refs::{0}` has {1} references (one per line), `refs::{2}` has {3}; every language needs as many",
                    )
                    .both(&[l, &lines.len().to_string(), &split[0].0, &n.to_string()]),
                ));
                return Vec::new();
            }
            if lines.iter().any(String::is_empty) {
                p.push(Problem::at(
                    at.clone(),
                    T::new(
                        "eine leere Zeile unter den Fundstellen; schreiben Sie eine Fundstelle je Zeile",
                        "an empty line among the references; write one reference per line",
                    ),
                ));
                return Vec::new();
            }
        }
        (0..n)
            .map(|i| {
                split
                    .iter()
                    .map(|(l, lines, at)| {
                        (
                            l.clone(),
                            Cell {
                                value: lines[i].clone(),
                                at: at.clone(),
                            },
                        )
                    })
                    .collect()
            })
            .collect()
    }

    /// Cells that mean nothing in this kind of row (`what`) must be empty: nothing is left out unsaid.
    pub(super) fn forbid(&self, names: &[&str], what: T, p: &mut Vec<Problem>) {
        for k in self.table.keys.iter().flatten() {
            if !names.contains(&k.name) {
                continue;
            }
            if let Some((_, at)) = self.value(k) {
                let column = k.to_string();
                p.push(Problem::at(
                    at,
                    Text::by(|lang| {
                        T::new(
                            "die Spalte „{0}“ gilt nicht für {1}; lassen Sie die Zelle leer",
                            "the column `{0}` does not apply to {1}; leave the cell empty",
                        )
                        .fill(lang, &[&column, what.get(lang)])
                    }),
                ));
            }
        }
    }
}

fn empty(at: Loc, what: T, column: &str) -> Problem {
    Problem::at(
        at,
        Text::by(|lang| {
            T::new(
                "leere Zelle: {0} braucht „{1}“",
                "empty cell: {0} needs `{1}`",
            )
            .fill(lang, &[what.get(lang), column])
        }),
    )
}
