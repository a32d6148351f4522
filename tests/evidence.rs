//! Evidence files end to end through the real binary: a scripted plain-mode audit attaches files with
//! `--evidence KEY=PATH` (one to a repeated section's question, attached once that repetition exists)
//! and with `e` at a question, signs off, and `msgaudit verify` checks the copies beside the result:
//! all match → valid; one byte changed → exit 1 naming the file and its question; a file deleted →
//! still valid, with a note that says it is missing and was not checked.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_msgaudit");
const PASSWORD: &str = "Datenschutz ist Teamarbeit";

fn fail(e: impl std::fmt::Display) -> ! {
    panic!("{e}")
}

fn run(home: &Path, extra: &[&std::ffi::OsStr], lines: &[&str]) -> Output {
    let mut child = Command::new(BIN)
        .arg("--home")
        .arg(home)
        .arg("--checklists")
        .arg("tests/fixtures")
        .args(["--lang", "en"])
        .args(extra)
        .env_remove("MSGAUDIT_HOME")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| fail(e));
    let mut input = lines.join("\n");
    input.push('\n');
    let mut stdin = child.stdin.take().unwrap_or_else(|| fail("no stdin"));
    // A usage error ends the program before it reads: a closed pipe is fine then.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().unwrap_or_else(|e| fail(e))
}

fn verify(home: &Path, result: &Path, extra: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .arg("verify")
        .arg("--home")
        .arg(home)
        .arg("--checklists")
        .arg("tests/fixtures")
        .args(["--lang", "en"])
        .arg(result)
        .args(extra)
        .env_remove("MSGAUDIT_HOME")
        .output()
        .unwrap_or_else(|e| fail(e))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn one_result(home: &Path) -> PathBuf {
    let dir = home.join("data/results");
    let mut r: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(e))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".result.toml"))
        .collect();
    assert_eq!(r.len(), 1, "{r:?}");
    r.remove(0)
}

/// The small fixture from the start to sign-off, with `e` (attach) at email.staff.
fn script(caption_file: &str) -> Vec<String> {
    [
        "1",
        "small",
        "Muster GmbH",
        "Vertrieb",
        "Frau Schmidt",
        "Dr. Prüfer",
        "",
        "1", // email.processes: Orders
        "2", // email.in_records: no
        "e", // attach evidence at email.staff
        caption_file,
        "Personalliste März",
        "300", // email.staff
        "1",   // per_process[orders].messenger: yes
        "WhatsApp",
        "2025-01-31", // end.date
        "1",          // review: sign off
        "1",          // create a key
        PASSWORD,
        "",
        "DSB",
        "",
        "1",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect()
}

#[test]
fn attached_files_are_carried_with_the_result_and_verified_by_hash() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let src = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let staff = src.path().join("Personalliste März.pdf");
    std::fs::write(&staff, b"%PDF-1.7 staff list").unwrap_or_else(|e| fail(e));
    let chat = src.path().join("chat.png");
    // Larger than one copy buffer: streamed in pieces.
    std::fs::write(&chat, vec![0x89u8; 100_000]).unwrap_or_else(|e| fail(e));
    let records = src.path().join("records.txt");
    std::fs::write(&records, b"Verzeichnis").unwrap_or_else(|e| fail(e));
    let arg = |key: &str, p: &Path| {
        let mut s = std::ffi::OsString::from("--evidence=");
        s.push(key);
        s.push("=");
        s.push(p);
        s
    };
    let lines = script(&staff.display().to_string());
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let out = run(
        home.path(),
        &[
            arg("email.in_records", &records).as_os_str(),
            // Exists only once "Orders" is chosen: attached then.
            arg("per_process[orders].messenger", &chat).as_os_str(),
        ],
        &lines,
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert_eq!(stdout.matches("Evidence attached: ").count(), 3, "{stdout}");
    assert!(stdout.contains("Evidence: 1 (e lists them)"), "{stdout}");
    let result = one_result(home.path());
    let folder = result.with_file_name(
        result
            .file_name()
            .map(|n| n.to_string_lossy().replace(".result.toml", ".evidence"))
            .unwrap_or_default(),
    );
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| fail(e))
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Personalliste_Maerz.pdf", "chat.png", "records.txt"]
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| {
            std::fs::metadata(p)
                .unwrap_or_else(|e| fail(e))
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&folder.join("chat.png")), 0o600);
    }
    let toml = std::fs::read_to_string(&result).unwrap_or_else(|e| fail(e));
    assert!(toml.contains("format = 4"), "{toml}");
    assert!(toml.contains("[[evidence]]"), "{toml}");
    assert!(
        toml.contains("question = \"per_process[orders].messenger\""),
        "{toml}"
    );
    assert!(toml.contains("caption = \"Personalliste März\""), "{toml}");
    // The original may move away: the chain holds through the copies.
    std::fs::remove_file(&staff).unwrap_or_else(|e| fail(e));

    let v = verify(home.path(), &result, &[]);
    assert!(v.status.success(), "{}{}", text(&v.stdout), text(&v.stderr));
    assert!(
        text(&v.stdout).contains("evidence: 3 of 3 files checked, SHA-256 matches"),
        "{}",
        text(&v.stdout)
    );

    // One byte changed: invalid, naming the file and its question.
    let copy = folder.join("chat.png");
    let mut bytes = std::fs::read(&copy).unwrap_or_else(|e| fail(e));
    bytes[50_000] ^= 1;
    std::fs::write(&copy, &bytes).unwrap_or_else(|e| fail(e));
    let v = verify(home.path(), &result, &[]);
    assert_eq!(v.status.code(), Some(1), "{}", text(&v.stdout));
    let err = text(&v.stderr);
    assert!(
        err.contains(
            "INVALID: the evidence file chat.png of question per_process[orders].messenger"
        ) && err.contains("was changed after signing"),
        "{err}"
    );

    // Restored elsewhere and named with --evidence-dir: valid again.
    bytes[50_000] ^= 1;
    let elsewhere = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    for n in &names {
        std::fs::copy(folder.join(n), elsewhere.path().join(n)).unwrap_or_else(|e| fail(e));
    }
    std::fs::write(elsewhere.path().join("chat.png"), &bytes).unwrap_or_else(|e| fail(e));
    let v = verify(
        home.path(),
        &result,
        &["--evidence-dir".as_ref(), elsewhere.path().as_os_str()],
    );
    assert!(v.status.success(), "{}{}", text(&v.stdout), text(&v.stderr));

    // Deleted: a note, not invalid, and it says so.
    std::fs::remove_file(&copy).unwrap_or_else(|e| fail(e));
    let v = verify(home.path(), &result, &[]);
    let stdout = text(&v.stdout);
    assert_eq!(v.status.code(), Some(0), "{stdout}{}", text(&v.stderr));
    assert!(stdout.starts_with("valid, signed by"), "{stdout}");
    assert!(
        stdout.contains("evidence: 2 of 3 files checked"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "note: the evidence file chat.png of question per_process[orders].messenger is missing"
        ) && stdout.contains("the result itself stays valid"),
        "{stdout}"
    );
}

#[test]
fn an_evidence_key_that_never_becomes_a_question_ends_the_script() {
    let home = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let f = home.path().join("x.txt");
    std::fs::write(&f, b"x").unwrap_or_else(|e| fail(e));
    let mut arg = std::ffi::OsString::from("--evidence=email.nope=");
    arg.push(&f);
    let lines = script(&f.display().to_string());
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let out = run(home.path(), &[arg.as_os_str()], &lines);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--evidence email.nope: this audit has no question email.nope"),
        "{}",
        text(&out.stderr)
    );
    // A malformed argument is a usage error.
    let out = run(
        home.path(),
        &["--evidence".as_ref(), "no-equals".as_ref()],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
