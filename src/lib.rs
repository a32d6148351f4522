//! msgaudit: audit messenger use under the GDPR from checklists in TOML, and sign off the result.
//!
//! The engine (`checklist`, `audit`) is pure and knows nothing about terminals; the front ends and the
//! commands build on it.

pub mod audit;
pub mod catalog;
pub mod checklist;
pub mod cli;
pub mod evidence;
pub mod explain;
pub mod i18n;
pub mod lang;
pub mod memo;
pub mod plain;
pub mod report;
pub mod result;
pub mod shipped;
pub mod sign;
pub mod signoff;
pub mod store;
pub mod text;
pub mod tui;
