//! The results screen's part of `update`: listing, opening, verifying a signed result and writing its
//! reports, as methods on the app (state in `results`, effects carried out by the runner).

use super::app::{App, Screen};
use super::fields::{field_text, text_field};
use super::keymap::Action;
use super::results::{ACTS, Act, Opened, Reply, Request, ResultsUi, text_width};
use super::update::Effect;
use crate::i18n::results as tx;
use crate::report::{Report, reading};
use crate::result::amend::AmendError;
use crate::text::sanitize_line;
use std::path::PathBuf;

impl App {
    /// From the start screen: the results screen, listed afresh.
    pub(super) fn open_results(&mut self) -> Vec<Effect> {
        self.results = ResultsUi {
            busy: true,
            ..ResultsUi::default()
        };
        self.screen = Screen::Results;
        vec![Effect::Results(Request::List)]
    }

    pub(super) fn results_action(&mut self, action: Action) -> Vec<Effect> {
        if self.results.busy {
            return vec![];
        }
        let page = self.page();
        let width = text_width(self.size.0);
        if let Some(o) = self.results.opened.as_mut() {
            if o.reason.is_some() {
                return self.reason_action(action);
            }
            let last = ACTS.len() - 1;
            match action {
                Action::Amend => return self.ask_reason(),
                Action::Up => o.act = o.act.saturating_sub(1),
                Action::Down => o.act = (o.act + 1).min(last),
                Action::PageUp => o.scroll = o.scroll.saturating_sub(page),
                // The view clamps the offset to the last page; the number of lines bounds it here.
                Action::PageDown => o.scroll = (o.scroll + page).min(o.wrapped_len(width)),
                Action::Top => o.scroll = 0,
                Action::Bottom => o.scroll = o.wrapped_len(width),
                Action::Back => self.results.opened = None,
                Action::Confirm => {
                    let path = o.path.clone();
                    match ACTS[o.act.min(last)] {
                        Act::Back => self.results.opened = None,
                        Act::Verify => {
                            self.results.busy = true;
                            return vec![Effect::Results(Request::Verify(path))];
                        }
                        Act::Write(f) => {
                            self.results.busy = true;
                            return vec![Effect::Results(Request::Write(path, f))];
                        }
                        Act::Amend => return self.ask_reason(),
                    }
                }
                _ => {}
            }
            return vec![];
        }
        let n = self.results.listed().len();
        match action {
            Action::Back => {
                self.screen = Screen::Start;
                vec![]
            }
            Action::Confirm => match self.results.listed().get(self.results.sel) {
                Some(l) => {
                    let path = l.path.clone();
                    self.results.busy = true;
                    vec![Effect::Results(Request::Open(path))]
                }
                None => vec![],
            },
            a => {
                Self::list_move(&mut self.results.sel, n, a, page / 2);
                vec![]
            }
        }
    }

    /// The amendment's reason is asked for, under the opened result; a result that does not verify is
    /// refused at once (the application layer verifies again when the draft is prepared).
    fn ask_reason(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        if let Some(o) = self.results.opened.as_mut() {
            if o.valid {
                o.reason = Some(text_field("", false));
                o.message = None;
            } else {
                o.message = Some((tx::AMEND_NOT_VALID.get(lang).to_string(), true));
            }
        }
        vec![]
    }

    /// Keys while the reason is typed: Enter asks for the draft, Esc closes the field.
    fn reason_action(&mut self, action: Action) -> Vec<Effect> {
        let lang = self.lang;
        let Some(o) = self.results.opened.as_mut() else {
            return vec![];
        };
        match action {
            Action::Back => o.reason = None,
            Action::Confirm => {
                let reason = o.reason.as_ref().map(field_text).unwrap_or_default();
                if reason.trim().is_empty() {
                    // The rule and its words are the application layer's.
                    o.message = Some((AmendError::NoReason.text(lang), true));
                    return vec![];
                }
                o.reason = None;
                let path = o.path.clone();
                self.results.busy = true;
                return vec![Effect::Results(Request::Amend(path, reason))];
            }
            _ => {}
        }
        vec![]
    }

    fn opened(path: PathBuf, r: Result<Box<Report>, String>) -> Opened {
        let valid = r.as_ref().is_ok_and(|r| r.verification.valid);
        Opened {
            path,
            lines: r
                .map(|r| reading::lines(&r))
                .map_err(|e| sanitize_line(&e).into_owned()),
            valid,
            scroll: 0,
            act: 0,
            message: None,
            reason: None,
        }
    }

    pub(super) fn results_reply(&mut self, reply: Reply) -> Vec<Effect> {
        let ui = &mut self.results;
        ui.busy = false;
        match reply {
            Reply::Listed(dir, l) => {
                ui.dir = Some(dir);
                let n = l.as_ref().map_or(0, Vec::len);
                ui.sel = ui.sel.min(n.saturating_sub(1));
                ui.list = Some(l.map_err(|e| sanitize_line(&e).into_owned()));
            }
            Reply::Opened(path, r) => ui.opened = Some(Self::opened(path, r)),
            Reply::Verified(path, r) => {
                let line = match &r {
                    Ok(rep) => (
                        tx::VERIFIED.fill(self.lang, &[&rep.verification.headline]),
                        !rep.verification.valid,
                    ),
                    Err(e) => (sanitize_line(e).into_owned(), true),
                };
                let act = ui.opened.as_ref().map_or(0, |o| o.act);
                let mut o = Self::opened(path, r);
                o.act = act;
                o.message = Some(line);
                ui.opened = Some(o);
            }
            Reply::Amended(Ok(draft)) => {
                let id = draft.audit_id.clone();
                ui.amendment = Some(draft);
                return vec![Effect::StartDraft(id)];
            }
            Reply::Amended(Err(e)) => {
                if let Some(o) = ui.opened.as_mut() {
                    o.message = Some((
                        tx::AMEND_FAILED.fill(self.lang, &[&sanitize_line(&e)]),
                        true,
                    ));
                }
            }
            Reply::Written(r) => {
                if let Some(o) = ui.opened.as_mut() {
                    o.message = Some(match r {
                        Ok(files) => {
                            let names: Vec<String> = files
                                .iter()
                                .map(|p| sanitize_line(&p.display().to_string()).into_owned())
                                .collect();
                            (tx::WRITTEN.fill(self.lang, &[&names.join(", ")]), false)
                        }
                        Err(e) => (tx::NOT_WRITTEN.fill(self.lang, &[&sanitize_line(&e)]), true),
                    });
                }
            }
        }
        vec![]
    }
}
