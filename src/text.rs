//! Text hygiene for everything msgaudit prints: checklist text and user input never reach a terminal
//! with control characters (escape sequences could move the cursor, recolour or retitle the terminal).

use std::borrow::Cow;

/// Replace control characters other than newline and tab, and bidirectional overrides, with U+FFFD.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// Like `sanitize`, but for one line: newlines and tabs become spaces.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    if s.chars()
        .all(|c| !is_unsafe(c) && c != '\n' && c != '\t' && c != '\r')
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\t' | '\r' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escapes_and_bidi_keeps_umlauts() {
        assert_eq!(sanitize("Prüfung\u{1b}[31m"), "Prüfung\u{FFFD}[31m");
        assert_eq!(sanitize("a\u{202E}b"), "a\u{FFFD}b");
        assert!(matches!(sanitize("Grüße\n\tok"), Cow::Borrowed(_)));
        assert_eq!(sanitize_line("a\nb\tc\r"), "a b c ");
    }
}
