//! Reading a password: without echo from the terminal, or as the next line of piped input (scripts, tests).

use std::io::{BufRead, IsTerminal};

/// Read one password. On a terminal the prompt goes to stderr and nothing is echoed.
pub fn read(prompt: &str) -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).map_err(|e| format!("cannot read the password: {e}"))
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password: {e}"))?;
        if line.is_empty() {
            return Err("no password given: the input ended".into());
        }
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

/// Read a new password twice on a terminal (once from piped input) and check both agree.
pub fn read_new() -> Result<String, String> {
    let first = read("New password for the signing key: ")?;
    if std::io::stdin().is_terminal() {
        let second = read("Repeat the password: ")?;
        if first != second {
            return Err("the two passwords differ; run keygen again".into());
        }
    }
    Ok(first)
}
