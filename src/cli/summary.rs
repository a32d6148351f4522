//! `msgaudit summary RESULT…|DIR`: verify every result file, then one overview across them. Files that fail
//! verification are listed in the overview (and on stderr) and make the exit code 1.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::exit;
use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::report::{self, Format, Input, Overview};
use crate::result::verify;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub report: report::Options,
    /// The day measures count as overdue from (`--as-of`, default today).
    pub as_of: jiff::civil::Date,
}

/// The result files named: files as given, folders expanded to their `*.result.toml` files sorted by name.
pub fn expand(inputs: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| {
                    tx::CANNOT_READ_FOLDER.fill(
                        lang,
                        &[&p.display().to_string(), &crate::i18n::io::error(lang, &e)],
                    )
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.file_name()
                            .is_some_and(|n| n.to_string_lossy().ends_with(".result.toml"))
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Verify and read every file, and build the overview.
pub fn build(inputs: &[PathBuf], opts: &Options) -> Result<Overview, String> {
    let files = expand(inputs, opts.report.ui_lang)?;
    if files.is_empty() {
        let named: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(tx::NO_RESULT_FILES.fill(opts.report.ui_lang, &[&named.join(", ")]));
    }
    // The overview and every audit in it speak `--lang` (else the environment's language), not the
    // language of whichever file comes first.
    let lang = opts.report.lang.unwrap_or(opts.report.ui_lang);
    let each = report::Options {
        lang: Some(lang),
        ..opts.report.clone()
    };
    // Verifying a result (its signature, its outcome re-derived) is independent of every other: the
    // files are split into one contiguous part per core, each verified with one listing per folder
    // for its counter-signatures. What comes back per file is the overview's small record, so memory
    // does not hold a report per file; the parts are joined in the files' order.
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, files.len());
    let part = files.len().div_ceil(workers);
    let one = |batch: &mut verify::Batch<'_>, f: &PathBuf| {
        report::files::overview_input(f, batch.verify(f), &each, opts.as_of).unwrap_or_else(|e| {
            Input::Failed(report::summary::Failed {
                file: file_name(f),
                reason: crate::text::sanitize(
                    &e.reason(lang)
                        .unwrap_or_else(|| crate::explain::report(lang, &e)),
                )
                .into_owned(),
            })
        })
    };
    let inputs: Vec<Input> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(part)
            .map(|files| {
                scope.spawn(|| {
                    let mut batch = verify::Batch::new(&each.verify);
                    files
                        .iter()
                        .map(|f| one(&mut batch, f))
                        .collect::<Vec<Input>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // A worker that panicked (a bug) takes the command down as it would have without threads.
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    Ok(report::summary::build(
        inputs,
        lang,
        &opts.report.zone,
        opts.as_of,
    ))
}

fn file_name(p: &Path) -> String {
    crate::text::sanitize(&p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    ))
    .into_owned()
}

/// The whole command: returns the exit code.
pub fn run(
    inputs: &[PathBuf],
    opts: &Options,
    output: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<i32, String> {
    if opts.report.format == Format::Csv && opts.report.findings {
        let l = opts.report.ui_lang;
        let _ = writeln!(
            stderr,
            "{}: {}",
            tx::ERROR.get(l),
            tx::FINDINGS_REPORT_ONLY.get(l)
        );
        return Ok(exit::USAGE);
    }
    let l = opts.report.ui_lang;
    if let Some(code) = super::report::binary_needs_file(opts.report.format, output, l, stderr) {
        return Ok(code);
    }
    let o = build(inputs, opts)?;
    let bytes = report::render_overview(&o, opts.report.format)
        .map_err(|e| crate::explain::report(l, &report::ReportError::Render(e)))?;
    super::output::report_output(
        report::write_output(&bytes, output, stdout),
        tx::THE_OVERVIEW,
        l,
    )?;
    for f in &o.failed {
        let _ = writeln!(
            stderr,
            "{}: {}",
            tx::WARNING.get(l),
            tx::SUMMARY_FAILED_FILE.fill(l, &[&f.file, &f.reason])
        );
    }
    Ok(if o.failed.is_empty() {
        exit::OK
    } else {
        exit::INVALID
    })
}
