//! Tests of the sheets without a file format: export → import gives a checklist with the same meaning
//! (the validated models compared), and a broken cell is named by its sheet and cell.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use super::*;
use crate::checklist::{self, Checklist};

/// The meaning of a checklist: everything of the validated model but where it was loaded from and the
/// hash of its bytes.
pub(crate) fn meaning(c: &Checklist) -> String {
    format!(
        "{:#?}",
        (
            &c.id,
            &c.version,
            &c.languages,
            &c.title,
            &c.description,
            &c.sections,
            &c.knowledge,
            c.question_count,
            &c.includes,
            &c.prefills,
        )
    )
}

fn reimport(wb: &Workbook, as_path: &Path) -> Result<Checklist, Vec<String>> {
    let imported = import(wb).map_err(|p| {
        p.iter()
            .map(|p| p.render(Path::new("x.xlsx"), Lang::En))
            .collect::<Vec<_>>()
    })?;
    validate(&imported, as_path).map_err(|e| {
        e.iter()
            .map(|e| e.render(Path::new("x.xlsx"), Lang::En))
            .collect()
    })
}

fn shipped() -> Vec<PathBuf> {
    let files = checklist::files_in(Path::new("checklists")).unwrap();
    assert!(files.len() >= 2, "{files:?}");
    files
}

fn round_trip(path: &Path) {
    let original = checklist::load(path).unwrap();
    let wb = export(path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
    // Checked as a new file beside the original, so that its includes and knowledge base resolve.
    let beside = path.with_file_name("roundtrip-test.toml");
    let back = reimport(&wb, &beside).unwrap_or_else(|e| panic!("{}: {e:#?}", path.display()));
    assert_eq!(meaning(&original), meaning(&back), "{}", path.display());
    // Written and exported again, it gives the same sheets and the same text: nothing drifts.
    let text = import(&wb).unwrap().text().to_string();
    let tmp = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(path.parent().unwrap()).unwrap() {
        let f = f.unwrap().path();
        if f.is_file() {
            std::fs::copy(&f, tmp.path().join(f.file_name().unwrap())).unwrap();
        }
    }
    let again = tmp.path().join("again.toml");
    std::fs::write(&again, &text).unwrap();
    let wb2 = export(&again).unwrap();
    assert_eq!(wb2, wb, "{}", path.display());
    assert_eq!(import(&wb2).unwrap().text(), text);
}

#[test]
fn every_shipped_checklist_survives_export_and_import_with_the_same_meaning() {
    for path in shipped() {
        round_trip(&path);
    }
}

/// The test checklists add what the shipped ones do not use: text, number and date questions, `min`,
/// `max`, section findings.
#[test]
fn the_test_checklists_survive_export_and_import_with_the_same_meaning() {
    let mut n = 0;
    for dir in [
        "tests/fixtures",
        "tests/fixtures/tui",
        "tests/fixtures/diff",
    ] {
        for path in checklist::files_in(Path::new(dir)).unwrap() {
            round_trip(&path);
            n += 1;
        }
    }
    assert!(n >= 4, "{n}");
}

/// The shipped checklists use includes, a knowledge base, `for_each`, `prefill`, `covers`, DPIA criteria,
/// `other` options and the three answer flags: the round trip above carries each of them.
#[test]
fn the_shipped_checklists_use_every_kind_of_row_the_sheets_have() {
    let all: Vec<Workbook> = shipped().iter().map(|p| export(p).unwrap()).collect();
    let column = |sheet: &str, name: &str| -> Vec<Value> {
        all.iter()
            .flat_map(|wb| {
                let s = wb.sheet(sheet).unwrap();
                let i = s.rows[0]
                    .cells
                    .iter()
                    .position(|c| *c == Value::Text(name.into()))
                    .unwrap_or_else(|| panic!("{sheet}: {name}"));
                s.rows[1..].iter().map(move |r| r.cells[i].clone())
            })
            .filter(|v| !v.is_blank())
            .collect()
    };
    let kinds = column(QUESTIONS, "kind");
    for k in ["section", "include", "yes_no", "single", "multi"] {
        assert!(kinds.contains(&Value::Text(k.into())), "{k}");
    }
    for (sheet, c) in [
        (QUESTIONS, "for_each"),
        (QUESTIONS, "prefill"),
        (QUESTIONS, "art30"),
        (QUESTIONS, "unknown"),
        (QUESTIONS, "not_applicable"),
        (QUESTIONS, "refs::de"),
        (QUESTIONS, "help::en"),
        (FINDINGS, "covers"),
        (FINDINGS, "dpia_criterion"),
        (FINDINGS, "question"),
        (OPTIONS, "other"),
        (SETTINGS, "knowledge"),
    ] {
        assert!(!column(sheet, c).is_empty(), "{sheet}: {c}");
    }
}

/// The sheet's cell under the header `column` in the row numbered `row`.
fn cell<'a>(wb: &'a mut Workbook, sheet: &str, row: u32, column: &str) -> &'a mut Value {
    let s = wb.sheets.iter_mut().find(|s| s.name == sheet).unwrap();
    let i = s.rows[0]
        .cells
        .iter()
        .position(|c| *c == Value::Text(column.into()))
        .unwrap();
    let r = s.rows.iter_mut().find(|r| r.number == row).unwrap();
    &mut r.cells[i]
}

/// The row number of the first row of `sheet` whose `column` is `value`.
fn row_of(wb: &Workbook, sheet: &str, column: &str, value: &str) -> u32 {
    let s = wb.sheet(sheet).unwrap();
    let i = s.rows[0]
        .cells
        .iter()
        .position(|c| *c == Value::Text(column.into()))
        .unwrap();
    s.rows
        .iter()
        .find(|r| r.cells[i] == Value::Text(value.into()))
        .unwrap()
        .number
}

fn problems(wb: &Workbook) -> Vec<String> {
    reimport(wb, Path::new("checklists/roundtrip-test.toml")).unwrap_err()
}

fn audit() -> Workbook {
    export(Path::new("checklists/messenger-audit.toml")).unwrap()
}

#[test]
fn a_cell_that_is_not_true_or_false_is_named_by_sheet_and_cell() {
    let mut wb = audit();
    let row = row_of(&wb, QUESTIONS, "id", "in_records");
    *cell(&mut wb, QUESTIONS, row, "required") = Value::Text("vielleicht".into());
    let p = problems(&wb);
    // `required` is the 11th column (K) with two languages.
    assert_eq!(
        p,
        [format!(
            "x.xlsx:questions!K{row}: error: `required` is true or false (also yes/no); leave it empty for the default"
        )]
    );
    let imported = import(&wb).unwrap_err();
    assert!(
        imported[0]
            .render(Path::new("a.xlsx"), Lang::De)
            .starts_with(&format!(
                "a.xlsx:questions!K{row}: Fehler: „required“ ist ein Wahrheitswert"
            )),
        "{imported:?}"
    );
}

#[test]
fn a_validation_error_of_the_checklist_names_the_cell_its_value_came_from() {
    let mut wb = audit();
    let row = row_of(&wb, QUESTIONS, "id", "in_records");
    *cell(&mut wb, QUESTIONS, row, "kind") = Value::Text("yes_or_no".into());
    let p = problems(&wb);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].starts_with(&format!(
            "x.xlsx:questions!A{row}: error: unknown kind `yes_or_no`"
        )),
        "{p:#?}"
    );
    // A condition: the `when` cell of a finding.
    let mut wb = audit();
    let row = row_of(&wb, FINDINGS, "id", "em_records_unknown");
    *cell(&mut wb, FINDINGS, row, "when") = Value::Text("unknown(in_recrods)".into());
    let p = problems(&wb);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(
        p[0].starts_with(&format!("x.xlsx:findings!D{row}: error: ")),
        "{p:#?}"
    );
    assert!(p[0].contains("in_recrods"), "{p:#?}");
    // An option's label in one language only.
    let mut wb = audit();
    let row = row_of(&wb, OPTIONS, "id", "orders");
    *cell(&mut wb, OPTIONS, row, "label::en") = Value::Empty;
    assert_eq!(
        problems(&wb),
        [format!(
            "x.xlsx:options!E{row}: error: `label::en` is empty here but not in another language; every language needs the text"
        )]
    );
}

#[test]
fn rows_and_columns_that_the_checklist_has_no_place_for_are_refused() {
    let mut wb = audit();
    // An option of a question that is not there.
    let row = row_of(&wb, OPTIONS, "id", "orders");
    *cell(&mut wb, OPTIONS, row, "question") = Value::Text("procezzes".into());
    // A value in a column a section row does not have.
    let section = row_of(&wb, QUESTIONS, "id", "email");
    *cell(&mut wb, QUESTIONS, section, "min") = Value::Number(3.0);
    // An unknown column.
    let q = wb.sheets.iter_mut().find(|s| s.name == QUESTIONS).unwrap();
    q.rows[0].cells.push(Value::Text("hint::en".into()));
    let p = problems(&wb);
    let col = column_letters(u32::try_from(q_len(&wb) - 1).unwrap());
    assert!(
        p.iter().any(|p| p.starts_with(&format!(
            "x.xlsx:questions!{col}1: error: unknown column `hint::en`"
        ))),
        "{p:#?}"
    );
    assert!(
        p.iter().any(|p| p.starts_with(&format!(
            "x.xlsx:questions!N{section}: error: the column `min` does not apply to a section row"
        ))),
        "{p:#?}"
    );
    assert!(
        p.iter().any(|p| p.starts_with(&format!(
            "x.xlsx:options!B{row}: error: the section `email` has no question `procezzes`"
        ))),
        "{p:#?}"
    );
    // A missing sheet, a missing language column.
    let mut wb = audit();
    wb.sheets.retain(|s| s.name != QUESTIONS);
    assert_eq!(
        problems(&wb),
        ["x.xlsx: error: the workbook has no sheet `questions` (see docs/checklist-sheets.md)"]
    );
    let mut wb = audit();
    let q = wb.sheets.iter_mut().find(|s| s.name == QUESTIONS).unwrap();
    q.rows[0].cells[3] = Value::Text("text::fr".into());
    let p = problems(&wb);
    assert!(
        p.contains(
            &"x.xlsx:questions!D1: error: the language `fr` is not in `languages` (de, en)"
                .to_string()
        ),
        "{p:#?}"
    );
    assert!(
        p.contains(&"x.xlsx:questions!1:1: error: the column `text::en` is missing".to_string()),
        "{p:#?}"
    );
}

fn q_len(wb: &Workbook) -> usize {
    wb.sheet(QUESTIONS).unwrap().rows[0].cells.len()
}

/// Awkward cells: line breaks, quotes of both kinds, a leading `=`, umlauts, a backslash, control
/// characters, empty optional cells. Each is written into a small checklist and must come back as it was.
#[test]
fn awkward_cells_come_back_exactly() {
    let awkward = [
        "Zeile 1\nZeile 2\n",
        "„Zitat“ und \"quote\" und 'apostroph'",
        "=HYPERLINK(\"http://x\")",
        "+49 30 1234",
        "-5",
        "@SUM(A1)",
        "Grüße, Maß, Öl",
        "C:\\Pfad\\datei",
        "tab\tand\r\nCRLF",
        "  leading and trailing  ",
        "{item} bleibt",
    ];
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("awkward.toml");
    std::fs::write(
        &src,
        "format = 1\nid = \"awk\"\nversion = \"1\"\nlanguages = [\"de\", \"en\"]\n\
         title = { de = \"T\", en = \"T\" }\ndescription = { de = \"D\", en = \"D\" }\n\
         [[section]]\nid = \"s\"\ntitle = { de = \"S\", en = \"S\" }\n\
         [[section.question]]\nid = \"q\"\nkind = \"yes_no\"\ntext = { de = \"Q\", en = \"Q\" }\n",
    )
    .unwrap();
    let base = export(&src).unwrap();
    let row = row_of(&base, QUESTIONS, "id", "q");
    for s in awkward {
        let mut wb = base.clone();
        *cell(&mut wb, QUESTIONS, row, "text::de") = Value::Text(s.into());
        *cell(&mut wb, QUESTIONS, row, "help::en") = Value::Text(s.into());
        *cell(&mut wb, QUESTIONS, row, "help::de") = Value::Text(format!("{s} (de)"));
        let out = tmp.path().join("out.toml");
        let c = reimport(&wb, &out).unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
        let q = &c.sections[0].questions[0];
        assert_eq!(q.text.get("de"), s);
        assert_eq!(q.help.as_ref().unwrap().get("en"), s);
        // Written out and exported again, the cells are the same.
        std::fs::write(&out, import(&wb).unwrap().text()).unwrap();
        let again = export(&out).unwrap();
        assert_eq!(again.sheet(QUESTIONS), wb.sheet(QUESTIONS), "{s:?}");
    }
    // Empty optional cells stay absent: no help, no refs, no flags.
    let c = reimport(&base, &tmp.path().join("out.toml")).unwrap();
    let q = &c.sections[0].questions[0];
    assert!(q.help.is_none() && q.refs.is_empty() && q.when.is_none());
    let text = import(&base).unwrap().text().to_string();
    assert!(
        !text.contains("help") && !text.contains("required"),
        "{text}"
    );
}

/// The TOML written is readable: one key per line, texts as inline language tables.
#[test]
fn the_generated_file_reads_like_a_hand_written_one() {
    let text = import(&audit()).unwrap().text().to_string();
    assert!(text.contains("\n[[section]]\nid = \"email\"\n"), "{text}");
    assert!(text.contains(
        "title = { de = \"E-Mail als Ausgangspunkt\", en = \"E-mail as the starting point\" }\n"
    ));
    assert!(
        text.contains("refs = [{ de = \"Art. 30 Abs. 1 DSGVO\", en = \"Art. 30(1) GDPR\" }]\n")
    );
    assert!(
        text.contains("\n  { id = \"orders\", label = { de = "),
        "{text}"
    );
    assert!(text.contains(
        "\n[[section]]\ninclude = \"messenger-app-review.toml\"\nsection = \"review\"\n"
    ));
}
