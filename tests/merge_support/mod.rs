//! Drafts of two auditors of the small fixture checklist, saved as msgaudit saves them (draft and journal),
//! and the real binary run on them: shared by the merge's command-line and pseudo-terminal tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::lang::Lang;
use msgaudit::store::{Paths, Workspace};

pub const BIN: &str = env!("CARGO_BIN_EXE_msgaudit");

pub fn small() -> Arc<msgaudit::checklist::Checklist> {
    Arc::new(msgaudit::checklist::load(Path::new("tests/fixtures/small.toml")).unwrap())
}

pub fn meta(auditor: &str, unit: &str) -> Meta {
    Meta {
        organisation: "Muster GmbH".into(),
        unit: unit.into(),
        auditor: auditor.into(),
        lang: Lang::En,
        ..Meta::default()
    }
}

/// A draft of audit `audit_id` by `auditor` with `answers` (TOML `key = value` lines, each its own
/// change), saved in the drafts folder of `home`; its path.
pub fn save(home: &Path, audit_id: &str, auditor: &str, unit: &str, answers: &str) -> PathBuf {
    let c = small();
    let t0 = Timestamp::from_second(1_790_000_000).unwrap();
    let mut d = Draft::new(&c, meta(auditor, unit), t0);
    d.audit_id = audit_id.into();
    let mut s = Session::new(Arc::clone(&c));
    let paths = Paths::under_home(home).unwrap();
    let mut ws = Workspace::new(&paths);
    let table: toml::Table = toml::from_str(answers).unwrap();
    for (n, (k, v)) in table.iter().enumerate() {
        values::apply(&mut s, k, v).unwrap();
        d.capture(
            &s,
            t0 + jiff::SignedDuration::from_mins(i64::try_from(n).unwrap() + 1),
        );
        ws.save(&d).unwrap();
    }
    ws.release();
    ws.path_for(audit_id)
}

/// `msgaudit --home HOME --checklists tests/fixtures --lang LANG ARGS…` without a terminal.
pub fn run(home: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--home")
        .arg(home)
        .args(["--checklists", "tests/fixtures", "--lang", lang])
        .args(args)
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes, sorted: to show that nothing changed. The checklist cache
/// (`data/cache`) is left out: it holds no audit data, only checklists msgaudit validated and may
/// rebuild at any time, whatever the command's outcome.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.ends_with("data/cache") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap_or_default();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

/// The drafts in the drafts folder of `home` other than `except`, read with their history.
pub fn other_drafts(home: &Path, except: &[&Path]) -> Vec<Draft> {
    let dir = Paths::under_home(home).unwrap().drafts_dir();
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.to_string_lossy().ends_with(".draft.toml") && !except.contains(&p.as_path()) {
            out.push(msgaudit::store::workspace::read_with_history(&p).unwrap());
        }
    }
    out
}
