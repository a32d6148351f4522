//! Fault injection for sign-off: an error or a kill at every file-system step leaves a results
//! folder from which the next sign-off of the same audit completes with exactly one valid pair;
//! and the states older versions (or an interrupted archive) left behind are settled too.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::audit::values;
use crate::audit::{Meta, Session};
use crate::lang::Lang;
use crate::sign::test_support::{PASSWORD, fixture};
use crate::store::fsops::fault::{Fault, FaultFs};

fn session_and_draft(in_records: bool) -> (Session, Draft) {
    let c = Arc::new(crate::checklist::load(Path::new("tests/fixtures/small.toml")).unwrap());
    let mut s = Session::new(Arc::clone(&c));
    let v = toml::Value::Array(vec!["orders".into()]);
    values::apply(&mut s, "email.processes", &v).unwrap();
    values::apply(&mut s, "email.in_records", &in_records.into()).unwrap();
    let meta = Meta {
        organisation: "Bäckerei".into(),
        unit: "Vertrieb".into(),
        interviewees: String::new(),
        auditor: "P".into(),
        audit_date: None,
        lang: Lang::De,
    };
    let now = Timestamp::from_second(1_790_000_000).unwrap();
    let mut d = Draft::new(&c, meta, now);
    d.audit_id = "0badc0de".into();
    d.capture(&s, now);
    (s, d)
}

fn prepared_at(in_records: bool, second: i64) -> Prepared {
    let (s, d) = session_and_draft(in_records);
    let signer = Signer {
        name: "Petra".into(),
        role: "DSB".into(),
        statement: "ok".into(),
    };
    let keys = fixture().key.secret_key_path.parent().unwrap();
    prepare(
        &s,
        &d,
        &signer,
        PASSWORD,
        keys,
        Timestamp::from_second(second).unwrap(),
    )
    .unwrap()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Exactly one result and its signature, and they verify.
fn assert_one_valid_pair(dir: &Path, p: &Prepared, context: &str) {
    let names = names_in(dir);
    assert_eq!(names.len(), 2, "{context}: {names:?}");
    let result = fs::read(dir.join(&names[0])).unwrap();
    let sig = fs::read_to_string(dir.join(&names[1])).unwrap();
    assert_eq!(names[1], format!("{}.minisig", names[0]), "{context}");
    sign::verify(&result, &sig, &p.public_key).unwrap_or_else(|e| panic!("{context}: {e}"));
}

#[test]
fn an_error_or_a_kill_at_any_step_is_settled_by_the_next_sign_off() {
    let p = prepared_at(false, 1_790_000_000);
    let steps = {
        let tmp = tempfile::tempdir().unwrap();
        let fs = FaultFs::counting();
        commit(&fs, &p, tmp.path()).unwrap();
        assert_one_valid_pair(tmp.path(), &p, "clean run");
        fs.steps()
    };
    assert!(
        steps >= 5,
        "two temp files, two links, folder sync: {steps}"
    );
    for fault in [Fault::Error, Fault::Kill] {
        for at in 0..steps {
            let context = format!("{fault:?} at step {at}");
            let tmp = tempfile::tempdir().unwrap();
            let first = commit(&FaultFs::new(at, fault), &p, tmp.path());
            // Never a result without its valid signature, whatever the fault.
            for name in names_in(tmp.path()) {
                if name.ends_with(".result.toml") {
                    let sig = tmp.path().join(format!("{name}.minisig"));
                    let sig = fs::read_to_string(sig).unwrap();
                    let bytes = fs::read(tmp.path().join(&name)).unwrap();
                    sign::verify(&bytes, &sig, &p.public_key).unwrap();
                }
            }
            // The next sign-off, even on another day, finishes with exactly one valid pair.
            let again = prepared_at(false, 1_790_000_000 + 86_400);
            let signed = commit(&RealFs, &again, tmp.path()).unwrap_or_else(|e| {
                panic!("{context}: {e}");
            });
            assert_one_valid_pair(tmp.path(), &p, &context);
            assert!(signed.result.is_file(), "{context}");
            if let Ok(first) = first {
                assert_eq!(first.result, signed.result, "{context}: done is done");
            }
        }
    }
}

/// Faults while clearing what an earlier attempt left are settled by the run after, too.
#[test]
fn an_error_or_a_kill_while_settling_leftovers_is_settled_next_time() {
    let p = prepared_at(false, 1_790_000_000);
    let leave_leftovers = |dir: &Path| {
        fs::write(dir.join(&p.name), &p.bytes).unwrap();
        fs::write(
            dir.join(format!(".{}.minisig.4242-0.tmp", p.name)),
            &p.signature,
        )
        .unwrap();
        fs::write(dir.join("x-2026-01-01-0badc0de.result.toml.minisig"), "sig").unwrap();
    };
    let steps = {
        let tmp = tempfile::tempdir().unwrap();
        leave_leftovers(tmp.path());
        let fs = FaultFs::counting();
        commit(&fs, &p, tmp.path()).unwrap();
        assert_one_valid_pair(tmp.path(), &p, "clean run");
        fs.steps()
    };
    for fault in [Fault::Error, Fault::Kill] {
        for at in 0..steps {
            let context = format!("{fault:?} at step {at}");
            let tmp = tempfile::tempdir().unwrap();
            leave_leftovers(tmp.path());
            let _ = commit(&FaultFs::new(at, fault), &p, tmp.path());
            commit(&RealFs, &prepared_at(false, 1_790_000_060), tmp.path())
                .unwrap_or_else(|e| panic!("{context}: {e}"));
            assert_one_valid_pair(tmp.path(), &p, &context);
        }
    }
}

#[test]
fn what_older_versions_left_is_replaced() {
    let p = prepared_at(false, 1_790_000_000);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // An unsigned result (killed before the signature was written) and a temp file holding a
    // valid signature: the state that blocked the rest of the day before.
    fs::write(dir.join(&p.name), &p.bytes).unwrap();
    let stale = format!(".{}.minisig.4242-0.tmp", p.name);
    fs::write(dir.join(&stale), &p.signature).unwrap();
    // A signature of this audit whose result is gone, and files of another audit.
    fs::write(dir.join("x-2026-01-01-0badc0de.result.toml.minisig"), "sig").unwrap();
    fs::write(dir.join("x-2026-01-01-12345678.result.toml"), "other").unwrap();
    let signed = commit(&RealFs, &prepared_at(false, 1_790_000_100), dir).unwrap();
    assert_eq!(
        names_in(dir),
        [
            p.name.clone(),
            format!("{}.minisig", p.name),
            "x-2026-01-01-12345678.result.toml".to_string(),
        ]
    );
    let sig = fs::read_to_string(&signed.signature).unwrap();
    sign::verify(&fs::read(&signed.result).unwrap(), &sig, &p.public_key).unwrap();
}

#[test]
fn a_signed_but_unarchived_audit_is_recognised_as_done() {
    let tmp = tempfile::tempdir().unwrap();
    let first = commit(&RealFs, &prepared_at(false, 1_790_000_000), tmp.path()).unwrap();
    let before = fs::read(&first.result).unwrap();
    // Signing off the same answers again, a day later: the earlier pair stands, nothing new.
    let again = commit(&RealFs, &prepared_at(false, 1_790_090_000), tmp.path()).unwrap();
    assert_eq!(again, first);
    assert_eq!(fs::read(&first.result).unwrap(), before);
    assert_eq!(names_in(tmp.path()).len(), 2);
    // Changed answers: the signed result is kept and the conflict named.
    let err = commit(&RealFs, &prepared_at(true, 1_790_090_000), tmp.path()).unwrap_err();
    assert!(matches!(err, SignOffError::SignedBefore { .. }), "{err}");
    assert!(
        err.to_string().contains("changed after it was signed"),
        "{err}"
    );
    assert_eq!(fs::read(&first.result).unwrap(), before);
}

#[test]
fn a_tampered_earlier_pair_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let first = commit(&RealFs, &prepared_at(false, 1_790_000_000), tmp.path()).unwrap();
    fs::write(&first.result, "tampered").unwrap();
    let err = commit(&RealFs, &prepared_at(false, 1_790_000_000), tmp.path()).unwrap_err();
    assert!(err.to_string().contains("not valid"), "{err}");
    assert_eq!(fs::read(&first.result).unwrap(), b"tampered");
}

#[test]
fn a_secret_key_of_another_pair_is_refused_before_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let keys = tmp.path().join("keys");
    fs::create_dir(&keys).unwrap();
    let k = &fixture().key;
    fs::copy(&k.secret_key_path, sign::secret_key_path(&keys)).unwrap();
    // The public key of another pair, as a half-done `keygen --force` used to leave it.
    let other = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let other = sign::PublicKey::from_base64(&other.pk.to_base64()).unwrap();
    fs::write(sign::public_key_path(&keys), other.to_file_content()).unwrap();
    let (s, d) = session_and_draft(false);
    let signer = Signer {
        name: "Petra".into(),
        role: String::new(),
        statement: String::new(),
    };
    let results = tmp.path().join("results");
    let err = sign_off(&s, &d, &signer, PASSWORD, &keys, &results, Timestamp::now()).unwrap_err();
    assert!(
        matches!(err, SignOffError::Sign(SignError::PairMismatch { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("keygen --force"), "{err}");
    assert!(!results.exists());
}

/// The file is named by the day the audit was held, not by the UTC day of signing: an audit held on
/// 20 September and signed just after midnight in Germany (still the 19th in UTC) is named the 20th.
#[test]
fn a_result_is_named_by_its_audit_date() {
    let (_, mut d) = session_and_draft(true);
    d.meta.organisation = "Bäckerei Müller".into();
    let just_after_midnight: Timestamp = "2026-09-19T22:30:00Z".parse().unwrap();
    d.meta.audit_date = Some(jiff::civil::date(2026, 9, 20));
    assert_eq!(
        super::result_file_name(&d, just_after_midnight),
        format!("baeckerei-mueller-2026-09-20-{}.result.toml", d.audit_id)
    );
    // Without an audit date (drafts from before it was asked), the day of signing in UTC.
    d.meta.audit_date = None;
    assert_eq!(
        super::result_file_name(&d, just_after_midnight),
        format!("baeckerei-mueller-2026-09-19-{}.result.toml", d.audit_id)
    );
}
