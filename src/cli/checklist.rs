//! `msgaudit checklist export FILE.toml [-o FILE.xlsx|csv]` and `msgaudit checklist import
//! FILE.xlsx|ods|csv [-o FILE.toml]` (docs/checklist-sheets.md): the files read (bounded) and written
//! (atomically, never over an existing file without `--force`); an imported checklist is written only
//! when it validates, unless `--write-invalid` says otherwise.

use std::path::{Path, PathBuf};

use super::args::ChecklistCommand;
use super::exit;
use super::sheets::{self, Kind};
use crate::checklist::sheet;
use crate::i18n::T;
use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::text::escape_visible;

const WROTE_SHEETS: T = T::new(
    "{0} geschrieben: {1} Zeilen mit Fragen und Abschnitten, {2} Optionen, {3} Befunde",
    "wrote {0}: {1} rows of questions and sections, {2} options, {3} findings",
);
const WROTE_CHECKLIST: T = T::new(
    "{0} geschrieben: Checkliste „{1}“ mit {2} Fragen, gültig",
    "wrote {0}: checklist `{1}` with {2} questions, valid",
);
const WROTE_INVALID: T = T::new(
    "{0} trotz {1} Problem(en) geschrieben (--write-invalid); `msgaudit check {0}` zeigt sie wieder",
    "wrote {0} despite {1} problem(s) (--write-invalid); `msgaudit check {0}` shows them again",
);
const NOT_WRITTEN: T = T::new(
    "{0} Problem(e); nichts geschrieben (--write-invalid schreibt die Checkliste trotzdem)",
    "{0} problem(s); nothing written (--write-invalid writes the checklist anyway)",
);
const SHEET_PROBLEMS: T = T::new(
    "{0} Problem(e) in den Tabellen; nichts geschrieben",
    "{0} problem(s) in the sheets; nothing written",
);
const NOT_EXPORTED: T = T::new(
    "{0} Problem(e) in der Checkliste; nichts geschrieben (`msgaudit check` zeigt dieselben)",
    "{0} problem(s) in the checklist; nothing written (`msgaudit check` shows the same)",
);
const EXISTS: T = T::new(
    "{0} gibt es schon; --force ersetzt die Datei",
    "{0} exists already; --force replaces it",
);
const EXPORT_KIND: T = T::new(
    "{0}: exportiert wird nach NAME.xlsx oder NAME.csv",
    "{0}: export writes NAME.xlsx or NAME.csv",
);
const IMPORT_KIND: T = T::new(
    "{0}: importiert wird aus NAME.xlsx, .xlsm, .xls, .ods oder .csv",
    "{0}: import reads NAME.xlsx, .xlsm, .xls, .ods or .csv",
);
const IMPORT_OUTPUT: T = T::new(
    "{0}: eine Checkliste wird als NAME.toml geschrieben",
    "{0}: a checklist is written as NAME.toml",
);
const NO_FOLDER: T = T::new(
    "{0}: der Ordner {1} ist nicht vorhanden",
    "{0}: the folder {1} does not exist",
);
const THE_SHEETS: T = T::new("die Tabellen", "the sheets");
const THE_CHECKLIST: T = T::new("die Checkliste", "the checklist");

fn shown(p: &Path) -> String {
    escape_visible(&p.display().to_string()).into_owned()
}

/// Run `msgaudit checklist …`; Err is the one error `main` prints.
pub fn run(command: ChecklistCommand, lang: Lang) -> Result<i32, String> {
    let (out, err) = (&mut std::io::stdout(), &mut std::io::stderr());
    match command {
        ChecklistCommand::Export {
            checklist,
            output,
            force,
        } => export(&checklist, output, force, lang, out, err),
        ChecklistCommand::Import {
            sheets,
            output,
            force,
            write_invalid,
        } => import(&sheets, output, force, write_invalid, lang, out, err),
    }
}

/// The output must be writable: its folder there, no file by its name unless `force`.
fn check_output(path: &Path, force: bool, lang: Lang) -> Result<(), String> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(f) = folder
        && !f.is_dir()
    {
        return Err(NO_FOLDER.fill(lang, &[&shown(path), &shown(f)]));
    }
    if path.exists() && !force {
        return Err(EXISTS.fill(lang, &[&shown(path)]));
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8], what: T, lang: Lang) -> Result<(), String> {
    crate::store::write_atomic(path, bytes).map_err(|e| {
        tx::CANNOT_WRITE.fill(lang, &[what.get(lang), &crate::explain::write(lang, &e)])
    })
}

fn export(
    checklist: &Path,
    output: Option<PathBuf>,
    force: bool,
    lang: Lang,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<i32, String> {
    let output = output.unwrap_or_else(|| checklist.with_extension("xlsx"));
    let Some(kind) = Kind::of(&output, true) else {
        return Err(EXPORT_KIND.fill(lang, &[&shown(&output)]));
    };
    check_output(&output, force, lang)?;
    let wb = match sheet::export(checklist) {
        Ok(wb) => wb,
        Err(diags) => {
            for d in &diags {
                let _ = writeln!(err, "{}\n", d.render(lang));
            }
            let _ = writeln!(
                err,
                "{}: {}",
                tx::ERROR.get(lang),
                NOT_EXPORTED.fill(lang, &[&diags.len().to_string()])
            );
            return Ok(exit::INVALID);
        }
    };
    let bytes = match kind {
        Kind::Workbook => sheets::to_xlsx(&wb),
        Kind::Csv => sheets::to_csv(&wb, lang == Lang::De),
    }
    .map_err(|e| tx::CANNOT_WRITE.fill(lang, &[THE_SHEETS.get(lang), &e]))?;
    write(&output, &bytes, THE_SHEETS, lang)?;
    let rows = |name: &str| {
        wb.sheet(name)
            .map_or(0, |s| s.rows.len().saturating_sub(1))
            .to_string()
    };
    let line = WROTE_SHEETS.fill(
        lang,
        &[
            &shown(&output),
            &rows(sheet::QUESTIONS),
            &rows(sheet::OPTIONS),
            &rows(sheet::FINDINGS),
        ],
    );
    super::output::output(writeln!(out, "{line}"), THE_SHEETS, lang)?;
    Ok(exit::OK)
}

fn import(
    input: &Path,
    output: Option<PathBuf>,
    force: bool,
    write_invalid: bool,
    lang: Lang,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<i32, String> {
    let Some(kind) = Kind::of(input, false) else {
        return Err(IMPORT_KIND.fill(lang, &[&shown(input)]));
    };
    let output = output.unwrap_or_else(|| input.with_extension("toml"));
    if output.extension().is_none_or(|e| e != "toml") {
        return Err(IMPORT_OUTPUT.fill(lang, &[&shown(&output)]));
    }
    check_output(&output, force, lang)?;
    let bytes = crate::store::read_bounded(input, crate::store::bounded::MAX_DOCUMENT_BYTES)
        .map_err(|e| crate::explain::read(lang, &e))?;
    let wb = match kind {
        Kind::Workbook => sheets::from_workbook(&bytes),
        Kind::Csv => sheets::from_csv(&bytes),
    }
    .map_err(|e| format!("{}: {}", shown(input), e.get(lang)))?;
    let imported = match sheet::import(&wb) {
        Ok(i) => i,
        Err(problems) => {
            for p in &problems {
                let _ = writeln!(err, "{}\n", p.render(input, lang));
            }
            let _ = writeln!(
                err,
                "{}: {}",
                tx::ERROR.get(lang),
                SHEET_PROBLEMS.fill(lang, &[&problems.len().to_string()])
            );
            return Ok(exit::INVALID);
        }
    };
    match sheet::validate(&imported, &output) {
        Ok(c) => {
            write(&output, imported.text().as_bytes(), THE_CHECKLIST, lang)?;
            let line = WROTE_CHECKLIST.fill(
                lang,
                &[
                    &shown(&output),
                    &escape_visible(&c.id),
                    &c.question_count.to_string(),
                ],
            );
            super::output::output(writeln!(out, "{line}"), THE_CHECKLIST, lang)?;
            Ok(exit::OK)
        }
        Err(problems) => {
            for p in &problems {
                let _ = writeln!(err, "{}\n", p.render(input, lang));
            }
            let n = problems.len().to_string();
            if write_invalid {
                write(&output, imported.text().as_bytes(), THE_CHECKLIST, lang)?;
                let _ = writeln!(
                    err,
                    "{}: {}",
                    tx::WARNING.get(lang),
                    WROTE_INVALID.fill(lang, &[&shown(&output), &n])
                );
            } else {
                let _ = writeln!(
                    err,
                    "{}: {}",
                    tx::ERROR.get(lang),
                    NOT_WRITTEN.fill(lang, &[&n])
                );
            }
            Ok(exit::INVALID)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::placeholders;

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for t in [
            WROTE_SHEETS,
            WROTE_CHECKLIST,
            WROTE_INVALID,
            NOT_WRITTEN,
            SHEET_PROBLEMS,
            NOT_EXPORTED,
            EXISTS,
            EXPORT_KIND,
            IMPORT_KIND,
            IMPORT_OUTPUT,
            NO_FOLDER,
        ] {
            assert_eq!(placeholders(t.de), placeholders(t.en), "{t:?}");
        }
    }
}
