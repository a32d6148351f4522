//! Attaching, removing and carrying evidence, with an error or a kill injected at every file-system
//! step of the copy: the draft never names a file that is not there complete, and the next attach works.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::audit::Meta;
use crate::store::Paths;
use crate::store::fsops::fault::{Fault, FaultFs};

fn draft() -> Draft {
    let c = Arc::new(
        crate::checklist::load(
            &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.toml"),
        )
        .unwrap(),
    );
    Draft::new(&c, Meta::default(), Timestamp::UNIX_EPOCH)
}

fn names(dir: &Path) -> Vec<String> {
    let mut n = copy::names_in(dir);
    n.sort();
    n
}

#[test]
fn attach_copies_hashes_and_records_then_detach_removes() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::under_home(home.path()).unwrap();
    let src = home.path().join("Übersicht.pdf");
    std::fs::write(&src, b"%PDF evidence").unwrap();
    let mut ws = Workspace::new(&paths);
    let mut d = draft();
    let e = attach(
        &mut ws,
        &mut d,
        "email.staff",
        &src,
        " Liste ",
        Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    assert_eq!(e.file, "Uebersicht.pdf");
    assert_eq!(e.name, "Übersicht.pdf");
    assert_eq!(e.caption, "Liste");
    assert_eq!(e.size, 13);
    assert_eq!(e.sha256, hash_file(&src).unwrap().sha256);
    let again = attach(
        &mut ws,
        &mut d,
        "email.staff",
        &src,
        "",
        Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    assert_eq!(again.file, "Uebersicht-2.pdf");
    let folder = draft_folder(&ws.path_for(&d.audit_id));
    assert_eq!(names(&folder), ["Uebersicht-2.pdf", "Uebersicht.pdf"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&folder.join("Uebersicht.pdf")), 0o600);
    }
    // The draft on disk lists both.
    let on_disk = crate::store::drafts::read(&ws.path_for(&d.audit_id)).unwrap();
    assert_eq!(on_disk.evidence, d.evidence);
    let gone = detach(&mut ws, &mut d, "email.staff", 1).unwrap();
    assert_eq!(gone.file, "Uebersicht.pdf");
    assert_eq!(names(&folder), ["Uebersicht-2.pdf"]);
    assert!(matches!(
        detach(&mut ws, &mut d, "email.staff", 2),
        Err(EvidenceError::NoSuchFile { number: 2 })
    ));
    assert_eq!(of_question(&d.evidence, "email.staff").count(), 1);
}

#[test]
fn a_folder_or_a_missing_file_is_refused_and_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::under_home(home.path()).unwrap();
    let mut ws = Workspace::new(&paths);
    let mut d = draft();
    let err = attach(
        &mut ws,
        &mut d,
        "email.staff",
        home.path(),
        "",
        Timestamp::UNIX_EPOCH,
    )
    .unwrap_err();
    assert!(matches!(err, EvidenceError::NotAFile { .. }), "{err}");
    assert!(err.text(Lang::De).contains("keine gewöhnliche Datei"));
    let err = attach(
        &mut ws,
        &mut d,
        "email.staff",
        &home.path().join("nope.pdf"),
        "",
        Timestamp::UNIX_EPOCH,
    )
    .unwrap_err();
    assert!(matches!(err, EvidenceError::Read { .. }), "{err}");
    assert!(d.evidence.is_empty());
    assert!(names(&draft_folder(&ws.path_for(&d.audit_id))).is_empty());
}

/// An error or a kill at each step of the copy: afterwards the draft names no evidence, no file sits
/// under a stored name, and the next attach (which clears a killed copy's temp file) succeeds.
#[test]
fn an_error_or_a_kill_at_any_step_of_the_copy_leaves_no_half_evidence() {
    let steps = {
        let home = tempfile::tempdir().unwrap();
        let paths = Paths::under_home(home.path()).unwrap();
        let src = home.path().join("scan.png");
        std::fs::write(&src, vec![7u8; 40_000]).unwrap();
        let mut ws = Workspace::new(&paths);
        let mut d = draft();
        let fs = FaultFs::counting();
        attach_in(
            &fs,
            &mut ws,
            &mut d,
            "email.staff",
            &src,
            "",
            Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        fs.steps()
    };
    assert!(steps >= 3, "copy, rename, sync");
    for fault in [Fault::Error, Fault::Kill] {
        for at in 0..steps {
            let home = tempfile::tempdir().unwrap();
            let paths = Paths::under_home(home.path()).unwrap();
            let src = home.path().join("scan.png");
            std::fs::write(&src, vec![7u8; 40_000]).unwrap();
            let mut ws = Workspace::new(&paths);
            let mut d = draft();
            let fs = FaultFs::new(at, fault);
            let r = attach_in(
                &fs,
                &mut ws,
                &mut d,
                "email.staff",
                &src,
                "",
                Timestamp::UNIX_EPOCH,
            );
            assert!(r.is_err(), "{fault:?} {at}");
            assert!(d.evidence.is_empty(), "{fault:?} {at}");
            let folder = draft_folder(&ws.path_for(&d.audit_id));
            let stored: Vec<String> = names(&folder)
                .into_iter()
                .filter(|n| !n.ends_with(".tmp"))
                .collect();
            // Killed after the rename: the copy is complete but unused (the draft never named it).
            for n in &stored {
                assert_eq!(
                    hash_file(&folder.join(n)).unwrap(),
                    hash_file(&src).unwrap(),
                    "{fault:?} {at}"
                );
            }
            let on_disk = crate::store::drafts::read(&ws.path_for(&d.audit_id)).unwrap();
            assert!(on_disk.evidence.is_empty(), "{fault:?} {at}");
            let e = attach(
                &mut ws,
                &mut d,
                "email.staff",
                &src,
                "",
                Timestamp::UNIX_EPOCH,
            )
            .unwrap();
            assert_eq!(hash_file(&folder.join(&e.file)).unwrap().size, 40_000);
            assert!(
                !names(&folder).iter().any(|n| n.ends_with(".tmp")),
                "{fault:?} {at}: {:?}",
                names(&folder)
            );
        }
    }
}

#[test]
fn carrying_checks_every_copy_and_is_all_or_nothing() {
    let home = tempfile::tempdir().unwrap();
    let paths = Paths::under_home(home.path()).unwrap();
    let src = home.path().join("a.txt");
    std::fs::write(&src, b"one").unwrap();
    let mut ws = Workspace::new(&paths);
    let mut d = draft();
    attach(
        &mut ws,
        &mut d,
        "email.staff",
        &src,
        "",
        Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    attach(
        &mut ws,
        &mut d,
        "email.staff",
        &src,
        "",
        Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    let from = draft_folder(&ws.path_for(&d.audit_id));
    let results = home.path().join("results");
    std::fs::create_dir(&results).unwrap();
    let steps = {
        let fs = FaultFs::counting();
        let out = carry(&fs, &from, &d.evidence, &results, "x")
            .unwrap()
            .unwrap();
        assert_eq!(names(&out), ["a-2.txt", "a.txt"]);
        std::fs::remove_dir_all(&out).unwrap();
        fs.steps()
    };
    for at in 0..steps {
        let fs = FaultFs::new(at, Fault::Error);
        assert!(
            carry(&fs, &from, &d.evidence, &results, "x").is_err(),
            "{at}"
        );
        assert!(names(&results).is_empty(), "{at}: {:?}", names(&results));
    }
    // A copy changed in the draft's folder is refused at sign-off.
    std::fs::write(from.join("a-2.txt"), b"One").unwrap();
    let err = carry(&RealFs, &from, &d.evidence, &results, "x").unwrap_err();
    assert!(
        matches!(err, EvidenceError::Changed { ref file, .. } if file == "a-2.txt"),
        "{err}"
    );
    assert!(names(&results).is_empty());
}

#[test]
fn completion_extends_the_last_component() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("protokoll-1.pdf"), b"").unwrap();
    std::fs::write(dir.path().join("protokoll-2.pdf"), b"").unwrap();
    std::fs::create_dir(dir.path().join("scans")).unwrap();
    std::fs::write(dir.path().join(".hidden"), b"").unwrap();
    let base = format!("{}/", dir.path().display());
    let (c, names) = complete(&format!("{base}pr"), 10);
    assert_eq!(c, format!("{base}protokoll-"));
    assert_eq!(names, ["protokoll-1.pdf", "protokoll-2.pdf"]);
    let (c, names) = complete(&format!("{base}s"), 10);
    assert_eq!(c, format!("{base}scans/"));
    assert_eq!(names, ["scans/"]);
    let (_, names) = complete(&base, 10);
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn folders_beside_drafts_and_results() {
    assert_eq!(
        draft_folder(Path::new("/d/ab12.draft.toml")),
        Path::new("/d/ab12.evidence")
    );
    assert_eq!(
        result_folder(Path::new("/r/acme-2026-12-01-ab12.result.toml")),
        Path::new("/r/acme-2026-12-01-ab12.evidence")
    );
    assert_eq!(
        folders(Path::new("/r/x.result.toml"), None),
        [PathBuf::from("/r/x.evidence"), PathBuf::from("/r/evidence")]
    );
}
