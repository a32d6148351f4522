//! The `msgaudit` command line: parse arguments, dispatch to the library, print one readable error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use msgaudit::commands::{check, evaluate, exit};
use msgaudit::lang::Lang;

/// Audit messenger use (WhatsApp & Co.) under the GDPR, starting from e-mail, and sign off the result.
#[derive(Parser, Debug)]
#[command(name = "msgaudit", version, about, long_about = None)]
struct Cli {
    /// Language of the interface and the checklists (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    /// Keep config, drafts, keys and results in this one folder (also: MSGAUDIT_HOME).
    #[arg(long, global = true, value_name = "DIR")]
    home: Option<PathBuf>,
    /// An additional folder of checklists to offer.
    #[arg(long, global = true, value_name = "DIR")]
    checklists: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate checklist files or folders (default: the shipped checklists) and run their examples.
    Check {
        /// Checklist files or folders.
        paths: Vec<PathBuf>,
    },
    /// Show the open questions, findings and DPIA verdict that a set of answers gives.
    Evaluate {
        /// The checklist file.
        checklist: PathBuf,
        /// A TOML file with an [answers] table (see docs/checklist-format.md).
        answers: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let code = match cli.command {
        Some(Command::Check { paths }) => {
            let paths = if paths.is_empty() {
                vec![msgaudit::shipped::dir()]
            } else {
                paths
            };
            let report = check::check(&paths);
            check::print(&report, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Evaluate {
            checklist,
            answers,
            format,
        }) => match evaluate::evaluate(&checklist, &answers, lang) {
            Ok(e) => {
                match format {
                    Format::Text => print!("{}", evaluate::to_text(&e)),
                    Format::Json => match serde_json::to_string_pretty(&e) {
                        Ok(j) => println!("{j}"),
                        Err(err) => {
                            eprintln!("error: cannot write JSON: {err}");
                            return ExitCode::from(exit::INVALID as u8);
                        }
                    },
                }
                exit::OK
            }
            Err(diags) => {
                for d in diags {
                    eprintln!("{d}\n");
                }
                exit::INVALID
            }
        },
        None => {
            let home = cli
                .home
                .clone()
                .or_else(|| std::env::var_os("MSGAUDIT_HOME").map(PathBuf::from));
            let opts = msgaudit::tui::Options::new(lang, home.as_deref(), cli.checklists.clone());
            // Until the draft store is plugged in, drafts live in memory and quitting asks first.
            let mut store = msgaudit::tui::MemoryStore::default();
            match msgaudit::tui::run(opts, &mut store) {
                Ok(()) => exit::OK,
                Err(e) => {
                    eprintln!("error: the terminal UI failed: {e}");
                    exit::INVALID
                }
            }
        }
    };
    ExitCode::from(code as u8)
}
