//! `msgaudit countersign RESULT --role … --name …`: verify the result and its chain, ask for the
//! password of the own key, write the next counter-signature and say where it went.

use std::path::Path;

use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::result::countersign::{CountersignError, Countersigner, countersign};
use crate::result::verify::{self, Options, State};

use super::{exit, password, print_out};

/// Run the command; Err is the one readable error `main` prints.
pub fn run(
    result: &Path,
    opts: &Options,
    name: &str,
    role: &str,
    lang: Lang,
) -> Result<i32, String> {
    let shown = crate::text::escape_visible(&result.display().to_string()).into_owned();
    // Refused before the password is asked: an invalid result is never countersigned.
    if let State::Invalid { reason } = verify::verify(result, opts).state {
        let e = CountersignError::Invalid(reason);
        eprintln!("{shown}: {}", crate::text::sanitize_line(&e.text(lang)));
        return Ok(exit::INVALID);
    }
    let keys_dir = opts
        .paths
        .as_ref()
        .map(crate::store::Paths::keys_dir)
        .unwrap_or_default();
    let pw = password::read(tx::PASSWORD.get(lang), lang)?;
    let signer = Countersigner {
        name,
        role,
        keys_dir: &keys_dir,
        password: &pw,
    };
    match countersign(result, opts, &signer, jiff::Timestamp::now()) {
        Ok(done) => {
            let text = tx::COUNTERSIGNED.fill(
                lang,
                &[
                    &done.index.to_string(),
                    &done.key_id,
                    &crate::text::escape_visible(&done.statement.display().to_string()),
                    &crate::text::escape_visible(&done.signature.display().to_string()),
                ],
            );
            print_out(&text, tx::THE_COUNTERSIGNATURE, lang)?;
            Ok(exit::OK)
        }
        Err(e @ CountersignError::Invalid(_)) => {
            eprintln!("{shown}: {}", crate::text::sanitize_line(&e.text(lang)));
            Ok(exit::INVALID)
        }
        Err(e) => Err(e.text(lang)),
    }
}
