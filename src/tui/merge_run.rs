//! Runs the merge's review of conflicts in the terminal: the same terminal handling as the app (raw mode,
//! alternate screen, a blocking read on a thread of its own, signals, the terminal restored on every
//! way out), drawing `view::merge` after each input that changed something.

use std::io;
use std::sync::mpsc::channel;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use super::merge::{Effect, Msg, Review, update};
use super::theme::Theme;
use super::{Guard, Input, install_panic_hook, spawn_reader};
use crate::audit::merging::Conflict;
use crate::lang::Lang;

/// Review `conflicts` one by one; the value taken for each (an index into its candidates), or None
/// when the auditor cancelled (or a signal ended the review).
pub fn review_merge(
    conflicts: &[Conflict],
    names: &[String],
    lang: Lang,
) -> io::Result<Option<Vec<usize>>> {
    let mut review = Review::new(conflicts.to_vec(), names.to_vec(), lang, Theme::from_env());
    review.tz = crate::i18n::dates::Zone::System;
    install_panic_hook(lang);
    let (tx, rx) = channel();
    #[cfg(unix)]
    super::watch_signals(tx.clone())?;
    let _guard = Guard;
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.hide_cursor()?;
    let size = terminal.size()?;
    review.size = (size.width, size.height);
    spawn_reader(tx)?;
    let mut redraw = true;
    loop {
        if redraw {
            terminal.draw(|f| f.render_widget(&review, f.area()))?;
        }
        let msg = match rx.recv() {
            Ok(Input::Event(Ok(Event::Key(k)))) if k.kind != KeyEventKind::Release => Msg::Key(k),
            Ok(Input::Event(Ok(Event::Resize(w, h)))) => Msg::Resize(w, h),
            Ok(Input::Event(Ok(_)) | Input::Catalog(_)) => {
                redraw = false;
                continue;
            }
            Ok(Input::Event(Err(e))) => return Err(e),
            Ok(Input::Signal) | Err(_) => Msg::Terminate,
        };
        redraw = true;
        // Both effects end the review.
        if let Some(effect) = update(&mut review, msg).into_iter().next() {
            return Ok(match effect {
                Effect::Save(picks) => Some(picks),
                Effect::Cancel => None,
            });
        }
    }
}
