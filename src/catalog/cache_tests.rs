#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::catalog::{self, Origin};
use crate::checklist;
use crate::store::fsops::fault::{Fault, FaultFs};

/// A copy of the shipped checklists (an audit, the review it includes, their knowledge base) to change.
fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir("checklists").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn cache_in(dir: &tempfile::TempDir) -> ModelCache {
    ModelCache::at(dir.path().join("cache"))
}

#[test]
fn a_cached_checklist_is_the_checklist_its_files_load_to() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(&tmp);
    let mut paths = checklist::files_in(Path::new("checklists")).unwrap();
    paths.extend(checklist::files_in(Path::new("tests/fixtures")).unwrap());
    paths.extend(checklist::files_in(Path::new("tests/fixtures/tui")).unwrap());
    let mut cached = 0;
    for path in paths {
        let Ok(loaded) = checklist::load(&path) else {
            continue;
        };
        assert!(
            cache.get(&path).is_none(),
            "{}: nothing kept yet",
            path.display()
        );
        cache.put(&loaded);
        let back = cache.get(&path).expect("kept");
        assert_eq!(back, loaded, "{}", path.display());
        cached += 1;
    }
    assert!(cached >= 4, "{cached}");
}

#[test]
fn the_catalog_from_the_cache_is_the_catalog_from_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(&tmp);
    let dirs = [(Origin::Shipped, PathBuf::from("checklists"))];
    let plain = catalog::load(&dirs);
    let first = catalog::load_with(&dirs, Some(&cache));
    let second = catalog::load_with(&dirs, Some(&cache));
    let shape = |entries: &[catalog::Entry]| -> Vec<(PathBuf, Checklist)> {
        entries
            .iter()
            .map(|e| {
                (
                    e.path.clone(),
                    Checklist::clone(e.checklist.as_ref().unwrap()),
                )
            })
            .collect()
    };
    assert_eq!(shape(&first), shape(&plain));
    assert_eq!(shape(&second), shape(&plain));
    // The second load was the cache's: every entry there.
    assert_eq!(
        std::fs::read_dir(tmp.path().join("cache")).unwrap().count(),
        2
    );
}

#[test]
fn a_change_to_any_file_the_load_read_is_a_miss() {
    let dir = shipped_copy();
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(&tmp);
    let audit = dir.path().join("messenger-audit.toml");
    let original = checklist::load(&audit).unwrap();
    let read: Vec<PathBuf> = original.read.iter().map(|f| f.path.clone()).collect();
    // The audit, the review it includes and the knowledge base.
    assert_eq!(read.len(), 3, "{read:?}");
    for file in &read {
        cache.put(&checklist::load(&audit).unwrap());
        assert!(cache.get(&audit).is_some());
        let text = std::fs::read_to_string(file).unwrap();
        std::fs::write(file, format!("{text}\n# changed\n")).unwrap();
        assert!(cache.get(&audit).is_none(), "{} changed", file.display());
        let changed = checklist::load(&audit).unwrap();
        assert_ne!(changed.sha256, original.sha256);
        cache.put(&changed);
        assert_eq!(cache.get(&audit).unwrap(), changed);
        std::fs::write(file, text).unwrap();
    }
    // Gone, or the same bytes somewhere else behind the same name: a miss too.
    cache.put(&checklist::load(&audit).unwrap());
    let kb = dir.path().join("messengers.toml");
    let moved = tmp.path().join("elsewhere.toml");
    std::fs::rename(&kb, &moved).unwrap();
    assert!(cache.get(&audit).is_none(), "knowledge base gone");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&moved, &kb).unwrap();
        assert!(
            cache.get(&audit).is_none(),
            "same bytes, outside the folder"
        );
        // A fresh load refuses it too: the knowledge base lies outside the checklist's folder.
        assert!(checklist::load(&audit).is_err());
    }
}

#[test]
fn another_build_or_another_path_is_a_miss() {
    let tmp = tempfile::tempdir().unwrap();
    let path = PathBuf::from("tests/fixtures/small.toml");
    let c = checklist::load(&path).unwrap();
    let cache = cache_in(&tmp);
    cache.put(&c);
    assert!(cache.get(&path).is_some());
    let other = ModelCache {
        build: Some("0.0.0 1 2".into()),
        ..cache.clone()
    };
    assert!(other.get(&path).is_none(), "written by another build");
    let unknown = ModelCache {
        build: None,
        ..cache.clone()
    };
    assert!(
        unknown.get(&path).is_none(),
        "a build that cannot tell itself"
    );
    let absolute = std::fs::canonicalize(&path).unwrap();
    assert!(cache.get(&absolute).is_none(), "named another way");
}

#[test]
fn a_damaged_entry_is_a_miss_never_another_checklist() {
    let tmp = tempfile::tempdir().unwrap();
    let path = PathBuf::from("tests/fixtures/small.toml");
    let c = checklist::load(&path).unwrap();
    let cache = cache_in(&tmp);
    cache.put(&c);
    let entry = cache.entry(&path).unwrap();
    let good = std::fs::read(&entry).unwrap();
    // Every byte changed, and the entry cut at every length.
    for i in 0..good.len() {
        let mut bad = good.clone();
        bad[i] ^= 0x5a;
        std::fs::write(&entry, &bad).unwrap();
        if let Some(back) = cache.get(&path) {
            assert_eq!(back, c, "byte {i} changed");
        }
    }
    for n in 0..good.len() {
        std::fs::write(&entry, &good[..n]).unwrap();
        assert!(cache.get(&path).is_none(), "cut at {n}");
    }
    std::fs::write(&entry, b"").unwrap();
    assert!(cache.get(&path).is_none());
    // Not a file: a folder where the entry should be.
    std::fs::remove_file(&entry).unwrap();
    std::fs::create_dir(&entry).unwrap();
    assert!(cache.get(&path).is_none());
    cache.put(&c);
}

#[test]
fn a_write_killed_or_failed_at_any_step_leaves_a_miss_or_the_entry() {
    let path = PathBuf::from("tests/fixtures/small.toml");
    let c = checklist::load(&path).unwrap();
    let steps = {
        let tmp = tempfile::tempdir().unwrap();
        let counting = FaultFs::counting();
        cache_in(&tmp).put_in(&counting, &c).unwrap();
        counting.steps()
    };
    assert!(steps >= 3, "{steps}");
    for fault in [Fault::Error, Fault::Kill] {
        for step in 0..steps {
            let tmp = tempfile::tempdir().unwrap();
            let cache = cache_in(&tmp);
            assert!(cache.put_in(&FaultFs::new(step, fault), &c).is_none());
            if let Some(back) = cache.get(&path) {
                assert_eq!(back, c, "{fault:?} at step {step}");
            }
            // The next write puts it right.
            cache.put(&c);
            assert_eq!(cache.get(&path).unwrap(), c, "{fault:?} at step {step}");
        }
    }
}

/// One batch reads each file once: what it saw of a shared include stands for every checklist of the
/// batch, and the next batch looks again.
#[test]
fn a_batch_hashes_a_shared_file_once_and_the_next_batch_sees_a_change() {
    let dir = shipped_copy();
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(&tmp);
    let audit = dir.path().join("messenger-audit.toml");
    let review = dir.path().join("messenger-app-review.toml");
    let kb = dir.path().join("messengers.toml");
    for p in [&audit, &review] {
        cache.put(&checklist::load(p).unwrap());
    }
    let mut seen = Seen::default();
    assert_eq!(
        cache.get_in(&audit, &mut seen),
        Some(checklist::load(&audit).unwrap())
    );
    assert_eq!(
        cache.get_in(&review, &mut seen),
        Some(checklist::load(&review).unwrap())
    );
    // The audit, the review and the knowledge base: each once.
    assert_eq!(seen.0.len(), 3, "{:?}", seen.0.keys().collect::<Vec<_>>());
    let text = std::fs::read_to_string(&kb).unwrap();
    std::fs::write(&kb, format!("{text}\n# changed\n")).unwrap();
    let mut next = Seen::default();
    assert!(cache.get_in(&audit, &mut next).is_none());
    assert!(cache.get_in(&review, &mut next).is_none());
    // A file that could not be read is remembered as such: a miss for every entry that names it.
    std::fs::remove_file(&kb).unwrap();
    let mut gone = Seen::default();
    assert!(cache.get_in(&audit, &mut gone).is_none());
    assert_eq!(gone.0.get(&kb), Some(&None));
}
