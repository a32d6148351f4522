//! `msgaudit keygen` applies the rule for new keys' passwords (`sign::check_new_password`): a short or
//! easily guessed password is refused with the reason in the language asked for, and no key is written;
//! a phrase of unrelated words makes the key.

mod tui_support;

use std::io::Write;
use std::process::{Command, Stdio};

use tui_support::pty::Tui;

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

/// On a terminal a weak password and a mistyped repetition say why and ask again; the third try counts.
#[test]
fn on_a_terminal_keygen_asks_again_after_a_weak_or_mistyped_password() {
    let mut t = Tui::start(&["--lang", "en", "keygen"]);
    t.wait_until_live("New password for the signing key:", |s| {
        s.contains("New password for the signing key:")
    });
    t.text("hunter2\r");
    t.wait_until_live("the refusal and a second prompt", |s| {
        s.matches("New password for the signing key:").count() == 2
    });
    t.text("mauve lantern oyster gravel\r");
    t.wait_until_live("Repeat the password:", |s| {
        s.contains("Repeat the password:")
    });
    t.text("mauve lantern oyster gravle\r");
    t.wait_until_live("The two passwords differ.", |s| {
        s.contains("The two passwords differ.")
    });
    t.wait_until_live("a third prompt", |s| {
        s.matches("New password for the signing key:").count() == 3
    });
    t.text("mauve lantern oyster gravel\r");
    t.wait_until_live("the second repeat prompt", |s| {
        s.matches("Repeat the password:").count() == 2
    });
    t.text("mauve lantern oyster gravel\r");
    t.wait_until_live("created a signing key pair", |s| {
        s.contains("created a signing key pair")
    });
    assert_eq!(t.exit_code(), 0);
    let paths = msgaudit::store::Paths::under_home(t.home()).unwrap_or_else(|e| panic!("{e}"));
    assert!(msgaudit::sign::secret_key_path(&paths.keys_dir()).exists());
}
