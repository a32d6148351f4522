//! Snapshots of the merge's review of conflicts at 80x24 in German and English: a conflict with its
//! values, notes and who changed them last; a detail's conflict (no history); the final screen. The plan
//! is the real one of two saved drafts, so the texts are the ones a merge shows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod merge_support;

use msgaudit::audit::merging::{self, Part};
use msgaudit::lang::Lang;
use msgaudit::store::workspace::read_with_history;
use msgaudit::tui::Theme;
use msgaudit::tui::merge::{Msg, Review, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Erika's and Max's drafts of one audit (each saved in a home of its own, as on two laptops) and the
/// review of their three conflicts.
fn review(lang: Lang) -> Review {
    let part = |auditor: &str, unit: &str, answers: &str| {
        let home = tempfile::tempdir().unwrap();
        let path = merge_support::save(home.path(), "a1b2c3d4", auditor, unit, answers);
        Part {
            draft: read_with_history(&path).unwrap(),
            label: format!("{auditor}.draft.toml"),
        }
    };
    let parts = [
        part(
            "Erika Muster",
            "Sales",
            "'email.processes' = ['orders']\n'email.staff' = { value = 12, note = 'from HR' }",
        ),
        part(
            "Max Mustermann",
            "Purchasing",
            "'email.processes' = ['orders', 'support']\n'email.staff' = 14",
        ),
    ];
    let plan = merging::plan(&parts, &merge_support::small());
    assert_eq!(plan.conflicts.len(), 3, "{:?}", plan.conflicts);
    Review::new(plan.conflicts, plan.names, lang, Theme::mono())
}

fn text(r: &Review) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| f.render_widget(r, f.area())).unwrap();
    t.backend().to_string()
}

fn key(r: &mut Review, code: KeyCode) {
    update(r, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn the_review_screens_in_both_languages() {
    for lang in [Lang::De, Lang::En] {
        let mut r = review(lang);
        // The unit: a detail, no history.
        insta::assert_snapshot!(format!("merge_detail_{lang:?}"), text(&r));
        key(&mut r, KeyCode::Char('2'));
        key(&mut r, KeyCode::Char('2'));
        // The staff count: a note beside Erika's value; the cursor on Max's.
        key(&mut r, KeyCode::Down);
        insta::assert_snapshot!(format!("merge_answer_{lang:?}"), text(&r));
        key(&mut r, KeyCode::Enter);
        assert!(r.done());
        insta::assert_snapshot!(format!("merge_done_{lang:?}"), text(&r));
    }
}

#[test]
fn a_terminal_below_80x24_is_said_so() {
    let r = review(Lang::En);
    let mut t = Terminal::new(TestBackend::new(60, 20)).unwrap();
    t.draw(|f| f.render_widget(&r, f.area())).unwrap();
    assert!(t.backend().to_string().contains("terminal too small"));
}
