//! `verify` names the key that vouched for a result (own, which trusted-keys file, or --pubkey), tries
//! every key that carries the signature's key id, and compares every field of the trusted comment with
//! the result file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ct_codecs::{Base64, Decoder, Encoder};
use jiff::Timestamp;
use msgaudit::audit::draft::Draft;
use msgaudit::audit::result::ResultFile;
use msgaudit::audit::{Meta, Session, values};
use msgaudit::catalog::Origin;
use msgaudit::checklist;
use msgaudit::lang::Lang;
use msgaudit::result::verify::{self, KeySource, Options};
use msgaudit::sign::{self, PublicKey};
use msgaudit::signoff::{self, Signer};
use msgaudit::store::Paths;

const PASSWORD: &str = "Vertrauen ist gut, Prüfung ist besser";

struct Signed {
    /// Kept so that the folder lives as long as the setup.
    home: tempfile::TempDir,
    paths: Paths,
    result: PathBuf,
    signature: PathBuf,
}

fn signed() -> Signed {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let paths = Paths::under_home(home.path()).unwrap_or_else(|e| panic!("{e}"));
    sign::keygen(&paths.keys_dir(), PASSWORD, false).unwrap_or_else(|e| panic!("{e}"));
    let c = Arc::new(
        checklist::load(Path::new("tests/fixtures/small.toml")).unwrap_or_else(|d| panic!("{d:?}")),
    );
    let mut s = Session::new(Arc::clone(&c));
    values::apply(&mut s, "email.in_records", &toml::Value::Boolean(false))
        .unwrap_or_else(|e| panic!("{e:?}"));
    let now = Timestamp::from_second(1_790_000_000).unwrap_or_else(|e| panic!("{e}"));
    let meta = Meta {
        organisation: "Müller KG".into(),
        ..Meta::default()
    };
    let mut d = Draft::new(&c, meta, now);
    d.capture(&s, now);
    let signer = Signer {
        name: "Anna Müller".into(),
        role: "DSB".into(),
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
    Signed {
        home,
        paths,
        result: out.result,
        signature: out.signature,
    }
}

/// Verification as someone else: no own key, only the trusted-keys folder of `home`.
fn as_stranger(home: &Path) -> Options {
    Options {
        evidence_dir: None,
        pubkey: None,
        checklist_dirs: vec![(Origin::Extra, PathBuf::from("tests/fixtures"))],
        paths: Some(Paths::under_home(home).unwrap_or_else(|e| panic!("{e}"))),
    }
}

fn own_public(s: &Signed) -> PublicKey {
    PublicKey::from_file(&sign::public_key_path(&s.paths.keys_dir()))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A public key file with the key id of `id_of` but the key bytes of a fresh, unrelated pair.
fn impostor_of(id_of: &PublicKey) -> String {
    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let k = sign::keygen(other.path(), "impostor", false).unwrap_or_else(|e| panic!("{e}"));
    let theirs = PublicKey::from_file(&k.public_key_path).unwrap_or_else(|e| panic!("{e}"));
    let decode = |k: &PublicKey| {
        Base64::decode_to_vec(k.to_base64(), None).unwrap_or_else(|e| panic!("{e:?}"))
    };
    // Ed (2 bytes), key id (8), Ed25519 key (32).
    let mut bytes = decode(&theirs);
    bytes[2..10].copy_from_slice(&decode(id_of)[2..10]);
    let line = Base64::encode_to_string(&bytes).unwrap_or_else(|e| panic!("{e:?}"));
    let forged = PublicKey::from_base64(&line).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(forged.key_id(), id_of.key_id());
    assert_ne!(&forged, id_of);
    forged.to_file_content()
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_valid_line_names_the_own_key() {
    let s = signed();
    let opts = Options {
        checklist_dirs: vec![(Origin::Extra, PathBuf::from("tests/fixtures"))],
        ..as_stranger(s.home.path())
    };
    let v = verify::verify(&s.result, &opts);
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    assert!(matches!(v.vouched_by, Some(KeySource::Own(_))));
    assert!(
        v.line(Lang::En).ends_with("(own key)"),
        "{}",
        v.line(Lang::En)
    );
    assert!(
        v.line(Lang::De).ends_with("(eigener Schlüssel)"),
        "{}",
        v.line(Lang::De)
    );
}

#[test]
fn the_valid_line_names_the_trusted_file_and_the_given_file() {
    let s = signed();
    let verifier = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let opts = as_stranger(verifier.path());
    let trusted = opts
        .paths
        .as_ref()
        .map(Paths::trusted_keys_dir)
        .unwrap_or_default();
    write(
        &trusted.join("mueller.pub"),
        &own_public(&s).to_file_content(),
    );
    let v = verify::verify(&s.result, &opts);
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    let line = v.line(Lang::En);
    assert!(
        line.ends_with("(trusted: trusted-keys/mueller.pub)")
            || line.ends_with("(trusted: trusted-keys\\mueller.pub)"),
        "{line}"
    );
    assert!(
        v.line(Lang::De).contains("(vertrauenswürdig: trusted-keys"),
        "{}",
        v.line(Lang::De)
    );

    let given = verifier.path().join("anna.pub");
    write(&given, &own_public(&s).to_file_content());
    let v = verify::verify(
        &s.result,
        &Options {
            pubkey: Some(given.clone()),
            ..as_stranger(verifier.path())
        },
    );
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    assert_eq!(v.vouched_by, Some(KeySource::Given(given.clone())));
    assert!(
        v.line(Lang::En)
            .ends_with(&format!("(--pubkey {})", given.display())),
        "{}",
        v.line(Lang::En)
    );
}

#[test]
fn a_second_key_with_the_same_id_does_not_make_a_genuine_result_fail() {
    let s = signed();
    let verifier = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let opts = as_stranger(verifier.path());
    let trusted = opts
        .paths
        .as_ref()
        .map(Paths::trusted_keys_dir)
        .unwrap_or_default();
    let genuine = own_public(&s);
    // Sorted before the genuine file, so it is tried first.
    write(&trusted.join("a-impostor.pub"), &impostor_of(&genuine));
    write(&trusted.join("mueller.pub"), &genuine.to_file_content());
    let v = verify::verify(&s.result, &opts);
    assert!(v.is_valid(), "{}", v.line(Lang::En));
    assert_eq!(
        v.vouched_by,
        Some(KeySource::Trusted(trusted.join("mueller.pub")))
    );

    // Only keys that do not verify: named, with the count, and no claim of certainty.
    std::fs::remove_file(trusted.join("mueller.pub")).unwrap_or_else(|e| panic!("{e}"));
    write(&trusted.join("b-impostor.pub"), &impostor_of(&genuine));
    let v = verify::verify(&s.result, &opts);
    assert!(!v.is_valid());
    let line = v.line(Lang::En);
    assert!(line.contains("none of the 2 keys with id"), "{line}");
    assert!(
        line.contains("a-impostor.pub") && line.contains("b-impostor.pub"),
        "{line}"
    );
    assert!(
        v.line(Lang::De).contains("keiner der 2 Schlüssel"),
        "{}",
        v.line(Lang::De)
    );

    // A single key that does not verify: the file (or signature) was changed.
    std::fs::remove_file(trusted.join("b-impostor.pub")).unwrap_or_else(|e| panic!("{e}"));
    let v = verify::verify(&s.result, &opts);
    assert!(!v.is_valid());
    assert!(
        v.line(Lang::En).contains("was changed"),
        "{}",
        v.line(Lang::En)
    );
}

/// Re-sign the result's exact bytes with the auditor's own key, but with `comment`.
fn resign_with_comment(s: &Signed, comment: &str) {
    let bytes = std::fs::read(&s.result).unwrap_or_else(|e| panic!("{e}"));
    let sig = sign::sign(
        &bytes,
        &sign::secret_key_path(&s.paths.keys_dir()),
        PASSWORD,
        comment,
        "re-signed",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&s.signature, sig).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_field_of_the_trusted_comment_is_checked() {
    let s = signed();
    let opts = as_stranger(s.home.path());
    assert!(verify::verify(&s.result, &opts).is_valid());
    let text = std::fs::read_to_string(&s.result).unwrap_or_else(|e| panic!("{e}"));
    let result = ResultFile::from_toml(&text).unwrap_or_else(|e| panic!("{e}"));
    let good = signoff::trusted_comment(&result);
    resign_with_comment(&s, &good);
    assert!(
        verify::verify(&s.result, &opts).is_valid(),
        "the same comment again"
    );

    let fields = signoff::trusted_comment_fields(&result);
    let with = |i: usize, value: &str| {
        let mut f = fields.clone();
        f[i].1 = value.to_string();
        let joined: Vec<String> = f.iter().map(|(n, v)| format!("{n}:{v}")).collect();
        format!("{}{}", signoff::COMMENT_KIND, joined.join(" "))
    };
    let cases = [
        (with(0, "00000000"), "names a different audit"),
        (with(1, "small@9.9"), "a different checklist"),
        (with(2, "Eve Mallory"), "a different signer"),
        // A name that imitates the next field: refused either way.
        (with(2, "Anna Müller signed:x"), "than the result file"),
        (
            with(3, "2030-01-01T00:00:00Z"),
            "a different time of signing",
        ),
        (format!("{good} extra"), "a different time of signing"),
        (
            good.replacen("msgaudit result", "msgaudit draft", 1),
            "not that of a msgaudit result",
        ),
        ("anything".to_string(), "not that of a msgaudit result"),
    ];
    for (comment, expected) in cases {
        resign_with_comment(&s, &comment);
        let v = verify::verify(&s.result, &opts);
        assert!(!v.is_valid(), "{comment}");
        assert!(
            v.line(Lang::En).contains(expected),
            "{comment}: {}",
            v.line(Lang::En)
        );
        assert!(
            v.line(Lang::De)
                .starts_with("UNGÜLTIG: der vertrauenswürdige Kommentar"),
            "{}",
            v.line(Lang::De)
        );
    }
}

#[cfg(unix)]
#[test]
fn paths_in_reasons_are_escaped() {
    let s = signed();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let hostile = dir.path().join("evil\u{1b}]0;x\u{7}.result.toml");
    std::fs::copy(&s.result, &hostile).unwrap_or_else(|e| panic!("{e}"));
    let v = verify::verify(&hostile, &as_stranger(s.home.path()));
    let line = v.line(Lang::En);
    assert!(!v.is_valid());
    assert!(line.contains("evil\\u{1b}]0;x\\u{7}"), "{line}");
    assert!(!line.contains('\u{1b}'), "{line}");
}
