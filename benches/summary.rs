//! `msgaudit summary` over many signed results, the way a DPO runs it on a year's folder: the real release
//! binary, 100 and 1,000 results of the shipped audit (250 organisation units, four audits each, answers
//! from the shipped examples), timed over repeated runs, with the peak memory of the process (Unix).
//! Target (issue #13): 1,000 results in under a second, memory flat in the number of results.
//! Run: `cargo bench --bench summary`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::result::{ResultFile, SignOff};
use msgaudit::audit::{Meta, Session, values};
use msgaudit::checklist::{self, Checklist};
use msgaudit::lang::Lang;
use msgaudit::store::Paths;

const RUNS: usize = 5;
const UNITS: usize = 250;

/// The example answer sets of the shipped audit (`checklists/messenger-audit.examples.toml`).
fn examples() -> Vec<toml::Table> {
    let text = std::fs::read_to_string("checklists/messenger-audit.examples.toml").unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    doc["example"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["answers"].as_table().unwrap().clone())
        .collect()
}

/// A home with an unencrypted key pair (signing 1,000 results with a password would spend minutes in
/// the key derivation, which `summary` never does) and `n` results signed as `signoff` signs them.
fn home_with_results(n: usize, checklist: &Arc<Checklist>) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::under_home(home.path()).unwrap();
    let keys = paths.keys_dir();
    std::fs::create_dir_all(&keys).unwrap();
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let public = msgaudit::sign::PublicKey::from_base64(&pair.pk.to_base64()).unwrap();
    std::fs::write(
        msgaudit::sign::public_key_path(&keys),
        public.to_file_content(),
    )
    .unwrap();
    let results = paths.results_dir();
    std::fs::create_dir_all(&results).unwrap();
    let answers = examples();
    for i in 0..n {
        let mut session = Session::new(Arc::clone(checklist));
        for (key, value) in &answers[i % answers.len()] {
            values::apply(&mut session, key, value).unwrap();
        }
        let unit = i % UNITS;
        let year = 2023 + i16::try_from(i / UNITS).unwrap();
        let meta = Meta {
            organisation: format!("Organisation {}", unit / 5),
            unit: format!("Bereich {}", unit % 5),
            interviewees: String::new(),
            auditor: "A. Prüfer".into(),
            lang: Lang::De,
            audit_date: Some(jiff::civil::date(year, 3, 1)),
        };
        let now =
            Timestamp::from_second(1_700_000_000 + i64::try_from(i).unwrap() * 3_600).unwrap();
        let mut draft = Draft::new(checklist, meta, now);
        draft.capture(&session, now);
        let signoff = SignOff {
            name: "Dr. Erika Muster".into(),
            role: "DSB".into(),
            statement: msgaudit::signoff::default_statement(Lang::De).into(),
            signed_at: now,
            key_id: public.key_id(),
        };
        let result = ResultFile::build(&session, &draft, signoff, now);
        let bytes = result.to_toml().unwrap();
        let signature = minisign::sign(
            Some(&pair.pk),
            &pair.sk,
            std::io::Cursor::new(bytes.as_bytes()),
            Some(&msgaudit::signoff::trusted_comment(&result)),
            Some("bench"),
        )
        .unwrap()
        .into_string();
        let name = msgaudit::signoff::result_file_name(&draft, now);
        std::fs::write(results.join(&name), &bytes).unwrap();
        std::fs::write(results.join(format!("{name}.minisig")), signature).unwrap();
    }
    home
}

/// The largest resident set of any child waited for so far, in KiB (Linux: `ru_maxrss`).
#[cfg(unix)]
fn children_peak_kib() -> Option<i64> {
    nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .ok()
        .map(|u| u.max_rss())
}

#[cfg(not(unix))]
fn children_peak_kib() -> Option<i64> {
    None
}

fn summary(home: &Path, out: &Path) -> Duration {
    let started = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("--home")
        .arg(home)
        .args(["--lang", "en", "summary"])
        .arg(Paths::under_home(home).unwrap().results_dir())
        .args(["--format", "md", "-o"])
        .arg(out)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(
        o.status.success(),
        "summary failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let checklist = Arc::new(
        checklist::load(Path::new("checklists/messenger-audit.toml"))
            .unwrap_or_else(|d| panic!("{d:?}")),
    );
    println!("summary over n signed results (median of {RUNS} runs; peak RSS of the process)");
    // Smallest first: the children's peak RSS only grows, so each line's figure is its own.
    for n in [100, 1_000] {
        let home = home_with_results(n, &checklist);
        let out: PathBuf = home.path().join("summary.md");
        let times: Vec<Duration> = (0..RUNS).map(|_| summary(home.path(), &out)).collect();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(!text.contains("INVALID"), "every result verifies");
        let peak = children_peak_kib().map_or_else(
            || "n/a".to_string(),
            |k| format!("{:.1} MB", k as f64 / 1024.0),
        );
        println!(
            "  n = {n:>5}: {:>8.1} ms, peak RSS {peak}",
            median(times).as_secs_f64() * 1000.0
        );
    }
}
