//! Text fields of the forms (details, notes, sign-off): made from a stored text with control characters
//! removed, and read back. A leaf, so that every screen's state can hold fields without naming `app`.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::text::sanitize_line;

/// A field holding `text` (sanitised), the cursor at its end; multi-line fields wrap at words.
pub fn text_field(text: &str, multi_line: bool) -> TextArea<'static> {
    let lines: Vec<String> = if multi_line {
        text.lines()
            .map(|l| sanitize_line(l).into_owned())
            .collect()
    } else {
        vec![sanitize_line(text).into_owned()]
    };
    let mut t = TextArea::new(lines);
    t.set_cursor_line_style(ratatui::style::Style::new());
    if multi_line {
        t.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    t.move_cursor(CursorMove::Bottom);
    t.move_cursor(CursorMove::End);
    t
}

/// The field's text, lines joined with newlines.
pub fn field_text(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}
