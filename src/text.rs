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

/// Characters that must never reach a terminal from a file, a path or user input shown in a
/// diagnostic: C0 and C1 controls and DEL (escape sequences, OSC, BEL), bidirectional controls
/// (they reorder what is shown, "Trojan Source"), zero-width and other invisible formatting
/// characters, and the Unicode line and paragraph separators.
pub fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

/// Shows every [`is_hostile`] character as a visible escape (`\u{1b}`), everything else as it is:
/// for diagnostics, where the reader must see that something odd is there and what it is.
pub fn escape_visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c`, escaped if it is [`is_hostile`].
pub fn push_visible(out: &mut String, c: char) {
    if is_hostile(c) {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.push(c);
    }
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

    #[test]
    fn escapes_hostile_characters_visibly() {
        assert_eq!(
            escape_visible("a\u{1b}]0;x\u{7}b\u{9b}\u{7f}"),
            "a\\u{1b}]0;x\\u{7}b\\u{9b}\\u{7f}"
        );
        assert_eq!(
            escape_visible("\u{202E}\u{2066}\u{200B}\u{2028}\u{FEFF}"),
            "\\u{202e}\\u{2066}\\u{200b}\\u{2028}\\u{feff}"
        );
        assert!(matches!(escape_visible("Grüße, 日本"), Cow::Borrowed(_)));
    }
}
