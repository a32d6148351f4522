//! Engine speed: load+validate of generated checklists, and "set one answer, then recompute visible
//! questions, findings and progress". Targets (docs/performance.md): load of 10,000 questions < 100 ms;
//! set-and-recompute at 10,000 < 1 ms and at most 3x its cost at 100.

use std::path::PathBuf;
use std::sync::Arc;

use divan::Bencher;
use msgaudit::audit::{Response, Session, Value};
use msgaudit::checklist;

#[path = "gen.rs"]
mod generate;

fn main() {
    divan::main();
}

fn write(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(format!("gen{n}.toml"));
    std::fs::write(&path, generate::checklist(n)).unwrap_or_else(|e| panic!("{e}"));
    (dir, path)
}

#[divan::bench(args = [100, 1_000, 10_000], sample_count = 20)]
fn load_and_validate(b: Bencher, n: usize) {
    let (_dir, path) = write(n);
    b.bench(|| checklist::load(&path).unwrap_or_else(|d| panic!("{d:?}")));
}

/// The same load when the checklist cache holds it (`catalog::cache`): the file read and hashed, the
/// entry read, checked and decoded. What a start with unchanged checklist files costs.
#[divan::bench(args = [100, 1_000, 10_000], sample_count = 20)]
fn load_cached(b: Bencher, n: usize) {
    let (dir, path) = write(n);
    let cache = msgaudit::catalog::ModelCache::at(dir.path().join("cache"));
    cache.put(&checklist::load(&path).unwrap_or_else(|d| panic!("{d:?}")));
    b.bench(|| cache.get(&path).unwrap_or_else(|| panic!("not cached")));
}

/// Flip a yes/no answer in the middle of the checklist that a follow-up question and a finding depend on.
#[divan::bench(args = [100, 1_000, 10_000])]
fn set_and_recompute(b: Bencher, n: usize) {
    let (_dir, path) = write(n);
    let c = Arc::new(checklist::load(&path).unwrap_or_else(|d| panic!("{d:?}")));
    let mut s = Session::new(c);
    // A plain section in the middle whose neighbours are neither repeated nor gated by it, so that every
    // size does the same work: one follow-up question and one finding.
    // Ends: every section number that is not a multiple of 7 or 10 next to one qualifies.
    #[allow(clippy::maybe_infinite_iter)]
    let sec = ((n / 20) / 2..)
        .find(|s| s % 10 != 0 && s % 7 != 0 && (s + 1) % 10 != 0 && (s + 1) % 7 != 0)
        .unwrap_or(1);
    let mid = format!("s{sec}.q1");
    let key = s.parse_key(&mid).unwrap_or_else(|| panic!("{mid}"));
    assert!(
        s.is_visible(key),
        "{mid} must be visible, or the benchmark measures nothing"
    );
    let mut flag = false;
    b.bench_local(|| {
        flag = !flag;
        s.set(key, Some(Response::Value(Value::Bool(flag))))
            .unwrap_or_else(|e| panic!("{e}"));
        divan::black_box((s.progress(), s.dpia().verdict, s.open_required().next()));
    });
}

/// The most expensive single answer: selecting an option that shows a repetition of every repeated section.
#[divan::bench(args = [100, 1_000, 10_000])]
fn toggle_repeated_sections(b: Bencher, n: usize) {
    let (_dir, path) = write(n);
    let c = Arc::new(checklist::load(&path).unwrap_or_else(|d| panic!("{d:?}")));
    let mut s = Session::new(c);
    let key = s.parse_key("s0.q0").unwrap_or_else(|| panic!("s0.q0"));
    let mut flag = false;
    b.bench_local(|| {
        flag = !flag;
        let v = if flag { vec![0, 1] } else { vec![0] };
        s.set(key, Some(Response::Value(Value::Choices(v))))
            .unwrap_or_else(|e| panic!("{e}"));
        divan::black_box(s.progress());
    });
}
