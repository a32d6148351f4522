//! Cross-process behaviour of `DraftLock`: a draft locked by another live process is refused
//! with that process's pid, and the lock of a process killed with SIGKILL is free again.
//! The other process is this very test binary, re-run to execute only `hold_lock_for_parent`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use msgaudit::store::{DraftLock, LockError};

const DRAFT_ENV: &str = "MSGAUDIT_TEST_HOLD_LOCK";
/// Printed by the child once it holds the lock (libtest prints it after "test … ...").
const LOCKED_MARKER: &str = "MSGAUDIT-CHILD-HOLDS-LOCK";

/// Not a test of its own: the child half of `lock_is_shared_across_processes`. It locks the draft
/// named in `MSGAUDIT_TEST_HOLD_LOCK`, says so on stdout, and waits to be killed.
#[test]
#[ignore = "helper run as a child process by lock_is_shared_across_processes"]
fn hold_lock_for_parent() -> Result<(), Box<dyn std::error::Error>> {
    let Some(draft) = std::env::var_os(DRAFT_ENV) else {
        return Ok(()); // run by hand with --ignored: nothing to do
    };
    let _lock = DraftLock::acquire(Path::new(&draft))?;
    println!("{LOCKED_MARKER}");
    std::thread::sleep(std::time::Duration::from_secs(120));
    Ok(())
}

fn spawn_holder(draft: &Path) -> Result<Child, Box<dyn std::error::Error>> {
    let mut child = Command::new(std::env::current_exe()?)
        .args([
            "--exact",
            "hold_lock_for_parent",
            "--ignored",
            "--nocapture",
        ])
        .args(["--test-threads", "1"])
        .env(DRAFT_ENV, draft)
        .stdout(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("child has no stdout")?;
    // Wait until the child really holds the lock; EOF means it died before getting there.
    for line in BufReader::new(stdout).lines() {
        if line?.contains(LOCKED_MARKER) {
            return Ok(child);
        }
    }
    let status = child.wait()?;
    Err(format!("the child process exited ({status}) without locking the draft").into())
}

#[test]
fn lock_is_shared_across_processes() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let draft = tmp.path().join("dept.draft.toml");
    let mut child = spawn_holder(&draft)?;

    let busy = DraftLock::acquire(&draft);
    // Kill first so that a failed assertion does not leave the child sleeping.
    child.kill()?; // SIGKILL on Unix: no destructor runs, exactly like kill -9
    child.wait()?;

    match busy {
        Err(LockError::Busy { pid, .. }) => assert_eq!(pid, Some(child.id())),
        other => panic!("expected Busy while the child held the lock, got {other:?}"),
    }

    // The OS dropped the dead child's lock: the stale lock file is taken over.
    let lock = DraftLock::acquire(&draft)?;
    let owner = std::fs::read_to_string(lock.path())?;
    assert!(
        owner.starts_with(&format!("pid={}\n", std::process::id())),
        "{owner}"
    );
    Ok(())
}
