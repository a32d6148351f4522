//! The help overlay's content: why the question matters, its legal references, the knowledge base's dated
//! facts for a messenger, and the keys of the screen underneath, wrapped to the overlay's width. State-side,
//! so that `update` knows how far the help scrolls without asking the view.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::app::{App, Screen};
use super::fit::{centered, wrap};
use super::keymap;
use super::strings::S;

/// Where the overlay goes on a screen of `area`.
pub fn popup(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(6).min(100),
        area.height.saturating_sub(2),
    )
}

fn text_width(app: &App) -> usize {
    let full = Rect::new(0, 0, app.size.0, app.size.1.saturating_sub(1));
    (popup(full).width as usize).saturating_sub(4).max(10)
}

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let th = app.theme;
    let w = text_width(app);
    let code = app.code();
    let mut out: Vec<Line<'static>> = Vec::new();
    let heading = |s: String| Line::from(Span::styled(s, th.title()));

    if app.screen == Screen::Question
        && let (Some(s), Some((key, q))) = (app.session(), app.current())
    {
        let item = s.item_label(key.section, key.item, code);
        for l in wrap(&q.text.render(code, item.as_deref()), w) {
            out.push(Line::from(Span::styled(l, th.question())));
        }
        out.push(Line::from(""));
        out.push(heading(app.t(S::WhyItMatters).to_string()));
        match &q.help {
            Some(h) => {
                for l in wrap(&h.render(code, item.as_deref()), w) {
                    out.push(Line::from(l));
                }
            }
            None => out.push(Line::from(Span::styled(app.t(S::NoHelp), th.dim()))),
        }
        if !q.refs.is_empty() {
            out.push(Line::from(""));
            out.push(heading(app.t(S::LegalRefs).to_string()));
            for r in &q.refs {
                for l in wrap(&format!("· {}", r.get(code)), w) {
                    out.push(Line::from(l));
                }
            }
        }
        let entry = s
            .item_id(key.section, key.item)
            .and_then(|id| s.checklist().knowledge.as_ref().and_then(|kb| kb.entry(id)));
        if let Some(e) = entry {
            out.push(Line::from(""));
            out.push(heading(format!(
                "{}: {} ({} {})",
                app.t(S::KnowledgeFacts),
                crate::text::sanitize_line(&e.name),
                app.t(S::AsOf),
                crate::i18n::dates::date(app.lang, e.as_of)
            )));
            for f in &e.facts {
                let text = format!("· {}: {}", f.label.get(code), f.value.get(code));
                for (i, l) in wrap(&text, w.saturating_sub(2)).into_iter().enumerate() {
                    out.push(Line::from(if i == 0 { l } else { format!("  {l}") }));
                }
            }
            if let Some(n) = &e.note {
                for l in wrap(n.get(code), w) {
                    out.push(Line::from(Span::styled(l, th.dim())));
                }
            }
            out.push(Line::from(Span::styled(
                format!("{}:", app.t(S::Sources)),
                th.dim(),
            )));
            for src in &e.sources {
                for l in wrap(&format!("  {src}"), w) {
                    out.push(Line::from(Span::styled(l, th.dim())));
                }
            }
        }
        out.push(Line::from(""));
    }

    out.push(heading(app.t(S::Keys).to_string()));
    if app.screen == Screen::Question {
        for l in wrap(app.t(S::KeysIntro), w) {
            out.push(Line::from(Span::styled(l, th.dim())));
        }
    }
    // The keys of the screen underneath the overlay.
    for b in keymap::active(&app.screen_contexts(), app.lang) {
        let keys = b.keys_label(app.lang);
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<22}"), th.key()),
            Span::raw(b.label.get(app.lang).to_string()),
        ]));
    }
    out
}
