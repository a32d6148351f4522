//! End-to-end: the real binary in a tmux pane (`send-keys`, `capture-pane`). tmux is required: `.ci/run`
//! installs it, and without it these tests fail (they never skip).
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

struct Tmux {
    socket: String,
    /// Always Some until `into_home`.
    home: Option<tempfile::TempDir>,
}

fn tmux_required() {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "tmux is not installed: the end-to-end TUI tests need it (`.ci/run` installs it; \
         or `apt-get install tmux`)"
    );
}

fn drafts_dir(home: &Path) -> PathBuf {
    msgaudit::store::Paths::under_home(home)
        .expect("paths")
        .drafts_dir()
}

fn sh_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

impl Tmux {
    fn start(args: &[&str]) -> Tmux {
        Self::start_in(tempfile::tempdir().expect("temp dir"), args)
    }

    /// Start msgaudit with `--home` in `home` (a later run can reuse the folder of an earlier one).
    fn start_in(home: tempfile::TempDir, args: &[&str]) -> Tmux {
        tmux_required();
        let socket = format!(
            "msgaudit-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_msgaudit"));
        let exit_file = home.path().join("exit-code");
        let mut cmd = format!("{} --home {}", sh_quote(&bin), sh_quote(home.path()));
        for a in args {
            cmd.push(' ');
            cmd.push_str(a);
        }
        // After the program ends, the shell stays a while so that the pane (and the terminal state the
        // program left behind) can be inspected; the test kills the tmux server when done.
        let script = format!(
            "{cmd}; echo \"EXIT=$?\" > {}; sleep 60",
            sh_quote(&exit_file)
        );
        let t = Tmux {
            socket,
            home: Some(home),
        };
        t.tmux(&[
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "-s",
            "main",
            "-e",
            "NO_COLOR=",
            "sh",
            "-c",
            &script,
        ]);
        t
    }

    fn home(&self) -> &Path {
        self.home.as_ref().expect("home").path()
    }

    /// End this tmux server and keep the home folder for another run.
    fn into_home(mut self) -> tempfile::TempDir {
        self.home.take().expect("home")
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "main", k]);
        }
    }

    fn text(&self, s: &str) {
        self.tmux(&["send-keys", "-t", "main", "-l", "--", s]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "main"])
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; the screen shows:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn flag(&self, name: &str) -> String {
        self.tmux(&[
            "display-message",
            "-p",
            "-t",
            "main",
            &format!("#{{{name}}}"),
        ])
        .trim()
        .to_string()
    }

    /// Wait for the program to end; its exit code.
    fn exit_code(&self) -> String {
        let file = self.home().join("exit-code");
        let start = Instant::now();
        loop {
            if let Ok(s) = std::fs::read_to_string(&file) {
                return s.trim().to_string();
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!(
                    "msgaudit did not exit; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// The terminal is back to normal: main screen, cursor visible, no mouse reporting. tmux reads the
    /// program's last output asynchronously, so this waits (bounded) for the flags to settle.
    fn assert_restored(&self) {
        let want = [
            ("alternate_on", "0", "still on the alternate screen"),
            ("cursor_flag", "1", "cursor left hidden"),
            ("mouse_any_flag", "0", "mouse reporting left on"),
            ("mouse_standard_flag", "0", "mouse reporting left on"),
        ];
        let start = Instant::now();
        loop {
            let wrong: Vec<&str> = want
                .iter()
                .filter(|(flag, value, _)| self.flag(flag) != *value)
                .map(|(_, _, msg)| *msg)
                .collect();
            if wrong.is_empty() {
                return;
            }
            if start.elapsed() > Duration::from_secs(5) {
                panic!("terminal not restored: {wrong:?}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

#[test]
fn answer_the_small_checklist_to_the_review_and_quit() {
    let t = Tmux::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
    t.wait_for("Start a new audit");
    assert_eq!(
        t.flag("alternate_on"),
        "1",
        "the UI runs on the alternate screen"
    );
    let s = begin_small(&t);
    assert!(s.contains("Section 1/1 · Question 1/2"), "{s}");
    // Orders and Support: their repetitions appear.
    t.keys(&["Space", "j", "Space"]);
    t.wait_for("[x] Support");
    let s = t.wait_for("Section 1/3 · Question 1/3");
    assert!(s.contains("[x] Orders"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("In the records?");
    t.keys(&["j", "Enter"]);
    t.wait_for("How many employees?");
    t.text("-3");
    t.keys(&["Enter"]);
    t.wait_for("✗ At least 0");
    t.keys(&["BSpace", "BSpace"]);
    t.text("300");
    t.keys(&["Enter"]);
    t.wait_for("Messenger for Orders?");
    t.keys(&["Enter"]);
    t.wait_for("Which one?");
    t.text("WhatsApp");
    t.keys(&["Enter"]);
    t.wait_for("Messenger for Support?");
    t.keys(&["j", "Enter"]);
    t.wait_for("Date?");
    t.text("2025-01-31");
    t.keys(&["Enter"]);
    let s = t.wait_for("DPIA screening");
    assert!(s.contains("All required questions are answered."), "{s}");
    assert!(s.contains("Messenger for Orders"), "{s}");
    assert!(s.contains("Not in the records"), "{s}");
    // Every answer is saved already: q quits at once.
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), "EXIT=0");
    t.assert_restored();

    // The draft is on disk: a new run lists it and resumes at the question where the auditor was.
    let drafts: Vec<_> = std::fs::read_dir(drafts_dir(t.home()))
        .expect("drafts folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".draft.toml"))
        .collect();
    assert_eq!(drafts.len(), 1, "one draft file");
    let t = Tmux::start_in(
        t.into_home(),
        &["--lang", "en", "--checklists", "tests/fixtures"],
    );
    let s = t.wait_for("Muster GmbH · Sales");
    assert!(s.contains("Small audit · 6/6 answered"), "{s}");
    t.keys(&["j", "Enter"]);
    t.wait_for("Date?");
    t.wait_for("2025-01-31");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), "EXIT=0");
    t.assert_restored();
}

#[test]
fn german_ui_with_the_shipped_checklist_help_outline_resize_and_ctrl_c() {
    let t = Tmux::start(&["--lang", "de"]);
    t.wait_for("Neue Prüfung beginnen");
    t.keys(&["Enter"]);
    t.wait_for("Checkliste wählen");
    t.keys(&["Enter"]);
    t.wait_for("Organisation *");
    for field in ["Muster GmbH", "Vertrieb", "", "A. Prüfer"] {
        if !field.is_empty() {
            t.text(field);
        }
        t.keys(&["Enter"]);
    }
    let s = t.wait_for("Frage 1/");
    let header = s.lines().next().unwrap_or_default().to_string();
    assert!(header.contains("Abschnitt 1/"), "{s}");
    t.keys(&["?"]);
    let s = t.wait_for("Tasten");
    assert!(s.contains("Hilfe"), "{s}");
    t.keys(&["Escape"]);
    // Wait until Esc is handled: an Esc followed at once by another key reads as Alt+key.
    t.wait_until("the help to close", |s| !s.contains("Tasten"));
    // Answer the first question generically (choose the first row, go on): the position moves on and
    // one required question is answered.
    t.keys(&["Space", "Enter"]);
    t.wait_until("the next question", |s| {
        s.lines().next() != Some(header.as_str())
    });
    // Let the redraw finish before reading the new header.
    std::thread::sleep(Duration::from_millis(300));
    let s = t.screen();
    let header = s.lines().next().unwrap_or_default().to_string();
    assert!(
        header.contains("Frage 1/") || header.contains("Frage 2/"),
        "{s}"
    );
    t.keys(&["o"]);
    t.wait_for("Übersicht");
    t.keys(&["Escape"]);
    t.wait_until("the outline to close", |s| !s.contains("Übersicht"));
    // Too small, then big enough again.
    t.tmux(&["resize-window", "-t", "main", "-x", "70", "-y", "20"]);
    t.wait_for("Terminal zu klein (benötigt 80x24)");
    t.tmux(&["resize-window", "-t", "main", "-x", "100", "-y", "30"]);
    t.wait_until("the question again", |s| {
        s.lines().next() == Some(header.as_str())
    });
    // A note, then Ctrl-C: nothing to confirm, the draft is saved.
    t.keys(&["Tab"]);
    t.text("laut Leitung");
    t.keys(&["Enter"]);
    t.wait_for("laut Leitung");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), "EXIT=0");
    t.assert_restored();
    let draft = std::fs::read_dir(drafts_dir(t.home()))
        .expect("drafts folder")
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with(".draft.toml"))
        .expect("a draft file");
    let text = std::fs::read_to_string(draft.path()).expect("read draft");
    assert!(text.contains("laut Leitung"), "{text}");
    assert!(text.contains("Muster GmbH"), "{text}");
}

/// The Small audit from the fixture folder, details filled in, at its first question (returns that screen).
fn begin_small(t: &Tmux) -> String {
    t.wait_for("Start a new audit");
    t.keys(&["Enter"]);
    t.wait_for("Pick a checklist");
    // The fixture folder comes after the shipped checklists: the last entry.
    t.keys(&["G"]);
    t.wait_for("› Small audit");
    t.keys(&["Enter"]);
    t.wait_for("Organisation *");
    t.text("Muster GmbH");
    t.keys(&["Enter"]);
    t.text("Sales");
    t.keys(&["Enter", "Enter"]);
    t.text("A. Auditor");
    t.keys(&["Enter"]);
    t.wait_for("Which processes use e-mail?")
}

fn files_in(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn sign_off_the_small_checklist_creating_a_key_in_the_ui_and_verify_the_result() {
    let t = Tmux::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
    begin_small(&t);
    // Orders; in the records: yes; employees: skipped; messenger for Orders: no.
    t.keys(&["Space"]);
    t.wait_for("[x] Orders");
    t.keys(&["Enter"]);
    t.wait_for("In the records?");
    t.keys(&["Enter"]);
    t.wait_for("How many employees?");
    t.keys(&["Enter"]);
    t.wait_for("Messenger for Orders?");
    t.keys(&["j", "Enter"]);
    let s = t.wait_for("DPIA screening");
    assert!(s.contains("All required questions are answered."), "{s}");
    t.keys(&["G", "Enter"]);
    let s = t.wait_for("Name of the signer *");
    assert!(s.contains("A. Auditor"), "{s}");
    assert!(s.contains("No signing key yet"), "{s}");
    t.keys(&["Enter"]);
    t.text("Data protection officer");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Sign off now?");
    t.keys(&["y"]);
    t.wait_for("Create a signing key");
    t.text("e2e-secret");
    t.keys(&["Enter"]);
    t.text("e2e-secret");
    t.keys(&["Enter"]);
    let s = t.wait_for("Password of the signing key");
    assert!(s.contains("created"), "{s}");
    assert!(!s.contains("e2e-secret"), "a password on the screen:\n{s}");
    // A wrong password first: the error, and another try.
    t.text("not-it");
    t.keys(&["Enter"]);
    t.wait_for("wrong password");
    t.text("e2e-secret");
    t.keys(&["Enter"]);
    let s = t.wait_for("Signed off");
    assert!(s.contains("msgaudit verify"), "{s}");
    // The reports next to the result.
    t.keys(&["Enter"]);
    t.wait_for("Reports written");
    t.keys(&["q"]);
    assert_eq!(t.exit_code(), "EXIT=0");
    t.assert_restored();

    let paths = msgaudit::store::Paths::under_home(t.home()).expect("paths");
    let results = files_in(&paths.results_dir(), ".result.toml");
    assert_eq!(results.len(), 1, "one result file");
    assert_eq!(
        files_in(&paths.results_dir(), ".result.toml.minisig").len(),
        1
    );
    assert_eq!(files_in(&paths.results_dir(), ".report.md").len(), 1);
    assert_eq!(files_in(&paths.results_dir(), ".report.html").len(), 1);
    assert!(
        files_in(&paths.drafts_dir(), ".draft.toml").is_empty(),
        "the draft was archived"
    );
    assert_eq!(files_in(&paths.archive_dir(), ".draft.toml").len(), 1);
    let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("--home")
        .arg(t.home())
        .arg("--checklists")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .arg("verify")
        .arg(&results[0])
        .output()
        .expect("run msgaudit verify");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "verify failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("valid, signed by A. Auditor (Data protection officer)"),
        "{stdout}"
    );
}

/// The msgaudit process in the pane: the child of the pane's shell.
#[cfg(unix)]
fn msgaudit_pid(t: &Tmux) -> u32 {
    let shell: u32 = t
        .flag("pane_pid")
        .parse()
        .expect("the pane's pid is a number");
    let start = Instant::now();
    loop {
        for e in std::fs::read_dir("/proc")
            .expect("/proc")
            .filter_map(|e| e.ok())
        {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
                continue;
            };
            // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
            let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
            let ppid = rest
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(shell) && stat.contains("(msgaudit)") {
                return pid;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no msgaudit process under the pane's shell {shell}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(unix)]
#[test]
fn sigterm_restores_the_terminal_and_keeps_the_draft() {
    let t = Tmux::start(&["--lang", "en", "--checklists", "tests/fixtures"]);
    begin_small(&t);
    t.keys(&["Space"]);
    t.wait_for("[x] Orders");
    t.keys(&["Enter"]);
    t.wait_for("In the records?");
    // A moment for the terminal to settle, then the signal.
    std::thread::sleep(Duration::from_millis(200));
    let pid = msgaudit_pid(&t);
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    assert_eq!(t.exit_code(), "EXIT=0");
    t.assert_restored();
    let drafts = files_in(&drafts_dir(t.home()), ".draft.toml");
    assert_eq!(drafts.len(), 1, "one draft");
    let text = std::fs::read_to_string(&drafts[0]).expect("read draft");
    let draft = msgaudit::audit::draft::Draft::from_toml(&text).expect("the draft is intact");
    assert_eq!(
        draft.answers.get("email.processes").map(|v| v.to_string()),
        Some("[\"orders\"]".to_string()),
        "{text}"
    );
    assert_eq!(
        draft.position.as_deref(),
        Some("email.in_records"),
        "{text}"
    );
    assert_eq!(draft.meta.organisation, "Muster GmbH");
    // The lock was given up: a new run opens the draft.
    let t = Tmux::start_in(
        t.into_home(),
        &["--lang", "en", "--checklists", "tests/fixtures"],
    );
    t.wait_for("Muster GmbH · Sales");
    t.keys(&["j", "Enter"]);
    t.wait_for("In the records?");
    t.keys(&["C-c"]);
    assert_eq!(t.exit_code(), "EXIT=0");
}
