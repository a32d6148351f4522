//! The `msgaudit` binary: parse the command line, run it, print one readable error, exit with its code.

use std::process::ExitCode;

use clap::Parser;

use msgaudit::cli::{self, args::Cli, exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli::run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {}", msgaudit::text::sanitize(&message));
            exit::INVALID
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
