//! Reports as files: verify a result and build its report, name the report files that sit beside a
//! result, and write reports atomically. Used by `msgaudit report`/`summary` and by the front ends' final
//! screen, so every path to a report verifies the same way.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Format, Report};
use crate::catalog;
use crate::lang::Lang;
use crate::result::verify;
use crate::text::sanitize;

/// How to build the report of one result file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub verify: verify::Options,
    pub format: Format,
    /// CSV: one row per finding instead of one per answer.
    pub findings: bool,
    /// The report's language; default: the audit's language.
    pub lang: Option<Lang>,
    /// The language of messages (`--lang` or the environment).
    pub ui_lang: Lang,
}

/// Verify `path` and build its report; Err when the file cannot be read as a result at all.
pub fn build_file(path: &Path, opts: &Options) -> Result<Report, String> {
    let v = verify::verify(path, &opts.verify);
    let Some(result) = v.result.as_ref() else {
        return Err(crate::i18n::cli::NOTHING_TO_REPORT.fill(
            opts.ui_lang,
            &[
                &sanitize(&path.display().to_string()),
                &sanitize(&v.line(opts.ui_lang)),
            ],
        ));
    };
    let (checklist, _) = catalog::find(
        &opts.verify.checklist_dirs,
        &result.checklist.id,
        &result.checklist.sha256,
    );
    let lang = opts.lang.unwrap_or(result.meta.lang);
    Ok(super::build(&v, result, checklist, lang))
}

/// Write `bytes` to `output` (0600, replaced atomically) or to `stdout`.
pub fn write_output(
    bytes: &[u8],
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<(), std::io::Error> {
    match output {
        Some(p) => crate::store::write_atomic(p, bytes).map_err(std::io::Error::other),
        None => stdout.write_all(bytes).and_then(|()| stdout.flush()),
    }
}

/// The path of a report beside its result: `NAME.result.toml` → `NAME.report.EXT`.
pub fn beside(result: &Path, format: Format) -> PathBuf {
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
) -> Result<Vec<PathBuf>, String> {
    write_formats_beside(result, verify, lang, &[Format::Md, Format::Html])
}

/// Write the reports of `formats` next to a result (verified once); returns their paths. Files of an
/// earlier run are replaced.
pub fn write_formats_beside(
    result: &Path,
    verify: &verify::Options,
    lang: Option<Lang>,
    formats: &[Format],
) -> Result<Vec<PathBuf>, String> {
    let opts = Options {
        verify: verify.clone(),
        format: Format::Md,
        findings: false,
        lang,
        ui_lang: lang.unwrap_or_default(),
    };
    let r = build_file(result, &opts)?;
    let mut out = Vec::new();
    for &format in formats {
        let path = beside(result, format);
        let bytes = super::render(&r, format, false)?;
        crate::store::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
        out.push(path);
    }
    Ok(out)
}
