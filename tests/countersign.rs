//! `msgaudit countersign`: a chain auditor → DPO → management verifies and is shown with names, roles and
//! keys; a removed, reordered or changed link, and a changed result, make `verify` fail naming the link.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::checklist;
use msgaudit::lang::Lang;
use msgaudit::result::chain::{link_signature_path, statement_path};
use msgaudit::sign;
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;

const PASSWORD: &str = "Vertrauen ist gut, Prüfung ist besser";

struct Chain {
    _tmp: tempfile::TempDir,
    /// The auditor's, the DPO's and the management's homes.
    homes: [PathBuf; 3],
    result: PathBuf,
}

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// Each person's public key in the other two homes' trusted-keys folders.
fn trust_each_other(homes: &[PathBuf]) {
    for (i, from) in homes.iter().enumerate() {
        let public = sign::public_key_path(&ok(Paths::under_home(from)).keys_dir());
        for to in homes.iter().filter(|h| *h != from) {
            let dir = ok(Paths::under_home(to)).trusted_keys_dir();
            ok(std::fs::create_dir_all(&dir));
            ok(std::fs::copy(&public, dir.join(format!("person{i}.pub"))));
        }
    }
}

/// A result signed off by the auditor (no counter-signature yet).
fn signed_off() -> Chain {
    let tmp = ok(tempfile::tempdir());
    let homes = ["auditor", "dpo", "management"].map(|n| tmp.path().join(n));
    for home in &homes {
        ok(sign::keygen(
            &ok(Paths::under_home(home)).keys_dir(),
            PASSWORD,
            false,
        ));
    }
    trust_each_other(&homes);
    let paths = ok(Paths::under_home(&homes[0]));
    let c = Arc::new(
        checklist::load(Path::new("tests/fixtures/small.toml")).unwrap_or_else(|d| panic!("{d:?}")),
    );
    let mut s = Session::new(Arc::clone(&c));
    ok(values::apply(&mut s, "email.in_records", &toml::Value::Boolean(false)).map_err(|e| e.en));
    let now = ok(Timestamp::from_second(1_790_000_000));
    let meta = Meta {
        organisation: "Müller KG".into(),
        ..Meta::default()
    };
    let mut d = Draft::new(&c, meta, now);
    d.capture(&s, now);
    let signer = Signer {
        name: "Anna Prüfer".into(),
        role: "Auditorin".into(),
        statement: signoff::default_statement(Lang::De).into(),
    };
    let out = ok(signoff::sign_off(
        &s,
        &d,
        &signer,
        PASSWORD,
        &paths.keys_dir(),
        &paths.results_dir(),
        now,
    ));
    Chain {
        _tmp: tmp,
        homes,
        result: out.result,
    }
}

fn msgaudit(home: &Path, lang: &str, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = ok(Command::new(env!("CARGO_BIN_EXE_msgaudit"))
        .arg("--home")
        .arg(home)
        .args(["--lang", lang, "--checklists", "tests/fixtures"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn());
    if let Some(mut input) = child.stdin.take() {
        // A refused command exits before it reads its input; the pipe it closed is no failure.
        if let Err(e) = input.write_all(stdin.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    let out = ok(child.wait_with_output());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn countersign(chain: &Chain, who: usize, name: &str, role: &str) -> (i32, String, String) {
    let result = chain.result.to_string_lossy().into_owned();
    msgaudit(
        &chain.homes[who],
        "en",
        &["countersign", &result, "--name", name, "--role", role],
        &format!("{PASSWORD}\n"),
    )
}

fn verify(chain: &Chain, lang: &str) -> (i32, String, String) {
    let result = chain.result.to_string_lossy().into_owned();
    msgaudit(&chain.homes[0], lang, &["verify", &result], "")
}

/// The full chain: auditor, DPO, management.
fn three() -> Chain {
    let chain = signed_off();
    let (code, out, err) = countersign(&chain, 1, "Dora Schutz", "DPO");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("wrote counter-signature 1"), "{out}");
    let (code, out, err) = countersign(&chain, 2, "Gerd Führer", "Geschäftsführung");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("wrote counter-signature 2"), "{out}");
    chain
}

#[test]
fn a_chain_of_three_verifies_and_is_shown_in_english_and_german() {
    let chain = three();
    let before = ok(std::fs::read(&chain.result));
    let (code, out, err) = verify(&chain, "en");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("valid, signed by Anna Prüfer (Auditorin)"),
        "{out}"
    );
    assert!(
        out.contains("counter-signature 1: Dora Schutz (DPO) on"),
        "{out}"
    );
    assert!(out.contains("(trusted: trusted-keys/person1.pub)"), "{out}");
    assert!(
        out.contains("counter-signature 2: Gerd Führer (Geschäftsführung) on"),
        "{out}"
    );
    assert!(out.contains("(trusted: trusted-keys/person2.pub)"), "{out}");
    let (code, out, err) = verify(&chain, "de");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Gegenzeichnung 1: Dora Schutz (DPO) am"),
        "{out}"
    );
    assert!(
        out.contains("Gegenzeichnung 2: Gerd Führer (Geschäftsführung) am"),
        "{out}"
    );
    // The result itself was never rewritten.
    assert_eq!(ok(std::fs::read(&chain.result)), before);
}

#[test]
fn removing_the_middle_signature_is_detected() {
    let chain = three();
    ok(std::fs::remove_file(link_signature_path(&chain.result, 1)));
    ok(std::fs::remove_file(statement_path(&chain.result, 1)));
    let (code, out, err) = verify(&chain, "en");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("counter-signature 1: is missing, but counter-signature 2 is there"),
        "{err}"
    );
    let (code, _, err) = verify(&chain, "de");
    assert_eq!(code, 1);
    assert!(
        err.contains("Gegenzeichnung 1: fehlt, aber Gegenzeichnung 2 ist vorhanden"),
        "{err}"
    );
}

/// `summary` lists the folder once for all its results (a `verify::Batch`): the gap is found there too.
#[test]
fn a_summary_of_the_folder_finds_the_removed_middle_signature_too() {
    let chain = three();
    let folder = ok(chain.result.parent().ok_or("no folder")).to_path_buf();
    let folder = folder.to_string_lossy().into_owned();
    let (code, out, err) = msgaudit(&chain.homes[0], "en", &["summary", &folder], "");
    assert_eq!(code, 0, "{out}{err}");
    ok(std::fs::remove_file(link_signature_path(&chain.result, 1)));
    ok(std::fs::remove_file(statement_path(&chain.result, 1)));
    let (code, out, err) = msgaudit(&chain.homes[0], "en", &["summary", &folder], "");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("counter-signature 1: is missing, but counter-signature 2 is there"),
        "{err}"
    );
}

#[test]
fn renumbering_the_last_signature_into_the_gap_is_detected() {
    let chain = three();
    let r = &chain.result;
    ok(std::fs::remove_file(link_signature_path(r, 1)));
    ok(std::fs::remove_file(statement_path(r, 1)));
    ok(std::fs::rename(
        link_signature_path(r, 2),
        link_signature_path(r, 1),
    ));
    ok(std::fs::rename(statement_path(r, 2), statement_path(r, 1)));
    let (code, out, err) = verify(&chain, "en");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("counter-signature 1: was signed as counter-signature 2"),
        "{err}"
    );
}

#[test]
fn reordering_the_signatures_is_detected() {
    let chain = three();
    let r = &chain.result;
    let tmp = |p: PathBuf| {
        let mut s = p.into_os_string();
        s.push(".tmp");
        PathBuf::from(s)
    };
    for file in [statement_path, link_signature_path] {
        ok(std::fs::rename(file(r, 1), tmp(file(r, 1))));
        ok(std::fs::rename(file(r, 2), file(r, 1)));
        ok(std::fs::rename(tmp(file(r, 1)), file(r, 2)));
    }
    let (code, out, err) = verify(&chain, "en");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(
            "counter-signature 1: was signed as counter-signature 2: the chain was reordered"
        ),
        "{err}"
    );
}

#[test]
fn a_changed_statement_or_earlier_signature_is_detected() {
    let chain = three();
    let statement = statement_path(&chain.result, 1);
    let original = ok(std::fs::read_to_string(&statement));
    ok(std::fs::write(&statement, original.replace("DPO", "CEO")));
    let (code, _, err) = verify(&chain, "en");
    assert_eq!(code, 1);
    assert!(err.contains("counter-signature 1: "), "{err}");
    ok(std::fs::write(&statement, &original));
    assert_eq!(verify(&chain, "en").0, 0, "restored");
    // The untrusted comment is not signed, but the next link hashes the whole file.
    let sig = link_signature_path(&chain.result, 1);
    let text = ok(std::fs::read_to_string(&sig));
    ok(std::fs::write(
        &sig,
        text.replacen("counter-signature", "changed", 1),
    ));
    let (code, _, err) = verify(&chain, "en");
    assert_eq!(code, 1);
    assert!(
        err.contains("counter-signature 2: does not name exactly the signatures before it"),
        "{err}"
    );
}

#[test]
fn a_changed_result_fails_and_is_not_countersigned() {
    let chain = signed_off();
    let text = ok(std::fs::read_to_string(&chain.result));
    ok(std::fs::write(
        &chain.result,
        text.replace("Anna Prüfer", "Anna Pruefer"),
    ));
    let (code, _, err) = countersign(&chain, 1, "Dora Schutz", "DPO");
    assert_eq!(code, 1);
    assert!(
        err.contains("not countersigned, because the result is not valid"),
        "{err}"
    );
    assert!(!link_signature_path(&chain.result, 1).exists());
    assert!(!statement_path(&chain.result, 1).exists());
    assert_eq!(verify(&chain, "en").0, 1);
}

#[test]
fn a_changed_result_breaks_a_verified_chain() {
    let chain = three();
    let text = ok(std::fs::read_to_string(&chain.result));
    ok(std::fs::write(
        &chain.result,
        text.replace("Müller", "Mueller"),
    ));
    let (code, _, err) = verify(&chain, "en");
    assert_eq!(code, 1);
    assert!(err.contains("INVALID"), "{err}");
}

#[test]
fn a_key_of_the_chain_cannot_countersign_again() {
    let chain = signed_off();
    let (code, _, err) = countersign(&chain, 0, "Anna Prüfer", "Auditorin");
    assert_ne!(code, 0);
    assert!(err.contains("has signed this result already"), "{err}");
    assert!(!link_signature_path(&chain.result, 1).exists());
    assert_eq!(countersign(&chain, 1, "Dora Schutz", "DPO").0, 0);
    let (code, _, err) = countersign(&chain, 1, "Dora Schutz", "DPO");
    assert_ne!(code, 0);
    assert!(err.contains("has signed this result already"), "{err}");
    assert!(!link_signature_path(&chain.result, 2).exists());
}

/// Refusals that need no password come before the password prompt: with no password to read at all, the
/// reason is still the key that signed already (not "no password").
#[test]
fn a_key_that_signed_already_is_refused_before_the_password_is_asked() {
    let chain = signed_off();
    let result = chain.result.to_string_lossy().into_owned();
    let (code, _, err) = msgaudit(
        &chain.homes[0],
        "en",
        &[
            "countersign",
            &result,
            "--name",
            "Anna Prüfer",
            "--role",
            "DPO",
        ],
        "",
    );
    assert_ne!(code, 0);
    assert!(err.contains("has signed this result already"), "{err}");
    assert!(!err.contains("password"), "{err}");
}

#[test]
fn a_statement_left_without_its_signature_makes_way() {
    let chain = signed_off();
    ok(std::fs::write(
        statement_path(&chain.result, 1),
        "interrupted",
    ));
    assert_eq!(
        verify(&chain, "en").0,
        0,
        "an unsigned statement is no link"
    );
    let (code, out, err) = countersign(&chain, 1, "Dora Schutz", "DPO");
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = verify(&chain, "en");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("counter-signature 1: Dora Schutz (DPO)"),
        "{out}"
    );
}

#[test]
fn an_empty_name_is_refused() {
    let chain = signed_off();
    let (code, _, err) = countersign(&chain, 1, "  ", "DPO");
    assert_ne!(code, 0);
    assert!(err.contains("the name is empty"), "{err}");
    assert!(!link_signature_path(&chain.result, 1).exists());
}

fn minisign(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new("minisign").args(args).output().unwrap_or_else(|e| {
        panic!(
            "could not run the `minisign` command ({e}). This test needs it: install it \
             (Debian/Ubuntu: `apt-get install minisign` or `bash .ci/run`, macOS: `brew install minisign`) \
             and run the tests again"
        )
    })
}

/// Each link with the standard tool alone, exactly as docs/countersign.md says:
/// `minisign -Vm NAME.result.toml.cs<k> -x NAME.result.toml.cs<k>.minisig -p KEY.pub`; and the
/// statement's hashes are the files' `sha256sum`.
#[test]
#[ignore = "external tool: needs the minisign C tool (Debian package minisign); run with cargo test -- --include-ignored"]
fn external_minisign_verifies_each_link_of_the_chain() {
    minisign(&["-v".as_ref()]);
    let chain = three();
    let public =
        |who: usize| sign::public_key_path(&ok(Paths::under_home(&chain.homes[who])).keys_dir());
    let base = minisign(&[
        "-Vm".as_ref(),
        chain.result.as_os_str(),
        "-p".as_ref(),
        public(0).as_os_str(),
    ]);
    assert!(base.status.success(), "{base:?}");
    for (index, who, role) in [(1, 1, "role:DPO"), (2, 2, "role:Geschäftsführung")] {
        let statement = statement_path(&chain.result, index);
        let signature = link_signature_path(&chain.result, index);
        let args = |key: &Path| {
            let out = minisign(&[
                "-Vm".as_ref(),
                statement.as_os_str(),
                "-x".as_ref(),
                signature.as_os_str(),
                "-p".as_ref(),
                key.as_os_str(),
            ]);
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
            )
        };
        let (success, stdout) = args(&public(who));
        assert!(success, "link {index}: {stdout}");
        assert!(
            stdout.contains(&format!("msgaudit countersignature {index} of "))
                && stdout.contains(role),
            "{stdout}"
        );
        // Another person's key does not vouch for this link.
        assert!(
            !args(&public(0)).0,
            "link {index} verified with the auditor's key"
        );
    }
    // The hashes in the last statement are those of the files, as sha256sum prints them.
    let text = ok(std::fs::read_to_string(statement_path(&chain.result, 2)));
    for file in [
        chain.result.clone(),
        msgaudit::result::signature_path(&chain.result),
        link_signature_path(&chain.result, 1),
    ] {
        let sha = msgaudit::result::chain::sha256(&ok(std::fs::read(&file)));
        assert!(text.contains(&format!("sha256:{sha}\n")), "{text}");
    }
}
