//! The `msgaudit` binary: parse the command line, run it, print one readable error, exit with its code.

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use msgaudit::cli::{self, args::Cli, exit, usage};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version (and their broken pipes) as clap prints them.
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            e.exit()
        }
        Err(e) => {
            let args: Vec<String> = std::env::args().collect();
            if usage::lang_of(&args) == msgaudit::lang::Lang::En {
                e.exit(); // clap's own message (in colour on a terminal), exit code 2
            }
            eprintln!("{}", usage::german(&e));
            return ExitCode::from(u8::try_from(exit::USAGE).unwrap_or(1));
        }
    };
    let lang = cli.lang.unwrap_or_else(msgaudit::lang::Lang::from_env);
    let code = match cli::run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!(
                "{}: {}",
                msgaudit::i18n::cli::ERROR.get(lang),
                msgaudit::text::sanitize(&message)
            );
            exit::INVALID
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
