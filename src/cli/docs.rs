//! `msgaudit completions SHELL` and `msgaudit man [COMMAND]`: the shell completion script and the manual
//! pages, generated from the same clap definitions as `--help` (so they cannot drift from the real options).

use clap::CommandFactory;

use super::args::Cli;
use super::output::print_out;
use crate::i18n::T;
use crate::i18n::cli as tx;
use crate::lang::Lang;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "msgaudit", &mut out);
    out
}

/// The manual page of msgaudit, or of one of its commands (`msgaudit-check`, as the main page's
/// SUBCOMMANDS section names it); None for a name that is no command.
pub fn man(command: Option<&str>) -> Option<Vec<u8>> {
    let mut cli = Cli::command();
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => {
            let sub = cli.find_subcommand(name)?.clone();
            let page_name = format!("msgaudit-{}", sub.get_name());
            sub.name(page_name).version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    // Rendering into memory cannot fail: a Vec takes every write.
    clap_mangen::Man::new(page).render(&mut out).ok()?;
    Some(out)
}

/// Print the completion script; a closed pipe ends quietly.
pub fn print_completions(shell: clap_complete::Shell, lang: Lang) -> Result<(), String> {
    print_out(&completions(shell), tx::THE_COMPLETIONS, lang)
}

/// Print a manual page; a closed pipe ends quietly.
pub fn print_man(command: Option<&str>, lang: Lang) -> Result<(), String> {
    let Some(page) = man(command) else {
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        return Err(T::new(
            "„{0}“ ist kein Befehl von msgaudit; Handbuchseiten gibt es zu: {1}",
            "“{0}” is not a msgaudit command; there are manual pages for: {1}",
        )
        .fill(lang, &[command.unwrap_or_default(), &names.join(", ")]));
    };
    print_out(&page, tx::THE_MAN_PAGE, lang)
}
