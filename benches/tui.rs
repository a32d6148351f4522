//! TUI speed: one keystroke (update + full draw on a 120x40 `TestBackend`) on the small fixture, the shipped
//! messenger audit and a generated 10,000-question checklist; and start-up to the first frame.
//! Run: `cargo bench --bench tui`. Figures in docs/performance.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use msgaudit::catalog::Origin;
use msgaudit::lang::Lang;
use msgaudit::store::Paths;
use msgaudit::tui::app::{App, Screen};
use msgaudit::tui::disk::DiskStore;
use msgaudit::tui::{Files, MemoryStore, Options, Theme, dispatch, load_catalog, start, view};
use msgaudit::tui::{Msg, Persistence, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// An app at the first question of the checklist at `path`, sized 120x40.
fn app_at_first_question(path: &Path) -> App {
    app_at_first_question_with(path, &mut MemoryStore::default())
}

/// The same, its draft kept in `store`.
fn app_at_first_question_with(path: &Path, store: &mut dyn Persistence) -> App {
    let dir = path.parent().unwrap().to_path_buf();
    let entries: Vec<_> = load_catalog(&[(Origin::Extra, dir)])
        .into_iter()
        .filter(|e| e.path == path)
        .collect();
    assert!(
        entries[0].checklist.is_ok(),
        "{:?}",
        entries[0].checklist.as_ref().err()
    );
    let mut app = App::new(
        Lang::En,
        Theme { color: true },
        entries,
        vec![],
        store.durable(),
    );
    app.size = (120, 40);
    dispatch(&mut app, key(KeyCode::Enter), store);
    dispatch(&mut app, key(KeyCode::Enter), store);
    for t in ["Muster GmbH", "Sales", "", "A. Auditor"] {
        dispatch(&mut app, Msg::Paste(t.into()), store);
        dispatch(&mut app, key(KeyCode::Enter), store);
    }
    // The fields after these (the audit date) keep their defaults.
    for _ in 0..3 {
        if app.screen == Screen::Question {
            break;
        }
        dispatch(&mut app, key(KeyCode::Enter), store);
    }
    assert_eq!(app.screen, Screen::Question);
    app
}

/// 100 sections of 100 questions: yes/no, every fifth one shown only when the one before is "yes",
/// a finding on every tenth.
fn generate_10k(dir: &Path) -> PathBuf {
    generate(dir, 100)
}

/// `sections` sections of 100 questions as `generate_10k` makes them.
fn generate(dir: &Path, sections: usize) -> PathBuf {
    let mut s = String::from(
        "format = 1\nid = \"big\"\nversion = \"1\"\nlanguages = [\"de\", \"en\"]\n\
         title = { de = \"Groß\", en = \"Big\" }\ndescription = { de = \"Viele Fragen.\", en = \"Many questions.\" }\n",
    );
    for sec in 0..sections {
        writeln!(s, "\n[[section]]\nid = \"s{sec}\"\ntitle = {{ de = \"Abschnitt {sec}\", en = \"Section {sec}\" }}").unwrap();
        for q in 0..100 {
            writeln!(
                s,
                "\n[[section.question]]\nid = \"q{q}\"\nkind = \"yes_no\""
            )
            .unwrap();
            writeln!(s, "text = {{ de = \"Frage {sec}.{q}: Wird der Messenger dienstlich genutzt?\", en = \"Question {sec}.{q}: Is the messenger used for work?\" }}").unwrap();
            if q % 5 == 4 {
                writeln!(s, "when = \"q{} == yes\"", q - 1).unwrap();
            }
            if q % 10 == 0 {
                writeln!(s, "\n[[section.question.finding]]\nid = \"f{sec}_{q}\"\nwhen = \"q{q} == yes\"\nseverity = \"medium\"\ntitle = {{ de = \"Befund\", en = \"Finding\" }}\nmeasure = {{ de = \"Handeln.\", en = \"Act.\" }}").unwrap();
            }
        }
    }
    let p = dir.join("big.toml");
    std::fs::write(&p, s).unwrap();
    p
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// One keystroke: Space (answer the current question: the engine updates) and a full draw.
fn keystroke(bencher: divan::Bencher, path: &Path) {
    let mut app = app_at_first_question(path);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(move || {
        // Effects (saving) are the store's cost, measured with the store.
        let effects = update(&mut app, key(KeyCode::Char(' ')));
        terminal.draw(|f| view::view(&app, f)).unwrap();
        effects
    });
}

#[divan::bench]
fn keystroke_small(bencher: divan::Bencher) {
    keystroke(bencher, &fixture("tests/fixtures/small.toml"));
}

#[divan::bench]
fn keystroke_messenger_audit(bencher: divan::Bencher) {
    keystroke(bencher, &fixture("checklists/messenger-audit.toml"));
}

/// The same shape as `keystroke_10k` at 100 questions (one section): what the 10,000 are compared with.
#[divan::bench]
fn keystroke_100(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let p = generate(dir.path(), 1);
    keystroke(bencher, &p);
}

#[divan::bench]
fn keystroke_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let p = generate_10k(dir.path());
    keystroke(bencher, &p);
}

/// One answer as the auditor gives it: Space, the draft saved to disk by the real store (written
/// atomically: temporary file, fsync, rename), and a full draw.
fn answer_and_save(bencher: divan::Bencher, path: &Path) {
    let home = tempfile::tempdir().unwrap();
    let mut store = DiskStore::new(&Paths::under_home(home.path()).unwrap());
    let mut app = app_at_first_question_with(path, &mut store);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(move || {
        dispatch(&mut app, key(KeyCode::Char(' ')), &mut store);
        terminal.draw(|f| view::view(&app, f)).unwrap();
    });
}

#[divan::bench]
fn answer_and_save_100(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    answer_and_save(bencher, &generate(dir.path(), 1));
}

#[divan::bench]
fn answer_and_save_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    answer_and_save(bencher, &generate_10k(dir.path()));
}

/// Moving down a question (no answer change) at 10,000 questions.
#[divan::bench]
fn move_10k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let p = generate_10k(dir.path());
    let mut app = app_at_first_question(&p);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut down = true;
    bencher.bench_local(move || {
        let k = if down { KeyCode::Down } else { KeyCode::Up };
        down = !down;
        update(&mut app, key(k));
        terminal.draw(|f| view::view(&app, f)).unwrap();
    });
}

/// Start-up to the first frame: load the shipped checklists, list drafts, draw the start screen.
#[divan::bench]
fn startup_first_frame(bencher: divan::Bencher) {
    let opts = Options {
        lang: Lang::De,
        folders: vec![(Origin::Shipped, msgaudit::shipped::dir())],
        theme: Theme { color: true },
        files: Files::new(
            &msgaudit::store::Paths::under_home(&std::env::temp_dir().join("msgaudit-bench"))
                .unwrap(),
            None,
        ),
        // From the files every time: what a first start (or one after a checklist changed) costs.
        cache: None,
    };
    let store = MemoryStore::default();
    bencher.bench_local(|| {
        let mut app = start(&opts, &store);
        app.size = (120, 40);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|f| view::view(&app, f)).unwrap();
        app.catalog.len()
    });
}
