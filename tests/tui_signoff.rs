//! The sign-off in the TUI, through `step` as the terminal loop runs it: open questions warn but do not
//! block, a key is created on the spot when there is none (its password checked by the rule for new keys
//! and used for the sign-off that follows), a wrong password can be retried, the result verifies, the
//! draft is archived, the reports are written, a half-filled form is kept with the draft. Also resuming a draft whose checklist changed
//! and a draft locked by another msgaudit.
// Tests: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod tui_support;

use msgaudit::lang::Lang;
use msgaudit::result::verify;
use msgaudit::tui::app::Screen;
use msgaudit::tui::signoff::{NAME, STATEMENT, SignStep};
use msgaudit::tui::{Effect, Msg};
use msgaudit::tui::{MemoryStore, Persistence, view};
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

const PASSWORD: &str = "Datenschutz ist Teamarbeit";

fn small(store: &mut MemoryStore) -> msgaudit::tui::App {
    let mut app = app_for("", Lang::En, store);
    let i = app
        .catalog
        .iter()
        .position(|e| e.path.ends_with("small.toml"))
        .expect("small.toml in the catalog");
    begin(&mut app, store, i);
    app
}

fn field(app: &msgaudit::tui::App, i: usize) -> String {
    app.sign.fields[i].lines().join("\n")
}

#[test]
fn open_questions_warn_a_key_is_created_and_signs_at_once_and_the_result_verifies() {
    let h = home();
    let mut store = MemoryStore::default();
    let mut app = small(&mut store);
    // Orders only, then straight to the review: `in_records` and the repetition stay open.
    let f = &h.files;
    run_msgs(&mut app, &mut store, f, [ch(' '), ch('r')]);
    assert_eq!(app.screen, Screen::Review);
    run_msgs(&mut app, &mut store, f, [ch('G'), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::SignOff);
    assert_eq!(app.sign.step, SignStep::Form);
    // The runner looked for the key: none yet.
    let k = app.sign.key.clone().expect("key state");
    assert_eq!(k.key_id, None);
    assert_eq!(k.dir, h.paths.keys_dir());
    assert_eq!(app.sign.open, 2);
    assert!(view::signoff::warning(&app).is_some());
    // Prefilled: the auditor, the default statement in the UI language.
    assert_eq!(field(&app, NAME), "A. Prüfer");
    assert_eq!(
        field(&app, STATEMENT),
        msgaudit::signoff::default_statement(Lang::En)
    );
    let screen = screen_text(&mut app, 100, 30);
    assert!(
        screen.contains("2 required questions are still open"),
        "{screen}"
    );
    assert!(screen.contains("No signing key yet"), "{screen}");

    // The name is required.
    run_msgs(&mut app, &mut store, f, [key(KeyCode::End)]);
    run_msgs(
        &mut app,
        &mut store,
        f,
        (0..20).map(|_| key(KeyCode::Backspace)),
    );
    run_msgs(
        &mut app,
        &mut store,
        f,
        [
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(app.sign.step, SignStep::Form);
    assert!(app.sign.tried);
    assert_eq!(app.sign.focus, NAME);
    run_msgs(
        &mut app,
        &mut store,
        f,
        [Msg::Paste("Dr. Erika Muster".into())],
    );
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Tab)]);
    run_msgs(&mut app, &mut store, f, typed("DSB"));
    run_msgs(
        &mut app,
        &mut store,
        f,
        [key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    assert_eq!(app.sign.step, SignStep::Confirm);
    // "No" goes back to the form; "yes" on to the new key (there is none).
    run_msgs(&mut app, &mut store, f, [ch('n')]);
    assert_eq!(app.sign.step, SignStep::Form);
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter), ch('y')]);
    assert_eq!(app.sign.step, SignStep::NewKey);

    // A short password is refused as soon as it is confirmed, with the rule, and cleared.
    run_msgs(&mut app, &mut store, f, typed("hunter2"));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    assert_eq!(app.sign.step, SignStep::NewKey);
    assert_eq!(app.sign.new_focus, 0);
    let err = app.sign.error.clone().expect("the rule");
    assert!(
        err.contains("too short: 7 characters, at least 12"),
        "{err}"
    );
    assert!(app.sign.new_password.iter().all(|t| t.lines() == [""]));
    // Long enough but a keyboard row: too easy to guess.
    run_msgs(&mut app, &mut store, f, typed("qwertzuiop12"));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    let err = app.sign.error.clone().expect("the rule");
    assert!(err.contains("too easy to guess"), "{err}");
    assert_eq!(app.sign.new_focus, 0);
    // Two different passwords: refused, both cleared.
    run_msgs(&mut app, &mut store, f, typed(PASSWORD));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    assert_eq!(app.sign.error, None);
    run_msgs(&mut app, &mut store, f, typed("Datenschutz ist Chefsache"));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    assert_eq!(app.sign.step, SignStep::NewKey);
    assert_eq!(
        app.sign.error.as_deref(),
        Some("The passwords do not match; enter both again")
    );
    assert_eq!(app.sign.new_focus, 0);
    assert!(app.sign.new_password.iter().all(|t| t.lines() == [""]));
    assert!(!msgaudit::sign::secret_key_path(&h.paths.keys_dir()).exists());
    // The same password twice: the key is created and the audit signed with it at once; the password
    // is not asked a third time.
    run_msgs(&mut app, &mut store, f, typed(PASSWORD));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Tab)]);
    run_msgs(&mut app, &mut store, f, typed(PASSWORD));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    let created = app.sign.created.clone().expect("a key was created");
    assert!(created.secret_key_path.is_file());
    assert_eq!(
        created.public_key_path,
        msgaudit::sign::public_key_path(&h.paths.keys_dir())
    );
    assert!(app.sign.kept.is_none(), "the kept password is gone");
    assert_eq!(app.sign.step, SignStep::Done, "{:?}", app.sign.error);
    assert!(app.audit.is_none(), "the audit is over");
    let done = app.sign.signed.clone().expect("signed");
    assert!(done.signed.result.starts_with(h.paths.results_dir()));
    assert!(done.signed.signature.is_file());
    assert_eq!(done.signed.key_id, created.key_id);
    assert!(done.archived.is_ok());
    assert!(store.drafts.is_empty() && store.archived.len() == 1);
    let v = verify::verify(&done.signed.result, &h.files.verify);
    assert!(v.is_valid(), "{}", v.line(msgaudit::lang::Lang::En));
    assert!(
        v.line(msgaudit::lang::Lang::En)
            .contains("Dr. Erika Muster (DSB)"),
        "{}",
        v.line(msgaudit::lang::Lang::En)
    );
    let text = std::fs::read_to_string(&done.signed.result).expect("result");
    assert!(text.contains("I confirm that the answers"), "{text}");
    let screen = screen_text(&mut app, 120, 40);
    assert!(screen.contains("msgaudit verify"), "{screen}");
    // The command on the screen is the one that verifies.
    let cmd = view::signoff::verify_command(&done.signed.result, &done.public_key);
    assert!(cmd.contains("--pubkey"), "{cmd}");

    // Reports beside the result.
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    let files = app
        .sign
        .reports
        .clone()
        .expect("reports tried")
        .expect("reports written");
    assert_eq!(files.len(), 3);
    assert!(files.iter().all(|p| p.is_file()));
    assert!(files[0].to_string_lossy().ends_with(".report.md"));
    assert!(files[1].to_string_lossy().ends_with(".report.html"));
    assert!(files[2].to_string_lossy().ends_with(".report.pdf"));
    // Back to the start screen: the draft is no longer listed; quitting saves nothing.
    let saves = store.saves;
    run_msgs(&mut app, &mut store, f, [ch('j'), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Start);
    assert!(app.drafts.is_empty());
    assert!(run_msgs(&mut app, &mut store, f, [ch('q')]));
    assert_eq!(store.saves, saves);
    assert!(store.drafts.is_empty());
}

#[test]
fn with_a_key_the_password_follows_the_confirmation_and_esc_goes_back() {
    let h = home();
    let info = msgaudit::sign::keygen(&h.paths.keys_dir(), PASSWORD, false).expect("keygen");
    let mut store = MemoryStore::default();
    let mut app = small(&mut store);
    let f = &h.files;
    run_msgs(
        &mut app,
        &mut store,
        f,
        [ch('r'), ch('G'), key(KeyCode::Enter)],
    );
    assert_eq!(
        app.sign.key.as_ref().and_then(|k| k.key_id.clone()),
        Some(info.key_id.clone())
    );
    let screen = screen_text(&mut app, 100, 30);
    assert!(
        screen.contains(&format!("Signing key {}", info.key_id)),
        "{screen}"
    );
    run_msgs(
        &mut app,
        &mut store,
        f,
        [
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(app.sign.step, SignStep::Password);
    // An empty password is not tried.
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    assert_eq!(app.sign.error.as_deref(), Some("Please enter a password"));
    run_msgs(&mut app, &mut store, f, typed("abc"));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Esc)]);
    assert_eq!(app.sign.step, SignStep::Form);
    assert_eq!(app.sign.password.lines(), [""], "the password is forgotten");
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Esc)]);
    assert_eq!(app.screen, Screen::Review);
    // A wrong password: the error, the field empty again, still on the password step; then the right one.
    run_msgs(
        &mut app,
        &mut store,
        f,
        [
            ch('G'),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(app.sign.step, SignStep::Password);
    run_msgs(&mut app, &mut store, f, typed("hunter3"));
    let screen = screen_text(&mut app, 100, 30);
    assert!(
        !screen.contains("hunter3"),
        "the password is never shown:\n{screen}"
    );
    assert!(screen.contains("•••••••"), "{screen}");
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    assert_eq!(app.sign.step, SignStep::Password);
    let err = app.sign.error.clone().expect("an error");
    assert!(err.contains("wrong password"), "{err}");
    assert_eq!(app.sign.password.lines(), [""]);
    assert!(
        std::fs::read_dir(h.paths.results_dir()).map_or(true, |d| d.count() == 0),
        "nothing is written before signing succeeds"
    );
    run_msgs(&mut app, &mut store, f, typed(PASSWORD));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter)]);
    assert_eq!(app.sign.step, SignStep::Done, "{:?}", app.sign.error);
    // The password never shows in debug output of the effect.
    let e = Effect::CreateKey(msgaudit::tui::signoff::Secret::new("hunter2"));
    assert!(!format!("{e:?}").contains("hunter2"));
}

/// small.toml with the question `staff` renamed: the draft's answer to it no longer fits.
fn changed_small() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = std::fs::read_to_string(fixtures().join("small.toml")).expect("fixture");
    let changed = src
        .replace("version = \"1.0.0\"", "version = \"1.1.0\"")
        .replace("id = \"staff\"", "id = \"employees\"")
        .replace("email.staff", "email.employees");
    assert_ne!(src, changed);
    std::fs::write(dir.path().join("small.toml"), changed).expect("write");
    dir
}

#[test]
fn resuming_after_the_checklist_changed_lists_dropped_answers_and_continues_on_request() {
    let mut store = MemoryStore::default();
    let mut app = small(&mut store);
    // processes: Orders; in_records: yes; staff: 12.
    feed(&mut app, &mut store, [ch(' '), key(KeyCode::Enter)]);
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    feed(&mut app, &mut store, typed("12"));
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(
        feed(&mut app, &mut store, [ctrl('c'), ch('y')]).last(),
        Some(&Effect::Quit)
    );
    let draft = store.drafts.values().next().expect("draft").clone();
    assert!(draft.answers.contains_key("email.staff"));

    let dir = changed_small();
    let entries = msgaudit::tui::load_catalog(&[(
        msgaudit::catalog::Origin::Extra,
        dir.path().to_path_buf(),
    )]);
    let known = msgaudit::catalog::usable(&entries);
    let mut app = msgaudit::tui::App::new(
        Lang::En,
        msgaudit::tui::Theme::mono(),
        entries,
        store.list(&known, Lang::En),
        false,
    );
    app.size = (100, 30);
    feed(&mut app, &mut store, [ch('j'), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Changed);
    let c = app.changed.clone().expect("changed");
    assert_eq!(
        (c.old_version.as_str(), c.new_version.as_str()),
        ("1.0.0", "1.1.0")
    );
    assert_eq!(c.dropped.len(), 1);
    assert_eq!(c.dropped[0].0, "email.staff");
    let screen = screen_text(&mut app, 100, 30);
    assert!(
        screen.contains("changed since this draft was started"),
        "{screen}"
    );
    assert!(screen.contains("email.staff:"), "{screen}");
    // Back: nothing saved, the lock given up, the draft as it was.
    let saves = store.saves;
    feed(&mut app, &mut store, [ch('n')]);
    assert_eq!(app.screen, Screen::Start);
    assert!(app.audit.is_none());
    assert_eq!(store.held, None);
    assert_eq!(store.saves, saves);
    assert_eq!(store.drafts.values().next(), Some(&draft));
    // Continue: the answers that fit are kept, the draft now names the new version.
    feed(&mut app, &mut store, [key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Changed);
    feed(&mut app, &mut store, [ch('y')]);
    assert_eq!(app.screen, Screen::Question);
    let saved = store.drafts.values().next().expect("draft");
    assert_eq!(saved.checklist.version, "1.1.0");
    assert!(saved.answers.contains_key("email.processes"));
    assert!(saved.answers.contains_key("email.in_records"));
    assert!(!saved.answers.contains_key("email.staff"));
}

#[test]
fn a_draft_open_in_another_msgaudit_is_refused_with_the_lock_message_and_the_start_screen_works() {
    let h = home();
    let mut first = msgaudit::tui::disk::DiskStore::new(&h.paths);
    let mut app = small(&mut MemoryStore::default());
    feed(&mut app, &mut MemoryStore::default(), [ch(' ')]);
    let draft = app.audit.as_ref().expect("audit").draft.clone();
    first.save(&draft).expect("save holds the lock");

    let mut second = msgaudit::tui::disk::DiskStore::new(&h.paths);
    let entries = msgaudit::tui::load_catalog(&[(msgaudit::catalog::Origin::Extra, fixtures())]);
    let known = msgaudit::catalog::usable(&entries);
    let drafts = second.list(&known, Lang::En);
    assert_eq!(drafts.len(), 1);
    let mut app = msgaudit::tui::App::new(
        Lang::En,
        msgaudit::tui::Theme::mono(),
        entries,
        drafts,
        true,
    );
    app.size = (80, 24);
    run_msgs(
        &mut app,
        &mut second,
        &h.files,
        [ch('j'), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::Start);
    let notice = app.start_notice.clone().expect("a notice");
    let pid = format!("another msgaudit (pid {}", std::process::id());
    assert!(notice.contains(&pid), "{notice}");
    assert!(notice.contains("has this draft open"), "{notice}");
    // The whole message is on the screen, wrapped.
    let screen = screen_text(&mut app, 80, 24).replace(['│', '\n'], " ");
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("close it there first"), "{screen}");
    // The start screen still works: the next key clears the notice, a new audit can begin.
    run_msgs(
        &mut app,
        &mut second,
        &h.files,
        [ch('k'), key(KeyCode::Enter)],
    );
    assert_eq!(app.start_notice, None);
    assert_eq!(app.screen, Screen::Pick);
    // Once the first msgaudit lets go, the draft opens.
    drop(first);
    run_msgs(
        &mut app,
        &mut second,
        &h.files,
        [key(KeyCode::Esc), ch('j'), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::Question);
}

#[test]
fn a_half_filled_sign_off_form_is_kept_with_the_draft_on_ctrl_c_and_sigterm_never_the_password() {
    let h = home();
    msgaudit::sign::keygen(&h.paths.keys_dir(), PASSWORD, false).expect("keygen");
    let mut store = MemoryStore::default();
    let mut app = small(&mut store);
    let f = &h.files;
    run_msgs(
        &mut app,
        &mut store,
        f,
        [ch('r'), ch('G'), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::SignOff);
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Tab)]);
    run_msgs(&mut app, &mut store, f, typed("DSB"));
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Tab)]);
    run_msgs(&mut app, &mut store, f, typed(" Mit Vorbehalt."));
    // On to the password, type half of it, then Ctrl-C: the position and the form are saved.
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Enter), ch('y')]);
    assert_eq!(app.sign.step, SignStep::Password);
    run_msgs(&mut app, &mut store, f, typed("Datenschutz"));
    // The memory store is not durable: quitting asks first.
    assert!(run_msgs(&mut app, &mut store, f, [ctrl('c'), ch('y')]));
    let draft = store.drafts.values().next().expect("draft").clone();
    let form = draft.signoff_form.clone().expect("the form is kept");
    assert_eq!(form.name, "A. Prüfer");
    assert_eq!(form.role, "DSB");
    assert!(
        form.statement.starts_with("I confirm") && form.statement.ends_with(". Mit Vorbehalt."),
        "{}",
        form.statement
    );
    let text = draft.to_toml().expect("toml");
    assert!(
        !text.contains("Datenschutz\""),
        "never the password:\n{text}"
    );

    // The next run: the sign-off form opens as it was left.
    let mut app = app_for("", Lang::En, &store);
    app.size = (100, 30);
    run_msgs(&mut app, &mut store, f, [ch('j'), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Question);
    run_msgs(
        &mut app,
        &mut store,
        f,
        [ch('r'), ch('G'), key(KeyCode::Enter)],
    );
    assert_eq!(app.screen, Screen::SignOff);
    assert_eq!(field(&app, NAME), "A. Prüfer");
    assert_eq!(
        app.sign.fields[msgaudit::tui::signoff::ROLE].lines(),
        ["DSB"]
    );
    assert!(field(&app, STATEMENT).ends_with(". Mit Vorbehalt."));
    assert_eq!(app.sign.password.lines(), [""]);
    // SIGTERM keeps a change made since, too.
    run_msgs(&mut app, &mut store, f, [key(KeyCode::Tab)]);
    run_msgs(&mut app, &mut store, f, typed(" (extern)"));
    assert!(run_msgs(&mut app, &mut store, f, [Msg::Terminate]));
    let form = store
        .drafts
        .values()
        .next()
        .and_then(|d| d.signoff_form.clone());
    assert_eq!(form.map(|f| f.role), Some("DSB (extern)".to_string()));
}
