//! `msgaudit check [PATH…]`: validate checklist files and folders, then run their examples.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::audit::examples;
use crate::checklist::{self, Diagnostic, FileProblem};

use super::exit;
use crate::i18n::cli as tx;
use crate::lang::Lang;

/// What `check` found, before printing.
#[derive(Debug, Default)]
pub struct Report {
    pub files: usize,
    pub examples_passed: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Expand folders into their checklist files; a path that is neither is a diagnostic.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        if p.is_dir() {
            match toml_files(p) {
                Ok(found) if found.is_empty() => {
                    diags.push(Diagnostic::problem(p, FileProblem::NoChecklists));
                }
                Ok(found) => files.extend(found),
                Err(e) => diags.push(Diagnostic::problem(p, FileProblem::CannotList(e.kind()))),
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            diags.push(Diagnostic::problem(p, FileProblem::NoSuchPath));
        }
    }
    (files, diags)
}

/// The checklists and knowledge bases in a folder (examples are run with their checklist).
fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".toml") && !n.ends_with(".examples.toml"))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// Check every file: load and validate, then run `NAME.examples.toml` if it exists.
pub fn check(paths: &[PathBuf]) -> Report {
    let (files, diagnostics) = collect(paths);
    let mut report = Report {
        files: files.len(),
        diagnostics,
        ..Report::default()
    };
    for f in &files {
        check_one(f, &mut report);
    }
    report
}

fn check_one(path: &Path, report: &mut Report) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // An examples file named on its own is checked with the checklist it belongs to.
    if let Some(stem) = name.strip_suffix(".examples.toml") {
        let checklist = path.with_file_name(format!("{stem}.toml"));
        if !checklist.is_file() {
            report.diagnostics.push(Diagnostic::problem(
                path,
                FileProblem::ExamplesWithoutChecklist { checklist },
            ));
            return;
        }
        return check_one(&checklist, report);
    }
    if checklist::is_knowledge_file(path) {
        if let Err(diags) = checklist::knowledge::load_standalone(path) {
            report.diagnostics.extend(diags);
        }
        return;
    }
    match checklist::load(path) {
        Err(diags) => report.diagnostics.extend(diags),
        Ok(c) => {
            if let Some(ex) = checklist::examples_path(path) {
                let outcome = examples::run(&Arc::new(c), &ex);
                report.examples_passed += outcome.passed;
                report.diagnostics.extend(outcome.failures);
            }
        }
    }
}

/// Print the report (diagnostics to `err`, the summary to `out`) and return the exit code.
pub fn print(report: &Report, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    for d in &report.diagnostics {
        let _ = writeln!(err, "{}\n", d.render(lang));
    }
    if report.diagnostics.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tx::CHECK_OK.fill(
                lang,
                &[
                    &report.files.to_string(),
                    &report.examples_passed.to_string()
                ]
            )
        );
        exit::OK
    } else {
        let _ = writeln!(
            err,
            "{}: {}",
            tx::ERROR.get(lang),
            tx::CHECK_FAILED.fill(
                lang,
                &[
                    &report.diagnostics.len().to_string(),
                    &report.files.to_string()
                ]
            )
        );
        exit::INVALID
    }
}
