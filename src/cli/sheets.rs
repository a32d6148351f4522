//! The files of `msgaudit checklist export/import`: a checklist's sheets as an XLSX workbook (written with
//! `rust_xlsxwriter`, every text a string cell) or as one CSV file (a `sheet` column first), and read back
//! from XLSX, ODS or XLS (calamine) or CSV. Bytes in, bytes out; the commands read and write the files.

use std::io::Cursor;

use calamine::{Data, Reader};
use rust_xlsxwriter::{Format as Style, Workbook as XlsxBook, XlsxError};

use crate::checklist::sheet::{Row, Sheet, Value, Workbook};
use crate::i18n::{T, Text};

/// The file formats of a checklist's sheets, told by the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// XLSX to write; XLSX, XLSM, XLS or ODS to read.
    Workbook,
    Csv,
}

impl Kind {
    /// The kind of `path` (for writing: only `.xlsx` or `.csv`).
    pub fn of(path: &std::path::Path, writing: bool) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(Kind::Workbook),
            "xlsm" | "xls" | "ods" if !writing => Some(Kind::Workbook),
            "csv" => Some(Kind::Csv),
            _ => None,
        }
    }
}

/// The width of a column by its header: texts wide, ids and flags narrow.
fn width(header: &str) -> f64 {
    let name = header.split("::").next().unwrap_or(header);
    match name {
        "text" | "help" | "description" | "measure" => 50.0,
        "title" | "label" | "refs" | "when" => 30.0,
        _ => 16.0,
    }
}

/// The sheets as an XLSX workbook: a bold, frozen header row, texts wrapped, true/false as truth values,
/// numbers as numbers, every text a string cell (never a formula).
pub fn to_xlsx(wb: &Workbook) -> Result<Vec<u8>, String> {
    let err = |e: XlsxError| format!("XLSX: {e}");
    let header = Style::new().set_bold().set_background_color(0x00D9_E1F2);
    let wrap = Style::new().set_text_wrap();
    let mut book = XlsxBook::new();
    for sheet in &wb.sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).map_err(err)?;
        for (r, row) in (0u32..).zip(&sheet.rows) {
            for (c, v) in (0u16..).zip(&row.cells) {
                let style = if r == 0 { &header } else { &wrap };
                match v {
                    Value::Text(s) => {
                        crate::report::xlsx::write_text(ws, r, c, s, style).map_err(err)?;
                        if r == 0 {
                            ws.set_column_width(c, width(s)).map_err(err)?;
                        }
                    }
                    Value::Bool(b) => {
                        ws.write_boolean(r, c, *b).map_err(err)?;
                    }
                    Value::Number(n) => {
                        ws.write_number(r, c, *n).map_err(err)?;
                    }
                    Value::Empty | Value::Unreadable(_) => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

/// A workbook's sheets (XLSX, XLSM, XLS or ODS). A formula, an error value or a date in a cell is kept as
/// unreadable, so that the import names that cell.
pub fn from_workbook(bytes: &[u8]) -> Result<Workbook, Text> {
    let bad = |e: &dyn std::fmt::Display| {
        T::new(
            "die Datei ist keine lesbare Arbeitsmappe (XLSX, ODS oder XLS): {0}",
            "the file is not a readable workbook (XLSX, ODS or XLS): {0}",
        )
        .both(&[&e.to_string()])
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut out = Workbook::default();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
        let formulas = book.worksheet_formula(&name).ok();
        let Some((top, left)) = range.start() else {
            out.sheets.push(Sheet {
                name,
                first_col: 0,
                rows: Vec::new(),
            });
            continue;
        };
        let rows = range
            .rows()
            .zip(top..)
            .map(|(cells, r)| Row {
                number: r + 1,
                cells: cells
                    .iter()
                    .zip(left..)
                    .map(|(d, c)| {
                        let formula = formulas
                            .as_ref()
                            .and_then(|f| f.get_value((r, c)))
                            .filter(|f| !f.is_empty());
                        match formula {
                            Some(f) => Value::Unreadable(
                                T::new(
                                    "die Zelle enthält eine Formel (={0}); schreiben Sie den Wert als Text",
                                    "the cell holds a formula (={0}); write the value as text",
                                )
                                .both(&[f]),
                            ),
                            None => value(d),
                        }
                    })
                    .collect(),
            })
            .collect();
        out.sheets.push(Sheet {
            name,
            first_col: left,
            rows,
        });
    }
    Ok(out)
}

fn value(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        #[allow(clippy::cast_precision_loss)] // a count or an id typed as a number: small
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Value::Unreadable(
            T::new(
                "die Zelle enthält ein Datum; schreiben Sie es als Text (mit einem Apostroph davor)",
                "the cell holds a date; write it as text (with an apostrophe before it)",
            )
            .into(),
        ),
        Data::Error(e) => Value::Unreadable(
            T::new(
                "die Zelle enthält einen Fehlerwert ({0})",
                "the cell holds an error value ({0})",
            )
            .both(&[&e.to_string()]),
        ),
    }
}

const BOM: &str = "\u{FEFF}";

/// Whether a spreadsheet would run `s` as a formula once its guarding apostrophes are taken away: the
/// rule of the CSV reports (`report::csv_report::guard`), extended so that it can be undone.
fn risky(s: &str) -> bool {
    let core = s.trim_start_matches('\'');
    core.starts_with(['=', '+', '-', '@', '\t', '\r']) && core.trim().parse::<f64>().is_err()
}

/// A text for a CSV cell: `'` before anything a spreadsheet would run as a formula.
pub fn guard(s: &str) -> String {
    if risky(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The text of a CSV cell: the apostrophe of [`guard`] taken away again.
pub fn unguard(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if risky(s) => rest.to_string(),
        _ => s.to_string(),
    }
}

/// The sheets as one CSV file: UTF-8 with a byte order mark; every row starts with its sheet's name (the
/// `sheet` column), then that sheet's cells, the sheet's header row first; `,` between fields (`;` with
/// `semicolon`, as German Excel expects).
pub fn to_csv(wb: &Workbook, semicolon: bool) -> Result<Vec<u8>, String> {
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .terminator(::csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(BOM.as_bytes().to_vec());
    let err = |e: ::csv::Error| format!("CSV: {e}");
    for sheet in &wb.sheets {
        for row in &sheet.rows {
            let mut record = vec![sheet.name.clone()];
            record.extend(row.cells.iter().map(|v| match v {
                Value::Text(s) => guard(s),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                Value::Empty | Value::Unreadable(_) => String::new(),
            }));
            w.write_record(&record).map_err(err)?;
        }
    }
    w.into_inner().map_err(|e| format!("CSV: {}", e.error()))
}

/// The sheets of a CSV file laid out as [`to_csv`] writes it (`,`, `;` or a tab between fields, told by
/// the first line). A row's number is its record's, as a spreadsheet shows it (a line break inside a
/// quoted cell starts no row).
pub fn from_csv(bytes: &[u8]) -> Result<Workbook, Text> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        T::new(
            "die CSV-Datei ist kein UTF-8-Text (Byte {0}); speichern Sie sie als „CSV UTF-8“",
            "the CSV file is not UTF-8 text (byte {0}); save it as “CSV UTF-8”",
        )
        .both(&[&e.valid_up_to().to_string()])
    })?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    // The first line names a sheet, then its first column: the first separator in it tells which one.
    let first_line = text.lines().next().unwrap_or("");
    let Some(delimiter) = first_line
        .bytes()
        .find(|b| matches!(b, b',' | b';' | b'\t'))
    else {
        return Err(T::new(
            "die CSV-Datei hat nicht die Form einer Checkliste: jede Zeile beginnt mit dem Namen ihres Blatts, dann folgen dessen Zellen (siehe docs/checklist-sheets.md)",
            "the CSV file is not laid out as a checklist: each row starts with the name of its sheet, then that sheet's cells (see docs/checklist-sheets.md)",
        )
        .into());
    };
    let mut r = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Workbook::default();
    for (number, record) in (1u32..).zip(r.records()) {
        let record = record.map_err(|e| {
            T::new(
                "die CSV-Datei ist fehlerhaft: {0}",
                "the CSV file is broken: {0}",
            )
            .both(&[&e.to_string()])
        })?;
        let mut fields = record.iter();
        let name = fields.next().unwrap_or_default().trim().to_string();
        let cells: Vec<Value> = fields
            .map(|f| {
                if f.is_empty() {
                    Value::Empty
                } else {
                    Value::Text(unguard(f))
                }
            })
            .collect();
        if name.is_empty() {
            if cells.iter().all(|c| *c == Value::Empty) {
                continue; // a blank line
            }
            return Err(T::new(
                "Zeile {0} der CSV-Datei nennt kein Blatt in der Spalte „sheet“",
                "row {0} of the CSV file names no sheet in the column `sheet`",
            )
            .both(&[&number.to_string()]));
        }
        let row = Row { number, cells };
        match out.sheets.iter_mut().find(|s| s.name == name) {
            Some(s) => s.rows.push(row),
            None => out.sheets.push(Sheet {
                name,
                first_col: 1,
                rows: vec![row],
            }),
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::checklist::sheet;

    const AWKWARD: &[&str] = &[
        "Zeile 1\nZeile 2\n",
        "„Zitat“ und \"quote\" und 'apostroph'",
        "=HYPERLINK(\"http://x\")",
        "'=schon geschützt",
        "''=zweimal",
        "+49 30 1234",
        "-5",
        "@SUM(A1)",
        "Grüße, Maß; Öl",
        "tab\tand\r\nCRLF",
        "\tleading tab",
        "  leading and trailing  ",
        "'",
    ];

    fn book() -> Workbook {
        let mut rows = vec![Row {
            number: 1,
            cells: vec![Value::Text("id".into()), Value::Text("text::de".into())],
        }];
        for (n, s) in (2..).zip(AWKWARD) {
            rows.push(Row {
                number: n,
                cells: vec![Value::Text(format!("r{n}")), Value::Text((*s).into())],
            });
        }
        rows.push(Row {
            number: u32::try_from(rows.len()).unwrap() + 1,
            cells: vec![Value::Bool(true), Value::Number(2.5)],
        });
        Workbook {
            sheets: vec![Sheet {
                name: sheet::QUESTIONS.into(),
                first_col: 0,
                rows,
            }],
        }
    }

    #[test]
    fn awkward_texts_come_back_from_xlsx_as_string_cells() {
        let wb = book();
        let bytes = to_xlsx(&wb).unwrap();
        let back = from_workbook(&bytes).unwrap();
        assert_eq!(back, wb);
        // Nothing was written as a formula.
        let mut b = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
        let f = b.worksheet_formula(sheet::QUESTIONS).unwrap();
        assert!(f.used_cells().all(|(_, _, s)| s.is_empty()));
    }

    #[test]
    fn awkward_texts_come_back_from_csv_and_formulas_are_guarded() {
        let wb = book();
        for semicolon in [false, true] {
            let bytes = to_csv(&wb, semicolon).unwrap();
            let text = String::from_utf8(bytes.clone()).unwrap();
            assert!(text.contains("'=HYPERLINK"), "{text}");
            assert!(text.contains("'@SUM"), "{text}");
            assert!(!text.contains(",=") && !text.contains(";="), "{text}");
            let back = from_csv(&bytes).unwrap();
            let s = &back.sheets[0];
            assert_eq!((s.name.as_str(), s.first_col), (sheet::QUESTIONS, 1));
            for (a, b) in s.rows.iter().zip(&wb.sheets[0].rows) {
                assert_eq!(a.number, b.number);
                let want: Vec<Value> = b
                    .cells
                    .iter()
                    .map(|v| match v {
                        Value::Bool(x) => Value::Text(x.to_string()),
                        Value::Number(x) => Value::Text(x.to_string()),
                        v => v.clone(),
                    })
                    .collect();
                assert_eq!(a.cells, want);
            }
        }
    }

    #[test]
    fn the_guard_is_undone_exactly() {
        for s in AWKWARD
            .iter()
            .chain(&["", "'x", "'-5", "-5", "'", "''", "=", "'=", "''="])
        {
            assert_eq!(unguard(&guard(s)), *s, "{s:?}");
        }
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("-5"), "-5");
        assert_eq!(unguard("=1+1"), "=1+1", "a hand-written formula stays");
    }

    #[test]
    fn a_csv_without_the_sheet_column_or_in_another_encoding_is_refused() {
        assert!(
            from_csv(b"just one column\n")
                .unwrap_err()
                .en
                .contains("name of its sheet")
        );
        assert!(
            from_csv(b"questions,id\nquestions,\xff\n")
                .unwrap_err()
                .en
                .contains("UTF-8")
        );
        let e = from_csv(b"questions,id\n,x\n").unwrap_err();
        assert!(e.en.contains("row 2"), "{e:?}");
    }

    #[test]
    fn a_file_that_is_no_workbook_is_refused_in_both_languages() {
        let e = from_workbook(b"not a zip").unwrap_err();
        assert!(
            e.de.starts_with("die Datei ist keine lesbare Arbeitsmappe"),
            "{e:?}"
        );
    }
}
