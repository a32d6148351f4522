//! The TUI's evidence form (issue: evidence files bound by hash): `a` on a question opens it, Tab
//! completes the path, Enter moves to the caption and attaches through the draft store (the file is
//! copied into the draft's evidence folder, 0600, and the draft saved with its size and SHA-256), F8
//! removes the selected file again; a missing file or an empty path is said in the form.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use msgaudit::lang::Lang;
use msgaudit::tui::app::Screen;
use msgaudit::tui::disk::DiskStore;
use msgaudit::tui::{MemoryStore, Persistence};
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

const BYTES: &[u8] = b"Auftragsverarbeitungsvertrag, unterschrieben am 3. Mai 2026\n";

struct Setup {
    _home: tempfile::TempDir,
    files: tempfile::TempDir,
    store: DiskStore,
    app: msgaudit::tui::App,
}

/// A new audit of small.toml stored on disk, at its first question; a folder with one file to attach.
fn setup(lang: Lang) -> Setup {
    let home = tempfile::tempdir().unwrap();
    let paths = msgaudit::store::Paths::under_home(home.path()).unwrap();
    let mut store = DiskStore::new(&paths).with_lang(lang);
    let mut app = app_for("", lang, &MemoryStore::default());
    let i = app
        .catalog
        .iter()
        .position(|e| e.path.ends_with("small.toml"))
        .expect("small.toml in the catalog");
    begin(&mut app, &mut store, i);
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("AVV Anbieter.txt"), BYTES).unwrap();
    Setup {
        _home: home,
        files,
        store,
        app,
    }
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

fn path_text(app: &msgaudit::tui::App) -> String {
    app.evidence.as_ref().unwrap().path.lines().join("")
}

#[test]
fn a_file_is_completed_attached_with_its_hash_and_removed_again() {
    let mut s = setup(Lang::En);
    let question = at(&s.app);
    feed(&mut s.app, &mut s.store, [ch('a')]);
    assert_eq!(s.app.screen, Screen::Evidence);
    assert_eq!(s.app.evidence.as_ref().unwrap().question, question);

    // Tab completes the unique name in the folder.
    let dir = format!("{}/", s.files.path().display());
    feed(
        &mut s.app,
        &mut s.store,
        [paste(format!("{dir}AV")), key(KeyCode::Tab)],
    );
    assert_eq!(path_text(&s.app), format!("{dir}AVV Anbieter.txt"));

    // Enter: to the caption; Enter again: attached.
    feed(&mut s.app, &mut s.store, [key(KeyCode::Enter)]);
    assert_eq!(s.app.evidence.as_ref().unwrap().focus, 1);
    feed(&mut s.app, &mut s.store, typed("signed AVV"));
    feed(&mut s.app, &mut s.store, [key(KeyCode::Enter)]);
    let draft = &s.app.audit.as_ref().unwrap().draft;
    assert_eq!(draft.evidence.len(), 1, "{:?}", s.app.evidence);
    let e = &draft.evidence[0];
    assert_eq!(e.question, question);
    assert_eq!(e.name, "AVV Anbieter.txt");
    assert_eq!(e.caption, "signed AVV");
    assert_eq!(e.size, BYTES.len() as u64);
    assert_eq!(e.sha256, sha256(BYTES));
    // The copy is in the draft's evidence folder, readable by its owner only, and the saved draft
    // names it.
    let location = s.store.location(&draft.audit_id).unwrap();
    let copy = msgaudit::evidence::draft_folder(&location).join(&e.file);
    assert_eq!(std::fs::read(&copy).unwrap(), BYTES);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let saved = std::fs::read_to_string(&location).unwrap();
    assert!(saved.contains(&e.sha256), "{saved}");
    let screen = screen_text(&mut s.app, 100, 30);
    assert!(
        screen.contains("Evidence attached: AVV Anbieter.txt"),
        "{screen}"
    );
    assert!(screen.contains("1) AVV Anbieter.txt"), "{screen}");
    // The question screen says that the question has evidence.
    feed(&mut s.app, &mut s.store, [key(KeyCode::Esc)]);
    let screen = screen_text(&mut s.app, 100, 30);
    assert!(screen.contains("Evidence: 1 (a)"), "{screen}");
    feed(&mut s.app, &mut s.store, [ch('a')]);

    // F8 removes the selected file: from the draft and from the folder.
    feed(&mut s.app, &mut s.store, [key(KeyCode::F(8))]);
    assert!(s.app.audit.as_ref().unwrap().draft.evidence.is_empty());
    assert!(!copy.exists());
    let screen = screen_text(&mut s.app, 100, 30);
    assert!(
        screen.contains("Evidence removed: AVV Anbieter.txt"),
        "{screen}"
    );

    // Esc: back at the question.
    feed(&mut s.app, &mut s.store, [key(KeyCode::Esc)]);
    assert_eq!(s.app.screen, Screen::Question);
    assert_eq!(at(&s.app), question);
}

#[test]
fn a_missing_file_and_an_empty_path_are_said_in_the_form() {
    let mut s = setup(Lang::De);
    feed(&mut s.app, &mut s.store, [key(KeyCode::F(4))]);
    assert_eq!(s.app.screen, Screen::Evidence);
    feed(&mut s.app, &mut s.store, [key(KeyCode::Enter)]);
    let screen = screen_text(&mut s.app, 100, 30);
    assert!(
        screen.contains("Bitte den Pfad der Datei eingeben"),
        "{screen}"
    );
    let missing = s.files.path().join("gibt-es-nicht.pdf");
    feed(
        &mut s.app,
        &mut s.store,
        [
            paste(missing.display().to_string()),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert!(s.app.audit.as_ref().unwrap().draft.evidence.is_empty());
    let (message, is_error) = s.app.evidence.as_ref().unwrap().message.clone().unwrap();
    assert!(is_error);
    assert!(message.starts_with("Beleg nicht angehängt: "), "{message}");
    assert!(message.contains("gibt-es-nicht.pdf"), "{message}");
}

#[test]
fn the_form_in_german_and_english() {
    for lang in [Lang::De, Lang::En] {
        let mut s = setup(lang);
        feed(&mut s.app, &mut s.store, [ch('a')]);
        let path = s.files.path().join("AVV Anbieter.txt");
        feed(
            &mut s.app,
            &mut s.store,
            [
                paste(path.display().to_string()),
                key(KeyCode::Enter),
                paste("AVV".into()),
                key(KeyCode::Enter),
            ],
        );
        insta::assert_snapshot!(
            format!("evidence_form_{}", lang.code()),
            screen_text(&mut s.app, 100, 30)
        );
    }
}

/// A paste, as the terminal delivers a typed path.
fn paste(text: String) -> msgaudit::tui::Msg {
    msgaudit::tui::Msg::Paste(text)
}
