//! Hostile inputs through the real binary: control, bidi and invisible characters in answers, result
//! files, checklists and file names; deep conditions, include cycles and escapes; FIFOs, devices and huge
//! files; damaged result files. Every run ends within 10 s, never panics, exits 0 or 1 as the input
//! deserves, and writes no hostile character (other than newline and tab) to stdout or stderr.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::checklist;
use msgaudit::lang::Lang;
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;
use msgaudit::text::is_hostile;

/// A string with one of each kind of character that must never reach a terminal raw.
const EVIL: &str = "E\u{1b}]0;pwned\u{7}\u{1b}[2J\u{7f}\u{9b}31m\u{202E}rtl\u{2066}\u{200B}\u{2028}\u{FEFF}\u{E0041}\r\t|";

struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs msgaudit with `args` (and `stdin`), killing it and failing after 10 s.
fn run(home: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .args(args)
        .arg("--home")
        .arg(home)
        .env("LANG", "en")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut input = child.stdin.take();
    let bytes = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        if let Some(i) = input.as_mut() {
            let _ = i.write_all(&bytes);
        }
        drop(input);
    });
    let mut out = child.stdout.take();
    let mut err = child.stderr.take();
    let reader = |p: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(mut p) = p {
                let _ = p.read_to_end(&mut v);
            }
            v
        })
    };
    let out_t = reader(out.take().map(|o| Box::new(o) as Box<dyn Read + Send>));
    let err_t = reader(err.take().map(|e| Box::new(e) as Box<dyn Read + Send>));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap_or_else(|e| panic!("{e}")) {
            break s;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("msgaudit {args:?} did not finish within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = feeder.join();
    let out = out_t.join().unwrap_or_default();
    let err = err_t.join().unwrap_or_default();
    let r = Run {
        code: status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out).into_owned(),
        err: String::from_utf8_lossy(&err).into_owned(),
    };
    // CSV is RFC 4180 with a UTF-8 BOM: its CRLF line ends and the leading BOM are the format.
    let csv_out = if args.contains(&"csv") {
        r.out.trim_start_matches('\u{FEFF}').replace("\r\n", "\n")
    } else {
        r.out.clone()
    };
    for (name, text) in [("stdout", &csv_out), ("stderr", &r.err)] {
        let bad: Vec<char> = text
            .chars()
            // Tabs pass: they move the cursor only to the next stop, and multi-line text keeps them.
            .filter(|&c| is_hostile(c) && c != '\n' && c != '\t')
            .collect();
        assert!(
            bad.is_empty(),
            "msgaudit {args:?}: raw {bad:?} on {name}:\n{text}"
        );
    }
    assert!(
        !r.err.contains("panicked"),
        "msgaudit {args:?} panicked:\n{}",
        r.err
    );
    assert!(
        r.code == 0 || r.code == 1,
        "msgaudit {args:?}: exit {}\n{}",
        r.code,
        r.err
    );
    r
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
}

/// A TOML basic string holding `text` (TOML escapes the controls, the rest stays raw in the file).
fn toml_str(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[test]
fn hostile_checklists_and_paths_for_check() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let home = dir.path().join("home");
    let fixture = std::fs::read_to_string("tests/fixtures/small.toml").unwrap_or_default();
    let evil_title = fixture.replacen("title = ", &format!("title = {}\nx = ", toml_str(EVIL)), 1);
    let mut files: Vec<PathBuf> = Vec::new();
    let mut add = |name: &str, text: String| {
        let p = dir.path().join(name);
        write(&p, text);
        files.push(p);
    };
    add("evil-text.toml", evil_title);
    add("raw-bytes.toml", format!("format = 1\nid = \"{EVIL}\"\n"));
    add(
        "deep.toml",
        fixture.replacen(
            "when = ",
            &format!("when = \"{}x{}\"\nw = ", "(".repeat(5000), ")".repeat(5000)),
            1,
        ),
    );
    add(
        "long.toml",
        fixture.replacen(
            "when = ",
            &format!(
                "when = \"{}\"\nw = ",
                vec!["email.in_records == true"; 20000].join(" and ")
            ),
            1,
        ),
    );
    add(
        "cycle-a.toml",
        "format = 1\nid = \"a\"\n[[include]]\nfile = \"cycle-b.toml\"\n".into(),
    );
    add(
        "cycle-b.toml",
        "format = 1\nid = \"b\"\n[[include]]\nfile = \"cycle-a.toml\"\n".into(),
    );
    add(
        "escape.toml",
        "format = 1\nid = \"e\"\n[[include]]\nfile = \"../../../../etc/passwd\"\n".into(),
    );
    add("huge.toml", format!("# {}\n", "x".repeat(9 * 1024 * 1024)));
    #[cfg(unix)]
    {
        add(
            &format!("name-{EVIL}.toml").replace('/', "_"),
            "format = [".into(),
        );
        let fifo = dir.path().join("fifo.toml");
        let made = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap_or_else(|e| panic!("mkfifo (coreutils) is needed for this test: {e}"));
        assert!(made.success());
        files.push(fifo);
        files.push(PathBuf::from("/dev/zero"));
    }
    for f in &files {
        let r = run(&home, &["check", &s(f)], b"");
        assert_eq!(r.code, 1, "check {}: {}", f.display(), r.err);
    }
    // The whole folder at once, too.
    assert_eq!(run(&home, &["check", &s(dir.path())], b"").code, 1);
}

#[test]
fn hostile_answers_for_evaluate() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let home = dir.path().join("home");
    let good = dir.path().join("good.toml");
    write(
        &good,
        format!(
            "[answers]\n\"email.processes\" = [\"orders\"]\n\"email.in_records\" = false\n\
             \"per_process[orders].messenger\" = true\n\"per_process[orders].which\" = {}\n",
            toml_str(EVIL)
        ),
    );
    let bad_key = dir.path().join("bad-key.toml");
    write(&bad_key, format!("[answers]\n{} = true\n", toml_str(EVIL)));
    let bad_value = dir.path().join("bad-value.toml");
    write(
        &bad_value,
        format!("[answers]\n\"email.in_records\" = {}\n", toml_str(EVIL)),
    );
    let raw = dir.path().join("raw.toml");
    write(
        &raw,
        format!("[answers]\n\"email.in_records\" = \"{EVIL}\"\n"),
    );
    for answers in [&good, &bad_key, &bad_value, &raw] {
        for format in ["text", "json"] {
            let r = run(
                &home,
                &[
                    "evaluate",
                    "tests/fixtures/small.toml",
                    &s(answers),
                    "--format",
                    format,
                ],
                b"",
            );
            if answers == &good {
                assert_eq!(r.code, 0, "{}", r.err);
                if format == "json" {
                    let v: serde_json::Value =
                        serde_json::from_str(&r.out).unwrap_or_else(|e| panic!("{e}: {}", r.out));
                    assert!(v.is_object());
                }
            } else {
                assert_eq!(r.code, 1, "{}: {}", answers.display(), r.out);
            }
        }
    }
    #[cfg(unix)]
    {
        let r = run(
            &home,
            &["evaluate", "tests/fixtures/small.toml", "/dev/zero"],
            b"",
        );
        assert_eq!(r.code, 1);
    }
}

/// A genuinely signed result whose every text holds hostile characters.
fn signed_evil(home: &Path) -> PathBuf {
    let paths = Paths::under_home(home).unwrap_or_else(|e| panic!("{e}"));
    msgaudit::sign::keygen(&paths.keys_dir(), "pw", false).unwrap_or_else(|e| panic!("{e}"));
    let c = Arc::new(
        checklist::load(Path::new("tests/fixtures/small.toml")).unwrap_or_else(|d| panic!("{d:?}")),
    );
    let mut session = Session::new(Arc::clone(&c));
    for (k, v) in [
        ("email.processes", toml::Value::Array(vec!["orders".into()])),
        ("email.in_records", toml::Value::Boolean(false)),
        ("per_process[orders].messenger", toml::Value::Boolean(true)),
        (
            "per_process[orders].which",
            toml::Value::String(EVIL.into()),
        ),
    ] {
        values::apply(&mut session, k, &v).unwrap_or_else(|e| panic!("{e:?}"));
    }
    let meta = Meta {
        organisation: EVIL.into(),
        unit: EVIL.into(),
        interviewees: EVIL.into(),
        auditor: EVIL.into(),
        audit_date: None,
        lang: Lang::En,
    };
    let now = Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
    let mut d = Draft::new(&c, meta, now);
    d.capture(&session, now);
    let signer = Signer {
        name: EVIL.into(),
        role: EVIL.into(),
        statement: EVIL.into(),
    };
    signoff::sign_off(
        &session,
        &d,
        &signer,
        "pw",
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .result
}

#[test]
fn hostile_results_for_verify_report_and_summary() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let home = dir.path().join("home");
    let good = signed_evil(&home);
    let text = std::fs::read_to_string(&good).unwrap_or_default();
    let sig = std::fs::read_to_string(msgaudit::result::signature_path(&good)).unwrap_or_default();
    let mut bad: Vec<PathBuf> = Vec::new();
    let mut add = |name: &str, content: String, with_sig: bool| {
        let p = dir.path().join(name);
        write(&p, content);
        if with_sig {
            write(&msgaudit::result::signature_path(&p), &sig);
        }
        bad.push(p);
    };
    let hash_line = text
        .lines()
        .find(|l| l.starts_with("sha256"))
        .unwrap_or("sha256 = \"\"")
        .to_string();
    add(
        "hash.result.toml",
        text.replacen(&hash_line, "sha256 = \"ü\u{1b}ßßßßßßßßßßßßßßßßßß\"", 1),
        true,
    );
    add("missing.result.toml", "format = 1\n".into(), true);
    add(
        "types.result.toml",
        "format = \"eins\"\naudit_id = 7\n[signoff]\nname = []\n".into(),
        true,
    );
    add(
        "evil.result.toml",
        format!("format = 1\naudit_id = {}\n", toml_str(EVIL)),
        false,
    );
    add("raw.result.toml", format!("\u{1b}[2J{EVIL}"), true);
    add("badsig.result.toml", text.clone(), false);
    write(
        &msgaudit::result::signature_path(&dir.path().join("badsig.result.toml")),
        format!("untrusted comment: {EVIL}\n{EVIL}\n"),
    );
    #[cfg(unix)]
    {
        bad.push(PathBuf::from("/dev/zero"));
        let fifo = dir.path().join("fifo.result.toml");
        let made = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap_or_else(|e| panic!("mkfifo (coreutils) is needed for this test: {e}"));
        assert!(made.success());
        bad.push(fifo);
    }
    let formats = ["md", "html", "csv", "json"];
    let checklists = ["--checklists", "tests/fixtures"];
    let r = run(
        &home,
        &["verify", &s(&good), checklists[0], checklists[1]],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.err);
    // The same genuine pair under a hostile file name is valid; the name is printed escaped.
    #[cfg(unix)]
    {
        let named = dir
            .path()
            .join(format!("n{EVIL}.result.toml").replace('/', "_"));
        write(&named, &text);
        write(&msgaudit::result::signature_path(&named), &sig);
        let r = run(
            &home,
            &["verify", &s(&named), checklists[0], checklists[1]],
            b"",
        );
        assert_eq!(r.code, 0, "{}", r.err);
        for f in formats {
            run(
                &home,
                &[
                    "report",
                    &s(&named),
                    "--format",
                    f,
                    checklists[0],
                    checklists[1],
                ],
                b"",
            );
        }
    }
    for f in formats {
        let r = run(
            &home,
            &[
                "report",
                &s(&good),
                "--format",
                f,
                checklists[0],
                checklists[1],
            ],
            b"",
        );
        assert_eq!(r.code, 0, "{f}: {}", r.err);
    }
    for p in &bad {
        let r = run(&home, &["verify", &s(p), checklists[0], checklists[1]], b"");
        assert_eq!(r.code, 1, "verify {}: {}", p.display(), r.out);
        for f in formats {
            run(
                &home,
                &["report", &s(p), "--format", f, checklists[0], checklists[1]],
                b"",
            );
        }
    }
    for f in formats {
        run(
            &home,
            &[
                "summary",
                &s(dir.path()),
                "--format",
                f,
                checklists[0],
                checklists[1],
            ],
            b"",
        );
    }
}

#[test]
fn hostile_lines_for_plain_mode() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let home = dir.path().join("home");
    let mut input = Vec::new();
    for _ in 0..40 {
        input.extend_from_slice(EVIL.as_bytes());
        input.extend_from_slice(b"\n1\n\xff\xfe\n\n");
    }
    run(
        &home,
        &["--plain", "--checklists", "tests/fixtures"],
        &input,
    );
}
