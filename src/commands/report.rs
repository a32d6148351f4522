//! `msgaudit report RESULT`: verify a result file and render its report. A file that fails verification is
//! still reported — with the failure at the top of the report and on stderr — and the exit code is 1, as for
//! `msgaudit verify`, so that scripts notice.

use std::io::Write;
use std::path::Path;

use super::exit;
use super::verify;
use crate::catalog;
use crate::lang::Lang;
use crate::report::{self, Format, Report};
use crate::text::sanitize;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub verify: verify::Options,
    pub format: Format,
    /// CSV: one row per finding instead of one per answer.
    pub findings: bool,
    /// The report's language; default: the audit's language.
    pub lang: Option<Lang>,
}

/// Verify `path` and build its report; Err when the file cannot be read as a result at all.
pub fn build(path: &Path, opts: &Options) -> Result<Report, String> {
    let v = verify::verify(path, &opts.verify);
    let Some(result) = v.result.as_ref() else {
        return Err(format!(
            "{}: {}; there is nothing to report on",
            path.display(),
            sanitize(&v.line())
        ));
    };
    let (checklist, _) = catalog::find(
        &opts.verify.checklist_dirs,
        &result.checklist.id,
        &result.checklist.sha256,
    );
    let lang = opts.lang.unwrap_or(result.meta.lang);
    Ok(report::build(&v, result, checklist, lang))
}

/// Write `bytes` to `output` (0600, replaced atomically) or to `stdout`.
pub fn write_output(
    bytes: &[u8],
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<(), String> {
    match output {
        Some(p) => crate::store::write_atomic(p, bytes).map_err(|e| e.to_string()),
        None => stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| format!("cannot write the report: {e}")),
    }
}

/// The whole command: returns the exit code.
pub fn run(
    path: &Path,
    opts: &Options,
    output: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<i32, String> {
    if opts.findings && opts.format != Format::Csv {
        let _ = writeln!(stderr, "error: --findings applies to --format csv only");
        return Ok(exit::USAGE);
    }
    let r = build(path, opts)?;
    let bytes = report::render(&r, opts.format, opts.findings)?;
    write_output(&bytes, output, stdout)?;
    if r.verification.valid {
        Ok(exit::OK)
    } else {
        let _ = writeln!(
            stderr,
            "warning: {}: {}; the report says so at the top",
            path.display(),
            r.verification.reason.as_deref().unwrap_or("not verified")
        );
        Ok(exit::INVALID)
    }
}

/// The path of a report beside its result: `NAME.result.toml` → `NAME.report.EXT`.
pub fn beside(result: &Path, format: Format) -> std::path::PathBuf {
    let ext = match format {
        Format::Md => "md",
        Format::Html => "html",
        Format::Csv => "csv",
        Format::Json => "json",
    };
    let name = result
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".result.toml")
        .or_else(|| name.strip_suffix(".toml"))
        .unwrap_or(&name);
    result.with_file_name(format!("{stem}.report.{ext}"))
}

/// Write the Markdown and HTML reports next to a result (for the front ends' final screen); returns
/// their paths. Files of an earlier run are replaced.
pub fn write_beside(
    result: &Path,
    verify: &verify::Options,
    lang: Option<Lang>,
) -> Result<Vec<std::path::PathBuf>, String> {
    let opts = Options {
        verify: verify.clone(),
        format: Format::Md,
        findings: false,
        lang,
    };
    let r = build(result, &opts)?;
    let mut out = Vec::new();
    for format in [Format::Md, Format::Html] {
        let path = beside(result, format);
        let bytes = report::render(&r, format, false)?;
        crate::store::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
        out.push(path);
    }
    Ok(out)
}
