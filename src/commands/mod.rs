//! The non-interactive commands behind the CLI (`check`, `evaluate`, …). Each returns what the binary
//! prints and the exit code; `main.rs` only parses arguments and dispatches.

pub mod check;
pub mod evaluate;
pub mod keygen;
pub mod password;
pub mod report;
pub mod summary;
pub mod verify;

/// Exit codes of the command-line contract (DESIGN.md).
pub mod exit {
    pub const OK: i32 = 0;
    pub const INVALID: i32 = 1;
    pub const USAGE: i32 = 2;
}
