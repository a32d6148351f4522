//! Text hygiene for everything msgaudit prints: checklist text and user input never reach a terminal
//! with control characters (escape sequences could move the cursor, recolour or retitle the terminal).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Replace every [`is_hostile`] character other than newline and tab with U+FFFD: controls, bidi
/// controls, zero-width and other invisible characters. The Unicode line and paragraph separators
/// (U+2028, U+2029) become a newline, which is what they mean.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| !is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{2028}' | '\u{2029}' => '\n',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Like `sanitize`, but for one line: newlines, tabs and the line and paragraph separators become spaces.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    let breaks = |c: char| matches!(c, '\n' | '\t' | '\r' | '\u{2028}' | '\u{2029}');
    if s.chars().all(|c| !is_unsafe(c) && !breaks(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                c if breaks(c) => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// JSON as msgaudit writes it: every [`is_hostile`] character inside a string becomes a `\uXXXX`
/// escape (`serde_json` escapes only C0), so DEL, C1, bidi and invisible characters never reach a
/// terminal or a log raw. `json` must be `serde_json` output: there, a raw character other than the
/// pretty-printer's newlines and spaces can only stand inside a string, where the escape is valid.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| is_hostile(c) && c != '\n') {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_hostile(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}"); // writing to a String cannot fail
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c)); // writing to a String cannot fail
    } else {
        out.push(c);
    }
}

fn is_unsafe(c: char) -> bool {
    is_hostile(c) && c != '\n' && c != '\t'
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

    #[test]
    fn sanitize_handles_invisible_characters_and_unicode_line_breaks() {
        assert_eq!(
            sanitize("a\u{200B}b\u{2060}c\u{FEFF}d\u{E0041}e\u{7f}\u{9b}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}\u{FFFD}"
        );
        assert_eq!(sanitize("one\u{2028}two\u{2029}three"), "one\ntwo\nthree");
        assert_eq!(
            sanitize_line("one\u{2028}two\u{2029}three"),
            "one two three"
        );
        assert_eq!(sanitize_line("x\u{200D}y"), "x\u{FFFD}y");
        for s in ["a\u{200B}", "\u{2066}b\u{2069}", "\u{1b}[2J", "\u{85}"] {
            assert!(
                !sanitize(s).chars().any(|c| is_hostile(c) && c != '\n'),
                "{s:?}"
            );
            assert!(!sanitize_line(s).chars().any(is_hostile), "{s:?}");
        }
    }

    #[test]
    fn json_escapes_every_hostile_character() {
        let v =
            serde_json::json!({ "t": "a\u{7f}b\u{9b}c\u{202E}d\u{200B}e\u{2028}f\u{E0041}\u{1b}" });
        let pretty = serde_json::to_string_pretty(&v).unwrap_or_default();
        let escaped = escape_json(&pretty);
        assert!(
            !escaped.chars().any(|c| is_hostile(c) && c != '\n'),
            "{escaped}"
        );
        assert!(
            escaped.contains("\\u007f") && escaped.contains("\\udb40\\udc41"),
            "{escaped}"
        );
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, v, "the same value, only escaped");
        assert!(matches!(
            escape_json("{\n  \"a\": \"Grüße\"\n}"),
            Cow::Borrowed(_)
        ));
    }
}
