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
    /// Check a result file: its signature, its checklist and the findings derived from its answers.
    Verify {
        /// The result file (its signature RESULT.minisig must be next to it).
        result: PathBuf,
        /// The signer's public key file (default: your own key, or the trusted keys folder).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
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
    /// Print a shell completion script: `msgaudit completions bash > …` (see README).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `msgaudit man | man -l -`; `msgaudit man check`: that command's page.
    Man { command: Option<String> },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Text,
    Json,
}
