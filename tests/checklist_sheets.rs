//! `msgaudit checklist export` and `msgaudit checklist import` through the real binary: every shipped
//! checklist goes to XLSX and CSV and back with the same meaning, a broken cell is named as
//! `FILE.xlsx:questions!K12` in German and English, and no file is overwritten or written invalid
//! unless asked for.

use std::path::{Path, PathBuf};
use std::process::Command;

use msgaudit::checklist::sheet::{self, Value, Workbook};
use msgaudit::checklist::{self, Checklist};

fn msgaudit(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// A copy of the shipped checklists (with their knowledge base) to work in.
fn shipped_copy() -> (tempfile::TempDir, Vec<PathBuf>) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for f in std::fs::read_dir("checklists").unwrap_or_else(|e| panic!("{e}")) {
        let f = f.unwrap_or_else(|e| panic!("{e}")).path();
        let to = tmp.path().join(f.file_name().unwrap_or_default());
        std::fs::copy(&f, to).unwrap_or_else(|e| panic!("{e}"));
    }
    let files = checklist::files_in(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(files.len() >= 2, "{files:?}");
    (tmp, files)
}

/// Everything a checklist means: the validated model without its path and hash.
fn meaning(c: &Checklist) -> String {
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

fn load(p: &Path) -> Checklist {
    checklist::load(p).unwrap_or_else(|d| panic!("{}: {d:?}", p.display()))
}

#[test]
fn every_shipped_checklist_goes_to_xlsx_and_csv_and_back_with_the_same_meaning() {
    let (tmp, files) = shipped_copy();
    for original in &files {
        let stem = original.file_stem().unwrap_or_default().to_string_lossy();
        for ext in ["xlsx", "csv"] {
            let sheets = tmp.path().join(format!("{stem}.{ext}"));
            let (code, out, err) =
                msgaudit(&["checklist", "export", &s(original), "-o", &s(&sheets)]);
            assert_eq!(code, 0, "{err}");
            assert!(out.starts_with(&format!("wrote {}", s(&sheets))), "{out}");
            let back = tmp.path().join(format!("{stem}-from-{ext}.toml"));
            let (code, out, err) = msgaudit(&["checklist", "import", &s(&sheets), "-o", &s(&back)]);
            assert_eq!(code, 0, "{err}");
            assert!(out.contains("valid"), "{out}");
            assert_eq!(
                meaning(&load(original)),
                meaning(&load(&back)),
                "{stem}.{ext}"
            );
            // `check` accepts it as it stands.
            let (code, _, err) = msgaudit(&["check", &s(&back)]);
            assert_eq!(code, 0, "{err}");
        }
    }
}

/// The exported workbook of the shipped audit, read back, to change cells in.
fn audit_workbook(dir: &Path) -> Workbook {
    let xlsx = dir.join("audit-source.xlsx");
    let audit = dir.join("messenger-audit.toml");
    let (code, _, err) = msgaudit(&["checklist", "export", &s(&audit), "-o", &s(&xlsx)]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&xlsx).unwrap_or_else(|e| panic!("{e}"));
    msgaudit::cli::sheets::from_workbook(&bytes).unwrap_or_else(|e| panic!("{e:?}"))
}

fn set(wb: &mut Workbook, sheet: &str, id: &str, column: &str, v: Value) -> u32 {
    let sh = wb
        .sheets
        .iter_mut()
        .find(|x| x.name == sheet)
        .unwrap_or_else(|| panic!("{sheet}"));
    let col = |name: &str| {
        sh.rows[0]
            .cells
            .iter()
            .position(|c| *c == Value::Text(name.into()))
            .unwrap_or_else(|| panic!("{name}"))
    };
    let (id_col, c) = (col("id"), col(column));
    let row = sh
        .rows
        .iter_mut()
        .find(|r| r.cells.get(id_col) == Some(&Value::Text(id.into())))
        .unwrap_or_else(|| panic!("{id}"));
    if row.cells.len() <= c {
        row.cells.resize(c + 1, Value::Empty);
    }
    row.cells[c] = v;
    row.number
}

fn write_xlsx(wb: &Workbook, path: &Path) {
    let bytes = msgaudit::cli::sheets::to_xlsx(wb).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_bad_cell_is_named_by_file_sheet_and_cell_in_both_languages_and_nothing_is_written() {
    let (tmp, _) = shipped_copy();
    let mut wb = audit_workbook(tmp.path());
    let row = set(
        &mut wb,
        sheet::QUESTIONS,
        "in_records",
        "required",
        Value::Text("vielleicht".into()),
    );
    let bad = tmp.path().join("bad.xlsx");
    write_xlsx(&wb, &bad);
    let out = tmp.path().join("bad.toml");
    let (code, _, err) = msgaudit(&["checklist", "import", &s(&bad), "-o", &s(&out)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "{}:questions!K{row}: error: `required` is true or false (also yes/no); leave it empty for the default\n"
        , s(&bad))),
        "{err}"
    );
    assert!(
        err.contains("error: 1 problem(s) in the sheets; nothing written"),
        "{err}"
    );
    let (code, _, err) = msgaudit(&[
        "--lang",
        "de",
        "checklist",
        "import",
        &s(&bad),
        "-o",
        &s(&out),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "{}:questions!K{row}: Fehler: „required“ ist ein Wahrheitswert",
            s(&bad)
        )),
        "{err}"
    );
    assert!(
        err.contains("Fehler: 1 Problem(e) in den Tabellen; nichts geschrieben"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_checklist_that_does_not_validate_is_written_only_with_write_invalid() {
    let (tmp, _) = shipped_copy();
    let mut wb = audit_workbook(tmp.path());
    let row = set(
        &mut wb,
        sheet::FINDINGS,
        "em_records_unknown",
        "when",
        Value::Text("unknown(in_recrods)".into()),
    );
    let bad = tmp.path().join("bad.xlsx");
    write_xlsx(&wb, &bad);
    let out = tmp.path().join("bad.toml");
    let (code, _, err) = msgaudit(&["checklist", "import", &s(&bad), "-o", &s(&out)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(&format!("{}:findings!D{row}: error: ", s(&bad))),
        "{err}"
    );
    assert!(err.contains("in_recrods"), "{err}");
    assert!(
        err.contains("nothing written (--write-invalid writes the checklist anyway)"),
        "{err}"
    );
    assert!(!out.exists());
    let (code, _, err) = msgaudit(&[
        "checklist",
        "import",
        &s(&bad),
        "-o",
        &s(&out),
        "--write-invalid",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("warning: wrote"), "{err}");
    let (code, _, err) = msgaudit(&["check", &s(&out)]);
    assert_eq!(code, 1, "the file written is the invalid one: {err}");
    assert!(err.contains("in_recrods"), "{err}");
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let (tmp, _) = shipped_copy();
    let audit = tmp.path().join("messenger-audit.toml");
    let xlsx = tmp.path().join("messenger-audit.xlsx");
    // Default output names: beside the input, with the other extension.
    let (code, _, err) = msgaudit(&["checklist", "export", &s(&audit)]);
    assert_eq!(code, 0, "{err}");
    assert!(xlsx.is_file());
    let before = std::fs::read(&audit).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = msgaudit(&["checklist", "import", &s(&xlsx)]);
    assert_eq!(code, 1);
    assert!(err.contains("exists already; --force replaces it"), "{err}");
    assert_eq!(
        std::fs::read(&audit).unwrap_or_default(),
        before,
        "unchanged"
    );
    let (code, _, err) = msgaudit(&["--lang", "de", "checklist", "export", &s(&audit)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("gibt es schon; --force ersetzt die Datei"),
        "{err}"
    );
    let (code, _, err) = msgaudit(&["checklist", "import", &s(&xlsx), "--force"]);
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(&audit).unwrap_or_default();
    assert!(
        after.starts_with("# Made by `msgaudit checklist import`"),
        "{after}"
    );
    // No temp file is left beside it.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| {
            e.map(|e| e.file_name().to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

/// The CSV example of docs/checklist-sheets.md imports as it stands.
#[test]
fn the_csv_example_of_the_documentation_imports() {
    let doc = std::fs::read_to_string("docs/checklist-sheets.md").unwrap_or_else(|e| panic!("{e}"));
    let csv = doc
        .split("## CSV")
        .nth(1)
        .and_then(|s| s.split("```").nth(1))
        .unwrap_or_else(|| panic!("no CSV example"))
        .trim_start_matches('\n');
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = tmp.path().join("doc.csv");
    std::fs::write(&file, csv).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = msgaudit(&["checklist", "import", &s(&file)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("checklist `email-basics` with 1 questions, valid"),
        "{out}"
    );
    let c = load(&tmp.path().join("doc.toml"));
    assert_eq!(c.sections[0].questions[0].options.len(), 2);
}

#[test]
fn an_invalid_checklist_is_not_exported_and_wrong_names_are_refused() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("x.xlsx");
    let (code, _, err) = msgaudit(&[
        "checklist",
        "export",
        "tests/broken/bad-id.toml",
        "-o",
        &s(&out),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("tests/broken/bad-id.toml:"), "{err}");
    assert!(
        err.contains("problem(s) in the checklist; nothing written"),
        "{err}"
    );
    assert!(!out.exists());
    let (code, _, err) = msgaudit(&[
        "checklist",
        "export",
        "checklists/messenger-audit.toml",
        "-o",
        &s(&tmp.path().join("x.pdf")),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("export writes NAME.xlsx or NAME.csv"), "{err}");
    let (code, _, err) = msgaudit(&["--lang", "de", "checklist", "import", "README.md"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("importiert wird aus NAME.xlsx, .xlsm, .xls, .ods oder .csv"),
        "{err}"
    );
    let notxlsx = tmp.path().join("n.xlsx");
    std::fs::write(&notxlsx, "no zip").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = msgaudit(&["checklist", "import", &s(&notxlsx)]);
    assert_eq!(code, 1);
    assert!(err.contains("the file is not a readable workbook"), "{err}");
}

#[test]
fn usage_errors_of_the_checklist_commands_are_german_under_lang_de() {
    let (code, _, err) = msgaudit(&["--lang", "de", "checklist", "frobnicate"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("Fehler: unbekannter Befehl „frobnicate“"),
        "{err}"
    );
    let (code, _, err) = msgaudit(&["--lang", "de", "checklist", "import"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("Fehler: es fehlt eine Angabe: <SHEETS>"),
        "{err}"
    );
    let (code, _, err) = msgaudit(&["checklist", "export"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("<CHECKLIST>"), "{err}");
}
