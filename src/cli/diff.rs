//! `msgaudit diff OLD NEW`: verify both result files and write what changed between them. Like `report`,
//! a file that fails verification is still compared — the failure stands at the top of the comparison and
//! on stderr — and the exit code is 1, so that scripts notice. Differences alone do not change the exit code.

use std::io::Write;
use std::path::Path;

use super::exit;
use crate::i18n::cli as tx;
use crate::report::diff::{self, Options, texts as dt};
use crate::text::sanitize;

/// The whole command: returns the exit code.
pub fn run(
    old: &Path,
    new: &Path,
    opts: &Options,
    output: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<i32, String> {
    let d = diff::diff_files(old, new, opts)?;
    let bytes = diff::render(&d, opts.format)?;
    super::output::report_output(
        crate::report::write_output(&bytes, output, stdout),
        dt::THE_DIFF,
        opts.ui_lang,
    )?;
    let l = opts.ui_lang;
    for (path, side) in [(old, &d.old), (new, &d.new)] {
        if !side.verification.valid {
            let _ = writeln!(
                stderr,
                "{}: {}",
                tx::WARNING.get(l),
                dt::DIFF_NOT_VERIFIED.fill(
                    l,
                    &[
                        &sanitize(&path.display().to_string()),
                        &sanitize(side.verification.reason.as_deref().unwrap_or_default()),
                    ],
                )
            );
        }
    }
    Ok(if d.verified { exit::OK } else { exit::INVALID })
}
