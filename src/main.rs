//! The `msgaudit` command line: parse arguments, dispatch to the library, print one readable error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use msgaudit::catalog;
use msgaudit::commands::{check, evaluate, exit, keygen, password, report, summary, verify};
use msgaudit::lang::Lang;
use msgaudit::plain;
use msgaudit::report::Format as ReportFormat;
use msgaudit::store::Paths;

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
    /// Where signed results go (default: the results folder in the data folder).
    #[arg(long, global = true, value_name = "DIR")]
    results: Option<PathBuf>,
    /// Run the audit as plain line-by-line prompts (screen readers, dumb terminals, scripts). Chosen
    /// automatically when stdin or stdout is not a terminal, or TERM=dumb.
    #[arg(long, global = true)]
    plain: bool,
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
    /// Create the signing key pair (the secret key is protected by a password).
    Keygen {
        /// Replace an existing key pair.
        #[arg(long)]
        force: bool,
    },
    /// Check a result file: its signature, its checklist and the findings derived from its answers.
    Verify {
        /// The result file (its signature RESULT.minisig must be next to it).
        result: PathBuf,
        /// The signer's public key file (default: your own key, or the trusted keys folder).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
    },
    /// Write the report of a result file; it opens with the file's verification state (exit 1 if invalid).
    Report {
        /// The result file (its signature RESULT.minisig must be next to it).
        result: PathBuf,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Write the report to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// CSV: one row per finding instead of one per answer.
        #[arg(long)]
        findings: bool,
        /// The signer's public key file (default: your own key, or the trusted keys folder).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
    },
    /// One overview across many result files: messengers per unit, findings, DPIA, failed files.
    Summary {
        /// Result files, or folders holding them (their *.result.toml files).
        #[arg(required = true)]
        results: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Write the overview to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The signers' public key file (default: your own key, or the trusted keys folder).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            exit::INVALID
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn paths(cli_home: Option<PathBuf>) -> Result<Paths, String> {
    Paths::resolve(cli_home).map_err(|e| e.to_string())
}

fn verify_options(
    home: Option<PathBuf>,
    checklists: Option<&std::path::Path>,
    pubkey: Option<PathBuf>,
) -> verify::Options {
    let paths = paths(home).ok();
    verify::Options {
        checklist_dirs: catalog::dirs(paths.as_ref(), checklists),
        pubkey,
        paths,
    }
}

fn run(cli: Cli) -> Result<i32, String> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match cli.command {
        Some(Command::Check { paths }) => {
            let paths = if paths.is_empty() {
                let shipped = match Paths::resolve(cli.home) {
                    Ok(p) => msgaudit::shipped::dir_for(&p),
                    Err(_) => msgaudit::shipped::dir(),
                };
                vec![shipped]
            } else {
                paths
            };
            let report = check::check(&paths);
            Ok(check::print(
                &report,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            ))
        }
        Some(Command::Evaluate {
            checklist,
            answers,
            format,
        }) => match evaluate::evaluate(&checklist, &answers, lang) {
            Ok(e) => {
                match format {
                    Format::Text => print!("{}", evaluate::to_text(&e)),
                    Format::Json => println!(
                        "{}",
                        serde_json::to_string_pretty(&e)
                            .map_err(|e| format!("cannot write JSON: {e}"))?
                    ),
                }
                Ok(exit::OK)
            }
            Err(diags) => {
                for d in diags {
                    eprintln!("{d}\n");
                }
                Ok(exit::INVALID)
            }
        },
        Some(Command::Keygen { force }) => {
            let paths = paths(cli.home)?;
            let key = msgaudit::sign::secret_key_path(&paths.keys_dir());
            if key.exists() && !force {
                return Err(format!(
                    "a signing key already exists at {}; run `msgaudit keygen --force` to replace it",
                    key.display()
                ));
            }
            // Make sure the key can be written before asking for a password.
            msgaudit::store::create_private_dir(&paths.keys_dir()).map_err(|e| e.to_string())?;
            let pw = password::read_new()?;
            let info = keygen::keygen(&paths, &pw, force)?;
            print!("{}", keygen::describe(&info));
            Ok(exit::OK)
        }
        Some(Command::Verify { result, pubkey }) => {
            let paths = paths(cli.home).ok();
            let opts = verify::Options {
                checklist_dirs: catalog::dirs(paths.as_ref(), cli.checklists.as_deref()),
                pubkey,
                paths,
            };
            let v = verify::verify(&result, &opts);
            let line = msgaudit::text::sanitize(&v.line()).into_owned();
            if v.is_valid() {
                println!("{line}");
                for n in &v.notes {
                    println!("note: {}", msgaudit::text::sanitize(n));
                }
                Ok(exit::OK)
            } else {
                eprintln!("{}: {line}", result.display());
                Ok(exit::INVALID)
            }
        }
        Some(Command::Report {
            result,
            format,
            output,
            findings,
            pubkey,
        }) => {
            let opts = report::Options {
                verify: verify_options(cli.home, cli.checklists.as_deref(), pubkey),
                format,
                findings,
                lang: cli.lang,
            };
            report::run(
                &result,
                &opts,
                output.as_deref(),
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            )
        }
        Some(Command::Summary {
            results,
            format,
            output,
            pubkey,
        }) => {
            let opts = summary::Options {
                report: report::Options {
                    verify: verify_options(cli.home, cli.checklists.as_deref(), pubkey),
                    format,
                    findings: false,
                    lang: cli.lang,
                },
            };
            summary::run(
                &results,
                &opts,
                output.as_deref(),
                &mut std::io::stdout(),
                &mut std::io::stderr(),
            )
        }
        None => {
            use std::io::IsTerminal;
            let plain = plain::should_use_plain(
                cli.plain,
                std::io::stdin().is_terminal(),
                std::io::stdout().is_terminal(),
                std::env::var("TERM").ok().as_deref(),
            );
            let mut paths = paths(cli.home)?;
            if let Some(dir) = &cli.results {
                paths = paths.with_results_dir(dir).map_err(|e| e.to_string())?;
            }
            if plain {
                let dirs = catalog::dirs(Some(&paths), cli.checklists.as_deref());
                return Ok(plain::run_stdio(lang, paths, dirs));
            }
            let opts = msgaudit::tui::Options::new(lang, &paths, cli.checklists.as_deref());
            let mut store = msgaudit::tui::disk::DiskStore::new(&paths);
            msgaudit::tui::run(opts, &mut store)
                .map_err(|e| format!("the terminal UI failed: {e}"))?;
            Ok(exit::OK)
        }
    }
}
