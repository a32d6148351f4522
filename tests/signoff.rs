//! Sign-off and verification end to end: a signed result verifies (with msgaudit, and with the standard
//! `minisign` tool in `external_minisign_accepts_the_signed_result`, which a plain `cargo test` lists as
//! ignored: run it with `cargo test -- --include-ignored`); any change to any byte of the result or its
//! signature, a wrong key, a doctored finding or a malformed file makes it invalid with a reason — never a
//! panic.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::catalog::{self, Origin};
use msgaudit::checklist;
use msgaudit::lang::Lang;
use msgaudit::result::verify::{self, Options};
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;

/// A way to damage a file: its bytes in, the damaged bytes out.
type Damage = fn(&[u8]) -> Vec<u8>;

const PASSWORD: &str = "Datenschutz ist Teamarbeit";

struct Signed {
    _home: tempfile::TempDir,
    paths: Paths,
    result: PathBuf,
    signature: PathBuf,
}

fn signed() -> Signed {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = Paths::under_home(home.path()).unwrap_or_else(|e| panic!("{e}"));
    msgaudit::sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap_or_else(|e| panic!("{e}"));
    let c = Arc::new(
        checklist::load(Path::new("tests/fixtures/small.toml")).unwrap_or_else(|d| panic!("{d:?}")),
    );
    let mut s = Session::new(Arc::clone(&c));
    for (k, v) in [
        (
            "email.processes",
            toml::Value::Array(vec!["orders".into(), "support".into()]),
        ),
        ("email.in_records", toml::Value::Boolean(false)),
        ("per_process[orders].messenger", toml::Value::Boolean(true)),
        (
            "per_process[support].messenger",
            toml::Value::Boolean(false),
        ),
    ] {
        values::apply(&mut s, k, &v).unwrap_or_else(|e| panic!("{e:?}"));
    }
    let meta = Meta {
        organisation: "Bäckerei Müller & Söhne".into(),
        unit: "Vertrieb".into(),
        interviewees: "Frau Schmidt".into(),
        auditor: "Dr. Prüfer".into(),
        audit_date: None,
        lang: Lang::De,
    };
    let now = Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
    let mut d = Draft::new(&c, meta, now);
    d.capture(&s, now);
    let signer = Signer {
        name: "Dr. Petra Prüfer".into(),
        role: "Datenschutzbeauftragte".into(),
        statement: signoff::default_statement(Lang::De).into(),
    };
    let out = signoff::sign_off(
        &s,
        &d,
        &signer,
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.result.file_name().is_some_and(|n| {
        n.to_string_lossy()
            .starts_with("baeckerei-mueller-soehne-2026-")
    }));
    Signed {
        _home: home,
        paths,
        result: out.result,
        signature: out.signature,
    }
}

fn options(s: &Signed) -> Options {
    Options {
        evidence_dir: None,
        pubkey: None,
        checklist_dirs: vec![(Origin::Extra, PathBuf::from("tests/fixtures"))],
        paths: Some(s.paths.clone()),
    }
}

#[test]
fn a_signed_result_verifies_and_names_its_signer() {
    let s = signed();
    let v = verify::verify(&s.result, &options(&s));
    assert!(v.is_valid(), "{}", v.line(msgaudit::lang::Lang::En));
    assert!(
        v.line(msgaudit::lang::Lang::En)
            .starts_with("valid, signed by Dr. Petra Prüfer (Datenschutzbeauftragte) on "),
        "{}",
        v.line(msgaudit::lang::Lang::En)
    );
    assert!(v.notes.is_empty(), "{:?}", v.notes);
    let r = v.result.unwrap_or_else(|| panic!("parsed"));
    let keys: Vec<&str> = r.findings.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        ["messenger_used[orders]", "not_in_records"],
        "high first"
    );
}

#[test]
fn a_result_cannot_be_written_twice() {
    let s = signed();
    let err = msgaudit::store::write_new(&s.result, b"x");
    assert!(err.is_err());
}

#[test]
fn changing_any_byte_makes_it_invalid() {
    let s = signed();
    let original = std::fs::read(&s.result).unwrap_or_default();
    let opts = options(&s);
    // Sample positions over the whole file: answers, findings, summary and the sign-off block.
    let step = (original.len() / 97).max(1);
    for i in (0..original.len())
        .step_by(step)
        .chain([original.len() - 1])
    {
        let mut bytes = original.clone();
        bytes[i] ^= 0x01;
        std::fs::write(&s.result, &bytes).unwrap_or_else(|e| panic!("{e}"));
        let v = verify::verify(&s.result, &opts);
        assert!(
            !v.is_valid(),
            "flipping byte {i} ({:?}) went unnoticed",
            original[i] as char
        );
    }
    std::fs::write(&s.result, &original).unwrap_or_else(|e| panic!("{e}"));
    assert!(verify::verify(&s.result, &opts).is_valid());
    let sig = std::fs::read(&s.signature).unwrap_or_default();
    // The first line is minisign's untrusted comment, which by design no signature covers.
    let first_line = sig.iter().position(|b| *b == b'\n').unwrap_or(0) + 1;
    for i in first_line..sig.len() {
        let mut bytes = sig.clone();
        bytes[i] ^= 0x01;
        std::fs::write(&s.signature, &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !verify::verify(&s.result, &opts).is_valid(),
            "signature byte {i} changed unnoticed"
        );
    }
}

#[test]
fn a_wrong_public_key_is_refused() {
    let s = signed();
    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let k = msgaudit::sign::keygen(other.path(), "other", false).unwrap_or_else(|e| panic!("{e}"));
    let mut opts = options(&s);
    opts.pubkey = Some(k.public_key_path);
    let v = verify::verify(&s.result, &opts);
    assert!(!v.is_valid());
    assert!(
        v.line(msgaudit::lang::Lang::En).contains("key"),
        "{}",
        v.line(msgaudit::lang::Lang::En)
    );
    // Without --pubkey and without the signer's key in reach, it says where to put the key.
    let stranger = Paths::under_home(other.path()).unwrap_or_else(|e| panic!("{e}"));
    let v = verify::verify(
        &s.result,
        &Options {
            paths: Some(stranger),
            ..options(&s)
        },
    );
    assert!(
        v.line(msgaudit::lang::Lang::En).contains("trusted-keys"),
        "{}",
        v.line(msgaudit::lang::Lang::En)
    );
}

#[test]
fn a_doctored_finding_re_signed_by_the_auditor_is_caught_by_re_derivation() {
    let s = signed();
    let text = std::fs::read_to_string(&s.result).unwrap_or_default();
    let doctored = text.replacen("severity = \"high\"", "severity = \"low\"", 1);
    assert_ne!(doctored, text);
    std::fs::remove_file(&s.result).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&s.result, &doctored).unwrap_or_else(|e| panic!("{e}"));
    let result =
        msgaudit::audit::result::ResultFile::from_toml(&doctored).unwrap_or_else(|e| panic!("{e}"));
    let sig = msgaudit::sign::sign(
        doctored.as_bytes(),
        &msgaudit::sign::secret_key_path(&s.paths.keys_dir()),
        PASSWORD,
        &signoff::trusted_comment(&result),
        "doctored",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&s.signature, sig).unwrap_or_else(|e| panic!("{e}"));
    let v = verify::verify(&s.result, &options(&s));
    assert!(!v.is_valid());
    assert!(
        v.line(msgaudit::lang::Lang::En)
            .contains("does not follow from the answers"),
        "{}",
        v.line(msgaudit::lang::Lang::En)
    );
}

#[test]
fn without_its_checklist_the_signature_still_verifies_with_a_note() {
    let s = signed();
    let opts = Options {
        checklist_dirs: catalog::dirs(None, None),
        ..options(&s)
    };
    let v = verify::verify(&s.result, &opts);
    assert!(v.is_valid(), "{}", v.line(msgaudit::lang::Lang::En));
    assert!(
        v.notes[0]
            .text(msgaudit::lang::Lang::En)
            .contains("not re-derived"),
        "{:?}",
        v.notes
    );
}

#[test]
fn malformed_inputs_give_exit_1_and_a_reason() {
    let s = signed();
    let bin = env!("CARGO_BIN_EXE_msgaudit");
    let run = |args: &[&str]| {
        let out = Command::new(bin)
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .args([
                "--home",
                &s.paths
                    .config_dir()
                    .parent()
                    .unwrap_or(Path::new("."))
                    .display()
                    .to_string(),
            ])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let result = s.result.display().to_string();
    let (code, out) = run(&["verify", &result, "--checklists", "tests/fixtures"]);
    assert_eq!(code, Some(0), "{out}");
    // The fixture leaves two required questions open: verify says so before the signature's verdict.
    assert!(
        out.starts_with(
            "INCOMPLETE – 2 of 6 required questions open\nvalid, signed by Dr. Petra Prüfer"
        ),
        "{out}"
    );
    for (file, content) in [
        (
            &s.signature,
            &b"untrusted comment: x\nnot base64 at all\n"[..],
        ),
        (&s.signature, &b""[..]),
        (&s.result, &b"\xff\xfe binary"[..]),
    ] {
        let keep = std::fs::read(file).unwrap_or_default();
        std::fs::write(file, content).unwrap_or_else(|e| panic!("{e}"));
        let (code, out) = run(&["verify", &result]);
        assert_eq!(code, Some(1), "{out}");
        assert!(out.contains("INVALID: "), "{out}");
        std::fs::write(file, keep).unwrap_or_else(|e| panic!("{e}"));
    }
    let bad_key = s.paths.keys_dir().join("garbage.pub");
    std::fs::write(&bad_key, "garbage").unwrap_or_else(|e| panic!("{e}"));
    let (code, out) = run(&[
        "verify",
        &result,
        "--pubkey",
        &bad_key.display().to_string(),
    ]);
    assert_eq!(
        (code, out.contains("not a minisign public key")),
        (Some(1), true),
        "{out}"
    );
    let (code, out) = run(&["verify", "/nonexistent/result.toml"]);
    assert_eq!(code, Some(1), "{out}");
}

#[test]
fn verify_takes_its_checklist_from_the_cache_and_a_damaged_cache_changes_nothing() {
    let s = signed();
    let home = s
        .paths
        .config_dir()
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let result = s.result.display().to_string();
    let run = || {
        let out = Command::new(env!("CARGO_BIN_EXE_msgaudit"))
            .args([
                "verify",
                &result,
                "--checklists",
                "tests/fixtures",
                "--lang",
                "en",
            ])
            .arg("--home")
            .arg(&home)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let cache_dir = home.join("data/cache/checklists");
    let cached = || -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&cache_dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    };
    let first = run();
    assert_eq!(first.0, Some(0), "{}", first.1);
    assert!(first.1.contains("valid, signed by"), "{}", first.1);
    let files = cached();
    assert!(
        !files.is_empty(),
        "verify kept no checklist in {}",
        cache_dir.display()
    );
    assert_eq!(run(), first, "from the cache");
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).unwrap_or_default())
        .collect();
    let damages: [Damage; 4] = [
        |b| b[..b.len() / 2].to_vec(),
        |b| b.iter().map(|x| x ^ 0x20).collect(),
        |_| b"garbage".to_vec(),
        |_| Vec::new(),
    ];
    for damage in damages {
        for (f, bytes) in files.iter().zip(&originals) {
            std::fs::write(f, damage(bytes)).unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(run(), first, "with a damaged cache");
    }
    // One checklist's entry in another's place is a miss, not that checklist.
    if let [a, b, ..] = &files[..] {
        std::fs::write(a, &originals[1]).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(b, &originals[0]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(run(), first, "with entries swapped");
    }
}

#[test]
#[ignore = "external tool: needs the minisign C tool (Debian package minisign); run with cargo test -- --include-ignored"]
fn external_minisign_accepts_the_signed_result() {
    let s = signed();
    let pubkey = msgaudit::sign::public_key_path(&s.paths.keys_dir());
    let out = Command::new("minisign")
        .arg("-Vm")
        .arg(&s.result)
        .arg("-p")
        .arg(&pubkey)
        .output()
        .unwrap_or_else(|e| panic!("could not run the `minisign` command ({e}). This test needs it: install it (Debian/Ubuntu: `apt-get install minisign`, or `bash .ci/run`) and run the tests again"));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("Trusted comment: msgaudit result audit:"),
        "{text}"
    );
    assert!(text.contains("signer:Dr. Petra Prüfer"), "{text}");
}

/// A result re-signed with a checklist hash of multi-byte characters: verify used to slice the
/// hash by bytes for its note and panicked.
#[test]
fn a_non_ascii_checklist_hash_is_a_note_not_a_panic() {
    let s = signed();
    let text = std::fs::read_to_string(&s.result).unwrap_or_default();
    let result =
        msgaudit::audit::result::ResultFile::from_toml(&text).unwrap_or_else(|e| panic!("{e}"));
    let doctored = text.replacen(&result.checklist.sha256, &"ä".repeat(32), 1);
    assert_ne!(doctored, text);
    std::fs::write(&s.result, &doctored).unwrap_or_else(|e| panic!("{e}"));
    let result =
        msgaudit::audit::result::ResultFile::from_toml(&doctored).unwrap_or_else(|e| panic!("{e}"));
    let sig = msgaudit::sign::sign(
        doctored.as_bytes(),
        &msgaudit::sign::secret_key_path(&s.paths.keys_dir()),
        PASSWORD,
        &signoff::trusted_comment(&result),
        "doctored",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&s.signature, sig).unwrap_or_else(|e| panic!("{e}"));
    let v = verify::verify(&s.result, &options(&s));
    assert!(
        v.notes
            .iter()
            .any(|n| n.text(msgaudit::lang::Lang::En).contains(&"ä".repeat(12))),
        "{} {:?}",
        v.line(msgaudit::lang::Lang::En),
        v.notes
    );
}

/// `verify` on a pipe or a device refuses at once instead of hanging or filling memory.
#[cfg(unix)]
#[test]
fn verify_refuses_pipes_and_devices() {
    let s = signed();
    let v = verify::verify(Path::new("/dev/zero"), &options(&s));
    assert!(!v.is_valid());
    assert!(
        v.line(msgaudit::lang::Lang::En)
            .contains("not a regular file"),
        "{}",
        v.line(msgaudit::lang::Lang::En)
    );
    let fifo = s.result.with_extension("fifo");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo (coreutils) is needed for this test: {e}"));
    assert!(made.success());
    let v = verify::verify(&fifo, &options(&s));
    assert!(
        v.line(msgaudit::lang::Lang::En)
            .contains("not a regular file"),
        "{}",
        v.line(msgaudit::lang::Lang::En)
    );
}
