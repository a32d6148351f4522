//! `msgaudit report RESULT`: verify a result file and render its report. A file that fails verification is
//! still reported — with the failure at the top of the report and on stderr — and the exit code is 1, as for
//! `msgaudit verify`, so that scripts notice. `--dpia` writes the DPIA draft instead (docs/art30-dpia.md),
//! only when the screening calls for a DPIA unless `--force`.

use std::io::Write;
use std::path::Path;

use super::exit;
use crate::i18n::cli as tx;
use crate::report::{self, Format, Options};

/// A binary format (XLSX) goes to a file only, never to a terminal or a pipe: the usage exit code and
/// its message when `output` is missing.
pub(super) fn binary_needs_file(
    format: Format,
    output: Option<&Path>,
    lang: crate::lang::Lang,
    stderr: &mut dyn Write,
) -> Option<i32> {
    if !format.binary() || output.is_some() {
        return None;
    }
    let name = clap::ValueEnum::to_possible_value(&format)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    let _ = writeln!(
        stderr,
        "{}: {}",
        tx::ERROR.get(lang),
        tx::BINARY_NEEDS_OUTPUT.fill(lang, &[&name])
    );
    Some(exit::USAGE)
}

/// `--dpia`: write the DPIA draft instead of the report; `force` writes it whatever the screening says.
#[derive(Debug, Clone, Copy)]
pub struct Dpia {
    pub force: bool,
}

/// The whole command: returns the exit code.
pub fn run(
    path: &Path,
    opts: &Options,
    dpia: Option<Dpia>,
    output: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<i32, String> {
    if opts.findings && opts.format != Format::Csv {
        let l = opts.ui_lang;
        let _ = writeln!(
            stderr,
            "{}: {}",
            tx::ERROR.get(l),
            tx::FINDINGS_CSV_ONLY.get(l)
        );
        return Ok(exit::USAGE);
    }
    let l = opts.ui_lang;
    if dpia.is_some() && !matches!(opts.format, Format::Md | Format::Html | Format::Pdf) {
        let _ = writeln!(
            stderr,
            "{}: {}",
            tx::ERROR.get(l),
            crate::report::art30_texts::DPIA_FORMATS.get(l)
        );
        return Ok(exit::USAGE);
    }
    if let Some(code) = binary_needs_file(opts.format, output, l, stderr) {
        return Ok(code);
    }
    let v = crate::result::verify::verify(path, &opts.verify);
    // The warning speaks the user's language; the report speaks the audit's (or --lang).
    let failure = match &v.state {
        crate::result::verify::State::Invalid { reason } => Some(reason.text(l)),
        crate::result::verify::State::Valid { .. } => None,
    };
    let r = report::build_verified(path, v, opts).map_err(|e| crate::explain::report(l, &e))?;
    let (bytes, what) = match dpia {
        None => (
            report::render(&r, opts.format, opts.findings)
                .map_err(|e| crate::explain::report(l, &report::ReportError::Render(e)))?,
            tx::THE_REPORT,
        ),
        Some(d) => {
            let o = &r.outcome.dpia;
            if !d.force && !report::dpia::due(o.verdict) {
                // Said in the user's language, with the verdict as the report would say it.
                let verdict = o.verdict.label(l, o.provisional);
                let _ = writeln!(
                    stderr,
                    "{}: {}",
                    tx::ERROR.get(l),
                    crate::report::art30_texts::DPIA_NOT_DUE.fill(l, &[&verdict])
                );
                return Ok(exit::INVALID);
            }
            let draft = report::dpia::build(&r);
            let bytes = match opts.format {
                Format::Html => report::html::dpia(&draft)
                    .map_err(|e| crate::explain::report(l, &report::ReportError::Render(e)))?
                    .into_bytes(),
                Format::Pdf => report::pdf::dpia(&draft)
                    .map_err(|e| crate::explain::report(l, &report::ReportError::Render(e)))?,
                _ => report::dpia_md::draft(&draft).into_bytes(),
            };
            (bytes, crate::report::art30_texts::THE_DPIA)
        }
    };
    super::output::report_output(
        report::write_output(&bytes, output, stdout),
        what,
        opts.ui_lang,
    )?;
    match failure {
        None => Ok(exit::OK),
        Some(reason) => {
            let _ = writeln!(
                stderr,
                "{}: {}",
                tx::WARNING.get(l),
                tx::REPORT_NOT_VERIFIED.fill(
                    l,
                    &[
                        &crate::text::sanitize(&path.display().to_string()),
                        &crate::text::sanitize(&reason),
                    ],
                )
            );
            Ok(exit::INVALID)
        }
    }
}
