//! `msgaudit amend RESULT [--reason TEXT]`: verify a signed result and start a draft that corrects it
//! (`result::amend`); the reason is asked for when not given. Says where the draft is and how to go on.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::result::amend::{self, AmendError};
use crate::result::verify::Options;
use crate::store::Paths;

use super::{exit, print_out};

/// The reason from `--reason`, else one line typed (or piped) after a prompt on stderr.
fn reason(given: Option<&str>, lang: Lang) -> String {
    if let Some(r) = given {
        return r.to_string();
    }
    if std::io::stdin().is_terminal() {
        let mut err = std::io::stderr();
        let _ = write!(err, "{}", tx::AMEND_REASON.get(lang));
        let _ = err.flush();
    }
    let mut line = String::new();
    // An input that ended or cannot be read gives no reason; `amend` refuses it with its own words.
    let _ = std::io::stdin().lock().read_line(&mut line);
    line
}

/// Run the command; Err is the one readable error `main` prints.
pub fn run(
    result: &Path,
    opts: &Options,
    paths: &Paths,
    given: Option<&str>,
    lang: Lang,
) -> Result<i32, String> {
    let shown = crate::text::escape_visible(&result.display().to_string()).into_owned();
    let reason = crate::text::sanitize(&reason(given, lang)).into_owned();
    match amend::start(result, opts, paths, &reason, jiff::Timestamp::now()) {
        Ok((draft, saved)) => {
            let a = draft.amends.as_ref();
            let text = tx::AMEND_STARTED.fill(
                lang,
                &[
                    &draft.audit_id,
                    &crate::text::sanitize_line(a.map_or("", |a| a.file.as_str())),
                    &crate::text::sanitize_line(a.map_or("", |a| a.reason.as_str())),
                    &crate::text::escape_visible(&saved.display().to_string()),
                ],
            );
            print_out(&text, tx::THE_AMENDMENT, lang)?;
            Ok(exit::OK)
        }
        Err(AmendError::NoReason) => {
            eprintln!(
                "{}: {}",
                tx::ERROR.get(lang),
                AmendError::NoReason.text(lang)
            );
            Ok(exit::USAGE)
        }
        Err(
            e @ (AmendError::Invalid(_)
            | AmendError::Pending { .. }
            | AmendError::Superseded { .. }),
        ) => {
            eprintln!("{shown}: {}", crate::text::sanitize_line(&e.text(lang)));
            Ok(exit::INVALID)
        }
        Err(e) => Err(crate::explain::amend(lang, &e)),
    }
}
