//! Kill -9 in the middle of an audit loses nothing the auditor had confirmed: the binary is killed after
//! answering some questions, started again, resumes the draft (taking over the dead process's lock) and
//! finds every confirmed answer.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

fn start(home: &Path) -> (Child, ChildStdin) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args([
            "--plain",
            "--lang",
            "en",
            "--checklists",
            "tests/fixtures",
            "--home",
        ])
        .arg(home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start msgaudit: {e}"));
    let stdin = child.stdin.take().unwrap_or_else(|| panic!("stdin"));
    // Drain the output so that the child never blocks on a full pipe.
    if let Some(out) = child.stdout.take() {
        std::thread::spawn(move || BufReader::new(out).lines().for_each(drop));
    }
    (child, stdin)
}

fn draft_file(home: &Path) -> Option<PathBuf> {
    let dir = home.join("data").join("drafts");
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(".draft.toml"))
}

/// Wait until the saved draft contains `needle` (the answer was confirmed and written).
fn wait_for(home: &Path, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(text) = draft_file(home).and_then(|p| std::fs::read_to_string(p).ok())
            && text.contains(needle)
        {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "the draft never contained {needle:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigkill_mid_audit_loses_no_confirmed_answer() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut child, mut stdin) = start(home.path());
    for line in [
        "1",
        "small",
        "Muster GmbH",
        "Vertrieb",
        "",
        "Dr. Prüfer",
        "", // the audit date: today
        "1,3",
        "Fax",
        "2",
        "300",
    ] {
        writeln!(stdin, "{line}").unwrap_or_else(|e| panic!("{e}"));
    }
    stdin.flush().unwrap_or_else(|e| panic!("{e}"));
    let before = wait_for(home.path(), "\"email.staff\" = 300");
    child.kill().unwrap_or_else(|e| panic!("{e}")); // SIGKILL on Unix: no chance to clean up
    child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(before.contains("\"email.processes\""), "{before}");

    // Start again, resume the draft (its lock died with the process), and stop at the next question.
    let (mut child, mut stdin) = start(home.path());
    writeln!(stdin, "2\n1").unwrap_or_else(|e| panic!("{e}"));
    drop(stdin);
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    assert!(status.success(), "resume failed: {err}");
    let path = draft_file(home.path()).unwrap_or_else(|| panic!("the draft is gone"));
    let after = msgaudit::store::drafts::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let get = |k: &str| {
        after
            .answers
            .get(k)
            .map(std::string::ToString::to_string)
            .unwrap_or_default()
    };
    assert!(get("email.processes").contains("\"orders\""), "{after:?}");
    assert!(
        get("email.processes").contains("other = \"Fax\"")
            || get("email.processes").contains("\"Fax\""),
        "{}",
        get("email.processes")
    );
    assert!(
        get("email.in_records").contains("false"),
        "{}",
        get("email.in_records")
    );
    assert_eq!(get("email.staff"), "300");
    // It resumes where the auditor stopped: at the last confirmed question or the one after it.
    let pos = after.position.as_deref().unwrap_or("");
    assert!(
        ["email.staff", "per_process[orders].messenger"].contains(&pos),
        "{pos}"
    );
}
