//! Reports as files: verify a result and build its report, name the report files that sit beside a
//! result, and write reports atomically. Used by `msgaudit report`/`summary` and by the front ends' final
//! screen, so every path to a report verifies the same way.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::model::Parts;
use super::{Format, Report};
use crate::catalog;
use crate::i18n::dates::Zone;
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
    /// The time zone reports show times in (default: the system's).
    pub zone: Zone,
}

/// Why no report could be built or written; `explain::report` says it in the user's language.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The file cannot be read as a result at all (missing, damaged, no signature): nothing to report on.
    #[error("{}: {}; there is nothing to report on", sanitize(&path.display().to_string()), verification.line(Lang::En))]
    Unverifiable {
        path: PathBuf,
        verification: Box<verify::Verification>,
    },
    /// A renderer failed (a template or CSV error: a bug, not the user's input).
    #[error("cannot render the report: {0}")]
    Render(String),
    #[error(transparent)]
    Write(#[from] crate::store::WriteError),
    /// Standard output failed (a closed pipe among others, which the CLI ends quietly on).
    #[error("cannot write to standard output: {0}")]
    Output(#[source] std::io::Error),
}

impl ReportError {
    /// Why the file is not a result, without its path (for a table of failed files); None for the
    /// errors that are not about the file (`explain::report` says those).
    pub fn reason(&self, lang: Lang) -> Option<String> {
        match self {
            ReportError::Unverifiable { verification, .. } => Some(match &verification.state {
                verify::State::Invalid { reason } => reason.text(lang),
                verify::State::Valid { .. } => verification.line(lang),
            }),
            _ => None,
        }
    }
}

/// Verify `path` and build its report; Err when the file cannot be read as a result at all.
pub fn build_file(path: &Path, opts: &Options) -> Result<Report, ReportError> {
    build_verified(path, verify::verify(path, &opts.verify), opts)
}

/// Build the report of `path` from its verification `v` (for a caller that says `v` in its own words).
pub fn build_verified(
    path: &Path,
    v: verify::Verification,
    opts: &Options,
) -> Result<Report, ReportError> {
    assemble_verified(path, v, opts, Parts::All)
}

/// What the overview (`summary`) takes of `path`, verified as `v`: only the parts of its report that
/// the overview shows are built. Err when the file cannot be read as a result at all.
pub fn overview_input(
    path: &Path,
    v: verify::Verification,
    opts: &Options,
    as_of: jiff::civil::Date,
) -> Result<super::Input, ReportError> {
    assemble_verified(path, v, opts, Parts::Overview).map(|r| super::Input::of(&r, as_of))
}

fn assemble_verified(
    path: &Path,
    mut v: verify::Verification,
    opts: &Options,
    parts: Parts,
) -> Result<Report, ReportError> {
    let Some(result) = v.result.as_ref() else {
        return Err(ReportError::Unverifiable {
            path: path.to_path_buf(),
            verification: Box::new(v),
        });
    };
    // Verifying re-created the session when the checklist was found and the answers fit it; an
    // invalid result may still have its checklist here, and its report shows what it can.
    let session = v.session.take().or_else(|| {
        catalog::find(
            &opts.verify.checklist_dirs,
            &result.checklist.id,
            &result.checklist.sha256,
        )
        .0
        .and_then(|c| result.session(c).ok())
    });
    let lang = opts.lang.unwrap_or(result.meta.lang);
    Ok(super::model::assemble(
        &v, result, session, lang, &opts.zone, parts,
    ))
}

/// Write `bytes` to `output` (0600, replaced atomically) or to `stdout`.
pub fn write_output(
    bytes: &[u8],
    output: Option<&Path>,
    stdout: &mut dyn Write,
) -> Result<(), ReportError> {
    match output {
        Some(p) => Ok(crate::store::write_atomic(p, bytes)?),
        None => stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(ReportError::Output),
    }
}

/// The path of a report beside its result: `NAME.result.toml` → `NAME.report.EXT`.
pub fn beside(result: &Path, format: Format) -> PathBuf {
    let ext = match format {
        Format::Md => "md",
        Format::Html => "html",
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Xlsx => "xlsx",
        Format::Pdf => "pdf",
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

/// Write the Markdown, HTML and PDF reports next to a result (for the front ends' final screen); returns
/// their paths. Files of an earlier run are replaced.
pub fn write_beside(
    result: &Path,
    verify: &verify::Options,
    lang: Option<Lang>,
) -> Result<Vec<PathBuf>, ReportError> {
    write_formats_beside(
        result,
        verify,
        lang,
        &[Format::Md, Format::Html, Format::Pdf],
    )
}

/// Write the reports of `formats` next to a result (verified once); returns their paths. Files of an
/// earlier run are replaced.
pub fn write_formats_beside(
    result: &Path,
    verify: &verify::Options,
    lang: Option<Lang>,
    formats: &[Format],
) -> Result<Vec<PathBuf>, ReportError> {
    let opts = Options {
        verify: verify.clone(),
        format: Format::Md,
        findings: false,
        lang,
        ui_lang: lang.unwrap_or_default(),
        zone: Zone::System,
    };
    let r = build_file(result, &opts)?;
    let mut out = Vec::new();
    for &format in formats {
        let path = beside(result, format);
        let bytes = super::render(&r, format, false).map_err(ReportError::Render)?;
        crate::store::write_atomic(&path, &bytes)?;
        out.push(path);
    }
    Ok(out)
}
