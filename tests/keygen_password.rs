//! `msgaudit keygen` applies the rule for new keys' passwords (`sign::check_new_password`): a short or
//! easily guessed password is refused with the reason in the language asked for, and no key is written;
//! a phrase of unrelated words makes the key.

use std::io::Write;
use std::process::{Command, Stdio};

/// Run keygen in a fresh home with `password` as its piped input; (exit code, stderr, home).
fn keygen(lang: &str, password: &str) -> (i32, String, tempfile::TempDir) {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args(["--lang", lang, "--home"])
        .arg(home.path())
        .arg("keygen")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
    child
        .stdin
        .take()
        .map_or_else(|| panic!("no stdin"), |mut i| writeln!(i, "{password}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        home,
    )
}

fn key_written(home: &tempfile::TempDir) -> bool {
    let paths = msgaudit::store::Paths::under_home(home.path()).unwrap_or_else(|e| panic!("{e}"));
    msgaudit::sign::secret_key_path(&paths.keys_dir()).exists()
}

#[test]
fn a_short_password_is_refused_in_english_and_german() {
    let (code, err, home) = keygen("en", "hunter2");
    assert_ne!(code, 0, "{err}");
    assert!(
        err.contains("The password is too short: 7 characters, at least 12 are needed."),
        "{err}"
    );
    assert!(err.contains("unrelated words"), "{err}");
    assert!(!key_written(&home));

    let (code, err, home) = keygen("de", "hunter2");
    assert_ne!(code, 0, "{err}");
    assert!(
        err.contains("Das Passwort ist zu kurz: 7 Zeichen, nötig sind mindestens 12."),
        "{err}"
    );
    assert!(!key_written(&home));
}

#[test]
fn an_easily_guessed_password_is_refused_and_a_phrase_makes_the_key() {
    let (code, err, home) = keygen("en", "password1234");
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("too easy to guess"), "{err}");
    assert!(!key_written(&home));

    let (code, err, home) = keygen("en", "Datenschutz ist Teamarbeit");
    assert_eq!(code, 0, "{err}");
    assert!(key_written(&home));
}
