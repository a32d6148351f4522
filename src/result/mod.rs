//! A finished audit: verification of a signed result file (signature, key, checklist, re-derived outcome).
//! Below the front ends and the CLI: reports, the TUI's final screen and `msgaudit verify` all use it.

pub mod amend;
pub mod chain;
pub mod countersign;
mod keys;
pub mod list;
pub mod previous;
mod reasons;
pub mod supersedes;
pub mod verify;

pub use list::{Check, Listed, list};
pub use verify::{FileRole, Note, Options, Reason, State, Verification, signature_path, verify};
