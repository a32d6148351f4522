//! `msgaudit completions SHELL` and `msgaudit man`: the shell completion script and the manual page,
//! generated from the same clap definitions as `--help` (so they cannot drift from the real options).

use clap::CommandFactory;

use super::args::Cli;
use super::output::print_out;
use crate::i18n::cli as tx;
use crate::lang::Lang;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "msgaudit", &mut out);
    out
}

/// The manual page in roff (`man -l -` shows it).
pub fn man() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

/// Print the completion script; a closed pipe ends quietly.
pub fn print_completions(shell: clap_complete::Shell, lang: Lang) -> Result<(), String> {
    print_out(&completions(shell), tx::THE_COMPLETIONS, lang)
}

/// Print the manual page; a closed pipe ends quietly.
pub fn print_man(lang: Lang) -> Result<(), String> {
    let page = man().map_err(|e| {
        tx::CANNOT_WRITE.fill(
            lang,
            &[
                tx::THE_MAN_PAGE.get(lang),
                &crate::i18n::io::error(lang, &e),
            ],
        )
    })?;
    print_out(&page, tx::THE_MAN_PAGE, lang)
}
