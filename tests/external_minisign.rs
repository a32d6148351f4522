//! Interoperability (external tool group, ignored by a plain `cargo test`; run it with
//! `cargo test -- --include-ignored`): a signature made by msgaudit must verify with the standard
//! `minisign` command (`minisign -Vm FILE -p PUBKEY`), and fail there too when the file was changed.
//! Requires the `minisign` tool (Debian package `minisign`; `.ci/run` installs it): without it the test
//! fails.

use std::path::Path;
use std::process::{Command, Output};

use msgaudit::sign::{keygen, sign};

const PASSWORD: &str = "interop password";
const TRUSTED: &str = "audit 0001 checklist messenger@1.0.0 signed by Test DPO";

fn run_minisign(args: &[&std::ffi::OsStr]) -> Output {
    match Command::new("minisign").args(args).output() {
        Ok(output) => output,
        Err(e) => panic!(
            "could not run the `minisign` command ({e}). This test needs it: install it \
             (Debian/Ubuntu: `apt-get install minisign` or `bash .ci/run`, macOS: `brew install minisign`) \
             and run the tests again"
        ),
    }
}

fn minisign_verify(file: &Path, public_key: &Path) -> Output {
    run_minisign(&[
        "-Vm".as_ref(),
        file.as_ref(),
        "-p".as_ref(),
        public_key.as_ref(),
    ])
}

#[test]
#[ignore = "external tool: needs the minisign C tool (Debian package minisign); run with cargo test -- --include-ignored"]
fn external_minisign_verifies_our_signature_and_rejects_a_changed_file()
-> Result<(), Box<dyn std::error::Error>> {
    // Fail fast, before the slow key derivation, if the tool is missing.
    run_minisign(&["-v".as_ref()]);
    let tmp = tempfile::tempdir()?;
    let key = keygen(&tmp.path().join("keys"), PASSWORD, false)?;
    let result = tmp.path().join("acme-2025-01-31-0001.result.toml");
    let content = "[audit]\norganisation = \"ACME\"\n\n[signoff]\nname = \"Test DPO\"\n";
    std::fs::write(&result, content)?;
    let signature = sign(
        content.as_bytes(),
        &key.secret_key_path,
        PASSWORD,
        TRUSTED,
        "msgaudit result",
    )?;
    // minisign looks for FILE.minisig beside FILE.
    std::fs::write(
        tmp.path().join("acme-2025-01-31-0001.result.toml.minisig"),
        &signature,
    )?;

    let output = minisign_verify(&result, &key.public_key_path);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "minisign rejected our signature\nstdout: {stdout}\nstderr: {stderr}"
    );
    assert!(
        stdout.contains(&format!("Trusted comment: {TRUSTED}")),
        "stdout: {stdout}"
    );

    // And the standard tool, too, notices a changed result file.
    std::fs::write(&result, content.replace("ACME", "ACNE"))?;
    let output = minisign_verify(&result, &key.public_key_path);
    assert!(
        !output.status.success(),
        "minisign accepted a changed file: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    Ok(())
}
