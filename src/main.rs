//! The `msgaudit` binary: parse the command line, run it, print one readable error, exit with its code.

use std::process::ExitCode;

use clap::Parser;

use msgaudit::cli::{self, args::Cli, exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
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
