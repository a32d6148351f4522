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

/// How often a terminal user may try again after a weak or mistyped new password.
const NEW_PASSWORD_ATTEMPTS: usize = 3;

/// Read a new password twice on a terminal (once from piped input) and check it against the rule for new
/// keys (`sign::check_new_password`) before asking again. On a terminal a weak password or a mistyped
/// repetition says why and asks again (three tries); piped input has one try, since nothing could answer.
pub fn read_new(lang: Lang) -> Result<String, String> {
    let terminal = std::io::stdin().is_terminal();
    let mut attempt = 1;
    loop {
        match read_new_once(lang, terminal) {
            Ok(pw) => return Ok(pw),
            Err(Retry::Again(why)) if terminal && attempt < NEW_PASSWORD_ATTEMPTS => {
                eprintln!("{why}");
                attempt += 1;
            }
            Err(Retry::Again(why) | Retry::Stop(why)) => return Err(why),
        }
    }
}

/// Why one try at a new password failed: worth another try, or not (the input itself failed).
enum Retry {
    Again(String),
    Stop(String),
}

fn read_new_once(lang: Lang, terminal: bool) -> Result<String, Retry> {
    let first = read(tx::NEW_PASSWORD.get(lang), lang).map_err(Retry::Stop)?;
    crate::sign::check_new_password(&first, &[]).map_err(|w| Retry::Again(w.text(lang)))?;
    if terminal {
        let second = read(tx::REPEAT_PASSWORD.get(lang), lang).map_err(Retry::Stop)?;
        if first != second {
            return Err(Retry::Again(tx::PASSWORDS_DIFFER.get(lang).into()));
        }
    }
    Ok(first)
}
