//! A focused text field. Single-line fields are the text area's own widget; multi-line ones are drawn here:
//! the text area's word wrap starts a line with the space (or the full stop) that did not fit, ours lets
//! spaces hang at the end of a line, so no wrapped line starts with a space.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use ratatui_textarea::{TextArea, WrapMode};
use unicode_width::UnicodeWidthChar;

use crate::text::sanitize_line;

/// The start (char index) of each display row of `line` wrapped to `width` columns.
pub fn row_starts(line: &[char], width: usize) -> Vec<usize> {
    let width = width.max(1);
    let mut starts = vec![0];
    let mut col = 0;
    let mut i = 0;
    while i < line.len() {
        // A word and the spaces after it; the spaces may hang past the edge.
        let word_end = (i..line.len())
            .find(|&j| line[j] == ' ')
            .unwrap_or(line.len());
        let word_w: usize = line[i..word_end]
            .iter()
            .map(|c| c.width().unwrap_or(0))
            .sum();
        if col > 0 && col + word_w > width {
            starts.push(i);
            col = 0;
        }
        // A word longer than a line is cut where the line ends.
        for (j, ch) in line.iter().enumerate().take(word_end).skip(i) {
            let w = ch.width().unwrap_or(0);
            if col + w > width && col > 0 {
                starts.push(j);
                col = 0;
            }
            col += w;
        }
        let mut j = word_end;
        while j < line.len() && line[j] == ' ' {
            col += 1;
            j += 1;
        }
        i = j;
    }
    starts
}

/// Draw `t` focused in `area`, with its cursor.
pub fn render(t: &TextArea<'static>, area: Rect, buf: &mut Buffer) {
    if t.wrap_mode() == WrapMode::None || t.mask_char().is_some() || area.width == 0 {
        t.render(area, buf);
        return;
    }
    let width = area.width as usize;
    let (cur_row, cur_col) = (t.cursor().0, t.cursor().1);
    // Every display row: its text and, on the cursor's row, the cursor's column.
    let mut rows: Vec<(String, Option<usize>)> = Vec::new();
    let mut cursor_at = 0;
    for (r, line) in t.lines().iter().enumerate() {
        let chars: Vec<char> = sanitize_line(line).chars().collect();
        let starts = row_starts(&chars, width);
        for (k, &s) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(chars.len());
            let last = k + 1 == starts.len();
            let here = r == cur_row && cur_col >= s && (cur_col < end || last);
            let col = here.then(|| {
                let w: usize = chars[s..cur_col.min(chars.len())]
                    .iter()
                    .map(|c| c.width().unwrap_or(0))
                    .sum();
                w.min(width - 1)
            });
            if here {
                cursor_at = rows.len();
            }
            rows.push((chars[s..end].iter().collect(), col));
        }
    }
    let height = area.height as usize;
    let top = cursor_at.saturating_sub(height.saturating_sub(1));
    for (i, (text, col)) in rows.iter().skip(top).take(height).enumerate() {
        let y = area.y + i as u16;
        Line::from(text.trim_end().to_string())
            .style(t.style())
            .render(Rect::new(area.x, y, area.width, 1), buf);
        if let Some(c) = col {
            buf[(area.x + *c as u16, y)].set_style(t.cursor_style());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let starts = row_starts(&chars, width);
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| {
                let end = starts.get(k + 1).copied().unwrap_or(chars.len());
                chars[s..end].iter().collect()
            })
            .collect()
    }

    #[test]
    fn spaces_hang_at_the_end_of_a_line() {
        let t = "Ich bestätige, dass die Antworten dieser Prüfung nach bestem Wissen erhoben";
        for w in [20, 39, 40, 41, 70] {
            for r in rows(t, w) {
                assert!(!r.starts_with(' '), "{r:?} at {w}");
                assert!(r.trim_end().chars().count() <= w, "{r:?} at {w}");
            }
        }
        assert_eq!(rows("aaa bbb", 3), ["aaa ", "bbb"]);
        assert_eq!(rows("abcdefg", 3), ["abc", "def", "g"]);
        assert_eq!(rows("wiedergeben.", 70), ["wiedergeben."]);
        assert_eq!(rows("", 5), [""]);
    }
}
