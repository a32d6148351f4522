//! The drafts folder under odd conditions: a FIFO named like a draft, temp files left by a killed save,
//! a lock file that is a FIFO, and a draft resumed from another working folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::Meta;
use msgaudit::audit::draft::Draft;
use msgaudit::checklist;
use msgaudit::store::{DraftStore, Paths, Workspace};

fn draft() -> Draft {
    let c = Arc::new(
        checklist::load(
            &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.toml"),
        )
        .unwrap_or_else(|d| panic!("{d:?}")),
    );
    Draft::new(&c, Meta::default(), Timestamp::UNIX_EPOCH)
}

fn home() -> (tempfile::TempDir, Paths) {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = Paths::under_home(home.path()).unwrap_or_else(|e| panic!("{e}"));
    (home, paths)
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo (coreutils) is needed for this test: {e}"));
    assert!(made.success());
}

#[cfg(unix)]
/// Runs `f` on a thread and fails if it has not finished within 10 s (a read that waits on a FIFO).
fn within_10s<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(10))
        .unwrap_or_else(|_| panic!("did not finish within 10 s (waiting on a FIFO?)"))
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_draft_is_listed_as_damaged_without_hanging() {
    let (_h, paths) = home();
    let mut ws = Workspace::new(&paths);
    let d = draft();
    ws.save(&d).unwrap_or_else(|e| panic!("{e}"));
    mkfifo(&paths.drafts_dir().join("pipe.draft.toml"));
    let store = DraftStore::new(&paths);
    let list = within_10s(move || store.list());
    assert_eq!(list.len(), 2);
    let broken = list
        .iter()
        .find(|e| e.path.ends_with("pipe.draft.toml"))
        .unwrap_or_else(|| panic!("listed"));
    let reason = broken.draft.as_ref().err().cloned().unwrap_or_default();
    assert!(reason.contains("not a regular file"), "{reason}");
    let store = DraftStore::new(&paths);
    let path = paths.drafts_dir().join("pipe.draft.toml");
    let opened = within_10s(move || store.open(&path).map(|_| ()).map_err(|e| e.to_string()));
    assert!(
        opened
            .as_ref()
            .is_err_and(|e| e.contains("not a regular file")),
        "{opened:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_lock_file_is_an_error_not_a_hang() {
    let (_h, paths) = home();
    std::fs::create_dir_all(paths.drafts_dir()).unwrap_or_else(|e| panic!("{e}"));
    let d = draft();
    let store = DraftStore::new(&paths);
    let path = store.path_for(&d.audit_id);
    store.save(&d).unwrap_or_else(|e| panic!("{e}"));
    mkfifo(&msgaudit::store::lock::lock_path(&path));
    let opened = within_10s(move || store.open(&path).map(|_| ()).map_err(|e| e.to_string()));
    assert!(
        opened
            .as_ref()
            .is_err_and(|e| e.contains("not a regular file")),
        "{opened:?}"
    );
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(std::result::Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    n.sort();
    n
}

#[test]
fn temp_files_of_a_killed_save_are_removed_once_no_process_holds_the_draft() {
    let (_h, paths) = home();
    let d = draft();
    let mut ws = Workspace::new(&paths);
    let path = ws.save(&d).unwrap_or_else(|e| panic!("{e}"));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // What write_atomic leaves when its process is killed between writing and renaming.
    let temp = paths.drafts_dir().join(format!(".{name}.4242-0.tmp"));
    std::fs::write(&temp, "half a draft").unwrap_or_else(|e| panic!("{e}"));
    // Other files that merely look similar are never touched.
    let other = paths.drafts_dir().join(".notes.txt.1-0.tmp");
    std::fs::write(&other, "not ours").unwrap_or_else(|e| panic!("{e}"));

    // While the draft is held (here by this process's workspace), its temp file may be a save under way.
    let store = DraftStore::new(&paths);
    assert_eq!(store.list().len(), 1);
    assert!(temp.exists(), "kept while the draft is held");

    ws.release();
    // Another test of this binary may fork (mkfifo) while the lock was held: the child shares the
    // lock until its exec, so the lock may stay busy for a moment after release.
    for _ in 0..200 {
        assert_eq!(store.list().len(), 1);
        if !temp.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!temp.exists(), "removed once the lock is free");
    assert!(other.exists());

    // Opening a draft (which takes its lock) removes them too, and those of its journal.
    let journal = msgaudit::store::journal::journal_path(&path);
    let journal_name = journal
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let journal_temp = paths
        .drafts_dir()
        .join(format!(".{journal_name}.4242-1.tmp"));
    std::fs::write(&temp, "half a draft").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&journal_temp, "half a journal").unwrap_or_else(|e| panic!("{e}"));
    let (_back, lock) = store.open(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(!temp.exists());
    assert!(!journal_temp.exists());
    drop(lock);
    assert_eq!(
        names(&paths.drafts_dir()),
        [
            ".notes.txt.1-0.tmp".to_string(),
            journal_name,
            name.clone(),
            format!("{name}.lock")
        ]
    );
}

#[test]
fn a_draft_names_its_checklist_by_an_absolute_path() {
    let (_h, paths) = home();
    let c = Arc::new(
        checklist::load(Path::new("tests/fixtures/small.toml")).unwrap_or_else(|d| panic!("{d:?}")),
    );
    assert!(
        c.path.is_relative(),
        "the test needs a relative path to begin with"
    );
    let d = Draft::new(&c, Meta::default(), Timestamp::UNIX_EPOCH);
    assert!(
        d.checklist.path.is_absolute(),
        "{}",
        d.checklist.path.display()
    );
    assert!(d.checklist.path.is_file());

    // A draft written by an older msgaudit with a relative path gets an absolute one when saved.
    let mut old = d.clone();
    old.checklist.path = PathBuf::from("tests/fixtures/small.toml");
    let store = DraftStore::new(&paths);
    let path = store.save(&old).unwrap_or_else(|e| panic!("{e}"));
    let back = msgaudit::store::drafts::read(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.checklist.path, d.checklist.path);
}
