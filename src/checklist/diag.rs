//! Compiler-style diagnostics for checklist files: `path:line:col: error: message`, followed by the offending
//! source line with a caret under the problem. Positions are computed once from byte spans. Whatever
//! comes from a file or its path is shown with control, bidi and invisible characters escaped.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::text::escape_visible;

/// The longest source line an excerpt shows; longer lines are cut around the caret.
const MAX_EXCERPT_CHARS: usize = 160;

/// One problem in one file, located by line and column (both 1-based; the column counts characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub excerpt: Option<Excerpt>,
    /// Further lines printed after the excerpt (e.g. the expected/actual difference of a failed example).
    pub notes: Vec<String>,
}

/// The source line of a diagnostic, already made safe to print, and where the caret goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub caret_start: usize,
    pub caret_len: usize,
}

impl Diagnostic {
    /// A diagnostic for `span` (byte offsets) in `source`.
    pub fn at(path: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let caret_len = source[start..end.min(line_end)].chars().count().max(1);
        Diagnostic {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            excerpt: Some(Excerpt::new(line_text, column - 1, caret_len)),
            notes: Vec::new(),
        }
    }

    /// A diagnostic about a whole file (unreadable, too large, not UTF-8 before any line could be shown).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: message.into(),
            excerpt: None,
            notes: Vec::new(),
        }
    }
}

impl Excerpt {
    fn new(line: &str, caret_start: usize, caret_len: usize) -> Self {
        let chars: Vec<char> = line.chars().collect();
        let (from, to) = if chars.len() <= MAX_EXCERPT_CHARS {
            (0, chars.len())
        } else {
            let from = caret_start.saturating_sub(MAX_EXCERPT_CHARS / 2);
            (from, (from + MAX_EXCERPT_CHARS).min(chars.len()))
        };
        let caret_start = caret_start.saturating_sub(from).min(to - from);
        let caret_len = caret_len
            .min((to - from).saturating_sub(caret_start))
            .max(1);
        // Never print control characters from a file to the terminal: they could move the cursor
        // or worse. They are shown escaped (`\u{1b}`), and the caret moves with the longer text.
        let mut text = String::new();
        let (mut shown_start, mut shown_len) = (0, 0);
        for (i, &c) in chars[from..to].iter().enumerate() {
            let before = text.chars().count();
            if c == '\t' {
                text.push(' ');
            } else {
                crate::text::push_visible(&mut text, c);
            }
            let width = text.chars().count() - before;
            if i < caret_start {
                shown_start += width;
            } else if i < caret_start + caret_len {
                shown_len += width;
            }
        }
        Excerpt {
            text,
            caret_start: shown_start,
            caret_len: shown_len.max(1),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            escape_visible(&self.path.display().to_string()),
            self.line,
            self.column,
            escape_visible(&self.message)
        )?;
        if let Some(ex) = &self.excerpt {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            write!(
                f,
                "\n{pad} |\n{gutter} | {}\n{pad} | {}{}",
                ex.text,
                " ".repeat(ex.caret_start),
                "^".repeat(ex.caret_len)
            )?;
        }
        for n in &self.notes {
            write!(f, "\n  = {}", escape_visible(n))?;
        }
        Ok(())
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_in_characters() {
        let src = "a = 1\nbeschreibung = \"Ä\" bad\n";
        let at = src.find("bad").unwrap_or(0);
        let d = Diagnostic::at(Path::new("x.toml"), src, at..at + 3, "oops");
        assert_eq!((d.line, d.column), (2, 20));
        assert_eq!(
            d.to_string(),
            "x.toml:2:20: error: oops\n  |\n2 | beschreibung = \"Ä\" bad\n  |                    ^^^"
        );
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        let src = "x = \"\u{1b}[2J\"";
        let d = Diagnostic::at(Path::new("x.toml"), src, 4..5, "bad");
        assert!(!d.to_string().contains('\u{1b}'));
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let src = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let d = Diagnostic::at(Path::new("x.toml"), &src, 1000..1001, "here");
        let ex = d.excerpt.unwrap_or_else(|| panic!("excerpt"));
        assert!(ex.text.chars().count() <= MAX_EXCERPT_CHARS);
        assert_eq!(ex.text.chars().nth(ex.caret_start), Some('X'));
    }

    #[test]
    fn span_past_the_end_is_clamped() {
        let d = Diagnostic::at(Path::new("x.toml"), "abc", 10..20, "end");
        assert_eq!((d.line, d.column), (1, 4));
    }
}
