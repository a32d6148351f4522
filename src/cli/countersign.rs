//! `msgaudit countersign RESULT --role … --name …`: verify the result and its chain, ask for the
//! password of the own key, write the next counter-signature and say where it went.

use std::path::Path;

use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::result::countersign::{CountersignError, Countersigner, prepare};
use crate::result::verify::Options;

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
    let keys_dir = opts
        .paths
        .as_ref()
        .map(crate::store::Paths::keys_dir)
        .unwrap_or_default();
    // Every check that needs no password comes first: an invalid result, a missing key or a key that
    // signed already is said before anyone types a password.
    let ready = match prepare(result, opts, name, &keys_dir) {
        Ok(ready) => ready,
        Err(e) => return refused(&shown, &e, lang),
    };
    let pw = password::read(tx::PASSWORD.get(lang), lang)?;
    let signer = Countersigner {
        name,
        role,
        keys_dir: &keys_dir,
        password: &pw,
    };
    match ready.sign(&signer, jiff::Timestamp::now()) {
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
        Err(e) => refused(&shown, &e, lang),
    }
}

/// An invalid result is exit 1 with the file named; any other refusal is the one error `main` prints.
fn refused(shown: &str, e: &CountersignError, lang: Lang) -> Result<i32, String> {
    if let CountersignError::Invalid(_) = e {
        eprintln!("{shown}: {}", crate::text::sanitize_line(&e.text(lang)));
        return Ok(exit::INVALID);
    }
    Err(e.text(lang))
}
