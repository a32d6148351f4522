//! Fitting to the terminal: word-wrapping (textwrap) and cutting with an ellipsis (unicode-truncate), by
//! display width and sanitised per line, and centring a box. Used by screen models and views alike.

use std::borrow::Cow;

use textwrap::{Options, WordSplitter};
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

use crate::text::sanitize_line;

/// The widest running text the screens set (question, answers, review): longer lines are hard to read on
/// a wide terminal.
pub const READ_WIDTH: u16 = 100;

/// A box of at most `w` x `h` centred in `area`.
pub fn centered(area: ratatui::layout::Rect, w: u16, h: u16) -> ratatui::layout::Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    ratatui::layout::Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Word-wrap `text` to `width` columns, each line sanitised. Explicit line breaks are kept, runs of
/// spaces collapse, words longer than a line are cut, and no wrapped line starts with a space.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let opts = Options::new(width)
        .break_words(true)
        .word_splitter(WordSplitter::NoHyphenation);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = sanitize_line(para);
        let words: Vec<&str> = para.split(' ').filter(|w| !w.is_empty()).collect();
        let joined = words.join(" ");
        if joined.is_empty() {
            out.push(String::new());
            continue;
        }
        out.extend(
            textwrap::wrap(&joined, &opts)
                .into_iter()
                .map(Cow::into_owned),
        );
    }
    out
}

/// Cut `s` to `width` columns, with an ellipsis when cut.
pub fn truncate(s: &str, width: usize) -> String {
    let s = sanitize_line(s);
    if s.width() <= width {
        return s.into_owned();
    }
    let (cut, _) = s.unicode_truncate(width.saturating_sub(1));
    format!("{cut}…")
}

/// Cut `s` to `width` columns at a word boundary, with an ellipsis when cut; a single word longer than
/// the line is cut inside (nothing better fits).
pub fn truncate_words(s: &str, width: usize) -> String {
    let s = sanitize_line(s);
    if s.width() <= width {
        return s.into_owned();
    }
    // Room for " …" after the kept words.
    let (cut, _) = s.unicode_truncate(width.saturating_sub(2));
    let kept = if s[cut.len()..].starts_with(' ') {
        cut
    } else {
        cut.rfind(' ').map_or("", |i| &cut[..i])
    };
    // No separator ("·", "—", ":") left dangling before the ellipsis.
    let kept = kept.trim_end_matches([' ', '·', '—', '–', ':', ',']);
    if kept.is_empty() {
        let (cut, _) = s.unicode_truncate(width.saturating_sub(1));
        format!("{cut}…")
    } else {
        format!("{kept} …")
    }
}

/// As much of `text` as fits in `lines` lines of `width` columns, word-wrapped; when the text is longer,
/// the last line ends in an ellipsis at a word boundary.
pub fn wrap_lines(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out = wrap(text, width);
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            *last = truncate_words(&format!("{last} …"), width);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_display_width_without_leading_spaces() {
        assert_eq!(wrap("eins zwei  drei", 9), ["eins zwei", "drei"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(
            wrap("Datenschutzbeauftragte", 10),
            ["Datenschut", "zbeauftrag", "te"]
        );
        assert_eq!(
            wrap("E-Mail-Prozesse im Unternehmen", 16),
            ["E-Mail-Prozesse", "im Unternehmen"]
        );
        assert_eq!(wrap("日本語 テキスト", 6), ["日本語", "テキス", "ト"]);
    }

    #[test]
    fn cuts_at_word_boundaries() {
        assert_eq!(truncate_words("eins zwei drei", 20), "eins zwei drei");
        assert_eq!(truncate_words("eins zwei drei", 12), "eins zwei …");
        assert_eq!(truncate_words("a · b · --checklists", 14), "a · b …");
        assert_eq!(truncate_words("Datenschutzbeauftragte", 8), "Datensc…");
        assert_eq!(wrap_lines("eins zwei drei vier", 10, 1), ["eins …"]);
        assert_eq!(wrap_lines("eins zwei drei vier", 11, 1), ["eins zwei …"]);
        assert_eq!(wrap_lines("eins zwei", 10, 2), ["eins zwei"]);
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        assert_eq!(truncate("Muster GmbH", 20), "Muster GmbH");
        assert_eq!(truncate("Muster GmbH", 7), "Muster…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
    }
}
