//! Where the commands' output goes: standard output, where a closed pipe (`msgaudit … | head`) ends the
//! command quietly, and any other write error becomes one message in the user's language.

use std::io::Write;

use crate::i18n::T;
use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::report::ReportError;

/// A write of a command's output failed. A closed pipe is not an error: the reader has what it wanted,
/// so the command ends quietly; anything else is reported.
pub fn output(r: std::io::Result<()>, what: T, lang: Lang) -> Result<(), String> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            Err(tx::CANNOT_WRITE.fill(lang, &[what.get(lang), &crate::i18n::io::error(lang, &e)]))
        }
        Ok(()) => Ok(()),
    }
}

/// The same for a report or overview written to a file (`-o`) or to standard output.
pub fn report_output(r: Result<(), ReportError>, what: T, lang: Lang) -> Result<(), String> {
    match r {
        Err(ReportError::Output(e)) => output(Err(e), what, lang),
        Err(e) => Err(crate::explain::report(lang, &e)),
        Ok(()) => Ok(()),
    }
}

/// Write a command's text to standard output (see [`output`]).
pub fn print_out(text: &[u8], what: T, lang: Lang) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    output(out.write_all(text).and_then(|()| out.flush()), what, lang)
}
