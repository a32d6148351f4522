//! The command line as clap parses it: global options and the subcommands of the contract in DESIGN.md.

// The doc comments here are the `--help` text and the man pages: plain text, where backticks would show.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::lang::Lang;
use crate::report::Format as ReportFormat;

/// Audit messenger use (WhatsApp & Co.) under the GDPR, starting from e-mail, and sign off the result.
#[derive(Parser, Debug)]
#[command(name = "msgaudit", version, about, long_about = None)]
pub struct Cli {
    /// Language of the interface and the checklists (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Keep config, drafts, keys and results in this one folder (also: MSGAUDIT_HOME).
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// An additional folder of checklists to offer.
    #[arg(long, global = true, value_name = "DIR")]
    pub checklists: Option<PathBuf>,
    /// Where signed results go (default: the results folder in the data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub results: Option<PathBuf>,
    /// Run the audit as plain line-by-line prompts (screen readers, dumb terminals, scripts). Chosen
    /// automatically when stdin or stdout is not a terminal, or TERM=dumb.
    #[arg(long, global = true)]
    pub plain: bool,
    /// Plain mode: attach the file PATH to the question KEY (its answer key, e.g. email.staff or
    /// review[whatsapp].backup) as evidence, as soon as that question is part of the audit. Repeatable.
    #[arg(long, value_name = "KEY=PATH", value_parser = key_and_path)]
    pub evidence: Vec<(String, PathBuf)>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
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
    /// Check a result file: its signature, its checklist, the findings derived from its answers and
    /// every evidence file that is present (a changed one is invalid, a missing one a note).
    Verify {
        /// The result file (its signature RESULT.minisig must be next to it).
        result: PathBuf,
        /// The signer's public key file (default: your own key, or the trusted keys folder).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
        /// The folder of the result's evidence files (default: NAME.evidence beside the result, then
        /// evidence beside it).
        #[arg(long, value_name = "DIR")]
        evidence_dir: Option<PathBuf>,
    },
    /// Add a counter-signature with your own key to a verified result (docs/countersign.md).
    ///
    /// Signs a statement naming the result's and every earlier signature's SHA-256 (auditor → DPO →
    /// management); the result and the earlier signatures are never rewritten.
    Countersign {
        /// The result file (its signature RESULT.minisig must be next to it).
        result: PathBuf,
        /// Your role, e.g. "DPO" or "Geschäftsführung".
        #[arg(long)]
        role: String,
        /// Your name as it goes into the signed statement.
        #[arg(long)]
        name: String,
        /// The sign-off's public key file (default: your own key, or the trusted keys folder).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
    },
    /// Start a draft that corrects a verified result; once signed, the new result supersedes it.
    ///
    /// The draft takes the result's answers, notes and details; the signed result records the old one's
    /// audit id, file name, SHA-256 and the reason in [supersedes]. The old file is never changed
    /// (docs/amend.md).
    Amend {
        /// The result file (its signature RESULT.minisig must be next to it).
        result: PathBuf,
        /// Why the result is corrected (asked for when not given; required).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
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
        /// Write the report to this file instead of standard output (required for xlsx).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// CSV: one row per finding instead of one per answer.
        #[arg(long)]
        findings: bool,
        /// Write the draft of a data protection impact assessment (Art. 35(7) GDPR) instead of the
        /// report, as md or html; only when the screening says a DPIA is required (exit 1 otherwise).
        #[arg(long)]
        dpia: bool,
        /// With --dpia: write the draft even when the screening does not call for a DPIA.
        #[arg(long, requires = "dpia")]
        force: bool,
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
        /// Write the overview to this file instead of standard output (required for xlsx).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The signers' public key file (default: your own key, or the trusted keys folder).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
        /// The day measures count as overdue from (due before it, still open or in progress);
        /// default: today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// What changed between two result files, both verified first (exit 1 if either is not).
    ///
    /// Findings new, resolved and still open, points to clarify, changed answers, DPIA screening, messengers
    /// and the checklist version: moved, removed and new questions (docs/diff.md).
    Diff {
        /// The earlier result file.
        old: PathBuf,
        /// The later result file.
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = crate::report::diff::Format::Md)]
        format: crate::report::diff::Format,
        /// Write the comparison to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The signers' public key file (default: your own key, or the trusted keys folder).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
    },
    /// Move a draft to another version of its checklist: first shows which answers carry over, which are
    /// dropped and which questions are new; moves only with --yes (the earlier draft is kept beside it).
    Move {
        /// The draft: its audit id (as the start screen shows it) or its file in the drafts folder.
        draft: String,
        /// The checklist version to move to: a checklist file, or a checklist id from the checklist folders
        /// (default: the checklist of the draft's id that is there now).
        #[arg(long, value_name = "FILE|ID")]
        to: Option<String>,
        /// Move now; without it nothing is changed and only the plan is shown.
        #[arg(long)]
        yes: bool,
    },
    /// Merge partial drafts of one audit (several auditors) into a new draft; conflicts are reviewed one
    /// by one in the terminal, or decided by --rules.
    ///
    /// Answers only one draft has, or that the drafts give alike, are taken; answers and audit details
    /// the drafts give differently are conflicts. Repeated sections are matched by their item. The
    /// drafts are only read; the merged draft is a new draft with its own audit id (docs/merge.md).
    Merge {
        /// The drafts: draft files (e.g. copied from a USB stick, with their .draft.journal beside them)
        /// or audit ids of drafts in the drafts folder.
        #[arg(required = true, num_args = 2..)]
        drafts: Vec<String>,
        /// The drafts belong to one audit although their audit ids differ (each auditor started one).
        #[arg(long)]
        together: bool,
        /// Decide conflicts by this rules file (prefer a draft, [take] and [value] per key); the rest is
        /// reviewed in the terminal, or listed with exit code 1 under --plain or without a terminal.
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Write the merged draft to this file (NAME.draft.toml) instead of the drafts folder.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Checklists as spreadsheets: export a checklist to XLSX or CSV, import one from XLSX, ODS or CSV.
    ///
    /// Sheets `settings`, `questions`, `options` and `findings`, one column per language
    /// (docs/checklist-sheets.md).
    Checklist {
        #[command(subcommand)]
        command: ChecklistCommand,
    },
    /// Print a shell completion script: `msgaudit completions bash > …` (see README).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `msgaudit man | man -l -`; `msgaudit man check`: that command's page.
    Man { command: Option<String> },
}

/// `KEY=PATH` of `--evidence`: the answer key before the first `=`, the file after it.
fn key_and_path(s: &str) -> Result<(String, PathBuf), String> {
    match s.split_once('=') {
        Some((key, path)) if !key.trim().is_empty() && !path.is_empty() => {
            Ok((key.trim().to_string(), PathBuf::from(path)))
        }
        _ => Err(format!(
            "expected KEY=PATH (an answer key such as email.staff, then the file), got {s:?}"
        )),
    }
}

#[derive(Subcommand, Debug)]
pub enum ChecklistCommand {
    /// Write a checklist's sheets to an XLSX workbook (or a CSV file); the checklist must be valid.
    Export {
        /// The checklist file (TOML).
        checklist: PathBuf,
        /// The file to write: NAME.xlsx or NAME.csv (default: the checklist's name with .xlsx).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Make a checklist file (TOML) from sheets in XLSX, XLSM, XLS, ODS or CSV; it is checked as
    /// `msgaudit check` checks it, and written only when valid.
    Import {
        /// The workbook or CSV file.
        sheets: PathBuf,
        /// The checklist file to write (default: the workbook's name with .toml).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Write the checklist even when it does not validate (the problems are shown, exit code 1).
        #[arg(long)]
        write_invalid: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Text,
    Json,
}
