//! The non-interactive commands behind the CLI (`check`, `evaluate`, …). Each returns what the binary
//! prints and the exit code; `main.rs` only parses arguments and dispatches.

pub mod amend;
pub mod args;
pub mod check;
pub mod checklist;
pub mod countersign;
pub mod diff;
pub mod docs;
pub mod evaluate;
pub mod keygen;
pub mod merge;
pub mod move_draft;
pub mod output;
pub mod password;
pub mod report;
pub mod sheets;
pub mod summary;
pub mod usage;

pub use output::output;

/// Exit codes of the command-line contract (DESIGN.md).
pub mod exit {
    pub const OK: i32 = 0;
    pub const INVALID: i32 = 1;
    pub const USAGE: i32 = 2;
}

use std::path::PathBuf;

use crate::catalog;
use crate::explain;
use crate::i18n::T;
use crate::i18n::cli as tx;
use crate::lang::Lang;
use crate::plain;
use crate::result::verify;
use crate::store::Paths;
use args::{Cli, Command, Format};

fn paths(cli_home: Option<PathBuf>, lang: Lang) -> Result<Paths, String> {
    Paths::resolve(cli_home).map_err(|e| explain::paths(lang, &e))
}

fn verify_options(
    home: Option<PathBuf>,
    checklists: Option<&std::path::Path>,
    pubkey: Option<PathBuf>,
) -> verify::Options {
    let paths = Paths::resolve(home).ok();
    verify::Options {
        evidence_dir: None,
        checklist_dirs: catalog::dirs(paths.as_ref(), checklists),
        pubkey,
        paths,
    }
}

/// Write a command's text to standard output; a closed pipe ends it quietly (see `output`).
fn print_out(text: &str, what: T, lang: Lang) -> Result<(), String> {
    output::print_out(text.as_bytes(), what, lang)
}

/// Run the parsed command line; Err is the one readable error `main` prints.
pub fn run(cli: Cli) -> Result<i32, String> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    // Commands that verify or report against the catalog take its checklists from the cache in the data
    // folder (a home that cannot be resolved is reported by the command that needs it).
    if let Ok(paths) = Paths::resolve(cli.home.clone()) {
        catalog::keep_models_in(catalog::ModelCache::of(&paths));
    }
    match cli.command {
        Some(Command::Check { paths }) => {
            let paths = if paths.is_empty() {
                let shipped = match Paths::resolve(cli.home) {
                    Ok(p) => crate::shipped::dir_for(&p),
                    Err(_) => crate::shipped::dir(),
                };
                vec![shipped]
            } else {
                paths
            };
            let report = check::check(&paths);
            Ok(check::print(
                &report,
                lang,
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
                let text = match format {
                    Format::Text => evaluate::to_text(&e, lang),
                    Format::Json => {
                        let j = serde_json::to_string_pretty(&e).map_err(|e| {
                            tx::CANNOT_WRITE
                                .fill(lang, &[tx::THE_EVALUATION.get(lang), &e.to_string()])
                        })?;
                        // DEL, C1, bidi and invisible characters as \uXXXX too, not only C0.
                        let mut j = crate::text::escape_json(&j).into_owned();
                        j.push('\n');
                        j
                    }
                };
                print_out(&text, tx::THE_EVALUATION, lang)?;
                Ok(exit::OK)
            }
            Err(diags) => {
                for d in diags {
                    eprintln!("{}\n", d.render(lang));
                }
                Ok(exit::INVALID)
            }
        },
        Some(Command::Keygen { force }) => {
            let paths = paths(cli.home, lang)?;
            let key = crate::sign::secret_key_path(&paths.keys_dir());
            if key.exists() && !force {
                return Err(tx::KEY_EXISTS.fill(lang, &[&key.display().to_string()]));
            }
            // Make sure the key can be written before asking for a password.
            crate::store::create_private_dir(&paths.keys_dir())
                .map_err(|e| explain::paths(lang, &e))?;
            let pw = password::read_new(lang)?;
            let info = keygen::keygen(&paths, &pw, force).map_err(|e| explain::sign(lang, &e))?;
            print_out(&keygen::describe(&info, lang), tx::THE_KEY, lang)?;
            Ok(exit::OK)
        }
        Some(Command::Verify {
            result,
            pubkey,
            evidence_dir,
        }) => {
            let paths = Paths::resolve(cli.home).ok().map(|p| match &cli.results {
                Some(dir) => p.clone().with_results_dir(dir).unwrap_or(p),
                None => p,
            });
            let opts = verify::Options {
                evidence_dir,
                checklist_dirs: catalog::dirs(paths.as_ref(), cli.checklists.as_deref()),
                pubkey,
                paths,
            };
            let v = verify::verify(&result, &opts);
            // One line each: a line break in a signer's name must not look like a further line of output.
            let line = crate::text::sanitize_line(&v.line(lang)).into_owned();
            if v.is_valid() {
                // An incomplete audit says so first: a valid signature does not make it complete.
                let mut out = match v.completeness() {
                    Some(c) if !c.complete => {
                        format!("{}\n{line}\n", c.describe(lang))
                    }
                    _ => format!("{line}\n"),
                };
                for link in &v.chain {
                    let zone = crate::i18n::dates::Zone::System;
                    let line = crate::result::chain::link_line(link, lang, &zone);
                    out.push_str(&crate::text::sanitize_line(&line));
                    out.push('\n');
                }
                for s in &v.supersedes {
                    let zone = crate::i18n::dates::Zone::System;
                    out.push_str(&crate::text::sanitize_line(&s.line(lang, &zone)));
                    out.push('\n');
                }
                if !v.evidence.is_empty() {
                    let ok = v
                        .evidence
                        .iter()
                        .filter(|c| matches!(c.found, crate::evidence::Found::Matches(_)))
                        .count();
                    out.push_str(
                        &tx::EVIDENCE_CHECKED
                            .fill(lang, &[&ok.to_string(), &v.evidence.len().to_string()]),
                    );
                    out.push('\n');
                }
                for n in &v.notes {
                    out.push_str(tx::NOTE.get(lang));
                    out.push_str(": ");
                    out.push_str(&crate::text::sanitize_line(&n.text(lang)));
                    out.push('\n');
                }
                print_out(&out, tx::THE_VERIFICATION, lang)?;
                Ok(exit::OK)
            } else {
                eprintln!(
                    "{}: {line}",
                    crate::text::escape_visible(&result.display().to_string())
                );
                Ok(exit::INVALID)
            }
        }
        Some(Command::Countersign {
            result,
            role,
            name,
            pubkey,
        }) => {
            let paths = paths(cli.home, lang)?;
            let opts = verify::Options {
                evidence_dir: None,
                checklist_dirs: catalog::dirs(Some(&paths), cli.checklists.as_deref()),
                pubkey,
                paths: Some(paths),
            };
            countersign::run(&result, &opts, &name, &role, lang)
        }
        Some(Command::Amend {
            result,
            reason,
            pubkey,
        }) => {
            let mut paths = paths(cli.home, lang)?;
            if let Some(dir) = &cli.results {
                paths = paths
                    .with_results_dir(dir)
                    .map_err(|e| explain::paths(lang, &e))?;
            }
            let opts = verify::Options {
                evidence_dir: None,
                checklist_dirs: catalog::dirs(Some(&paths), cli.checklists.as_deref()),
                pubkey,
                paths: Some(paths.clone()),
            };
            amend::run(&result, &opts, &paths, reason.as_deref(), lang)
        }
        Some(Command::Report {
            result,
            format,
            output,
            findings,
            dpia,
            force,
            pubkey,
        }) => {
            let opts = crate::report::Options {
                verify: verify_options(cli.home, cli.checklists.as_deref(), pubkey),
                format,
                findings,
                lang: cli.lang,
                ui_lang: lang,
                zone: crate::i18n::dates::Zone::System,
            };
            report::run(
                &result,
                &opts,
                dpia.then_some(report::Dpia { force }),
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
            as_of,
        }) => {
            let zone = crate::i18n::dates::Zone::System;
            let as_of = match as_of {
                Some(t) => crate::i18n::dates::parse_date(&t)
                    .map_err(|e| format!("--as-of {t}: {}", e.text().get(lang)))?,
                None => zone.today(jiff::Timestamp::now()),
            };
            let opts = summary::Options {
                as_of,
                report: crate::report::Options {
                    verify: verify_options(cli.home, cli.checklists.as_deref(), pubkey),
                    format,
                    findings: false,
                    lang: cli.lang,
                    ui_lang: lang,
                    zone: crate::i18n::dates::Zone::System,
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
        Some(Command::Diff {
            old,
            new,
            format,
            output,
            pubkey,
        }) => {
            let opts = crate::report::diff::Options {
                verify: verify_options(cli.home, cli.checklists.as_deref(), pubkey),
                format,
                lang: cli.lang,
                ui_lang: lang,
                zone: crate::i18n::dates::Zone::System,
            };
            let (out, err) = (&mut std::io::stdout(), &mut std::io::stderr());
            diff::run(&old, &new, &opts, output.as_deref(), out, err)
        }
        Some(Command::Move { draft, to, yes }) => {
            let paths = paths(cli.home, lang)?;
            let dirs = catalog::dirs(Some(&paths), cli.checklists.as_deref());
            let out = move_draft::run(&paths, &dirs, &draft, to.as_deref(), yes, lang)?;
            print_out(&out, tx::THE_MOVE, lang)?;
            Ok(exit::OK)
        }
        Some(Command::Merge {
            drafts,
            together,
            rules,
            output,
        }) => {
            use std::io::IsTerminal;
            let paths = paths(cli.home, lang)?;
            let dirs = catalog::dirs(Some(&paths), cli.checklists.as_deref());
            let req = merge::Request {
                drafts: &drafts,
                together,
                rules: rules.as_deref(),
                output: output.as_deref(),
                interactive: !plain::should_use_plain(
                    cli.plain,
                    std::io::stdin().is_terminal(),
                    std::io::stdout().is_terminal(),
                    std::env::var("TERM").ok().as_deref(),
                ),
            };
            let mut review = |conflicts: &[_], names: &[String]| {
                crate::tui::merge_run::review_merge(conflicts, names, lang).map_err(|e| {
                    crate::i18n::merge::TUI_FAILED.fill(lang, &[&crate::i18n::io::error(lang, &e)])
                })
            };
            let out = merge::run(&paths, &dirs, &req, &mut review, lang)?;
            print_out(&out, crate::i18n::merge::THE_MERGE, lang)?;
            Ok(exit::OK)
        }
        Some(Command::Checklist { command }) => checklist::run(command, lang),
        Some(Command::Completions { shell }) => {
            docs::print_completions(shell, lang)?;
            Ok(exit::OK)
        }
        Some(Command::Man { command }) => {
            docs::print_man(command.as_deref(), lang)?;
            Ok(exit::OK)
        }
        None => {
            use std::io::IsTerminal;
            // Files attached from the command line: a script, so plain mode.
            let plain = plain::should_use_plain(
                cli.plain || !cli.evidence.is_empty(),
                std::io::stdin().is_terminal(),
                std::io::stdout().is_terminal(),
                std::env::var("TERM").ok().as_deref(),
            );
            let mut paths = paths(cli.home, lang)?;
            if let Some(dir) = &cli.results {
                paths = paths
                    .with_results_dir(dir)
                    .map_err(|e| explain::paths(lang, &e))?;
            }
            if plain {
                let dirs = catalog::dirs(Some(&paths), cli.checklists.as_deref());
                return Ok(match plain::run_stdio(lang, paths, dirs, cli.evidence) {
                    Ok(_) => exit::OK,
                    Err(message) => {
                        eprintln!("{message}");
                        exit::INVALID
                    }
                });
            }
            let opts = crate::tui::Options::new(lang, &paths, cli.checklists.as_deref());
            let mut store = crate::tui::disk::DiskStore::new(&paths).with_lang(lang);
            crate::tui::run(&opts, &mut store)
                .map_err(|e| tx::TUI_FAILED.fill(lang, &[&crate::i18n::io::error(lang, &e)]))?;
            Ok(exit::OK)
        }
    }
}
