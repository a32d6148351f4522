//! `update` on the review screen: Up/Down between actionable lines, Enter jumps to an open question or
//! goes on to the sign-off.

use super::app::App;
use super::keymap::Action;
use super::update::Effect;

impl App {
    pub(super) fn review_action(&mut self, action: Action) -> Vec<Effect> {
        let lines = super::review::lines(self);
        match action {
            Action::Confirm => match lines.get(self.review_sel).and_then(|l| l.target) {
                Some(super::review::Target::Question(k)) => {
                    self.jump(k);
                    vec![]
                }
                Some(super::review::Target::Measure(i)) => {
                    self.open_plan(i);
                    vec![]
                }
                Some(super::review::Target::SignOff) => {
                    match super::review::sign_off_blocker(self) {
                        Some(s) => {
                            self.status = Some((self.t(s).to_string(), true));
                            vec![]
                        }
                        // Open required questions and findings do not block: the sign-off screen warns.
                        None => self.open_sign_off(),
                    }
                }
                None => vec![],
            },
            Action::Back => {
                self.enter_questions();
                vec![]
            }
            Action::Details => {
                self.open_details_edit();
                vec![]
            }
            Action::NextOpen => self.go_next_open(),
            // Up/Down go from one actionable line (an open question, sign-off) to the next, so the
            // cursor never sits invisibly on a blank or text line; paging still scrolls line by line.
            Action::Up | Action::Down => {
                let sel = self.review_sel;
                let next = if action == Action::Up {
                    lines
                        .iter()
                        .enumerate()
                        .rev()
                        .find(|(i, l)| *i < sel && l.target.is_some())
                } else {
                    lines
                        .iter()
                        .enumerate()
                        .find(|(i, l)| *i > sel && l.target.is_some())
                };
                if let Some((i, _)) = next {
                    self.review_sel = i;
                } else {
                    let page = self.page();
                    Self::list_move(&mut self.review_sel, lines.len(), action, page);
                }
                vec![]
            }
            a => {
                let page = self.page();
                Self::list_move(&mut self.review_sel, lines.len(), a, page);
                vec![]
            }
        }
    }
}
