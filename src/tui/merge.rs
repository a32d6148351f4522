//! The review of a merge's conflicts (`msgaudit merge`): one conflict at a time with its values and
//! their auditors, the one to take chosen by key; at the end, the decisions at a glance and the merged
//! draft saved. State, messages and `update` as in the app (the Msg/Effect pattern); drawn by
//! `view::merge`, run by `merge_run`.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keymap::{self, Action, Ctx};
use super::theme::Theme;
use crate::audit::merging::Conflict;
use crate::i18n::dates::Zone;
use crate::lang::Lang;

/// The review's whole state.
#[derive(Debug, Clone)]
pub struct Review {
    pub lang: Lang,
    pub theme: Theme,
    pub tz: Zone,
    pub size: (u16, u16),
    /// The conflicts to decide, in order.
    pub conflicts: Vec<Conflict>,
    /// How each draft is named (`Candidate::parts` index these).
    pub names: Vec<String>,
    /// The conflict shown; `conflicts.len()` on the final screen.
    pub at: usize,
    /// The value under the cursor.
    pub cursor: usize,
    /// The value taken for each conflict so far.
    pub picks: Vec<Option<usize>>,
}

/// An input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Resize(u16, u16),
    /// A signal or a lost terminal: end without saving.
    Terminate,
}

/// What the runner does for the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Every conflict is decided: the value taken for each (an index into its candidates).
    Save(Vec<usize>),
    /// Stop; nothing is written.
    Cancel,
}

impl Review {
    pub fn new(conflicts: Vec<Conflict>, names: Vec<String>, lang: Lang, theme: Theme) -> Review {
        let n = conflicts.len();
        Review {
            lang,
            theme,
            tz: Zone::utc(),
            size: (80, 24),
            conflicts,
            names,
            at: 0,
            cursor: 0,
            picks: vec![None; n],
        }
    }

    /// The final screen: every conflict decided.
    pub fn done(&self) -> bool {
        self.at >= self.conflicts.len()
    }

    /// The keymap's contexts of the screen shown (Ctrl+C quits everywhere).
    pub fn contexts(&self) -> [Ctx; 2] {
        if self.done() {
            [Ctx::MergeDone, Ctx::Global]
        } else {
            [Ctx::Merge, Ctx::Global]
        }
    }

    /// The conflict shown, unless on the final screen.
    pub fn current(&self) -> Option<&Conflict> {
        self.conflicts.get(self.at)
    }

    /// Take value `i` of the conflict shown and go on to the next one (or the final screen).
    fn take(&mut self, i: usize) {
        let Some(c) = self.current() else {
            return;
        };
        if i >= c.candidates.len() {
            return;
        }
        self.picks[self.at] = Some(i);
        self.go(self.at + 1);
    }

    fn go(&mut self, at: usize) {
        self.at = at.min(self.conflicts.len());
        self.cursor = self.picks.get(self.at).copied().flatten().unwrap_or(0);
    }
}

/// Change the state for `msg`; what the runner is to do.
pub fn update(r: &mut Review, msg: Msg) -> Vec<Effect> {
    let key = match msg {
        Msg::Resize(w, h) => {
            r.size = (w, h);
            return Vec::new();
        }
        Msg::Terminate => return vec![Effect::Cancel],
        Msg::Key(k) => k,
    };
    let Some(action) = keymap::lookup(&r.contexts(), r.lang, &key) else {
        return Vec::new();
    };
    let count = r.current().map_or(0, |c| c.candidates.len());
    match action {
        Action::Quit => return vec![Effect::Cancel],
        Action::Up => r.cursor = r.cursor.saturating_sub(1),
        Action::Down if r.cursor + 1 < count => r.cursor += 1,
        Action::Choose => {
            if let KeyCode::Char(d) = key.code
                && let Some(n) = d.to_digit(10).and_then(|n| usize::try_from(n).ok())
                && n >= 1
            {
                r.take(n - 1);
            }
        }
        Action::Confirm if r.done() => {
            return vec![Effect::Save(r.picks.iter().copied().flatten().collect())];
        }
        Action::Confirm => r.take(r.cursor),
        Action::Back if r.at > 0 => r.go(r.at - 1),
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::audit::merging::{Candidate, Subject};
    use ratatui::crossterm::event::KeyModifiers;

    fn conflict(key: &str) -> Conflict {
        let cand = |p: usize, v: &str| Candidate {
            parts: vec![p],
            shown: crate::i18n::Text::new(v, v),
            note: None,
            last: None,
        };
        Conflict {
            subject: Subject::Answer(key.into()),
            asked: crate::i18n::Text::new(key, key),
            candidates: vec![cand(0, "Ja"), cand(1, "Nein")],
        }
    }

    fn key(code: KeyCode) -> Msg {
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn each_conflict_is_decided_in_turn_and_saved_at_the_end() {
        let mut r = Review::new(
            vec![conflict("a.x"), conflict("a.y"), conflict("a.z")],
            vec!["Erika".into(), "Max".into()],
            Lang::De,
            Theme::mono(),
        );
        assert!(update(&mut r, key(KeyCode::Down)).is_empty());
        assert_eq!(r.cursor, 1);
        // The cursor stops at the last value.
        update(&mut r, key(KeyCode::Down));
        assert_eq!(r.cursor, 1);
        update(&mut r, key(KeyCode::Enter));
        assert_eq!((r.at, r.cursor), (1, 0));
        // Back to the first: its value is under the cursor again, and can be changed.
        update(&mut r, key(KeyCode::Esc));
        assert_eq!((r.at, r.cursor), (0, 1));
        update(&mut r, key(KeyCode::Char('1')));
        // A digit with no value is nothing.
        update(&mut r, key(KeyCode::Char('7')));
        assert_eq!(r.at, 1);
        update(&mut r, key(KeyCode::Enter));
        update(&mut r, key(KeyCode::Char('2')));
        assert!(r.done());
        assert_eq!(
            update(&mut r, key(KeyCode::Enter)),
            [Effect::Save(vec![0, 0, 1])]
        );
        update(&mut r, key(KeyCode::Left));
        assert_eq!((r.at, r.cursor), (2, 1));
        assert_eq!(update(&mut r, key(KeyCode::Char('q'))), [Effect::Cancel]);
        let ctrl_c = Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(update(&mut r, ctrl_c), [Effect::Cancel]);
        assert_eq!(update(&mut r, Msg::Terminate), [Effect::Cancel]);
    }
}
