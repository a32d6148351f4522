//! `msgaudit completions SHELL` and `msgaudit man`: what they print is a completion script that names every
//! subcommand and a manual page with its sections, and a closed pipe ends them quietly.

use std::process::{Command, Stdio};

const SUBCOMMANDS: &[&str] = &[
    "check",
    "evaluate",
    "keygen",
    "verify",
    "report",
    "summary",
    "checklist",
    "completions",
    "man",
];

fn msgaudit(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args(args)
        .env("LANG", "de_DE.UTF-8")
        .output()
        .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn bash_completion_defines_the_function_and_offers_every_subcommand() {
    let (code, out, err) = msgaudit(&["completions", "bash"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("_msgaudit()"), "{out}");
    assert!(out.contains("complete -F _msgaudit"), "{out}");
    // The words offered at the top level.
    let top = out
        .lines()
        .find(|l| l.trim_start().starts_with("opts=\"") && l.contains("check"))
        .unwrap_or_else(|| panic!("no top-level opts line in\n{out}"));
    for sub in SUBCOMMANDS {
        assert!(
            top.split_whitespace().any(|w| w.trim_matches('"') == *sub),
            "{sub}: {top}"
        );
    }
    assert!(top.contains("--lang") && top.contains("--home"), "{top}");
    // Values of an option are completed too.
    assert!(out.contains("md html csv json"), "report --format values");
}

/// bash itself reads the script without a syntax error, and after sourcing it completes `msgaudit`.
#[cfg(unix)]
#[test]
fn bash_parses_the_completion_script() {
    let (_, script, _) = msgaudit(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("msgaudit.bash");
    std::fs::write(&file, &script).unwrap_or_else(|e| panic!("{e}"));
    let o = Command::new("bash")
        .arg("-c")
        .arg("source \"$1\" && complete -p msgaudit")
        .arg("bash")
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        out.contains("_msgaudit") && out.contains("msgaudit"),
        "{out}"
    );
}

#[test]
fn zsh_fish_and_powershell_scripts_name_every_subcommand() {
    for (shell, marker) in [
        ("zsh", "#compdef msgaudit"),
        ("fish", "complete -c msgaudit"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, out, err) = msgaudit(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}: {out}");
        for sub in SUBCOMMANDS {
            assert!(out.contains(sub), "{shell}: no {sub}");
        }
    }
}

#[test]
fn man_page_has_name_synopsis_options_and_subcommands() {
    let (code, out, err) = msgaudit(&["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(".TH msgaudit 1"), "{out}");
    let sections: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix(".SH ")).collect();
    for s in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "SUBCOMMANDS",
        "VERSION",
    ] {
        assert!(sections.contains(&s), "{s} missing from {sections:?}");
    }
    let name = out
        .split(".SH NAME\n")
        .nth(1)
        .and_then(|r| r.lines().next())
        .unwrap_or_default();
    assert!(name.starts_with("msgaudit \\- "), "{name}");
    for sub in SUBCOMMANDS {
        assert!(
            out.contains(&format!("msgaudit\\-{sub}")),
            "{sub} not in SUBCOMMANDS"
        );
    }
}

/// Every page the main page names exists: `msgaudit man check` is `msgaudit-check(1)`.
#[test]
fn every_command_has_its_own_manual_page() {
    for sub in SUBCOMMANDS {
        let (code, out, err) = msgaudit(&["man", sub]);
        assert_eq!(code, 0, "{sub}: {err}");
        assert!(
            out.contains(&format!(".TH msgaudit-{sub} 1")),
            "{sub}: {out}"
        );
        assert!(out.contains(env!("CARGO_PKG_VERSION")), "{sub}: no version");
        assert!(
            out.contains(&format!("msgaudit\\-{sub} \\- ")),
            "{sub}: NAME line"
        );
    }
    let (code, _, err) = msgaudit(&["man", "chek"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("Fehler: „chek“ ist kein Befehl von msgaudit; Handbuchseiten gibt es zu: check, evaluate"),
        "{err}"
    );
}

/// `msgaudit man | head` closes the pipe early: that ends the command quietly with exit 0.
#[test]
fn a_closed_pipe_ends_completions_and_man_quietly() {
    for args in [&["man"][..], &["completions", "bash"][..]] {
        let (reader, writer) = std::io::pipe().unwrap_or_else(|e| panic!("pipe: {e}"));
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

/// A full disk is not a closed pipe: the error is said, in the language.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_of_the_man_page_is_an_error() {
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap_or_else(|e| panic!("/dev/full: {e}"));
    let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("man")
        .env("LANG", "de_DE.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(full)
        .output()
        .unwrap_or_else(|e| panic!("cannot run msgaudit: {e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("Fehler: die Handbuchseite kann nicht geschrieben werden: auf dem Laufwerk ist kein Platz mehr"),
        "{err}"
    );
}
