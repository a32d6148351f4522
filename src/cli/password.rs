//! Reading a password: without echo from the terminal, or as the next line of piped input (scripts, tests).

use std::io::{BufRead, IsTerminal};

use crate::i18n::cli as tx;
use crate::lang::Lang;

/// Read one password. On a terminal the prompt goes to stderr and nothing is echoed.
pub fn read(prompt: &str, lang: Lang) -> Result<String, String> {
    let failed = |e: std::io::Error| {
        tx::CANNOT_READ_PASSWORD.fill(lang, &[&crate::i18n::io::error(lang, &e)])
    };
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).map_err(failed)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(failed)?;
        if line.is_empty() {
            return Err(tx::NO_PASSWORD.get(lang).into());
        }
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

/// Read a new password twice on a terminal (once from piped input), check it against the rule for new
/// keys (`sign::check_new_password`) before asking again, and check both agree.
pub fn read_new(lang: Lang) -> Result<String, String> {
    let first = read(tx::NEW_PASSWORD.get(lang), lang)?;
    crate::sign::check_new_password(&first, &[]).map_err(|w| w.text(lang))?;
    if std::io::stdin().is_terminal() {
        let second = read(tx::REPEAT_PASSWORD.get(lang), lang)?;
        if first != second {
            return Err(tx::PASSWORDS_DIFFER.get(lang).into());
        }
    }
    Ok(first)
}
