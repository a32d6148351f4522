//! The keymap as data: one table from key chords to actions per context. `update` looks keys up here,
//! the hint bar and the help overlay are drawn from the same table, so they cannot disagree.

use ratatui::crossterm::event::KeyEvent;

use crate::lang::Lang;

pub use super::action::*;
pub use super::bindings::all as bindings;

/// The action of `key` in the active contexts (most specific first), if any.
pub fn lookup(contexts: &[Ctx], lang: Lang, key: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|ctx| {
        bindings()
            .filter(|b| b.applies(*ctx, lang))
            .find(|b| b.keys.iter().any(|ch| ch.matches(key)))
            .map(|b| b.action)
    })
}

/// The bindings active in `contexts`, without those shadowed by a more specific context.
pub fn active(contexts: &[Ctx], lang: Lang) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for ctx in contexts {
        for bnd in bindings().filter(|b| b.applies(*ctx, lang)) {
            let shadowed = out
                .iter()
                .any(|o| o.action == bnd.action || o.keys.iter().any(|k| bnd.keys.contains(k)));
            if !shadowed {
                out.push(bnd);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::bindings::{alt, c, ctrl};
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn specific_context_wins_and_shift_is_ignored_for_letters() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Ctx::Input, Ctx::Global], Lang::De, &q), None);
        assert_eq!(
            lookup(&[Ctx::Choices, Ctx::Commands, Ctx::Global], Lang::De, &q),
            Some(Action::Quit)
        );
        let big_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Ctx::List], Lang::En, &big_g), Some(Action::Bottom));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&[Ctx::Input, Ctx::Global], Lang::En, &ctrl_c),
            Some(Action::Quit)
        );
        // Plain 'c' is typing, not quitting.
        let plain_c = key(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Ctx::Input, Ctx::Global], Lang::En, &plain_c), None);
    }

    #[test]
    fn no_chord_is_bound_twice_in_one_context() {
        let all: Vec<&Binding> = bindings().collect();
        for (i, a) in all.iter().enumerate() {
            for bnd in &all[i + 1..] {
                let same_lang = a.lang.is_none() || bnd.lang.is_none() || a.lang == bnd.lang;
                if a.ctx == bnd.ctx && same_lang {
                    for ch in a.keys {
                        assert!(
                            !bnd.keys.contains(ch),
                            "{:?} bound twice in {:?}",
                            ch,
                            a.ctx
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn answer_keys_follow_the_language_and_leave_navigation_alone() {
        let ctx = [Ctx::Choices, Ctx::Commands, Ctx::Global];
        let ch = |c: char| key(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(lookup(&ctx, Lang::En, &ch('y')), Some(Action::AnswerYes));
        assert_eq!(lookup(&ctx, Lang::De, &ch('y')), None);
        // German "j" (ja) would clash with moving down: it stays navigation.
        assert_eq!(lookup(&ctx, Lang::De, &ch('j')), Some(Action::Down));
        assert_eq!(lookup(&ctx, Lang::En, &ch('j')), Some(Action::Down));
        for lang in [Lang::De, Lang::En] {
            assert_eq!(lookup(&ctx, lang, &ch('n')), Some(Action::AnswerNo));
            assert_eq!(lookup(&ctx, lang, &ch('u')), Some(Action::AnswerUnknown));
            assert_eq!(lookup(&ctx, lang, &ch('x')), Some(Action::AnswerNa));
            assert_eq!(lookup(&ctx, lang, &ch('7')), Some(Action::Choose));
            // While typing, digits and letters are text.
            assert_eq!(lookup(&[Ctx::Input, Ctx::Global], lang, &ch('7')), None);
            assert_eq!(lookup(&[Ctx::Input, Ctx::Global], lang, &ch('n')), None);
        }
        let digits = bindings()
            .find(|b| b.action == Action::Choose)
            .map(|b| b.keys_label(Lang::De));
        assert_eq!(digits.as_deref(), Some("1–9"));
    }

    #[test]
    fn every_hinted_action_has_a_bar_rank_and_help_comes_first() {
        assert_eq!(bar_rank(Action::Help), 0);
        for b in bindings().filter(|b| b.bar.is_some()) {
            assert!(
                bar_rank(b.action) < BAR_PRIORITY.len(),
                "{:?} is hinted but has no rank",
                b.action
            );
        }
    }

    #[test]
    fn labels() {
        assert_eq!(ctrl('c').label(Lang::En), "Ctrl+C");
        assert_eq!(c(' ').label(Lang::De), "Leertaste");
        assert_eq!(alt(KeyCode::Enter).label(Lang::En), "Alt+Enter");
    }
}
