//! One draft, one msgaudit: while a running msgaudit has a draft open, a second one is refused with a
//! message naming the other process; once that process is gone (even by kill -9), the draft opens again.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn msgaudit(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_msgaudit"));
    c.args([
        "--plain",
        "--lang",
        "en",
        "--checklists",
        "tests/fixtures",
        "--home",
    ])
    .arg(home);
    c
}

/// Resume the only draft with piped input; returns (exit code, stderr).
fn resume(home: &Path) -> (Option<i32>, String) {
    let mut child = msgaudit(home)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(b"2\n1\n");
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_second_msgaudit_is_refused_until_the_first_is_gone() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut first = msgaudit(home.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stdin = first.stdin.take().unwrap_or_else(|| panic!("stdin"));
    // A new audit: the draft is created and locked; then it waits at the first question.
    stdin
        .write_all("1\nsmall\nMuster GmbH\nVertrieb\n\nDr. Prüfer\n\n".as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    stdin.flush().unwrap_or_else(|e| panic!("{e}"));
    let out = first.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.contains("Which processes use e-mail?") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("the first msgaudit never reached the first question"));

    let (code, err) = resume(home.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!("another msgaudit (pid {}", first.id())),
        "{err}"
    );

    first.kill().unwrap_or_else(|e| panic!("{e}"));
    first.wait().unwrap_or_else(|e| panic!("{e}"));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (code, err) = resume(home.path());
        if code == Some(0) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the dead process's lock was never taken over: {err}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(stdin);
}
